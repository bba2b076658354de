"""The Identify panel: why a cell has its level, and what a feature holds.

For a cell: each hazard's intensity, weight and contribution, the composite
score, the level and the rule that set it (threshold, or 就高 when one hazard
alone lifted the cell). For features under the click: their attributes,
top layer first. The first feature (or the cell) is outlined on the map.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskmap.core.explain import RULE_TAKE_HIGHEST
from riskmap.core.levels import level
from riskmap.gui.docks.table_model import format_value
from riskmap.gui.i18n import tr
from riskmap.gui.names import level_label, method_label
from riskmap.gui.project_qt import ProjectSession


def rule_text(cell: Any) -> str:
    """How a cell's level was set, in the user's words."""
    if not cell.level_code:
        return tr("outside every district: not classified")
    a, b, c = cell.thresholds
    breaks = f"{a:g} / {b:g} / {c:g}"
    if cell.rule == RULE_TAKE_HIGHEST:
        return tr(
            "就高 (take the highest): {hazard} alone reaches {level}; the "
            "thresholds {breaks} alone give {threshold_level}"
        ).format(
            hazard=cell.raised_by, level=level_label(level(cell.level_code)),
            breaks=breaks, threshold_level=level_label(level(cell.threshold_code)),
        )  # fmt: skip
    return tr("thresholds {breaks}: score {score} gives {level}").format(
        breaks=breaks, score=_number(cell.score),
        level=level_label(level(cell.level_code)),
    )  # fmt: skip


def _level_icon(code: int) -> QIcon:
    from riskmap.gui.docks.layer_model import swatch

    return swatch([level(code).colour], 12)


def _number(value: float, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.{digits}f}"


class IdentifyDock(QDockWidget):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(tr("Identify"), parent)
        self.setObjectName("identifyDock")
        self.session = session
        self.hint = QLabel(
            tr("Choose the Identify tool and click the map to see why a place "
               "has its risk level and what the features there hold.")
        )  # fmt: skip
        self.hint.setWordWrap(True)
        self.cell_box = QGroupBox(tr("Risk at this cell"))
        self.hazard_table = QTableWidget(0, 4)
        self.hazard_table.setObjectName("hazardTable")
        self.hazard_table.setHorizontalHeaderLabels(
            [tr("Hazard"), tr("Intensity"), tr("Weight"), tr("Contribution")]
        )
        self.hazard_table.verticalHeader().hide()
        self.hazard_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.hazard_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.place_label = QLabel()
        self.composite_label = QLabel()
        self.composite_label.setObjectName("compositeLabel")
        self.level_label = QLabel()
        self.level_label.setObjectName("levelLabel")
        self.rule_label = QLabel()
        self.rule_label.setObjectName("ruleLabel")
        self.rule_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Place"), self.place_label)
        form.addRow(tr("Composite score"), self.composite_label)
        form.addRow(tr("Risk level"), self.level_label)
        form.addRow(tr("Set by"), self.rule_label)
        cell_layout = QVBoxLayout(self.cell_box)
        cell_layout.addWidget(self.hazard_table, 1)
        cell_layout.addLayout(form)
        self.feature_tree = QTreeWidget()
        self.feature_tree.setObjectName("featureTree")
        self.feature_tree.setHeaderLabels([tr("Attribute"), tr("Value")])
        self.feature_tree.setColumnWidth(0, 150)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.cell_box)
        split.addWidget(self.feature_tree)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        self.setWidget(body)
        session.identified.connect(self.show_answer)
        session.projectReplaced.connect(self.show_answer)
        self.show_answer()

    def show_answer(self) -> None:
        answer = self.session.identify
        self.hint.setVisible(answer is None)
        self._show_cell(answer.cell if answer is not None else None, answer)
        self._show_features(answer.features if answer is not None else [])

    def _show_cell(self, cell: Any, answer: Any) -> None:
        self.cell_box.setVisible(cell is not None)
        if cell is None:
            return
        rows = cell.hazards
        self.hazard_table.setRowCount(len(rows))
        for r, part in enumerate(rows):
            items = [part.title, _number(part.intensity), _number(part.weight),
                     _number(part.contribution)]  # fmt: skip
            decisive = cell.rule == RULE_TAKE_HIGHEST and part.title == cell.raised_by
            for c, text in enumerate(items):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if decisive:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if c == 0 and part.level_code:
                    item.setIcon(_level_icon(part.level_code))
                self.hazard_table.setItem(r, c, item)
        self.place_label.setText(
            tr("{district} — cell row {row}, column {col}").format(
                district=cell.district or tr("outside the districts"),
                row=cell.row + 1, col=cell.col + 1,
            )
        )  # fmt: skip
        text = _number(cell.composite)
        if cell.exposure is not None:
            text = tr("{r} × exposure {e} = {score}").format(
                r=_number(cell.composite), e=_number(cell.exposure),
                score=_number(cell.score),
            )  # fmt: skip
        self.composite_label.setText(f"{text}  ({method_label(cell.method)})")
        self.rule_label.setText(rule_text(cell))
        if cell.level_code:
            lv = level(cell.level_code)
            self.level_label.setText(level_label(lv))
            ink = "#000000" if lv.key == "yellow" else "#FFFFFF"
            self.level_label.setStyleSheet(
                f"QLabel {{ background: {lv.colour}; color: {ink}; "
                "padding: 2px 6px; border-radius: 3px; font-weight: bold; }"
            )
        else:
            self.level_label.setText(tr("no data (outside the districts)"))
            self.level_label.setStyleSheet("")

    def _show_features(self, features: list[Any]) -> None:
        tree = self.feature_tree
        tree.clear()
        by_layer: dict[str, QTreeWidgetItem] = {}
        for n, hit in enumerate(features):
            top = by_layer.get(hit.layer_id)
            if top is None:
                top = QTreeWidgetItem([hit.title, ""])
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                by_layer[hit.layer_id] = top
                tree.addTopLevelItem(top)
            item = QTreeWidgetItem([tr("Feature {n}").format(n=hit.position + 1), ""])
            if n == 0:
                item.setForeground(0, QBrush(QColor("#E0007A")))
            for name, value in hit.attributes:
                item.addChild(QTreeWidgetItem([name, format_value(value)]))
            top.addChild(item)
            top.setExpanded(True)
            item.setExpanded(n == 0)
