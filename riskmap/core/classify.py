"""Four-level classification of risk values (DOMAIN.md sections 1 and 7).

Class codes follow :mod:`riskmap.core.levels`: 1 低/蓝, 2 一般/黄, 3 较大/橙,
4 重大/红, 0 no data. Breaks are three rising values b1 < b2 < b3; a value
reaches a class at its lower bound (lower bound inclusive):
v < b1 -> 1, b1 <= v < b2 -> 2, b2 <= v < b3 -> 3, v >= b3 -> 4.

Composite values are sums and products of weights, so many cells land on a
break up to rounding (0.30 + 0.35 + 0.10 is 0.75 in decimal but
0.7499999999999999 in binary floating point). A value within
:data:`TIE_TOLERANCE` below a break counts as reaching it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from riskmap.core.levels import NODATA_CLASS
from riskmap.errors import SettingsError

#: Values this close below a break count as reaching it.
TIE_TOLERANCE = 1e-9
FIXED_DEFAULT = (0.25, 0.50, 0.75)
METHODS = ("fixed", "quantile", "natural_breaks")
#: Natural breaks are computed on a histogram of this many bins when the
#: values have more distinct values than that.
JENKS_BINS = 1000


def check_breaks(breaks: Sequence[float]) -> tuple[float, float, float]:
    """Three non-decreasing breaks as floats (+inf allowed), else an error."""
    b = tuple(float(x) for x in breaks)
    if len(b) != 3 or np.isnan(b).any():
        raise SettingsError(
            "class breaks must be three numbers", "e.g. [0.25, 0.5, 0.75]"
        )
    if not (b[0] <= b[1] <= b[2]):
        raise SettingsError(
            f"class breaks {list(b)} do not rise", "e.g. [0.25, 0.5, 0.75]"
        )
    return b  # type: ignore[return-value]


def classify(values: np.ndarray, breaks: Sequence[float]) -> np.ndarray:
    """Class codes (uint8, 1-4; 0 where ``values`` is NaN)."""
    b = check_breaks(breaks)
    v = np.asarray(values, dtype="float64")
    out = np.ones(v.shape, dtype=np.uint8)
    for threshold in b:
        out += v >= threshold - TIE_TOLERANCE
    out[np.isnan(v)] = NODATA_CLASS
    return out


def classify_value(value: float, breaks: Sequence[float]) -> int:
    """The class code of one value (0 for NaN)."""
    return int(classify(np.array([value]), breaks)[0])


def _above_minimum(breaks: np.ndarray, v: np.ndarray) -> tuple[float, float, float]:
    """Keep the smallest value in class 1: a break at or below it (many cells
    tied at 0, say) moves up to the next distinct value, or to +inf."""
    lo = v.min()
    above = v[v > lo + TIE_TOLERANCE]
    nxt = float(above.min()) if above.size else float("inf")
    b = np.where(breaks <= lo + TIE_TOLERANCE, nxt, breaks)
    b = np.maximum.accumulate(b)
    return float(b[0]), float(b[1]), float(b[2])


def quantile_breaks(values: np.ndarray) -> tuple[float, float, float]:
    """Breaks at the 25, 50 and 75 % quantiles of the finite values.

    When many values tie at the minimum (cells with no hazard), breaks that
    would fall on it move to the next distinct value, so those cells stay
    in class 1 and the classes above are as equal as the ties allow.
    """
    v = np.asarray(values, dtype="float64")
    v = v[np.isfinite(v)]
    if v.size == 0:
        return FIXED_DEFAULT
    return _above_minimum(np.quantile(v, [0.25, 0.5, 0.75]), v)


def natural_breaks(values: np.ndarray, classes: int = 4) -> tuple[float, ...]:
    """Jenks natural breaks: the ``classes - 1`` breaks minimising the
    within-class sum of squared deviations (Fisher's exact method).

    Runs on the distinct values with their counts, or on a histogram of
    :data:`JENKS_BINS` bins when there are more distinct values than that
    (breaks then fall on bin edges, within 1/1000 of the range). Each break
    is the lowest value of the class above it, matching the lower-bound-
    inclusive rule.
    """
    v = np.asarray(values, dtype="float64")
    v = v[np.isfinite(v)]
    if v.size == 0:
        return FIXED_DEFAULT
    uniq, counts = np.unique(v, return_counts=True)
    if len(uniq) > JENKS_BINS:
        counts, edges = np.histogram(v, bins=JENKS_BINS)
        keep = counts > 0
        lows = edges[:-1][keep]
        centres = ((edges[:-1] + edges[1:]) / 2)[keep]
        counts = counts[keep]
    else:
        lows = centres = uniq
    n = len(centres)
    if n <= classes:
        padded = list(lows[1:]) + [lows[-1]] * classes
        return tuple(float(x) for x in padded[: classes - 1])
    w = counts.astype("float64")
    cw = np.concatenate([[0.0], np.cumsum(w)])
    cx = np.concatenate([[0.0], np.cumsum(w * centres)])
    cxx = np.concatenate([[0.0], np.cumsum(w * centres * centres)])

    def ssd(i: np.ndarray, j: int) -> np.ndarray:
        # sum of squared deviations of items i..j-1 (i vector, j scalar)
        sw = cw[j] - cw[i]
        sx = cx[j] - cx[i]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(sw > 0, (cxx[j] - cxx[i]) - sx * sx / sw, 0.0)

    # cost[k][j]: best cost of the first j items in k+1 classes
    cost = np.full((classes, n + 1), np.inf)
    back = np.zeros((classes, n + 1), dtype=np.int64)
    for j in range(1, n + 1):
        cost[0, j] = ssd(np.array([0]), j)[0]
    for k in range(1, classes):
        for j in range(k + 1, n + 1):
            i = np.arange(k, j)
            total = cost[k - 1, i] + ssd(i, j)
            best = int(np.argmin(total))
            cost[k, j] = total[best]
            back[k, j] = i[best]
    cuts = []
    j = n
    for k in range(classes - 1, 0, -1):
        j = int(back[k, j])
        cuts.append(j)
    cuts.reverse()
    return tuple(float(lows[c]) for c in cuts)


def breaks_for(
    method: str, values: np.ndarray, thresholds: Sequence[float] = FIXED_DEFAULT
) -> tuple[float, float, float]:
    """The breaks in force for ``method`` (fixed thresholds or from data)."""
    if method == "fixed":
        return check_breaks(thresholds)
    if method == "quantile":
        return quantile_breaks(values)
    if method == "natural_breaks":
        v = np.asarray(values, dtype="float64")
        v = v[np.isfinite(v)]
        if v.size == 0:
            return FIXED_DEFAULT
        return _above_minimum(np.array(natural_breaks(v, 4)), v)
    raise SettingsError(
        f"unknown classification method '{method}'", f"use one of {', '.join(METHODS)}"
    )


def take_highest(
    classes: np.ndarray, hazard_classes: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The 就高 rule (DOMAIN.md 6.3): a cell's class is at least the class
    any single hazard reaches on its own.

    Returns the final classes and the mask of cells the rule raised.
    """
    final = classes.copy()
    for hc in hazard_classes:
        np.maximum(final, hc, out=final)
    final[classes == NODATA_CLASS] = NODATA_CLASS
    return final, final > classes
