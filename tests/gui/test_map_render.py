"""Screen images of the map: heavy layers become pixels, light ones stay vectors."""

from __future__ import annotations

import numpy as np
import pytest

import shapely

from riskmap.core.grid import Grid
from riskmap.gui import map_render
from riskmap.render.layer_artists import RASTER_VERTICES, LayerArtistCache
from riskmap.render.model import AreaStats, Footer, MapDocument, VectorLayer
from riskmap.render.styles import resolve_style

pytestmark = pytest.mark.gui

RED = "#FF0000"
VIEW = (0.0, 0.0, 10_000.0, 5_000.0)
WIDTH, HEIGHT, DPI = 400, 200, 96.0


def _document(n_lines: int) -> MapDocument:
    # Vertical two-point segments across the whole height, evenly spread.
    xs = np.linspace(100.0, 9_900.0, n_lines)
    lines = shapely.linestrings(
        np.stack(
            [np.c_[xs, np.full(n_lines, 0.0)], np.c_[xs, np.full(n_lines, 5_000.0)]], 1
        )
    )
    style = resolve_style({"color": RED, "casing": 0.0, "width": 0.8}, "line", "路线")
    layer = VectorLayer(
        "routes", "路线", "line", np.asarray(lines, dtype=object), style
    )
    grid = Grid("EPSG:4545", 0.0, 5_000.0, 100.0, 50, 100)
    return MapDocument(
        "t", "", grid, np.ones((50, 100), np.uint8), [], [layer],
        (0.25, 0.5, 0.75), AreaStats("t", 0, 0, 0, {}, 0),
        Footer([], "", 100, "", "", "", "", "", ""),
    )  # fmt: skip


def _render(doc: MapDocument) -> tuple[np.ndarray, int]:
    job = map_render.RenderJob(
        doc, VIEW, WIDTH, HEIGHT, DPI, LayerArtistCache(), LayerArtistCache()
    )
    image = map_render.render(job).image
    raw = np.frombuffer(image.constBits(), np.uint8)
    rgba = raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :WIDTH]
    vectors = len(map_render._surface(WIDTH, HEIGHT, DPI).ax.patches)
    return rgba.copy(), vectors


def _red(rgba: np.ndarray) -> np.ndarray:
    r, g, b = (rgba[..., i].astype(int) for i in range(3))
    return (r > 200) & (g < 60) & (b < 60)


def test_a_layer_too_heavy_for_vectors_is_painted_into_the_screen_image() -> None:
    n = RASTER_VERTICES // 2 + 1_000  # two vertices each: over the limit
    rgba, vectors = _render(_document(n))
    assert vectors == 0  # no path of n segments went through Agg
    # 11,000 lines over 400 pixels: every column between the first and last
    # line is red, from top to bottom.
    red = _red(rgba)
    assert red[:, 10:390].all()


def test_a_light_layer_stays_a_vector_drawing() -> None:
    rgba, vectors = _render(_document(20))
    assert vectors >= 1
    red_columns = _red(rgba).any(axis=0)
    # Twenty thin lines: red in a few columns only, the risk colour between.
    assert 20 <= red_columns.sum() <= 80
    assert not red_columns[200:205].all()
