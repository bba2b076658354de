"""Starting the desktop application.

:func:`run` makes the QApplication, registers the bundled Chinese font (a
laptop without a CJK system font would otherwise show menus as boxes),
installs the translation the user chose or the system locale asks for, puts
the error boundary in place, and opens a project (the bundled sample when
none is given).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from riskmap import __version__
from riskmap._paths import resources_dir, sample_project
from riskmap.gui.crash import install_excepthook
from riskmap.gui.i18n import CHINESE, install_language, resolve_language
from riskmap.gui.icons import app_icon
from riskmap.gui.preferences import Preferences
from riskmap.logs import get_logger

_font_families: list[str] = []
SELF_TEST_ENV = "RISKMAP_SELF_TEST"


def register_fonts() -> list[str]:
    """Register the fonts in ``resources/fonts`` with Qt; their family names."""
    if _font_families:
        return _font_families
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            get_logger("gui").warning("font not loaded: %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _font_families:
                _font_families.append(family)
    return _font_families


def setup_fonts(app: QApplication, language: str) -> None:
    """Use the bundled font for Chinese; keep it as the fallback for English.

    District and layer names are Chinese in either language, so the bundled
    family always follows the system's in the application font.
    """
    families = register_fonts()
    if not families:
        return
    font = QFont(app.font())
    system = [f for f in font.families() if f not in families] or [font.family()]
    if language == CHINESE:
        font.setFamilies([families[0], *system])
    else:
        font.setFamilies([*system, families[0]])
    app.setFont(font)


def setup_application(app: QApplication, prefs: Preferences) -> str:
    """Name, icon, language and fonts of ``app``; returns the language."""
    app.setApplicationName("riskmap")
    app.setOrganizationName("riskmap")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    language = install_language(resolve_language(prefs.language))
    setup_fonts(app, language)
    return language


def run(project_path: str | None = None) -> int:
    """Open the main window with ``project_path`` (default: the sample).

    Unsaved changes kept from a crash are offered first. With
    ``RISKMAP_SELF_TEST=OUTDIR`` the window runs its self-test instead
    (:mod:`riskmap.gui.selftest`) and the exit code is its verdict.
    """
    started = time.perf_counter()
    from riskmap.gui import recovery
    from riskmap.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    prefs = Preferences.load()
    language = setup_application(app, prefs)
    get_logger("gui").info("window starting in %s", language)
    window = MainWindow(prefs=prefs)
    install_excepthook(lambda: window)
    window.show()
    path = Path(project_path) if project_path else sample_project()
    self_test = os.environ.get(SELF_TEST_ENV)
    if self_test:
        from riskmap.gui.selftest import SelfTest

        SelfTest(app, window, Path(self_test), path, started).start()
    else:

        def start() -> None:
            if not recovery.offer(window):
                window.files.open_path(path, confirm=False)

        QTimer.singleShot(0, start)
    return int(app.exec())
