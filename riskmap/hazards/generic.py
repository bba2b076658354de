"""Any hazard without code: a point, line or polygon layer, or a raster.

This is how a city adds flood zones, gas mains or crowded places, and how
the reference workload of the benchmark (H = max(0, 1 - d/500);
F = min(1, n/5) with n = centroids within 200 m) is written as a project.

Mode ``value``
    Each feature has a value: the constant ``value`` when set, else the
    mapped ``value`` attribute normalised to [0, 1] (``normalise`` =
    "minmax" over the whole city, or "fixed" over ``range`` = [lo, hi] with
    clipping), else 1. Without ``decay``, a cell takes the largest value of
    the polygons containing its centre, the lines passing through it and
    the points inside it. With ``decay`` = D metres, a feature at distance
    d from the cell centre gives v * max(0, 1 - d / D) (d = 0 inside a
    polygon; distances exact, see :mod:`riskmap.hazards.distance`), and the
    cell takes the largest over features. A raster layer is read onto the
    grid (bilinear) and normalised the same way.
Mode ``density``
    n = the number of features (or the sum of the mapped ``value``
    attribute) whose position (the point, or the centroid) lies within
    ``radius`` of the cell centre, counted exactly; H = min(1, n /
    ``saturation``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

import shapely

from riskmap.core.fields import InputField
from riskmap.core.grid import GridTile
from riskmap.core.hazard import HazardContext, HazardModel, Prepared, register
from riskmap.core.layers import LoadedLayer, RasterLayer
from riskmap.errors import SettingsError
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
from riskmap.hazards.density import count_within
from riskmap.hazards.distance import max_decay

MODES = ("value", "density")
NORMALISE = ("minmax", "fixed")


@dataclass(frozen=True)
class GenericParams:
    """Settings of the generic model; see the module docstring."""

    mode: str = "value"
    value: float | None = None  # constant value for every feature
    decay: float = 0.0  # metres; 0 = no decay
    radius: float = 200.0  # density radius, metres [D]
    saturation: float = 5.0  # density count giving H = 1 [D]
    normalise: str = "minmax"
    range: tuple[float, float] | None = None

    def validate(self) -> None:
        if self.mode not in MODES:
            raise SettingsError(
                f"parameter 'mode' must be one of {', '.join(MODES)}, not '{self.mode}'"
            )
        if self.normalise not in NORMALISE:
            raise SettingsError(
                f"parameter 'normalise' must be one of {', '.join(NORMALISE)}"
            )
        if self.value is not None and not 0 <= self.value <= 1:
            raise SettingsError("parameter 'value' must be between 0 and 1")
        if self.decay < 0:
            raise SettingsError("parameter 'decay' must not be negative")
        if self.radius < 0:
            raise SettingsError("parameter 'radius' must not be negative")
        if self.saturation <= 0:
            raise SettingsError("parameter 'saturation' must be above 0")
        bad_range = self.range is None or not self.range[0] < self.range[1]
        if self.normalise == "fixed" and bad_range:
            raise SettingsError(
                "normalise = \"fixed\" needs 'range' = [lo, hi] with lo < hi"
            )


@dataclass
class GenericPrepared(Prepared):
    geoms: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    bounds: np.ndarray = field(default_factory=lambda: np.empty((0, 4)))
    value: np.ndarray = field(default_factory=lambda: np.empty(0))
    x: np.ndarray = field(default_factory=lambda: np.empty(0))
    y: np.ndarray = field(default_factory=lambda: np.empty(0))
    raster: np.ndarray | None = None  # normalised values on the full grid


def normalise_values(
    values: np.ndarray, params: GenericParams
) -> tuple[np.ndarray, str]:
    """Values scaled to [0, 1] and a sentence saying how."""
    v = np.asarray(values, dtype="float64")
    finite = v[np.isfinite(v)]
    if params.normalise == "fixed":
        lo, hi = params.range  # type: ignore[misc]
        how = f"values normalised over the fixed range [{lo:g}, {hi:g}]"
    elif finite.size:
        lo, hi = float(finite.min()), float(finite.max())
        how = f"values normalised min-max over the city ({lo:g} -> 0, {hi:g} -> 1)"
    else:
        return np.zeros(v.shape), "no usable values"
    if hi > lo:
        # halved first: hi - lo overflows for values near the float64 limit
        out = np.clip((0.5 * v - 0.5 * lo) / (0.5 * hi - 0.5 * lo), 0.0, 1.0)
    else:
        out = np.where(np.isfinite(v), 1.0, np.nan)
    return np.nan_to_num(out, nan=0.0), how


@register
class Generic(HazardModel):
    """Any layer as a hazard, by value (with optional decay) or by density."""

    kind = "generic"
    label: ClassVar[Mapping[str, str]] = {"zh": "通用图层", "en": "Generic layer"}
    version = "1"
    Params = GenericParams
    inputs = (
        InputField(
            "value",
            "number",
            aliases=("intensity", "强度", "值", "score", "风险值"),
            label={"zh": "强度值", "en": "value"},
        ),
    )
    geometry_types = frozenset({"point", "line", "polygon"})
    accepts_raster = True
    default_style: ClassVar[Mapping[str, Any]] = {
        "geometry": "auto",
        "colour": "#4D4D4D",
        "linewidth": 0.8,
        "alpha": 0.5,
    }

    def prepare(
        self,
        layer: LoadedLayer | RasterLayer,
        params: GenericParams,
        context: HazardContext,
    ) -> GenericPrepared:
        """Parse and score the features once (see the module docstring)."""
        if isinstance(layer, RasterLayer):
            return self._prepare_raster(layer, params, context)
        frame = layer.frame
        n = len(frame)
        geoms = frame.geometry.values
        field_values = numeric_input(layer, self.inputs[0], context, "values")
        if params.mode == "density":
            x, y = representative_xy(geoms)
            weights = np.ones(n)
            if params.value is None and field_values is not None:
                missing = ~np.isfinite(field_values)
                count_note(
                    context,
                    int(missing.sum()),
                    "features without a value count 0 in the density sum",
                )
                weights = np.nan_to_num(field_values, nan=0.0)
            elif params.value is not None:
                weights = np.full(n, params.value)
            return GenericPrepared(
                reach=params.radius,
                feature_scores=None,
                x=x,
                y=y,
                value=weights,
            )
        if params.value is not None:
            value = np.full(n, float(params.value))
        elif field_values is not None:
            value, how = normalise_values(field_values, params)
            context.note(how)
        else:
            value = np.ones(n)
        return GenericPrepared(
            reach=params.decay,
            feature_scores=value,
            geoms=geoms,
            bounds=feature_bounds(geoms),
            value=value,
        )

    def _prepare_raster(
        self, layer: RasterLayer, params: GenericParams, context: HazardContext
    ) -> GenericPrepared:
        if params.mode != "value":
            raise SettingsError(
                f"layer '{context.layer_id}': a raster layer needs mode = \"value\""
            )
        raw = context.raster(layer.id, "path", context.grid, "bilinear")
        if params.value is not None:
            norm = np.where(np.isfinite(raw), float(params.value), 0.0)
        else:
            norm, how = normalise_values(raw, params)
            context.note(how)
        return GenericPrepared(reach=0.0, raster=norm.astype(np.float32))

    def intensity(
        self,
        prepared: GenericPrepared,
        tile: GridTile,
        params: GenericParams,
        feedback: object = None,
    ) -> np.ndarray:
        """H on one tile (float32, values in [0, 1])."""
        if prepared.raster is not None:
            return prepared.raster[tile.rows].astype(np.float32)
        if params.mode == "density":
            grid = tile.as_grid
            n = count_within(
                prepared.x,
                prepared.y,
                grid,
                params.radius,
                prepared.value,
                feedback,  # type: ignore[arg-type]
            )
            return np.minimum(1.0, n / params.saturation).astype(np.float32)
        grid = tile.as_grid
        pick = near_window(prepared.bounds, grid, params.decay + grid.cell)
        pick = pick[prepared.value[pick] > 0]
        geoms = prepared.geoms[pick]
        value = prepared.value[pick]
        kinds = shapely.get_type_id(geoms)
        poly = np.isin(kinds, (3, 6))
        # centres inside polygons (d = 0)
        f, flat = polygon_fill(geoms[poly], grid)
        base = burn_max(grid.size, flat, value[poly][f]).reshape(grid.shape)
        if params.decay > 0:
            h = max_decay(
                segments_of(geoms),
                value,
                grid,
                params.decay,
                base,
                feedback,  # type: ignore[arg-type]
            )
        else:
            # lines: the cells they pass through; points: the cell holding them
            idx = np.flatnonzero(~poly)
            segs = segments_of(geoms[idx])
            seg, flat = segment_cells(segs, grid)
            vals = value[idx][segs.feature[seg]]
            h = np.maximum(base, burn_max(grid.size, flat, vals).reshape(grid.shape))
        return h.astype(np.float32)
