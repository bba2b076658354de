from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path

import shapely

from riskmap.core.grid import Grid
from riskmap.render import geometry as geo
from riskmap.render.cells import (
    class_area_path,
    class_boundary_path,
    coarsen,
    window,
)


def _filled(path: Path, points: list[tuple[float, float]], view) -> list[bool]:
    """Whether each point is painted when ``path`` is filled (Agg, non-zero)."""
    fig = Figure(figsize=(1, 1), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.add_patch(PathPatch(path, facecolor="black", edgecolor="none"))
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    out = []
    for x, y in points:
        px, py = ax.transData.transform((x, y))
        out.append(bool(rgba[rgba.shape[0] - 1 - int(py), int(px), 0] < 128))
    return out


def _area(path: Path) -> float:
    """Signed area summed over the closed rings of a compound path."""
    total = 0.0
    for poly in path.to_polygons(closed_only=True):
        x, y = poly[:, 0], poly[:, 1]
        total += 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return total


def test_polygon_arrays_keep_holes_empty_and_owners() -> None:
    donut = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))
    multi = shapely.MultiPolygon([shapely.box(20, 0, 21, 1), shapely.box(30, 0, 32, 2)])
    arrays = geo.polygon_arrays(
        np.array([donut, multi, shapely.Polygon()], dtype=object)
    )
    assert len(arrays) == 3
    # Exteriors counter-clockwise, holes clockwise: signed areas add up.
    assert _area(arrays.path(np.array([True, False, False]))) == pytest.approx(96.0)
    assert _area(arrays.path(np.array([False, True, False]))) == pytest.approx(5.0)
    assert set(np.unique(arrays.owner)) == {0, 1}
    path = arrays.path(np.array([True, False, False]))
    assert _filled(path, [(2, 2), (5, 5)], (0, 0, 10, 10)) == [True, False]
    assert np.isnan(arrays.bounds[2]).all()  # the empty polygon


def test_line_arrays_split_parts_and_take_polygon_boundaries() -> None:
    lines = np.array(
        [
            shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3), (4, 2)]]),
            shapely.box(0, 0, 1, 1),
        ],
        dtype=object,
    )
    arrays = geo.line_arrays(lines)
    assert (arrays.codes == Path.MOVETO).sum() == 3  # two parts + one ring
    assert len(arrays.vertices) == 2 + 3 + 5
    assert arrays.owner.tolist() == [0] * 5 + [1] * 5


def test_in_view_culls_by_bounding_box() -> None:
    bounds = np.array([[0, 0, 1, 1], [5, 5, 6, 6], [np.nan] * 4])
    assert geo.in_view(bounds, (0.5, 0.5, 2, 2)).tolist() == [True, False, False]


def test_mask_outside_covers_the_view_except_the_focus() -> None:
    focus = shapely.box(2, 2, 4, 4)
    path = geo.mask_outside(focus, (0, 0, 10, 10))
    assert _filled(path, [(1, 1), (3, 3), (9, 9)], (0, 0, 10, 10)) == [
        True,
        False,
        True,
    ]


def test_window_and_coarsen() -> None:
    grid = Grid("EPSG:4545", 0.0, 100.0, 10.0, 10, 10)
    win = window(grid, (21, 31, 39, 59), pad=0)
    assert (win.r0, win.r1, win.c0, win.c1) == (4, 7, 2, 4)
    assert win.extent == (20.0, 40.0, 30.0, 60.0)
    classes = np.zeros((5, 5), np.uint8)
    classes[4, 4] = 4
    blocks, coarse = coarsen(classes, window(grid, (0, 50, 50, 100), pad=0), 2)
    assert blocks.shape == (3, 3) and blocks[2, 2] == 4 and coarse.cell == 20.0


def test_class_area_and_boundary_follow_cell_edges() -> None:
    grid = Grid("EPSG:4545", 0.0, 30.0, 10.0, 3, 3)
    classes = np.array([[1, 1, 4], [1, 4, 4], [2, 2, 2]], np.uint8)
    win = window(grid, grid.bounds, pad=0)
    red = class_area_path(classes, win, 4)
    assert _area(red) == pytest.approx(300.0)
    assert _filled(red, [(25, 25), (5, 25), (15, 15)], (0, 0, 30, 30)) == [
        True,
        False,
        True,
    ]
    edges = class_boundary_path(classes, win)
    segments = edges.vertices.reshape(-1, 2, 2)
    length = np.abs(segments[:, 1] - segments[:, 0]).sum()
    # Class changes: between rows 0|1 at column 1, rows 1|2 across all three
    # columns, and between columns 0|1 (rows 1) and 1|2 (row 0): 10+30+10+10.
    assert length == pytest.approx(60.0)
    assert class_area_path(classes, win, 3) is None
