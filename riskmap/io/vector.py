"""Reading vector layers: bulk through pyogrio, salvage through fiona.

Formats are whatever GDAL recognises (Shapefile, GeoPackage, GeoJSON
including RFC 7946, KML, FileGDB ...); CSV point tables go through
:mod:`riskmap.io.tabular`. Files are opened read-only and nothing is ever
written beside them: a shapefile that lacks its ``.shx`` index is copied to a
temporary folder and the index rebuilt there.

The result is a :class:`RawLayer`: the features in their own coordinates, what
the file says about its CRS and encoding, and what was lost on the way. The
row index of the frame is the record number in the file (0-based), so every
message can name a feature.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

import geopandas as gpd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import CRS
from pyproj.exceptions import CRSError

from riskmap.core.feedback import Feedback, NullFeedback, SubFeedback, check
from riskmap.errors import LayerReadError, RiskmapError
from riskmap.io.encoding import (
    EncodingChoice,
    dbf_encoding,
    read_dbf_header,
    sidecar,
)
from riskmap.io.salvage import salvage

#: Chooses the attributes to read from the names the layer has (None: all).
ColumnChoice = Callable[[list[str]], list[str]]
#: Applied to each chunk of features as it is read, with the file's CRS: may
#: replace geometries by smaller ones that stand for them exactly (see
#: ``riskmap.pipeline.loading``); never drops or reorders rows.
ChunkHook = Callable[[gpd.GeoDataFrame, CRS | None], gpd.GeoDataFrame]
#: Layers with more features than this are read in chunks with progress and
#: are reported as large.
LARGE_LAYER = 200_000
_CHUNK = 100_000
RASTER_SUFFIXES = (".tif", ".tiff")
TABLE_SUFFIXES = (".csv", ".txt", ".tsv")
_UTF8_DRIVERS = {
    "GPKG": "GeoPackage text is UTF-8 by specification",
    "GeoJSON": "GeoJSON text is UTF-8 by specification",
    "OpenFileGDB": "FileGDB text is UTF-8",
    "LIBKML": "KML text is UTF-8 (XML)",
    "KML": "KML text is UTF-8 (XML)",
    "FlatGeobuf": "FlatGeobuf text is UTF-8",
}


@dataclass
class RawLayer:
    """A layer as read: raw coordinates plus the facts of the reading."""

    path: Path
    layer: str | None
    driver: str
    layers: list[tuple[str, str]]
    frame: gpd.GeoDataFrame
    file_crs: CRS | None
    crs_how: str
    encoding: EncodingChoice
    total: int  # records the file holds
    lost: list[int] = field(default_factory=list)  # records that could not be read
    warnings: list[str] = field(default_factory=list)
    large: bool = False
    swap_hint: str = ""  # how to fix swapped x/y, in this format's terms


def short_reason(exc: BaseException) -> str:
    """A GDAL error message cut down to what a user can act on."""
    text = str(exc).strip()
    low = text.lower()
    if "not recognized as being in a supported file format" in low or (
        "not recognised" in low
    ):
        return "not a recognised vector format, or the file is damaged"
    if "malformed" in low or "not a database" in low:
        return "the file is damaged (database disk image is malformed)"
    if "no such file" in low:
        return "the file does not exist"
    if "error occurred in" in low and " at line " in low:
        # GDAL names its own source file, which tells a user nothing
        return "the file is damaged (GDAL cannot read its contents)"
    kml = re.match(r"error parsing kml .*? :(.+)", text, re.IGNORECASE | re.DOTALL)
    if kml:  # GDAL's message repeats the whole path
        return f"not valid KML ({kml.group(1).strip()})"
    first = text.split(";")[0].splitlines()[0] if text else type(exc).__name__
    return first.strip().rstrip(".")


def check_source(path: Path, where: str) -> None:
    """Raise LayerReadError unless ``path`` is a readable data file or .gdb folder."""
    if not path.exists():
        # the absolute path with '..' resolved: where riskmap actually looked
        raise LayerReadError(
            f"{where}: file not found: {os.path.abspath(path)}",
            "check the path (paths in a project are relative to the project file)",
        )
    if path.is_dir():
        if path.suffix.lower() != ".gdb":
            raise LayerReadError(
                f"{where}: is a folder, not a data file", "name a file inside it"
            )
        return
    if path.stat().st_size == 0:
        raise LayerReadError(
            f"{where}: cannot be opened: the file is empty (0 bytes)",
            "copy the file again from its source",
        )


def list_layers(path: Path, where: str) -> list[tuple[str, str]]:
    """(name, geometry type) of every layer in a vector file."""
    try:
        found = pyogrio.list_layers(path)
    except (DataSourceError, DataLayerError, OSError) as exc:
        raise LayerReadError(
            f"{where}: cannot be opened: {short_reason(exc)}",
            "riskmap reads Shapefile, GeoPackage, GeoJSON, KML, FileGDB, CSV "
            "and GeoTIFF; check that the file is complete",
        ) from None
    return [(str(name), str(gtype or "None")) for name, gtype in found]


def declared_geometry_type(path: Path, layer: str | None) -> str:
    """The family a layer's schema declares ("point", "line", "polygon" or
    "none"): what an empty layer would hold."""
    try:
        declared = str(pyogrio.read_info(path, layer=layer).get("geometry_type"))
    except (DataSourceError, DataLayerError, OSError):
        return "none"
    for key, family in (
        ("Polygon", "polygon"),
        ("LineString", "line"),
        ("Point", "point"),
    ):
        if key.lower() in declared.lower():
            return family
    return "none"


def choose_layer(
    layers: list[tuple[str, str]], layer: str | None, where: str
) -> str | None:
    names = [name for name, _ in layers]
    if layer is not None:
        if layer not in names:
            raise LayerReadError(
                f"{where}: has no layer '{layer}'",
                f"layers in the file: {', '.join(names) or '(none)'}",
            )
        return layer
    if not names:
        raise LayerReadError(f"{where}: holds no layers", "check the file")
    if len(names) > 1:
        spatial = [name for name, gtype in layers if gtype != "None"]
        if len(spatial) == 1:
            return spatial[0]
        raise LayerReadError(
            f"{where}: holds {len(names)} layers; riskmap does not guess which",
            f'set layer = "<name>" in the project; layers: {", ".join(names)}',
        )
    return names[0]


def _copy_shapefile(path: Path, tmp: Path, leave_out: str = "") -> Path:
    """A copy of the shapefile in ``tmp``, without the ``leave_out`` sidecar."""
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        src = sidecar(path, suffix) if suffix != ".shp" else path
        if suffix == leave_out:
            continue
        if src is not None:
            # the original name keeps the layer name a project may give
            shutil.copyfile(src, tmp / f"{path.stem}{suffix}")
    return tmp / f"{path.stem}.shp"


def unreadable_prj(path: Path) -> str | None:
    """Why the ``.prj`` beside a shapefile is not a CRS, or None if it is one
    (or there is none)."""
    prj = sidecar(path, ".prj")
    if prj is None:
        return None
    text = prj.read_bytes()[:65536].decode("utf-8", errors="replace").strip()
    if not text:
        return "the file is empty"
    try:
        CRS.from_user_input(text)
    except CRSError:
        return "PROJ cannot read it"
    return None


def shx_problem(path: Path) -> str | None:
    """ "missing" or "damaged" (its length is not what its header says) for
    the ``.shx`` index of a shapefile, or None when it looks whole."""
    shx = sidecar(path, ".shx")
    if shx is None:
        return "missing"
    with open(shx, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100:
        return "damaged"
    words = int.from_bytes(head[24:28], "big")  # file length in 16-bit words
    return None if words * 2 == shx.stat().st_size else "damaged"


def _restore_shx(path: Path, tmp: Path) -> Path:
    """A copy of the shapefile in ``tmp`` with its ``.shx`` rebuilt there."""
    copy = _copy_shapefile(path, tmp, leave_out=".shx")
    pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": "YES"})
    try:
        pyogrio.read_info(copy)
    finally:
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": None})
    return copy


def _truncated_records(shp: Path) -> np.ndarray:
    """Records whose bytes lie past the end of a truncated ``.shp``."""
    shx = sidecar(shp, ".shx")
    if shx is None:
        return np.zeros(0, dtype=np.int64)
    index = np.frombuffer(shx.read_bytes()[100:], dtype=">i4")
    if index.size < 2:
        return np.zeros(0, dtype=np.int64)
    index = index[: index.size // 2 * 2].reshape(-1, 2).astype(np.int64)
    ends = (index[:, 0] + 4 + index[:, 1]) * 2  # 16-bit words, 8-byte header
    return np.flatnonzero(ends > shp.stat().st_size)


def _read(
    path: Path,
    layer: str | None,
    encoding: str | None,
    total: int,
    chunked: bool,
    feedback: Feedback,
    columns: list[str] | None = None,
    hook: Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame] | None = None,
) -> gpd.GeoDataFrame:
    hook = hook or (lambda frame: frame)
    if not chunked:
        frame = pyogrio.read_dataframe(
            path, layer=layer, encoding=encoding, columns=columns
        )
        feedback.set_progress(100)
        return hook(frame)
    parts = []
    for start in range(0, total, _CHUNK):
        check(feedback)
        parts.append(
            hook(pyogrio.read_dataframe(
                path, layer=layer, encoding=encoding, columns=columns,
                skip_features=start, max_features=_CHUNK,
            ))
        )  # fmt: skip
        feedback.set_progress(100.0 * min(total, start + _CHUNK) / total)
    frame = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=parts[0].geometry.name, crs=parts[0].crs)


@contextmanager
def readable_source(path: Path, where: str) -> Iterator[tuple[Path, list[str]]]:
    """The file to hand to GDAL for ``path``, and what was done to get it.

    A shapefile whose ``.shx`` is missing or damaged, or whose ``.prj`` is
    not a CRS, is copied to a temporary folder and repaired there (the index
    rebuilt, the ``.prj`` left out); anything else is ``path`` itself.
    Nothing is ever written beside the original.
    """
    path = Path(path)
    notes: list[str] = []
    if path.suffix.lower() != ".shp":
        yield path, notes
        return
    with tempfile.TemporaryDirectory(prefix="riskmap-") as tmp:
        source = path
        shx = shx_problem(path)
        if shx is not None:
            try:
                source = _restore_shx(path, Path(tmp))
            except (DataSourceError, DataLayerError, OSError) as exc:
                raise LayerReadError(
                    f"{where}: cannot be opened: the .shx index is {shx} and "
                    f"cannot be rebuilt ({short_reason(exc)})",
                    "copy the .shx file that belongs with the .shp",
                ) from None
            notes.append(f"{where}: the .shx index is {shx}; it was rebuilt in "
                         "a temporary copy (the original is unchanged)")  # fmt: skip
        bad_prj = unreadable_prj(path)
        if bad_prj is not None:
            # GDAL refuses the whole layer over a broken .prj: read a copy
            # without it, so the layer is treated as having no CRS
            (Path(tmp) / "noprj").mkdir()
            source = _copy_shapefile(source, Path(tmp) / "noprj", leave_out=".prj")
            notes.append(f"{where}: the .prj file is not a coordinate reference "
                         f"system ({bad_prj}); it was ignored")  # fmt: skip
        yield source, notes


def read_vector(
    path: Path,
    layer: str | None = None,
    *,
    encoding: str | None = None,
    where: str | None = None,
    feedback: Feedback | None = None,
    columns: ColumnChoice | None = None,
    chunk_hook: ChunkHook | None = None,
) -> RawLayer:
    """Read one layer of a vector file (see the module note).

    ``encoding`` is the project's declared encoding (shapefiles only; other
    formats store UTF-8). A file that cannot be opened raises LayerReadError;
    a damaged one is salvaged record by record, with the lost records listed.
    ``columns`` picks the attributes to read from the layer's attribute
    names (all of them when None); attributes not read cost no time.
    ``chunk_hook`` sees every chunk as it is read (not a salvaged file's).
    """
    path = Path(path)
    where = where or path.name
    feedback = feedback or NullFeedback()
    check_source(path, where)
    is_shp = path.suffix.lower() == ".shp"
    with readable_source(path, where) as (source, notes):
        return _read_layer(
            path, source, layer, encoding, where, feedback, notes, is_shp, columns,
            chunk_hook,
        )  # fmt: skip


def _read_layer(
    path: Path,
    source: Path,
    layer: str | None,
    encoding: str | None,
    where: str,
    feedback: Feedback,
    notes: list[str],
    is_shp: bool,
    columns: ColumnChoice | None = None,
    chunk_hook: ChunkHook | None = None,
) -> RawLayer:
    layers = list_layers(source, where)
    name = choose_layer(layers, layer, where)
    if is_shp:
        dbf = sidecar(path, ".dbf")
        if dbf is None:
            notes.append(f"{where}: no .dbf beside the .shp: the layer has "
                         "geometries but no attributes")  # fmt: skip
        elif read_dbf_header(dbf) is None:
            notes.append(f"{where}: the .dbf file is empty or not a dBASE table: "
                         "the layer has geometries but no attributes")  # fmt: skip
        enc = dbf_encoding(dbf, encoding)
        read_encoding: str | None = enc.encoding
    else:
        read_encoding = None
        enc = EncodingChoice("utf-8", "the format stores UTF-8")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            info = pyogrio.read_info(source, layer=name, encoding=read_encoding)
    except (DataSourceError, DataLayerError, OSError) as exc:
        raise LayerReadError(
            f"{where}: cannot be opened: {short_reason(exc)}",
            "check that the file is complete and not open in another program",
        ) from None
    info_driver = str(info.get("driver") or "")
    if not is_shp:
        how = _UTF8_DRIVERS.get(info_driver, "the format stores UTF-8")
        enc = EncodingChoice("utf-8", how)
        if encoding:
            notes.append(f"{where}: encoding '{encoding}' in the project is "
                         f"ignored: {how}")  # fmt: skip
    if enc.warning:
        notes.append(f"{where}: {enc.warning}")
    if enc.guess_note():
        notes.append(f"{where}: {enc.guess_note()}")
    total = int(info.get("features") or 0)
    if total < 0:  # drivers that cannot count cheaply
        total = 0
    large = total > LARGE_LAYER
    caps = info.get("capabilities") or {}
    chunked = large and bool(caps.get("fast_set_next_by_index"))
    if large:
        feedback.set_status(f"reading {where}: {total:,} features")
    wanted = None
    if columns is not None:
        wanted = columns([str(f) for f in info.get("fields", [])])
    hook = None
    if chunk_hook is not None:
        try:
            info_crs = CRS.from_user_input(info["crs"]) if info.get("crs") else None
        except CRSError:
            info_crs = None  # told below, when the CRS is read for the layer
        hook = lambda frame: chunk_hook(frame, info_crs)  # noqa: E731
    lost: list[int] = []
    try:
        with warnings.catch_warnings(record=True) as more:
            warnings.simplefilter("always")
            frame = _read(
                source, name, read_encoding, total, chunked, feedback, wanted, hook
            )
        caught.extend(more)
        file_crs = CRS.from_user_input(info["crs"]) if info.get("crs") else None
    except RiskmapError:  # canceled
        raise
    except Exception:  # pyogrio gave up: read record by record
        saved = salvage(
            source, name, read_encoding, where, SubFeedback(feedback, 0, 100)
        )
        frame, file_crs, lost = saved.frame, saved.crs, saved.lost
        total = saved.total
        if wanted is not None:
            keep = [c for c in frame.columns if c in wanted]
            frame = frame[[*keep, frame.geometry.name]]
        if lost:
            notes.append(_lost_message(where, lost, total, saved.first_error))
    if is_shp:
        truncated = _truncated_records(source)
        truncated = truncated[truncated < total]
        if truncated.size:
            lost = sorted(set(lost) | set(truncated.tolist()))
            frame = frame.drop(index=truncated, errors="ignore")
            notes.append(_lost_message(where, truncated.tolist(), total,
                                       "the .shp file is truncated"))  # fmt: skip
    missing = total - len(frame) - len(lost)
    if missing > 0 and not lost and bool(caps.get("fast_feature_count")):
        # GDAL stopped early without an error (a truncated FileGDB table does
        # this): the records past the last one read are the ones lost.
        lost = list(range(len(frame), total))
        notes.append(_lost_message(where, lost, total, "the file ends early"))
    for w in caught:
        notes.append(f"{where}: {w.message}")
    crs_how = "from the file"
    if is_shp:
        crs_how = "from the .prj file" if sidecar(source, ".prj") else "none: no .prj"
        if sidecar(path, ".prj") and not sidecar(source, ".prj"):
            crs_how = "none: the .prj file cannot be read"
    elif file_crs is None:
        crs_how = "none in the file"
    if large:
        notes.append(f"{where}: large layer: {total:,} features")
    return RawLayer(
        path=path, layer=name, driver=info_driver, layers=layers, frame=frame,
        file_crs=file_crs, crs_how=crs_how, encoding=enc, total=total, lost=lost,
        warnings=notes, large=large,
    )  # fmt: skip


def _lost_message(where: str, lost: list[int], total: int, reason: str) -> str:
    shown = ", ".join(str(i) for i in lost[:10])
    more = f" and {len(lost) - 10} more" if len(lost) > 10 else ""
    return (
        f"{where}: {len(lost)} of {total} records could not be read and were "
        f"skipped (records {shown}{more}): {reason}"
    )
