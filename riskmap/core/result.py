"""What scoring produces: surfaces, classes, district table, hotspots."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

import geopandas as gpd

from riskmap.core.grid import Grid


@dataclass
class HazardSurface:
    """One hazard's intensity H in [0, 1] on the grid (NaN outside districts)."""

    layer_id: str
    title: str
    kind: str
    weight: float  # normalised weight used in the composite
    values: np.ndarray  # float32, grid shape


@dataclass
class Result:
    """The outcome of one scoring run.

    ``classes`` holds class codes (see :mod:`riskmap.core.levels`); ``raised``
    is True where the 就高 rule lifted a cell above its threshold class;
    ``district_index`` is the row of ``districts`` each cell belongs to (-1
    outside every district).
    """

    grid: Grid
    hazards: list[HazardSurface]
    composite: np.ndarray
    classes: np.ndarray
    raised: np.ndarray
    district_index: np.ndarray
    districts: gpd.GeoDataFrame  # name + geometry in the working CRS
    stats: pd.DataFrame  # one row per district, DESIGN.md columns
    hotspots: gpd.GeoDataFrame
    thresholds: tuple[float, float, float]
    method: str
    take_highest: bool
    fingerprint: str
    warnings: list[str] = field(default_factory=list)
