"""Four-level classes, ties at the breaks, 就高 (DOMAIN.md 6.3, 7)."""

from __future__ import annotations

import numpy as np
import pytest

from riskmap.core.classify import (
    TIE_TOLERANCE,
    breaks_for,
    classify,
    natural_breaks,
    quantile_breaks,
    take_highest,
)
from riskmap.core.scoring import combine
from riskmap.errors import SettingsError

B = (0.25, 0.5, 0.75)


def test_lower_bound_inclusive() -> None:
    v = np.array([0.0, 0.2499, 0.25, 0.4999, 0.5, 0.7499, 0.75, 1.0, np.nan])
    np.testing.assert_array_equal(classify(v, B), [1, 1, 2, 2, 3, 3, 4, 4, 0])


def test_a_sum_of_weights_on_a_break_reaches_it() -> None:
    # 0.30 + 0.35 + 0.10 is 0.7499999999999999 in binary floating point
    one, zero = np.array([1.0]), np.array([0.0])
    r = combine([one, one, one, zero], [0.30, 0.35, 0.10, 0.25], "weighted_sum")
    assert r[0] < 0.75
    assert classify(r, B)[0] == 4
    # but a value really below the break, by more than the tolerance, is not
    assert classify(np.array([0.75 - 10 * TIE_TOLERANCE]), B)[0] == 3


def test_quantile_breaks() -> None:
    v = np.arange(1, 101, dtype=float)
    b = quantile_breaks(v)
    c = classify(v, b)
    assert np.bincount(c)[1:].tolist() == [25, 25, 25, 25]


def test_quantiles_keep_tied_zeros_in_the_lowest_class() -> None:
    v = np.concatenate([np.zeros(600), np.linspace(0.1, 0.9, 400)])
    b = breaks_for("quantile", v)
    assert b[0] == b[1] == pytest.approx(0.1)
    c = classify(v, b)
    assert (c[:600] == 1).all() and (c[600:] > 1).all()
    b = breaks_for("quantile", np.zeros(10))
    assert b == (np.inf, np.inf, np.inf)
    assert (classify(np.zeros(10), b) == 1).all()


def test_natural_breaks_find_the_gaps() -> None:
    rng = np.random.default_rng(0)
    v = np.concatenate([rng.normal(m, 0.01, 200) for m in (0.1, 0.3, 0.6, 0.9)])
    b = natural_breaks(v)
    groups = v.reshape(4, 200)
    for k in range(3):  # each break is the lowest value of the next cluster
        assert b[k] == groups[k + 1].min()
    c = classify(v, b)
    assert np.bincount(c)[1:].tolist() == [200, 200, 200, 200]


def test_natural_breaks_on_a_histogram_for_many_values() -> None:
    rng = np.random.default_rng(1)
    v = np.concatenate([rng.uniform(0, 0.2, 5000), rng.uniform(0.8, 1.0, 5000)])
    b = natural_breaks(v)
    # two clusters and four classes: one break falls in the gap (on a bin edge)
    assert any(0.2 - 1e-3 <= x <= 0.8 + 1e-3 for x in b)
    assert classify(v, b)[:5000].max() < classify(v, b)[5000:].min()


def test_breaks_for_methods() -> None:
    assert breaks_for("fixed", np.array([0.1]), (0.2, 0.4, 0.6)) == (0.2, 0.4, 0.6)
    with pytest.raises(SettingsError, match="unknown classification method"):
        breaks_for("jenks", np.array([0.1]))
    with pytest.raises(SettingsError, match="do not rise"):
        classify(np.array([0.1]), (0.5, 0.4, 0.6))


def test_take_highest_raises_a_class() -> None:
    r = combine(
        [np.array([0.8, 0.3]), np.array([0.0, 0.3])], [0.5, 0.5], "weighted_sum"
    )  # 0.4 and 0.3: 一般
    base = classify(r, B)
    own = [classify(np.array([0.8, 0.3]), B), classify(np.array([0.0, 0.3]), B)]
    final, raised = take_highest(base, own)
    assert base.tolist() == [2, 2]
    assert final.tolist() == [4, 2]  # hazard 1 alone is 重大
    assert raised.tolist() == [True, False]


def test_take_highest_keeps_no_data() -> None:
    final, raised = take_highest(
        np.array([0, 2], dtype=np.uint8), [np.array([4, 1], dtype=np.uint8)]
    )
    assert final.tolist() == [0, 2] and not raised.any()
