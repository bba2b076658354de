"""Hazard layers as matplotlib artists, prepared once, culled to each view.

A :class:`LayerArtistCache` flattens each layer into path arrays the first
time it is drawn; every later view (an atlas page, a screen redraw) only
masks the features in view and wraps them in a compound path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from matplotlib.axes import Axes
from matplotlib.markers import MarkerStyle
from matplotlib.patches import PathPatch
from matplotlib.path import Path

import shapely

from riskmap.render import geometry as geo
from riskmap.render.model import VectorLayer
from riskmap.render.raster import MapImage
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
# Point symbols have a white edge this wide (points).
POINT_EDGE_PT = 0.3
# Features sampled to estimate how much simplification thins a layer.
SAMPLE_FEATURES = 500
# Vertices of one marker, for deciding whether a point layer is heavy.
MARKER_VERTICES = 5


@dataclass
class _Level:
    """One level of simplification, filled in for the features asked for."""

    done: np.ndarray  # per feature: its simplified parts are in ``arrays``
    arrays: geo.PathArrays


@dataclass
class _Prepared:
    kind: str
    geometries: np.ndarray
    bounds: np.ndarray
    categories: np.ndarray  # per feature, "" = the base symbol
    footprint: float  # typical feature size in metres (polygons)
    vertex_counts: np.ndarray  # per feature
    detailed: bool = True  # worth simplifying (not rectangles or 2-point lines)
    levels: dict[float, _Level] = field(default_factory=dict)
    ratios: dict[float, float] = field(default_factory=dict)
    _raw: geo.PathArrays | None = None
    _points: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def raw(self) -> geo.PathArrays:
        """Path arrays of the geometries as they are (for the map image)."""
        if self._raw is None:
            self._raw = self._arrays(self.geometries, np.arange(len(self.geometries)))
        return self._raw

    @property
    def points(self) -> np.ndarray:
        """(m, 2): point parts, or the centres of polygon parts."""
        return self._point_data()[0]

    @property
    def point_owner(self) -> np.ndarray:
        return self._point_data()[1]

    def _point_data(self) -> tuple[np.ndarray, np.ndarray]:
        if self._points is None:
            self._points = geo.point_coordinates(self.geometries)
        return self._points

    def _arrays(self, geoms: np.ndarray, index: np.ndarray) -> geo.PathArrays:
        make = geo.polygon_arrays if self.kind == "polygon" else geo.line_arrays
        arrays = make(geoms)
        arrays.owner = index[arrays.owner]
        arrays.bounds = self.bounds
        return arrays

    def simplified_vertices(self, metres_per_point: float, features: np.ndarray) -> int:
        """About how many vertices ``features`` keep when simplified for the
        scale, from a sample of the layer (exact for small layers)."""
        raw = int(self.vertex_counts[features].sum())
        tol = simplify_tolerance(metres_per_point) if self.detailed else 0.0
        if tol == 0.0 or raw == 0:
            return raw
        ratio = self.ratios.get(tol)
        if ratio is None:
            step = max(1, len(self.geometries) // SAMPLE_FEATURES)
            sample = self.geometries[::step]
            kept = shapely.get_num_coordinates(
                shapely.simplify(sample, tol, preserve_topology=False)
            ).sum()
            ratio = self.ratios[tol] = float(kept) / max(
                1, int(self.vertex_counts[::step].sum())
            )
        return round(raw * ratio)

    def paths(
        self, metres_per_point: float, features: np.ndarray | None = None
    ) -> geo.PathArrays:
        """Path arrays simplified to what the scale can show, cached per level.

        Only ``features`` (all when None) are simplified, once per level:
        an atlas page or a screen view pays for what it shows. Topology is
        not kept (two to six times faster): a ring that crosses itself or a
        feature that vanishes at a fifth of a point does not show. Compound
        paths with MOVETO/CLOSEPOLY codes are never simplified by
        matplotlib, so every vertex would reach the PDF otherwise.
        """
        tol = simplify_tolerance(metres_per_point) if self.detailed else 0.0
        if tol == 0.0:
            return self.raw
        n = len(self.geometries)
        level = self.levels.get(tol)
        if level is None:
            empty = geo.PathArrays(
                np.empty((0, 2)),
                np.empty(0, np.uint8),
                np.empty(0, np.int64),
                self.bounds,
            )
            level = self.levels[tol] = _Level(np.zeros(n, dtype=bool), empty)
        wanted = np.ones(n, dtype=bool) if features is None else features
        missing = np.flatnonzero(wanted & ~level.done)
        if len(missing):
            geoms = shapely.simplify(
                self.geometries[missing], tol, preserve_topology=False
            )
            level.arrays.extend(self._arrays(geoms, missing))
            level.done[missing] = True
        return level.arrays


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
        counts = shapely.get_num_coordinates(geoms)
        return _Prepared(
            layer.geometry_kind,
            geoms,
            shapely.bounds(geoms),
            categories,
            footprint,
            counts,
            detailed=int(counts.sum()) > 8 * max(n, 1),
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
        raster: MapImage | None = None,
    ) -> DrawnLayer:
        """Artists for ``layer`` within ``view`` at this scale.

        Parts with more than ``raster_vertices`` vertices in view are drawn
        into ``raster`` (the page's map image) when given, else are marked
        for rasterization in vector output.
        """
        prep = self.prepared(layer)
        lod = self.lod(layer, metres_per_point)
        drawn = DrawnLayer(layer, lod, [])
        if lod == "hidden":
            return drawn
        visible = geo.in_view(prep.bounds, view)
        z = Z_LAYER[layer.geometry_kind]
        burns: list[tuple[float, Callable[[], None]]] = []
        for key in [*layer.style.categories, ""]:
            features = visible & (prep.categories == key)
            if not features.any():
                continue
            symbol = layer.style.symbol(key)
            drawn.symbols.append(symbol)
            if lod == "points":
                xy = prep.points[features[prep.point_owner]]
                heavy = len(xy) * MARKER_VERTICES > self.raster_vertices
                if heavy and raster is not None and _dots_burnable(prep.kind, symbol):
                    burns.append(
                        (z, partial(_burn_points, raster, prep.kind, xy, symbol))
                    )
                    continue
                patches = _point_patches(prep.kind, xy, symbol, z, metres_per_point)
            else:
                limit = self.raster_vertices
                # Simplifying only removes vertices: most layers are light
                # before it, and need no estimate.
                heavy = int(prep.vertex_counts[features].sum()) > limit and (
                    prep.simplified_vertices(metres_per_point, features) > limit
                )
                if heavy and raster is not None:
                    # Pixels need no simplification: draw the lines as they are.
                    path = prep.raw.path(features)
                    if lod == "lines" and _solid(symbol):
                        burns += _line_burns(raster, path, symbol, z)
                        continue
                else:
                    path = prep.paths(metres_per_point, features).path(features)
                if lod == "lines":
                    patches = _line_patches(path, symbol, z)
                else:
                    patches = [_polygon_patch(path, symbol, z)]
            if heavy and raster is not None:
                for patch in patches:
                    # Crisp edges keep the map image to a few colours, which
                    # a PDF stores as a small indexed image.
                    patch.set_antialiased(False)
                    burns.append(
                        (patch.get_zorder(), partial(raster.add_artist, patch))
                    )
                continue
            for patch in patches:
                ax.add_artist(patch)
                if heavy:
                    patch.set_rasterized(True)
            drawn.artists.extend(patches)
        # In z order, as Agg would draw them: every casing under every line.
        for _, burn in sorted(burns, key=lambda item: item[0]):
            burn()
        return drawn


def _solid(symbol: Symbol) -> bool:
    return symbol.linestyle in ("-", "solid")


def _line_burns(
    raster: MapImage, path: Path, symbol: Symbol, z: float
) -> list[tuple[float, Callable[[], None]]]:
    """Solid lines and their casing, to burn into the map image."""
    burns = []
    if symbol.casing > 0:
        width = symbol.width + 2 * symbol.casing
        burns.append((z - 0.1, partial(raster.burn_lines, path, width, "white")))
    line = partial(raster.burn_lines, path, symbol.width, symbol.color, symbol.alpha)
    burns.append((z, line))
    return burns


def _dots_burnable(kind: str, symbol: Symbol) -> bool:
    return kind != "point" or symbol.marker in ("s", "o")


def _burn_points(raster: MapImage, kind: str, xy: np.ndarray, symbol: Symbol) -> None:
    """Dots burnt into the map image as :func:`_point_patches` draws them."""
    colour = symbol.color if symbol.fill == "none" else symbol.fill
    if kind != "point":
        raster.burn_dots(xy, MIN_FOOTPRINT_PT, colour, symbol.alpha)
        return
    raster.burn_dots(
        xy,
        symbol.size,
        colour,
        symbol.alpha,
        shape="square" if symbol.marker == "s" else "disk",
        edge="white",
        edge_pt=POINT_EDGE_PT,
    )


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
        linewidth=POINT_EDGE_PT if is_point else 0.0,
        alpha=symbol.alpha,
        zorder=z,
    )
    return [patch]
