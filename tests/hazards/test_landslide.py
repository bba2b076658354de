"""Landslide model: class values, index, danger zones, run-out (DOMAIN.md 3)."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine

import rasterio
import shapely

from riskmap.core.grid import Grid
from riskmap.core.layers import RasterLayer
from riskmap.errors import FieldMappingError, SettingsError
from tests.hazards.conftest import CRS, frame, raster_layer, run_model

GRID = Grid(CRS, 0.0, 100.0, 10.0, 10, 10)


def box(col0: int, row0: int, col1: int, row1: int) -> shapely.Polygon:
    """Cells [col0, col1) x [row0, row1) of GRID as a polygon."""
    return shapely.box(col0 * 10, 100 - row1 * 10, col1 * 10, 100 - row0 * 10)


def test_class_values_and_the_largest_wins() -> None:
    f = frame(
        [
            box(0, 0, 5, 5),
            box(3, 3, 8, 8),
            box(0, 8, 2, 10),
            box(8, 0, 10, 2),
            box(5, 0, 7, 2),
        ],
        susceptibility=["低易发区", "极高", "中", "不易发", "high"],
    )
    h, _ctx, _ = run_model("landslide", f, GRID)
    assert h[0, 0] == 0.25
    assert h[4, 4] == 1.0  # 低 and 极高 overlap: the larger
    assert h[9, 1] == 0.5
    assert h[1, 9] == 0.0  # 不易发
    assert h[1, 6] == 0.75
    assert h[9, 9] == 0.0  # no polygon


def test_numeric_codes_and_english_names() -> None:
    f = frame(
        [box(0, 0, 2, 2), box(2, 0, 4, 2), box(4, 0, 6, 2)],
        susceptibility=["4", 2, "Very High"],
    )
    h, _, _ = run_model("landslide", f, GRID)
    assert (h[0, 0], h[0, 2], h[0, 4]) == (1.0, 0.5, 1.0)


def test_numeric_index_is_normalised_over_the_city() -> None:
    f = frame(
        [box(0, 0, 2, 2), box(2, 0, 4, 2), box(4, 0, 6, 2)],
        susceptibility=[10.0, 20.0, 30.5],
    )
    h, ctx, _ = run_model("landslide", f, GRID)
    np.testing.assert_allclose(
        [h[0, 0], h[0, 2], h[0, 4]], [0.0, 10 / 20.5, 1.0], rtol=1e-6
    )
    assert any("min-max" in n for n in ctx.notes)


def test_danger_zones_override_to_one() -> None:
    f = frame(
        [box(0, 0, 2, 2), box(2, 0, 4, 2)],
        susceptibility=["低", "低"],
        威胁范围=["是", "否"],
    )
    h, _, _ = run_model("landslide", f, GRID)
    assert h[0, 0] == 1.0 and h[0, 2] == 0.25


def test_unknown_classes_are_counted() -> None:
    f = frame([box(0, 0, 2, 2)], susceptibility=["很高吧"])
    h, ctx, _ = run_model("landslide", f, GRID)
    assert h.max() == 0
    assert any("1 zones with an unknown susceptibility class" in n for n in ctx.notes)


def test_a_polygon_half_inside_a_cell() -> None:
    # covers the west half of cell (0, 0) plus a sliver past its centre
    f = frame(
        [shapely.box(0, 90, 5.5, 100), shapely.box(10, 90, 14.5, 100)],
        susceptibility=["高", "高"],
    )
    h, _, _ = run_model("landslide", f, GRID)
    assert h[0, 0] == 0.75  # centre (5, 95) inside
    assert h[0, 1] == 0.0  # centre (15, 95) outside


def test_missing_susceptibility_names_the_layer() -> None:
    f = frame([box(0, 0, 1, 1)], foo=[1])
    with pytest.raises(FieldMappingError, match="layer 'layer': required input"):
        run_model("landslide", f, GRID)


def write_dem(path, grid: Grid, z: np.ndarray) -> RasterLayer:
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=grid.ncols,
        height=grid.nrows,
        count=1,
        dtype="float32",
        crs=CRS,
        transform=Affine(*grid.transform),
    ) as dst:
        dst.write(z.astype("float32"), 1)
    return raster_layer("dem", path)


def test_runout_follows_the_slope_while_steep(tmp_path) -> None:
    grid = Grid(CRS, 0.0, 150.0, 50.0, 3, 14)
    k = np.arange(grid.ncols, dtype=float)
    # 0.6 (31 degrees) for five cells, then 0.1: from a source in column 0 the
    # angle stays >= 27.5 degrees for k <= 5 (drop 150 + 5 (k - 5) >= 26.03 k)
    profile = np.where(k <= 5, 1000 - 30 * k, 850 - 5 * (k - 5))
    dem = write_dem(tmp_path / "dem.tif", grid, np.tile(profile, (3, 1)))
    zones = frame([shapely.box(0, 0, 50, 150)], susceptibility=["极高"])
    h, _, _ = run_model(
        "landslide", zones, grid, params={"dem": "dem"}, rasters={"dem": dem}
    )
    np.testing.assert_allclose(h[1, 0], 1.0)
    np.testing.assert_allclose(h[1, 1:6], 0.8, rtol=1e-6)
    assert (h[1, 6:] == 0).all()


def test_dem_must_be_a_raster_layer() -> None:
    zones = frame([box(0, 0, 1, 1)], susceptibility=["高"])
    with pytest.raises(SettingsError, match="parameter 'dem' names layer 'nope'"):
        run_model("landslide", zones, GRID, params={"dem": "nope"})


def test_parameters_are_checked() -> None:
    zones = frame([box(0, 0, 1, 1)], susceptibility=["高"])
    with pytest.raises(SettingsError, match="unknown parameter 'runout'"):
        run_model("landslide", zones, GRID, params={"runout": 3})
    with pytest.raises(SettingsError, match="'high' must be between 0 and 1"):
        run_model("landslide", zones, GRID, params={"high": 2})
    with pytest.raises(SettingsError, match="'runout_angle' must be a number"):
        run_model("landslide", zones, GRID, params={"runout_angle": "steep"})
