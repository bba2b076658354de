"""Rasterise resources/icons/riskmap.svg to the PNG sizes desktops want.

Run after changing the SVG: ``python tools/make_app_icon.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 256)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "riskmap.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"riskmap_{size}.png"))
        if size == 256:
            # The names the laptop build (build.spec) gives its executable.
            image.save(str(ICONS / "riskmap.png"))
            image.save(str(ICONS / "riskmap.ico"))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
