"""A small project built by code for the window tests (fast to load).

Three districts side by side in EPSG:4545 (Chongqing's working CRS), a
polygon layer of buildings, a line layer of roads and a point layer of
stations, all base layers so that no hazard model is needed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import geopandas as gpd
import shapely

from riskmap.core.project import DistrictSpec, LayerSpec, Project
from riskmap.io.project_file import save_project

CRS = "EPSG:4545"
X0, Y0 = 500_000.0, 3_270_000.0  # near 108E, 29.5N
SIZE = 4_000.0  # each district is 4 km square
NAMES = ["甲区", "乙区", "丙区"]


def districts() -> gpd.GeoDataFrame:
    boxes = [shapely.box(X0 + i * SIZE, Y0, X0 + (i + 1) * SIZE, Y0 + SIZE)
             for i in range(3)]  # fmt: skip
    return gpd.GeoDataFrame({"名称": NAMES}, geometry=boxes, crs=CRS)


def buildings(n: int = 300, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(100, 3 * SIZE - 100, n)
    y = Y0 + rng.uniform(100, SIZE - 100, n)
    geoms = shapely.box(x, y, x + 30, y + 20)
    return gpd.GeoDataFrame(
        {
            "name": [f"楼{i}" for i in range(n)],
            "height_m": np.round(rng.uniform(24, 200, n), 1),
            "use": rng.choice(["住宅", "商业", "办公"], n),
        },
        geometry=geoms,
        crs=CRS,
    )


def roads() -> gpd.GeoDataFrame:
    lines = [
        shapely.LineString([(X0, Y0 + 1000), (X0 + 3 * SIZE, Y0 + 3000)]),
        shapely.LineString([(X0 + 6000, Y0), (X0 + 6500, Y0 + SIZE)]),
    ]
    return gpd.GeoDataFrame({"道路": ["一号路", "二号路"]}, geometry=lines, crs=CRS)


def stations() -> gpd.GeoDataFrame:
    pts = shapely.points([X0 + 2000, X0 + 9000], [Y0 + 2000, Y0 + 1500])
    return gpd.GeoDataFrame({"站名": ["一站", "二站"]}, geometry=pts, crs=CRS)


def write_small_project(folder: Path, buildings_n: int = 300) -> Path:
    """Write the layers and the project file to ``folder``; the project path."""
    folder.mkdir(parents=True, exist_ok=True)
    districts().to_file(folder / "districts.gpkg", layer="districts")
    buildings(buildings_n).to_file(folder / "buildings.gpkg", layer="buildings")
    roads().to_file(folder / "roads.gpkg", layer="roads")
    stations().to_file(folder / "stations.gpkg", layer="stations")
    project = Project(title="测试项目", crs=CRS, cell_size=100)
    project.districts = DistrictSpec(folder / "districts.gpkg", name_field="名称")
    for layer_id, name in (("buildings", "建筑"), ("roads", "道路"),
                           ("stations", "消防站")):  # fmt: skip
        project.layers.append(
            LayerSpec(layer_id, "base", folder / f"{layer_id}.gpkg", name=name)
        )
    return save_project(project, folder / "small.riskmap.toml")


def extent() -> tuple[float, float, float, float]:
    return (X0, Y0, X0 + 3 * SIZE, Y0 + SIZE)
