"""Composite methods, weights and exposure (DOMAIN.md 6.3)."""

from __future__ import annotations

import numpy as np
import pytest

from riskmap.core.scoring import (
    apply_exposure,
    combine,
    contributions,
    exposure_index,
    normalise_weights,
)
from riskmap.errors import SettingsError

H1 = np.array([0.8, 0.0, 0.5, np.nan])
H2 = np.array([0.6, 0.4, 0.5, 0.2])


def test_union_and_weighted_sum_differ_by_hand() -> None:
    w = [0.5, 0.5]
    union = combine([H1, H2], w, "union")  # w~ = 1, 1
    total = combine([H1, H2], w, "weighted_sum")
    np.testing.assert_allclose(union[:3], [1 - 0.2 * 0.4, 0.4, 0.75])
    np.testing.assert_allclose(total[:3], [0.7, 0.2, 0.5])
    assert np.isnan(union[3]) and np.isnan(total[3])


def test_union_uses_weights_relative_to_the_largest() -> None:
    r = combine([np.array([1.0]), np.array([1.0])], [0.75, 0.25], "union")
    # w~ = 1 and 1/3: 1 - (1 - 1)(1 - 1/3) = 1
    assert r[0] == pytest.approx(1.0)
    r = combine([np.array([0.5]), np.array([0.6])], [0.75, 0.25], "union")
    assert r[0] == pytest.approx(1 - 0.5 * (1 - 0.2))


def test_geometric_and_max() -> None:
    g = combine([H1, H2], [0.25, 0.75], "geometric")
    np.testing.assert_allclose(g[:3], [0.8**0.25 * 0.6**0.75, 0.0, 0.5])
    m = combine([H1, H2], [0.5, 0.25], "max")  # w~ = 1, 0.5
    np.testing.assert_allclose(m[:3], [0.8, 0.2, 0.5])


def test_weights_are_normalised_and_checked() -> None:
    assert normalise_weights({"a": 2, "b": 6}) == {"a": 0.25, "b": 0.75}
    with pytest.raises(SettingsError, match="layer 'b': weight -1"):
        normalise_weights({"a": 1, "b": -1})
    with pytest.raises(SettingsError, match="all hazard weights are zero"):
        normalise_weights({"a": 0, "b": 0})
    with pytest.raises(SettingsError, match="unknown composite method 'sum'"):
        combine([H1], [1.0], "sum")


def test_contributions_add_up_to_r() -> None:
    h, w = np.array([0.8, 0.3, 0.0]), np.array([0.5, 0.3, 0.2])
    for method in ("union", "weighted_sum", "geometric", "max"):
        r = float(combine([np.array([v]) for v in h], w, method)[0])
        c = contributions(h, w, method, r)
        assert c.sum() == pytest.approx(r)
        if r > 0:
            assert c[0] >= c[1] >= c[2] == 0


def test_exposure_index_and_adjustment() -> None:
    pop = np.array([0.0, 9.0, 99.0, 5.0])
    inside = np.array([True, True, True, False])
    e = exposure_index(pop, inside)
    np.testing.assert_allclose(e[:3], [0.0, 0.5, 1.0])
    assert np.isnan(e[3])
    np.testing.assert_allclose(
        apply_exposure(np.array([0.64]), np.array([0.25])), [0.4]
    )
