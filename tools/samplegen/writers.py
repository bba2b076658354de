"""Deterministic GeoPackage and GeoTIFF writers that label sample data.

Two runs give the same bytes: GeoPackage timestamps are pinned through
``OGR_CURRENT_DATE``, GeoPackage 1.2 is written (QGIS 3.22 opens it without
warnings) and GeoTIFFs carry no creation time.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from affine import Affine

import geopandas as gpd
import pyogrio
import rasterio

from tools.samplegen.base import SEED, WORK_CRS
from tools.samplegen.terrain import Raster

#: The timestamp written into every GeoPackage (gpkg_contents.last_change).
DATA_DATE = "2024-06-30"
SAMPLE_NOTE = (
    "示例数据，非真实数据，仅供演示和测试 / "
    "sample data, not real: for demonstration and testing only"
)
GENERATOR = "tools/make_sample.py"


#: The district boundaries are real but not an official product.
BOUNDARY_NOTE = (
    "示例数据，界线取自高德地图，非官方界线，仅供演示和测试 / "
    "sample data: boundaries from Amap, not official, for demonstration and "
    "testing only"
)


def sample_metadata(
    title: str, note: str = SAMPLE_NOTE, **extra: str
) -> dict[str, str]:
    """Metadata every sample layer carries: what it is and how it was made."""
    return {
        "TITLE": title,
        "SAMPLE_DATA": "YES",
        "NOTE": note,
        "GENERATOR": f"{GENERATOR} (seed {SEED})",
        "DATE": DATA_DATE,
        **extra,
    }


def write_vector(
    frame: gpd.GeoDataFrame,
    path: Path,
    title: str,
    note: str = SAMPLE_NOTE,
    **extra: str,
) -> None:
    """One layer per file, layer name = file stem, GeoPackage 1.2."""
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{DATA_DATE}T00:00:00Z"})
    path.unlink(missing_ok=True)
    # The buildings layer goes without an R-tree to stay under 5 MB; riskmap
    # reads whole layers, and QGIS can add an index when it wants one.
    big = len(frame) > 10_000
    pyogrio.write_dataframe(
        frame,
        path,
        layer=path.stem,
        driver="GPKG",
        dataset_options={"VERSION": "1.2"},
        layer_options={
            # The Chinese half of the note, up to "仅供...".
            "DESCRIPTION": f"{title}（{note.split('，仅供')[0]}）",
            "SPATIAL_INDEX": "NO" if big else "YES",
        },
        layer_metadata=sample_metadata(title, note, **extra),
    )


def write_raster(
    raster: Raster, path: Path, title: str, unit: str, **extra: str
) -> None:
    """A single-band, DEFLATE-compressed, tiled GeoTIFF in EPSG:4545."""
    values = raster.values
    integer = np.issubdtype(values.dtype, np.integer)
    profile = {
        "driver": "GTiff",
        "width": values.shape[1],
        "height": values.shape[0],
        "count": 1,
        "dtype": values.dtype.name,
        "crs": WORK_CRS,
        "transform": Affine(raster.cell, 0.0, raster.x0, 0.0, -raster.cell, raster.y0),
        "nodata": raster.nodata,
        "compress": "deflate",
        "zlevel": 9,
        "predictor": 2 if integer else 3,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
    }
    path.unlink(missing_ok=True)
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(values, 1)
        dst.update_tags(**sample_metadata(title, **extra))
        dst.update_tags(1, UNIT=unit)
        dst.set_band_description(1, title)
        dst.set_band_unit(1, unit)
