"""The window's model and print tools: the Risk model panel, File > Export
Map / Export Atlas / Print, Tools > Weights (AHP) / Sensitivity.

:func:`install` adds them to a :class:`~riskmap.gui.main_window.MainWindow`
so that the window module stays about the map and its panels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from riskmap.gui.crash import show_error
from riskmap.gui.docks.risk_model import RiskModelDock
from riskmap.gui.i18n import tr
from riskmap.gui.icons import icon

if TYPE_CHECKING:
    from riskmap.gui.main_window import MainWindow


class WindowTools(QObject):
    """Owns the model and print actions and the dialogs they open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._preview: Any = None
        self._ahp: Any = None
        self._sensitivity: Any = None
        self.dock = RiskModelDock(window.session, window)
        window.add_panel(self.dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.tabifyDockWidget(window.layers_dock, self.dock)
        window.layers_dock.raise_()
        self.dock.ahpRequested.connect(self.open_ahp)
        self.dock.sensitivityRequested.connect(self.open_sensitivity)

        def make(name: str, text: str, slot: Any, keys: Any = (), tip: str = ""):
            action = QAction(icon(name), text, window)
            action.setObjectName(f"action_{name}")
            if keys:
                action.setShortcuts([QKeySequence(k) for k in keys])
            if tip:
                action.setStatusTip(tip)
            action.triggered.connect(slot)
            return action

        self.export_map = make(
            "export_map", tr("&Export Map…"), lambda: self.export_map_now(),
            [QKeySequence("Ctrl+E")], tr("Write the current district's map as PDF, "
                                         "PNG or SVG"),
        )  # fmt: skip
        self.export_atlas = make(
            "export_atlas", tr("Export &Atlas…"), lambda: self.export_atlas_now(),
            tip=tr("The overview and every district in one PDF"),
        )  # fmt: skip
        self.print = make(
            "print", tr("&Print…"), lambda: self.print_preview(),
            [QKeySequence.StandardKey.Print], tr("Preview and print the map"),
        )  # fmt: skip
        self.ahp = make(
            "ahp", tr("&Weights (AHP)…"), lambda: self.open_ahp(),
            tip=tr("Derive the hazard weights from pairwise judgements"),
        )  # fmt: skip
        self.sensitivity = make(
            "sensitivity", tr("&Sensitivity…"), lambda: self.open_sensitivity(),
            tip=tr("How much do the district levels depend on the weights?"),
        )  # fmt: skip
        self.risk_model = make(
            "risk_model", tr("&Risk Model"), lambda: self.show_dock(),
            tip=tr("Weights, aggregation and classes"),
        )  # fmt: skip
        file_menu = window.menus["file"]
        before = window.actions.quit
        file_menu.insertActions(before, [self.export_map, self.export_atlas,
                                         self.print])  # fmt: skip
        file_menu.insertSeparator(before)
        tools = window.menus["tools"]
        first = tools.actions()[0] if tools.actions() else None
        tools.insertActions(first, [self.risk_model, self.ahp, self.sensitivity])
        tools.insertSeparator(first)
        window.toolbars["file"].addAction(self.print)
        session = window.session
        session.resultChanged.connect(self._update_enabled)
        session.layersChanged.connect(self._update_enabled)
        session.projectReplaced.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        s = self.window.session
        scored = s.result is not None
        for action in (self.export_map, self.export_atlas, self.print):
            action.setEnabled(scored)
        hazards = len(s.project.hazard_layers())
        self.ahp.setEnabled(hazards >= 2)
        self.sensitivity.setEnabled(scored)

    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()

    # --------------------------------------------------------------- print

    def print_preview(self, district: Any = "current") -> Any:
        """Open (or raise) the print preview at ``district`` ("current": the
        district under the map's centre)."""
        from riskmap.gui.dialogs.print_preview import PrintPreviewDialog
        from riskmap.gui.print_jobs import current_district

        if self._preview is None:
            self._preview = PrintPreviewDialog(self.window)
        if district == "current":
            canvas = self.window.canvas
            centre = None
            if canvas.has_view():
                x0, y0, x1, y1 = canvas.view()
                centre = ((x0 + x1) / 2, (y0 + y1) / 2)
            district = current_district(self.window.session, centre)
        self._preview.set_page(district)
        self._preview.show()
        self._preview.raise_()
        self._preview.activateWindow()
        return self._preview

    def export_map_now(self, path: str | None = None) -> Any:
        """File > Export Map: the current district's page to a file, PDF, PNG
        or SVG by the file's suffix (or the save dialog's filter)."""
        dialog = self.print_preview()
        dialog.export(None, path)
        return dialog

    def export_atlas_now(self, path: str | None = None) -> Any:
        dialog = self.print_preview()
        dialog.export_atlas(path)
        return dialog

    # --------------------------------------------------------------- model

    def open_ahp(self) -> Any:
        from riskmap.gui.dialogs.ahp import AHPDialog

        try:
            dialog = AHPDialog.for_session(self.window.session, self.window)
        except Exception as exc:
            show_error(self.window, exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self._ahp = dialog
        return dialog

    def open_sensitivity(self) -> Any:
        from riskmap.gui.dialogs.sensitivity import SensitivityDialog

        if self._sensitivity is None:
            self._sensitivity = SensitivityDialog(self.window)
        self._sensitivity.show()
        self._sensitivity.raise_()
        return self._sensitivity
