"""The Risk model panel: weights, aggregation, 就高, classes and cell size.

Each hazard layer has a slider and a spin box showing its share of the
total weight in per cent. Setting a share changes only that layer's raw
weight (so that it takes the share asked for); the other layers keep their
raw weights and their shares follow. Every edit is one command on the undo
stack and the analysis recomputes in a worker (weights and classes
recombine the last hazard surfaces; a new cell size scores again). The
widgets read the project each time it changes and keep no values of their
own, so undo and redo put them back with the map.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from riskmap.core.commands import SetSetting, SetWeights
from riskmap.core.project import CLASSIFICATION_METHODS, COMPOSITE_METHODS
from riskmap.gui.i18n import tr
from riskmap.gui.names import method_label
from riskmap.gui.project_qt import ProjectSession
from riskmap.io.project_file import CELL_SIZE_RANGE

SLIDER_STEPS = 1000  # tenths of a per cent
MAX_SHARE = 99.0  # a share of 100 % would need an infinite raw weight
# The range the project file accepts, so the box always shows the project's
# own value (a size too fine for memory is refused when scoring, with a hint).
MIN_CELL, MAX_CELL = CELL_SIZE_RANGE


def weight_for_share(share: float, others: float) -> float:
    """The raw weight that gives a layer ``share`` (0-1) of the total when the
    other layers' raw weights add up to ``others``."""
    share = min(max(share, 0.0), MAX_SHARE / 100)
    if others <= 0:
        return 1.0 if share > 0 else 0.0
    return share * others / (1.0 - share)


def thresholds_problem(values: tuple[float, float, float]) -> str:
    """Why ``values`` cannot be class thresholds ("" when they can)."""
    if not all(0.0 < v < 1.0 for v in values):
        return tr("Thresholds must lie between 0 and 1.")
    if not values[0] < values[1] < values[2]:
        return tr("Thresholds must increase: blue < yellow < orange < red.")
    return ""


def classification_label(method: str) -> str:
    return {
        "fixed": tr("fixed thresholds"),
        "quantile": tr("quantiles"),
        "natural_breaks": tr("natural breaks (Jenks)"),
    }.get(method, method)


class _WeightRow:
    """Slider and spin box of one hazard layer (both in per cent of the total)."""

    def __init__(self, dock: RiskModelDock, layer_id: str, title: str) -> None:
        self.layer_id = layer_id
        self.label = QLabel(title)
        self.label.setToolTip(title)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(f"weightSlider_{layer_id}")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(50)
        self.slider.setMinimumWidth(60)
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName(f"weightShare_{layer_id}")
        self.spin.setRange(0.0, MAX_SHARE)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(1.0)
        self.spin.setSuffix(" %")
        self.spin.setKeyboardTracking(False)
        self.spin.setAccelerated(True)
        # Dragging shows the share in the spin box; the command is pushed on
        # release, so one drag is one undo step and one recomputation.
        self.slider.valueChanged.connect(self._on_slider_value)
        self.slider.sliderReleased.connect(
            lambda: dock.set_share(layer_id, self.slider.value() / 10)
        )
        self.spin.valueChanged.connect(lambda v: dock.set_share(layer_id, v))
        self._dock = dock

    def _on_slider_value(self, value: int) -> None:
        if self._dock.updating:
            return
        with self._dock.quiet():
            self.spin.setValue(value / 10)
        if not self.slider.isSliderDown():  # keys and clicks on the groove
            self._dock.set_share(self.layer_id, value / 10)

    def show(self, share: float, raw: float) -> None:
        self.slider.setValue(round(share * 10))
        self.spin.setValue(share)
        tip = tr("Raw weight {raw:g}: {share:.1f} % of the total").format(
            raw=raw, share=share
        )
        for w in (self.slider, self.spin, self.label):
            w.setToolTip(tip)


class RiskModelDock(QDockWidget):
    """The panel; ``ahpRequested`` and ``sensitivityRequested`` open the tools."""

    ahpRequested = Signal()
    sensitivityRequested = Signal()

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(tr("Risk model"), parent)
        self.setObjectName("riskModelDock")
        self.session = session
        self.updating = False
        self.rows: dict[str, _WeightRow] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._weights_box())
        layout.addWidget(self._composite_box())
        layout.addWidget(self._classes_box())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self._body, self._scroll = body, scroll
        session.projectReplaced.connect(self.refresh)
        session.layersChanged.connect(self.refresh)
        session.layerChanged.connect(self._on_layer_changed)
        session.settingsChanged.connect(lambda _name: self.refresh())
        session.resultChanged.connect(self._show_breaks)
        self.refresh()

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Widgets set from the project must not push commands back."""
        old, self.updating = self.updating, True
        try:
            yield
        finally:
            self.updating = old

    # --------------------------------------------------------------- build

    def _weights_box(self) -> QGroupBox:
        box = QGroupBox(tr("Weights"))
        outer = QVBoxLayout(box)
        self.weights_grid = QGridLayout()
        self.weights_grid.setColumnStretch(1, 1)
        outer.addLayout(self.weights_grid)
        self.no_hazards = QLabel(
            tr("No hazard layers: add one with Layer > Add Layer.")
        )
        self.no_hazards.setWordWrap(True)
        outer.addWidget(self.no_hazards)
        row = QHBoxLayout()
        self.equal_button = QPushButton(tr("Equal"))
        self.equal_button.setObjectName("equalWeights")
        self.equal_button.setToolTip(tr("Give every hazard the same weight"))
        self.equal_button.clicked.connect(self.set_equal)
        self.ahp_button = QPushButton(tr("AHP…"))
        self.ahp_button.setObjectName("ahpButton")
        self.ahp_button.setToolTip(tr("Derive the weights from pairwise judgements"))
        self.ahp_button.clicked.connect(self.ahpRequested.emit)
        self.sensitivity_button = QPushButton(tr("Sensitivity…"))
        self.sensitivity_button.setObjectName("sensitivityButton")
        self.sensitivity_button.setToolTip(
            tr("How much do the district levels depend on the weights?")
        )
        self.sensitivity_button.clicked.connect(self.sensitivityRequested.emit)
        for b in (self.equal_button, self.ahp_button, self.sensitivity_button):
            row.addWidget(b)
        outer.addLayout(row)
        return box

    def _composite_box(self) -> QGroupBox:
        box = QGroupBox(tr("Aggregation"))
        form = QFormLayout(box)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        for method in COMPOSITE_METHODS:
            self.method_combo.addItem(method_label(method), method)
        self.method_combo.activated.connect(
            lambda i: self._set("composite", "method", self.method_combo.itemData(i))
        )
        form.addRow(tr("Method"), self.method_combo)
        self.highest_check = QCheckBox(tr("Take the highest level (就高)"))
        self.highest_check.setToolTip(
            tr("A cell's level is at least the level of its worst single hazard")
        )
        self.highest_check.setObjectName("takeHighest")
        self.highest_check.toggled.connect(
            lambda on: self._set("composite", "take_highest", bool(on))
        )
        form.addRow(self.highest_check)
        self.cell_spin = QDoubleSpinBox()
        self.cell_spin.setObjectName("cellSize")
        self.cell_spin.setRange(MIN_CELL, MAX_CELL)
        self.cell_spin.setDecimals(0)
        self.cell_spin.setSingleStep(10)
        self.cell_spin.setSuffix(" m")
        self.cell_spin.setKeyboardTracking(False)
        self.cell_spin.setToolTip(tr("Grid cell size; a change scores the map again"))
        self.cell_spin.valueChanged.connect(
            lambda v: self._set("", "cell_size", float(v))
        )
        form.addRow(tr("Cell size"), self.cell_spin)
        return box

    def _classes_box(self) -> QGroupBox:
        box = QGroupBox(tr("Classification"))
        form = QFormLayout(box)
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classCombo")
        for method in CLASSIFICATION_METHODS:
            self.class_combo.addItem(classification_label(method), method)
        self.class_combo.activated.connect(
            lambda i: self._set(
                "classification", "method", self.class_combo.itemData(i)
            )
        )
        form.addRow(tr("Method"), self.class_combo)
        self.threshold_spins = []
        row = QHBoxLayout()
        for i, name in enumerate((tr("yellow ≥"), tr("orange ≥"), tr("red ≥"))):
            spin = QDoubleSpinBox()
            spin.setObjectName(f"threshold{i}")
            spin.setRange(0.01, 0.99)
            spin.setDecimals(2)
            spin.setSingleStep(0.05)
            spin.setKeyboardTracking(False)
            spin.setToolTip(name)
            spin.valueChanged.connect(self._on_threshold)
            self.threshold_spins.append(spin)
            row.addWidget(spin)
        form.addRow(tr("Thresholds"), row)
        self.breaks_label = QLabel()
        self.breaks_label.setObjectName("breaksLabel")
        self.breaks_label.setWordWrap(True)
        form.addRow(self.breaks_label)
        return box

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Show the project's model settings (after any change, undo or redo)."""
        project = self.session.project
        hazards = project.hazard_layers()
        with self.quiet():
            if [r.layer_id for r in self.rows.values()] != [s.id for s in hazards]:
                self._rebuild_rows()
            shares = project.normalised_weights()
            for spec in hazards:
                row = self.rows[spec.id]
                row.label.setText(spec.title)
                row.show(100 * shares.get(spec.id, 0.0), spec.weight)
            c, k = project.composite, project.classification
            self.method_combo.setCurrentIndex(self.method_combo.findData(c.method))
            self.highest_check.setChecked(bool(c.take_highest))
            self.cell_spin.setValue(float(project.cell_size))
            self.class_combo.setCurrentIndex(self.class_combo.findData(k.method))
            for spin, value in zip(self.threshold_spins, k.thresholds, strict=True):
                spin.setValue(float(value))
                spin.setEnabled(k.method == "fixed")
        has = bool(hazards)
        self.no_hazards.setVisible(not has)
        for w in (self.equal_button, self.ahp_button, self.sensitivity_button):
            w.setEnabled(has)
        self.ahp_button.setEnabled(len(hazards) >= 2)
        self._show_breaks()

    def _rebuild_rows(self) -> None:
        grid = self.weights_grid
        while grid.count():
            item = grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = {}
        for i, spec in enumerate(self.session.project.hazard_layers()):
            row = _WeightRow(self, spec.id, spec.title)
            self.rows[spec.id] = row
            grid.addWidget(row.label, i, 0)
            grid.addWidget(row.slider, i, 1)
            grid.addWidget(row.spin, i, 2)
        self._fit_width()

    def _fit_width(self) -> None:
        """Never narrower than the widgets need (they would be cut off)."""
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        self._scroll.setMinimumWidth(self._body.minimumSizeHint().width() + bar + 2)

    def _on_layer_changed(self, _layer_id: str, name: str) -> None:
        if name in ("weight", "name", "kind"):
            self.refresh()

    def _show_breaks(self) -> None:
        project, result = self.session.project, self.session.result
        problem = thresholds_problem(tuple(s.value() for s in self.threshold_spins))
        if problem:
            text = problem
        elif project.classification.method != "fixed" and result is not None:
            text = tr("Breaks computed from the scores: {breaks}").format(
                breaks=" / ".join(f"{t:.3f}" for t in result.thresholds)
            )
        else:
            text = ""
        self.breaks_label.setText(text)
        self.breaks_label.setStyleSheet("color: #B71C1C;" if problem else "")
        self.breaks_label.setVisible(bool(text))

    # ------------------------------------------------------------ writing

    def _set(self, group: str, name: str, value: Any) -> None:
        if self.updating:
            return
        target = getattr(self.session.project, group) if group else self.session.project
        if getattr(target, name) != value:
            self.session.push(SetSetting(group, name, value))

    def set_share(self, layer_id: str, percent: float) -> None:
        """Give ``layer_id`` ``percent`` of the total weight (one undo step)."""
        if self.updating:
            return
        project = self.session.project
        hazards = project.hazard_layers()
        current = project.normalised_weights().get(layer_id, 0.0) * 100
        if abs(current - percent) < 0.05:
            return
        others = sum(s.weight for s in hazards if s.id != layer_id)
        weight = weight_for_share(percent / 100, others)
        if not hazards or all(
            (s.weight if s.id != layer_id else weight) <= 0 for s in hazards
        ):
            self.refresh()  # every weight zero cannot be scored: keep the old
            return
        self.session.push(SetWeights({layer_id: round(weight, 6)}))

    def set_equal(self) -> None:
        hazards = self.session.project.hazard_layers()
        if hazards and any(s.weight != 1.0 for s in hazards):
            self.session.push(SetWeights({s.id: 1.0 for s in hazards}))

    def _on_threshold(self, _value: float) -> None:
        if self.updating:
            return
        values = tuple(round(s.value(), 4) for s in self.threshold_spins)
        self._show_breaks()
        current = tuple(
            float(t) for t in self.session.project.classification.thresholds
        )
        if thresholds_problem(values) or values == current:
            return
        self.session.push(SetSetting("classification", "thresholds", values))
