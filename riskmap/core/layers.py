"""A layer as loaded: features in the working CRS plus what loading found.

The loader (``riskmap.io``) builds these; hazard models and the renderer read
them. Everything the user should hear about (repairs, dropped features,
guessed encoding or CRS) is in ``warnings``.
"""

from __future__ import annotations

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
class RasterLayer:
    """A raster layer of the project (DEM, population, susceptibility grid).

    Rasters are read onto the analysis grid when a model needs them, so only
    the path and what describes the file are kept here.
    """

    id: str
    path: Path
    crs: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ProjectData:
    """Everything loading produced: districts and layers in the working CRS."""

    crs: str
    districts: LoadedLayer
    vectors: dict[str, LoadedLayer] = field(default_factory=dict)
    rasters: dict[str, RasterLayer] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
