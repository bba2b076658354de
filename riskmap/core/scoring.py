"""The composite risk R from the hazard intensities H_k (DOMAIN.md 6.3).

Four aggregations, all giving R in [0, 1] from H_k in [0, 1]:

union (default)
    R = 1 - prod_k (1 - w~_k H_k), w~_k = w_k / max w. Not compensatory:
    one high hazard keeps R high.
weighted_sum
    R = sum_k w_k H_k with weights summing to 1. Fully compensatory.
geometric
    R = prod_k H_k ** w_k with weights summing to 1. A zero in any layer
    with a weight gives zero (OECD/JRC Handbook).
max
    R = max_k w~_k H_k: the strongest single (weighted) hazard.

An optional exposure E in [0, 1] (min-max of log10(1 + population)) turns R
into R_e = R**0.5 * E**0.5 (INFORM-style balance).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from riskmap.errors import SettingsError

METHODS = ("union", "weighted_sum", "geometric", "max")


def normalise_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights scaled to sum 1; negative, non-finite or all-zero weights fail.

    Raises
    ------
    SettingsError
        Naming the layer with a bad weight, or saying all weights are zero.
    """
    for layer_id, w in weights.items():
        if not isinstance(w, int | float) or not np.isfinite(w) or w < 0:
            raise SettingsError(
                f"layer '{layer_id}': weight {w!r} is not allowed",
                "weights must be numbers of 0 or more",
            )
    total = float(sum(weights.values()))
    if not weights or total <= 0:
        raise SettingsError(
            "all hazard weights are zero",
            "give at least one hazard layer a weight above 0",
        )
    return {k: float(w) / total for k, w in weights.items()}


def check_method(method: str) -> str:
    """``method`` if it is one of :data:`METHODS`, else a SettingsError."""
    if method not in METHODS:
        raise SettingsError(
            f"unknown composite method '{method}'", f"use one of {', '.join(METHODS)}"
        )
    return method


def relative_weights(weights: Sequence[float]) -> np.ndarray:
    """w~_k = w_k / max w: the largest weight becomes 1 (union and max)."""
    w = np.asarray(weights, dtype="float64")
    top = w.max() if len(w) else 0.0
    return w / top if top > 0 else w


def combine(
    surfaces: Sequence[np.ndarray], weights: Sequence[float], method: str = "union"
) -> np.ndarray:
    """Composite R (float64, same shape as each surface) per DOMAIN.md 6.3.

    Parameters
    ----------
    surfaces
        Hazard intensities H_k in [0, 1]; NaN marks cells outside the
        districts and stays NaN.
    weights
        Normalised weights w_k (summing to 1), one per surface.
    method
        One of :data:`METHODS`.
    """
    check_method(method)
    if len(surfaces) != len(weights):
        raise ValueError("one weight per surface is needed")
    if not surfaces:
        raise SettingsError("no hazard layers to combine", "add a hazard layer")
    shape = np.shape(surfaces[0])
    w = np.asarray(weights, dtype="float64")
    if method == "weighted_sum":
        r = np.zeros(shape)
        for h, wk in zip(surfaces, w, strict=True):
            if wk > 0:
                r += wk * np.asarray(h, dtype="float64")
    elif method == "geometric":
        r = np.ones(shape)
        for h, wk in zip(surfaces, w, strict=True):
            if wk > 0:
                r *= np.power(np.asarray(h, dtype="float64"), wk)
    elif method == "union":
        rel = relative_weights(w)
        keep = np.ones(shape)
        for h, wk in zip(surfaces, rel, strict=True):
            if wk > 0:
                keep *= 1.0 - wk * np.asarray(h, dtype="float64")
        r = 1.0 - keep
    else:  # max
        rel = relative_weights(w)
        r = np.zeros(shape)
        for h, wk in zip(surfaces, rel, strict=True):
            if wk > 0:
                r = np.fmax(r, wk * np.asarray(h, dtype="float64"))
    nan = np.zeros(shape, dtype=bool)
    for h in surfaces:
        nan |= np.isnan(h)
    r = np.clip(r, 0.0, 1.0)
    r[nan] = np.nan
    return r


def contributions(
    values: Sequence[float], weights: Sequence[float], method: str, composite: float
) -> np.ndarray:
    """How much of one cell's R each hazard accounts for (they sum to R).

    weighted_sum: w_k H_k. union: R shared in proportion to
    -log(1 - w~_k H_k), the share each term takes of the product.
    geometric: R shared in proportion to w_k H_k. max: all of R to the
    largest w~_k H_k (ties share it).
    """
    h = np.asarray(values, dtype="float64")
    w = np.asarray(weights, dtype="float64")
    out = np.zeros(len(h))
    if not np.isfinite(composite) or composite <= 0 or len(h) == 0:
        return out
    if method == "weighted_sum":
        return w * h
    if method == "union":
        terms = np.clip(relative_weights(w) * h, 0.0, 1.0)
        with np.errstate(divide="ignore"):
            logs = -np.log1p(-terms)
        if np.isinf(logs).any():
            logs = np.where(np.isinf(logs), 1.0, 0.0)
        share = logs
    elif method == "geometric":
        share = w * h
    else:
        terms = relative_weights(w) * h
        share = (terms >= terms.max() - 1e-12).astype("float64")
    total = share.sum()
    return composite * share / total if total > 0 else out


def exposure_index(population: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """E = min-max of log10(1 + population) over the cells inside districts.

    Cells with no population value count as 0 people; cells outside the
    districts are NaN. A city with the same population everywhere gets
    E = 1 (exposure then leaves R unchanged up to the square root).
    """
    pop = np.nan_to_num(np.asarray(population, dtype="float64"), nan=0.0)
    pop = np.maximum(pop, 0.0)
    e = np.log10(1.0 + pop)
    out = np.full(e.shape, np.nan)
    vals = e[inside]
    if vals.size:
        lo, hi = float(vals.min()), float(vals.max())
        out[inside] = (vals - lo) / (hi - lo) if hi > lo else 1.0
    return out


def apply_exposure(composite: np.ndarray, exposure: np.ndarray) -> np.ndarray:
    """R_e = R**0.5 * E**0.5 (DOMAIN.md 6.3)."""
    return np.sqrt(np.clip(composite, 0, 1) * np.clip(exposure, 0, 1))
