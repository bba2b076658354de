"""A layer as loaded: features in the working CRS plus what loading found.

The loader (``riskmap.io``) builds these; hazard models and the renderer read
them. Everything the user should hear about (repairs, dropped features,
guessed encoding or CRS) is in ``warnings``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd


@dataclass
class SourceInfo:
    """How a file was read: the facts ``riskmap inspect`` reports."""

    path: Path
    layer: str | None
    driver: str
    crs: str | None  # as found or declared, e.g. "EPSG:4490", "GCJ-02"
    crs_how: str  # "from the file", "declared in the project", "assumed ..."
    encoding: str | None
    encoding_how: str
    features_read: int
    geometry_type: str  # "point" | "line" | "polygon" | "mixed" | "none"
    records_lost: int = 0  # records of a damaged file that could not be read
    lost_records: tuple[int, ...] = ()  # their record numbers (0-based)
    large: bool = False  # more features than the large-layer threshold
    lonlat_bounds: tuple[float, float, float, float] | None = None
    geometry_fixes: dict[str, int] = field(default_factory=dict)  # what -> count


@dataclass
class LoadedLayer:
    """Features of one layer reprojected to the working CRS."""

    id: str
    frame: gpd.GeoDataFrame
    source: SourceInfo
    warnings: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # model input -> column

    def __len__(self) -> int:
        return len(self.frame)


@dataclass
class RasterSource:
    """What a raster file holds (the facts ``riskmap inspect`` reports)."""

    path: Path
    driver: str
    width: int
    height: int
    bands: int
    dtype: str
    nodata: float | None
    crs: str | None  # as found or declared; pass it on as ``source_crs``
    crs_how: str
    resolution: tuple[float, float]
    bounds: tuple[float, float, float, float]
    lonlat_bounds: tuple[float, float, float, float] | None


@dataclass
class RasterLayer:
    """A raster layer (DEM, susceptibility grid, population) found readable.

    Its cells are read onto the analysis grid when scoring needs them
    (``riskmap.io.raster.read_raster_on_grid(layer.path, grid,
    source_crs=layer.source.crs)``), so loading keeps no pixels.
    """

    id: str
    path: Path
    source: RasterSource | None = None  # None when built by hand (tests)
    warnings: list[str] = field(default_factory=list)

    @property
    def crs(self) -> str | None:
        return self.source.crs if self.source is not None else None


@dataclass
class ProjectData:
    """Every layer of a project loaded into the working CRS ``crs``."""

    crs: str
    districts: LoadedLayer
    vectors: dict[str, LoadedLayer] = field(default_factory=dict)
    rasters: dict[str, RasterLayer] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def layer(self, layer_id: str) -> LoadedLayer | RasterLayer:
        if layer_id in self.vectors:
            return self.vectors[layer_id]
        return self.rasters[layer_id]

    def __iter__(self) -> Iterator[LoadedLayer | RasterLayer]:
        yield from self.vectors.values()
        yield from self.rasters.values()
