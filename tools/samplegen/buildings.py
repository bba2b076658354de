"""High-rise buildings: footprints clustered in the real centres, with the
attributes a fire-safety register holds, a little messy on purpose."""

from __future__ import annotations

import numpy as np
import pandas as pd

import geopandas as gpd
import shapely

from tools.samplegen.base import WORK_CRS, Base, round_coords, work_xy
from tools.samplegen.geography import CENTRES, LANDMARK_TOWERS
from tools.samplegen.terrain import Raster, slope_degrees

#: 20 000 footprints keep the GeoPackage under 5 MB (about 230 bytes each
#: without a spatial index; an R-tree would add another 60 bytes each).
N_BUILDINGS = 20_000
#: Towers above 100 m are generated only this close to these centres.
SUPERTALL_CENTRES = ("解放碑", "江北嘴", "观音桥")
SUPERTALL_RADIUS = 1_100.0

USES = np.array(["住宅", "商业", "办公", "综合", "酒店", "医院", "学校"])
USE_P_CBD = [0.22, 0.22, 0.24, 0.20, 0.07, 0.03, 0.02]
USE_P_OTHER = [0.74, 0.07, 0.05, 0.07, 0.02, 0.02, 0.03]
_ESTATES = np.array(["锦园", "花园", "华庭", "丽苑", "新城", "雅居", "名都", "嘉园"])
_SUFFIX = {
    "住宅": "小区",
    "商业": "商业广场",
    "办公": "商务大厦",
    "综合": "综合楼",
    "酒店": "酒店",
    "医院": "医院住院楼",
    "学校": "学校教学楼",
}


def _locations(
    base: Base, dem: Raster, rng: np.random.Generator, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Centre points (work CRS) and the cluster each belongs to."""
    xy = work_xy([c.lonlat for c in CENTRES])
    share = np.array([c.share for c in CENTRES])
    sigma = np.array([c.sigma for c in CENTRES])
    water = base.water_work(margin=60.0)
    slope = slope_degrees(dem)
    m = 3 * n
    k = rng.choice(len(CENTRES), size=m, p=share / share.sum())
    # Heavier tails than a Gaussian, and a quarter spread 2.5 times wider:
    # the centres grow into each other along the roads as a real city does.
    spread = np.where(rng.random(m) < 0.25, 2.5, 1.0)
    r = sigma[k] * spread * np.abs(rng.standard_t(4, m)) * 0.9
    a = rng.uniform(0, 2 * np.pi, m)
    x = xy[k, 0] + r * np.cos(a)
    y = xy[k, 1] + r * np.sin(a)
    z = dem.sample(x, y).astype(float)
    s = slope[dem.index(x, y)]
    # Few towers climb the ridges: acceptance falls from 1 at 380 m to 0 at 500 m.
    keep = rng.random(m) < np.clip((500.0 - z) / 120.0, 0, 1)
    keep &= (s < 22.0) & shapely.contains_xy(base.union_work, x, y)
    keep &= ~shapely.contains_xy(water, x, y)
    return np.column_stack([x[keep], y[keep]]), k[keep]


def _footprints(
    xy: np.ndarray, use: np.ndarray, angle: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    n = len(xy)
    big = np.isin(use, ["商业", "综合", "医院"])
    length = np.where(big, rng.uniform(35, 75, n), rng.uniform(22, 40, n))
    width = np.where(big, rng.uniform(25, 45, n), rng.uniform(14, 22, n))
    dx = np.array([-0.5, 0.5, 0.5, -0.5, -0.5])
    dy = np.array([-0.5, -0.5, 0.5, 0.5, -0.5])
    px, py = dx[None, :] * length[:, None], dy[None, :] * width[:, None]
    c, s = np.cos(angle)[:, None], np.sin(angle)[:, None]
    ring = np.stack([xy[:, :1] + px * c - py * s, xy[:, 1:] + px * s + py * c], axis=-1)
    return shapely.polygons(ring)


def _drop_overlaps(geoms: np.ndarray, keep_first: int) -> np.ndarray:
    """Indices of footprints kept when each later one that touches an earlier
    one is dropped (the first ``keep_first`` always stay)."""
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    later = b[(a < b)]
    drop = np.zeros(len(geoms), bool)
    drop[later] = True
    drop[:keep_first] = False
    return np.flatnonzero(~drop)


def make_buildings(
    base: Base, dem: Raster, rng: np.random.Generator
) -> gpd.GeoDataFrame:
    land = np.array([t[1] for t in LANDMARK_TOWERS])
    land_xy = work_xy(land)
    xy, k = _locations(base, dem, rng, N_BUILDINGS)
    cbd = np.array([c.cbd for c in CENTRES])[k]
    use = np.where(
        cbd,
        USES[rng.choice(len(USES), len(k), p=USE_P_CBD)],
        USES[rng.choice(len(USES), len(k), p=USE_P_OTHER)],
    )
    angle0 = rng.uniform(0, np.pi, len(CENTRES))
    angle = angle0[k] + rng.normal(0, 0.25, len(k))
    geoms = _footprints(xy, use, angle, rng)
    n_land = len(LANDMARK_TOWERS)
    land_geoms = _footprints(
        land_xy, np.full(n_land, "综合"), np.full(n_land, 0.6), rng
    )
    all_geoms = np.concatenate([land_geoms, geoms])
    inside = shapely.within(all_geoms, base.union_work)
    if not inside[:n_land].all():
        raise RuntimeError("a landmark tower lies outside the districts")
    order = _drop_overlaps(all_geoms, n_land)
    order = order[inside[order]][:N_BUILDINGS]
    if len(order) < N_BUILDINGS:
        raise RuntimeError(f"only {len(order)} building sites found")
    gen = order[n_land:] - n_land
    xy, k, use, geoms = xy[gen], k[gen], use[gen], geoms[gen]
    attrs = _attributes(xy, k, use, rng)
    attrs = pd.concat([_landmarks(), attrs], ignore_index=True)
    all_geoms = round_coords(np.concatenate([land_geoms, geoms]), 2)
    return gpd.GeoDataFrame(attrs, geometry=all_geoms, crs=WORK_CRS)


def _landmarks() -> pd.DataFrame:
    n = len(LANDMARK_TOWERS)
    return pd.DataFrame(
        {
            "名称": [t[0] for t in LANDMARK_TOWERS],
            "建筑高度": [t[2] for t in LANDMARK_TOWERS],
            "层数": pd.array([t[3] for t in LANDMARK_TOWERS], dtype="Int32"),
            "用途": [t[4] for t in LANDMARK_TOWERS],
            "建成年份": pd.array([t[5] for t in LANDMARK_TOWERS], dtype="Int32"),
            "喷淋": ["正常"] * n,
            "火灾报警": ["正常"] * n,
            "消防电梯": ["有"] * n,
            "防烟楼梯间": ["有"] * n,
            "消防车道": ["合格"] * n,
        }
    )


def _pick(rng: np.random.Generator, p_rows: np.ndarray, labels: list[str]):
    """One label per row from per-row probabilities (rows sum to 1)."""
    u = rng.random(len(p_rows))[:, None]
    idx = (u > np.cumsum(p_rows, axis=1)).sum(axis=1)
    return np.array(labels)[np.minimum(idx, len(labels) - 1)]


def _attributes(
    xy: np.ndarray, k: np.ndarray, use: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    n = len(xy)
    centres = np.array([c.name for c in CENTRES])
    era = np.array([c.era for c in CENTRES])
    sigma = np.array([c.sigma for c in CENTRES])
    centre_xy = work_xy([c.lonlat for c in CENTRES])
    # Cities grow outwards: the core of each centre is older than its edge.
    ring = np.minimum(np.hypot(*(xy - centre_xy[k]).T) / sigma[k], 3.0)
    mean_year = era[k, 0] + 5.0 * (ring - 0.8)
    year = np.clip(np.round(rng.normal(mean_year, era[k, 1])), 1985, 2024)
    residential = use == "住宅"
    floors = np.where(
        residential,
        rng.integers(10, 34, n),
        np.where(
            np.isin(use, ["医院", "学校"]),
            rng.integers(7, 20, n),
            rng.integers(8, 36, n),
        ),
    )
    storey = np.where(residential, rng.uniform(2.9, 3.1, n), rng.uniform(3.6, 4.3, n))
    height = floors * storey + rng.uniform(0.5, 3.0, n)
    near = np.zeros(n, bool)
    for name in SUPERTALL_CENTRES:
        i = int(np.flatnonzero(centres == name)[0])
        near |= np.hypot(*(xy - centre_xy[i]).T) < SUPERTALL_RADIUS
    tall = near & ~residential & (rng.random(n) < 0.03)
    capped = np.where(height > 99.5, rng.uniform(75.0, 99.5, n), height)
    height = np.where(tall, rng.uniform(101, 260, n), capped)
    floors = np.where(tall, np.round(height / 4.1), floors)
    height = np.round(height, 1)

    age = np.select([year >= 2015, year >= 1995], [0, 1], 2)
    # Systems fail more in older stock (GB 50045-95 era and before).
    p_system = np.array([[0.95, 0.04, 0.01], [0.85, 0.10, 0.05], [0.35, 0.25, 0.40]])
    sprinkler = _pick(rng, p_system[age], ["正常", "故障", "无"])
    alarm = _pick(rng, p_system[age], ["正常", "故障", "无"])
    public_lift = ~residential & (height > 32)
    lift_needed = (residential & (height > 33)) | public_lift
    old = year < 1995
    lift = np.where(lift_needed & ~(old & (rng.random(n) < 0.15)), "有", "无")
    stair = np.where(
        (public_lift | (residential & (height > 33))) & ~(old & (rng.random(n) < 0.12)),
        "有",
        "无",
    )
    cramped = np.isin(centres[k], ["解放碑", "大坪", "杨家坪", "沙坪坝"]) & (
        year < 2005
    )
    access = np.where(rng.random(n) < np.where(cramped, 0.25, 0.06), "不合格", "合格")

    estate = _ESTATES[rng.integers(0, len(_ESTATES), n)]
    number = rng.integers(1, 30, n).astype(str)
    suffix = np.vectorize(_SUFFIX.get)(use)
    name = np.where(
        residential,
        np.char.add(np.char.add(np.char.add(centres[k], estate), "小区"), number)
        + "栋",
        np.char.add(np.char.add(centres[k], suffix), number) + "号楼",
    )
    frame = pd.DataFrame(
        {
            "名称": name,
            "建筑高度": height,
            "层数": pd.array(floors.astype(int), dtype="Int32"),
            "用途": use,
            "建成年份": pd.array(year.astype(int), dtype="Int32"),
            "喷淋": sprinkler,
            "火灾报警": alarm,
            "消防电梯": lift,
            "防烟楼梯间": stair,
            "消防车道": access,
        }
    )
    return _mess_up(frame, rng)


def _mess_up(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About 1-2 % missing or odd values, as in any real register."""
    n = len(frame)

    def rows(p: float) -> np.ndarray:
        return rng.random(n) < p

    frame.loc[rows(0.010), "建筑高度"] = np.nan
    frame.loc[rows(0.003), "建筑高度"] = 0.0
    frame.loc[rows(0.010), "层数"] = pd.NA
    frame.loc[rows(0.012), "建成年份"] = pd.NA
    frame.loc[rows(0.002), "建成年份"] = 0
    frame.loc[rows(0.008), "用途"] = None
    frame.loc[rows(0.004), "用途"] = "商住"
    for column in ("喷淋", "火灾报警"):
        frame.loc[rows(0.012), column] = None
        frame.loc[rows(0.004), column] = "不详"
    for column in ("消防电梯", "防烟楼梯间", "消防车道"):
        frame.loc[rows(0.010), column] = None
    return frame
