"""Progress, status and cancellation shared by long tasks (QgsFeedback style).

A long function takes ``feedback`` and calls ``feedback.check()`` at each block;
the GUI passes a Qt-backed implementation, the CLI a terminal bar, tests a fake.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from riskmap.errors import Canceled


@runtime_checkable
class Feedback(Protocol):
    def set_progress(self, percent: float) -> None:
        """Report overall progress in [0, 100]."""

    def set_status(self, text: str) -> None:
        """Report what is being done, in words a user understands."""

    def is_canceled(self) -> bool:
        """True once the user asked to stop."""


class NullFeedback:
    """Feedback that shows nothing and is never canceled."""

    def set_progress(self, percent: float) -> None:
        pass

    def set_status(self, text: str) -> None:
        pass

    def is_canceled(self) -> bool:
        return False


class RecordingFeedback(NullFeedback):
    """Feedback that remembers what it was told; can cancel after N checks."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.progress: list[float] = []
        self.statuses: list[str] = []
        self._checks = 0
        self._cancel_after = cancel_after
        self.canceled = False

    def set_progress(self, percent: float) -> None:
        self.progress.append(percent)

    def set_status(self, text: str) -> None:
        self.statuses.append(text)

    def cancel(self) -> None:
        self.canceled = True

    def is_canceled(self) -> bool:
        self._checks += 1
        if self._cancel_after is not None and self._checks > self._cancel_after:
            self.canceled = True
        return self.canceled


def check(feedback: Feedback | None) -> None:
    """Raise :class:`Canceled` if the user asked to stop."""
    if feedback is not None and feedback.is_canceled():
        raise Canceled()


class SubFeedback:
    """Maps a sub-task's 0-100 % onto a slice ``[start, end]`` of a parent."""

    def __init__(self, parent: Feedback | None, start: float, end: float) -> None:
        self._parent = parent or NullFeedback()
        self._start = start
        self._end = end

    def set_progress(self, percent: float) -> None:
        span = self._end - self._start
        self._parent.set_progress(
            self._start + span * max(0.0, min(percent, 100.0)) / 100
        )

    def set_status(self, text: str) -> None:
        self._parent.set_status(text)

    def is_canceled(self) -> bool:
        return self._parent.is_canceled()
