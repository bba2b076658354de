"""Write a scoring result in the contract formats of DESIGN.md.

risk.tif
    float32; band 1 the composite R, then one band per hazard (H_k), each
    with a description; :data:`NODATA` outside the districts; the grid's CRS
    and transform. Tags record the method, breaks and fingerprint.
classes.tif
    uint8 class codes (1 低 .. 4 重大, 0 = outside) with the level palette.
sensitivity.tif
    float32 P(重大) per cell, after a sensitivity analysis.
districts.csv
    UTF-8 with BOM (Excel opens Chinese correctly), the DESIGN.md columns
    (plus the stability columns after a sensitivity analysis), fixed decimals
    so that the same inputs give byte-identical files.
districts.gpkg, hotspots.gpkg
    GeoPackage 1.2 (QGIS 3.22 opens it without warnings) with the file
    timestamp pinned (``OGR_CURRENT_DATE``) so re-runs give the same bytes.
    hotspots.gpkg holds two layers: ``patches`` (polygons) and ``features``
    (the top features per hazard, points).

Outputs of sample data say so: the GeoTIFFs carry the dataset tag
:data:`SAMPLE_TAG`, the GeoPackage layers a description and the same
metadata item, and districts.csv a last column :data:`SAMPLE_COLUMN` holding
:data:`SAMPLE_VALUE` on every row (after the DESIGN.md columns, so readers
that take columns by name or position are not disturbed).

Every file is written to a temporary name in the target folder and renamed
(:mod:`riskmap.io.atomic`): a failure leaves the previous file intact.
"""

from __future__ import annotations

import csv
import errno
import io
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
from affine import Affine

import geopandas as gpd
import pyogrio
import rasterio

from riskmap.core.districts import STAT_COLUMNS
from riskmap.core.levels import LEVELS
from riskmap.core.result import Result
from riskmap.core.sensitivity import STABILITY_COLUMNS
from riskmap.errors import OutputWriteError
from riskmap.io.atomic import atomic_path, explain_os_error, write_bytes

NODATA = -9999.0
#: The timestamp written into GeoPackages, so that files are reproducible.
GPKG_DATE = "2000-01-01T00:00:00Z"
CSV_DECIMALS = 6
#: The mark on outputs made from sample data (issue 4: every output says so).
SAMPLE_TAG = "RISKMAP_SAMPLE"
SAMPLE_TEXT = (
    "示例数据 sample data：仅供演示，不得作为决策依据 (for demonstration only)"
)
SAMPLE_COLUMN = "data"
SAMPLE_VALUE = "示例数据 sample data"
_GTIFF = {
    "driver": "GTiff",
    "compress": "deflate",
    "zlevel": 1,
    "tiled": True,
    "blockxsize": 256,
    "blockysize": 256,
}


def _profile(result: Result, count: int, dtype: str, nodata: float) -> dict:
    g = result.grid
    return {
        **_GTIFF,
        "width": g.ncols,
        "height": g.nrows,
        "count": count,
        "dtype": dtype,
        "crs": g.crs,
        "transform": Affine(*g.transform),
        "nodata": nodata,
        "predictor": 3 if dtype == "float32" else 2,
    }


_GDAL_OS_ERRORS = {
    "no space left on device": errno.ENOSPC,
    "disk full": errno.ENOSPC,
    "read-only file system": errno.EROFS,
    "permission denied": errno.EACCES,
}


def _gdal_error(path: Path, exc: Exception) -> OutputWriteError:
    """GDAL reports a full disk or a read-only folder in its message text:
    say it as plainly as for any other file."""
    text = str(exc).lower()
    for phrase, code in _GDAL_OS_ERRORS.items():
        if phrase in text:
            return explain_os_error(path, OSError(code, phrase))
    return OutputWriteError(f"{path}: cannot write ({exc})")


def _sample_tags(result: Result) -> dict[str, str]:
    return {SAMPLE_TAG: SAMPLE_TEXT} if result.sample else {}


def _float_band(values: np.ndarray) -> np.ndarray:
    out = np.asarray(values, dtype=np.float32).copy()
    out[~np.isfinite(out)] = NODATA
    return out


def write_risk_tif(result: Result, path: str | os.PathLike[str]) -> Path:
    """Composite R then one band per hazard, float32."""
    final = Path(path)
    with atomic_path(final) as tmp:
        try:
            with rasterio.open(
                tmp, "w", **_profile(result, 1 + len(result.hazards), "float32", NODATA)
            ) as dst:
                dst.write(_float_band(result.composite), 1)
                dst.set_band_description(1, f"composite R ({result.method})")
                for i, h in enumerate(result.hazards, start=2):
                    dst.write(_float_band(h.values), i)
                    dst.set_band_description(i, f"{h.title} ({h.kind})")
                dst.update_tags(
                    method=result.method,
                    take_highest=str(result.take_highest),
                    classification=result.classification,
                    breaks=",".join(f"{b:g}" for b in result.thresholds),
                    fingerprint=result.fingerprint,
                    weights=",".join(
                        f"{h.layer_id}={h.weight:.6g}" for h in result.hazards
                    ),
                    **_sample_tags(result),
                )
        except rasterio.errors.RasterioError as exc:
            raise _gdal_error(final, exc) from None
    return final


def write_classes_tif(result: Result, path: str | os.PathLike[str]) -> Path:
    """uint8 class codes with the level palette; 0 outside the districts."""
    final = Path(path)
    with atomic_path(final) as tmp:
        try:
            with rasterio.open(tmp, "w", **_profile(result, 1, "uint8", 0)) as dst:
                dst.write(np.asarray(result.classes, dtype=np.uint8), 1)
                dst.set_band_description(1, "risk level (1 低 .. 4 重大)")
                cmap = {0: (255, 255, 255, 0)}
                for lv in LEVELS:
                    c = lv.colour.lstrip("#")
                    cmap[lv.code] = (
                        int(c[0:2], 16),
                        int(c[2:4], 16),
                        int(c[4:6], 16),
                        255,
                    )
                dst.write_colormap(1, cmap)
                dst.update_tags(
                    **{
                        f"class_{lv.code}": f"{lv.name_zh} {lv.colour_zh}"
                        for lv in LEVELS
                    },
                    breaks=",".join(f"{b:g}" for b in result.thresholds),
                    fingerprint=result.fingerprint,
                    **_sample_tags(result),
                )
        except rasterio.errors.RasterioError as exc:
            raise _gdal_error(final, exc) from None
    return final


def write_sensitivity_tif(result: Result, path: str | os.PathLike[str]) -> Path:
    """P(重大) per cell from the sensitivity analysis, float32."""
    if result.sensitivity is None:
        raise ValueError("the result has no sensitivity analysis")
    final = Path(path)
    with atomic_path(final) as tmp:
        try:
            with rasterio.open(
                tmp, "w", **_profile(result, 1, "float32", NODATA)
            ) as dst:
                dst.write(_float_band(result.sensitivity.p_major), 1)
                dst.set_band_description(1, "P(重大): share of runs in class 重大")
                s = result.sensitivity
                dst.update_tags(
                    runs=str(s.runs),
                    alpha=f"{s.alpha:g}",
                    seed=str(s.seed),
                    methods=",".join(s.methods),
                    **_sample_tags(result),
                )
        except rasterio.errors.RasterioError as exc:
            raise _gdal_error(final, exc) from None
    return final


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        f = float(value)
        if math.isnan(f):
            return ""
        text = f"{f:.{CSV_DECIMALS}f}"
        return "0.000000" if text == "-0.000000" else text
    return str(value)


def stats_columns(result: Result) -> list[str]:
    """The CSV columns: DESIGN.md's, plus the stability ones when present."""
    cols = list(STAT_COLUMNS)
    if result.sensitivity is not None:
        cols += STABILITY_COLUMNS
    return cols


def districts_csv_text(result: Result) -> str:
    """The districts.csv content (without the BOM)."""
    cols = stats_columns(result)
    mark = [SAMPLE_VALUE] if result.sample else []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([*cols, *([SAMPLE_COLUMN] if mark else [])])
    frame = result.stats
    for row in frame[cols].itertuples(index=False, name=None):
        writer.writerow([*(_fmt(v) for v in row), *mark])
    return buf.getvalue()


def write_districts_csv(result: Result, path: str | os.PathLike[str]) -> Path:
    """districts.csv: UTF-8 with BOM, CRLF line ends, 6 decimals."""
    final = Path(path)
    write_bytes(final, districts_csv_text(result).encode("utf-8-sig"))
    return final


@contextmanager
def _pinned_date() -> Iterator[None]:
    old = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_DATE})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})


def _write_gpkg_layers(
    final: Path, layers: list[tuple[str, gpd.GeoDataFrame]], sample: bool = False
) -> Path:
    options = {"SPATIAL_INDEX": "YES"}
    if sample:
        options["DESCRIPTION"] = SAMPLE_TEXT
    with atomic_path(final) as tmp, _pinned_date():
        for i, (name, frame) in enumerate(layers):
            try:
                pyogrio.write_dataframe(
                    frame,
                    tmp,
                    layer=name,
                    driver="GPKG",
                    append=i > 0,
                    dataset_options={"VERSION": "1.2"} if i == 0 else None,
                    layer_options=options,
                    layer_metadata={SAMPLE_TAG: SAMPLE_TEXT} if sample else None,
                )
            except (
                pyogrio.errors.DataSourceError,
                pyogrio.errors.DataLayerError,
                OSError,
            ) as exc:
                raise _gdal_error(final, exc) from None
    return final


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns GeoPackage can store (bools as integers)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].astype(np.int32)
    return out


def write_districts_gpkg(result: Result, path: str | os.PathLike[str]) -> Path:
    """District polygons with their statistics (layer ``districts``)."""
    cols = [*stats_columns(result), "level_code"]
    frame = gpd.GeoDataFrame(
        _plain(result.stats[cols].reset_index(drop=True)),
        geometry=result.districts.geometry.reset_index(drop=True).to_numpy(),
        crs=result.grid.crs,
    )
    return _write_gpkg_layers(Path(path), [("districts", frame)], result.sample)


def write_hotspots_gpkg(result: Result, path: str | os.PathLike[str]) -> Path:
    """Layers ``patches`` (top cell patches) and ``features`` (top features)."""
    layers = [("patches", result.hotspots)]
    if result.top_features is not None:
        layers.append(("features", result.top_features))
    return _write_gpkg_layers(Path(path), layers, result.sample)
