"""The memory guard before scoring."""

from __future__ import annotations

import pytest

from riskmap.core import memory
from riskmap.core.grid import Grid
from riskmap.errors import GridTooLargeError


def test_available_memory_is_measured() -> None:
    avail = memory.available_memory()
    assert avail is None or avail > 2**20


def test_a_small_grid_fits_in_one_tile() -> None:
    g = Grid("EPSG:4545", 0, 0, 50, 1000, 1000)
    plan = memory.plan(g, 3, 600, available=8 * 2**30)
    assert plan.rows_per_tile == 1000
    assert plan.total < 8 * 2**30


def test_tiles_shrink_when_memory_is_short() -> None:
    g = Grid("EPSG:4545", 0, 0, 10, 20000, 20000)  # 400 M cells
    keep = memory.persistent_bytes(g, 3)
    plan = memory.plan(g, 3, 500, available=int((keep + 2**30) / 0.8))
    assert 16 <= plan.rows_per_tile < 20000


def test_a_grid_that_cannot_fit_is_refused_with_a_hint() -> None:
    # Chongqing's 82,400 km2 at 10 m cells: 824 M cells
    g = Grid("EPSG:4545", 0, 0, 10, 28000, 29500)
    with pytest.raises(GridTooLargeError) as err:
        memory.plan(g, 3, 500, available=4 * 2**30)
    assert "10 m cells needs about" in err.value.message
    assert "cell_size = " in err.value.hint and "smaller extent" in err.value.hint


def test_unknown_free_memory_does_not_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    # on a system where the free memory cannot be read, the run is planned
    # with bounded tiles instead of being refused
    monkeypatch.setattr(memory, "available_memory", lambda: None)
    g = Grid("EPSG:4545", 0, 0, 10, 28000, 29500)
    plan = memory.plan(g, 3, 500)
    assert plan.available is None and plan.rows_per_tile >= 16
