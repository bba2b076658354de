"""The generic model: value (with decay) and density modes, and rasters."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine

import rasterio
import shapely

from riskmap.core.grid import Grid
from riskmap.errors import SettingsError
from tests.hazards.conftest import CRS, frame, raster_layer, run_model

GRID = Grid(CRS, 0.0, 500.0, 50.0, 10, 10)


def centres() -> tuple[np.ndarray, np.ndarray]:
    return np.meshgrid(GRID.x_centres(), GRID.y_centres())


def test_reference_hazmat_term_as_a_project_setting() -> None:
    # H = max(0, 1 - d / 500), d the distance to the nearest route
    routes = [
        shapely.LineString([(0, 130), (500, 170)]),
        shapely.LineString([(420, 0), (460, 500)]),
    ]
    h, _, _ = run_model(
        "generic",
        frame(routes),
        GRID,
        params={"mode": "value", "value": 1.0, "decay": 500},
    )
    x, y = centres()
    pts = shapely.points(x, y)
    d = np.minimum(shapely.distance(pts, routes[0]), shapely.distance(pts, routes[1]))
    np.testing.assert_allclose(h, np.maximum(0, 1 - d / 500), atol=1e-6)


def test_reference_fire_term_as_a_project_setting() -> None:
    # F = min(1, n / 5), n = centroids within 200 m of the centre
    rng = np.random.default_rng(0)
    boxes = [shapely.box(x, y, x + 20, y + 15) for x, y in rng.uniform(0, 480, (60, 2))]
    h, _, _ = run_model(
        "generic",
        frame(boxes),
        GRID,
        params={"mode": "density", "radius": 200, "saturation": 5},
    )
    cent = shapely.get_coordinates(shapely.centroid(np.array(boxes)))
    x, y = centres()
    n = (
        (
            (x.ravel()[:, None] - cent[:, 0]) ** 2
            + (y.ravel()[:, None] - cent[:, 1]) ** 2
            <= 200**2
        )
        .sum(axis=1)
        .reshape(GRID.shape)
    )
    np.testing.assert_allclose(h, np.minimum(1, n / 5))


def test_density_sums_a_field() -> None:
    pts = [shapely.Point(25, 475), shapely.Point(30, 470)]
    h, _, _ = run_model(
        "generic",
        frame(pts, 值=[2.0, 4.0]),
        GRID,
        params={"mode": "density", "radius": 10, "saturation": 10},
    )
    assert h[0, 0] == pytest.approx(0.6)


def test_values_minmax_and_fixed() -> None:
    polys = [
        shapely.box(0, 450, 50, 500),
        shapely.box(50, 450, 100, 500),
        shapely.box(100, 450, 150, 500),
    ]
    f = frame(polys, value=[10.0, 15.0, 30.0])
    h, ctx, _ = run_model("generic", f, GRID)
    np.testing.assert_allclose(h[0, :3], [0.0, 0.25, 1.0])
    assert any("min-max" in n for n in ctx.notes)
    h, _, _ = run_model(
        "generic", f, GRID, params={"normalise": "fixed", "range": [0, 20]}
    )
    np.testing.assert_allclose(h[0, :3], [0.5, 0.75, 1.0])


def test_polygons_decay_outside_and_stay_full_inside() -> None:
    f = frame([shapely.box(200, 200, 300, 300)])
    h, _, _ = run_model("generic", f, GRID, params={"value": 0.8, "decay": 100})
    assert h[5, 4] == pytest.approx(0.8)  # centre (225, 225) inside
    # centre (175, 225) is 25 m west of the polygon
    assert h[5, 3] == pytest.approx(0.8 * (1 - 25 / 100))
    assert h[0, 0] == 0.0


def test_lines_and_points_without_decay() -> None:
    f = frame(
        [shapely.LineString([(10, 490), (140, 490)]), shapely.Point(480, 20)],
        value=[1.0, 3.0],
    )
    h, _, _ = run_model("generic", f, GRID)
    np.testing.assert_allclose(h[0, :3], 0.0)  # value 1 is the minimum: 0
    assert h[9, 9] == 1.0
    h, _, _ = run_model("generic", f, GRID, params={"value": 0.5})
    np.testing.assert_allclose(h[0, :3], 0.5)
    assert h[0, 3] == 0.0


def test_tiles_give_the_same_surface() -> None:
    rng = np.random.default_rng(2)
    routes = [shapely.LineString(rng.uniform(-100, 600, (4, 2))) for _ in range(15)]
    f = frame(routes, value=rng.uniform(0, 1, 15))
    whole, _, _ = run_model("generic", f, GRID, params={"decay": 300})
    tiled, _, _ = run_model("generic", f, GRID, params={"decay": 300}, rows_per_tile=3)
    np.testing.assert_array_equal(whole, tiled)


def test_a_raster_layer(tmp_path) -> None:
    path = tmp_path / "flood.tif"
    # 100 m pixels over the grid: values 0..24, bilinear onto 50 m cells
    data = np.arange(25, dtype="float32").reshape(5, 5)
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=5,
        height=5,
        count=1,
        dtype="float32",
        crs=CRS,
        nodata=-1,
        transform=Affine(100, 0, 0, 0, -100, 500),
    ) as dst:
        dst.write(data, 1)
    h, _ctx, _ = run_model("generic", raster_layer("flood", path), GRID)
    assert h.min() == pytest.approx(0.0) and h.max() == pytest.approx(1.0)
    assert h[0, 0] < h[9, 9]


def test_bad_settings_are_named() -> None:
    f = frame([shapely.Point(0, 0)])
    with pytest.raises(SettingsError, match="'mode' must be one of value, density"):
        run_model("generic", f, GRID, params={"mode": "heat"})
    with pytest.raises(SettingsError, match="needs 'range'"):
        run_model("generic", f, GRID, params={"normalise": "fixed"})
    with pytest.raises(SettingsError, match="'value' must be between 0 and 1"):
        run_model("generic", f, GRID, params={"value": 5})
