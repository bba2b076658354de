"""The Layers panel: what is drawn, in which order, and how each layer counts.

The list (see :mod:`riskmap.gui.docks.layer_model`) toggles and reorders
layers; the form below edits the current layer's opacity, colour, line
width, hazard kind and weight. Every edit is one command on the undo stack;
the form only reflects the project and never keeps values of its own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from riskmap.core.commands import Batch, SetLayerProperty, SetWeights
from riskmap.core.project import LayerSpec
from riskmap.gui.docks.layer_model import (
    DISTRICTS,
    SURFACE,
    LayerIdRole,
    LayerListModel,
    base_symbol,
    geometry_of,
    has_fill,
    layer_colour,
)
from riskmap.gui.i18n import tr
from riskmap.gui.names import kind_label, kinds
from riskmap.gui.project_qt import ProjectSession


class LayersDock(QDockWidget):
    zoomToLayer = Signal(str)
    openTable = Signal(str)
    removeLayer = Signal(str)

    def __init__(self, session: ProjectSession, options: Any, parent: Any = None):
        super().__init__(tr("Layers"), parent)
        self.setObjectName("layersDock")
        self.session = session
        self.model = LayerListModel(session, options, self)
        self.view = QListView()
        self.view.setObjectName("layerList")
        self.view.setModel(self.model)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.doubleClicked.connect(self._on_double_click)
        self.form = self._build_form()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.form, 0)
        self.setWidget(body)
        session.layerChanged.connect(lambda *_: self._show_current())
        session.settingsChanged.connect(lambda *_: self._show_current())
        session.currentLayerChanged.connect(self._select_current)
        self.model.modelReset.connect(self._select_current)
        self._show_current()

    # ---------------------------------------------------------------- form

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(tr("Layer properties"))
        box.setObjectName("layerProperties")
        form = QFormLayout(box)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        form.addRow(self.title_label)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.activated.connect(self._on_kind)
        form.addRow(tr("Hazard kind"), self.kind_combo)
        self.weight_spin = QDoubleSpinBox()
        self.weight_spin.setObjectName("weightSpin")
        self.weight_spin.setRange(0.0, 100.0)
        self.weight_spin.setDecimals(2)
        self.weight_spin.setSingleStep(0.05)
        self.weight_spin.setKeyboardTracking(False)
        self.weight_spin.valueChanged.connect(self._on_weight)
        self.share_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.weight_spin, 1)
        row.addWidget(self.share_label)
        form.addRow(tr("Weight"), row)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setObjectName("opacitySlider")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.sliderReleased.connect(self._on_opacity)
        self.opacity_slider.valueChanged.connect(self._on_opacity_value)
        self.opacity_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.opacity_slider, 1)
        row.addWidget(self.opacity_label)
        form.addRow(tr("Opacity"), row)
        self.colour_button = QPushButton()
        self.colour_button.setObjectName("colourButton")
        self.colour_button.clicked.connect(self._on_colour)
        self.width_spin = QDoubleSpinBox()
        self.width_spin.setObjectName("widthSpin")
        self.width_spin.setRange(0.1, 10.0)
        self.width_spin.setSingleStep(0.1)
        self.width_spin.setSuffix(" pt")
        self.width_spin.setKeyboardTracking(False)
        self.width_spin.valueChanged.connect(self._on_width)
        row = QHBoxLayout()
        row.addWidget(self.colour_button, 1)
        row.addWidget(self.width_spin)
        form.addRow(tr("Colour and width"), row)
        buttons = QHBoxLayout()
        self.zoom_button = QPushButton(tr("Zoom to layer"))
        self.zoom_button.clicked.connect(lambda: self.zoomToLayer.emit(self._current()))
        self.table_button = QPushButton(tr("Attribute table"))
        self.table_button.clicked.connect(lambda: self.openTable.emit(self._current()))
        buttons.addWidget(self.zoom_button)
        buttons.addWidget(self.table_button)
        form.addRow(buttons)
        return box

    def _current(self) -> str:
        layer_id = self.session.current_layer
        try:
            self.session.project.layer(layer_id)
        except KeyError:
            return ""
        return layer_id

    def _spec(self) -> LayerSpec | None:
        layer_id = self._current()
        return self.session.project.layer(layer_id) if layer_id else None

    def _show_current(self) -> None:
        spec = self._spec()
        self.form.setEnabled(spec is not None)
        widgets = (self.kind_combo, self.weight_spin, self.opacity_slider,
                   self.width_spin)  # fmt: skip
        blockers = [QSignalBlocker(w) for w in widgets]
        self.kind_combo.clear()
        for kind, label in kinds():
            self.kind_combo.addItem(label, kind)
        if spec is None:
            self.title_label.setText(tr("Select a layer in the list."))
            del blockers
            return
        self.title_label.setText(f"<b>{spec.title}</b>")
        at = self.kind_combo.findData(spec.kind)
        if at < 0:
            self.kind_combo.addItem(kind_label(spec.kind), spec.kind)
            at = self.kind_combo.count() - 1
        self.kind_combo.setCurrentIndex(at)
        self.weight_spin.setEnabled(spec.is_hazard)
        self.weight_spin.setValue(spec.weight)
        share = self.session.project.normalised_weights().get(spec.id)
        self.share_label.setText(
            tr("{share:.0%} of all").format(share=share) if share is not None else ""
        )
        self.opacity_slider.setValue(round(spec.opacity * 100))
        self.opacity_label.setText(f"{round(spec.opacity * 100)} %")
        colour = layer_colour(spec, geometry_of(self.session, spec.id))
        self.colour_button.setText(colour)
        self.colour_button.setStyleSheet(
            f"QPushButton {{ background: {colour}; color: "
            f"{'#000' if QColor(colour).lightness() > 140 else '#FFF'}; }}"
        )
        geometry = geometry_of(self.session, spec.id)
        self.width_spin.setValue(float(base_symbol(spec, geometry).width))
        del blockers

    # ------------------------------------------------------------ edits

    def _on_current(self, index: Any, _previous: Any = None) -> None:
        layer_id = self.model.data(index, LayerIdRole) or ""
        if layer_id in (DISTRICTS, SURFACE):
            layer_id = ""
        self.session.set_current_layer(layer_id)
        self._show_current()

    def _select_current(self, *_: Any) -> None:
        row = self.model.row_of(self.session.current_layer)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.setCurrentIndex(self.model.index(row))
        self._show_current()

    def _on_double_click(self, index: Any) -> None:
        layer_id = self.model.data(index, LayerIdRole)
        if layer_id not in (DISTRICTS, SURFACE):
            self.zoomToLayer.emit(layer_id)

    def _on_kind(self, _row: int) -> None:
        spec = self._spec()
        kind = self.kind_combo.currentData()
        if spec is None or kind == spec.kind:
            return
        # The old kind's field mapping means nothing to the new kind.
        self.session.push(
            Batch(
                [SetLayerProperty(spec.id, "kind", kind),
                 SetLayerProperty(spec.id, "fields", {})],
                tr("Change hazard kind of {layer}").format(layer=spec.title),
            )
        )  # fmt: skip

    def _on_weight(self, value: float) -> None:
        spec = self._spec()
        if spec is not None and abs(value - spec.weight) > 1e-9:
            self.session.push(SetWeights({spec.id: float(value)}))

    def _on_opacity_value(self, value: int) -> None:
        self.opacity_label.setText(f"{value} %")
        if not self.opacity_slider.isSliderDown():
            self._on_opacity()

    def _on_opacity(self) -> None:
        spec = self._spec()
        value = self.opacity_slider.value() / 100
        if spec is not None and abs(value - spec.opacity) > 1e-9:
            self.session.push(SetLayerProperty(spec.id, "opacity", value))

    def _set_style(self, **changes: Any) -> None:
        spec = self._spec()
        if spec is None:
            return
        style = {**spec.style, **changes}
        if style != spec.style:
            self.session.push(SetLayerProperty(spec.id, "style", style))

    def _on_colour(self) -> None:
        spec = self._spec()
        if spec is None:
            return
        start = QColor(layer_colour(spec, geometry_of(self.session, spec.id)))
        colour = QColorDialog.getColor(start, self, tr("Colour"))
        if colour.isValid():
            self.set_colour(colour.name())

    def set_colour(self, colour: str) -> None:
        """Colour the current layer: its fill when it has one, else its lines."""
        spec = self._spec()
        if spec is None:
            return
        if has_fill(spec, geometry_of(self.session, spec.id)):
            self._set_style(fill=colour)
        else:
            self._set_style(color=colour)

    def _on_width(self, value: float) -> None:
        self._set_style(width=round(float(value), 2))
