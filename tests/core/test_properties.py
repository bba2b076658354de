"""Properties of the composite and the classes, for any inputs (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmap.core.classify import classify, take_highest
from riskmap.core.scoring import METHODS, apply_exposure, combine

unit = st.floats(0.0, 1.0, allow_nan=False)
weight = st.floats(0.0, 10.0, allow_nan=False)


@st.composite
def cases(draw: st.DrawFn):
    k = draw(st.integers(1, 5))
    n = draw(st.integers(1, 8))
    h = [np.array(draw(st.lists(unit, min_size=n, max_size=n))) for _ in range(k)]
    w = np.array(draw(st.lists(weight, min_size=k, max_size=k)))
    if w.sum() <= 0:
        w[0] = 1.0
    w = w / w.sum()
    method = draw(st.sampled_from(METHODS))
    return h, w, method


@settings(max_examples=300, deadline=None)
@given(cases())
def test_composite_stays_in_unit_interval(case) -> None:
    h, w, method = case
    r = combine(h, w, method)
    assert np.all((r >= 0) & (r <= 1))


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(0, 4), unit)
def test_raising_one_hazard_never_lowers_the_composite(case, k, extra) -> None:
    h, w, method = case
    k = k % len(h)
    before = combine(h, w, method)
    raised = [x.copy() for x in h]
    raised[k] = np.maximum(raised[k], extra)
    after = combine(raised, w, method)
    assert np.all(after >= before - 1e-12)


@settings(max_examples=300, deadline=None)
@given(cases(), st.lists(unit, min_size=3, max_size=3))
def test_take_highest_never_lowers_a_class(case, cuts) -> None:
    h, w, method = case
    b = tuple(sorted(cuts))
    r = combine(h, w, method)
    base = classify(r, b)
    final, raised = take_highest(base, [classify(x, b) for x in h])
    assert np.all(final >= base)
    assert np.array_equal(raised, final > base)
    own = np.max([classify(x, b) for x in h], axis=0)
    assert np.all(final >= own)


@settings(max_examples=200, deadline=None)
@given(cases(), st.lists(unit, min_size=1, max_size=8))
def test_exposure_keeps_the_unit_interval(case, e) -> None:
    h, w, method = case
    r = combine(h, w, method)
    e = np.resize(np.array(e), r.shape)
    out = apply_exposure(r, e)
    assert np.all((out >= 0) & (out <= 1))
