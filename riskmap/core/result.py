"""What scoring produces: surfaces, classes, district table, hotspots.

The renderer and the GUI read a :class:`Result`; :mod:`riskmap.io.outputs`
writes it. Arrays are on ``grid`` (row 0 north).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

import geopandas as gpd

from riskmap.core.grid import Grid

if TYPE_CHECKING:
    from riskmap.core.explain import CellExplanation
    from riskmap.core.sensitivity import SensitivityResult


@dataclass
class HazardSurface:
    """One hazard's intensity H in [0, 1] on the grid (NaN outside districts).

    ``weight`` is the normalised weight w_k (weights sum to 1);
    ``relative_weight`` is w~_k = w_k / max w (union and max use it);
    ``params`` are the model parameters in force; ``notes`` what the model
    reported about this layer (substituted values, placeholders);
    ``map_notes`` the caveats printed maps must carry.
    """

    layer_id: str
    title: str
    kind: str
    weight: float  # normalised weight used in the composite
    values: np.ndarray  # float32, grid shape
    relative_weight: float = 1.0
    params: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    map_notes: list[str] = field(default_factory=list)


@dataclass
class Result:
    """The outcome of one scoring run.

    ``composite`` is the final R (after exposure when an exposure layer is
    used), float32, NaN outside every district. ``classes`` holds class
    codes (see :mod:`riskmap.core.levels`, 0 outside); ``raised`` is True
    where the 就高 rule lifted a cell above its threshold class;
    ``district_index`` is the row of ``districts`` each cell belongs to (-1
    outside every district). ``thresholds`` are the class breaks in force
    (the fixed thresholds, or those computed for quantile / natural breaks
    classification, named by ``classification``). ``stats`` has the
    DESIGN.md columns plus ``level_code`` (1-4) and, after a sensitivity
    analysis, the stability columns. ``hotspots`` are the top patches of
    cells (polygons); ``top_features`` the top features per hazard (points).
    ``exposure`` is E per cell when an exposure layer was used and
    ``population`` the people per cell read from it.
    ``parameters`` lists the settings in force for footers and reports.
    ``sample`` marks a result made from sample data (every output says so).
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
    classification: str = "fixed"
    exposure: np.ndarray | None = None
    exposure_layer: str | None = None
    population: np.ndarray | None = None  # people per cell (exposure layer)
    top_features: gpd.GeoDataFrame | None = None
    sensitivity: SensitivityResult | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    sample: bool = False

    def explain(self, row: int, col: int) -> CellExplanation:
        """Why cell (row, col) has its class: see :mod:`riskmap.core.explain`."""
        from riskmap.core.explain import explain_cell

        return explain_cell(self, row, col)

    def explain_at(self, x: float, y: float) -> CellExplanation | None:
        """:meth:`explain` for the cell holding point (x, y), None off-grid."""
        cell = self.grid.cell_of(x, y)
        return None if cell is None else self.explain(*cell)

    def surface(self, layer_id: str) -> HazardSurface:
        for h in self.hazards:
            if h.layer_id == layer_id:
                return h
        raise KeyError(layer_id)
