"""What the Add Layer dialog shows about a file before it is loaded.

Only a header and a few records are read, so the dialog answers at once even
for large files: the layers inside, the attribute names, the CRS the file
declares, the text encoding riskmap detects, and the first records decoded
with the encoding the user picks (read straight from the DBF bytes, so a GBK
file shows its Chinese correctly, or visibly garbled under a wrong choice).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import pyogrio
from pyproj import CRS

from riskmap.errors import LayerReadError
from riskmap.io.crs import crs_label
from riskmap.io.encoding import (
    SAMPLE_BYTES,
    dbf_encoding,
    read_dbf_header,
    sidecar,
    text_encoding,
)
from riskmap.io.raster import inspect_raster
from riskmap.io.sources import source_path
from riskmap.io.tabular import coordinate_columns
from riskmap.io.vector import (
    RASTER_SUFFIXES,
    TABLE_SUFFIXES,
    check_source,
    list_layers,
    readable_source,
    short_reason,
)

PREVIEW_ROWS = 20
#: Encodings offered besides the detected one (Chinese data first).
ENCODINGS = ("utf-8", "gbk", "gb18030", "big5", "utf-8-sig", "latin-1", "cp1252")


@dataclass
class LayerFacts:
    """What the header of one layer says."""

    name: str | None
    fields: list[str]
    features: int
    geometry_type: str
    driver: str
    crs: str | None  # label of the file's CRS, None when it has none
    crs_how: str
    encoding: str | None  # None when the format fixes UTF-8
    encoding_how: str
    notes: list[str] = field(default_factory=list)


class LayerSource:
    """A data file the user picked: vector, CSV table or GeoTIFF."""

    def __init__(self, path: str | Path) -> None:
        # a file picked inside a FileGDB folder stands for the geodatabase
        self.path = source_path(path)
        check_source(self.path, self.path.name)
        suffix = self.path.suffix.lower()
        self.kind = (
            "raster" if suffix in RASTER_SUFFIXES
            else "table" if suffix in TABLE_SUFFIXES
            else "vector"
        )  # fmt: skip
        if self.kind == "vector":
            # a shapefile is opened as loading opens it (a missing .shx
            # rebuilt in a copy), so the dialog refuses nothing the loader reads
            with readable_source(self.path, self.path.name) as (source, _):
                self.layers = list_layers(source, self.path.name)
        else:
            self.layers = [(self.path.stem, "Raster" if self.kind == "raster" else "")]
        self.is_shapefile = suffix == ".shp"

    @property
    def encoding_matters(self) -> bool:
        """True when the file's text encoding is not fixed by its format."""
        return self.is_shapefile or self.kind == "table"

    def facts(self, layer: str | None = None) -> LayerFacts:
        if self.kind == "raster":
            return self._raster_facts()
        if self.kind == "table":
            return self._table_facts()
        return self._vector_facts(layer)

    def _vector_facts(self, layer: str | None) -> LayerFacts:
        encoding, how = None, "the format stores UTF-8"
        if self.is_shapefile:
            choice = dbf_encoding(sidecar(self.path, ".dbf"))
            encoding, how = choice.encoding, choice.how
        with readable_source(self.path, self.path.name) as (source, notes):
            try:
                info = pyogrio.read_info(source, layer=layer, encoding=encoding)
            except Exception as exc:
                raise LayerReadError(
                    f"{self.path.name}: cannot be opened: {short_reason(exc)}",
                    "check that the file is complete and not open in another program",
                ) from None
            prj_dropped = bool(sidecar(self.path, ".prj")) and not sidecar(
                source, ".prj"
            )
        crs, crs_how = None, "none in the file"
        if prj_dropped:
            crs_how = "none: the .prj file cannot be read"
        if info.get("crs"):
            crs = crs_label(CRS.from_user_input(info["crs"]))
            crs_how = "from the .prj file" if self.is_shapefile else "from the file"
        return LayerFacts(
            name=layer or str(info.get("layer_name") or "") or None,
            fields=[str(f) for f in info["fields"]],
            features=max(0, int(info.get("features") or 0)),
            geometry_type=str(info.get("geometry_type") or "None"),
            driver=str(info.get("driver") or ""),
            crs=crs,
            crs_how=crs_how,
            encoding=encoding,
            encoding_how=how,
            notes=notes,
        )

    def _table_facts(self) -> LayerFacts:
        with open(self.path, "rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
        choice = text_encoding(sample)
        frame = self.preview(choice.encoding)
        columns = [str(c) for c in frame.columns]
        found = coordinate_columns(columns)
        crs, how = None, "none: a CSV file has no CRS"
        notes = []
        if found is not None and found[2] == "lonlat":
            crs, how = "EPSG:4326", f"assumed for lon/lat columns {found[0]}/{found[1]}"
        elif found is None:
            notes.append("no coordinate columns (lon/lat, 经度/纬度, x/y) found")
        return LayerFacts(
            None, columns, _count_lines(self.path), "Point", "CSV", crs, how,
            choice.encoding, choice.how, notes,
        )  # fmt: skip

    def _raster_facts(self) -> LayerFacts:
        info, warnings = inspect_raster(self.path)
        return LayerFacts(
            None, [], info.width * info.height, "Raster", info.driver, info.crs,
            info.crs_how, None, "", list(warnings),
        )  # fmt: skip

    def preview(
        self, encoding: str | None, layer: str | None = None, rows: int = PREVIEW_ROWS
    ) -> pd.DataFrame:
        """The first ``rows`` records' attributes decoded with ``encoding``."""
        if self.kind == "raster":
            return pd.DataFrame()
        if self.kind == "table":
            return pd.read_csv(
                self.path, nrows=rows, sep=None, engine="python",
                encoding=encoding or "utf-8", encoding_errors="replace",
            )  # fmt: skip
        if self.is_shapefile:
            dbf = sidecar(self.path, ".dbf")
            return (
                dbf_preview(dbf, encoding or "utf-8", rows) if dbf else pd.DataFrame()
            )
        return pyogrio.read_dataframe(
            self.path, layer=layer, max_features=rows, read_geometry=False
        )


def dbf_preview(dbf: Path, encoding: str, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first records of a DBF, every value decoded from its bytes.

    Bytes that do not decode show as U+FFFD, so a wrong choice is visible.
    """
    header = read_dbf_header(dbf)
    if header is None:
        return pd.DataFrame()
    codec = codecs.lookup(encoding).name
    with open(dbf, "rb") as fh:
        fh.seek(header.header_length)
        raw = fh.read(min(rows, header.records) * header.record_length)
    names = [f.name.decode(codec, "replace") for f in header.fields]
    out: dict[str, list[str]] = {name: [] for name in names}
    for start in range(0, len(raw) - header.record_length + 1, header.record_length):
        record = raw[start : start + header.record_length]
        if record[:1] == b"*":  # deleted
            continue
        for name, f in zip(names, header.fields, strict=True):
            text = record[f.offset : f.offset + f.length].decode(codec, "replace")
            out[name].append(_dbf_value(text.strip(" \x00"), f.type))
    return pd.DataFrame(out)


def _dbf_value(text: str, kind: str) -> str:
    """Numbers as a reader writes them ("30.5", not "30.500000000000000")."""
    if kind in ("N", "F") and text:
        try:
            return f"{float(text):.10g}"
        except ValueError:
            return text
    return text


def _count_lines(path: Path) -> int:
    """Records of a CSV file: its lines after the header."""
    lines = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(0, lines - 1)
