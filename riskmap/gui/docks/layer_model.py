"""The list of layers as the Layers panel shows it, over the project itself.

Top of the list is drawn on top, as in every desktop GIS: the project's last
layer comes first. The district boundaries (always drawn above the layers)
head the list and the risk surface (always at the bottom) ends it; their
check boxes are view choices, not project changes. Every other change —
visibility, order by drag — is a command on the session's undo stack.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from riskmap.core.commands import MoveLayer, SetLayerProperty
from riskmap.core.levels import LEVELS
from riskmap.core.project import LayerSpec
from riskmap.gui.display import geometry_kind
from riskmap.gui.i18n import tr
from riskmap.gui.names import kind_label
from riskmap.gui.project_qt import ProjectSession

MIME = "application/x-riskmap-layer"
DISTRICTS = "__districts__"
SURFACE = "__surface__"
LayerIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def base_symbol(spec: LayerSpec, geometry: str | None = None) -> Any:
    """The symbol render/ draws the layer with (its first legend entry)."""
    from riskmap.pipeline.print_document import default_style
    from riskmap.render.styles import resolve_style

    merged = {**default_style(spec.kind), **spec.style}
    try:
        return resolve_style(merged, geometry or "polygon", spec.title).base
    except ValueError:  # a colour typed by hand that matplotlib does not know
        return resolve_style({}, geometry or "polygon", spec.title).base


def has_fill(spec: LayerSpec, geometry: str | None = None) -> bool:
    return geometry == "polygon" and base_symbol(spec, geometry).fill != "none"


def layer_colour(spec: LayerSpec, geometry: str | None = None) -> str:
    """The colour of the layer's swatch: its fill when it has one."""
    base = base_symbol(spec, geometry)
    return base.fill if has_fill(spec, geometry) else base.color


def geometry_of(session: ProjectSession, layer_id: str) -> str | None:
    """ "point", "line" or "polygon" for a loaded vector layer, else None."""
    data = session.data
    layer = data.vectors.get(layer_id) if data is not None else None
    if layer is None:
        return None
    return geometry_kind(np.asarray(layer.frame.geometry.values, dtype=object))


def swatch(colours: list[str], size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    step = size / len(colours)
    for i, colour in enumerate(colours):
        painter.fillRect(round(i * step), 1, round(step) + 1, size - 2, QColor(colour))
    painter.setPen(QColor("#404040"))
    painter.drawRect(0, 1, size - 1, size - 3)
    painter.end()
    return QIcon(pix)


class LayerListModel(QAbstractListModel):
    """Rows: districts, the project's layers top first, the risk surface."""

    optionToggled = Signal(str, bool)  # DISTRICTS or SURFACE, shown

    def __init__(self, session: ProjectSession, options: Any, parent: Any = None):
        super().__init__(parent)
        self.session = session
        self.options = options  # DisplayOptions of the canvas
        self._geometry: dict[str, str | None] = {}
        session.layersChanged.connect(self._reset)
        session.projectReplaced.connect(self._reset)
        session.dataChanged.connect(self._reset)
        session.layerChanged.connect(self._layer_changed)

    def _reset(self) -> None:
        self._geometry.clear()
        self.beginResetModel()
        self.endResetModel()

    def _layer_changed(self, layer_id: str, _name: str) -> None:
        row = self.row_of(layer_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # ------------------------------------------------------------ mapping

    def ids(self) -> list[str]:
        """Row ids top to bottom."""
        layers = [spec.id for spec in reversed(self.session.project.layers)]
        return [DISTRICTS, *layers, SURFACE]

    def layer_id(self, index: Index) -> str:
        ids = self.ids()
        return ids[index.row()] if 0 <= index.row() < len(ids) else ""

    def row_of(self, layer_id: str) -> int:
        ids = self.ids()
        return ids.index(layer_id) if layer_id in ids else -1

    # -------------------------------------------------------------- model

    def rowCount(self, parent: Index | None = None) -> int:
        return (
            0
            if parent is not None and parent.isValid()
            else len(self.session.project.layers) + 2
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        if self.layer_id(index) in (DISTRICTS, SURFACE):
            return base
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        layer_id = self.layer_id(index)
        if not layer_id:
            return None
        if role == LayerIdRole:
            return layer_id
        if layer_id == DISTRICTS:
            return self._fixed(role, tr("District boundaries"), self.options.districts,
                               ["#FFFFFF", "#1A1A1A"])  # fmt: skip
        if layer_id == SURFACE:
            return self._fixed(role, tr("Risk level (grid)"), self.options.risk_surface,
                               [lv.colour for lv in LEVELS])  # fmt: skip
        spec = self.session.project.layer(layer_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.title
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if spec.visible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(spec)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(spec)
        if role == Qt.ItemDataRole.ForegroundRole and self._missing(spec):
            return QColor("#B00020")
        return None

    def _swatch(self, spec: LayerSpec) -> QIcon:
        data = self.session.data
        if data is not None and spec.id in data.rasters:
            return swatch(["#F0F0F0", "#A0A0A0", "#505050"])
        geometry = self._geometry.get(spec.id)
        if geometry is None:
            geometry = self._geometry[spec.id] = geometry_of(self.session, spec.id)
        return swatch([layer_colour(spec, geometry)])

    def _fixed(self, role: int, title: str, shown: bool, colours: list[str]) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(colours)
        if role == Qt.ItemDataRole.FontRole:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _missing(self, spec: LayerSpec) -> bool:
        data = self.session.data
        return (
            data is not None
            and spec.id not in data.vectors
            and (spec.id not in data.rasters)
        )

    def _tooltip(self, spec: LayerSpec) -> str:
        lines = [
            f"<b>{spec.title}</b>",
            tr("Kind: {kind}").format(kind=kind_label(spec.kind)),
            tr("File: {path}").format(path=spec.path),
        ]
        data = self.session.data
        layer = data.vectors.get(spec.id) if data is not None else None
        if layer is not None:
            src = layer.source
            lines.append(tr("Features: {n:,}").format(n=len(layer)))
            lines.append(tr("Coordinate system: {crs}").format(crs=src.crs or "?"))
            lines.append(tr("Encoding: {enc}").format(enc=src.encoding or "?"))
            for warning in layer.warnings[:5]:
                lines.append(f"⚠ {warning}")
        elif self._missing(spec):
            lines.append(tr("Not loaded yet, or loading failed"))
        return "<br>".join(lines)

    def setData(self, index: Index, value: Any, role: int = 0) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        layer_id = self.layer_id(index)
        shown = Qt.CheckState(value) == Qt.CheckState.Checked
        if layer_id in (DISTRICTS, SURFACE):
            self.optionToggled.emit(layer_id, shown)
            self.dataChanged.emit(index, index)
            return True
        if self.session.project.layer(layer_id).visible != shown:
            self.session.push(SetLayerProperty(layer_id, "visible", shown))
        return True

    # ---------------------------------------------------------- drag/drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [self.layer_id(i) for i in indexes if i.isValid()]
        mime.setData(MIME, QByteArray("\n".join(ids).encode("utf-8")))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not data.hasFormat(MIME):
            return False
        layer_id = bytes(data.data(MIME).data()).decode("utf-8").split("\n")[0]
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        self.move_to_row(layer_id, row)
        # The command reorders the project; the view must not remove rows.
        return False

    def move_to_row(self, layer_id: str, row: int) -> None:
        """Move a layer so that it sits before list row ``row`` (drop position)."""
        layers = self.session.project.layers
        if layer_id not in {s.id for s in layers}:
            return
        top_first = [s.id for s in reversed(layers)]
        position = min(max(row - 1, 0), len(top_first))  # below the districts row
        old = top_first.index(layer_id)
        top_first.remove(layer_id)
        if old < position:
            position -= 1
        top_first.insert(position, layer_id)
        new_index = len(top_first) - 1 - top_first.index(layer_id)
        if layers[new_index].id != layer_id:
            self.session.push(MoveLayer(layer_id, new_index))
