"""How much do the levels depend on the weights? Monte Carlo (DOMAIN.md 6.4).

Each run draws weights w ~ Dirichlet(alpha * w0) around the chosen weights
w0 (alpha = 50 gives about +-20 % relative spread at w = 1/3) and,
optionally, the aggregation method among arithmetic, geometric and union;
it recomputes R, the cell classes (with 就高 when on) and the district
levels and ranks. Outputs:

- per cell, P(重大): the share of runs in which the cell is 重大;
- per district, the probability of each level, the median rank and its
  5-95 % range (rank 1 = highest score), the share of runs in which the
  level differs from the reported one, and ``unstable`` when that share
  exceeds 20 %;
- the average shift in ranks, R_S = mean |rank_ref - rank_run|.

Only cells with some hazard are recomputed (the others have R = 0 in every
run), and only cells whose class can change with the weights are
re-classified: for every method R lies between the smallest intensity of a
cell and max(H) (1 - prod(1 - H) for the union).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from riskmap.core.classify import TIE_TOLERANCE, classify
from riskmap.core.districts import RAISE_TO, RED_SHARE_RAISE
from riskmap.core.feedback import Feedback, check
from riskmap.core.scoring import check_method
from riskmap.errors import SettingsError

DEFAULT_RUNS = 1000
DEFAULT_ALPHA = 50.0
UNSTABLE_SHARE = 0.20
#: Use the linear shortcut for weighted sums (off only to test it).
_LINEAR = True
VARIED_METHODS = ("weighted_sum", "geometric", "union")
STABILITY_COLUMNS = [
    "p_blue",
    "p_yellow",
    "p_orange",
    "p_red",
    "rank",
    "rank_median",
    "rank_p05",
    "rank_p95",
    "level_changes",
    "unstable",
]


@dataclass
class SensitivityResult:
    """Outcome of :func:`run_sensitivity`; ``table`` has one row per district
    (same order as the district table) with :data:`STABILITY_COLUMNS`."""

    runs: int
    seed: int
    alpha: float
    methods: tuple[str, ...]
    p_major: np.ndarray  # float32 grid, NaN outside districts
    table: pd.DataFrame
    mean_rank_shift: float


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score; ties share the best rank; NaN ranks last."""
    s = np.where(np.isfinite(scores), scores, -np.inf)
    order = np.argsort(-s, kind="stable")
    ranks = np.empty(len(s), dtype=np.int64)
    ranks[order] = np.arange(1, len(s) + 1)
    # equal scores share the smallest rank
    sorted_s = s[order]
    first = np.ones(len(s), dtype=bool)
    first[1:] = sorted_s[1:] != sorted_s[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(s)), 0))
    ranks[order] = group_start + 1
    return ranks


def _composite(
    h: np.ndarray, logh: np.ndarray, w: np.ndarray, method: str
) -> np.ndarray:
    """R for the cells of ``h`` (layers x cells, float32) with weights ``w``."""
    if method == "weighted_sum":
        return w.astype(np.float32) @ h
    if method == "geometric":
        with np.errstate(invalid="ignore"):
            return np.exp(w.astype(np.float32) @ logh)
    rel = (w / w.max()).astype(np.float32)
    if method == "union":
        keep = np.ones(h.shape[1], dtype=np.float32)
        for k in range(h.shape[0]):
            keep *= 1.0 - rel[k] * h[k]
        return 1.0 - keep
    out = np.zeros(h.shape[1], dtype=np.float32)
    for k in range(h.shape[0]):
        np.maximum(out, rel[k] * h[k], out=out)
    return out


def run_sensitivity(
    hazard_values: Sequence[np.ndarray],
    weights: Sequence[float],
    method: str,
    take_highest: bool,
    breaks: Sequence[float],
    district_index: np.ndarray,
    reference_levels: Sequence[int],
    reference_scores: Sequence[float],
    representative_cells: Sequence[int] | None = None,
    population: np.ndarray | None = None,
    exposure: np.ndarray | None = None,
    runs: int = DEFAULT_RUNS,
    alpha: float = DEFAULT_ALPHA,
    vary_method: bool = False,
    seed: int = 0,
    feedback: Feedback | None = None,
) -> SensitivityResult:
    """Monte Carlo over the weights (and optionally the method).

    Parameters
    ----------
    hazard_values
        The hazard surfaces H_k (grid arrays, NaN outside districts).
    weights
        The chosen normalised weights w0 (sum 1).
    method, take_highest, breaks
        The composite settings of the reported result.
    district_index
        District raster (-1 outside).
    reference_levels, reference_scores
        The reported district level codes and scores, to count level
        changes and rank shifts.
    representative_cells
        Flat cell standing in for each district with no cell centre
        (-1 for the others), as in the district table.
    population, exposure
        Optional people per cell (population-weighted district score) and
        exposure E per cell (R_e = sqrt(R E)).
    runs, alpha, vary_method, seed
        Number of runs, Dirichlet concentration, whether to draw the method
        too, and the random seed (same seed, same numbers).
    """
    check_method(method)
    if runs < 1:
        raise SettingsError("the number of sensitivity runs must be at least 1")
    if alpha <= 0:
        raise SettingsError("the Dirichlet concentration alpha must be above 0")
    w0 = np.asarray(weights, dtype="float64")
    live = np.flatnonzero(w0 > 0)
    idx = district_index.ravel()
    inside = np.flatnonzero(idx >= 0)
    n_dist = len(reference_levels)
    d_all = idx[inside].astype(np.int64)
    cells = np.bincount(d_all, minlength=n_dist)
    h_in = np.stack(
        [np.nan_to_num(np.asarray(hazard_values[k]).ravel()[inside]) for k in live]
    ).astype(np.float32)
    # cells with some hazard; the rest have R = 0 in every run
    active = np.flatnonzero(h_in.max(axis=0) > 0)
    h = np.ascontiguousarray(h_in[:, active])
    with np.errstate(divide="ignore"):
        logh = np.log(h)
    d = d_all[active]
    t_red = float(breaks[2]) - TIE_TOLERANCE
    hmin, hmax = h.min(axis=0), h.max(axis=0)
    union_max = 1.0 - np.prod(1.0 - h, axis=0)
    e = None
    if exposure is not None:
        e = np.nan_to_num(np.asarray(exposure).ravel()[inside][active]).astype(
            np.float32
        )
    methods = VARIED_METHODS if vary_method else (method,)
    top = np.maximum(hmax, union_max) if "union" in methods else hmax
    if e is not None:
        hmin_e, top_e = np.sqrt(hmin * e), np.sqrt(top * e)
    else:
        hmin_e, top_e = hmin, top
    own_red = classify(hmax, breaks) == 4 if take_highest else np.zeros(len(h[0]), bool)
    sure_red = own_red | (hmin_e >= t_red)
    maybe = np.flatnonzero(~sure_red & (top_e >= t_red))
    sure_red_count = np.bincount(d[sure_red], minlength=n_dist)
    if population is not None:
        pop = np.maximum(
            np.nan_to_num(np.asarray(population, float).ravel()[inside]), 0.0
        )
        wsum = np.bincount(d_all, pop, minlength=n_dist)
        pop_a = pop[active].astype(np.float32)
    else:
        wsum = cells.astype("float64")
        pop_a = None
    rep = (
        np.full(n_dist, -1)
        if representative_cells is None
        else np.asarray(representative_cells, dtype=np.int64)
    )
    # position of each representative cell among the active cells (or -1)
    flat_active = inside[active]  # increasing
    pos = np.searchsorted(flat_active, rep)
    pos = np.minimum(pos, max(len(flat_active) - 1, 0))
    found = (rep >= 0) & (len(flat_active) > 0)
    found &= flat_active[pos] == rep if len(flat_active) else found
    rep_pos = np.where(found, pos, -1)

    linear = None
    if _LINEAR and not vary_method and method == "weighted_sum" and e is None:
        weights_a = None if pop_a is None else pop_a.astype("float64")
        linear = np.stack(
            [
                np.bincount(
                    d,
                    h[k].astype("float64") if weights_a is None else h[k] * weights_a,
                    minlength=n_dist,
                )
                for k in range(h.shape[0])
            ]
        )
        h_maybe = np.ascontiguousarray(h[:, maybe])
    rng = np.random.default_rng(seed)
    red_hits = np.zeros(len(maybe), dtype=np.int32)
    level_counts = np.zeros((n_dist, 4), dtype=np.int64)
    ranks = np.zeros((runs, n_dist), dtype=np.int64)
    ref = np.asarray(reference_levels, dtype=np.int64)
    if len(np.asarray(reference_scores)) != n_dist:
        raise ValueError("one reference score per district is needed")
    changes = np.zeros(n_dist, dtype=np.int64)
    for run in range(runs):
        if run % 16 == 0:
            check(feedback)
            if feedback is not None:
                feedback.set_progress(100.0 * run / runs)
        w = np.zeros(len(w0))
        w[live] = rng.dirichlet(alpha * w0[live] / w0[live].sum())
        m = methods[rng.integers(len(methods))] if vary_method else method
        if linear is not None:
            # weighted sum without exposure: district sums are linear in the
            # weights, so only the cells whose class may change are computed
            r_maybe = w[live].astype(np.float32) @ h_maybe
            num = w[live] @ linear
        else:
            r = _composite(h, logh, w[live], m)
            if e is not None:
                r = np.sqrt(np.clip(r, 0, 1) * e)
            r_maybe = r[maybe]
            num = np.bincount(d, r if pop_a is None else r * pop_a, minlength=n_dist)
        red = r_maybe >= t_red
        red_hits += red
        red_count = sure_red_count + np.bincount(d[maybe[red]], minlength=n_dist)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = num / wsum
        empty = cells == 0
        if empty.any():
            # a district without cell centres takes its representative cell
            # (R = 0 there when that cell has no hazard)
            found = rep_pos[empty] >= 0
            pos = np.maximum(rep_pos[empty], 0)
            if linear is not None:
                rep_r = w[live].astype(np.float32) @ h[:, pos]
            else:
                rep_r = r[pos]
            score[empty] = np.where(found, rep_r, 0.0)
            score[empty & (rep < 0)] = np.nan
        codes = classify(score, breaks).astype(np.int64)
        with np.errstate(invalid="ignore", divide="ignore"):
            raise_red = red_count >= RED_SHARE_RAISE * cells - 1e-9
        codes = np.where((cells > 0) & raise_red & (codes < RAISE_TO), RAISE_TO, codes)
        for code in range(1, 5):
            level_counts[:, code - 1] += codes == code
        changes += codes != ref
        ranks[run] = _ranks(score)

    p = np.zeros(len(active), dtype=np.float32)
    p[sure_red] = 1.0
    p[maybe] = red_hits / runs
    p_major = np.full(idx.shape, np.nan, dtype=np.float32)
    p_major[inside] = 0.0
    p_major[inside[active]] = p
    ref_rank = _ranks(np.asarray(reference_scores, dtype="float64"))
    table = pd.DataFrame(
        {
            "p_blue": level_counts[:, 0] / runs,
            "p_yellow": level_counts[:, 1] / runs,
            "p_orange": level_counts[:, 2] / runs,
            "p_red": level_counts[:, 3] / runs,
            "rank": ref_rank,
            "rank_median": np.median(ranks, axis=0),
            "rank_p05": np.quantile(ranks, 0.05, axis=0, method="inverted_cdf"),
            "rank_p95": np.quantile(ranks, 0.95, axis=0, method="inverted_cdf"),
            "level_changes": changes / runs,
            "unstable": changes / runs > UNSTABLE_SHARE,
        }
    )
    return SensitivityResult(
        runs=runs,
        seed=seed,
        alpha=alpha,
        methods=tuple(methods),
        p_major=p_major.reshape(district_index.shape),
        table=table,
        mean_rank_shift=float(np.abs(ranks - ref_rank[None, :]).mean()),
    )
