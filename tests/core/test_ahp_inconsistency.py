"""Which judgement to revise first when CR is too high."""

from __future__ import annotations

import numpy as np

from riskmap.core.ahp import ahp_weights, most_inconsistent


def test_the_reversed_judgement_is_named() -> None:
    # d > a > b > c consistently, except c is judged 5x more important than d.
    a = [[1, 3, 5, 1 / 5], [1 / 3, 1, 2, 1 / 4], [1 / 5, 1 / 2, 1, 5], [5, 4, 1 / 5, 1]]
    r = ahp_weights(a)
    worst = most_inconsistent(a, r.weights)
    assert (worst.row, worst.col, worst.judged) == (2, 3, 5.0)
    assert worst.implied == r.weights[2] / r.weights[3]


def test_consistent_and_small_matrices() -> None:
    w = np.array([0.5, 0.3, 0.2])
    a = w[:, None] / w[None, :]
    worst = most_inconsistent(a, ahp_weights(a).weights)
    assert abs(np.log(worst.judged / worst.implied)) < 1e-9
    assert most_inconsistent([[1, 3], [1 / 3, 1]], [0.75, 0.25]) is None
