from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskmap.core.commands import SetLayerProperty, SetWeights
from riskmap.core.project import LayerSpec, Project
from riskmap.gui.preferences import MAX_RECENT, Preferences
from riskmap.gui.project_qt import ProjectSession

pytestmark = pytest.mark.gui


def _project() -> Project:
    p = Project(title="测试")
    p.layers.append(LayerSpec(id="a", kind="generic", path=Path("a.gpkg")))
    p.layers.append(LayerSpec(id="b", kind="generic", path=Path("b.gpkg")))
    return p


def test_session_reemits_core_events_as_signals(qtbot) -> None:
    session = ProjectSession(_project())
    with qtbot.waitSignals(
        [session.layerChanged, session.dirtyChanged, session.historyChanged]
    ):
        session.push(SetLayerProperty("a", "visible", False))
    assert session.is_dirty()
    with qtbot.waitSignal(
        session.settingsChanged, check_params_cb=lambda name: name == "weights"
    ):
        session.push(SetWeights({"a": 2.0}))
    with qtbot.waitSignal(session.dirtyChanged, check_params_cb=lambda d: d is False):
        session.undo()
        session.undo()
    assert session.project.layer("a").visible


def test_replacing_the_project_disconnects_the_old_one(qtbot) -> None:
    old = _project()
    session = ProjectSession(old)
    session.replace(_project())
    seen = []
    session.layerChanged.connect(lambda *a: seen.append(a))
    old.events.layer.emit("a", "visible")
    assert seen == []
    assert not session.is_dirty()


def test_preferences_round_trip_and_survive_garbage(tmp_path: Path) -> None:
    prefs = Preferences.load()
    assert prefs.language == "system"
    for i in range(MAX_RECENT + 3):
        prefs.add_recent(tmp_path / f"p{i}.riskmap.toml")
    prefs.add_recent(tmp_path / "p5.riskmap.toml")
    prefs.language = "zh_CN"
    prefs.save()
    again = Preferences.load()
    assert again.language == "zh_CN"
    assert len(again.recent) == MAX_RECENT
    assert again.recent[0].endswith("p5.riskmap.toml")
    Preferences.path().write_text("{not json", encoding="utf-8")
    assert Preferences.load() == Preferences()
    Preferences.path().write_text(
        json.dumps({"language": "klingon", "unknown": 1}), encoding="utf-8"
    )
    assert Preferences.load().language == "system"
