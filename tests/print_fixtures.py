"""A small synthetic project, loaded layers and scoring result for print tests.

Built by code, independent of the engine: a 15 km square in EPSG:4545 with
five districts (one tall, one wide, one tiny, one with no 重大 cells), a few
routes, clusters of high-rise footprints and landslide zones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

import geopandas as gpd
import shapely

from riskmap.core.districts import STAT_COLUMNS
from riskmap.core.grid import Grid
from riskmap.core.layers import LoadedLayer, SourceInfo
from riskmap.core.project import LayerSpec, PrintSettings, Project
from riskmap.core.result import HazardSurface, Result

CRS = "EPSG:4545"
X0, Y0 = 380_000.0, 3_275_000.0  # north-west corner
SIZE = 15_000.0
CELL = 50.0
THRESHOLDS = (0.25, 0.50, 0.75)
FIXED_EPOCH = "1795000000"  # 2026-11-18: file dates and "made" dates in tests

TALL, WIDE, CENTRE, REST, TINY = "北碚区", "江北区", "渝中区", "南岸区", "朝天门"
NO_RED = TALL


@dataclass
class Data:
    """Stands in for the loader's ProjectData (what printing reads)."""

    crs: str
    districts: LoadedLayer
    vectors: dict[str, LoadedLayer]
    rasters: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _districts() -> gpd.GeoDataFrame:
    south = Y0 - SIZE
    tall = shapely.box(X0, south, X0 + 2_500, Y0)
    wide = shapely.box(X0 + 2_500, Y0 - 3_000, X0 + SIZE, Y0)
    centre = shapely.Polygon(
        [
            (X0 + 2_500, Y0 - 3_000),
            (X0 + 8_000, Y0 - 3_000),
            (X0 + 8_400, Y0 - 6_500),
            (X0 + 6_000, Y0 - 9_000),
            (X0 + 2_500, Y0 - 8_000),
        ]
    )
    tiny = shapely.box(X0 + 9_010, Y0 - 9_040, X0 + 9_040, Y0 - 9_010)
    rest = shapely.box(X0 + 2_500, south, X0 + SIZE, Y0 - 3_000)
    rest = rest.difference(centre).difference(tiny)
    return gpd.GeoDataFrame(
        {"name": [TALL, WIDE, CENTRE, REST, TINY]},
        geometry=[tall, wide, centre, rest, tiny],
        crs=CRS,
    )


def _layers(rng: np.random.Generator) -> dict[str, gpd.GeoDataFrame]:
    routes = [
        shapely.LineString(
            [
                (X0 + 500, Y0 - 14_000),
                (X0 + 6_000, Y0 - 6_000),
                (X0 + 14_500, Y0 - 1_000),
            ]
        ),
        shapely.LineString(
            [
                (X0 + 3_000, Y0 - 500),
                (X0 + 5_000, Y0 - 7_000),
                (X0 + 4_000, Y0 - 14_500),
            ]
        ),
        shapely.LineString(
            [
                (X0 + 9_000, Y0 - 14_000),
                (X0 + 12_000, Y0 - 8_000),
                (X0 + 14_000, Y0 - 4_000),
            ]
        ),
        shapely.MultiLineString(
            [
                [(X0 + 1_000, Y0 - 2_000), (X0 + 1_500, Y0 - 9_000)],
                [(X0 + 7_000, Y0 - 11_000), (X0 + 13_000, Y0 - 12_000)],
            ]
        ),
    ]
    hazmat = gpd.GeoDataFrame(
        {"daily_trips": [120, 40, 200, 15], "un_class": ["3", "2.1", "8", "3"]},
        geometry=routes,
        crs=CRS,
    )
    centres = np.array(
        [[X0 + 5_200, Y0 - 5_500], [X0 + 11_000, Y0 - 10_000], [X0 + 9_000, Y0 - 1_500]]
    )
    pts = np.concatenate([c + rng.normal(0, 500, size=(200, 2)) for c in centres])
    half = rng.uniform(8, 25, size=len(pts))
    boxes = shapely.box(
        pts[:, 0] - half, pts[:, 1] - half, pts[:, 0] + half, pts[:, 1] + half
    )
    highrise = gpd.GeoDataFrame(
        {"height_m": rng.uniform(24, 200, len(pts))}, geometry=boxes, crs=CRS
    )
    blobs = shapely.buffer(
        shapely.points(
            [
                (X0 + 1_200, Y0 - 4_000),
                (X0 + 1_300, Y0 - 11_000),
                (X0 + 13_500, Y0 - 13_000),
                (X0 + 7_500, Y0 - 13_500),
            ]
        ),
        [600, 900, 700, 400],
    )
    landslide = gpd.GeoDataFrame(
        {"susceptibility": ["极高", "高", "中", "低"]}, geometry=blobs, crs=CRS
    )
    stations = gpd.GeoDataFrame(
        {"name": ["一站", "二站"]},
        geometry=shapely.points([(X0 + 6_000, Y0 - 4_000), (X0 + 12_000, Y0 - 9_000)]),
        crs=CRS,
    )
    return {
        "hazmat": hazmat,
        "highrise": highrise,
        "landslide": landslide,
        "stations": stations,
    }


STYLES = {
    "hazmat": {
        "by": "un_class",
        "width": 1.4,
        "categories": {
            "2": {"color": "#6A3D9A", "label": "第2类 气体"},
            "3": {"color": "#8C2D04", "label": "第3类 易燃液体"},
            "8": {"color": "#1B4F72", "label": "第8类 腐蚀性物质"},
        },
    },
    "highrise": {
        "color": "#2B2B2B",
        "fill": "#4D4D4D",
        "width": 0.2,
        "label": "高层建筑",
    },
    "landslide": {
        "by": "susceptibility",
        "fill": "none",
        "hatch": "////",
        "width": 0.8,
        "categories": {
            "极高": {"color": "#5B2C06", "label": "极高易发区"},
            "高": {"color": "#8B4513", "label": "高易发区"},
            "中": {"color": "#B07D48", "label": "中易发区"},
            "低": {"color": "#C8A27A", "label": "低易发区"},
        },
    },
    "stations": {"color": "#0B6E4F", "marker": "^", "size": 5},
}
# Kinds with no registered model: the pages then use exactly STYLES, not
# whatever default styles the hazard models of the day declare.
KINDS = {k: "base" for k in ("hazmat", "highrise", "landslide", "stations")}
TITLES = {
    "hazmat": "危化品运输路线",
    "highrise": "高层建筑",
    "landslide": "滑坡易发区",
    "stations": "消防站",
}


def _surfaces(
    grid: Grid, layers: dict[str, gpd.GeoDataFrame]
) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = np.meshgrid(grid.x_centres(), grid.y_centres())
    routes = layers["hazmat"].geometry.union_all()
    d = shapely.distance(routes, shapely.points(xs.ravel(), ys.ravel())).reshape(
        grid.shape
    )
    hazmat = np.clip(1 - d / 900, 0, 1).astype(np.float32)
    fire = np.zeros(grid.shape, np.float32)
    for cx, cy, s in (
        (X0 + 5_200, Y0 - 5_500, 900),
        (X0 + 11_000, Y0 - 10_000, 700),
        (X0 + 9_000, Y0 - 1_500, 800),
    ):
        fire = np.maximum(
            fire,
            np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * s**2)).astype(np.float32),
        )
    return hazmat, fire


def make_print_case(
    tmp_path: Path, *, sample: bool = True, internal: bool = True, hatch: bool = False
):
    """(project, data, result) for a synthetic city, layers written to tmp_path."""
    rng = np.random.default_rng(7)
    districts = _districts()
    layers = _layers(rng)
    grid = Grid.covering(tuple(districts.total_bounds), CELL, CRS)
    hazmat, fire = _surfaces(grid, layers)
    w = {"hazmat": 0.55, "highrise": 0.45}
    composite = 1 - (1 - hazmat * 1.0) * (1 - fire * (w["highrise"] / w["hazmat"]))
    xs, ys = np.meshgrid(grid.x_centres(), grid.y_centres())
    index = np.full(grid.shape, -1, np.int32)
    for i, geom in enumerate(districts.geometry):
        index[shapely.contains_xy(geom, xs, ys)] = i
    tall = districts.index[districts["name"] == NO_RED][0]
    composite = np.where(index == tall, np.minimum(composite, 0.7), composite)
    composite = np.where(index >= 0, composite, np.nan).astype(np.float32)
    classes = np.where(
        index >= 0,
        1 + np.searchsorted(THRESHOLDS, np.nan_to_num(composite), side="right"),
        0,
    ).astype(np.uint8)

    rows = []
    for i, name in enumerate(districts["name"]):
        inside = index == i
        n = int(inside.sum())
        vals = composite[inside]
        shares = [
            float((classes[inside] == c).sum() / n) if n else 0.0 for c in (1, 2, 3, 4)
        ]
        mean = float(vals.mean()) if n else float("nan")
        level = int(1 + np.searchsorted(THRESHOLDS, mean, side="right")) if n else 0
        if shares[3] >= 0.10 and level < 3:
            level = 3
        dom = (
            "hazmat"
            if n and hazmat[inside].mean() >= fire[inside].mean()
            else "highrise"
        )
        rows.append(
            [
                name,
                n,
                mean,
                float(vals.max()) if n else float("nan"),
                *shares,
                level,
                dom if n else "",
            ]
        )
    stats = pd.DataFrame(rows, columns=STAT_COLUMNS)

    order = np.argsort(np.nan_to_num(composite, nan=-1).ravel())[::-1][:4000:400]
    r, c = np.divmod(order, grid.ncols)
    hx, hy = grid.x_centres()[c], grid.y_centres()[r]
    hotspots = gpd.GeoDataFrame(
        {
            "district": [
                districts["name"].iloc[index[a, b]] for a, b in zip(r, c, strict=True)
            ],
            "score": composite[r, c],
            "dominant_hazard": [
                "hazmat" if hazmat[a, b] >= fire[a, b] else "highrise"
                for a, b in zip(r, c, strict=True)
            ],
        },
        geometry=shapely.points(hx, hy),
        crs=CRS,
    )
    result = Result(
        grid=grid,
        hazards=[
            HazardSurface(
                "hazmat", TITLES["hazmat"], "hazmat_route", w["hazmat"], hazmat
            ),
            HazardSurface(
                "highrise", TITLES["highrise"], "highrise_fire", w["highrise"], fire
            ),
        ],
        composite=composite,
        classes=classes,
        raised=np.zeros(grid.shape, bool),
        district_index=index,
        districts=districts[["name", "geometry"]],
        stats=stats,
        hotspots=hotspots,
        thresholds=THRESHOLDS,
        method="union",
        take_highest=True,
        fingerprint="9f3c2a17b4e8d05c61aa",
    )

    def loaded(layer_id: str, frame: gpd.GeoDataFrame, mapping=None) -> LoadedLayer:
        path = tmp_path / f"{layer_id}.gpkg"
        path.write_bytes(b"")  # a file whose date the footer can quote
        os.utime(path, (int(FIXED_EPOCH), int(FIXED_EPOCH)))
        info = SourceInfo(
            path,
            layer_id,
            "GPKG",
            CRS,
            "from the file",
            "utf-8",
            "declared",
            len(frame),
            "mixed",
        )
        return LoadedLayer(layer_id, frame, info, mapping=mapping or {})

    data = Data(
        CRS,
        loaded("districts", districts),
        {
            k: loaded(k, v, {"un_class": "un_class"} if k == "hazmat" else None)
            for k, v in layers.items()
        },
    )
    project = Project(
        title="测试市安全风险一张图（示例）" if sample else "测试市安全风险一张图",
        crs=CRS,
        cell_size=CELL,
        date="2026-11-20",
        sample=sample,
        attribution="行政区划：测试边界数据",
        layers=[
            LayerSpec(
                k,
                KINDS[k],
                tmp_path / f"{k}.gpkg",
                name=TITLES[k],
                weight=w.get(k, 1.0),
                style=STYLES[k],
            )
            for k in ("hazmat", "highrise", "landslide", "stations")
        ],
        print=PrintSettings(
            organisation="测试市应急管理局",
            review_number="渝S（2026）001号",
            internal=internal,
            hatch=hatch,
            dpi=150,
        ),
    )
    project.path = tmp_path / "test.riskmap.toml"
    return project, data, result
