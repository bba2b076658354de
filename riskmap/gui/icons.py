"""Icons drawn for riskmap (resources/icons/*.svg), one flat line style."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6 import QtSvg  # noqa: F401  (frozen builds then bundle the SVG plugins)
from PySide6.QtGui import QIcon

from riskmap._paths import resources_dir


def icons_dir() -> Path:
    return resources_dir() / "icons"


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (file stem); an empty icon when the file is missing."""
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    out = QIcon()
    for size in (16, 32, 48, 256):
        path = icons_dir() / f"riskmap_{size}.png"
        if path.is_file():
            out.addFile(str(path))
    svg = icons_dir() / "riskmap.svg"
    if svg.is_file():
        out.addFile(str(svg))
    return out
