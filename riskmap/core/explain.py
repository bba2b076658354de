"""Why a cell has its class: each hazard's part and the rule that decided.

For one cell, :func:`explain_cell` gives every hazard's intensity H_k, its
weight, its term in the composite and its contribution (the share of R it
accounts for, see :func:`riskmap.core.scoring.contributions`), the
composite R (and the exposure E when used), the class the thresholds give,
and the final class with the rule that set it: the thresholds, or 就高 when
a single hazard's own class lifted it (DOMAIN.md 6.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from riskmap.core.classify import classify_value
from riskmap.core.levels import level
from riskmap.core.scoring import apply_exposure, combine, contributions

if TYPE_CHECKING:
    from riskmap.core.result import Result

RULE_THRESHOLD = "threshold"
RULE_TAKE_HIGHEST = "就高"


@dataclass(frozen=True)
class HazardPart:
    """One hazard in one cell."""

    layer_id: str
    title: str
    kind: str
    intensity: float  # H_k
    weight: float  # normalised w_k
    relative_weight: float  # w~_k = w_k / max w
    contribution: float  # share of R (contributions sum to R)
    level_code: int  # the class H_k reaches on its own (0 when H_k is NaN)


@dataclass(frozen=True)
class CellExplanation:
    """Everything that decided one cell's class."""

    row: int
    col: int
    x: float
    y: float
    district: str | None
    hazards: tuple[HazardPart, ...]
    method: str
    composite: float  # R from the hazards, before exposure
    exposure: float | None  # E when an exposure layer is used
    score: float  # the final R (after exposure)
    threshold_code: int  # class from the thresholds alone
    level_code: int  # final class (0 outside the districts)
    rule: str  # "threshold" or "就高"
    raised_by: str | None  # title of the hazard whose class was taken
    thresholds: tuple[float, float, float]

    @property
    def inside(self) -> bool:
        return self.level_code != 0

    def lines(self) -> list[str]:
        """A short plain-text account (identify tool, CLI)."""
        if not self.inside:
            return [f"cell ({self.row}, {self.col}): outside the districts"]
        head = f"cell ({self.row}, {self.col})"
        if self.district:
            head += f" in {self.district}"
        out = [head]
        for p in self.hazards:
            out.append(
                f"  {p.title}: H = {p.intensity:.3f}, weight {p.weight:.3f}, "
                f"contribution {p.contribution:.3f} ({level(p.level_code).short_zh})"
                if p.level_code
                else f"  {p.title}: no data"
            )
        r = f"  {self.method}: R = {self.composite:.3f}"
        if self.exposure is not None:
            r += f", exposure E = {self.exposure:.3f}, R_e = {self.score:.3f}"
        out.append(r)
        lv = level(self.level_code)
        if self.rule == RULE_TAKE_HIGHEST:
            out.append(
                f"  class {lv.name_zh} by 就高 ({self.raised_by}); "
                f"thresholds alone give {level(self.threshold_code).name_zh}"
            )
        else:
            out.append(f"  class {lv.name_zh} by the thresholds {self.thresholds}")
        return out


def explain_cell(result: Result, row: int, col: int) -> CellExplanation:
    """The explanation of cell (row, col) of ``result``."""
    grid = result.grid
    if not (0 <= row < grid.nrows and 0 <= col < grid.ncols):
        raise IndexError(f"cell ({row}, {col}) is outside the grid {grid.shape}")
    x, y = grid.centre(row, col)
    di = int(result.district_index[row, col])
    district = str(result.districts["name"].iloc[di]) if di >= 0 else None
    values = np.array([float(h.values[row, col]) for h in result.hazards])
    weights = np.array([h.weight for h in result.hazards])
    breaks = result.thresholds
    final = int(result.classes[row, col])
    if di < 0 or np.isnan(values).any() or final == 0:
        parts = tuple(
            HazardPart(
                h.layer_id,
                h.title,
                h.kind,
                float("nan"),
                h.weight,
                h.relative_weight,
                0.0,
                0,
            )
            for h in result.hazards
        )
        return CellExplanation(
            row,
            col,
            x,
            y,
            district,
            parts,
            result.method,
            float("nan"),
            None,
            float("nan"),
            0,
            0,
            RULE_THRESHOLD,
            None,
            breaks,
        )
    r = float(combine([np.array([v]) for v in values], weights, result.method)[0])
    share = contributions(values, weights, result.method, r)
    exposure = None
    score = r
    if result.exposure is not None:
        exposure = float(result.exposure[row, col])
        score = float(apply_exposure(np.array([r]), np.array([exposure]))[0])
    own = [classify_value(v, breaks) for v in values]
    threshold_code = classify_value(score, breaks)
    parts = tuple(
        HazardPart(
            h.layer_id,
            h.title,
            h.kind,
            float(v),
            h.weight,
            h.relative_weight,
            float(c),
            int(k),
        )
        for h, v, c, k in zip(result.hazards, values, share, own, strict=True)
    )
    rule, raised_by = RULE_THRESHOLD, None
    if result.take_highest and final > threshold_code:
        rule = RULE_TAKE_HIGHEST
        top = max(
            (k for k in range(len(own)) if weights[k] > 0),
            key=lambda k: (own[k], values[k]),
        )
        raised_by = result.hazards[top].title
    return CellExplanation(
        row,
        col,
        x,
        y,
        district,
        parts,
        result.method,
        r,
        exposure,
        score,
        threshold_code,
        final,
        rule,
        raised_by,
        breaks,
    )
