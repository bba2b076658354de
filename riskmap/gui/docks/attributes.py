"""The Attribute table panel: one layer's features as rows.

Selecting rows selects the features on the map and the other way round; the
session holds the selection (row positions per layer), so neither side keeps
its own copy. Typing in the filter box keeps the rows that contain the text.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from riskmap.gui.docks.table_model import FrameTableModel
from riskmap.gui.i18n import tr
from riskmap.gui.project_qt import ProjectSession


class AttributesDock(QDockWidget):
    zoomToSelection = Signal(str)

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(tr("Attribute table"), parent)
        self.setObjectName("attributesDock")
        self.session = session
        self.layer_id = ""
        self._syncing = False
        self.model = FrameTableModel(parent=self)
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("tableLayerCombo")
        self.layer_combo.setMinimumContentsLength(14)
        self.layer_combo.activated.connect(self._on_layer_chosen)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("tableFilter")
        self.filter_edit.setPlaceholderText(tr("Filter: type text to find"))
        self.filter_edit.setClearButtonEnabled(True)
        self.column_combo = QComboBox()
        self.column_combo.setObjectName("filterColumn")
        # Wide enough for its longest entry ("All columns", long field names).
        self.column_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents
        )
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _: self._filter_timer.start())
        self.column_combo.activated.connect(lambda _: self._apply_filter())
        self.zoom_button = QPushButton(tr("Zoom to selection"))
        self.zoom_button.clicked.connect(
            lambda: self.zoomToSelection.emit(self.layer_id)
        )
        self.clear_button = QPushButton(tr("Clear selection"))
        self.clear_button.clicked.connect(
            lambda: self.session.set_selection(self.layer_id, [])
        )
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setObjectName("attributeTable")
        self.table.setModel(self.model)
        # Rows start in file order; a click on a header sorts.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.model.layoutChanged.connect(self._show_selection)
        bar = QHBoxLayout()
        bar.addWidget(self.layer_combo)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.column_combo)
        bar.addWidget(self.zoom_button)
        bar.addWidget(self.clear_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setWidget(body)
        session.dataChanged.connect(self._on_data)
        session.layersChanged.connect(self._fill_layers)
        session.projectReplaced.connect(self._on_data)
        session.selectionChanged.connect(self._on_session_selection)
        session.currentLayerChanged.connect(self._on_current_layer)
        self._on_data()

    # ------------------------------------------------------------- layers

    def _fill_layers(self) -> None:
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        data = self.session.data
        for spec in reversed(self.session.project.layers):
            if data is not None and spec.id in data.vectors:
                self.layer_combo.addItem(spec.title, spec.id)
        at = self.layer_combo.findData(self.layer_id)
        self.layer_combo.setCurrentIndex(max(at, 0))
        self.layer_combo.blockSignals(False)

    def _on_data(self) -> None:
        self._fill_layers()
        wanted = self.layer_id or self.session.current_layer
        data = self.session.data
        if not (data is not None and wanted in data.vectors):
            wanted = self.layer_combo.currentData() or ""
        self.show_layer(wanted, force=True)

    def _on_layer_chosen(self, _row: int) -> None:
        self.show_layer(self.layer_combo.currentData() or "")

    def _on_current_layer(self, layer_id: str) -> None:
        data = self.session.data
        if data is not None and layer_id in data.vectors:
            self.show_layer(layer_id)

    def show_layer(self, layer_id: str, force: bool = False) -> None:
        """Show the table of ``layer_id`` ("" for none)."""
        data = self.session.data
        layer = data.vectors.get(layer_id) if data is not None else None
        if layer_id == self.layer_id and not force and layer is not None:
            return
        self.layer_id = layer_id if layer is not None else ""
        frame = layer.frame if layer is not None else None
        if frame is not self.model.frame:
            self.model.set_frame(frame)
            self.table.resizeColumnsToContents()  # from the first 200 rows
            self.filter_edit.clear()
            self.column_combo.clear()
            self.column_combo.addItem(tr("All columns"), -1)
            for i, name in enumerate(self.model.columns):
                self.column_combo.addItem(name, i)
        at = self.layer_combo.findData(self.layer_id)
        if at >= 0:
            self.layer_combo.setCurrentIndex(at)
        self._show_selection()

    def _apply_filter(self) -> None:
        column = self.column_combo.currentData()
        self.model.set_filter(
            self.filter_edit.text(), -1 if column is None else int(column)
        )

    # ---------------------------------------------------------- selection

    def _on_table_selection(self, *_: Any) -> None:
        if self._syncing or not self.layer_id:
            return
        rows = self.model.rows_of(self.table.selectionModel().selection())
        positions = self.model.positions(rows)
        # Rows hidden by the filter stay selected on the map.
        shown = np.zeros(self.model.total(), dtype=bool)
        shown[self.model.order] = True
        before = self.session.selection(self.layer_id)
        hidden = before[~shown[before]] if len(before) else before
        self._syncing = True
        try:
            self.session.set_selection(self.layer_id, np.r_[positions, hidden])
        finally:
            self._syncing = False
        self._count()

    def _on_session_selection(self, layer_id: str) -> None:
        if layer_id == self.layer_id and not self._syncing:
            self._show_selection()

    def _show_selection(self) -> None:
        positions = self.session.selection(self.layer_id) if self.layer_id else []
        selection = self.model.selection_of(np.asarray(positions, dtype=np.int64))
        self._syncing = True
        try:
            self.table.selectionModel().select(
                selection,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            rows = self.model.view_rows(np.asarray(positions, dtype=np.int64))
            if len(rows):
                self.table.scrollTo(self.model.index(int(rows[0]), 0))
        finally:
            self._syncing = False
        self._count()

    def _count(self) -> None:
        total = self.model.total()
        shown = self.model.rowCount()
        selected = len(self.session.selection(self.layer_id)) if self.layer_id else 0
        if shown == total:
            text = tr("{total:,} features, {selected:,} selected")
        else:
            text = tr("{shown:,} of {total:,} features shown, {selected:,} selected")
        self.count_label.setText(
            text.format(total=total, shown=shown, selected=selected)
        )
        self.zoom_button.setEnabled(selected > 0)
        self.clear_button.setEnabled(selected > 0)
