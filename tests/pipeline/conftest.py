"""A tiny project written to real files: districts and three hazard layers.

Grid: 20 m cells over x 0..400, y 0..300 (EPSG:4545 coordinates shifted to
the Chongqing zone). Districts: 西城 (west half), 东城 (east half, with no
hazard at all), 小岛 (a 5 m island, smaller than one cell) and a second
西城 (duplicate name, a strip in the north).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import geopandas as gpd
import shapely

from tests.io.fixtures import register_test_models

X0, Y0 = 500000.0, 3270000.0
CRS = "EPSG:4545"


def at(x: float, y: float) -> tuple[float, float]:
    return X0 + x, Y0 + y


def box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return shapely.box(*at(x0, y0), *at(x1, y1))


def write(frame: gpd.GeoDataFrame, path: Path) -> Path:
    frame.to_file(path, driver="GPKG", engine="pyogrio")
    return path


PROJECT = """schema_version = 1

[project]
title = "测试项目"
crs = "EPSG:4545"
cell_size = 20

[districts]
path = "districts.gpkg"
name_field = "区县"

[[layers]]
id = "slide"
name = "地质灾害"
kind = "landslide"
path = "slides.gpkg"
weight = 0.3

[[layers]]
id = "route"
name = "危化品"
kind = "generic"
path = "routes.gpkg"
weight = 0.5
[layers.params]
value = 1.0
decay = 100

[[layers]]
id = "fire"
name = "高层火灾"
kind = "highrise_fire"
path = "buildings.gpkg"
weight = 0.2
{extra}
[composite]
method = "{method}"
take_highest = {take_highest}
{composite_extra}
"""


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    districts = gpd.GeoDataFrame(
        {"区县": ["西城", "东城", "小岛", "西城"]},
        geometry=[
            box(0, 0, 200, 260),
            box(200, 0, 400, 300),
            box(105, 105, 110, 110),
            box(0, 260, 200, 300),
        ],
        crs=CRS,
    )
    write(districts, tmp_path / "districts.gpkg")
    slides = gpd.GeoDataFrame(
        {"易发性": ["极高易发区", "中"]},
        geometry=[box(0, 0, 60, 60), box(60, 0, 160, 100)],
        crs=CRS,
    )
    write(slides, tmp_path / "slides.gpkg")
    routes = gpd.GeoDataFrame(
        {"daily_trips": [10]},
        geometry=[shapely.LineString([at(0, 150), at(150, 150)])],
        crs=CRS,
    )
    write(routes, tmp_path / "routes.gpkg")
    buildings = gpd.GeoDataFrame(
        {"建筑高度": [80.0, 20.0], "用途": ["住宅", "住宅"]},
        geometry=[box(22, 202, 48, 228), box(122, 202, 138, 218)],
        crs=CRS,
    )
    write(buildings, tmp_path / "buildings.gpkg")
    write_project(tmp_path)
    return tmp_path


def write_project(
    folder: Path,
    method: str = "union",
    take_highest: bool = True,
    extra: str = "",
    composite_extra: str = "",
) -> Path:
    path = folder / "test.riskmap.toml"
    path.write_text(
        PROJECT.format(
            method=method,
            take_highest=str(take_highest).lower(),
            extra=extra,
            composite_extra=composite_extra,
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def test_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """The small hazard models of tests/io/fixtures.py, registered for one test."""
    register_test_models(monkeypatch)
