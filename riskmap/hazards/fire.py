"""High-rise building fire (高层建筑火灾), DOMAIN.md section 4.

Each building gets the index B = sum_i w_i s_i of DOMAIN.md 4.2 (weights
normalised to sum 1), and a cell takes the largest B of the footprints that
touch it (or of the points inside it); cells without a high-rise get 0.

Indicator scores s_i in [0, 1]:

height class (GB 50016-2014 5.1.1)
    二类 0.4, 一类 0.7, over 100 m (超高层) 1.0. 住宅 are high-rise above
    27 m and 一类 above 54 m; public buildings above 24 m, 一类 above 50 m
    or when medical, elderly care, or commercial / mixed use with a
    footprint over 1000 m². Height comes from ``height_m``, else from
    ``floors`` x ``storey_m``. Buildings that are not high-rise are left
    out (``highrise_only``) and counted.
occupancy
    住宅 0.5, office and other public 0.6, commercial and mixed 0.8,
    medical, elderly care, schools and hotels (人员密集) 1.0.
code era (completion date)
    from 2015-05-01 (GB 50016-2014) 0.2, from 1995-11-01 (GB 50045-95)
    0.5, earlier 1.0. A bare year counts from its 1 January, so "2015"
    falls in the older era.
sprinkler and alarm
    per system: working 0, partial or faulty 0.5, absent 1.0 where the code
    requires it (sprinklers: public high-rise and 住宅 over 100 m; alarms:
    public high-rise and 住宅 over 54 m) and 0 where it does not; the worse
    of the two counts.
rescue travel time
    straight-line distance to the nearest station of the ``stations`` point
    layer at ``speed_kmh``: 0 up to 4 min, rising linearly to 1 at 10 min.
fire lift, smoke-proof stair, fire access road
    each where required (lift and stair: 住宅 over 33 m, 一类 public,
    public over 32 m; access road: every high-rise): all compliant 0, one
    missing 0.5, two or more 1.0.

A missing or unreadable value takes the neutral score 0.5 (for the last two
groups: 0.5 unless the known items already score worse); every
substitution is counted per indicator and reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

import shapely

from riskmap.core.fields import InputField
from riskmap.core.grid import GridTile
from riskmap.core.hazard import HazardContext, HazardModel, Prepared, column, register
from riskmap.core.layers import LoadedLayer
from riskmap.errors import SettingsError
from riskmap.hazards import vocab
from riskmap.hazards.burn import (
    burn_max,
    polygon_fill,
    representative_xy,
    segment_cells,
    segments_of,
)
from riskmap.hazards.common import (
    count_note,
    feature_bounds,
    near_window,
    numeric_input,
)

NEUTRAL = 0.5
#: GB 50016-2014 took effect on 2015-05-01, GB 50045-95 on 1995-11-01.
ERA_2014 = 2015 + 4 / 12
ERA_1995 = 1995 + 10 / 12
USE_SCORES = {
    vocab.RESIDENTIAL: 0.5,
    vocab.OFFICE: 0.6,
    vocab.PUBLIC: 0.6,
    vocab.COMMERCIAL: 0.8,
    vocab.MIXED: 0.8,
    vocab.MEDICAL: 1.0,
    vocab.ELDERLY: 1.0,
    vocab.SCHOOL: 1.0,
    vocab.HOTEL: 1.0,
}
INDICATORS = ("height", "use", "era", "systems", "travel", "access")


@dataclass(frozen=True)
class FireParams:
    """Indicator weights (DOMAIN.md 4.2) and the travel-time settings."""

    w_height: float = 0.20
    w_use: float = 0.15
    w_era: float = 0.15
    w_systems: float = 0.20
    w_travel: float = 0.20
    w_access: float = 0.10
    stations: str | None = None  # id of a point layer of fire stations
    speed_kmh: float = 30.0  # straight-line response speed
    travel_ok_min: float = 4.0  # score 0 up to this travel time
    travel_bad_min: float = 10.0  # score 1 from this travel time
    storey_m: float = 3.0  # height per floor when only floors are known
    highrise_only: bool = True

    def weights(self) -> np.ndarray:
        w = np.array([getattr(self, f"w_{name}") for name in INDICATORS])
        return w / w.sum()

    def validate(self) -> None:
        w = np.array([getattr(self, f"w_{name}") for name in INDICATORS])
        if (w < 0).any() or w.sum() <= 0:
            raise SettingsError(
                "fire indicator weights must be 0 or more and not all 0",
                "defaults: w_height 0.20, w_use 0.15, w_era 0.15, w_systems 0.20, "
                "w_travel 0.20, w_access 0.10",
            )
        if self.speed_kmh <= 0:
            raise SettingsError("parameter 'speed_kmh' must be above 0")
        if not 0 <= self.travel_ok_min < self.travel_bad_min:
            raise SettingsError(
                "parameters 'travel_ok_min' < 'travel_bad_min' are needed"
            )
        if self.storey_m <= 0:
            raise SettingsError("parameter 'storey_m' must be above 0")


@dataclass
class FirePrepared(Prepared):
    geoms: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    bounds: np.ndarray = field(default_factory=lambda: np.empty((0, 4)))
    index: np.ndarray = field(default_factory=lambda: np.empty(0))  # B


@dataclass
class Scores:
    """Indicator scores (one array per indicator) and substitution counts."""

    values: dict[str, np.ndarray]
    substituted: dict[str, int]
    left_out: int = 0


def _systems(state: np.ndarray, required: np.ndarray) -> np.ndarray:
    """Score of one system: 0 working, 0.5 partial, 1 absent where required."""
    score = np.where(state == vocab.ABSENT, np.where(required, 1.0, 0.0), state)
    return np.where(np.isnan(state), np.nan, score)


def _step(missing: np.ndarray) -> np.ndarray:
    return np.where(missing <= 0, 0.0, np.where(missing < 2, 0.5, 1.0))


#: Up to this many sites, nearest distances are computed directly (no
#: spatial index, whose import alone costs a quarter of a second).
DIRECT_SITES = 256


def nearest_site_distance(
    x: np.ndarray, y: np.ndarray, sx: np.ndarray, sy: np.ndarray
) -> np.ndarray:
    """Distance from each point (x, y) to the nearest site (sx, sy)."""
    if len(sx) > DIRECT_SITES:
        from scipy.spatial import cKDTree

        dist, _ = cKDTree(np.column_stack([sx, sy])).query(np.column_stack([x, y]))
        return np.asarray(dist, dtype="float64")
    out = np.empty(len(x))
    step = max(1, 2**22 // max(1, len(sx)))
    for a in range(0, len(x), step):
        dx = x[a : a + step, None] - sx[None, :]
        dy = y[a : a + step, None] - sy[None, :]
        out[a : a + step] = np.sqrt((dx * dx + dy * dy).min(axis=1))
    return out


def building_scores(
    layer: LoadedLayer,
    params: FireParams,
    context: HazardContext,
    inputs: tuple[InputField, ...],
) -> Scores:
    """The six indicator scores of every building (DOMAIN.md 4.2)."""
    frame = layer.frame
    n = len(frame)
    by_name = {i.name: i for i in inputs}
    subs: dict[str, int] = {}

    def flag(name: str) -> np.ndarray:
        raw = column(layer, name)
        if raw is None:
            return np.full(n, np.nan)
        out, bad = vocab.parse_flag(raw)
        count_note(context, bad, f"'{name}' values not understood (taken as unknown)")
        return out

    def system(name: str) -> np.ndarray:
        raw = column(layer, name)
        if raw is None:
            return np.full(n, np.nan)
        out, bad = vocab.parse_system(raw)
        count_note(context, bad, f"'{name}' values not understood (taken as unknown)")
        return out

    # -------------------------------------------------------------- height
    height = numeric_input(layer, by_name["height_m"], context, "heights")
    floors = numeric_input(layer, by_name["floors"], context, "floor counts")
    height = np.full(n, np.nan) if height is None else height
    if floors is not None:
        est = np.isnan(height) & np.isfinite(floors)
        count_note(
            context,
            int(est.sum()),
            f"buildings had their height estimated as floors x {params.storey_m:g} m",
        )
        height = np.where(est, floors * params.storey_m, height)
    use_raw = column(layer, "use")
    if use_raw is None:
        use = np.full(n, None, dtype=object)
    else:
        use, bad = vocab.parse_use(use_raw)
        count_note(context, bad, "'use' values not understood (taken as unknown)")
    residential = use == vocab.RESIDENTIAL
    known_use = use != None  # noqa: E711 - elementwise on an object array
    public = known_use & ~residential
    area = np.zeros(n)
    if shapely.get_type_id(frame.geometry.values).max(initial=-1) >= 3:
        area = shapely.area(frame.geometry.values)
    big_commercial = np.isin(use, (vocab.COMMERCIAL, vocab.MIXED)) & (area > 1000)
    special = np.isin(use, (vocab.MEDICAL, vocab.ELDERLY)) | big_commercial
    # an unknown use is judged by the public rules (the stricter ones)
    res_h = residential & (height > 27)
    pub_h = ~residential & (height > 24)
    highrise = res_h | pub_h | np.isnan(height)
    class_one = np.where(
        residential, height > 54, (height > 50) | ((height > 24) & special)
    )
    h_score = np.where(height > 100, 1.0, np.where(class_one, 0.7, 0.4))
    h_score = np.where(np.isnan(height), np.nan, h_score)

    # -------------------------------------------------------------- use
    u_score = (
        pd.Series(use, dtype=object)
        .map(USE_SCORES)
        .to_numpy(dtype="float64", na_value=np.nan)
    )

    # -------------------------------------------------------------- era
    year_raw = column(layer, "year_built")
    if year_raw is None:
        era = np.full(n, np.nan)
    else:
        year, bad = vocab.parse_completion(year_raw)
        count_note(context, bad, "completion dates not understood (taken as unknown)")
        era = np.where(year >= ERA_2014, 0.2, np.where(year >= ERA_1995, 0.5, 1.0))
        era = np.where(np.isnan(year), np.nan, era)

    # -------------------------------------------------------------- systems
    sprinkler_req = public | (height > 100) | ~known_use
    alarm_req = public | (height > 54) | ~known_use
    s1 = _systems(system("sprinkler"), sprinkler_req)
    s2 = _systems(system("alarm"), alarm_req)
    known_worst = np.fmax(s1, s2)
    any_unknown = np.isnan(s1) | np.isnan(s2)
    sys_score = np.where(any_unknown, np.fmax(known_worst, NEUTRAL), known_worst)
    subs["systems"] = int((any_unknown & ~(known_worst >= NEUTRAL)).sum())

    # -------------------------------------------------------------- travel
    travel = np.full(n, np.nan)
    if params.stations:
        st = context.vector(params.stations, "stations")
        sx, sy = representative_xy(st.frame.geometry.values)
        ok = np.isfinite(sx) & np.isfinite(sy)
        if not ok.any():
            raise SettingsError(
                f"layer '{context.layer_id}': the fire-station layer "
                f"'{params.stations}' has no usable points"
            )
        bx, by = representative_xy(frame.geometry.values)
        good = np.isfinite(bx) & np.isfinite(by)
        dist = nearest_site_distance(bx[good], by[good], sx[ok], sy[ok])
        minutes = dist / (params.speed_kmh * 1000.0 / 60.0)
        span = params.travel_bad_min - params.travel_ok_min
        travel[good] = np.clip((minutes - params.travel_ok_min) / span, 0.0, 1.0)
    else:
        context.note(
            "no fire-station layer (parameter 'stations'): rescue travel time "
            f"scored neutral {NEUTRAL} for every building"
        )

    # -------------------------------------------------------------- access
    lift_req = (residential & (height > 33)) | (~residential & (height > 32))
    lift_req |= ~residential & class_one
    lift_req |= np.isnan(height)
    stair_req = lift_req
    access_req = np.ones(n, dtype=bool)
    missing = np.zeros(n)
    unknown = np.zeros(n)
    for name, req in (
        ("fire_lift", lift_req),
        ("stair", stair_req),
        ("access", access_req),
    ):
        v = flag(name)
        missing += req & (v == 0.0)
        unknown += req & np.isnan(v)
    a_known = _step(missing)
    acc_score = np.where(unknown > 0, np.fmax(a_known, NEUTRAL), a_known)
    subs["access"] = int(((unknown > 0) & (a_known < NEUTRAL)).sum())

    values = {
        "height": h_score,
        "use": u_score,
        "era": era,
        "systems": sys_score,
        "travel": travel,
        "access": acc_score,
    }
    for name in ("height", "use", "era", "travel"):
        subs[name] = int(np.isnan(values[name]).sum())
        values[name] = np.where(np.isnan(values[name]), NEUTRAL, values[name])
    left_out = int((~highrise).sum()) if params.highrise_only else 0
    if params.highrise_only:
        for name in values:
            values[name] = np.where(highrise, values[name], np.nan)
    return Scores(values, subs, left_out)


@register
class HighriseFire(HazardModel):
    """High-rise building fire risk index B per building (DOMAIN.md 4.2)."""

    kind = "highrise_fire"
    label: ClassVar[Mapping[str, str]] = {"zh": "高层建筑火灾", "en": "High-rise fire"}
    version = "1"
    Params = FireParams
    inputs = (
        InputField(
            "height_m",
            "number",
            required=True,
            aliases=("height", "高度", "建筑高度", "楼高"),
            minimum=0.1,  # 0 is a placeholder for "unknown" in much GIS data
            maximum=1000,
            label={"zh": "建筑高度 (m)", "en": "height (m)"},
        ),
        InputField(
            "floors",
            "number",
            aliases=("层数", "楼层数", "storeys"),
            minimum=1,
            maximum=300,
        ),
        InputField("use", "text", aliases=("用途", "使用性质", "usage", "建筑用途")),
        InputField(
            "year_built",
            "text",
            aliases=("建成年份", "竣工年份", "竣工日期", "year", "built"),
        ),
        InputField("sprinkler", "text", aliases=("喷淋", "自动喷水", "喷淋系统")),
        InputField("alarm", "text", aliases=("火灾报警", "报警系统", "fire_alarm")),
        InputField("fire_lift", "flag", aliases=("消防电梯", "fire_elevator")),
        InputField(
            "stair", "flag", aliases=("防烟楼梯间", "防烟楼梯", "smokeproof_stair")
        ),
        InputField("access", "flag", aliases=("消防车道", "fire_access", "登高场地")),
    )
    geometry_types = frozenset({"polygon", "point"})
    default_style: ClassVar[Mapping[str, Any]] = {
        "geometry": "polygon",
        # dark grey: red footprints vanish on the red and orange cells
        "colour": "#333333",
        "linewidth": 0.3,
        "alpha": 0.4,
        "by": "height_m",
    }

    def prepare(
        self, layer: LoadedLayer, params: FireParams, context: HazardContext
    ) -> FirePrepared:
        """Parse and score the features once (see the module docstring)."""
        scores = building_scores(layer, params, context, self.inputs)
        w = params.weights()
        index = np.zeros(len(layer.frame))
        for wk, name in zip(w, INDICATORS, strict=True):
            index += wk * np.nan_to_num(scores.values[name], nan=0.0)
        if params.highrise_only:
            count_note(
                context,
                scores.left_out,
                "buildings are not high-rise under GB 50016 5.1.1 and were left out",
            )
        for name in INDICATORS:
            count_note(
                context,
                scores.substituted.get(name, 0),
                f"buildings took the neutral score {NEUTRAL} for '{name}' "
                "(value missing)",
            )
        geoms = layer.frame.geometry.values
        return FirePrepared(
            reach=0.0,
            feature_scores=index,
            geoms=geoms,
            bounds=feature_bounds(geoms),
            index=index,
        )

    def intensity(
        self,
        prepared: FirePrepared,
        tile: GridTile,
        params: FireParams,
        feedback: object = None,
    ) -> np.ndarray:
        """H on one tile (float32, values in [0, 1])."""
        window = tile.window(0.0)
        grid = window.grid
        pick = near_window(prepared.bounds, grid, 0.0)
        pick = pick[prepared.index[pick] > 0]
        geoms = prepared.geoms[pick]
        value = prepared.index[pick]
        kinds = shapely.get_type_id(geoms)
        poly = np.isin(kinds, (3, 6))
        feats, flats = [], []
        if poly.any():
            # footprints touch the cells their outline passes through and
            # the cells whose centre they contain
            idx = np.flatnonzero(poly)
            segs = segments_of(geoms[idx])
            seg, flat = segment_cells(segs, grid)
            feats.append(idx[segs.feature[seg]])
            flats.append(flat)
            f, flat = polygon_fill(geoms[idx], grid)
            feats.append(idx[f])
            flats.append(flat)
        pts = np.flatnonzero(~poly)
        if len(pts):
            x, y = representative_xy(geoms[pts])
            cells = grid.cells_of(x, y)
            ok = cells >= 0
            feats.append(pts[ok])
            flats.append(cells[ok])
        if feats:
            feat = np.concatenate(feats)
            flat = np.concatenate(flats)
        else:
            feat = flat = np.empty(0, dtype=np.int64)
        h = burn_max(grid.size, flat, value[feat]).reshape(grid.shape)
        return window.crop(h).astype(np.float32)
