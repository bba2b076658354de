"""GeoTIFF rasters (DEMs, susceptibility grids, population): inspect and read
onto a riskmap :class:`~riskmap.core.grid.Grid`.

Rasters are opened read-only with GDAL's auxiliary ``.aux.xml`` files switched
off, so nothing is written beside an input. Reading goes through GDAL's warper
(``rasterio.warp.reproject``), which reads the source block by block.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path

import numpy as np
from affine import Affine

import rasterio
from pyproj import CRS
from pyproj.exceptions import CRSError, ProjError
from rasterio.errors import RasterioError
from rasterio.warp import Resampling, reproject
from rasterio.windows import Window

from riskmap.core.grid import Grid
from riskmap.core.layers import RasterSource
from riskmap.errors import LayerReadError, MissingCRSError, SettingsError
from riskmap.io.crs import SourceCRS, crs_label, lonlat_bounds, parse_crs

RESAMPLING = {
    "bilinear": Resampling.bilinear,
    "nearest": Resampling.nearest,
    "average": Resampling.average,
    # GDAL's weighted sum: a coarser cell gets the sum of the source pixels it
    # covers (by area share), so population totals are conserved.
    "sum": Resampling.sum,
}
_ENV = {"GDAL_PAM_ENABLED": "NO"}
# rasterio.Env sets GDAL configuration options process-wide, so two threads
# reading rasters at once (the window cancels a scoring run while a new one
# starts) can see each other's settings mid-read; reads are short, so they
# take turns.
_GDAL_LOCK = threading.RLock()


def _open_error(where: str, exc: Exception) -> LayerReadError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "not recognized" in text or "not recognised" in text:
        text = "not a recognised raster format, or the file is damaged"
    return LayerReadError(
        f"{where}: cannot be opened: {text}",
        "check that the GeoTIFF is complete (copy it again from its source)",
    )


def _check_blocks(src: rasterio.DatasetReader, where: str) -> None:
    """Read the first and the last block, which fails on a truncated file."""
    bh, bw = src.block_shapes[0]
    rows, cols = math.ceil(src.height / bh), math.ceil(src.width / bw)
    col0, row0 = (cols - 1) * bw, (rows - 1) * bh
    last = Window(col0, row0, src.width - col0, src.height - row0)
    for window in (Window(0, 0, min(bw, src.width), min(bh, src.height)), last):
        try:
            src.read(1, window=window)
        except RasterioError as exc:
            raise LayerReadError(
                f"{where}: the raster data cannot be read ({str(exc).splitlines()[0]})",
                "the file is probably truncated; copy it again from its source",
            ) from None


def _source_crs(
    src: rasterio.DatasetReader, source_crs: str | None, where: str
) -> tuple[CRS | None, str]:
    if source_crs:
        crs, offset, _ = parse_crs(source_crs, f"{where}: source_crs")
        if offset is not None:
            raise SettingsError(
                f"{where}: source_crs {offset} is not supported for rasters",
                "convert the raster to WGS 84 or CGCS2000 first",
            )
        return crs, "declared in the project (source_crs)"
    if src.crs:
        return CRS.from_user_input(src.crs.to_wkt()), "from the file"
    return None, "none in the file"


def _passable(crs: CRS, declared: str | None) -> str:
    """Text for ``crs`` that :func:`parse_crs` reads back as the same CRS, so
    that the loader can pass it on as ``source_crs``: the declared text, the
    EPSG-style code, or WKT for a CRS without a code."""
    if declared:
        return declared.strip()
    label = crs_label(crs)
    try:
        if CRS.from_user_input(label).equals(crs):
            return label
    except CRSError:
        pass
    return crs.to_wkt()


def inspect_raster(
    path: Path, *, source_crs: str | None = None, where: str | None = None
) -> tuple[RasterSource, list[str]]:
    """Facts about a raster file and warnings; a damaged file raises."""
    path = Path(path)
    where = where or path.name
    try:
        with _GDAL_LOCK, rasterio.Env(**_ENV), rasterio.open(path) as src:
            _check_blocks(src, where)
            crs, how = _source_crs(src, source_crs, where)
            bounds = tuple(float(v) for v in src.bounds)
            lonlat = None
            warnings: list[str] = []
            if crs is not None:
                try:
                    lonlat = tuple(
                        float(v)
                        for v in lonlat_bounds(
                            bounds,  # type: ignore[arg-type]
                            SourceCRS(crs, None, crs_label(crs), how),
                        )
                    )
                except ProjError:
                    warnings.append(
                        f"{where}: its CRS '{crs_label(crs)}' cannot be "
                        "transformed to longitude/latitude (no transformation "
                        "known, as for a local site grid)"
                    )
            else:
                warnings.append(f"{where}: the raster has no CRS; set source_crs")
            info = RasterSource(
                path=path, driver=src.driver, width=src.width, height=src.height,
                bands=src.count, dtype=str(src.dtypes[0]),
                nodata=None if src.nodata is None else float(src.nodata),
                crs=None if crs is None else _passable(crs, source_crs), crs_how=how,
                resolution=(float(src.res[0]), float(src.res[1])),
                bounds=bounds, lonlat_bounds=lonlat,  # type: ignore[arg-type]
            )  # fmt: skip
            return info, warnings
    except RasterioError as exc:
        raise _open_error(where, exc) from None


def read_raster_on_grid(
    path: Path,
    grid: Grid,
    *,
    resampling: str = "bilinear",
    source_crs: str | None = None,
    band: int = 1,
) -> np.ndarray:
    """Band ``band`` of a raster resampled onto ``grid``: float32, NaN for nodata.

    ``resampling`` is "bilinear" (continuous values such as a DEM), "nearest"
    (classes), "average" or "sum" (counts such as population: totals are
    conserved when grid cells are coarser than pixels). ``source_crs``
    overrides a missing or wrong CRS in the file. Cells outside the raster are
    NaN.
    """
    path = Path(path)
    where = path.name
    if resampling not in RESAMPLING:
        raise SettingsError(
            f"unknown resampling '{resampling}'",
            f"use one of {', '.join(RESAMPLING)}",
        )
    out = np.full(grid.shape, np.nan, dtype=np.float32)
    try:
        with _GDAL_LOCK, rasterio.Env(**_ENV), rasterio.open(path) as src:
            crs, _ = _source_crs(src, source_crs, where)
            if crs is None:
                raise MissingCRSError(
                    f"{where}: the raster has no coordinate reference system",
                    'set source_crs for this layer, e.g. "EPSG:4545"',
                )
            if not 1 <= band <= src.count:
                raise SettingsError(f"{where}: has no band {band} ({src.count} bands)")
            reproject(
                source=rasterio.band(src, band),
                destination=out,
                src_crs=crs.to_wkt(),
                src_nodata=src.nodata,
                dst_transform=Affine(*grid.transform),
                dst_crs=CRS.from_user_input(grid.crs).to_wkt(),
                dst_nodata=np.nan,
                resampling=RESAMPLING[resampling],
            )
    except RasterioError as exc:
        raise _open_error(where, exc) from None
    return out
