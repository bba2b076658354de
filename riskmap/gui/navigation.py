"""Questions the map answers: what is here (identify), select these features,
and zooms to a layer, a selection or a district."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from PySide6.QtCore import QObject, Qt, Signal

from riskmap.gui import identify as finder
from riskmap.gui.canvas import MapCanvas
from riskmap.gui.i18n import tr
from riskmap.gui.project_qt import ProjectSession


class Navigator(QObject):
    message = Signal(str)  # something the status bar should say

    def __init__(
        self,
        session: ProjectSession,
        canvas: MapCanvas,
        table_layer: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.canvas = canvas
        self.table_layer = table_layer
        self.index = finder.SpatialIndex()

    # ----------------------------------------------------------- identify

    def identify_at(self, x: float, y: float, radius: float, _mods: Any = None) -> None:
        """Explain the cell at (x, y) and list the features within ``radius``."""
        s = self.session
        answer = finder.IdentifyAnswer(x, y)
        if s.data is not None:
            answer.features = finder.features_at(
                s.project, s.data, self.index, x, y, radius
            )
        finder.explain_into(answer, s.result, s.project)
        s.set_identify(answer)

    # ------------------------------------------------------------- select

    def select_target(self) -> str:
        """The layer a map selection applies to: the current one, else the
        one in the attribute table."""
        data = self.session.data
        for layer_id in (self.session.current_layer, self.table_layer()):
            if data is not None and layer_id in data.vectors:
                return layer_id
        return ""

    def _select(self, rows: np.ndarray, modifiers: Any) -> None:
        layer_id = self.select_target()
        if not layer_id:
            self.message.emit(tr("Choose a layer in the Layers panel first"))
            return
        before = self.session.selection(layer_id)
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            rows = np.setxor1d(before, rows)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            rows = np.union1d(before, rows)
        self.session.set_selection(layer_id, rows)

    def select_at(self, x: float, y: float, radius: float, modifiers: Any) -> None:
        """Select the feature nearest to a click (Ctrl toggles, Shift adds)."""
        layer_id = self.select_target()
        layer = self.session.data.vectors.get(layer_id) if layer_id else None
        rows = self.index.near(layer, x, y, radius)[:1] if layer else np.zeros(0)
        self._select(rows, modifiers)

    def select_in(self, box: Any, modifiers: Any) -> None:
        """Select the features a dragged box touches (Ctrl toggles, Shift adds)."""
        layer_id = self.select_target()
        layer = self.session.data.vectors.get(layer_id) if layer_id else None
        rows = self.index.in_box(layer, box) if layer else np.zeros(0)
        self._select(rows, modifiers)

    # -------------------------------------------------------------- zooms

    def zoom_to_layer(self, layer_id: str) -> None:
        data = self.session.data
        layer = data.vectors.get(layer_id) if data is not None else None
        if layer is not None and len(layer.frame):
            self.canvas.zoom_to(tuple(float(v) for v in layer.frame.total_bounds))

    def zoom_to_selection(self, layer_id: str = "") -> None:
        """Show the selected features of ``layer_id`` (of every layer if "")."""
        data = self.session.data
        ids = [layer_id] if layer_id else self.session.selected_layers()
        bounds = []
        for lid in ids:
            rows = self.session.selection(lid)
            if data is not None and lid in data.vectors and len(rows):
                frame = data.vectors[lid].frame
                bounds.append(frame.geometry.iloc[rows].total_bounds)
        if bounds:
            b = np.vstack(bounds)
            self.canvas.zoom_to(
                (b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())
            )

    def zoom_to_district(self, index: int) -> None:
        frame = self.session.data.districts.frame
        geom = frame.geometry.iloc[index]
        self.canvas.zoom_to(tuple(float(v) for v in geom.bounds))
