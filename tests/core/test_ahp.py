"""AHP weights and consistency (DOMAIN.md 6.2)."""

from __future__ import annotations

import numpy as np
import pytest

from riskmap.core.ahp import ahp_weights, group_matrix
from riskmap.errors import SettingsError

# Saaty (2008), "Decision making with the analytic hierarchy process",
# Int. J. Services Sciences 1(1): relative consumption of drinks in the US.
# Published: CR = 0.022; weights coffee .177, wine .019, tea .042, beer .116,
# sodas .190, milk .129, water .327.
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]


def test_saaty_drinks_example() -> None:
    r = ahp_weights(DRINKS)
    assert round(r.cr, 3) == 0.022
    np.testing.assert_allclose(
        r.weights, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], atol=5e-4
    )
    assert r.ri == 1.32 and r.consistent
    assert "consistent: CR = 0.022" in r.verdict


def test_inconsistent_judgements_get_a_clear_verdict() -> None:
    # a > b (9), b > c (9), but c > a (9): a cycle
    r = ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert r.cr >= 0.10 and not r.consistent
    assert r.verdict.startswith("NOT consistent")


def test_a_consistent_matrix_has_cr_zero() -> None:
    w = np.array([0.5, 0.3, 0.2])
    r = ahp_weights(w[:, None] / w[None, :])
    assert r.cr == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(r.weights, w)


def test_bad_matrices() -> None:
    with pytest.raises(SettingsError, match="not reciprocal at row 1, column 2"):
        ahp_weights([[1, 3], [3, 1]])
    with pytest.raises(SettingsError, match="Saaty's scale"):
        ahp_weights([[1, 12], [1 / 12, 1]])
    with pytest.raises(SettingsError, match="square"):
        ahp_weights([[1, 2, 3]])
    with pytest.raises(SettingsError, match="at most 10"):
        ahp_weights(np.ones((11, 11)))


def test_group_matrix_is_the_geometric_mean() -> None:
    g = group_matrix([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]])
    np.testing.assert_allclose(g, [[1, 2], [0.5, 1]])
