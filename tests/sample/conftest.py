"""The committed sample layers, read once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import geopandas as gpd

from riskmap._paths import sample_dir

WORK_CRS = "EPSG:4545"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return sample_dir()


@pytest.fixture(scope="session")
def layers(sample_path: Path) -> dict[str, gpd.GeoDataFrame]:
    """Every vector layer of the sample as stored (its own CRS)."""
    return {
        path.stem: gpd.read_file(path, engine="pyogrio")
        for path in sorted(sample_path.glob("*.gpkg"))
    }


@pytest.fixture(scope="session")
def work(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """The same layers reprojected to the working CRS (EPSG:4545)."""
    return {name: frame.to_crs(WORK_CRS) for name, frame in layers.items()}
