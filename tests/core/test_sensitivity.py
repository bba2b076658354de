"""Monte Carlo sensitivity (DOMAIN.md 6.4) with a fixed seed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from riskmap.core.sensitivity import STABILITY_COLUMNS, run_sensitivity
from riskmap.errors import SettingsError

B = (0.25, 0.5, 0.75)


def setup():
    # one row of 4 cells; district 0 = cells 0-1, district 1 = cells 2-3
    h1 = np.array([[1.0, 0.8, 0.0, 0.3]])
    h2 = np.array([[1.0, 0.7, 0.0, 0.3]])
    idx = np.array([[0, 0, 1, 1]])
    return [h1, h2], idx


def run(**kw):
    h, idx = setup()
    args = dict(
        hazard_values=h,
        weights=[0.5, 0.5],
        method="weighted_sum",
        take_highest=False,
        breaks=B,
        district_index=idx,
        reference_levels=[4, 2],
        reference_scores=[0.875, 0.15],
        runs=2000,
        seed=7,
    )
    args.update(kw)
    return run_sensitivity(**args)


def test_p_major_per_cell() -> None:
    s = run()
    p = s.p_major[0]
    assert p[0] == 1.0  # R = 1 whatever the weights
    # R = 0.8 w1 + 0.7 (1 - w1) >= 0.75 exactly when w1 >= 0.5: half the runs
    assert p[1] == pytest.approx(0.5, abs=0.04)
    assert p[2] == 0.0 and p[3] == 0.0


def test_same_seed_same_numbers_and_another_seed_differs() -> None:
    a, b, c = run(), run(), run(seed=8)
    np.testing.assert_array_equal(a.p_major, b.p_major)
    assert a.table.equals(b.table)
    assert a.p_major[0, 1] != c.p_major[0, 1]


def test_district_table() -> None:
    s = run()
    t = s.table
    assert list(t.columns) == STABILITY_COLUMNS
    np.testing.assert_allclose(
        t[["p_blue", "p_yellow", "p_orange", "p_red"]].sum(axis=1), 1
    )
    # district 0: mean of 1 and 0.75 +- a little is always 重大
    assert t.loc[0, "p_red"] == 1.0 and not t.loc[0, "unstable"]
    # district 1: mean 0.15 is 低, never 一般 as reported: it changes every run
    assert t.loc[1, "p_blue"] == 1.0 and t.loc[1, "level_changes"] == 1.0
    assert t.loc[1, "unstable"]
    assert (t["rank_p05"] == t["rank"]).all() and s.mean_rank_shift == 0


def test_varying_the_method() -> None:
    s = run(vary_method=True, method="union")
    assert set(s.methods) == {"weighted_sum", "geometric", "union"}
    # union of 0.8 and 0.7 is far above 0.75: more runs are 重大
    assert s.p_major[0, 1] > 0.5


def test_bad_settings() -> None:
    with pytest.raises(SettingsError, match="at least 1"):
        run(runs=0)
    with pytest.raises(SettingsError, match="alpha must be above 0"):
        run(alpha=0)


def test_the_weighted_sum_shortcut_gives_the_same_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from riskmap.core import sensitivity

    rng = np.random.default_rng(1)
    h = [rng.uniform(0, 1, (6, 7)) for _ in range(3)]
    idx = rng.integers(-1, 3, (6, 7))
    kw = dict(
        hazard_values=h,
        weights=[0.5, 0.3, 0.2],
        method="weighted_sum",
        take_highest=True,
        breaks=B,
        district_index=idx,
        reference_levels=[2, 2, 2],
        reference_scores=[0.5, 0.4, 0.3],
        population=rng.uniform(0, 100, (6, 7)),
        runs=300,
        seed=5,
    )
    fast = run_sensitivity(**kw)
    monkeypatch.setattr(sensitivity, "_LINEAR", False)
    slow = run_sensitivity(**kw)
    np.testing.assert_allclose(fast.p_major, slow.p_major)
    pd.testing.assert_frame_equal(fast.table, slow.table)
