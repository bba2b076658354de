"""The main window: the map in the middle, panels around it.

The window owns the session (the open project), the task runner for long
work and the analysis that keeps data and scores up to date; the canvas and
the panels read the session and change the project only through commands.
Window geometry and the panel layout are remembered with QSettings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from riskmap.core.commands import RemoveLayer
from riskmap.gui.actions import Actions
from riskmap.gui.analysis import Analysis
from riskmap.gui.canvas import MapCanvas
from riskmap.gui.crash import show_error
from riskmap.gui.docks.attributes import AttributesDock
from riskmap.gui.docks.identify import IdentifyDock
from riskmap.gui.docks.layers import LayersDock
from riskmap.gui.docks.messages import MessagesDock
from riskmap.gui.i18n import tr
from riskmap.gui.icons import app_icon
from riskmap.gui.names import describe
from riskmap.gui.navigation import Navigator
from riskmap.gui.preferences import Preferences
from riskmap.gui.project_qt import ProjectSession
from riskmap.gui.projects import ProjectFiles
from riskmap.gui.recovery import Autosaver
from riskmap.gui.status import StatusBar
from riskmap.gui.tools import PanTool, PickTool, ZoomInTool, ZoomOutTool
from riskmap.gui.window_tools import WindowTools
from riskmap.gui.workers import TaskRunner

SETTINGS_VERSION = 2  # bump when docks or toolbars change, to drop old layouts


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: ProjectSession | None = None,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.session = session or ProjectSession(parent=self)
        self.prefs = prefs or Preferences.load()
        self.runner = TaskRunner(self)
        self.analysis = Analysis(self.session, self.runner, self)
        self.files = ProjectFiles(self, self.session, self.prefs, self.analysis)
        self.canvas = MapCanvas(self.session, self)
        self.setCentralWidget(self.canvas)
        self.layers_dock = LayersDock(self.session, self.canvas.options, self)
        self.identify_dock = IdentifyDock(self.session, self)
        self.attributes_dock = AttributesDock(self.session, self)
        self.messages_dock = MessagesDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.layers_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.identify_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.attributes_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.messages_dock)
        self.tabifyDockWidget(self.attributes_dock, self.messages_dock)
        self.attributes_dock.raise_()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.nav = Navigator(
            self.session, self.canvas, lambda: self.attributes_dock.layer_id, self
        )
        self.nav.message.connect(lambda text: self.status.showMessage(text, 5000))
        self.actions = Actions(self)
        self.menus = self.actions.build_menus(self)
        self.toolbars = self.actions.build_toolbars(self)
        for dock in self.docks():
            self.menus["panels"].addAction(dock.toggleViewAction())
        for bar in self.toolbars.values():
            self.menus["toolbars"].addAction(bar.toggleViewAction())
        self.layers_dock.view.addActions(
            [self.actions.zoom_layer, self.actions.table, self.actions.remove_layer]
        )
        self.tools = self._make_tools()
        self.model_tools = WindowTools(self)
        self.autosaver = Autosaver(self.session, self.prefs.autosave_seconds, self)
        self._connect()
        self.resize(1280, 800)
        self.resizeDocks([self.layers_dock, self.identify_dock], [280, 330],
                         Qt.Orientation.Horizontal)  # fmt: skip
        self.resizeDocks([self.attributes_dock], [200], Qt.Orientation.Vertical)
        self.restore_layout()
        self._update_title()
        self._update_history()
        self._fill_recent()
        self._fill_districts()

    def add_panel(
        self, dock: Any, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    ) -> None:
        """Add a panel (a QDockWidget with an objectName) and its View menu entry."""
        self.addDockWidget(area, dock)
        self.menus["panels"].addAction(dock.toggleViewAction())

    def docks(self) -> list[Any]:
        return [self.layers_dock, self.identify_dock, self.attributes_dock,
                self.messages_dock]  # fmt: skip

    def _make_tools(self) -> dict[str, Any]:
        identify = PickTool(self.canvas, "identify")
        identify.picked.connect(self.nav.identify_at)
        select = PickTool(self.canvas, "select")
        select.picked.connect(self.nav.select_at)
        select.boxPicked.connect(self.nav.select_in)
        return {"pan": PanTool(self.canvas), "zoom_in": ZoomInTool(self.canvas),
                "zoom_out": ZoomOutTool(self.canvas), "identify": identify,
                "select": select}  # fmt: skip

    def _connect(self) -> None:
        s, r, st = self.session, self.runner, self.status
        s.dirtyChanged.connect(lambda _: self._update_title())
        s.projectReplaced.connect(self._update_title)
        s.settingsChanged.connect(lambda _: self._update_title())
        s.historyChanged.connect(self._update_history)
        s.dataChanged.connect(self._on_data)
        s.currentLayerChanged.connect(lambda _: self._update_layer_actions())
        s.selectionChanged.connect(lambda _: self._update_layer_actions())
        r.started.connect(lambda name: st.set_busy(True, self._task_text(name)))
        r.progress.connect(lambda _n, p: st.show_progress(p))
        r.status.connect(lambda n, text: st.show_task(f"{self._task_text(n)} {text}"))
        r.finished.connect(lambda _: r.running() or st.set_busy(False))
        st.cancelRequested.connect(self.cancel_work)
        st.scaleEntered.connect(self.canvas.set_scale)
        self.canvas.cursorMoved.connect(st.show_position)
        self.canvas.cursorLeft.connect(st.clear_position)
        self.canvas.viewChanged.connect(self._on_view)
        self.canvas.toolChanged.connect(self._on_tool)
        self.canvas.failed.connect(
            lambda why: self.status.showMessage(
                tr("The map could not be drawn: {reason}").format(reason=why), 15000
            )
        )
        self.analysis.failed.connect(lambda exc, tb: show_error(self, exc, tb))
        self.analysis.warningsFound.connect(self._on_warnings)
        self.analysis.stateChanged.connect(self._on_state)
        self.files.recentChanged.connect(self._fill_recent)
        self.layers_dock.zoomToLayer.connect(self.nav.zoom_to_layer)
        self.layers_dock.openTable.connect(self.open_table)
        self.attributes_dock.zoomToSelection.connect(self.nav.zoom_to_selection)
        self.actions.district_combo.activated.connect(self._on_district_chosen)

    # ------------------------------------------------------------- title

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.session.project.display_title()}[*] — riskmap")
        self.setWindowModified(self.session.is_dirty())

    def _update_history(self) -> None:
        stack, project = self.session.stack, self.session.project
        self.actions.undo.setEnabled(stack.can_undo())
        self.actions.redo.setEnabled(stack.can_redo())
        undo = describe(stack.next_undo(), project)
        redo = describe(stack.next_redo(), project)
        self.actions.undo.setText(tr("&Undo {what}").format(what=undo).strip())
        self.actions.redo.setText(tr("&Redo {what}").format(what=redo).strip())
        self.actions.previous.setEnabled(self.canvas.can_go_back())
        self.actions.next.setEnabled(self.canvas.can_go_forward())

    def _update_layer_actions(self) -> None:
        has = bool(self.session.current_layer)
        for action in (self.actions.remove_layer, self.actions.zoom_layer,
                       self.actions.table):  # fmt: skip
            action.setEnabled(has)
        selected = any(len(self.session.selection(i))
                       for i in self.session.selected_layers())  # fmt: skip
        self.actions.zoom_selection.setEnabled(selected)
        self.actions.clear_selection.setEnabled(selected)

    def _task_text(self, name: str) -> str:
        return {
            "load": tr("Loading layers…"),
            "score": tr("Computing risk…"),
            "add_layer": tr("Loading the new layer…"),
            "export": tr("Exporting the map…"),
            "atlas": tr("Writing the atlas…"),
            "print": tr("Preparing the page for the printer…"),
            "sensitivity": tr("Testing the weights…"),
        }.get(name, name)

    # ------------------------------------------------------------ events

    def _on_data(self) -> None:
        data = self.session.data
        self.status.set_crs(data.crs if data is not None else "")
        if data is not None and self.session.current_layer not in data.vectors:
            # Start on the top-most hazard layer (else any layer) with
            # features, so the layer form and the table show something useful.
            shown = [
                s
                for s in reversed(self.session.project.layers)
                if s.id in data.vectors and len(data.vectors[s.id].frame)
            ]
            top = [s.id for s in shown if s.is_hazard] + [s.id for s in shown]
            if top:
                self.session.set_current_layer(top[0])
        self._fill_districts()
        self._update_layer_actions()

    def _on_view(self) -> None:
        if self.canvas.has_view():
            self.status.show_scale(self.canvas.scale())
        self._update_history()

    def _on_tool(self, name: str) -> None:
        action = {"pan": self.actions.pan, "zoom_in": self.actions.zoom_in_tool,
                  "zoom_out": self.actions.zoom_out_tool,
                  "identify": self.actions.identify,
                  "select": self.actions.select}.get(name)  # fmt: skip
        if action is not None:
            action.setChecked(True)
        if name == "identify":
            self.identify_dock.show()
            self.identify_dock.raise_()

    def _on_state(self, state: str) -> None:
        if state == "ready":
            self.status.showMessage(tr("Map up to date"), 4000)

    def _on_warnings(self, source: str, warnings: list[str]) -> None:
        self.messages_dock.add(source, warnings)
        self.status.showMessage(
            tr("{n} notes about {source}: see the Messages panel").format(
                n=len(warnings), source=source
            ),
            8000,
        )

    def cancel_work(self) -> None:
        if self.analysis.busy():  # else the next change would score afresh
            self.analysis.cancel()
        for name in ("add_layer", "sensitivity", "export", "atlas", "print"):
            self.runner.cancel(name)

    def set_tool(self, name: str) -> None:
        self.canvas.set_tool(self.tools[name])

    def set_option(self, name: str, shown: bool) -> None:
        setattr(self.canvas.options, name, shown)
        self.layers_dock.model.layoutChanged.emit()
        self.canvas.refresh()

    def refresh(self) -> None:
        self.analysis.reload()
        self.canvas.refresh()

    def _fill_districts(self) -> None:
        combo = self.actions.district_combo
        menu = self.menus["districts"]
        combo.clear()
        menu.clear()
        combo.addItem(tr("Zoom to district…"), None)
        data = self.session.data
        names = [] if data is None else [str(n) for n in data.districts.frame["name"]]
        for i, name in enumerate(names):
            combo.addItem(name, i)
            menu.addAction(name, lambda i=i: self.nav.zoom_to_district(i))
        menu.setEnabled(bool(names))

    def _on_district_chosen(self, row: int) -> None:
        index = self.actions.district_combo.itemData(row)
        if index is not None:
            self.nav.zoom_to_district(int(index))
        self.actions.district_combo.setCurrentIndex(0)

    # ------------------------------------------------------------ layers

    def add_layer(self) -> None:
        from riskmap.gui.missing_files import data_filter

        path, _ = QFileDialog.getOpenFileName(
            self, tr("Add layer"), self.prefs.last_folder, data_filter()
        )
        if path:
            # a table inside a .gdb folder opens the geodatabase (io.source_path)
            self.open_add_layer(path)

    def add_geodatabase(self) -> None:
        """File > Add File Geodatabase: a FileGDB is a folder, so pick one."""
        path = QFileDialog.getExistingDirectory(
            self, tr("Add File Geodatabase"), self.prefs.last_folder
        )
        if path:
            self.open_add_layer(path)

    def open_add_layer(self, path: str) -> Any:
        """Open the Add Layer dialog for ``path`` (non-modal); returns it."""
        from riskmap.gui.dialogs.add_layer import AddLayerDialog

        try:
            dialog = AddLayerDialog(
                self.session, self.runner, path, self.analysis, self
            )
        except Exception as exc:
            show_error(self, exc)
            return None
        dialog.layerAdded.connect(lambda _id: self._after_add(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _after_add(self, dialog: Any) -> None:
        if dialog.warnings:
            box = QMessageBox(QMessageBox.Icon.Information, tr("Layer added"),
                              tr("The layer was added. riskmap noticed:"),
                              QMessageBox.StandardButton.Ok, self)  # fmt: skip
            box.setInformativeText("\n".join(f"• {w}" for w in dialog.warnings[:12]))
            box.open()

    def remove_current_layer(self) -> None:
        layer_id = self.session.current_layer
        if layer_id:
            self.session.set_selection(layer_id, [])
            self.session.push(RemoveLayer(layer_id))
            self.session.set_current_layer("")

    def open_table(self, layer_id: str) -> None:
        if layer_id:
            self.attributes_dock.show_layer(layer_id)
        self.attributes_dock.show()
        self.attributes_dock.raise_()

    def _fill_recent(self) -> None:
        menu = self.menus["recent"]
        menu.clear()
        for path in self.files.recent():
            menu.addAction(path, lambda p=path: self.files.open_path(p))
        if self.files.recent():
            menu.addSeparator()
            menu.addAction(tr("Clear the list"), self.files.clear_recent)
        menu.setEnabled(bool(self.files.recent()))

    # ----------------------------------------------------------- dialogs

    def show_about(self) -> None:
        from riskmap.gui.dialogs.about import AboutDialog

        AboutDialog(self).open()

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self, tr("About Qt"))

    def show_settings(self) -> None:
        from riskmap.gui.dialogs.settings import SettingsDialog

        SettingsDialog(self.prefs, self).open()

    # ------------------------------------------------------------ layout

    def restore_layout(self) -> None:
        settings = QSettings()
        if settings.value("window/version", 0, int) != SETTINGS_VERSION:
            return
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state, SETTINGS_VERSION)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/version", SETTINGS_VERSION)
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(SETTINGS_VERSION))
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.autosaver.discard()  # saved or discarded: nothing to recover
        self.save_layout()
        self.runner.cancel_all()
        self.runner.wait(3000)
        event.accept()
