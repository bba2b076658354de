"""The map drawing shared by pages and the screen canvas."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import shapely

from riskmap.core.grid import Grid
from riskmap.render.layer_artists import LayerArtistCache, simplify_tolerance
from riskmap.render.layout import metres_per_point
from riskmap.render.legend import layer_rows
from riskmap.render.map_figure import class_pixels, draw_map
from riskmap.render.model import VectorLayer
from riskmap.render.raster import MapImage
from riskmap.render.styles import resolve_style


def _squares(n: int, size: float, spacing: float = 200.0) -> np.ndarray:
    xs = np.arange(n) * spacing
    return shapely.box(xs, 0, xs + size, size)


def _layer(geoms, kind="polygon", style=None, categories=None) -> VectorLayer:
    return VectorLayer(
        "l",
        "图层",
        kind,
        np.asarray(geoms, dtype=object),
        resolve_style(style or {}, kind, "图层"),
        categories,
    )


@pytest.mark.parametrize(
    ("scale", "lod"),
    [
        (5_000, "footprints"),
        (100_000, "points"),
        (200_000, "points"),
        (400_000, "hidden"),
    ],
)
def test_level_of_detail_follows_the_scale(scale: int, lod: str) -> None:
    layer = _layer(_squares(10, 30.0))  # 30 m footprints
    assert LayerArtistCache().lod(layer, metres_per_point(scale)) == lod


def test_drawn_layers_are_culled_and_listed_for_the_legend() -> None:
    layer = _layer(
        _squares(50, 30.0),
        style={"by": "use", "categories": {"a": "#FF0000", "b": "#00FF00"}},
        categories=np.array(["a"] * 25 + [""] * 25, dtype=object),
    )
    fig = Figure()
    ax = fig.add_axes((0, 0, 1, 1))
    cache = LayerArtistCache()
    view = (-10, -10, 1_990, 100)  # features 0-9 only, all in category "a"
    drawn = cache.draw(ax, layer, view, metres_per_point(5_000))
    assert drawn.lod == "footprints"
    assert [s.label for s in drawn.symbols] == ["a"]
    (patch,) = drawn.artists
    assert patch.get_path().vertices[:, 0].max() <= 1_830  # nothing beyond the view
    rows = layer_rows([drawn])
    assert [(r.symbol.label, r.header) for r in rows] == [("图层", True), ("a", False)]


def test_simplification_is_per_scale_and_cached() -> None:
    circle = shapely.Point(0, 0).buffer(1_000, quad_segs=256)
    layer = _layer([circle])
    prep = LayerArtistCache().prepared(layer)
    fine = prep.paths(metres_per_point(5_000))
    coarse = prep.paths(metres_per_point(500_000))
    assert len(coarse.vertices) < len(fine.vertices) / 4
    assert prep.paths(metres_per_point(500_000)) is coarse
    assert simplify_tolerance(metres_per_point(1_000)) == 0.0
    assert simplify_tolerance(metres_per_point(100_000)) == 4.0


def _white_image(view, width: int, height: int) -> MapImage:
    index = np.zeros((height, width), np.uint8)
    return MapImage(index, np.array([[255, 255, 255]], np.uint8), view, 72.0)


@pytest.mark.parametrize("fill", ["#102030", None])
def test_heavy_layers_are_painted_into_the_map_image(fill) -> None:
    # Filled dots are burnt in; hatched ones go through Agg.
    style = {"fill": "#102030"} if fill else {"fill": "#102030", "hatch": "//"}
    layer = _layer(_squares(3_000, 5.0, spacing=10.0), style=style)
    view = (0.0, 0.0, 30_000.0, 3_000.0)
    fig = Figure()
    ax = fig.add_axes((0, 0, 1, 1))
    image = _white_image(view, 1_000, 100)
    cache = LayerArtistCache(raster_vertices=1_000)
    drawn = cache.draw(ax, layer, view, 50.0, image)  # 3,000 dots: heavy
    assert drawn.lod == "points" and drawn.symbols and drawn.artists == []
    assert not ax.patches
    rgba = image.rgba
    # Dots 1.5 px wide along the bottom edge, 10 m apart over 30 km (30 m a
    # pixel): a dark band in the last row, nothing above the next one.
    assert (rgba[-1, :, 0] < 128).mean() > 0.9
    assert (rgba[:-2] == 255).all()
    light = LayerArtistCache(raster_vertices=10**9).draw(ax, layer, view, 50.0, image)
    assert len(light.artists) == 1 and len(ax.patches) == 1


def test_heavy_lines_are_burnt_casing_under_every_line() -> None:
    """Two categories of crossing lines: no casing may cut the other's line."""
    horizontal = shapely.LineString([(0, 500), (10_000, 500)])
    vertical = shapely.LineString([(5_000, 0), (5_000, 1_000)])
    geoms = [horizontal, vertical] * 3_000
    style = {
        "color": "#000000",
        "casing": 2.0,
        "by": "k",
        "categories": {"a": "#FF0000", "b": "#0000FF"},
    }
    categories = np.array(["a", "b"] * 3_000, dtype=object)
    layer = _layer(geoms, "line", style, categories)
    view = (0.0, 0.0, 10_000.0, 1_000.0)
    image = _white_image(view, 1_000, 100)
    ax = Figure().add_axes((0, 0, 1, 1))
    drawn = LayerArtistCache(raster_vertices=1_000).draw(ax, layer, view, 10.0, image)
    assert drawn.artists == [] and image.colours <= 256
    rgba = image.rgba
    # The red line runs on through the blue line's casing, and vice versa.
    assert tuple(rgba[50, 480, :3]) == (255, 0, 0)
    assert tuple(rgba[20, 500, :3]) == (0, 0, 255)
    assert tuple(rgba[50, 500, :3]) in {(255, 0, 0), (0, 0, 255)}
    assert tuple(rgba[10, 480, :3]) == (255, 255, 255)


def test_class_pixels_nearest_cell_and_white_outside() -> None:
    from riskmap.render.model import AreaStats, Footer, MapDocument

    grid = Grid("EPSG:4545", 0.0, 20.0, 10.0, 2, 2)
    classes = np.array([[4, 1], [0, 2]], np.uint8)
    doc = MapDocument(
        "t",
        "",
        grid,
        classes,
        [],
        [],
        (0.25, 0.5, 0.75),
        AreaStats("t", 0, 0, 0, {}, 0),
        Footer([], "", 10, "", "", "", "", "", ""),
    )
    rgb = class_pixels(doc, (0, 0, 30, 20), (6, 4))  # 5 m pixels, 10 m beyond
    assert rgb.shape == (4, 6, 4)
    assert (rgb[..., 3] == 255).all()  # opaque
    assert tuple(rgb[0, 0, :3]) == (0xE8, 0x26, 0x2B)  # 重大
    assert tuple(rgb[0, 3, :3]) == (0x2F, 0x6F, 0xD0)  # 低
    assert tuple(rgb[3, 0, :3]) == (255, 255, 255)  # no data
    assert tuple(rgb[0, 5, :3]) == (255, 255, 255)  # beyond the grid


def test_draw_map_on_a_screen_axes(document) -> None:
    """The GUI canvas calls draw_map on its own Axes, reusing one cache."""
    fig = Figure(figsize=(4, 3), dpi=72)
    ax = fig.add_axes((0, 0, 1, 1))
    cache = LayerArtistCache()
    view = document.grid.bounds
    mpp = (view[2] - view[0]) / (4 * 72)
    first = draw_map(ax, document, view, mpp, cache=cache, adjustable="datalim")
    FigureCanvasAgg(fig).draw()
    assert {d.layer.id for d in first.layers} == {
        "hazmat",
        "highrise",
        "landslide",
        "stations",
    }
    prepared = dict(cache._prepared)
    ax.cla()
    draw_map(ax, document, view, mpp, cache=cache, adjustable="datalim")
    assert cache._prepared.keys() == prepared.keys()
    assert all(cache._prepared[k] is prepared[k] for k in prepared)


def test_heaviness_is_judged_after_simplification() -> None:
    """Detailed outlines that simplify to few vertices stay vectors."""
    centres = shapely.points(np.arange(100) * 3_000.0, np.zeros(100))
    circles = shapely.buffer(centres, 1_000.0, quad_segs=256)  # 1,025 vertices each
    layer = _layer(circles)
    view = (-2_000.0, -2_000.0, 300_000.0, 2_000.0)
    mpp = metres_per_point(250_000)  # 1 km circles are a few points across
    image = _white_image(view, 1_000, 100)
    ax = Figure().add_axes((0, 0, 1, 1))
    cache = LayerArtistCache(raster_vertices=20_000)
    drawn = cache.draw(ax, layer, view, mpp, image)
    assert drawn.lod == "footprints"
    (patch,) = drawn.artists  # a vector path, not burnt into the image
    assert len(patch.get_path().vertices) < 20_000 < 100 * 1_025
    assert image.colours == 1  # the image is untouched
    # The same outlines unsimplified (no tolerance at 1:1,000) are heavy.
    heavy = cache.draw(ax, layer, view, metres_per_point(1_000), image)
    image.flush()  # polygons are drawn by Agg, when the image is next needed
    assert heavy.artists == [] and image.colours > 1


@pytest.mark.parametrize("other", ["其他", "未分级"])
def test_features_of_no_listed_category_take_the_styles_other_label(other) -> None:
    from dataclasses import replace

    layer = _layer(
        _squares(4, 30.0),
        style={"by": "use", "categories": {"a": "#FF0000"}},
        categories=np.array(["a", "", "a", ""], dtype=object),
    )
    if other != "其他":
        layer = replace(layer, style=replace(layer.style, other_label=other))
    ax = Figure().add_axes((0, 0, 1, 1))
    drawn = LayerArtistCache().draw(
        ax, layer, (-10, -10, 900, 100), metres_per_point(5_000)
    )
    labels = [r.symbol.label for r in layer_rows([drawn])]
    assert labels == ["图层", "a", other]
