"""Landslide and geological hazard (地质灾害), DOMAIN.md section 3.

Susceptibility zones are polygons with a class (极高/高/中/低 易发区, their
English names or the codes 4/3/2/1; 不易发 is 0) or a numeric
susceptibility index. A cell takes the largest value of the polygons that
contain its centre:

- classes map to ``very_high`` 1.0, ``high`` 0.75, ``medium`` 0.5,
  ``low`` 0.25 (DOMAIN.md Decisions);
- a numeric index is normalised min-max over the whole city, never per
  district (DOMAIN.md 3.2);
- polygons flagged as 威胁范围 / danger zone (input ``danger_zone``) set 1.0.

With a DEM (parameter ``dem``, a raster layer of the project), the run-out
rule of DOMAIN.md 3.3 adds the zone below the sources: source cells are the
高/极高 cells and danger zones; from each, the D8 steepest-descent path is
followed downslope while the angle from the source, atan((z_source - z) /
path length), stays at or above ``runout_angle`` (27.5°, the minimum shadow
angle of Evans & Hungr 1993). Flagged cells get max(own value,
``runout_factor`` x the source value). The 0.5 H setback behind the crest of
rockfall (崩塌) sources is not modelled: the zones carry no hazard type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from riskmap.core.feedback import check
from riskmap.core.fields import InputField
from riskmap.core.grid import Grid, GridTile
from riskmap.core.hazard import (
    HazardContext,
    HazardModel,
    Prepared,
    StyleClasses,
    column,
    register,
)
from riskmap.core.layers import LoadedLayer
from riskmap.errors import SettingsError
from riskmap.hazards.burn import burn_max, polygon_fill
from riskmap.hazards.common import count_note, feature_bounds, near_window
from riskmap.hazards.vocab import parse_flag, parse_susceptibility

VALUE_MODES = ("auto", "classes", "index")


@dataclass(frozen=True)
class LandslideParams:
    """Class values, value mode and the run-out rule (DOMAIN.md 3)."""

    very_high: float = 1.0
    high: float = 0.75
    medium: float = 0.5
    low: float = 0.25
    values: str = "auto"  # auto | classes | index
    dem: str | None = None  # id of a DEM raster layer
    runout_angle: float = 27.5  # degrees
    runout_factor: float = 0.8
    runout_max_m: float = 3000.0  # longest path followed from a source

    def validate(self) -> None:
        for name in ("very_high", "high", "medium", "low", "runout_factor"):
            v = getattr(self, name)
            if not 0 <= v <= 1:
                raise SettingsError(f"parameter '{name}' must be between 0 and 1")
        if self.values not in VALUE_MODES:
            raise SettingsError(
                f"parameter 'values' must be one of {', '.join(VALUE_MODES)}"
            )
        if not 0 < self.runout_angle < 90:
            raise SettingsError("parameter 'runout_angle' must be between 0 and 90")
        if self.runout_max_m < 0:
            raise SettingsError("parameter 'runout_max_m' must not be negative")


@dataclass
class LandslidePrepared(Prepared):
    geoms: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    bounds: np.ndarray = field(default_factory=lambda: np.empty((0, 4)))
    value: np.ndarray = field(default_factory=lambda: np.empty(0))
    source_min: float = 0.75
    context: HazardContext | None = None


#: Legend text of the susceptibility classes, highest first.
DANGER_KEY, DANGER_LABEL = "danger", "隐患点威胁范围"
SUSCEPTIBILITY_LABELS = {
    "4": "极高易发",
    "3": "高易发",
    "2": "中易发",
    "1": "低易发",
    "0": "不易发",
}


def _values(
    layer: LoadedLayer, params: LandslideParams, context: HazardContext
) -> np.ndarray:
    raw = column(layer, "susceptibility")
    n = len(layer.frame)
    if raw is None:
        return np.zeros(n)
    numeric = pd.to_numeric(raw, errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan
    )
    texts = raw.notna().to_numpy() & np.isnan(numeric)
    finite = numeric[np.isfinite(numeric)]
    codes_only = bool(np.isin(finite, (0, 1, 2, 3, 4)).all())
    mode = params.values
    if mode == "auto":
        # words or class codes 0-4 are classes; other numbers an index
        index = finite.size > 0 and not texts.any() and not codes_only
        mode = "index" if index else "classes"
    if mode == "index":
        count_note(
            context,
            int(texts.sum()),
            "zones with a non-numeric susceptibility left out",
        )
        lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            v = (
                (numeric - lo) / (hi - lo)
                if hi > lo
                else np.where(np.isfinite(numeric), 1.0, np.nan)
            )
        context.note(
            f"numeric susceptibility normalised min-max over the city "
            f"({lo:g} -> 0, {hi:g} -> 1)"
        )
        return np.nan_to_num(v, nan=0.0)
    codes, bad = parse_susceptibility(raw)
    count_note(context, bad, "zones with an unknown susceptibility class left out")
    table = np.array([0.0, params.low, params.medium, params.high, params.very_high])
    ok = np.isfinite(codes)
    out = np.zeros(n)
    out[ok] = table[codes[ok].astype(int)]
    return out


@register
class Landslide(HazardModel):
    """Landslide susceptibility zones and danger zones (地质灾害)."""

    kind = "landslide"
    label: ClassVar[Mapping[str, str]] = {"zh": "地质灾害", "en": "Landslide"}
    version = "1"
    Params = LandslideParams
    inputs = (
        InputField(
            "susceptibility",
            "text",
            required=True,
            aliases=("易发性", "易发程度", "等级", "class", "易发等级", "susc"),
            label={"zh": "易发性", "en": "susceptibility"},
        ),
        InputField(
            "danger_zone",
            "flag",
            aliases=("威胁范围", "危险区", "danger", "threat_zone"),
            label={"zh": "威胁范围", "en": "danger zone"},
        ),
    )
    geometry_types = frozenset({"polygon"})
    default_style: ClassVar[Mapping[str, Any]] = {
        "geometry": "polygon",
        # outlined, not filled: the risk colours underneath stay readable
        "colour": "#6B3A12",
        "linewidth": 0.6,
        "alpha": 0.9,
        "by": "susceptibility",
    }

    @classmethod
    def style_classes(
        cls, name: str, values: np.ndarray, layer: Any = None
    ) -> StyleClasses | None:
        """Susceptibility classes as the model reads them (极高, "very high"
        and 4 are one); None for a numeric susceptibility index. Danger
        zones (威胁范围, scored 1.0 whatever their class) are a class of
        their own, first in the legend."""
        if name != "susceptibility":
            return None
        raw = pd.Series(values, dtype=object)
        numeric = pd.to_numeric(raw, errors="coerce").to_numpy(dtype="float64")
        finite = numeric[np.isfinite(numeric)]
        texts = (raw.notna().to_numpy() & np.isnan(numeric)).any()
        if finite.size and not texts and not np.isin(finite, (0, 1, 2, 3, 4)).all():
            return None  # an index, not classes
        codes, _ = parse_susceptibility(raw)
        ok = np.isfinite(codes)
        if not ok.any():
            return None
        keys = np.full(len(codes), "", dtype=object)
        keys[ok] = codes[ok].astype(int).astype(str)
        flags = column(layer, "danger_zone") if layer is not None else None
        if flags is not None and len(flags) == len(keys):
            keys[parse_flag(flags)[0] == 1.0] = DANGER_KEY
        labels = {DANGER_KEY: DANGER_LABEL, **SUSCEPTIBILITY_LABELS}
        return StyleClasses(keys, labels, ordinal=True)

    def prepare(
        self, layer: LoadedLayer, params: LandslideParams, context: HazardContext
    ) -> LandslidePrepared:
        """Parse and score the features once (see the module docstring)."""
        value = _values(layer, params, context)
        flag_raw = column(layer, "danger_zone")
        if flag_raw is not None:
            flags, bad = parse_flag(flag_raw)
            count_note(context, bad, "danger-zone flags not understood (taken as no)")
            value = np.where(flags == 1.0, 1.0, value)
        reach = params.runout_max_m if params.dem else 0.0
        if params.dem and params.dem not in context.rasters:
            # fail early, naming the parameter: the DEM is not a raster layer
            context.raster(params.dem, "dem", context.grid)
        geoms = layer.frame.geometry.values
        return LandslidePrepared(
            reach=reach,
            feature_scores=value,
            geoms=geoms,
            bounds=feature_bounds(geoms),
            value=value,
            source_min=params.high,
            context=context,
        )

    def intensity(
        self,
        prepared: LandslidePrepared,
        tile: GridTile,
        params: LandslideParams,
        feedback: object = None,
    ) -> np.ndarray:
        """H on one tile (float32, values in [0, 1])."""
        window = tile.window(prepared.reach)
        grid = window.grid
        pick = near_window(prepared.bounds, grid, 0.0)
        pick = pick[prepared.value[pick] > 0]
        feat, flat = polygon_fill(prepared.geoms[pick], grid)
        h = burn_max(grid.size, flat, prepared.value[pick][feat]).reshape(grid.shape)
        if params.dem and prepared.context is not None:
            check(feedback)  # type: ignore[arg-type]
            dem = prepared.context.raster(params.dem, "dem", grid, "bilinear")
            h = np.maximum(h, runout(h, dem, grid, params, prepared.source_min))
        return window.crop(h).astype(np.float32)


_D8 = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]


def d8_receivers(dem: np.ndarray, cell: float) -> tuple[np.ndarray, np.ndarray]:
    """Steepest-descent neighbour of each cell (flat index, -1 at pits/edges)
    and the step length to it."""
    nrows, ncols = dem.shape
    z = np.where(np.isfinite(dem), dem, np.inf)
    pad = np.pad(z, 1, constant_values=np.inf)
    best = np.zeros(dem.shape)
    receiver = np.full(dem.shape, -1, dtype=np.int64)
    step = np.zeros(dem.shape)
    rows, cols = np.indices(dem.shape)
    for dr, dc in _D8:
        dist = cell * (np.sqrt(2.0) if dr and dc else 1.0)
        nb = pad[1 + dr : 1 + dr + nrows, 1 + dc : 1 + dc + ncols]
        with np.errstate(invalid="ignore"):
            slope = (z - nb) / dist
        better = np.isfinite(slope) & (slope > best)
        best[better] = slope[better]
        receiver[better] = ((rows + dr) * ncols + (cols + dc))[better]
        step[better] = dist
    return receiver.ravel(), step.ravel()


def runout(
    h: np.ndarray,
    dem: np.ndarray,
    grid: Grid,
    params: LandslideParams,
    source_min: float,
) -> np.ndarray:
    """Run-out term (DOMAIN.md 3.3): factor x source value along D8 paths.

    All source walkers advance together, one D8 step per iteration; a walker
    stops at a pit, at the window edge, where the DEM has no data, or once
    the angle from its source drops below ``runout_angle``.
    """
    out = np.zeros(grid.size)
    flat_h = h.ravel()
    z = dem.ravel().astype("float64")
    receiver, step = d8_receivers(dem, grid.cell)
    walker = np.flatnonzero((flat_h >= source_min - 1e-12) & np.isfinite(z))
    if len(walker) == 0:
        return out.reshape(grid.shape)
    z_src = z[walker]
    value = params.runout_factor * flat_h[walker]
    travelled = np.zeros(len(walker))
    tan_a = np.tan(np.radians(params.runout_angle))
    max_steps = int(np.ceil(params.runout_max_m / grid.cell)) + 1
    for _ in range(max_steps):
        nxt = receiver[walker]
        go = nxt >= 0
        walker, z_src, value, travelled = (
            nxt[go],
            z_src[go],
            value[go],
            travelled[go] + step[walker[go]],
        )
        if len(walker) == 0:
            break
        with np.errstate(invalid="ignore"):
            steep = (z_src - z[walker]) >= tan_a * travelled - 1e-9
        steep &= travelled <= params.runout_max_m + 1e-9
        walker, z_src, value, travelled = (
            walker[steep],
            z_src[steep],
            value[steep],
            travelled[steep],
        )
        if len(walker) == 0:
            break
        np.maximum.at(out, walker, value)
    return out.reshape(grid.shape)
