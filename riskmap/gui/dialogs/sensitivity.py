"""Sensitivity of the district levels to the weights (DOMAIN.md 6.4).

Runs the engine's Monte Carlo (:func:`riskmap.pipeline.sensitivity.add_sensitivity`)
on the map's current result in a worker, with progress and cancel. The
table lists per district the probability of each level, the rank and its
5-95 % range and whether the level is unstable (it changes in more than
20 % of the runs); unstable districts are outlined and hatched on the map.
A new result (other weights, other classes) makes the table out of date.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from riskmap.core.levels import level
from riskmap.core.sensitivity import DEFAULT_ALPHA, DEFAULT_RUNS, UNSTABLE_SHARE
from riskmap.gui.crash import show_error
from riskmap.gui.i18n import tr
from riskmap.gui.names import level_label

OVERLAY = "sensitivity"
UNSTABLE_COLOUR = "#6A1B9A"
UNSTABLE_BACKGROUND = "#F3E5F5"


def unstable_overlay(result: Any, unstable: np.ndarray) -> tuple:
    """The unstable districts as a hatched, outlined layer for the canvas."""
    from riskmap.render.model import VectorLayer
    from riskmap.render.styles import resolve_style

    geoms = np.asarray(result.districts.geometry.values, dtype=object)[unstable]
    if not len(geoms):
        return ()
    style = resolve_style(
        {"color": UNSTABLE_COLOUR, "fill": "none", "width": 2.6, "hatch": "///"},
        "polygon",
        "unstable",
    )
    return (VectorLayer("sensitivity:unstable", "", "polygon", geoms, style),)


class _Item(QTableWidgetItem):
    """Sorts by the number behind the text (50 % after 5 %)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.data(Qt.ItemDataRole.UserRole)
        theirs = other.data(Qt.ItemDataRole.UserRole)
        if mine is None or theirs is None:
            return self.text() < other.text()
        return mine < theirs


class SensitivityDialog(QDialog):
    """Non-modal; keeps the last analysis until the map's result changes."""

    finished_run = Signal(object)  # the Result with its sensitivity

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("sensitivityDialog")
        self.setWindowTitle(tr("Sensitivity of the levels to the weights"))
        self.window_ = window
        self.session = window.session
        self.runner = window.runner
        self.result: Any = None  # the Result the table shows
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Draws the weights at random around the chosen ones (Dirichlet) "
                "many times and counts how often each district keeps its level."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.runs_spin = QSpinBox()
        self.runs_spin.setObjectName("runsSpin")
        self.runs_spin.setRange(10, 100_000)
        self.runs_spin.setSingleStep(100)
        self.runs_spin.setValue(DEFAULT_RUNS)
        form.addRow(tr("Runs"), self.runs_spin)
        self.alpha_spin = QDoubleSpinBox()
        self.alpha_spin.setObjectName("alphaSpin")
        self.alpha_spin.setRange(1.0, 1000.0)
        self.alpha_spin.setDecimals(0)
        self.alpha_spin.setValue(DEFAULT_ALPHA)
        self.alpha_spin.setToolTip(
            tr("Concentration: 50 spreads a weight of 1/3 by about ±20 %")
        )
        form.addRow(tr("Concentration α"), self.alpha_spin)
        self.vary_check = QCheckBox(tr("Also vary the aggregation method"))
        self.vary_check.setObjectName("varyMethod")
        form.addRow(self.vary_check)
        for spin in (self.runs_spin, self.alpha_spin):
            spin.setMaximumWidth(160)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.run_button = QPushButton(tr("Run"))
        self.run_button.setObjectName("runSensitivity")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda: self.run())
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancelSensitivity")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        row.addWidget(self.run_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("sensitivitySummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(0, 9)
        self.table.setObjectName("sensitivityTable")
        self.table.setHorizontalHeaderLabels(
            [tr("District"), tr("Level"), tr("P(low)"), tr("P(moderate)"),
             tr("P(high)"), tr("P(major)"), tr("Rank"), tr("Rank 5–95 %"),
             tr("Unstable")]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemDoubleClicked.connect(self._zoom_to_row)
        layout.addWidget(self.table, 1)
        self.map_check = QCheckBox(tr("Outline unstable districts on the map"))
        self.map_check.setObjectName("showUnstable")
        self.map_check.setChecked(True)
        self.map_check.toggled.connect(lambda _on: self._update_overlay())
        layout.addWidget(self.map_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self._set_busy(False)
        self.session.resultChanged.connect(self._on_result)
        self.runner.finished.connect(self._on_task_end)
        self._on_result()

    # ---------------------------------------------------------------- run

    def _set_busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy and self.session.result is not None)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def busy(self) -> bool:
        return self.cancel_button.isEnabled()

    def run(self) -> bool:
        """Start the analysis on the current result (False when there is none)."""
        from riskmap.pipeline.sensitivity import add_sensitivity

        base = self.session.result
        if base is None:
            return False
        runs, alpha = self.runs_spin.value(), self.alpha_spin.value()
        vary = self.vary_check.isChecked()

        def work(feedback: Any) -> Any:
            return add_sensitivity(base, runs, alpha, vary, 0, feedback)

        def done(result: Any) -> None:
            self._set_busy(False)
            if self.session.result is not base:
                self.summary_label.setText(tr("The map changed meanwhile: run again."))
                return
            self.show_result(result)
            self.finished_run.emit(result)

        def failed(exc: BaseException, tb: str) -> None:
            self._set_busy(False)
            show_error(self, exc, tb)

        def canceled() -> None:
            self._set_busy(False)
            self.summary_label.setText(tr("Canceled."))

        task = self.runner.start("sensitivity", work, done, failed, canceled)
        task.feedback.progress.connect(lambda p: self.progress.setValue(round(p)))
        self._set_busy(True)
        self.summary_label.setText(tr("Running {runs} runs…").format(runs=runs))
        return True

    def _on_task_end(self, name: str) -> None:
        # Canceled elsewhere (the status bar's Cancel): no callback comes.
        # Looked at once the task's own callbacks have run.
        if name == "sensitivity":
            QTimer.singleShot(0, self._check_canceled)

    def _check_canceled(self) -> None:
        if "sensitivity" not in self.runner.running() and self.busy():
            self._set_busy(False)
            self.summary_label.setText(tr("Canceled."))

    def cancel(self) -> None:
        if self.busy():
            self.runner.cancel("sensitivity")
            self._set_busy(False)
            self.summary_label.setText(tr("Canceled."))

    # ------------------------------------------------------------ results

    def _on_result(self) -> None:
        if self.busy():
            self.cancel()
        if self.result is not None:
            self.summary_label.setText(
                tr("The map changed since the last run: run again to update.")
            )
        self.result = None
        self.table.setRowCount(0)
        self._update_overlay()
        self._set_busy(False)

    def show_result(self, result: Any) -> None:
        self.result = result
        stats = result.stats
        sens = result.sensitivity
        table = self.table
        table.setSortingEnabled(False)
        table.setRowCount(len(stats))
        unstable = stats["unstable"].to_numpy(bool)
        for row in range(len(stats)):
            s = stats.iloc[row]
            code = int(s["level_code"])
            cells: list[tuple[str, Any]] = [
                (str(result.districts["name"].iloc[row]), None),
                (level_label(level(code)) if code else "—", code),
            ]
            for key in ("p_blue", "p_yellow", "p_orange", "p_red"):
                cells.append((f"{100 * s[key]:.0f} %", float(s[key])))
            cells.append((str(int(s["rank"])), int(s["rank"])))
            cells.append((f"{int(s['rank_p05'])}–{int(s['rank_p95'])}",
                          int(s["rank_p95"]) - int(s["rank_p05"])))  # fmt: skip
            flag = bool(unstable[row])
            cells.append((tr("yes") if flag else "—", int(flag)))
            for col, (text, key) in enumerate(cells):
                item = _Item(text)
                if key is not None:
                    item.setData(Qt.ItemDataRole.UserRole, key)
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(Qt.ItemDataRole.UserRole + 1, row)
                if flag:
                    item.setBackground(QBrush(QColor(UNSTABLE_BACKGROUND)))
                    if col in (0, 8):
                        item.setForeground(QBrush(QColor(UNSTABLE_COLOUR)))
                table.setItem(row, col, item)
        table.setSortingEnabled(True)
        self.summary_label.setText(
            tr(
                "{unstable} of {total} districts are unstable (their level changes "
                "in more than {share:.0f} % of {runs} runs); mean rank shift "
                "{shift:.2f}."
            ).format(
                unstable=int(unstable.sum()),
                total=len(stats),
                share=100 * UNSTABLE_SHARE,
                runs=sens.runs,
                shift=sens.mean_rank_shift,
            )
        )
        self._update_overlay()

    def unstable_names(self) -> list[str]:
        if self.result is None:
            return []
        mask = self.result.stats["unstable"].to_numpy(bool)
        return [str(n) for n in self.result.districts["name"][mask]]

    def _update_overlay(self) -> None:
        canvas = self.window_.canvas
        if self.result is None or not self.map_check.isChecked():
            canvas.set_overlay(OVERLAY, ())
            return
        mask = self.result.stats["unstable"].to_numpy(bool)
        canvas.set_overlay(OVERLAY, unstable_overlay(self.result, mask))

    def _zoom_to_row(self, item: QTableWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole + 1)
        if row is not None and hasattr(self.window_, "nav"):
            self.window_.nav.zoom_to_district(int(row))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._update_overlay()

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        self.window_.canvas.set_overlay(OVERLAY, ())
        super().closeEvent(event)
