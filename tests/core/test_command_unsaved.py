"""A recovered project is unsaved until saved, whatever its history."""

from __future__ import annotations

from riskmap.core.commands import CommandStack, SetSetting
from riskmap.core.project import Project


def test_set_unsaved_marks_dirty_until_saved() -> None:
    project = Project(title="t")
    stack = CommandStack(project)
    seen: list[bool] = []
    project.events.dirty.connect(seen.append)
    stack.set_unsaved()
    assert stack.is_dirty() and seen == [True]
    stack.push(SetSetting("", "title", "u"))
    stack.undo()
    assert stack.is_dirty()  # no state in the history is the saved one
    stack.set_clean()
    assert not stack.is_dirty() and seen == [True, False]
