from __future__ import annotations

import threading
import warnings
from pathlib import Path

import numpy as np

from riskmap._paths import sample_dir
from riskmap.core.grid import Grid
from riskmap.io.raster import read_raster_on_grid


def test_reads_from_two_threads_agree_and_stay_georeferenced() -> None:
    dem = Path(sample_dir()) / "dem.tif"
    grid = Grid.covering((400_000, 3_230_000, 430_000, 3_260_000), 100.0, "EPSG:4545")
    expected = read_raster_on_grid(dem, grid, resampling="bilinear")
    results: list[np.ndarray] = []
    caught: list[warnings.WarningMessage] = []

    def work() -> None:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            for _ in range(15):
                results.append(read_raster_on_grid(dem, grid, resampling="bilinear"))
        caught.extend(seen)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 45
    for out in results:
        np.testing.assert_array_equal(out, expected)
    assert not [w for w in caught if "georeferenced" in str(w.message).lower()]
