"""Weights from pairwise judgements: the AHP helper (DOMAIN.md 6.2).

A weighting workshop fills a reciprocal matrix A on Saaty's 1-9 scale
(a_ij = how much more important i is than j; a_ji = 1 / a_ij). The weights
are the normalised principal eigenvector; consistency is
CI = (lambda_max - n) / (n - 1), CR = CI / RI with Saaty's random index
table, and the judgements are accepted when CR < 0.10. Group judgements are
combined element by element with the geometric mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from riskmap.errors import SettingsError

#: Saaty's random consistency index for n = 1..10 (DOMAIN.md 6.2).
SAATY_RI = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
CR_LIMIT = 0.10
#: Allowed departure of a_ji from 1 / a_ij (judgements typed as 0.33 for 1/3).
RECIPROCAL_TOLERANCE = 0.02


@dataclass(frozen=True)
class AHPResult:
    """Weights and consistency of one judgement matrix."""

    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float

    @property
    def consistent(self) -> bool:
        return self.cr < CR_LIMIT

    @property
    def verdict(self) -> str:
        """One sentence for the user."""
        if self.consistent:
            return (
                f"consistent: CR = {self.cr:.3f} < {CR_LIMIT:.2f}, the weights "
                "can be used"
            )
        return (
            f"NOT consistent: CR = {self.cr:.3f} >= {CR_LIMIT:.2f}; revise the "
            "judgements that contradict each other before using these weights"
        )


def check_matrix(matrix: Sequence[Sequence[float]]) -> np.ndarray:
    """The matrix as float64 after checking shape, scale and reciprocity."""
    a = np.asarray(matrix, dtype="float64")
    n = a.shape[0] if a.ndim == 2 else 0
    if a.ndim != 2 or a.shape != (n, n) or n == 0:
        raise SettingsError(
            "the AHP matrix must be square", "one row and one column per criterion"
        )
    if n > len(SAATY_RI):
        raise SettingsError(
            f"the AHP matrix has {n} criteria; Saaty's table covers at most "
            f"{len(SAATY_RI)}",
            "group the criteria in a hierarchy of at most 10 each",
        )
    if not np.isfinite(a).all() or (a <= 0).any():
        raise SettingsError("AHP judgements must be positive numbers")
    if (a > 9 + 1e-9).any() or (a < 1 / 9 - 1e-9).any():
        raise SettingsError(
            "AHP judgements must be on Saaty's scale 1/9 ... 9",
            "1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme",
        )
    if not np.allclose(np.diag(a), 1.0):
        raise SettingsError("the diagonal of the AHP matrix must be 1")
    bad = np.abs(a * a.T - 1.0) > RECIPROCAL_TOLERANCE * 2
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise SettingsError(
            f"the AHP matrix is not reciprocal at row {i + 1}, column {j + 1} "
            f"({a[i, j]:g} vs {a[j, i]:g})",
            "a_ji must be 1 / a_ij",
        )
    return a


def ahp_weights(matrix: Sequence[Sequence[float]]) -> AHPResult:
    """Principal-eigenvector weights and the consistency ratio.

    Parameters
    ----------
    matrix
        Square reciprocal matrix of judgements on Saaty's 1-9 scale.

    Returns
    -------
    AHPResult
        ``weights`` sum to 1; ``cr`` uses :data:`SAATY_RI` (CR = 0 for
        n <= 2, where every reciprocal matrix is consistent).
    """
    a = check_matrix(matrix)
    n = a.shape[0]
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lam = float(values[k].real)
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ri = SAATY_RI[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    return AHPResult(tuple(float(x) for x in w), lam, ci, ri, max(cr, 0.0))


def group_matrix(matrices: Sequence[Sequence[Sequence[float]]]) -> np.ndarray:
    """Element-wise geometric mean of several judges' matrices (DOMAIN.md 6.2)."""
    stack = np.stack([check_matrix(m) for m in matrices])
    return np.exp(np.log(stack).mean(axis=0))


@dataclass(frozen=True)
class Inconsistency:
    """The judgement that departs most from the weights it produced."""

    row: int
    col: int
    judged: float  # a_ij as entered
    implied: float  # w_i / w_j, what a consistent matrix would hold


def most_inconsistent(
    matrix: Sequence[Sequence[float]], weights: Sequence[float]
) -> Inconsistency | None:
    """The pair (i < j) whose judgement a_ij is furthest, on a log scale, from
    the ratio w_i / w_j of the resulting weights (None for n < 3).

    This is the judgement to look at first when CR is too high: with
    e_ij = a_ij w_j / w_i, a consistent matrix has every e_ij = 1.
    """
    a = check_matrix(matrix)
    w = np.asarray(weights, dtype="float64")
    n = a.shape[0]
    if n < 3:
        return None
    implied = w[:, None] / w[None, :]
    error = np.abs(np.log(a / implied))
    error[np.tril_indices(n)] = -1.0
    i, j = np.unravel_index(int(np.argmax(error)), error.shape)
    return Inconsistency(int(i), int(j), float(a[i, j]), float(implied[i, j]))
