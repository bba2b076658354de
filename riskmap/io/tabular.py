"""CSV tables of points (or WKT geometries) as layers.

The coordinate columns are found by name: lon/lat, lng/lat, longitude/latitude,
经度/纬度 (taken as WGS 84 lon/lat unless the project declares ``source_crs``),
x/y (CRS from the project, or lon/lat when every value is plausible), and
东坐标/北坐标 or easting/northing (projected: ``source_crs`` required). A column
named wkt, geometry or geom holding WKT text is used when there are no
coordinate columns. The text encoding is detected as for DBF files (UTF-8 with
or without BOM, GBK/GB18030, else latin-1 with a warning).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

import geopandas as gpd
import shapely
from pyproj import CRS

from riskmap.errors import LayerReadError
from riskmap.io.encoding import SAMPLE_BYTES, text_encoding
from riskmap.io.vector import LARGE_LAYER, RawLayer

_LONLAT = (
    ("lon", "lng", "long", "longitude", "经度", "东经"),
    ("lat", "latitude", "纬度", "北纬"),
)
_XY = (("x", "point_x", "x坐标"), ("y", "point_y", "y坐标"))
_PROJECTED = (
    ("东坐标", "easting", "east", "e"),
    ("北坐标", "northing", "north", "n"),
)
_WKT = ("wkt", "geometry", "geom", "the_geom", "shape")


def _norm(name: str) -> str:
    return str(name).strip().casefold().replace(" ", "_")


def _find(columns: list[str], names: tuple[str, ...]) -> str | None:
    by_norm = {_norm(c): c for c in columns}
    for name in names:
        if name in by_norm:
            return by_norm[name]
    return None


def coordinate_columns(columns: list[str]) -> tuple[str, str, str] | None:
    """(x column, y column, "lonlat" | "xy" | "projected"), or None."""
    for (xs, ys), kind in ((_LONLAT, "lonlat"), (_XY, "xy"), (_PROJECTED, "projected")):
        x, y = _find(columns, xs), _find(columns, ys)
        if x is not None and y is not None:
            return x, y, kind
    return None


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv_layer(
    path: Path, *, encoding: str | None = None, where: str | None = None
) -> RawLayer:
    """Read a CSV file of points as a :class:`RawLayer` in raw coordinates."""
    where = where or path.name
    with open(path, "rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    enc = text_encoding(sample, encoding)
    head = sample[:65536].decode(enc.encoding, errors="replace")
    try:
        table = pd.read_csv(
            path, sep=_delimiter(head), encoding=enc.encoding,
            encoding_errors="replace", low_memory=False, skipinitialspace=True,
        )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise LayerReadError(
            f"{where}: cannot be read as CSV ({str(exc).splitlines()[0]})",
            "save the table as CSV with one header row",
        ) from None
    columns = [str(c) for c in table.columns]
    found = coordinate_columns(columns)
    notes = [f"{where}: {text}" for text in (enc.warning, enc.guess_note()) if text]
    file_crs, crs_how, swap_hint = None, "none: a CSV file has no CRS", ""
    if found is not None:
        xcol, ycol, kind = found
        x = pd.to_numeric(table[xcol], errors="coerce").to_numpy(dtype="float64")
        y = pd.to_numeric(table[ycol], errors="coerce").to_numpy(dtype="float64")
        geoms = shapely.points(x, y)
        if kind == "lonlat":
            file_crs = CRS.from_epsg(4326)
            crs_how = (
                f"assumed WGS 84 (EPSG:4326) for lon/lat columns '{xcol}'/'{ycol}'; "
                "CGCS2000 lon/lat differ by centimetres"
            )
        swap_hint = (
            f"check the columns: '{xcol}' is read as x (longitude/easting) and "
            f"'{ycol}' as y (latitude/northing); the values seem the other way round"
        )
        table = table.drop(columns=[xcol, ycol])
    else:
        wkt = _find(columns, _WKT)
        if wkt is None:
            raise LayerReadError(
                f"{where}: no coordinate columns found (columns: {', '.join(columns)})",
                "name them lon/lat, 经度/纬度, x/y or 东坐标/北坐标",
            )
        text = table[wkt].astype("string").fillna("")
        geoms = shapely.from_wkt(text.to_numpy(dtype=object), on_invalid="ignore")
        table = table.drop(columns=[wkt])
    frame = gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geoms, index=table.index))
    total = len(frame)
    if total > LARGE_LAYER:
        notes.append(f"{where}: large layer: {total:,} features")
    return RawLayer(
        path=path, layer=None, driver="CSV", layers=[(path.stem, "Point")],
        frame=frame, file_crs=file_crs, crs_how=crs_how, encoding=enc, total=total,
        warnings=notes, large=total > LARGE_LAYER, swap_hint=swap_hint,
    )  # fmt: skip
