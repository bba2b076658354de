"""Languages: the Chinese catalogue loads, covers every string, and the
bundled font is what Chinese menus are drawn with."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from riskmap.gui import i18n
from riskmap.gui.i18n import CHINESE, ENGLISH, install_language, resolve_language, tr

pytestmark = pytest.mark.gui


@pytest.fixture
def chinese(qapp):
    assert install_language(CHINESE) == CHINESE
    yield
    install_language(ENGLISH)


def test_language_follows_the_locale_unless_chosen():
    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    taiwan = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert resolve_language("system", china) == CHINESE
    assert resolve_language("system", taiwan) == CHINESE
    assert resolve_language("system", us) == ENGLISH
    assert resolve_language(ENGLISH, china) == ENGLISH
    assert resolve_language(CHINESE, us) == CHINESE


def test_chinese_window_menus_and_qt_buttons(qtbot, chinese):
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    assert tr("&File") == "文件(&F)"
    win = MainWindow(prefs=Preferences())
    qtbot.addWidget(win)
    titles = [m.title() for m in win.menuBar().findChildren(type(win.menus["file"]))
              if m.parent() is win.menuBar()]  # fmt: skip
    assert "文件(&F)" in titles and "帮助(&H)" in titles
    assert win.menus["file"].title() == "文件(&F)"
    assert win.actions.save.text() == "保存(&S)"
    assert win.layers_dock.windowTitle() == "图层"
    assert win.status.lonlat_label.text().startswith("经度")
    # Qt's own catalogue translates the standard buttons.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert i18n.current_language() == CHINESE


def test_english_is_the_source_language(qtbot):
    install_language(ENGLISH)
    assert tr("&File") == "&File"
    assert i18n.current_language() == ENGLISH


def test_every_window_string_has_a_chinese_translation(tmp_path):
    """Extract the strings from the code again: none may be new or unfinished."""
    from tools import update_translations as ut

    copy = tmp_path / "riskmap_zh_CN.ts"
    shutil.copyfile(ut.TS, copy)
    ut.extract(copy)
    assert ut.unfinished(copy) == []
    sources = [m.findtext("source") for m in ET.parse(copy).getroot().iter("message")]
    assert len(sources) > 150
    # The compiled catalogue is up to date with the source.
    translator = QTranslator()
    assert translator.load(str(ut.QM))
    for message in ET.parse(copy).getroot().iter("message"):
        source = message.findtext("source")
        wanted = message.findtext("translation")
        assert translator.translate("", source) == wanted, source


def test_bundled_font_draws_chinese_menus(qapp):
    from riskmap.gui.app import register_fonts, setup_fonts

    families = register_fonts()
    assert families, "the bundled CJK font was not registered"
    original = QApplication.font()
    try:
        setup_fonts(qapp, CHINESE)
        assert QApplication.font().families()[0] == families[0]
        setup_fonts(qapp, ENGLISH)
        assert families[0] in QApplication.font().families()[1:]
    finally:
        QApplication.setFont(original)


def test_settings_dialog_saves_the_language(qtbot):
    from riskmap.gui.dialogs.settings import SettingsDialog
    from riskmap.gui.preferences import Preferences

    prefs = Preferences()
    dialog = SettingsDialog(prefs)
    qtbot.addWidget(dialog)
    combo = dialog.language_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "system",
        CHINESE,
        ENGLISH,
    ]
    assert combo.itemText(1) == "简体中文"
    combo.setCurrentIndex(1)
    assert "next time" in dialog.note.text()
    dialog.accept()
    assert Preferences.load().language == CHINESE


def test_about_names_versions_and_licences(qtbot):
    from riskmap import __version__
    from riskmap.gui.dialogs.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    rows = {name: (version, licence) for name, version, licence in dialog.rows()}
    assert rows["riskmap"][0] == __version__
    assert rows["Qt"][1] == "LGPL-3.0"
    assert rows["Noto Sans CJK SC"][1].startswith("SIL Open Font License")
    for name in ("GDAL", "PROJ", "GEOS", "matplotlib", "geopandas"):
        assert rows[name][0] not in ("", "—"), name
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget, "versionsTable")
    assert table.rowCount() == len(rows) and table.item(0, 0).text() == "riskmap"
