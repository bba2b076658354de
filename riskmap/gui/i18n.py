"""Languages of the window: Simplified Chinese and English.

Every visible string goes through :func:`tr`, which translates with the one
empty context that ``pyside6-lupdate`` gives bare ``tr("...")`` calls, so the
same call works in classes and in plain functions. The sources and compiled
catalogues live in ``resources/translations`` (``tools/update_translations.py``
refreshes both). Qt's own catalogue (``qtbase``) translates the standard
dialogs and buttons.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from riskmap._paths import resources_dir
from riskmap.logs import get_logger

CHINESE = "zh_CN"
ENGLISH = "en"
#: How each language names itself in the settings dialog (never translated).
NATIVE_NAMES = {CHINESE: "简体中文", ENGLISH: "English"}

_installed: list[QTranslator] = []
_language = ENGLISH


def tr(text: str, disambiguation: str | None = None) -> str:
    """``text`` in the current language (the key of the translation catalogue)."""
    return QCoreApplication.translate("", text, disambiguation)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(preference: str, locale: QLocale | None = None) -> str:
    """The language to use: the preference, else the system locale's.

    Any Chinese locale gets Simplified Chinese (a reader of 繁體 reads 简体 far
    better than English); every other locale gets English.
    """
    if preference in NATIVE_NAMES:
        return preference
    locale = locale or QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def install_language(language: str) -> str:
    """Install the translators for ``language`` (``zh_CN`` or ``en``).

    Returns the language actually in use: English when a catalogue is
    missing (logged), so the window is always readable.
    """
    global _language
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    _language = ENGLISH
    if language != CHINESE or app is None:
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return _language
    ours = QTranslator(app)
    if not ours.load(str(translations_dir() / f"riskmap_{CHINESE}.qm")):
        get_logger("gui").warning(
            "Chinese translation missing in %s; using English", translations_dir()
        )
        return _language
    app.installTranslator(ours)
    _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{CHINESE}", qt_dir):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    _language = CHINESE
    return _language


def current_language() -> str:
    return _language


def pick(label: Mapping[str, str], fallback: str = "") -> str:
    """The entry of a ``{"zh": ..., "en": ...}`` label for the current language."""
    key = "zh" if _language == CHINESE else "en"
    return label.get(key) or label.get("en") or label.get("zh") or fallback
