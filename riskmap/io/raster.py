"""Raster layers read onto the analysis grid.

Minimal reader used by scoring: the raster is warped onto the grid (its
CRS, transform and shape) with the given resampling; nodata becomes NaN.
"""

from __future__ import annotations

import os

import numpy as np
from affine import Affine

import rasterio
from rasterio.enums import Resampling
from rasterio.warp import reproject

from riskmap.core.grid import Grid
from riskmap.errors import LayerReadError

_RESAMPLING = {
    "nearest": Resampling.nearest,
    "bilinear": Resampling.bilinear,
    "average": Resampling.average,
    "sum": Resampling.sum,
}


def read_raster_on_grid(
    path: str | os.PathLike[str],
    grid: Grid,
    *,
    resampling: str = "bilinear",
    source_crs: str | None = None,
    band: int = 1,
) -> np.ndarray:
    """Band ``band`` of ``path`` on ``grid`` as float32, NaN for no data.

    ``resampling`` is one of nearest, bilinear, average, sum (sum keeps
    totals such as people per cell when cells are coarser than pixels);
    ``source_crs`` overrides the file's CRS.
    """
    try:
        src = rasterio.open(path)
    except rasterio.errors.RasterioIOError as exc:
        raise LayerReadError(f"{path}: cannot open the raster ({exc})") from None
    with src:
        crs = source_crs or src.crs
        if crs is None:
            raise LayerReadError(
                f"{path}: the raster has no coordinate reference system",
                "give it one (for example with gdal_edit.py -a_srs)",
            )
        out = np.full(grid.shape, np.nan, dtype=np.float32)
        reproject(
            source=rasterio.band(src, band),
            destination=out,
            src_crs=crs,
            src_nodata=src.nodata,
            dst_transform=Affine(*grid.transform),
            dst_crs=grid.crs,
            dst_nodata=np.nan,
            resampling=_RESAMPLING[resampling],
        )
    return out
