"""The Monte Carlo of the weights on a result already scored (DOMAIN.md 6.4).

:func:`riskmap.pipeline.scoring.score_project` runs the same analysis when
asked while scoring; a window that has a result calls :func:`add_sensitivity`
instead, which reuses the result's hazard surfaces and runs no model again.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from riskmap.core.districts import representative_cells
from riskmap.core.feedback import Feedback, NullFeedback
from riskmap.core.result import Result
from riskmap.core.sensitivity import DEFAULT_ALPHA, DEFAULT_RUNS, run_sensitivity

__all__ = ["add_sensitivity"]


def add_sensitivity(
    result: Result,
    runs: int = DEFAULT_RUNS,
    alpha: float = DEFAULT_ALPHA,
    vary_method: bool = False,
    seed: int = 0,
    feedback: Feedback | None = None,
) -> Result:
    """``result`` with its sensitivity analysis (a new Result; ``result`` is
    left as it was).

    The stability columns (``p_red``, ``rank_p05``, ``unstable``, ...) are
    added to a copy of ``result.stats`` and ``result.sensitivity`` holds the
    per-cell P(重大). Raises :class:`~riskmap.errors.Canceled` when
    ``feedback`` asks to stop and :class:`~riskmap.errors.SettingsError` for
    bad ``runs`` or ``alpha``.
    """
    feedback = feedback or NullFeedback()
    stats = result.stats
    rep = np.full(len(stats), -1, dtype=np.int64)
    no_cells = np.flatnonzero(stats["cells"].to_numpy() == 0)
    if len(no_cells):
        rep[no_cells] = representative_cells(
            result.districts.iloc[no_cells], result.grid
        )
    feedback.set_status(f"sensitivity: {runs} runs")
    sens = run_sensitivity(
        [h.values for h in result.hazards],
        [h.weight for h in result.hazards],
        result.method,
        result.take_highest,
        result.thresholds,
        result.district_index,
        stats["level_code"].to_numpy(),
        stats["mean"].to_numpy(),
        representative_cells=rep,
        population=result.population,
        exposure=result.exposure,
        runs=int(runs),
        alpha=float(alpha),
        vary_method=vary_method,
        seed=seed,
        feedback=feedback,
    )
    out_stats = stats.copy()
    for col in sens.table.columns:
        out_stats[col] = sens.table[col].to_numpy()
    parameters = {
        **result.parameters,
        "sensitivity": {
            "runs": sens.runs,
            "alpha": sens.alpha,
            "seed": sens.seed,
            "methods": list(sens.methods),
        },
    }
    feedback.set_progress(100)
    return replace(result, stats=out_stats, sensitivity=sens, parameters=parameters)
