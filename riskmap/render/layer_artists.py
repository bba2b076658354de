"""Hazard layers as matplotlib artists, prepared once, culled to each view.

A :class:`LayerArtistCache` flattens each layer into path arrays the first
time it is drawn; every later view (an atlas page, a screen redraw) only
masks the features in view and wraps them in a compound path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.markers import MarkerStyle
from matplotlib.patches import PathPatch

import shapely

from riskmap.render import geometry as geo
from riskmap.render.model import VectorLayer
from riskmap.render.styles import Symbol

# Polygons smaller than this on paper (points, about 0.5 mm) are drawn as dots.
MIN_FOOTPRINT_PT = 1.5
Z_LAYER = {"polygon": 3.0, "line": 4.0, "point": 5.0}


@dataclass
class _Prepared:
    kind: str
    arrays: geo.PathArrays | None
    points: np.ndarray  # (m, 2): point parts, or centroids of polygons
    point_owner: np.ndarray
    bounds: np.ndarray
    categories: np.ndarray  # per feature, "" = the base symbol
    footprint: float  # typical feature size in metres (polygons)


@dataclass
class DrawnLayer:
    """What was drawn for one layer: its artists and the legend symbols used."""

    layer: VectorLayer
    lod: str  # "lines" | "footprints" | "points"
    symbols: list[Symbol]
    artists: list = field(default_factory=list)


class LayerArtistCache:
    """Per-layer drawing data, built once, turned into artists for any view.

    ``draw(ax, layer, view, metres_per_point)`` culls the layer to ``view`` and
    picks the level of detail from the scale: polygon layers whose features
    would be smaller than about half a millimetre are drawn as dots.
    """

    def __init__(self) -> None:
        self._prepared: dict[tuple[str, int], _Prepared] = {}

    def prepared(self, layer: VectorLayer) -> _Prepared:
        key = (layer.id, id(layer.geometries))
        found = self._prepared.get(key)
        if found is None:
            found = self._prepared[key] = self._prepare(layer)
        return found

    @staticmethod
    def _prepare(layer: VectorLayer) -> _Prepared:
        geoms = np.asarray(layer.geometries, dtype=object)
        n = len(geoms)
        if layer.categories is not None:
            categories = np.asarray(layer.categories, dtype=object)
        else:
            categories = np.full(n, "", dtype=object)
        arrays = None
        footprint = 0.0
        if layer.geometry_kind == "polygon":
            arrays = geo.polygon_arrays(geoms)
            areas = shapely.area(geoms)
            footprint = float(np.sqrt(np.median(areas))) if n else 0.0
        elif layer.geometry_kind == "line":
            arrays = geo.line_arrays(geoms)
        if layer.geometry_kind in ("polygon", "point"):
            points, owner = geo.point_coordinates(geoms)
        else:
            points, owner = np.empty((0, 2)), np.empty(0, dtype=np.int64)
        bounds = arrays.bounds if arrays is not None else shapely.bounds(geoms)
        return _Prepared(
            layer.geometry_kind,
            arrays,
            points,
            owner,
            bounds,
            categories,
            footprint,
        )

    def lod(self, layer: VectorLayer, metres_per_point: float) -> str:
        prep = self.prepared(layer)
        if prep.kind == "line":
            return "lines"
        if prep.kind == "point":
            return "points"
        if prep.footprint / metres_per_point < MIN_FOOTPRINT_PT:
            return "points"
        return "footprints"

    def draw(
        self, ax: Axes, layer: VectorLayer, view: geo.View, metres_per_point: float
    ) -> DrawnLayer:
        prep = self.prepared(layer)
        lod = self.lod(layer, metres_per_point)
        visible = geo.in_view(prep.bounds, view)
        drawn = DrawnLayer(layer, lod, [])
        zorder = Z_LAYER[layer.geometry_kind]
        keys = [*layer.style.categories, ""]
        for key in keys:
            features = visible & (prep.categories == key)
            if not features.any():
                continue
            symbol = layer.style.symbol(key)
            drawn.symbols.append(symbol)
            if lod == "points":
                drawn.artists.append(_draw_points(ax, prep, features, symbol, zorder))
            elif lod == "lines":
                drawn.artists.extend(_draw_lines(ax, prep, features, symbol, zorder))
            else:
                drawn.artists.append(_draw_polygons(ax, prep, features, symbol, zorder))
        return drawn


def _draw_lines(
    ax: Axes, prep: _Prepared, features: np.ndarray, symbol: Symbol, z: float
) -> list:
    path = prep.arrays.path(features)
    artists = []
    if symbol.casing > 0:
        casing = PathPatch(
            path,
            facecolor="none",
            edgecolor="white",
            linewidth=symbol.width + 2 * symbol.casing,
            capstyle="round",
            joinstyle="round",
            zorder=z - 0.1,
        )
        artists.append(ax.add_artist(casing))
    line = PathPatch(
        path,
        facecolor="none",
        edgecolor=symbol.color,
        linewidth=symbol.width,
        linestyle=symbol.linestyle,
        alpha=symbol.alpha,
        capstyle="round",
        joinstyle="round",
        zorder=z,
    )
    artists.append(ax.add_artist(line))
    return artists


def _draw_polygons(
    ax: Axes, prep: _Prepared, features: np.ndarray, symbol: Symbol, z: float
) -> PathPatch:
    patch = PathPatch(
        prep.arrays.path(features),
        facecolor=symbol.fill,
        edgecolor=symbol.color,
        linewidth=symbol.width,
        linestyle=symbol.linestyle,
        hatch=symbol.hatch or None,
        alpha=symbol.alpha,
        zorder=z,
    )
    return ax.add_artist(patch)


def _draw_points(
    ax: Axes, prep: _Prepared, features: np.ndarray, symbol: Symbol, z: float
) -> PathCollection:
    xy = prep.points[features[prep.point_owner]]
    marker = MarkerStyle(symbol.marker if prep.kind == "point" else "s")
    path = marker.get_path().transformed(marker.get_transform())
    size = symbol.size if prep.kind == "point" else MIN_FOOTPRINT_PT
    colour = symbol.color if symbol.fill == "none" else symbol.fill
    collection = PathCollection(
        (path,),
        sizes=(size**2,),
        offsets=xy,
        offset_transform=ax.transData,
        facecolors=colour,
        edgecolors="white" if prep.kind == "point" else "none",
        linewidths=0.3,
        alpha=symbol.alpha,
        zorder=z,
    )
    return ax.add_collection(collection, autolim=False)
