"""Helpers the hazard models share: geometry kinds, bounds, value cleaning."""

from __future__ import annotations

import numpy as np

import shapely

from riskmap.core.fields import InputField, clean_numeric
from riskmap.core.grid import Grid
from riskmap.core.hazard import HazardContext, column
from riskmap.core.layers import LoadedLayer

_KINDS = {
    0: "point",
    4: "point",
    1: "line",
    2: "line",
    5: "line",
    3: "polygon",
    6: "polygon",
}


def geometry_kinds(geoms: np.ndarray) -> np.ndarray:
    """ "point" / "line" / "polygon" (or "" for missing) per geometry."""
    ids = shapely.get_type_id(np.asarray(geoms, dtype=object))
    out = np.full(len(ids), "", dtype=object)
    for tid, name in _KINDS.items():
        out[ids == tid] = name
    return out


def feature_bounds(geoms: np.ndarray) -> np.ndarray:
    """(n, 4) bounds; NaN rows for missing geometries."""
    return shapely.bounds(np.asarray(geoms, dtype=object))


def near_window(bounds: np.ndarray, grid: Grid, margin: float) -> np.ndarray:
    """Indices of the features whose bounds come within ``margin`` of ``grid``."""
    x0, y0, x1, y1 = grid.bounds
    with np.errstate(invalid="ignore"):
        keep = (
            (bounds[:, 2] >= x0 - margin)
            & (bounds[:, 0] <= x1 + margin)
            & (bounds[:, 3] >= y0 - margin)
            & (bounds[:, 1] <= y1 + margin)
        )
    return np.flatnonzero(keep)


def numeric_input(
    layer: LoadedLayer, inp: InputField, context: HazardContext, what: str
) -> np.ndarray | None:
    """The mapped numeric input as float64 (NaN where unusable), or None.

    Unusable values are counted in a note that names the input.
    """
    values = column(layer, inp.name)
    if values is None:
        return None
    num, bad = clean_numeric(values, inp)
    if bad:
        context.note(f"{bad} {what} not usable as '{inp.name}' (treated as missing)")
    return num


def count_note(context: HazardContext, count: int, text: str) -> None:
    """Tell the user ``count`` ``text`` (nothing when the count is 0)."""
    if count:
        context.note(f"{count} {text}")
