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
