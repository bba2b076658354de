from __future__ import annotations

import threading
import time

import pytest

from riskmap.core.feedback import check
from riskmap.errors import RiskmapError
from riskmap.gui.workers import TaskRunner

pytestmark = pytest.mark.gui


def test_result_comes_back_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    got = {}
    main_thread = threading.get_ident()

    def work(feedback):
        feedback.set_progress(50)
        return threading.get_ident()

    def done(result):
        got["worker"] = result
        got["callback"] = threading.get_ident()

    progress = []
    runner.progress.connect(lambda name, p: progress.append((name, p)))
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start("score", work, done, lambda e, tb: None)
    qtbot.waitUntil(lambda: "callback" in got, timeout=5000)
    assert got["worker"] != main_thread
    assert got["callback"] == main_thread
    qtbot.waitUntil(lambda: ("score", 50.0) in progress, timeout=2000)


def test_a_new_task_cancels_the_old_one(qtbot) -> None:
    runner = TaskRunner()
    results = []
    canceled = []
    release = threading.Event()

    def slow(feedback):
        release.wait(5)
        for _ in range(100):
            check(feedback)
            time.sleep(0.01)
        return "old"

    runner.start(
        "score", slow, results.append, lambda e, tb: None, lambda: canceled.append(1)
    )
    runner.start("score", lambda fb: "new", results.append, lambda e, tb: None)
    release.set()
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    assert runner.wait(5000)
    qtbot.wait(50)
    assert results == ["new"]  # the old result was dropped
    assert runner.running() == []


def test_errors_reach_the_error_callback(qtbot) -> None:
    runner = TaskRunner()
    errors = []

    def bad(feedback):
        raise RiskmapError("layer 'x' broken", "fix it")

    runner.start("load", bad, lambda r: None, lambda e, tb: errors.append((e, tb)))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    exc, tb = errors[0]
    assert isinstance(exc, RiskmapError) and "layer 'x' broken" in str(exc)
    assert "Traceback" in tb


def test_cancel_explicitly(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    outcome = []

    def loop(feedback):
        started.set()
        while True:
            check(feedback)
            time.sleep(0.005)

    runner.start("atlas", loop, outcome.append, lambda e, tb: outcome.append(e))
    assert started.wait(5)
    runner.cancel("atlas")
    assert runner.wait(5000)
    qtbot.wait(50)
    assert outcome == []
    assert runner.running() == []
