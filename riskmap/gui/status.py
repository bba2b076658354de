"""The status bar: where the cursor is, the map scale, and running work.

The cursor is shown in CGCS2000 longitude/latitude (EPSG:4490) and in the
working CRS. The scale box is editable: typing 1:25000 (or 25000) zooms the
map to that scale. Running work shows a progress bar with a cancel button.
"""

from __future__ import annotations

import re

from pyproj import Transformer

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QProgressBar,
    QStatusBar,
    QToolButton,
    QWidget,
)

from riskmap.gui.i18n import tr

SCALES = (500, 1000, 2000, 5000, 10000, 25000, 50000, 100000, 250000, 500000)


def parse_scale(text: str) -> float | None:
    """25000, 1:25000, 1:25,000 or 1 : 25 000 give 25000; anything else None."""
    cleaned = re.sub(r"[\s,，_]", "", text)
    match = re.fullmatch(r"(?:1[:：])?(\d+(?:\.\d+)?)", cleaned)
    if not match:
        return None
    value = float(match.group(1))
    return value if value >= 1 else None


def format_scale(denominator: float) -> str:
    return f"1:{round(denominator):,}"


class StatusBar(QStatusBar):
    scaleEntered = Signal(float)
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._crs = ""
        self._to_lonlat: Transformer | None = None
        self.lonlat_label = QLabel()
        self.lonlat_label.setObjectName("lonlatLabel")
        self.lonlat_label.setMinimumWidth(230)
        self.xy_label = QLabel()
        self.xy_label.setObjectName("xyLabel")
        self.xy_label.setMinimumWidth(250)
        self.scale_combo = QComboBox()
        self.scale_combo.setObjectName("scaleCombo")
        self.scale_combo.setEditable(True)
        self.scale_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scale_combo.setMinimumContentsLength(11)
        self.scale_combo.setToolTip(tr("Map scale: type a scale such as 1:25000"))
        for value in SCALES:
            self.scale_combo.addItem(format_scale(value), value)
        self.scale_combo.lineEdit().returnPressed.connect(self._on_scale_typed)
        self.scale_combo.activated.connect(self._on_scale_chosen)
        self.progress = QProgressBar()
        self.progress.setObjectName("taskProgress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setText(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop the running work"))
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self.task_label = QLabel()
        self.addWidget(self.task_label, 1)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.lonlat_label)
        self.addPermanentWidget(self.xy_label)
        self.addPermanentWidget(QLabel(tr("Scale")))
        self.addPermanentWidget(self.scale_combo)
        self.set_busy(False)
        self.clear_position()

    # -------------------------------------------------------- coordinates

    def set_crs(self, crs: str) -> None:
        if crs == self._crs:
            return
        self._crs = crs
        self._to_lonlat = (
            Transformer.from_crs(crs, "EPSG:4490", always_xy=True) if crs else None
        )

    def show_position(self, x: float, y: float) -> None:
        if self._to_lonlat is None:
            self.clear_position()
            return
        lon, lat = self._to_lonlat.transform(x, y)
        self.lonlat_label.setText(
            tr("Lon {lon:.6f}°  Lat {lat:.6f}° (CGCS2000)").format(lon=lon, lat=lat)
        )
        self.xy_label.setText(
            tr("X {x:,.1f}  Y {y:,.1f} m ({crs})").format(x=x, y=y, crs=self._crs)
        )

    def clear_position(self) -> None:
        self.lonlat_label.setText(tr("Lon —  Lat —"))
        self.xy_label.setText("")

    # -------------------------------------------------------------- scale

    def show_scale(self, denominator: float) -> None:
        with QSignalBlocker(self.scale_combo):
            self.scale_combo.setEditText(format_scale(denominator))

    def _on_scale_typed(self) -> None:
        value = parse_scale(self.scale_combo.currentText())
        if value is not None:
            self.scaleEntered.emit(value)

    def _on_scale_chosen(self, row: int) -> None:
        value = self.scale_combo.itemData(row)
        if value:
            self.scaleEntered.emit(float(value))

    # -------------------------------------------------------------- tasks

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        self.task_label.setText(text)

    def show_progress(self, percent: float) -> None:
        self.progress.setValue(round(percent))

    def show_task(self, text: str) -> None:
        self.task_label.setText(text)

    def is_busy(self) -> bool:
        return not self.progress.isHidden()
