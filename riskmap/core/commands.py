"""Undoable changes to a project, shared by the GUI, the CLI and tests."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from riskmap.core.events import EventGroup
from riskmap.core.project import LayerSpec, Project


class Command:
    """A change with ``do`` and ``undo``; ``text`` names it in Edit menus."""

    text = ""

    def do(self, project: Project) -> None:
        raise NotImplementedError

    def undo(self, project: Project) -> None:
        raise NotImplementedError


@dataclass
class SetLayerProperty(Command):
    layer_id: str
    name: str
    value: Any
    _old: Any = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Set {self.name} of {self.layer_id}"

    def do(self, project: Project) -> None:
        spec = project.layer(self.layer_id)
        self._old = copy.deepcopy(getattr(spec, self.name))
        setattr(spec, self.name, self.value)
        project.events.layer.emit(self.layer_id, self.name)

    def undo(self, project: Project) -> None:
        setattr(project.layer(self.layer_id), self.name, self._old)
        project.events.layer.emit(self.layer_id, self.name)


@dataclass
class SetWeights(Command):
    """Set several hazard weights at once (one undo step, e.g. from AHP)."""

    weights: dict[str, float]
    text: str = "Set weights"
    _old: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def do(self, project: Project) -> None:
        self._old = {k: project.layer(k).weight for k in self.weights}
        for key, value in self.weights.items():
            project.layer(key).weight = float(value)
        project.events.settings.emit("weights")

    def undo(self, project: Project) -> None:
        for key, value in self._old.items():
            project.layer(key).weight = value
        project.events.settings.emit("weights")


@dataclass
class SetSetting(Command):
    """Set an attribute of the project or of one of its settings groups.

    ``group`` is ``""`` for the project itself, else ``composite``,
    ``classification`` or ``print``.
    """

    group: str
    name: str
    value: Any
    _old: Any = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Set {self.group + '.' if self.group else ''}{self.name}"

    def _target(self, project: Project) -> Any:
        return getattr(project, self.group) if self.group else project

    def do(self, project: Project) -> None:
        target = self._target(project)
        self._old = copy.deepcopy(getattr(target, self.name))
        setattr(target, self.name, self.value)
        project.events.settings.emit(self.name)

    def undo(self, project: Project) -> None:
        setattr(self._target(project), self.name, self._old)
        project.events.settings.emit(self.name)


@dataclass
class AddLayer(Command):
    spec: LayerSpec
    index: int | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Add layer {self.spec.title}"

    def do(self, project: Project) -> None:
        if any(s.id == self.spec.id for s in project.layers):
            raise ValueError(f"layer id '{self.spec.id}' already in the project")
        index = len(project.layers) if self.index is None else self.index
        project.layers.insert(index, self.spec)
        project.events.layers.emit()

    def undo(self, project: Project) -> None:
        project.layers.remove(self.spec)
        project.events.layers.emit()


@dataclass
class RemoveLayer(Command):
    layer_id: str
    _spec: LayerSpec | None = field(default=None, init=False, repr=False)
    _index: int = field(default=0, init=False, repr=False)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Remove layer {self.layer_id}"

    def do(self, project: Project) -> None:
        self._spec = project.layer(self.layer_id)
        self._index = project.layers.index(self._spec)
        project.layers.remove(self._spec)
        project.events.layers.emit()

    def undo(self, project: Project) -> None:
        assert self._spec is not None
        project.layers.insert(self._index, self._spec)
        project.events.layers.emit()


@dataclass
class MoveLayer(Command):
    layer_id: str
    new_index: int
    _old_index: int = field(default=0, init=False, repr=False)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Move layer {self.layer_id}"

    def _move(self, project: Project, index: int) -> None:
        spec = project.layer(self.layer_id)
        project.layers.remove(spec)
        project.layers.insert(index, spec)
        project.events.layers.emit()

    def do(self, project: Project) -> None:
        self._old_index = project.layers.index(project.layer(self.layer_id))
        self._move(project, self.new_index)

    def undo(self, project: Project) -> None:
        self._move(project, self._old_index)


@dataclass
class Batch(Command):
    """Several commands as one undo step (e.g. a new kind and its field mapping)."""

    commands: list[Command]
    text: str = ""

    def do(self, project: Project) -> None:
        for command in self.commands:
            command.do(project)

    def undo(self, project: Project) -> None:
        for command in reversed(self.commands):
            command.undo(project)


class CommandStack:
    """Undo/redo history of one project; tracks whether it is saved."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_index: int | None = 0
        self.events = EventGroup("changed")

    def push(self, command: Command) -> None:
        was_dirty = self.is_dirty()
        command.do(self.project)
        self._done.append(command)
        if self._clean_index is not None and self._clean_index > len(self._done) - 1:
            self._clean_index = None  # the saved state can no longer be reached
        self._undone.clear()
        self._changed(was_dirty)

    def undo(self) -> None:
        if not self._done:
            return
        was_dirty = self.is_dirty()
        command = self._done.pop()
        command.undo(self.project)
        self._undone.append(command)
        self._changed(was_dirty)

    def redo(self) -> None:
        if not self._undone:
            return
        was_dirty = self.is_dirty()
        command = self._undone.pop()
        command.do(self.project)
        self._done.append(command)
        self._changed(was_dirty)

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def next_undo(self) -> Command | None:
        """The command :meth:`undo` would undo (None when there is none)."""
        return self._done[-1] if self._done else None

    def next_redo(self) -> Command | None:
        return self._undone[-1] if self._undone else None

    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def set_clean(self) -> None:
        was_dirty = self.is_dirty()
        self._clean_index = len(self._done)
        self._changed(was_dirty)

    def set_unsaved(self) -> None:
        """Mark the project as changed since it was saved (e.g. recovered
        after a crash): no state in the history is the saved one."""
        was_dirty = self.is_dirty()
        self._clean_index = None
        self._changed(was_dirty)

    def is_dirty(self) -> bool:
        return self._clean_index != len(self._done)

    def _changed(self, was_dirty: bool) -> None:
        self.events.changed.emit()
        if was_dirty != self.is_dirty():
            self.project.events.dirty.emit(self.is_dirty())
