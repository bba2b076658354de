"""Properties of the composite and the classes as scoring computes them.

These go through :func:`riskmap.pipeline.summary.summarise`, the step both
``score_project`` and the window's live re-weighting use (composite, 就高,
classes, district levels), on small random grids: scores stay in [0, 1],
raising one hazard never lowers the composite nor any class nor a
district's level, and 就高 never lowers a class.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import geopandas as gpd
import shapely

from riskmap.core.classify import breaks_for, classify
from riskmap.core.feedback import NullFeedback
from riskmap.core.grid import Grid
from riskmap.core.result import HazardSurface
from riskmap.core.scoring import METHODS, normalise_weights, relative_weights
from riskmap.pipeline.summary import summarise

SHAPE = (4, 6)
GRID = Grid("EPSG:4545", 500_000.0, 3_270_120.0, 20.0, *SHAPE)
# two districts: the west and the east half; one cell outside both
D_INDEX = np.repeat(np.array([[0, 0, 0, 1, 1, 1]], dtype=np.int32), 4, axis=0)
D_INDEX[0, 0] = -1
DISTRICTS = gpd.GeoDataFrame(
    {"name": ["西城", "东城"]},
    geometry=[
        shapely.box(500_000, 3_270_040, 500_060, 3_270_120),
        shapely.box(500_060, 3_270_040, 500_120, 3_270_120),
    ],
    crs="EPSG:4545",
)
FAST = settings(max_examples=60, deadline=None)

unit = st.floats(0.0, 1.0, allow_nan=False, width=32)
surface = arrays(np.float32, SHAPE, elements=unit)


@st.composite
def scenes(draw: st.DrawFn):
    k = draw(st.integers(1, 4))
    hazards = [draw(surface) for _ in range(k)]
    weights = draw(
        # Weights a person could set: a subnormal weight times 0.5 is 0.0,
        # which the engine rightly refuses as "all weights are zero".
        st.lists(
            st.floats(0.0, 10.0, allow_nan=False, allow_subnormal=False),
            min_size=k,
            max_size=k,
        )
    )
    if sum(weights) <= 0:
        weights[0] = 1.0
    breaks = sorted(draw(st.lists(st.floats(0.01, 0.99), min_size=3, max_size=3)))
    return hazards, weights, draw(st.sampled_from(METHODS)), tuple(breaks)


def _summary(hazards, weights, method, take, cls="fixed", breaks=(0.25, 0.5, 0.75)):
    w = normalise_weights({str(i): x for i, x in enumerate(weights)})
    values = [h.astype(np.float32).copy() for h in hazards]
    for v in values:
        v[D_INDEX < 0] = np.nan
    surfaces = [
        HazardSurface(str(i), f"h{i}", "generic", w[str(i)], v)
        for i, v in enumerate(values)
    ]
    rel = relative_weights([s.weight for s in surfaces])
    for s, r in zip(surfaces, rel, strict=True):
        s.relative_weight = float(r)
    return summarise(GRID, surfaces, D_INDEX, DISTRICTS, method, take, cls,
                     breaks, None, NullFeedback())  # fmt: skip


@FAST
@given(
    scenes(), st.booleans(), st.sampled_from(["fixed", "quantile", "natural_breaks"])
)
def test_scores_stay_in_the_unit_interval_and_classes_in_range(
    scene, take: bool, cls: str
) -> None:
    hazards, weights, method, breaks = scene
    s = _summary(hazards, weights, method, take, cls, breaks)
    inside = D_INDEX >= 0
    r = s.composite[inside]
    assert np.all((r >= 0) & (r <= 1))
    assert np.isnan(s.composite[~inside]).all()
    assert set(np.unique(s.classes[inside])) <= {1, 2, 3, 4}
    assert (s.classes[~inside] == 0).all()
    assert list(s.breaks) == sorted(s.breaks)
    assert set(s.stats["level_code"]) <= {1, 2, 3, 4}


@FAST
@given(scenes(), st.booleans(), st.integers(0, 3), surface)
def test_raising_one_hazard_never_lowers_composite_class_or_level(
    scene, take: bool, which: int, extra: np.ndarray
) -> None:
    hazards, weights, method, breaks = scene
    which %= len(hazards)
    raised = [h.copy() for h in hazards]
    raised[which] = np.maximum(raised[which], extra)
    before = _summary(hazards, weights, method, take, "fixed", breaks)
    after = _summary(raised, weights, method, take, "fixed", breaks)
    inside = D_INDEX >= 0
    assert np.all(after.composite[inside] >= before.composite[inside] - 1e-12)
    assert np.all(after.classes >= before.classes)
    assert np.all(
        after.stats["level_code"].to_numpy() >= before.stats["level_code"].to_numpy()
    )


@FAST
@given(scenes())
def test_take_highest_never_lowers_a_class(scene) -> None:
    hazards, weights, method, breaks = scene
    off = _summary(hazards, weights, method, False, "fixed", breaks)
    on = _summary(hazards, weights, method, True, "fixed", breaks)
    assert np.all(on.classes >= off.classes)
    assert np.array_equal(on.raised, on.classes > off.classes)
    inside = D_INDEX >= 0
    normalised = normalise_weights({str(i): x for i, x in enumerate(weights)})
    for h, w in zip(hazards, normalised.values(), strict=True):
        if w > 0:  # a layer with weight 0 does not count for 就高
            own = classify(np.where(inside, h.astype("float64"), np.nan), breaks)
            assert np.all(on.classes >= own)
    assert np.all(
        on.stats["level_code"].to_numpy() >= off.stats["level_code"].to_numpy()
    )


@FAST
@given(scenes(), st.floats(0.01, 100.0))
def test_scaling_every_weight_changes_nothing(scene, factor: float) -> None:
    hazards, weights, method, breaks = scene
    a = _summary(hazards, weights, method, True, "fixed", breaks)
    b = _summary(hazards, [w * factor for w in weights], method, True, "fixed", breaks)
    np.testing.assert_allclose(a.composite, b.composite, rtol=1e-9, atol=1e-12)


@FAST
@given(arrays(np.float64, 30, elements=st.floats(0, 1)), st.sampled_from(
    ["quantile", "natural_breaks"]))  # fmt: skip
def test_data_driven_breaks_rise_and_classes_follow_the_values(values, cls) -> None:
    breaks = breaks_for(cls, values)
    assert list(breaks) == sorted(breaks)
    classes = classify(values, breaks)
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(classes[order].astype(int)) >= 0)  # monotone in R
