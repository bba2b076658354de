"""The one bridge between the core document and Qt widgets.

Widgets read the :class:`~riskmap.core.project.Project` through this object,
change it only with :meth:`ProjectSession.push`, and listen to its signals,
which re-emit the core's plain events.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from riskmap.core.commands import Command, CommandStack
from riskmap.core.project import Project


class ProjectSession(QObject):
    layersChanged = Signal()  # added, removed or reordered
    layerChanged = Signal(str, str)  # layer id, property name
    settingsChanged = Signal(str)  # setting name (weights, method, ...)
    dirtyChanged = Signal(bool)
    historyChanged = Signal()
    dataChanged = Signal()  # loaded layers replaced
    resultChanged = Signal()  # a new scoring result (or None)
    projectReplaced = Signal()

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project = Project()
        self.stack = CommandStack(self.project)
        self.data: Any = None  # ProjectData of the loaded layers
        self.result: Any = None  # the latest scoring Result
        self.replace(project or Project())

    def replace(self, project: Project) -> None:
        """Make ``project`` the open document with a fresh, clean history."""
        self._disconnect()
        self.project = project
        self.stack = CommandStack(project)
        self.data = None
        self.result = None
        ev = project.events
        ev.layers.connect(self.layersChanged.emit)
        ev.layer.connect(self.layerChanged.emit)
        ev.settings.connect(self.settingsChanged.emit)
        ev.dirty.connect(self.dirtyChanged.emit)
        self.stack.events.changed.connect(self.historyChanged.emit)
        self.projectReplaced.emit()
        self.dirtyChanged.emit(False)
        self.historyChanged.emit()

    def _disconnect(self) -> None:
        ev = getattr(self.project, "events", None)
        if ev is None:
            return
        ev.layers.disconnect(self.layersChanged.emit)
        ev.layer.disconnect(self.layerChanged.emit)
        ev.settings.disconnect(self.settingsChanged.emit)
        ev.dirty.disconnect(self.dirtyChanged.emit)
        self.stack.events.changed.disconnect(self.historyChanged.emit)

    def push(self, command: Command) -> None:
        self.stack.push(command)

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def is_dirty(self) -> bool:
        return self.stack.is_dirty()

    def set_data(self, data: Any) -> None:
        self.data = data
        self.dataChanged.emit()

    def set_result(self, result: Any) -> None:
        self.result = result
        self.resultChanged.emit()
