"""Will a grid fit? Estimate the memory of a scoring run before it starts.

Scoring keeps a few full-size arrays for the whole run (one float32 surface
per hazard, the composite, the class and district rasters) and computes
each hazard tile by tile on a window (the tile plus a halo) with working
arrays of its own. :func:`plan` turns the free memory into a tile height and
refuses a grid that would not fit, with a hint (coarser cells, smaller
extent) instead of letting the machine swap or the process be killed.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass

from riskmap.core.grid import Grid
from riskmap.errors import GridTooLargeError

#: Bytes per cell kept for the whole run besides the hazard surfaces:
#: composite (float32), classes, 就高 mask, district index (int32), and the
#: float64 composite and per-hazard classes while classifying.
PERSISTENT_BYTES_PER_CELL = 4 + 1 + 1 + 4 + 8 + 1
#: Bytes per hazard surface cell (float32).
SURFACE_BYTES_PER_CELL = 4
#: Extra bytes per cell when a sensitivity analysis runs (P(重大), counters,
#: one run's composite and classes).
SENSITIVITY_BYTES_PER_CELL = 4 + 4 + 8 + 2
#: Working bytes per window cell of the heaviest hazard model (distance
#: transform, cell -> segment table, search bookkeeping).
WORKING_BYTES_PER_CELL = 96
#: Working memory that does not scale with the window (vectorised chunks).
WORKING_FIXED_BYTES = 192 * 2**20
#: Share of the available memory a run may plan to use.
USABLE_SHARE = 0.8
#: Largest window a tile may use, whatever the free memory.
MAX_WINDOW_CELLS = 8_000_000


def available_memory() -> int | None:
    """Bytes the system can give this process now, or None if unknown.

    Linux: ``MemAvailable`` from /proc/meminfo; other POSIX systems: free
    physical pages from :func:`os.sysconf`; Windows: GlobalMemoryStatusEx.
    """
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        pages = os.sysconf("SC_AVPHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
        if pages > 0 and size > 0:
            return int(pages) * int(size)
    except (AttributeError, ValueError, OSError):
        pass
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_available()
    return None


def _windows_available() -> int | None:  # pragma: no cover - Windows only
    import ctypes

    class MemoryStatus(ctypes.Structure):
        _fields_ = [
            ("dwLength", ctypes.c_ulong),
            ("dwMemoryLoad", ctypes.c_ulong),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus()
    status.dwLength = ctypes.sizeof(MemoryStatus)
    try:
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
            return int(status.ullAvailPhys)
    except (AttributeError, OSError):
        return None
    return None


@dataclass(frozen=True)
class MemoryPlan:
    """How a scoring run will use memory."""

    persistent: int  # bytes kept for the whole run
    per_tile: int  # bytes of one tile's working arrays
    rows_per_tile: int
    available: int | None

    @property
    def total(self) -> int:
        return self.persistent + self.per_tile


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def persistent_bytes(grid: Grid, n_hazards: int, sensitivity: bool = False) -> int:
    """Bytes of the arrays kept for the whole run."""
    per_cell = PERSISTENT_BYTES_PER_CELL + SURFACE_BYTES_PER_CELL * max(1, n_hazards)
    if sensitivity:
        per_cell += SENSITIVITY_BYTES_PER_CELL
    return grid.size * per_cell


def plan(
    grid: Grid,
    n_hazards: int,
    halo_m: float = 0.0,
    sensitivity: bool = False,
    available: int | None = None,
    workers: int = 1,
) -> MemoryPlan:
    """Choose a tile height and check that the run fits in memory.

    Parameters
    ----------
    grid
        The analysis grid.
    n_hazards
        Number of hazard surfaces kept.
    halo_m
        The widest halo a model needs around a tile (metres).
    sensitivity
        Whether a Monte Carlo sensitivity analysis follows.
    available
        Free memory in bytes; measured with :func:`available_memory` when
        None. If it cannot be measured the run is not refused.
    workers
        Tiles computed at the same time (each needs its working memory).

    Raises
    ------
    GridTooLargeError
        When even the smallest tiles would not fit; the hint names a cell
        size and an extent that would.
    """
    if available is None:
        available = available_memory()
    keep = persistent_bytes(grid, n_hazards, sensitivity)
    pad = math.ceil(max(0.0, halo_m) / grid.cell)
    width = grid.ncols + 2 * pad
    budget = None if available is None else available * USABLE_SHARE
    # window rows that fit beside the persistent arrays
    if budget is None:
        fit_cells = MAX_WINDOW_CELLS
    else:
        spare = budget - keep - WORKING_FIXED_BYTES * workers
        per_cell = WORKING_BYTES_PER_CELL * max(1, workers)
        fit_cells = min(MAX_WINDOW_CELLS, max(0, int(spare // per_cell)))
    window_rows = fit_cells // max(1, width)
    rows = window_rows - 2 * pad
    min_rows = min(grid.nrows, 16)
    if rows < min_rows:
        if budget is None:
            rows = min_rows
        else:
            need = keep + WORKING_FIXED_BYTES * workers
            need += (min_rows + 2 * pad) * width * WORKING_BYTES_PER_CELL * workers
            raise GridTooLargeError(
                f"cell_size = {grid.cell:g}: the {grid.nrows:,} x {grid.ncols:,} grid "
                f"of {grid.cell:g} m cells needs about {_mb(need)} but only "
                f"{_mb(budget)} can be used",
                _size_hint(grid, need, budget),
            )
    rows = max(1, min(rows, grid.nrows))
    per_tile = WORKING_FIXED_BYTES + (rows + 2 * pad) * width * WORKING_BYTES_PER_CELL
    return MemoryPlan(keep, per_tile * max(1, workers), rows, available)


def _size_hint(grid: Grid, need: float, budget: float) -> str:
    """A cell size (and the alternative extent) that would fit."""
    factor = math.sqrt(need / max(budget, 1.0))
    cell = grid.cell * factor
    nice = next((c for c in (20, 25, 50, 100, 200, 250, 500, 1000) if c >= cell), cell)
    share = 100.0 / factor**2
    return (
        f"use coarser cells (cell_size = {nice:g} or more) or a smaller extent "
        f"(about {share:.0f} % of this one), or close other programs"
    )
