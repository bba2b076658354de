"""Weights from pairwise judgements (AHP, DOMAIN.md 6.2).

The user fills the upper triangle of the comparison matrix on Saaty's 1-9
scale (typed or picked as 3 or 1/3); the lower triangle shows the
reciprocals. Weights, lambda_max, CI, RI and CR follow every edit, with a
plain verdict: 一致性可接受 (CR < 0.10) or 需要修改判断, naming the judgement
that departs most from the weights. Apply sets every weight in one undoable
command.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskmap.core.ahp import CR_LIMIT, ahp_weights, most_inconsistent
from riskmap.core.commands import SetWeights
from riskmap.errors import RiskmapError, SettingsError
from riskmap.gui.i18n import tr

#: Saaty's scale as offered in the cells, strongest row preference first.
SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1] + [Fraction(1, k) for k in range(2, 10)]
GOOD, BAD = "#1B5E20", "#B71C1C"


def saaty_text(value: float) -> str:
    """3 -> "3", 0.333.. -> "1/3" (the nearest value of the scale)."""
    best = min(SAATY, key=lambda s: abs(math.log(float(s)) - math.log(value)))
    return str(best)


def parse_saaty(text: str) -> float:
    """A judgement typed as "3", "1/3" or "0.5"; SettingsError when it is not
    a number on Saaty's scale 1/9 … 9."""
    cleaned = text.strip().replace("／", "/").replace(" ", "")
    try:
        value = float(Fraction(cleaned))
    except (ValueError, ZeroDivisionError):
        raise SettingsError(
            tr("“{text}” is not a judgement").format(text=text),
            tr("type a number from 1/9 to 9, e.g. 3 or 1/3"),
        ) from None
    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
        raise SettingsError(
            tr("{text} is outside Saaty's scale 1/9 … 9").format(text=text),
            tr("1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme"),
        )
    return value


def fit_height(table: QTableWidget) -> None:
    """Make ``table`` exactly as tall as its rows (no empty band, no scrolling)."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(rows + header + 2 * table.frameWidth() + 2)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class AHPDialog(QDialog):
    """The comparison matrix for ``criteria`` [(layer id, title), ...]."""

    applied = Signal(dict)

    def __init__(
        self,
        session: Any,
        criteria: list[tuple[str, str]],
        start: list[float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ahpDialog")
        self.setWindowTitle(tr("Weights by pairwise comparison (AHP)"))
        self.session = session
        self.criteria = criteria
        self.result: Any = None
        n = len(criteria)
        self.matrix = np.ones((n, n))
        if start is not None:
            w = np.asarray(start, dtype=float)
            if (w > 0).all():
                self.matrix = w[:, None] / w[None, :]
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "For each pair: how much more important is the row's hazard than "
                "the column's? 1 equal, 3 moderate, 5 strong, 7 very strong, "
                "9 extreme; 1/3 … 1/9 when the column's matters more."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(n, n)
        self.table.setObjectName("ahpMatrix")
        titles = [title for _, title in criteria]
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setVerticalHeaderLabels(titles)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.combos: dict[tuple[int, int], QComboBox] = {}
        for i in range(n):
            for j in range(n):
                if i < j:
                    self.table.setCellWidget(i, j, self._combo(i, j))
                else:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setForeground(Qt.GlobalColor.darkGray)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    self.table.setItem(i, j, item)
        fit_height(self.table)
        layout.addWidget(self.table)
        layout.addWidget(self._results_box())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(tr("Apply weights"))
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(max(680, 160 + 130 * n), self.sizeHint().height() + 40)
        self.recompute()

    @classmethod
    def for_session(cls, session: Any, parent: QWidget | None = None) -> AHPDialog:
        hazards = session.project.hazard_layers()
        if len(hazards) < 2:
            raise RiskmapError(
                tr("AHP needs at least two hazard layers."),
                tr("Add hazard layers first, or set the weight directly."),
            )
        criteria = [(s.id, s.title) for s in hazards]
        return cls(session, criteria, [s.weight for s in hazards], parent)

    def _combo(self, i: int, j: int) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"judgement_{i}_{j}")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems([str(s) for s in SAATY])
        combo.setCurrentText(saaty_text(self.matrix[i, j]))
        combo.lineEdit().setAlignment(Qt.AlignmentFlag.AlignCenter)
        combo.currentTextChanged.connect(lambda _t: self.recompute())
        self.combos[(i, j)] = combo
        return combo

    def _results_box(self) -> QGroupBox:
        box = QGroupBox(tr("Result"))
        grid = QGridLayout(box)
        self.weights_table = QTableWidget(len(self.criteria), 3)
        self.weights_table.setObjectName("ahpWeights")
        self.weights_table.setHorizontalHeaderLabels(
            [tr("Hazard"), tr("AHP weight"), tr("Now")]
        )
        self.weights_table.verticalHeader().setVisible(False)
        self.weights_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.weights_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        fit_height(self.weights_table)
        grid.addWidget(self.weights_table, 0, 0, 1, 2)
        self.numbers_label = QLabel()
        self.numbers_label.setObjectName("ahpNumbers")
        self.numbers_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        grid.addWidget(self.numbers_label, 1, 0, 1, 2)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("ahpVerdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setMinimumHeight(3 * self.fontMetrics().height())
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.verdict_label, 2, 0, 1, 2)
        return box

    # ------------------------------------------------------------ compute

    def judgements(self) -> np.ndarray:
        """The full matrix from the upper triangle (SettingsError if a cell is bad)."""
        n = len(self.criteria)
        a = np.ones((n, n))
        for (i, j), combo in self.combos.items():
            a[i, j] = parse_saaty(combo.currentText())
            a[j, i] = 1.0 / a[i, j]
        return a

    def recompute(self) -> None:
        n = len(self.criteria)
        self.result = None
        bad = ""
        for combo in self.combos.values():
            try:
                parse_saaty(combo.currentText())
                combo.setStyleSheet("")
            except SettingsError as exc:
                combo.setStyleSheet(f"QComboBox {{ color: {BAD}; }}")
                bad = bad or f"{exc.message}: {exc.hint}"
        if bad:
            self._show_verdict(bad, False)
            self.apply_button.setEnabled(False)
            return
        a = self.judgements()
        for i in range(n):
            for j in range(i + 1):
                self.table.item(i, j).setText(saaty_text(a[i, j]))
        self.matrix = a
        self.result = r = ahp_weights(a)
        now = self.session.project.normalised_weights()
        for row, ((layer_id, title), w) in enumerate(
            zip(self.criteria, r.weights, strict=True)
        ):
            cells = [title, f"{100 * w:.1f} %", f"{100 * now.get(layer_id, 0):.1f} %"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.weights_table.setItem(row, col, item)
        self.numbers_label.setText(
            f"λmax = {r.lambda_max:.4f}    CI = {r.ci:.4f}    RI = {r.ri:.2f}    "
            f"CR = {r.cr:.4f}"
        )
        if r.consistent:
            text = tr(
                "一致性可接受 — consistency is acceptable (CR {cr:.3f} < {limit:.2f})"
            )
        else:
            text = tr(
                "需要修改判断 — revise the judgements (CR {cr:.3f} ≥ {limit:.2f})"
            )
        text = text.format(cr=r.cr, limit=CR_LIMIT)
        worst = most_inconsistent(a, r.weights)
        if worst is not None and not r.consistent:
            text += "\n" + tr(
                "Look first at {row} vs {col}: judged {judged}, the weights imply "
                "about {implied}."
            ).format(
                row=self.criteria[worst.row][1],
                col=self.criteria[worst.col][1],
                judged=saaty_text(worst.judged),
                implied=f"{worst.implied:.2g}",
            )
        self._show_verdict(text, r.consistent)
        self.apply_button.setEnabled(r.consistent)
        self.apply_button.setToolTip(
            "" if r.consistent else tr("Revise the judgements until CR < 0.10")
        )

    def _show_verdict(self, text: str, good: bool) -> None:
        self.verdict_label.setText(text)
        colour = GOOD if good else BAD
        self.verdict_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def weights(self) -> dict[str, float]:
        """The AHP weights by layer id (rounded to 4 decimals, as saved)."""
        if self.result is None:
            return {}
        return {
            layer_id: round(w, 4)
            for (layer_id, _), w in zip(self.criteria, self.result.weights, strict=True)
        }

    def apply(self) -> None:
        """Set the weights in one undoable step and close."""
        weights = self.weights()
        if not weights or not self.result.consistent:
            return
        self.session.push(SetWeights(weights, text="AHP weights"))
        self.applied.emit(weights)
        self.accept()
