"""Geometry onto cells: checked against shapely on random shapes."""

from __future__ import annotations

import numpy as np
import pytest

import shapely

from riskmap.core.grid import Grid
from riskmap.hazards.burn import (
    polygon_centroids,
    polygon_fill,
    representative_xy,
    segment_cells,
    segments_of,
)

GRID = Grid("EPSG:4545", 1000.0, 2000.0, 10.0, 30, 40)


def cell_boxes(grid: Grid) -> np.ndarray:
    rows, cols = np.indices(grid.shape)
    x0 = grid.x0 + cols.ravel() * grid.cell
    y1 = grid.y0 - rows.ravel() * grid.cell
    return shapely.box(x0, y1 - grid.cell, x0 + grid.cell, y1)


def centres(grid: Grid) -> np.ndarray:
    x, y = np.meshgrid(grid.x_centres(), grid.y_centres())
    return shapely.points(x.ravel(), y.ravel())


def random_lines(rng: np.random.Generator, n: int) -> np.ndarray:
    lines = []
    for _ in range(n):
        k = rng.integers(2, 6)
        xy = np.column_stack([rng.uniform(980, 1420, k), rng.uniform(1680, 2020, k)])
        lines.append(shapely.linestrings(xy))
    return np.array(lines, dtype=object)


def test_segment_cells_cover_every_cell_a_line_crosses() -> None:
    rng = np.random.default_rng(1)
    lines = random_lines(rng, 40)
    segs = segments_of(lines)
    seg, flat = segment_cells(segs, GRID)
    boxes = cell_boxes(GRID)
    for i, line in enumerate(lines):
        got = set(flat[segs.feature[seg] == i])
        # cells whose interior the line enters (touching an edge only is
        # allowed either way)
        crossed = set(np.flatnonzero(shapely.relate_pattern(boxes, line, "T********")))
        assert crossed <= got
        touched = set(np.flatnonzero(shapely.intersects(boxes, line)))
        assert got <= touched


def test_segment_cells_of_a_line_along_a_cell_edge() -> None:
    line = shapely.linestrings([(1000.0, 1990.0), (1040.0, 1990.0)])
    _seg, flat = segment_cells(segments_of(np.array([line])), GRID)
    rows = set((flat // GRID.ncols).tolist())
    cols = set((flat % GRID.ncols).tolist())
    # on the edge between rows 0 and 1 the cells south of it are registered;
    # the end point on the edge of column 4 registers that cell too
    assert rows == {1}
    assert cols == {0, 1, 2, 3, 4}


def polygons(rng: np.random.Generator, n: int) -> np.ndarray:
    out = []
    for _ in range(n):
        c = rng.uniform([1000, 1700], [1400, 2000])
        k = rng.integers(3, 12)
        ang = np.sort(rng.uniform(0, 2 * np.pi, k))
        rad = rng.uniform(5, 60, k)
        ring = np.column_stack([c[0] + rad * np.cos(ang), c[1] + rad * np.sin(ang)])
        poly = shapely.make_valid(shapely.polygons(ring))
        out.append(poly)
    # one polygon with a hole, one multipolygon
    out.append(
        shapely.Polygon(
            [(1100, 1800), (1300, 1800), (1300, 1950), (1100, 1950)],
            [[(1150, 1850), (1250, 1850), (1250, 1900), (1150, 1900)]],
        )
    )
    out.append(
        shapely.box(1000, 1700, 1030, 1730).union(shapely.box(1350, 1900, 1395, 1990))
    )
    return np.array(out, dtype=object)


def test_polygon_fill_matches_centre_in_polygon() -> None:
    rng = np.random.default_rng(2)
    geoms = polygons(rng, 60)
    feat, flat = polygon_fill(geoms, GRID)
    pts = centres(GRID)
    for i, g in enumerate(geoms):
        got = set(flat[feat == i])
        want = set(np.flatnonzero(shapely.contains_properly(g, pts)))
        boundary = set(np.flatnonzero(shapely.touches(g, pts)))
        assert want <= got <= want | boundary


def test_neighbouring_polygons_never_share_a_centre() -> None:
    # two districts sharing an edge through a row of cell centres
    left = shapely.box(1000, 1700, 1105, 2000)
    right = shapely.box(1105, 1700, 1400, 2000)
    top = shapely.box(1000, 1855, 1400, 2000)  # edge on the centre line y = 1855
    bottom = shapely.box(1000, 1700, 1400, 1855)
    for a, b in ((left, right), (top, bottom)):
        _feat, flat = polygon_fill(np.array([a, b], dtype=object), GRID)
        assert len(flat) == len(set(flat.tolist()))
        assert len(flat) == GRID.size


def test_polygon_half_inside_a_cell_counts_by_its_centre() -> None:
    # covers the west half of cell (0, 0) plus 1 cm: the centre (1005, 1995)
    covers = shapely.box(1000, 1990, 1005.01, 2000)
    misses = shapely.box(1000, 1990, 1004.99, 2000)
    feat, flat = polygon_fill(np.array([covers, misses], dtype=object), GRID)
    assert flat[feat == 0].tolist() == [0]
    assert flat[feat == 1].tolist() == []


def test_polygon_centroids_match_shapely() -> None:
    rng = np.random.default_rng(3)
    geoms = polygons(rng, 30)
    x, y = polygon_centroids(geoms)
    want = shapely.get_coordinates(shapely.centroid(geoms))
    np.testing.assert_allclose(np.column_stack([x, y]), want, atol=1e-6)


def test_representative_xy_mixes_points_lines_and_polygons() -> None:
    geoms = np.array(
        [
            shapely.Point(3, 4),
            shapely.LineString([(0, 0), (10, 0)]),
            shapely.box(0, 0, 2, 2),
            None,
        ],
        dtype=object,
    )
    x, y = representative_xy(geoms)
    np.testing.assert_allclose(x[:3], [3, 5, 1])
    np.testing.assert_allclose(y[:3], [4, 0, 1])
    assert np.isnan(x[3])


@pytest.mark.parametrize("n", [0, 1])
def test_empty_inputs(n: int) -> None:
    geoms = np.array([shapely.Point(5000, 5000)] * n, dtype=object)
    _feat, flat = polygon_fill(geoms, GRID)
    assert len(flat) == 0
    _seg, flat = segment_cells(segments_of(geoms), GRID)
    assert len(flat) == 0


def test_polygon_fill_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskmap.hazards import burn

    geoms = polygons(np.random.default_rng(8), 40)
    want = polygon_fill(geoms, GRID)
    monkeypatch.setattr(burn, "FILL_CHUNK", 7)
    got = polygon_fill(geoms, GRID)
    assert sorted(zip(*want, strict=True)) == sorted(zip(*got, strict=True))


def test_segments_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskmap.hazards import burn

    geoms = np.concatenate(
        [
            random_lines(np.random.default_rng(9), 30),
            polygons(np.random.default_rng(10), 10),
        ]
    )
    want = segments_of(geoms)
    monkeypatch.setattr(burn, "SEGMENT_CHUNK", 4)
    got = segments_of(geoms)
    for name in ("ax", "ay", "bx", "by", "feature"):
        np.testing.assert_array_equal(getattr(want, name), getattr(got, name))
