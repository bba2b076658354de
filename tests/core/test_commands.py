from __future__ import annotations

from pathlib import Path

from riskmap.core.commands import (
    AddLayer,
    CommandStack,
    MoveLayer,
    RemoveLayer,
    SetLayerProperty,
    SetSetting,
    SetWeights,
)
from riskmap.core.project import LayerSpec, Project


def _project() -> Project:
    p = Project(title="t")
    for i, kind in enumerate(["hazmat_route", "highrise_fire", "landslide"]):
        p.layers.append(LayerSpec(id=f"l{i}", kind=kind, path=Path(f"{i}.gpkg")))
    return p


def test_undo_redo_every_command() -> None:
    p = _project()
    stack = CommandStack(p)
    events: list[tuple] = []
    p.events.layer.connect(lambda *a: events.append(("layer", *a)))
    p.events.layers.connect(lambda: events.append(("layers",)))
    p.events.dirty.connect(lambda d: events.append(("dirty", d)))

    stack.push(SetLayerProperty("l0", "visible", False))
    stack.push(SetWeights({"l0": 0.5, "l1": 0.3}))
    stack.push(MoveLayer("l2", 0))
    stack.push(SetSetting("composite", "method", "max"))
    stack.push(AddLayer(LayerSpec(id="new", kind="generic", path=Path("n.gpkg"))))
    stack.push(RemoveLayer("l1"))
    assert [s.id for s in p.layers] == ["l2", "l0", "new"]
    assert p.composite.method == "max"
    assert stack.is_dirty()
    assert ("dirty", True) in events

    for _ in range(6):
        stack.undo()
    assert [s.id for s in p.layers] == ["l0", "l1", "l2"]
    assert p.layer("l0").visible and p.layer("l0").weight == 1.0
    assert p.composite.method == "union"
    assert not stack.is_dirty()
    assert events[-1] == ("dirty", False)

    stack.redo()
    stack.redo()
    assert not p.layer("l0").visible and p.layer("l1").weight == 0.3
    assert stack.undo_text() == "Set weights"


def test_clean_state_unreachable_after_branching() -> None:
    p = _project()
    stack = CommandStack(p)
    stack.push(SetSetting("", "title", "a"))
    stack.set_clean()
    stack.undo()
    assert stack.is_dirty()
    stack.push(SetSetting("", "title", "b"))
    assert stack.is_dirty()
    stack.undo()
    assert stack.is_dirty()  # "a" was saved, we are back at the original
