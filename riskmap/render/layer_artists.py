"""Hazard layers as matplotlib artists, prepared once, culled to each view.

A :class:`LayerArtistCache` flattens each layer into path arrays the first
time it is drawn; every later view (an atlas page, a screen redraw) only
masks the features in view and wraps them in a compound path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.markers import MarkerStyle
from matplotlib.patches import PathPatch
from matplotlib.path import Path

import shapely

from riskmap.render import geometry as geo
from riskmap.render.model import VectorLayer
from riskmap.render.styles import Symbol

# Polygons smaller than this on paper (points, about 0.5 mm) are drawn as dots.
MIN_FOOTPRINT_PT = 1.5
# Small polygons become dots down to 1:250,000; smaller scales leave them out.
MAX_DOT_METRES_PER_POINT = 250_000 * 0.0254 / 72
# Layers heavier than this (path vertices in view) are drawn into the page's
# map image: a PDF path of 100k vertices is slow to write and to view, and
# pixels at print resolution look the same.
RASTER_VERTICES = 20_000
# Outlines are simplified to this many points (0.07 mm): invisible in print.
SIMPLIFY_PT = 0.2
Z_LAYER = {"polygon": 3.0, "line": 4.0, "point": 5.0}


@dataclass
class _Prepared:
    kind: str
    geometries: np.ndarray
    points: np.ndarray  # (m, 2): point parts, or centroids of polygons
    point_owner: np.ndarray
    bounds: np.ndarray
    categories: np.ndarray  # per feature, "" = the base symbol
    footprint: float  # typical feature size in metres (polygons)
    detailed: bool = True  # worth simplifying (not rectangles or 2-point lines)
    arrays: dict[float, geo.PathArrays] = field(default_factory=dict)

    def paths(self, metres_per_point: float) -> geo.PathArrays:
        """Path arrays simplified to what the scale can show, cached per level.

        Compound paths with MOVETO/CLOSEPOLY codes are never simplified by
        matplotlib, so every vertex would reach the PDF otherwise.
        """
        tol = simplify_tolerance(metres_per_point) if self.detailed else 0.0
        found = self.arrays.get(tol)
        if found is None:
            geoms = self.geometries
            if tol > 0:
                geoms = shapely.simplify(geoms, tol, preserve_topology=True)
            make = geo.polygon_arrays if self.kind == "polygon" else geo.line_arrays
            found = self.arrays[tol] = make(geoms)
            found.bounds = self.bounds
        return found


def simplify_tolerance(metres_per_point: float) -> float:
    """Ground tolerance for a scale, in powers of two (so levels are few)."""
    tol = SIMPLIFY_PT * metres_per_point
    if tol < 0.5:
        return 0.0
    return float(2.0 ** np.floor(np.log2(tol)))


@dataclass
class DrawnLayer:
    """What was drawn for one layer: its artists and the legend symbols used."""

    layer: VectorLayer
    lod: str  # "lines" | "footprints" | "points" | "hidden" (too small to show)
    symbols: list[Symbol]
    artists: list = field(default_factory=list)


class LayerArtistCache:
    """Per-layer drawing data, built once, turned into artists for any view.

    ``draw(ax, layer, view, metres_per_point)`` culls the layer to ``view`` and
    picks the level of detail from the scale: polygon layers whose features
    would be smaller than about half a millimetre are drawn as dots.
    """

    def __init__(self, raster_vertices: int = RASTER_VERTICES) -> None:
        self._prepared: dict[tuple[str, int], _Prepared] = {}
        self.raster_vertices = raster_vertices
        self._shapes: dict[tuple[object, float], np.ndarray] = {}

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
        footprint = 0.0
        if layer.geometry_kind == "polygon" and n:
            footprint = float(np.sqrt(np.median(shapely.area(geoms))))
        if layer.geometry_kind in ("polygon", "point"):
            points, owner = geo.point_coordinates(geoms)
        else:
            points, owner = np.empty((0, 2)), np.empty(0, dtype=np.int64)
        vertices = int(shapely.get_num_coordinates(geoms).sum())
        return _Prepared(
            layer.geometry_kind,
            geoms,
            points,
            owner,
            shapely.bounds(geoms),
            categories,
            footprint,
            detailed=vertices > 8 * max(n, 1),
        )

    def shapes(
        self, key: object, geometries: list, metres_per_point: float
    ) -> np.ndarray:
        """``geometries`` simplified for the scale, cached under ``key``."""
        tol = simplify_tolerance(metres_per_point)
        found = self._shapes.get((key, tol))
        if found is None:
            geoms = np.asarray(geometries, dtype=object)
            if tol > 0:
                geoms = shapely.simplify(geoms, tol, preserve_topology=True)
            found = self._shapes[(key, tol)] = geoms
        return found

    def lod(self, layer: VectorLayer, metres_per_point: float) -> str:
        prep = self.prepared(layer)
        if prep.kind == "line":
            return "lines"
        if prep.kind == "point":
            return "points"
        if prep.footprint / metres_per_point >= MIN_FOOTPRINT_PT:
            return "footprints"
        if metres_per_point > MAX_DOT_METRES_PER_POINT:
            return "hidden"  # a city of dots would hide the risk colours
        return "points"

    def draw(
        self,
        ax: Axes,
        layer: VectorLayer,
        view: geo.View,
        metres_per_point: float,
        raster_ax: Axes | None = None,
    ) -> DrawnLayer:
        """Artists for ``layer`` within ``view`` at this scale.

        Parts heavier than ``raster_vertices`` go to ``raster_ax`` (an Axes
        rendered into the page's map image) when given, else are marked for
        rasterization in vector output.
        """
        prep = self.prepared(layer)
        lod = self.lod(layer, metres_per_point)
        drawn = DrawnLayer(layer, lod, [])
        if lod == "hidden":
            return drawn
        visible = geo.in_view(prep.bounds, view)
        z = Z_LAYER[layer.geometry_kind]
        for key in [*layer.style.categories, ""]:
            features = visible & (prep.categories == key)
            if not features.any():
                continue
            symbol = layer.style.symbol(key)
            drawn.symbols.append(symbol)
            if lod == "points":
                xy = prep.points[features[prep.point_owner]]
                patches = _point_patches(prep.kind, xy, symbol, z, metres_per_point)
            elif lod == "lines":
                path = prep.paths(metres_per_point).path(features)
                patches = _line_patches(path, symbol, z)
            else:
                path = prep.paths(metres_per_point).path(features)
                patches = [_polygon_patch(path, symbol, z)]
            heavy = len(patches[-1].get_path().vertices) > self.raster_vertices
            target = raster_ax if heavy and raster_ax is not None else ax
            for patch in patches:
                target.add_artist(patch)
                if heavy and target is ax:
                    patch.set_rasterized(True)
                elif target is raster_ax:
                    # Crisp edges keep the map image to a few colours, which
                    # a PDF stores as a small indexed image.
                    patch.set_antialiased(False)
            if target is ax:
                drawn.artists.extend(patches)
        return drawn


def _line_patches(path: Path, symbol: Symbol, z: float) -> list[PathPatch]:
    patches = []
    if symbol.casing > 0:
        patches.append(
            PathPatch(
                path,
                facecolor="none",
                edgecolor="white",
                linewidth=symbol.width + 2 * symbol.casing,
                capstyle="round",
                joinstyle="round",
                zorder=z - 0.1,
            )
        )
    patches.append(
        PathPatch(
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
    )
    return patches


def _polygon_patch(path: Path, symbol: Symbol, z: float) -> PathPatch:
    return PathPatch(
        path,
        facecolor=symbol.fill,
        edgecolor=symbol.color,
        linewidth=symbol.width,
        linestyle=symbol.linestyle,
        hatch=symbol.hatch or None,
        alpha=symbol.alpha,
        zorder=z,
    )


def marker_path(
    xy: np.ndarray, marker: str, size_pt: float, metres_per_point: float
) -> Path:
    """One compound path of a marker at every point, sized in points.

    A PDF writes a marker collection point by point in Python (about 20 µs
    each); one compound path in data units is written in one go.
    """
    style = MarkerStyle(marker)
    unit = style.get_path().transformed(style.get_transform())
    verts = unit.vertices * (size_pt * metres_per_point)
    codes = unit.codes
    if codes is None:
        codes = np.full(len(verts), Path.LINETO, dtype=np.uint8)
        codes[0] = Path.MOVETO
    every = (xy[:, None, :] + verts[None, :, :]).reshape(-1, 2)
    return Path(every, np.tile(codes, len(xy)))


def _point_patches(
    kind: str, xy: np.ndarray, symbol: Symbol, z: float, metres_per_point: float
) -> list[PathPatch]:
    """Point features as markers; polygons too small to show as dots."""
    is_point = kind == "point"
    marker = symbol.marker if is_point else "s"
    size = symbol.size if is_point else MIN_FOOTPRINT_PT
    colour = symbol.color if symbol.fill == "none" else symbol.fill
    patch = PathPatch(
        marker_path(xy, marker, size, metres_per_point),
        facecolor=colour,
        edgecolor="white" if is_point else "none",
        linewidth=0.3 if is_point else 0.0,
        alpha=symbol.alpha,
        zorder=z,
    )
    return [patch]
