"""Plain-Python events the document emits; the GUI bridges them to Qt signals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Event:
    """A named event with callbacks; ``blocker()`` silences it for a block."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []
        self._blocked = 0

    def connect(self, callback: Callable[..., Any]) -> None:
        if callback not in self._callbacks:
            self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        if self._blocked:
            return
        for callback in list(self._callbacks):
            callback(*args)

    @contextmanager
    def blocker(self) -> Iterator[None]:
        self._blocked += 1
        try:
            yield
        finally:
            self._blocked -= 1


class EventGroup:
    """Holds the events of one object as attributes (``doc.events.layers``)."""

    def __init__(self, *names: str) -> None:
        for name in names:
            setattr(self, name, Event(name))
