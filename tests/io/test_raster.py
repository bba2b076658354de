"""GeoTIFF inspection and resampling onto a riskmap grid."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from riskmap.core.grid import Grid
from riskmap.errors import LayerReadError, MissingCRSError, SettingsError
from riskmap.io.raster import inspect_raster, read_raster_on_grid
from tests.io.fixtures import tree_digest, write_raster

X0, Y0 = 500_000.0, 3_270_000.0


def _ramp(n: int = 100) -> np.ndarray:
    # value = x of the pixel centre in metres from X0 (10 m pixels)
    return np.tile((np.arange(n) * 10 + 5).astype("float32"), (n, 1))


def test_inspect_facts(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "dem.tif", _ramp(), nodata=-9999.0)
    info, warnings = inspect_raster(path)
    assert (info.width, info.height, info.bands, info.dtype) == (100, 100, 1, "float32")
    assert info.crs == "EPSG:4545" and info.crs_how == "from the file"
    assert info.nodata == -9999.0 and info.resolution == (10.0, 10.0)
    assert info.bounds == (X0, Y0 - 1000, X0 + 1000, Y0)
    lon0, lat0, lon1, lat1 = info.lonlat_bounds
    assert 107.9 < lon0 < lon1 < 108.1 and 29.5 < lat0 < lat1 < 29.6
    assert warnings == []


def test_bilinear_on_an_aligned_coarser_grid(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "ramp.tif", _ramp())
    grid = Grid("EPSG:4545", X0, Y0, 50.0, 20, 20)
    out = read_raster_on_grid(path, grid, resampling="average")
    assert out.dtype == np.float32 and out.shape == (20, 20)
    # the mean of a linear ramp over a 50 m cell is its centre's x
    np.testing.assert_allclose(out[0], np.arange(20) * 50 + 25, atol=1e-3)


def test_nearest_keeps_classes(tmp_path: Path) -> None:
    classes = np.repeat(np.arange(4, dtype="uint8"), 25)[None, :].repeat(100, axis=0)
    path = write_raster(tmp_path / "cls.tif", classes)
    grid = Grid("EPSG:4545", X0, Y0, 25.0, 40, 40)
    out = read_raster_on_grid(path, grid, resampling="nearest")
    assert set(np.unique(out).tolist()) == {0.0, 1.0, 2.0, 3.0}
    assert out[0, 0] == 0 and out[0, -1] == 3


def test_sum_conserves_population_on_coarser_cells(tmp_path: Path) -> None:
    people = np.random.default_rng(3).integers(0, 50, (100, 100)).astype("float32")
    path = write_raster(tmp_path / "pop.tif", people, nodata=-1.0)
    for cell in (20.0, 50.0, 100.0):
        n = int(1000 / cell)
        out = read_raster_on_grid(
            path, Grid("EPSG:4545", X0, Y0, cell, n, n), resampling="sum"
        )
        assert np.nansum(out) == pytest.approx(people.sum(), rel=1e-6)


def test_nodata_and_outside_are_nan(tmp_path: Path) -> None:
    values = _ramp()
    values[:10, :10] = -9999.0
    path = write_raster(tmp_path / "nd.tif", values, nodata=-9999.0)
    grid = Grid(
        "EPSG:4545", X0 - 200, Y0, 100.0, 5, 5
    )  # two columns west of the raster
    out = read_raster_on_grid(path, grid, resampling="nearest")
    assert np.isnan(out[:, :2]).all()  # outside
    assert np.isnan(out[0, 2])  # nodata corner
    assert np.isfinite(out[2:, 3:]).all()


def test_reprojection_from_lonlat(tmp_path: Path) -> None:
    # 0.001 degree pixels holding their own longitude
    lon = 106.5 + (np.arange(200) + 0.5) * 0.001
    values = np.tile(lon.astype("float64"), (200, 1))
    path = write_raster(
        tmp_path / "ll.tif", values, crs="EPSG:4326", x0=106.5, y0=29.7, cell=0.001
    )
    from pyproj import Transformer

    t = Transformer.from_crs(4326, 4545, always_xy=True)
    x, y = t.transform(106.55, 29.6)
    grid = Grid("EPSG:4545", x - 500, y + 500, 100.0, 10, 10)
    out = read_raster_on_grid(path, grid)
    back_lon, _ = t.transform(grid.x_centres(), np.full(10, y), direction="INVERSE")
    np.testing.assert_allclose(out[5], back_lon, atol=2e-4)  # within a fifth of a pixel


def test_missing_crs_needs_source_crs(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "nocrs.tif", _ramp(), crs=None)
    info, warnings = inspect_raster(path)
    assert info.crs is None and warnings == [
        "nocrs.tif: the raster has no CRS; set source_crs"
    ]
    grid = Grid("EPSG:4545", X0, Y0, 50.0, 2, 2)
    with pytest.raises(
        MissingCRSError,
        match=r"nocrs.tif: the raster has no coordinate reference system",
    ):
        read_raster_on_grid(path, grid)
    out = read_raster_on_grid(path, grid, source_crs="EPSG:4545", resampling="average")
    np.testing.assert_allclose(out[0], [25, 75], atol=1e-3)
    with pytest.raises(SettingsError, match=r"GCJ-02 is not supported for rasters"):
        read_raster_on_grid(path, grid, source_crs="GCJ-02")


def test_bad_options_and_files(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "r.tif", _ramp(10))
    grid = Grid("EPSG:4545", X0, Y0, 50.0, 2, 2)
    with pytest.raises(SettingsError, match=r"unknown resampling 'cubic-ish'"):
        read_raster_on_grid(path, grid, resampling="cubic-ish")
    junk = tmp_path / "junk.tif"
    junk.write_bytes(b"II*\x00" + bytes(200))
    with pytest.raises(LayerReadError, match=r"^junk.tif: cannot be opened"):
        inspect_raster(junk)


def test_reading_writes_nothing_beside_the_raster(tmp_path: Path) -> None:
    path = write_raster(tmp_path / "r.tif", _ramp(), nodata=-1.0)
    before = tree_digest(tmp_path)
    inspect_raster(path)
    read_raster_on_grid(path, Grid("EPSG:4545", X0, Y0, 50.0, 20, 20), resampling="sum")
    assert tree_digest(tmp_path) == before
