"""Help > About: what riskmap is, its version, and every component's licence."""

from __future__ import annotations

import importlib.metadata
import platform
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskmap import __version__
from riskmap.gui.i18n import tr

#: (distribution, licence) of what riskmap ships with.
COMPONENTS = (
    ("PySide6-Essentials", "LGPL-3.0"),
    ("matplotlib", "Matplotlib License (PSF-based)"),
    ("numpy", "BSD-3-Clause"),
    ("scipy", "BSD-3-Clause"),
    ("pandas", "BSD-3-Clause"),
    ("shapely", "BSD-3-Clause"),
    ("pyproj", "MIT"),
    ("pyogrio", "MIT"),
    ("fiona", "BSD-3-Clause"),
    ("rasterio", "BSD-3-Clause"),
    ("geopandas", "BSD-3-Clause"),
    ("platformdirs", "MIT"),
)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "—"


def library_versions() -> list[tuple[str, str, str]]:
    """(component, version, licence) rows, native libraries included."""
    rows = [("riskmap", __version__, "MIT"),
            ("Python", platform.python_version(), "PSF-2.0"),
            ("Qt", qVersion(), "LGPL-3.0"),
            ("PySide6", pyside_version, "LGPL-3.0")]  # fmt: skip
    rows += [
        (d, _version(d), lic) for d, lic in COMPONENTS if d != "PySide6-Essentials"
    ]
    try:
        import pyogrio

        rows.append(("GDAL", pyogrio.__gdal_version_string__, "MIT"))
    except (ImportError, AttributeError):
        pass
    try:
        import pyproj

        rows.append(("PROJ", pyproj.proj_version_str, "MIT"))
    except ImportError:
        pass
    try:
        import shapely

        rows.append(("GEOS", shapely.geos_version_string, "LGPL-2.1"))
    except ImportError:
        pass
    rows.append(("Noto Sans CJK SC", "2.004", "SIL Open Font License 1.1"))
    return rows


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("About riskmap"))
        self.resize(560, 560)
        icon = self.windowIcon().pixmap(64, 64)
        logo = QLabel()
        logo.setPixmap(icon)
        title = QLabel(
            f"<h2>riskmap {__version__}</h2><p>"
            + tr("City safety risk map (城市安全风险“一张图”): hazard layers, "
                 "composite risk on a grid and per district, the four official "
                 "risk levels, printable district maps.")
            + "</p><p>"
            + tr("riskmap works without any network connection.")
            + "</p>"
        )  # fmt: skip
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        table = QTableWidget(0, 3)
        table.setObjectName("versionsTable")
        table.setHorizontalHeaderLabels([tr("Component"), tr("Version"), tr("Licence")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        rows = library_versions()
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel(
            tr("The map font is Noto Sans CJK SC under the SIL Open Font License; "
               "its licence text is in resources/fonts/OFL.txt. Qt is used under "
               "the GNU LGPL version 3.")
        )  # fmt: skip
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def rows(self) -> Any:
        return library_versions()
