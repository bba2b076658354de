"""Run long work off the GUI thread with progress and cancel.

A task is a plain function ``fn(feedback) -> result`` from the pipeline. It
runs on a pool of Python threads; results come back to the GUI thread through
signals, where the caller commits them (through a command when they change
the project). Starting a task under a name that is already running cancels
the older one, whose result is then dropped.

The threads are Python's own, not a QThreadPool's: PySide gives a Qt pool
thread a fresh Python thread state for every run and drops it afterwards,
which frees pyproj's per-thread PROJ context while PROJ's native
thread-local pointer to it survives, so the second task on that thread
crashes in ``proj_create``. A Python thread keeps one thread state for life.
"""

from __future__ import annotations

import concurrent.futures
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from riskmap.errors import Canceled
from riskmap.logs import get_logger


class QtFeedback(QObject):
    """Feedback a worker thread writes and the GUI thread listens to."""

    progress = Signal(float)
    status = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def set_progress(self, percent: float) -> None:
        self.progress.emit(float(percent))

    def set_status(self, text: str) -> None:
        self.status.emit(text)

    def is_canceled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    canceled = Signal()


class Task:
    def __init__(self, name: str, fn: Callable[[QtFeedback], Any]) -> None:
        self.name = name
        self.fn = fn
        self.feedback = QtFeedback()
        self.signals = _Signals()
        self.done = threading.Event()

    def run(self) -> None:
        try:
            result = self.fn(self.feedback)
        except Canceled:
            self.signals.canceled.emit()
        except BaseException as exc:  # reported to the GUI thread, never lost
            if self.feedback.is_canceled():
                self.signals.canceled.emit()
            else:
                self.signals.failed.emit(exc, traceback.format_exc())
        else:
            if self.feedback.is_canceled():
                self.signals.canceled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            self.done.set()


class TaskRunner(QObject):
    """Starts named tasks; the newest task of a name wins."""

    started = Signal(str)
    progress = Signal(str, float)
    status = Signal(str, str)
    finished = Signal(str)  # emitted for every end: done, failed or canceled

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="riskmap-task"
        )
        self._futures: set[concurrent.futures.Future] = set()
        self._running: dict[str, Task] = {}
        self.destroyed.connect(lambda *_: self._pool.shutdown(wait=False))

    def start(
        self,
        name: str,
        fn: Callable[[QtFeedback], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        on_canceled: Callable[[], None] | None = None,
    ) -> Task:
        self.cancel(name)
        task = Task(name, fn)
        self._running[name] = task

        def current() -> bool:
            # A runner deleted with its owner (a closed dialog) while the task
            # ran drops the result: its signals are gone.
            return shiboken6.isValid(self) and self._running.get(name) is task

        def finish() -> None:
            if current():
                del self._running[name]
            self.finished.emit(name)

        def done(result: Any) -> None:
            if current():
                finish()
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            get_logger("gui").error("task %s failed: %s", name, tb)
            if current():
                finish()
                on_error(exc, tb)

        def canceled() -> None:
            was_current = current()
            if was_current:
                finish()
            if on_canceled is not None and was_current:
                on_canceled()

        task.signals.finished.connect(done)
        task.signals.failed.connect(failed)
        task.signals.canceled.connect(canceled)
        task.feedback.progress.connect(
            lambda p: current() and self.progress.emit(name, p)
        )
        task.feedback.status.connect(lambda s: current() and self.status.emit(name, s))
        self.started.emit(name)
        future = self._pool.submit(task.run)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return task

    def cancel(self, name: str) -> None:
        """Ask the running task of this name to stop; its result is dropped."""
        task = self._running.pop(name, None)
        if task is not None:
            task.feedback.cancel()
            self.finished.emit(name)

    def cancel_all(self) -> None:
        for name in list(self._running):
            self.cancel(name)

    def running(self) -> list[str]:
        return list(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started task has returned (tests, shutdown)."""
        timeout = None if msecs < 0 else msecs / 1000
        _, pending = concurrent.futures.wait(list(self._futures), timeout=timeout)
        return not pending
