"""The error boundary: an unexpected exception in a slot is logged and shown
in a dialog naming the log file, and the window carries on."""

from __future__ import annotations

import sys

import pytest

from PySide6.QtWidgets import QMessageBox

from riskmap.core.commands import SetSetting
from riskmap.errors import RiskmapError
from riskmap.gui.crash import install_excepthook
from riskmap.logs import log_file, setup_logging

pytestmark = pytest.mark.gui


@pytest.fixture
def boundary(window, tmp_path, monkeypatch):
    monkeypatch.setenv("RISKMAP_LOG_DIR", str(tmp_path / "logs"))
    setup_logging("gui")
    old = sys.excepthook
    install_excepthook(lambda: window)
    yield window
    sys.excepthook = old


def _boxes(window) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox)
            if b.objectName() == "errorBox" and b.isVisible()]  # fmt: skip


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_keeps_the_window_and_names_the_log(boundary, qtbot):
    window = boundary

    def broken() -> None:
        raise ZeroDivisionError("a slot failed")

    window.actions.refresh.triggered.connect(broken)  # a real menu action
    window.actions.refresh.trigger()
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
    box = _boxes(window)[0]
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(log_file()) in box.informativeText()
    assert "ZeroDivisionError: a slot failed" in box.detailedText()
    assert "ZeroDivisionError: a slot failed" in log_file().read_text(encoding="utf-8")
    box.close()
    # The window is alive and still works.
    assert window.isVisible()
    window.session.push(SetSetting("", "title", "仍然可用"))
    assert "仍然可用" in window.windowTitle()
    window.actions.undo.trigger()
    assert "仍然可用" not in window.windowTitle()


@pytest.mark.qt_no_exception_capture
def test_a_user_error_in_a_slot_is_a_message_with_its_hint(boundary, qtbot):
    window = boundary

    def refuse() -> None:
        raise RiskmapError("图层 'x' 没有坐标系", "在图层属性中指定坐标系")

    window.actions.zoom_full.triggered.connect(refuse)
    window.actions.zoom_full.trigger()
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
    box = _boxes(window)[0]
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "riskmap cannot go on with this input.\n图层 'x' 没有坐标系"
    assert box.informativeText() == "在图层属性中指定坐标系"
    assert box.detailedText() == ""
    box.close()


@pytest.mark.qt_no_exception_capture
def test_the_crash_dialog_speaks_the_window_language(boundary, qtbot):
    from riskmap.gui.i18n import CHINESE, ENGLISH, install_language

    window = boundary
    assert install_language(CHINESE) == CHINESE
    try:

        def broken() -> None:
            raise KeyError("x")

        window.actions.refresh.triggered.connect(broken)
        window.actions.refresh.trigger()
        qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
        box = _boxes(window)[0]
        assert box.windowTitle() == "riskmap：意外错误"
        assert box.informativeText().startswith("日志文件")
        box.close()
    finally:
        install_language(ENGLISH)


def test_every_translation_goes_through_one_catalogue_context():
    """Strings are extracted under the empty context: a lookup under any
    other context would find nothing and stay English."""
    from pathlib import Path

    import riskmap

    root = Path(riskmap.__file__).parent
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "QCoreApplication.translate(" in p.read_text(encoding="utf-8")
        and p.name != "i18n.py"
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("error", "chinese"),
    [
        ("ProjectFileError", "项目文件有误。"),
        ("LayerReadError", "图层文件无法读取。"),
        ("GridTooLargeError", "网格过大，超出本机内存。"),
        ("RiskmapError", "输入有问题，riskmap 无法继续。"),
    ],
)
def test_a_user_error_says_its_kind_in_the_window_language(window, error, chinese):
    from riskmap import errors
    from riskmap.gui.crash import show_error
    from riskmap.gui.i18n import CHINESE, ENGLISH, install_language

    exc = getattr(errors, error)("x.gpkg: cannot be opened", "check the file")
    assert install_language(CHINESE) == CHINESE
    try:
        show_error(window, exc)
        box = _boxes(window)[-1]
        assert box.text() == f"{chinese}\nx.gpkg: cannot be opened"
        assert box.informativeText() == "check the file"
        box.close()
    finally:
        install_language(ENGLISH)
