"""GUI tests run the real widgets offscreen; settings stay in a temp folder."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture(autouse=True)
def _qsettings_in_tmp(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path / "qsettings"),
    )
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path, monkeypatch):
    """Preferences and autosaved recovery files never touch the user's folder."""
    monkeypatch.setenv("RISKMAP_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _dialogs_never_block(monkeypatch):
    """Error boxes open without a nested event loop; unsaved changes are kept
    unless a test answers the question itself."""
    from PySide6.QtWidgets import QMessageBox

    from riskmap.gui import crash, projects

    monkeypatch.setattr(crash, "_non_blocking", True)
    monkeypatch.setattr(projects, "_answer", QMessageBox.StandardButton.Discard)


@pytest.fixture
def small_project(tmp_path):
    from tests.gui.data import write_small_project

    return write_small_project(tmp_path / "small")


def wait_until_drawn(qtbot, window, timeout: int = 60_000) -> None:
    """Wait for loading, scoring and the map image to be up to date."""

    def done() -> bool:
        return (
            window.session.data is not None
            and window.analysis.state in ("ready", "failed")
            and not window.analysis.busy()
            and window.canvas.idle()
            and window.canvas._image is not None
        )

    qtbot.waitUntil(done, timeout=timeout)


@pytest.fixture
def window(qtbot):
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    win = MainWindow(prefs=Preferences())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session.stack.set_clean()
    win.runner.cancel_all()
    win.runner.wait(5000)
    win.canvas._renderer.wait(5000)
