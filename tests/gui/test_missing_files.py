"""A project whose files moved still opens: each missing file is located
or its layer removed, as undoable changes the user can save."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from PySide6.QtWidgets import QFileDialog

from riskmap.gui import missing_files
from riskmap.io.project_file import load_project
from tests.gui.conftest import wait_until_drawn

pytestmark = pytest.mark.gui


@pytest.fixture
def moved(small_project: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The small project with its roads file moved to another folder."""
    elsewhere = tmp_path / "moved"
    elsewhere.mkdir()
    target = elsewhere / "道路 2024.gpkg"
    shutil.move(small_project.parent / "roads.gpkg", target)
    return small_project, target


def _answer(monkeypatch, choice: str, asked: list) -> None:
    def choose(title, path):
        asked.append((title, Path(path).name))
        return choice

    monkeypatch.setattr(missing_files, "_choose", choose)


def test_locate_the_moved_file_then_save_the_repair(qtbot, window, moved, monkeypatch):
    project_file, target = moved
    asked: list = []
    _answer(monkeypatch, missing_files.LOCATE, asked)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.files.open_path(project_file)
    wait_until_drawn(qtbot, window)
    assert asked == [("道路", "roads.gpkg")]
    assert window.session.project.layer("roads").path == target
    assert "roads" in window.session.data.vectors  # loaded from where it is now
    assert window.isWindowModified()  # the repair is a change to save
    assert window.files.save_to(project_file)
    assert load_project(project_file).layer("roads").path.resolve() == target.resolve()
    assert "moved/道路 2024.gpkg" in project_file.read_text(encoding="utf-8")


def test_remove_the_layer_and_undo(qtbot, window, moved, monkeypatch):
    project_file, _ = moved
    _answer(monkeypatch, missing_files.REMOVE, [])
    assert window.files.open_path(project_file)
    wait_until_drawn(qtbot, window)
    ids = [s.id for s in window.session.project.layers]
    assert ids == ["buildings", "stations"]
    assert window.analysis.state == "ready"  # the rest loads as usual
    assert set(window.session.data.vectors) == {"buildings", "stations"}
    window.actions.undo.trigger()
    assert [s.id for s in window.session.project.layers] == [
        "buildings",
        "roads",
        "stations",
    ]


def test_cancel_leaves_the_current_project_open(qtbot, window, moved, monkeypatch):
    project_file, _ = moved
    before = window.session.project
    _answer(monkeypatch, missing_files.CANCEL, [])
    assert not window.files.open_path(project_file)
    assert window.session.project is before


def test_missing_districts_can_only_be_located(
    qtbot, window, small_project, monkeypatch
):
    (small_project.parent / "districts.gpkg").unlink()
    asked: list = []
    _answer(monkeypatch, missing_files.REMOVE, asked)  # not offered: refused
    assert not window.files.open_path(small_project)
    assert asked == [(None, "districts.gpkg")]
