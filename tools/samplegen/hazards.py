"""Fire stations and landslide susceptibility zones."""

from __future__ import annotations

import numpy as np

import geopandas as gpd
import shapely

from tools.samplegen.base import (
    DISTRICT_CRS,
    WORK_CRS,
    Base,
    geom_to_lonlat,
    round_coords,
    work_xy,
)
from tools.samplegen.geography import CENTRES, DISTRICTS, PLACES, RIDGES, RIVERS
from tools.samplegen.terrain import Raster, slope_degrees

#: Places with a fire station. The outskirts left out (统景, 一品, 南彭, 静观,
#: 洛碛, 麻柳, 青木关, 含谷, 铜罐驿) are far from any station, as in reality.
STATION_PLACES = (
    "解放碑", "朝天门", "上清寺", "大坪", "化龙桥", "江北嘴", "观音桥", "五里店",
    "寸滩", "唐家沱", "果园港", "鱼嘴", "大石坝", "杨家坪", "石桥铺", "华岩",
    "白市驿", "西彭", "南坪", "弹子石", "茶园", "长生桥", "南泉", "沙坪坝",
    "双碑", "井口", "歌乐山", "陈家桥", "大学城", "北碚城区", "澄江", "水土",
    "蔡家", "两路", "江北机场", "空港", "回兴", "人和", "礼嘉", "龙头寺",
    "悦来", "龙兴", "大渡口", "跳磴", "建桥", "鱼洞", "李家沱", "龙洲湾",
    "界石", "木洞",
)  # fmt: skip
_SPECIAL = {"解放碑", "观音桥", "南坪", "沙坪坝", "杨家坪", "两路", "北碚城区"}
_SMALL = {"化龙桥", "上清寺", "大石坝", "双碑", "长生桥"}


def make_stations(base: Base, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Fire and rescue stations (points, CGCS2000 lon/lat)."""
    xy = work_xy([PLACES[p] for p in STATION_PLACES])
    water = base.water_work(margin=80.0)
    # Stations sit a few hundred metres from the named centre, on dry land.
    for _ in range(20):
        jitter = rng.normal(0, 120.0, xy.shape)
        moved = xy + jitter
        ok = shapely.contains_xy(base.union_work, *moved.T) & ~shapely.contains_xy(
            water, *moved.T
        )
        xy = np.where(ok[:, None], moved, xy)
        if ok.all():
            break
    grade = [
        "特勤站" if p in _SPECIAL else "小型站" if p in _SMALL else "一级站"
        for p in STATION_PLACES
    ]
    geoms = round_coords(geom_to_lonlat(shapely.points(xy)), 7)
    return gpd.GeoDataFrame(
        {"名称": [f"{p}消防救援站" for p in STATION_PLACES], "站级": grade},
        geometry=geoms,
        crs=DISTRICT_CRS,
    )


def _blobs(
    xy: np.ndarray,
    radius: np.ndarray,
    stretch: np.ndarray,
    angle: np.ndarray,
    rng: np.random.Generator,
    nvert: int = 16,
) -> np.ndarray:
    """Irregular closed outlines around points, stretched along ``angle``."""
    n = len(xy)
    t = np.linspace(0, 2 * np.pi, nvert, endpoint=False)
    r = np.ones((n, nvert))
    for harmonic in (2, 3, 5):
        amp = rng.uniform(0, 0.15, (n, 1))
        r += amp * np.sin(harmonic * t[None, :] + rng.uniform(0, 6.3, (n, 1)))
    r *= radius[:, None]
    u = r * np.cos(t)[None, :] * stretch[:, None]
    v = r * np.sin(t)[None, :]
    c, s = np.cos(angle)[:, None], np.sin(angle)[:, None]
    px = xy[:, :1] + u * c - v * s
    py = xy[:, 1:] + u * s + v * c
    ring = np.stack([px, py], axis=-1)
    ring = np.concatenate([ring, ring[:, :1]], axis=1)
    return shapely.polygons(ring)


def _flank_points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Points on the ridge flanks and the direction across each ridge."""
    pts, across = [], []
    for ridge in RIDGES:
        line = shapely.LineString(work_xy(ridge.line))
        u = rng.uniform(0.04, 0.96, n)
        on = shapely.get_coordinates(
            shapely.line_interpolate_point(line, u, normalized=True)
        )
        ahead = shapely.get_coordinates(
            shapely.line_interpolate_point(
                line, np.minimum(u + 0.01, 1.0), normalized=True
            )
        )
        d = ahead - on
        normal = np.column_stack([-d[:, 1], d[:, 0]])
        normal /= np.linalg.norm(normal, axis=1, keepdims=True)
        side = np.where(rng.random(n) < 0.5, -1.0, 1.0)
        off = side * ridge.half_width * rng.uniform(0.55, 1.45, n)
        pts.append(on + normal * off[:, None])
        across.append(np.arctan2(normal[:, 1], normal[:, 0]))
    return np.concatenate(pts), np.concatenate(across)


def _bank_points(
    base: Base, rng: np.random.Generator, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Points on the river banks and the direction along the river."""
    pts, along = [], []
    for river in RIVERS:
        line = base.rivers_work[river.name]
        u = rng.uniform(0, 1, n)
        on = shapely.get_coordinates(
            shapely.line_interpolate_point(line, u, normalized=True)
        )
        ahead = shapely.get_coordinates(
            shapely.line_interpolate_point(
                line, np.minimum(u + 0.002, 1.0), normalized=True
            )
        )
        d = ahead - on
        normal = np.column_stack([-d[:, 1], d[:, 0]])
        normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-9)
        side = np.where(rng.random(n) < 0.5, -1.0, 1.0)
        off = side * (river.half_width + rng.uniform(150, 700, n))
        pts.append(on + normal * off[:, None])
        along.append(np.arctan2(d[:, 1], d[:, 0]))
    return np.concatenate(pts), np.concatenate(along)


SUSCEPTIBILITY = np.array(["极高", "高", "中", "低"])


def make_landslides(
    base: Base, dem: Raster, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    """Susceptibility zones (易发区) and a few surveyed danger zones (威胁范围)."""
    slope = slope_degrees(dem)
    flank, flank_dir = _flank_points(rng, 320)
    bank, bank_dir = _bank_points(base, rng, 450)
    xy = np.concatenate([flank, bank])
    angle = np.concatenate([flank_dir, bank_dir])
    radius = np.concatenate(
        [rng.uniform(150, 450, len(flank)), rng.uniform(90, 260, len(bank))]
    )
    stretch = np.concatenate(
        [rng.uniform(1.0, 1.8, len(flank)), rng.uniform(1.5, 3.0, len(bank))]
    )
    s = slope[dem.index(xy[:, 0], xy[:, 1])]
    water = base.water_work(margin=30.0)
    keep = (s >= 7.0) & shapely.contains_xy(base.union_work, *xy.T)
    keep &= ~shapely.contains_xy(water, *xy.T)
    xy, angle, radius, stretch, s = (a[keep] for a in (xy, angle, radius, stretch, s))
    score = s + rng.normal(0, 3.0, len(s))
    cls = np.select([score >= 24, score >= 17, score >= 11], [0, 1, 2], 3)
    zones = _blobs(xy, radius, stretch, angle, rng)
    zones = shapely.difference(shapely.intersection(zones, base.union_work), water)

    danger_xy = _danger_sites(base, dem, slope, rng)
    danger = _blobs(
        danger_xy,
        rng.uniform(60, 160, len(danger_xy)),
        rng.uniform(1.2, 2.0, len(danger_xy)),
        rng.uniform(0, np.pi, len(danger_xy)),
        rng,
        nvert=12,
    )
    geoms = _largest_part(np.concatenate([zones, danger]))
    district = base.district_of(
        *shapely.get_coordinates(shapely.point_on_surface(geoms)).T
    )
    adcode = np.array([d.adcode for d in DISTRICTS] + ["500000"])[district]
    danger_flag = np.arange(len(geoms)) >= len(zones)
    frame = gpd.GeoDataFrame(
        {
            "编号": np.where(danger_flag, "YH", "YF"),
            "易发性": np.concatenate([SUSCEPTIBILITY[cls], ["极高"] * len(danger)]),
            "威胁范围": np.where(danger_flag, "是", "否"),
        },
        geometry=round_coords(geoms, 2),
        crs=WORK_CRS,
    )
    keep = shapely.area(geoms) > 2_000.0
    frame, adcode = frame[keep].reset_index(drop=True), adcode[keep]
    # Numbered per district and kind, like a county register: YF500108-0012.
    serial = frame.groupby([frame["编号"], adcode]).cumcount() + 1
    frame["编号"] = [
        f"{kind}{code}-{n:04d}"
        for kind, code, n in zip(frame["编号"], adcode, serial, strict=True)
    ]
    frame.loc[rng.random(len(frame)) < 0.005, "易发性"] = None
    return frame


def _largest_part(geoms: np.ndarray) -> np.ndarray:
    """Each geometry's largest polygon (clipping can leave slivers)."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    area = np.where(shapely.get_type_id(parts) == 3, shapely.area(parts), -1.0)
    order = np.lexsort((-area, index))
    first = np.ones(len(order), bool)
    first[1:] = index[order][1:] != index[order][:-1]
    best = np.full(len(geoms), None, dtype=object)
    best[index[order][first]] = parts[order][first]
    empty = shapely.Polygon()
    return np.array([g if g is not None else empty for g in best], dtype=object)


def _danger_sites(
    base: Base, dem: Raster, slope: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Steep slopes close to built-up centres: where surveyed 隐患点 are."""
    centres = work_xy([c.lonlat for c in CENTRES])
    m = 4000
    k = rng.integers(0, len(centres), m)
    xy = centres[k] + rng.normal(0, 2500.0, (m, 2))
    s = slope[dem.index(xy[:, 0], xy[:, 1])]
    water = base.water_work(margin=150.0)
    ok = (s > 14.0) & shapely.contains_xy(base.union_work, *xy.T)
    ok &= ~shapely.contains_xy(water, *xy.T)
    xy = xy[ok]
    chosen: list[np.ndarray] = []
    for p in xy:  # spread them out: at least 2 km apart, a dozen in all
        if all(np.hypot(*(p - q)) > 2000.0 for q in chosen):
            chosen.append(p)
        if len(chosen) == 12:
            break
    return np.array(chosen)
