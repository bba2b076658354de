"""Route QRA (DOMAIN.md 5.3): frequencies, ERG weights, log scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import shapely

from riskmap.core.grid import Grid
from riskmap.hazards.hazmat import log_scale
from riskmap.hazards.vocab import parse_un_class
from tests.hazards.conftest import CRS, frame, run_model

# rows centred at y = 475 - 50 r; the route runs along row 5 (y = 225) from
# x = 0 to 1000, so its 50 m pieces have their midpoints on cell centres
GRID = Grid(CRS, 0.0, 500.0, 50.0, 10, 20)
ROUTE = shapely.LineString([(0, 225), (1000, 225)])


def expected_h(
    trips: float, lam: float, r_iso: float, r_out: float, row: int, col: int
) -> float:
    """The DOMAIN.md 5.3 formula written out for one cell."""
    f = trips * 365 * lam * 0.05 * 0.1  # per 50 m piece
    cx, cy = 25 + 50 * col, 475 - 50 * row
    mids = 25 + 50 * np.arange(20)
    d = np.hypot(mids - cx, cy - 225)
    w = np.where(d <= r_iso, 1.0, np.clip((r_out - d) / (r_out - r_iso), 0, 1))
    big_f = f * w.sum()
    return float(np.clip((np.log10(big_f) + 7) / 3, 0, 1))


def test_a_cell_at_exactly_the_isolation_distance() -> None:
    # class 3: r_iso 50 m, r_out 300 m; cell (4, 10) is 50 m north of a piece
    f = frame([ROUTE], trips=[1.0], un_class=["3"])
    h, _, _ = run_model("hazmat_route", f, GRID)
    assert h[4, 10] == pytest.approx(expected_h(1.0, 3e-7, 50, 300, 4, 10), abs=1e-6)
    assert h[4, 10] > h[3, 10] > h[2, 10] > 0
    assert h[5, 10] > h[4, 10]


def test_isolation_weight_is_one_at_the_distance_and_below_past_it() -> None:
    # class 2.1: r_iso = 100 m; cell (3, 10) is exactly 100 m from a piece
    f = frame([ROUTE], trips=[0.2], un_class=["2.1"])
    h, _, _ = run_model("hazmat_route", f, GRID)
    for row in range(10):
        assert h[row, 10] == pytest.approx(
            expected_h(0.2, 3e-7, 100, 800, row, 10), abs=1e-6
        )


def test_expressways_have_a_third_of_the_urban_rate() -> None:
    urban, _, pu = run_model(
        "hazmat_route",
        frame([ROUTE], trips=[1.0], un_class=["3"], road_type=["城市道路"]),
        GRID,
    )
    fast, _, pf = run_model(
        "hazmat_route",
        frame([ROUTE], trips=[1.0], un_class=["3"], road_type=["高速公路"]),
        GRID,
    )
    assert pu.feature_scores[0] - pf.feature_scores[0] == pytest.approx(np.log10(3) / 3)
    assert urban[5, 10] == pytest.approx(
        expected_h(1.0, 3e-7, 50, 300, 5, 10), abs=1e-6
    )
    assert fast[5, 10] == pytest.approx(expected_h(1.0, 1e-7, 50, 300, 5, 10), abs=1e-6)


def test_toxic_gas_uses_the_placeholder_and_says_so() -> None:
    f = frame([ROUTE], trips=[1.0], un_class=["第2.3类"])
    h, ctx, prep = run_model("hazmat_route", f, GRID)
    assert prep.reach == 5000
    assert any("division 2.3" in n and "placeholder" in n for n in ctx.notes)
    assert h[0, 10] > 0  # 250 m away, well inside the 1000 m isolation
    # Printed maps must say so too, in Chinese.
    (note,) = ctx.map_notes
    assert "1 条 2.3 类" in note and "1000 / 5000 m" in note and "ERG" in note


def test_no_toxic_gas_no_map_note() -> None:
    _, ctx, _ = run_model(
        "hazmat_route", frame([ROUTE], trips=[1.0], un_class=["3"]), GRID
    )
    assert ctx.map_notes == []


def test_unreadable_class_and_trips_are_counted() -> None:
    f = frame([ROUTE, ROUTE], trips=["abc", 3], un_class=["X", "3"])
    _, ctx, _ = run_model("hazmat_route", f, GRID)
    notes = " ".join(ctx.notes)
    assert "1 routes without trips were left out" in notes
    assert "1 routes with no readable UN class were taken as class 3" in notes


def test_un_class_spellings() -> None:
    got, bad = parse_un_class(
        pd.Series(["3", 3, 2.3, "2.1", "第3类", "8类", "class 5", "UN 1.1", "十", None])
    )
    assert list(got[:8]) == ["3", "3", "2.3", "2.1", "3", "8", "5", "1.1"]
    assert got[8] is None and bad == 1


def test_log_scale_ends() -> None:
    np.testing.assert_allclose(
        log_scale(np.array([0.0, 1e-8, 1e-7, 10**-5.5, 1e-4, 1.0]), 1e-7, 1e-4),
        [0, 0, 0, 0.5, 1, 1],
    )


@pytest.mark.parametrize("shape,k", [((40, 57), 7), ((5, 9), 11), ((64, 64), 1)])
def test_fft_convolution_matches_scipy_signal(shape: tuple[int, int], k: int) -> None:
    from scipy import signal

    from riskmap.hazards.hazmat import convolve_same, ramp_kernel

    rng = np.random.default_rng(k)
    image = np.where(rng.random(shape) < 0.05, rng.uniform(0, 1e-3, shape), 0.0)
    kernel = (
        ramp_kernel(50.0, 50.0 * (k // 4), 50.0 * (k // 2))
        if k > 1
        else np.ones((1, 1))
    )
    want = signal.fftconvolve(image, kernel, mode="same")
    got = convolve_same(image, kernel)
    assert got.shape == image.shape
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-18)
