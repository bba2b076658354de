"""The window's crash dialog points to the log file, which holds the traceback."""

from __future__ import annotations

import pytest

from riskmap.errors import LayerReadError
from riskmap.logs import log_file, setup_logging
from tests.gui.conftest import _dialogs_never_block, _qsettings_in_tmp  # noqa: F401

pytestmark = pytest.mark.gui


def _boxes(parent):
    from PySide6.QtWidgets import QMessageBox

    return [b for b in parent.findChildren(QMessageBox) if b.objectName() == "errorBox"]


def test_an_unexpected_error_names_the_log_file(qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from riskmap.gui.crash import show_error

    parent = QWidget()
    qtbot.addWidget(parent)
    setup_logging("gui")
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError as exc:
        show_error(parent, exc)
    box = _boxes(parent)[-1]
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(log_file()) in box.informativeText()
    assert "ZeroDivisionError" in box.detailedText()
    assert "ZeroDivisionError: division by zero" in log_file().read_text("utf-8")
    box.close()
    show_error(parent, LayerReadError("c.gpkg: cannot be opened", "copy it again"))
    box = _boxes(parent)[-1]
    assert box.icon() == QMessageBox.Icon.Warning  # a user error: no crash dialog
    assert (box.text(), box.informativeText()) == (
        "A layer file cannot be read.\nc.gpkg: cannot be opened",
        "copy it again",
    )
    box.close()
