"""Burning layers into the map image: the same pixels Agg would draw."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from riskmap.render.layer_artists import marker_path
from riskmap.render.raster import MapImage, clip_segments, disk_offsets, trace

W, H, DPI = 400, 300, 150.0
VIEW = (0.0, 0.0, float(W), float(H))  # one map unit per pixel


def _image(colours=((255, 255, 255),)) -> MapImage:
    return MapImage(np.zeros((H, W), np.uint8), np.array(colours, np.uint8), VIEW, DPI)


def _agg(patch: PathPatch) -> np.ndarray:
    """RGBA of ``patch`` drawn by Agg without antialiasing over VIEW."""
    fig = Figure(figsize=((W + 0.5) / DPI, (H + 0.5) / DPI), dpi=DPI)
    fig.patch.set_alpha(0)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, W)
    ax.set_ylim(0, H)
    patch.set_antialiased(False)
    ax.add_artist(patch)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:H, :W].copy()


def _routes(n: int = 300, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    verts, codes = [], []
    for _ in range(n):
        k = int(rng.integers(5, 20))
        start = rng.uniform(0, [W, H])
        verts.append(start + np.cumsum(rng.normal(0, 15, (k, 2)), axis=0))
        c = np.full(k, Path.LINETO, dtype=np.uint8)
        c[0] = Path.MOVETO
        codes.append(c)
    return Path(np.concatenate(verts), np.concatenate(codes))


def test_trace_is_connected_from_end_to_end() -> None:
    rows, cols = trace(
        np.array([0.5, 10.2, 12.5]),
        np.array([0.5, 3.7, 5.5]),
        np.array([7.9, 10.2, 14.5]),
        np.array([3.1, 3.7, 5.5]),
    )
    first = slice(0, 9)  # 8 pixel steps along x: 9 samples
    assert cols[first].tolist()[::8] == [0, 7] and rows[first].tolist()[::8] == [0, 3]
    steps = np.abs(np.diff(np.c_[rows[first], cols[first]], axis=0))
    assert steps.max() <= 1  # 8-connected
    # A zero-length segment is one sample and does not shift the next one.
    assert (rows[9], cols[9]) == (3, 10)
    assert rows[10:].tolist() == [5, 5, 5] and cols[10:].tolist() == [12, 13, 14]


def test_clip_keeps_what_is_inside() -> None:
    x0, y0, x1, y1 = clip_segments(
        np.array([-10.0, 5.0, -5.0]),
        np.array([5.0, 5.0, -5.0]),
        np.array([20.0, 8.0, -1.0]),
        np.array([5.0, 8.0, -1.0]),
        (0.0, 0.0, 10.0, 10.0),
    )
    assert len(x0) == 2  # the third segment lies outside
    got = sorted(zip(x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist(), strict=True))
    assert got == [(0.0, 5.0, 10.0, 5.0), (5.0, 5.0, 8.0, 8.0)]


@pytest.mark.parametrize("width_pt", [0.8, 1.1, 3.2])
def test_lines_match_agg(width_pt: float) -> None:
    path = _routes()
    agg = (
        _agg(
            PathPatch(
                path,
                facecolor="none",
                edgecolor="black",
                linewidth=width_pt,
                capstyle="round",
                joinstyle="round",
            )
        )[..., 3]
        > 0
    )
    image = _image()
    image.burn_lines(path, width_pt, "black")
    ours = image.rgba[..., 0] == 0
    assert abs(int(ours.sum()) - int(agg.sum())) < 0.05 * agg.sum()
    assert (ours ^ agg).sum() < 0.12 * agg.sum()  # pixels along the edges


@pytest.mark.parametrize(("marker", "size", "edge"), [("s", 1.5, 0.0), ("o", 5.0, 0.3)])
def test_dots_match_agg(marker: str, size: float, edge: float) -> None:
    rng = np.random.default_rng(2)
    xy = rng.uniform(10, [W - 10, H - 10], (300, 2))
    drawn = _agg(
        PathPatch(
            marker_path(xy, marker, size, DPI / 72.0),
            facecolor="black",
            edgecolor="red" if edge else "none",
            linewidth=edge,
        )
    )
    image = _image()
    shape = "square" if marker == "s" else "disk"
    image.burn_dots(xy, size, "black", shape=shape, edge="red", edge_pt=edge)
    rgba = image.rgba
    for ours, agg in (
        (rgba[..., 1] == 0, drawn[..., 3] > 0),  # everything drawn
        (rgba[..., 0] == 0, (drawn[..., 3] > 0) & (drawn[..., 0] == 0)),  # fill
    ):
        assert abs(int(ours.sum()) - int(agg.sum())) < 0.12 * agg.sum()
        assert (ours ^ agg).sum() < 0.25 * agg.sum()


def test_blending_stays_in_the_palette() -> None:
    image = _image([(255, 255, 255), (0, 0, 255)])
    image._index[:, W // 2 :] = 1  # right half blue
    mask = np.zeros((H, W), bool)
    mask[: H // 2] = True  # top half
    image.paint(mask, "#FF0000", 0.5)
    assert image.colours == 4  # white, blue, and each with red over it
    rgba = image.rgba
    assert tuple(rgba[0, 0]) == (255, 128, 128, 255)
    assert tuple(rgba[0, -1]) == (128, 0, 128, 255)
    assert tuple(rgba[-1, 0]) == (255, 255, 255, 255)


def test_more_than_256_colours_fall_back_to_rgba() -> None:
    image = _image()
    for i in range(300):
        mask = np.zeros((H, W), bool)
        mask[i % H, i // H :: 2] = True
        image.paint(mask, f"#{i:06X}")
    assert image.colours == 0  # plain RGBA now
    rgba = image.rgba
    assert tuple(rgba[299 % H, 299 // H, :3]) == (0x00, 0x01, 0x2B)
    assert tuple(rgba[0, 0, :3]) == (0, 0, 0)


def test_agg_drawing_keeps_its_place_in_the_order() -> None:
    """A hatched patch drawn by Agg, then a burnt line over it, then another
    patch over the line."""
    image = _image()
    image.add_artist(Rectangle((0, 0), W, H / 2, facecolor="#00FF00", hatch="//"))
    image.burn_lines(Path([(0, H / 2), (W, H / 2)]), 10.0, "#FF0000")
    image.add_artist(Rectangle((W / 2, 0), W / 2, H, facecolor="#0000FF"))
    image.flush()
    rgba = image.rgba
    assert tuple(rgba[H // 2, 10, :3]) == (255, 0, 0)  # line over the hatch
    assert tuple(rgba[H // 2, W - 10, :3]) == (0, 0, 255)  # patch over the line
    bottom = {tuple(c) for c in rgba[H - 20, : W // 2 - 10, :3]}
    assert (0, 255, 0) in bottom and len(bottom) > 1  # hatched green
    assert tuple(rgba[10, 10, :3]) == (255, 255, 255)


def test_disk_widening_equals_offsets() -> None:
    rng = np.random.default_rng(3)
    rows = rng.integers(-5, H + 5, 2_000)
    cols = rng.integers(-5, W + 5, 2_000)
    image = _image()
    for radius in (0.8, 1.33, 2.5, 3.83, 6.0):
        expected = np.zeros((H, W), bool)
        for dy, dx in zip(*disk_offsets(radius), strict=True):
            r, c = rows + dy, cols + dx
            ok = (r >= 0) & (r < H) & (c >= 0) & (c < W)
            expected[r[ok], c[ok]] = True
        assert (image.mask(rows, cols, radius) == expected).all(), radius


@pytest.mark.parametrize("size", [0.5, 1.5, 3.0])
def test_square_dots_equal_their_definition(size: float) -> None:
    rng = np.random.default_rng(4)
    xy = rng.uniform(-3, [W + 3, H + 3], (400, 2))
    image = _image()
    fill, _ = image.dot_masks(xy, size, "square")
    px, py = image.to_pixels(xy)
    half = size * DPI / 72 / 2
    yy, xx = np.mgrid[0:H, 0:W]
    expected = np.zeros((H, W), bool)
    for x, y in zip(px, py, strict=True):
        c = (np.abs(xx + 0.5 - x) <= half + 0.5) & (np.abs(yy + 0.5 - y) <= half + 0.5)
        expected |= c
    assert (fill == expected).all()
