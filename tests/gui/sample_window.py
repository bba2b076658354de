"""The bundled sample in a real window, shared by the window tests of the
risk model, the print preview and the sensitivity analysis."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer

from riskmap._paths import sample_project
from riskmap.gui import crash, projects
from riskmap.gui.i18n import ENGLISH, install_language


def wait(condition, timeout: float = 120.0) -> None:
    """Run the event loop until ``condition()`` (not QTest.qWait, which holds
    the GIL and starves the worker threads)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not finish in time")
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def ready(win) -> bool:
    """Scored, documented and drawn, with nothing pending."""
    return (
        win.session.document is not None
        and win.analysis.state == "ready"
        and not win.analysis.busy()
        and win.canvas.idle()
        and win.canvas._image is not None
    )


def open_sample(language: str = ENGLISH):
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    install_language(language)
    win = MainWindow(prefs=Preferences())
    win.resize(1280, 800)
    win.show()
    assert win.files.open_path(sample_project(), confirm=False)
    wait(lambda: ready(win))
    return win


def close(win) -> None:
    win.session.stack.set_clean()
    win.close()
    win.runner.wait(20_000)
    win.canvas._renderer.wait(10_000)
    win.deleteLater()
    QCoreApplication.sendPostedEvents()


@contextmanager
def private_home(home: Path) -> Iterator[Path]:
    """Config, logs and settings in ``home``; dialogs never block."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RISKMAP_CONFIG_DIR", str(home / "config"))
        mp.setenv("RISKMAP_LOG_DIR", str(home / "logs"))
        mp.setattr(crash, "_non_blocking", True)
        mp.setattr(projects, "_answer", projects.QMessageBox.StandardButton.Discard)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(home / "qsettings"))  # fmt: skip
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        yield home


def settle(win) -> None:
    """Wait for the window to be up to date again after a change."""
    wait(lambda: ready(win))
