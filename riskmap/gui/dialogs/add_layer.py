"""Add Layer: look at a file before it joins the project.

The dialog takes a path (the File menu asks for it first, tests pass it
directly): it lists the layers inside a multi-layer file, previews the first
records decoded with a chosen encoding, shows the detected CRS with a chooser
(GCJ-02 and BD-09 included), and the field mapping the chosen hazard kind
would use, to confirm or change. OK loads the layer in a worker; only a layer
that loads is added to the project (one undoable command), and whatever the
loader repaired, dropped or guessed is shown to the user.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskmap.core.commands import AddLayer, SetSetting
from riskmap.core.fields import InputField, suggest_mapping
from riskmap.core.hazard import get_model
from riskmap.core.project import BASE_KIND, DistrictSpec, LayerSpec
from riskmap.errors import RiskmapError
from riskmap.gui.dialogs.layer_source import ENCODINGS, LayerFacts, LayerSource
from riskmap.gui.i18n import CHINESE, current_language, pick, tr
from riskmap.gui.names import kinds
from riskmap.gui.project_qt import ProjectSession
from riskmap.gui.workers import TaskRunner

DISTRICTS_KIND = "__districts__"
NOT_USED = ""


def crs_choices() -> list[tuple[str, str]]:
    """(label, value) of the coordinate systems offered besides the file's."""
    return [
        (tr("CGCS2000 longitude/latitude (EPSG:4490)"), "EPSG:4490"),
        (tr("WGS 84 longitude/latitude (EPSG:4326)"), "EPSG:4326"),
        (tr("GCJ-02 (Amap, Tencent, QQ maps)"), "GCJ-02"),
        (tr("BD-09 (Baidu maps)"), "BD-09"),
        (tr("CGCS2000 / 3-degree Gauss-Krüger CM 108E (EPSG:4545)"), "EPSG:4545"),
        (tr("CGCS2000 / 3-degree Gauss-Krüger CM 105E (EPSG:4544)"), "EPSG:4544"),
        (tr("CGCS2000 / 3-degree Gauss-Krüger zone 36 (EPSG:4524)"), "EPSG:4524"),
    ]


def unique_id(stem: str, taken: set[str]) -> str:
    base = re.sub(r"\W+", "_", stem.strip().lower()).strip("_") or "layer"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def input_label(inp: InputField) -> str:
    """How a model input is named to the user (its label, else an alias)."""
    if inp.label:
        return pick(inp.label, inp.name)
    if current_language() == CHINESE:
        chinese = [
            a for a in inp.aliases if any("\u4e00" <= ch <= "\u9fff" for ch in a)
        ]
        if chinese:
            return chinese[0]
    return inp.name.replace("_", " ")


def model_inputs(kind: str) -> tuple[InputField, ...]:
    if kind == DISTRICTS_KIND:
        from riskmap.pipeline.loading import DISTRICT_NAME

        return (DISTRICT_NAME,)
    if kind == BASE_KIND:
        return ()
    return tuple(get_model(kind).inputs)


class AddLayerDialog(QDialog):
    layerAdded = Signal(str)  # layer id ("districts" for the district layer)

    def __init__(
        self,
        session: ProjectSession,
        runner: TaskRunner,
        path: str | Path,
        analysis: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addLayerDialog")
        self.session = session
        self.runner = runner
        self.analysis = analysis
        self.source = LayerSource(path)
        self.facts: LayerFacts | None = None
        self.preview_frame = pd.DataFrame()
        self.warnings: list[str] = []
        self.setWindowTitle(tr("Add Layer: {name}").format(name=self.source.path.name))
        self.resize(860, 760)
        self._build()
        self._on_layer(0)

    # ------------------------------------------------------------- layout

    def _build(self) -> None:
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("sourceLayerCombo")
        for name, gtype in self.source.layers:
            self.layer_combo.addItem(f"{name}  ({gtype})", name)
        self.layer_combo.setEnabled(len(self.source.layers) > 1)
        self.layer_combo.currentIndexChanged.connect(self._on_layer)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.encoding_combo = QComboBox()
        self.encoding_combo.setObjectName("encodingCombo")
        self.encoding_combo.currentIndexChanged.connect(self._on_encoding)
        self.encoding_how = QLabel()
        self.encoding_how.setWordWrap(True)
        self.preview_table = QTableWidget()
        self.preview_table.setObjectName("previewTable")
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setDefaultSectionSize(22)
        self.crs_combo = QComboBox()
        self.crs_combo.setObjectName("crsCombo")
        self.crs_combo.setEditable(True)
        self.crs_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.crs_how = QLabel()
        self.crs_how.setWordWrap(True)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("addKindCombo")
        for kind, label in kinds():
            self.kind_combo.addItem(label, kind)
        self.kind_combo.addItem(tr("District boundaries (区县边界)"), DISTRICTS_KIND)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.name_edit = QLineEdit(self.source.path.stem)
        self.name_edit.setObjectName("layerNameEdit")
        self.weight_spin = QDoubleSpinBox()
        self.weight_spin.setObjectName("addWeightSpin")
        self.weight_spin.setRange(0.0, 100.0)
        self.weight_spin.setDecimals(2)
        self.weight_spin.setValue(1.0)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setObjectName("mappingTable")
        self.mapping_table.setHorizontalHeaderLabels(
            [tr("Model input"), tr("Attribute"), tr("First value")]
        )
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.verticalHeader().setDefaultSectionSize(26)
        self.mapping_table.setMinimumHeight(170)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("notesLabel")
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #8A4B00;")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Add layer"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        source = QGroupBox(tr("Source"))
        form = QFormLayout(source)
        form.addRow(tr("File"), QLabel(str(self.source.path)))
        form.addRow(tr("Layer in file"), self.layer_combo)
        form.addRow(self.facts_label)
        row = QHBoxLayout()
        row.addWidget(self.encoding_combo)
        row.addWidget(self.encoding_how, 1)
        form.addRow(tr("Text encoding"), row)
        form.addRow(self.preview_table)
        row = QHBoxLayout()
        row.addWidget(self.crs_combo, 1)
        form.addRow(tr("Coordinate system"), row)
        form.addRow(self.crs_how)
        use = QGroupBox(tr("Use in the project"))
        form2 = QFormLayout(use)
        form2.addRow(tr("Name"), self.name_edit)
        form2.addRow(tr("Hazard kind"), self.kind_combo)
        form2.addRow(tr("Weight"), self.weight_spin)
        form2.addRow(tr("Field mapping"), self.mapping_table)
        layout = QVBoxLayout(self)
        layout.addWidget(source, 1)
        layout.addWidget(use, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # -------------------------------------------------------------- facts

    def layer_name(self) -> str | None:
        return self.layer_combo.currentData() if self.source.kind == "vector" else None

    def _on_layer(self, _row: int) -> None:
        self.error_label.clear()
        try:
            self.facts = self.source.facts(self.layer_name())
        except RiskmapError as exc:
            self.facts = None
            self._show_error(exc)
            return
        f = self.facts
        self.facts_label.setText(
            tr("{driver}, {geometry}, {n:,} features; attributes: {fields}").format(
                driver=f.driver, geometry=f.geometry_type, n=f.features,
                fields=", ".join(f.fields) or "—",
            )
        )  # fmt: skip
        self.encoding_combo.blockSignals(True)
        self.encoding_combo.clear()
        if f.encoding is None:
            self.encoding_combo.addItem(tr("UTF-8 (fixed by the format)"), None)
        else:
            self.encoding_combo.addItem(
                tr("{encoding} (detected)").format(encoding=f.encoding), f.encoding
            )
            for enc in ENCODINGS:
                if enc != f.encoding:
                    self.encoding_combo.addItem(enc, enc)
        self.encoding_combo.setEnabled(f.encoding is not None)
        self.encoding_combo.blockSignals(False)
        self.encoding_how.setText(f.encoding_how)
        self.crs_combo.clear()
        if f.crs:
            self.crs_combo.addItem(tr("As in the file: {crs}").format(crs=f.crs), None)
        else:
            self.crs_combo.addItem(tr("None in the file: lon/lat assumed"), None)
        for label, value in crs_choices():
            self.crs_combo.addItem(label, value)
        self.crs_how.setText(tr("Found: {how}").format(how=f.crs_how))
        self.notes_label.setText("\n".join(f"⚠ {n}" for n in f.notes))
        self._on_encoding(0)

    def encoding(self) -> str | None:
        return self.encoding_combo.currentData()

    def _on_encoding(self, _row: int) -> None:
        try:
            frame = self.source.preview(self.encoding(), self.layer_name())
        except Exception as exc:  # a preview must never stop the dialog
            frame = pd.DataFrame()
            self.error_label.setText(tr("No preview: {reason}").format(reason=exc))
        self.preview_frame = frame
        table = self.preview_table
        table.clear()
        table.setRowCount(len(frame))
        table.setColumnCount(len(frame.columns))
        table.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        for r in range(len(frame)):
            for c in range(len(frame.columns)):
                table.setItem(r, c, QTableWidgetItem(str(frame.iat[r, c])))
        table.resizeColumnsToContents()
        self._on_kind(self.kind_combo.currentIndex())

    def preview_values(self) -> list[str]:
        """Every previewed value as text (what the user reads)."""
        return [str(v) for v in self.preview_frame.to_numpy().ravel().tolist()]

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def _on_kind(self, _row: int) -> None:
        kind = self.kind()
        self.weight_spin.setEnabled(kind not in (BASE_KIND, DISTRICTS_KIND))
        fields = self.facts.fields if self.facts else []
        inputs = model_inputs(kind)
        suggested = suggest_mapping(fields, inputs)
        table = self.mapping_table
        for r in range(table.rowCount()):  # replaced widgets go at the next event
            old = table.cellWidget(r, 1)
            if old is not None:
                old.hide()
        table.setRowCount(0)
        table.setRowCount(len(inputs))
        for r, inp in enumerate(inputs):
            item = QTableWidgetItem(input_label(inp) + (" *" if inp.required else ""))
            item.setData(Qt.ItemDataRole.UserRole, inp.name)
            item.setToolTip(tr("Also found as: {aliases}").format(
                aliases=", ".join(inp.aliases)))  # fmt: skip
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(r, 0, item)
            combo = QComboBox()
            combo.addItem(tr("(not used)"), NOT_USED)
            for name in fields:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(inp.name, ""))))
            combo.currentIndexChanged.connect(lambda _i, row=r: self._show_example(row))
            table.setCellWidget(r, 1, combo)
            self._show_example(r)

    def _show_example(self, row: int) -> None:
        combo = self.mapping_table.cellWidget(row, 1)
        column = combo.currentData() if combo else NOT_USED
        value = ""
        if column and column in self.preview_frame.columns and len(self.preview_frame):
            value = str(self.preview_frame[column].iloc[0])
        self.mapping_table.setItem(row, 2, QTableWidgetItem(value))

    def mapping(self) -> dict[str, str]:
        """Model input -> attribute, as confirmed in the table."""
        out = {}
        for r in range(self.mapping_table.rowCount()):
            name = self.mapping_table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            column = self.mapping_table.cellWidget(r, 1).currentData()
            if column:
                out[name] = column
        return out

    def set_mapping(self, name: str, column: str) -> None:
        for r in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == name:
                combo = self.mapping_table.cellWidget(r, 1)
                combo.setCurrentIndex(max(0, combo.findData(column)))

    def source_crs(self) -> str | None:
        """The chosen CRS: None for the file's own, else a code or GCJ-02/BD-09."""
        text = self.crs_combo.currentText().strip()
        at = self.crs_combo.findText(text)
        if at >= 0:
            return self.crs_combo.itemData(at)
        return text or None

    # ------------------------------------------------------------- result

    def build(self) -> LayerSpec | DistrictSpec:
        """The layer (or district layer) as chosen in the dialog."""
        from riskmap.io.crs import parse_crs

        crs = self.source_crs()
        if crs is not None:
            parse_crs(crs, tr("coordinate system"))  # raises a clear error
        encoding = self.encoding() if self.source.encoding_matters else None
        layer = self.layer_name()
        if self.kind() == DISTRICTS_KIND:
            return DistrictSpec(
                self.source.path, layer, self.mapping().get("name"), crs, encoding
            )
        taken = {spec.id for spec in self.session.project.layers}
        return LayerSpec(
            id=unique_id(self.name_edit.text() or self.source.path.stem, taken),
            kind=self.kind(),
            path=self.source.path,
            layer=layer if len(self.source.layers) > 1 else None,
            name=self.name_edit.text().strip(),
            source_crs=crs,
            encoding=encoding,
            weight=self.weight_spin.value() if self.kind() != BASE_KIND else 1.0,
            fields=self.mapping() if self.kind() != BASE_KIND else {},
        )

    def accept(self) -> None:
        self.error_label.clear()
        try:
            spec = self.build()
        except RiskmapError as exc:
            self._show_error(exc)
            return
        if isinstance(spec, DistrictSpec):
            self.session.push(SetSetting("", "districts", spec))
            self.layerAdded.emit("districts")
            super().accept()
            return
        data = self.session.data
        if data is None:  # nothing loaded yet: the project loads it later
            self.session.push(AddLayer(spec))
            self.layerAdded.emit(spec.id)
            super().accept()
            return
        self._load(spec, data.crs)

    def _load(self, spec: LayerSpec, crs: str) -> None:
        from riskmap.pipeline.loading import load_layer

        self.buttons.setEnabled(False)
        self.error_label.setText(tr("Loading…"))

        def work(feedback: Any) -> Any:
            import riskmap.hazards  # noqa: F401

            return load_layer(spec, crs, feedback)

        def done(layer: Any) -> None:
            self.buttons.setEnabled(True)
            self.error_label.clear()
            self.warnings = list(layer.warnings)
            if self.analysis is not None:
                self.analysis.add_loaded(spec, layer)
            self.session.push(AddLayer(spec))
            self.layerAdded.emit(spec.id)
            QDialog.accept(self)

        def failed(exc: BaseException, _tb: str) -> None:
            self.buttons.setEnabled(True)
            self._show_error(exc)

        self.runner.start(
            "add_layer", work, done, failed, lambda: self.buttons.setEnabled(True)
        )

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, RiskmapError):
            text = exc.message + (f"\n{exc.hint}" if exc.hint else "")
        else:
            text = str(exc)
        self.error_label.setText(text)
