"""Finding what is under a click: features of visible layers, and the cell.

Spatial indexes (shapely STRtree) are built once per loaded frame and kept
while the frame lives. The cell's explanation comes from the engine's
result; this module only finds the cell and gathers the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

import shapely

from riskmap.core.layers import LoadedLayer, ProjectData
from riskmap.core.project import Project

MAX_FEATURES_PER_LAYER = 20


@dataclass
class FeatureHit:
    layer_id: str
    title: str
    position: int  # row position in the layer's frame
    attributes: list[tuple[str, Any]]
    geometry: Any


@dataclass
class IdentifyAnswer:
    x: float
    y: float
    cell: Any = None  # the engine's explanation of the cell, or None
    row: int = -1
    col: int = -1
    features: list[FeatureHit] = field(default_factory=list)
    cell_box: Any = None  # the cell as a polygon in the working CRS

    def highlight(self) -> list[Any]:
        """Geometries to outline on the map: the first feature, else the cell."""
        if self.features:
            return [self.features[0].geometry]
        return [self.cell_box] if self.cell_box is not None else []


class SpatialIndex:
    """STRtrees per frame, built on first use."""

    def __init__(self) -> None:
        self._trees: dict[int, tuple[Any, shapely.STRtree]] = {}

    def tree(self, layer: LoadedLayer) -> shapely.STRtree:
        found = self._trees.get(id(layer.frame))
        if found is None or found[0] is not layer.frame:
            geoms = np.asarray(layer.frame.geometry.values, dtype=object)
            found = (layer.frame, shapely.STRtree(geoms))
            self._trees[id(layer.frame)] = found
        return found[1]

    def near(self, layer: LoadedLayer, x: float, y: float, radius: float) -> np.ndarray:
        """Row positions of features within ``radius`` of (x, y), nearest first."""
        point = shapely.Point(x, y)
        hits = self.tree(layer).query(point, predicate="dwithin", distance=radius)
        if not len(hits):
            return hits.astype(np.int64)
        geoms = np.asarray(layer.frame.geometry.values, dtype=object)[hits]
        order = np.argsort(shapely.distance(geoms, point), kind="stable")
        return hits[order].astype(np.int64)

    def in_box(
        self, layer: LoadedLayer, box: tuple[float, float, float, float]
    ) -> np.ndarray:
        hits = self.tree(layer).query(shapely.box(*box), predicate="intersects")
        return np.sort(hits).astype(np.int64)


def attributes(layer: LoadedLayer, position: int) -> list[tuple[str, Any]]:
    frame = layer.frame
    row = frame.iloc[position]
    return [(str(c), row[c]) for c in frame.columns if c != frame.geometry.name]


def features_at(
    project: Project,
    data: ProjectData,
    index: SpatialIndex,
    x: float,
    y: float,
    radius: float,
) -> list[FeatureHit]:
    """Features of the visible layers at (x, y), top layer first."""
    out = []
    for spec in reversed(project.layers):
        layer = data.vectors.get(spec.id)
        if layer is None or not spec.visible or not len(layer.frame):
            continue
        hits = index.near(layer, x, y, radius)[:MAX_FEATURES_PER_LAYER]
        geoms = layer.frame.geometry.values
        for pos in hits.tolist():
            out.append(
                FeatureHit(spec.id, spec.title, pos, attributes(layer, pos), geoms[pos])
            )
    return out


def cell_box(grid: Any, row: int, col: int) -> Any:
    x0 = grid.x0 + col * grid.cell
    y1 = grid.y0 - row * grid.cell
    return shapely.box(x0, y1 - grid.cell, x0 + grid.cell, y1)


def explain_into(answer: IdentifyAnswer, result: Any, project: Project) -> None:
    """Fill ``answer`` with the engine's explanation of the cell under it."""
    if result is None:
        return
    found = result.grid.cell_of(answer.x, answer.y)
    if found is None:
        return
    answer.row, answer.col = found
    answer.cell_box = cell_box(result.grid, *found)
    answer.cell = result.explain(*found)
