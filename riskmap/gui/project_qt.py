"""The one bridge between the core document and Qt widgets.

Widgets read the :class:`~riskmap.core.project.Project` through this object,
change it only with :meth:`ProjectSession.push`, and listen to its signals,
which re-emit the core's plain events.
"""

from __future__ import annotations

from typing import Any

import numpy as np

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
    documentChanged = Signal()  # a new drawing document (or None)
    projectReplaced = Signal()
    selectionChanged = Signal(str)  # layer id
    currentLayerChanged = Signal(str)  # layer id, "" for none
    identified = Signal()  # a new identify answer (or None)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project = Project()
        self.stack = CommandStack(self.project)
        self.data: Any = None  # ProjectData of the loaded layers
        self.result: Any = None  # the latest scoring Result
        self.document: Any = None  # the MapDocument the canvas draws
        self.identify: Any = None  # the latest identify answer
        self.current_layer = ""
        self._selection: dict[str, np.ndarray] = {}
        self.replace(project or Project())

    def replace(self, project: Project) -> None:
        """Make ``project`` the open document with a fresh, clean history."""
        self._disconnect()
        self.project = project
        self.stack = CommandStack(project)
        self.data = None
        self.result = None
        self.document = None
        self.identify = None
        self.current_layer = ""
        self._selection = {}
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

    def set_document(self, document: Any) -> None:
        self.document = document
        self.documentChanged.emit()

    def set_identify(self, answer: Any) -> None:
        self.identify = answer
        self.identified.emit()

    # ------------------------------------------------------------ view state
    # Selection and the current layer are how the user looks at the project,
    # not part of it: they are neither saved nor undone.

    def selection(self, layer_id: str) -> np.ndarray:
        """Row positions (sorted, int64) selected in ``layer_id``'s table."""
        return self._selection.get(layer_id, np.zeros(0, dtype=np.int64))

    def set_selection(self, layer_id: str, rows: Any) -> None:
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        if np.array_equal(rows, self.selection(layer_id)):
            return
        if rows.size:
            self._selection[layer_id] = rows
        else:
            self._selection.pop(layer_id, None)
        self.selectionChanged.emit(layer_id)

    def clear_selection(self) -> None:
        for layer_id in list(self._selection):
            self.set_selection(layer_id, [])

    def selected_layers(self) -> list[str]:
        return list(self._selection)

    def set_current_layer(self, layer_id: str) -> None:
        if layer_id != self.current_layer:
            self.current_layer = layer_id
            self.currentLayerChanged.emit(layer_id)
