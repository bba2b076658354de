"""Projects: save, open, recent files, and the unsaved-changes question."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtWidgets import QMessageBox

from riskmap.core.commands import SetLayerProperty
from riskmap.errors import RiskmapError
from riskmap.gui import projects
from riskmap.io.project_file import load_project
from tests.gui.conftest import wait_until_drawn

pytestmark = pytest.mark.gui
Button = QMessageBox.StandardButton


def _open(qtbot, window, path) -> None:
    assert window.files.open_path(path)
    wait_until_drawn(qtbot, window)


def test_save_as_then_open_again(qtbot, window, small_project, tmp_path):
    _open(qtbot, window, small_project)
    window.session.push(SetLayerProperty("roads", "visible", False))
    assert window.isWindowModified()
    target = tmp_path / "elsewhere" / "copy.riskmap.toml"
    target.parent.mkdir()
    assert window.files.save_to(target)
    assert not window.isWindowModified()
    assert window.session.project.path == target.resolve()
    saved = load_project(target)
    assert not saved.layer("roads").visible
    # Paths are stored relative to the new file and still point at the data.
    assert (
        saved.layer("buildings").path.resolve()
        == (small_project.parent / "buildings.gpkg").resolve()
    )
    assert "../small/buildings.gpkg" in target.read_text(encoding="utf-8")
    assert window.files.recent()[0] == str(target.resolve())
    assert window.menus["recent"].actions()[0].text() == str(target.resolve())
    window.files.new()
    assert window.session.project.layers == []
    window.menus["recent"].actions()[0].trigger()
    wait_until_drawn(qtbot, window)
    assert window.session.project.path == target.resolve()


@pytest.mark.parametrize("answer", [Button.Cancel, Button.Discard, Button.Save])
def test_unsaved_changes_question(qtbot, window, small_project, monkeypatch, answer):
    _open(qtbot, window, small_project)
    window.session.push(SetLayerProperty("roads", "visible", False))
    monkeypatch.setattr(projects, "_answer", answer)
    replaced = window.files.new()
    assert replaced == (answer != Button.Cancel)
    if answer == Button.Cancel:
        assert window.session.project.path == small_project.resolve()
        assert window.isWindowModified()
    else:
        assert window.session.project.layers == []
        assert not window.isWindowModified()
    assert load_project(small_project).layer("roads").visible == (answer != Button.Save)


def test_closing_with_changes_can_be_canceled(
    qtbot, window, small_project, monkeypatch
):
    _open(qtbot, window, small_project)
    window.session.push(SetLayerProperty("roads", "opacity", 0.5))
    monkeypatch.setattr(projects, "_answer", Button.Cancel)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(projects, "_answer", Button.Discard)
    assert window.close()


def test_save_of_the_bundled_sample_asks_where(qtbot, window, monkeypatch, tmp_path):
    from riskmap._paths import sample_project

    monkeypatch.setattr(window.session.project, "sample", True)
    window.session.project.path = sample_project()
    asked = []

    def fake_dialog(*args):
        asked.append(args)
        return str(tmp_path / "mine.riskmap.toml"), ""

    monkeypatch.setattr(projects.QFileDialog, "getSaveFileName", fake_dialog)
    assert window.files.save()
    assert asked and (tmp_path / "mine.riskmap.toml").is_file()


def test_a_broken_project_is_reported_and_forgotten(qtbot, window, tmp_path):
    bad = tmp_path / "bad.riskmap.toml"
    bad.write_text("schema_version = 1\n[project]\ntitel = 'x'\n", encoding="utf-8")
    window.prefs.add_recent(bad)
    assert not window.files.open_path(bad)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "titel" in box.text()
    assert str(bad.resolve()) not in window.files.recent()


LAUNCH = """
import argparse, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from riskmap.cli import gui_launch

def look():
    wins = [w for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()]
    if wins and wins[0].session.data is not None and wins[0].canvas.idle():
        print("TITLE", wins[0].windowTitle(), flush=True)
        wins[0].close()
        QApplication.quit()
    else:
        QTimer.singleShot(100, look)

app = QApplication(sys.argv[:1])
QTimer.singleShot(100, look)
sys.exit(gui_launch.run(argparse.Namespace(command=None, project=sys.argv[1])))
"""


def test_launch_opens_the_window_and_returns(small_project, tmp_path):
    # A process of its own: the real entry point runs the real event loop.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "RISKMAP_CONFIG_DIR": str(tmp_path / "cfg"),
           "RISKMAP_LOG_DIR": str(tmp_path / "log")}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(small_project)],
        capture_output=True, text=True, env=env, timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "TITLE 测试项目" in out.stdout
    assert "window starting" in (tmp_path / "log" / "riskmap.log").read_text("utf-8")


def test_launch_errors_are_user_errors(monkeypatch, tmp_path):
    from riskmap.cli import gui_launch

    with pytest.raises(RiskmapError, match="not found"):
        gui_launch.run(argparse.Namespace(project=str(tmp_path / "none.toml")))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(RiskmapError, match="no display"):
        gui_launch.run(argparse.Namespace(project=None))


def test_recent_list_survives_a_missing_file(qtbot, window, small_project, tmp_path):
    copy = tmp_path / "gone"
    shutil.copytree(small_project.parent, copy)
    _open(qtbot, window, copy / small_project.name)
    shutil.rmtree(copy)
    entry = window.files.recent()[0]
    assert not window.files.open_path(entry)
    assert entry not in window.files.recent()
