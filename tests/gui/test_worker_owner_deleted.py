"""A task that ends after its runner was deleted (a dialog closed with its
window while drawing) is dropped quietly, not raised in the event loop."""

from __future__ import annotations

import threading

import pytest

import shiboken6

from riskmap.gui.workers import TaskRunner
from tests.gui.sample_window import wait

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("ending", ["done", "failed", "progress"])
def test_a_task_outliving_its_runner(qtbot, ending):
    release = threading.Event()
    ended = threading.Event()
    calls = []

    def work(feedback):
        release.wait(10)
        feedback.set_progress(50.0)
        ended.set()
        if ending == "failed":
            raise ValueError("late failure")
        return 1

    runner = TaskRunner()
    runner.start("late", work, calls.append, lambda *a: calls.append(a))
    shiboken6.delete(runner)
    release.set()
    assert ended.wait(10)
    ticks = []
    wait(lambda: ticks.append(1) or len(ticks) > 10, 5)  # let the signals arrive
    assert calls == []
