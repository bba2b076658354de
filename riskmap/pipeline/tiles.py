"""Hazard tiles on worker threads for :func:`riskmap.pipeline.scoring.score_project`.

numpy releases the GIL in its array loops, so hazards and tiles computed
side by side use every core. Workers only ask whether to stop; progress is
reported from the calling thread as tiles complete, so that a GUI or a
test feedback only ever hears from one thread.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

import numpy as np

from riskmap.core.feedback import Feedback, check
from riskmap.core.grid import GridTile
from riskmap.core.hazard import HazardContext, HazardModel, Prepared
from riskmap.core.project import LayerSpec

PreparedLayer = tuple[LayerSpec, HazardModel, Any, Prepared, HazardContext]


class WorkerFeedback:
    """What a worker thread may do with the feedback: ask whether to stop.

    Progress is reported by the calling thread as tiles complete, so that a
    GUI or test feedback only ever hears from one thread.
    """

    def __init__(self, parent: Feedback, abort: threading.Event) -> None:
        self._parent = parent
        self._abort = abort

    def set_progress(self, percent: float) -> None:
        pass

    def set_status(self, text: str) -> None:
        pass

    def is_canceled(self) -> bool:
        return self._abort.is_set() or self._parent.is_canceled()


def compute_intensities(
    prepared: list[PreparedLayer],
    tiles: list[GridTile],
    values: list[np.ndarray],
    workers: int,
    feedback: Feedback,
) -> None:
    """Every hazard on every tile, on ``workers`` threads (numpy releases the
    GIL in its array loops); each job fills its own rows of ``values``."""
    jobs = [(k, tile) for k in range(len(prepared)) for tile in tiles]
    abort = threading.Event()
    quiet = WorkerFeedback(feedback, abort)

    def run(k: int, tile: Any) -> tuple[int, Any, np.ndarray]:
        _, model, params, prep, _ = prepared[k]
        return k, tile, model.intensity(prep, tile, params, quiet)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run, k, tile) for k, tile in jobs]
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                k, tile, h = future.result()
                values[k][tile.rows] = np.clip(h, 0.0, 1.0)
                feedback.set_progress(5 + 75 * done / len(jobs))
                check(feedback)
        except BaseException:
            abort.set()
            for future in futures:
                future.cancel()
            raise
