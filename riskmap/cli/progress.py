"""A terminal progress bar implementing the Feedback protocol.

Draws one line on stderr (``[#####-----]  42 %  scoring layer 'hazmat'``)
when stderr is a terminal, and stays silent otherwise (pipes, logs, CI).
While it is active, the first Ctrl-C asks the running task to stop at its
next checkpoint (it then raises Canceled, and the command exits 130); a
second Ctrl-C interrupts at once.
"""

from __future__ import annotations

import signal
import sys
import time
from types import FrameType, TracebackType
from typing import Any, TextIO

WIDTH = 28
#: Seconds between redraws, so a fast loop does not flood the terminal.
REDRAW = 0.1


class TerminalProgress:
    """Feedback for the command line."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.percent = 0.0
        self.status = ""
        self.canceled = False
        self._drawn = 0.0
        self._last = ""
        self._last_percent = -1
        self._width = 0
        self._old_handler: Any = None

    # ---------------------------------------------------------- Feedback
    def set_progress(self, percent: float) -> None:
        self.percent = max(0.0, min(100.0, float(percent)))
        self._draw()

    def set_status(self, text: str) -> None:
        self.status = text
        self._draw(force=True)

    def is_canceled(self) -> bool:
        return self.canceled

    # ---------------------------------------------------------- drawing
    def line(self) -> str:
        filled = round(WIDTH * self.percent / 100)
        bar = "#" * filled + "-" * (WIDTH - filled)
        return f"[{bar}] {self.percent:3.0f} %  {self.status}"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        text = self.line()
        if text == self._last:
            return
        # redraw at most every REDRAW seconds unless the whole percent moved
        moved = round(self.percent) != self._last_percent
        if not (force or moved) and now - self._drawn < REDRAW:
            return
        self._drawn = now
        self._last = text
        self._last_percent = round(self.percent)
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        """Remove the bar so that normal output starts on a clean line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
            self._last = ""

    # ---------------------------------------------------------- Ctrl-C
    def _on_interrupt(self, signum: int, frame: FrameType | None) -> None:
        if self.canceled:
            raise KeyboardInterrupt
        self.canceled = True
        self.status = "stopping (Ctrl-C again to interrupt now)"
        self._draw(force=True)

    def __enter__(self) -> TerminalProgress:
        try:
            self._old_handler = signal.signal(signal.SIGINT, self._on_interrupt)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            self._old_handler = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.clear()
        if self._old_handler is not None:
            signal.signal(signal.SIGINT, self._old_handler)
            self._old_handler = None
