"""Menus, toolbars and shortcuts of the main window.

The standard keys are Qt's own (QKeySequence.StandardKey), so each platform
gets its conventions: Ctrl+N/O/S, Ctrl+Shift+S, Ctrl+Z, Ctrl+Y and
Ctrl+Shift+Z, F5 to refresh, Ctrl+Q to quit. The Tools menu is where later
analysis tools add their entries (``window.menus["tools"]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QMenu, QToolBar

from riskmap.gui.i18n import tr
from riskmap.gui.icons import icon

if TYPE_CHECKING:
    from riskmap.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


class Actions:
    """Every action of the main window, by name (``actions.save``)."""

    def __init__(self, w: MainWindow) -> None:
        def make(
            name: str,
            text: str,
            slot=None,
            keys=(),
            tip: str = "",
            checkable: bool = False,
            picture: str = "",
        ) -> QAction:
            action = QAction(icon(picture or name), text, w)
            action.setObjectName(f"action_{name}")
            if keys:
                action.setShortcuts([QKeySequence(k) for k in keys])
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(f"{text.replace('&', '')} — {tip}")
            action.setCheckable(checkable)
            if slot is not None:
                action.triggered.connect(slot)
            return action

        f, c = w.files, w.canvas
        self.new = make(
            "new", tr("&New Project"), f.new, [Key.New], tr("Start an empty project")
        )
        self.open = make(
            "open",
            tr("&Open Project…"),
            f.open,
            [Key.Open],
            tr("Open a riskmap project file"),
        )
        self.save = make(
            "save", tr("&Save"), f.save, [Key.Save], tr("Save the project")
        )
        self.save_as = make(
            "save_as",
            tr("Save &As…"),
            f.save_as,
            [QKeySequence("Ctrl+Shift+S")],
            tr("Save the project under another name"),
        )
        self.add_layer = make(
            "add_layer",
            tr("&Add Layer…"),
            w.add_layer,
            [QKeySequence("Ctrl+Shift+A")],
            tr("Add a data file to the map"),
        )
        self.add_geodatabase = make(
            "add_geodatabase",
            tr("Add File &Geodatabase…"),
            w.add_geodatabase,
            tip=tr("Add a layer from an Esri File Geodatabase (a .gdb folder)"),
            picture="add_layer",
        )
        self.quit = make(
            "quit", tr("&Quit"), w.close, [QKeySequence("Ctrl+Q")], tr("Close riskmap")
        )
        self.undo = make("undo", tr("&Undo"), w.session.undo, [Key.Undo])
        self.redo = make(
            "redo",
            tr("&Redo"),
            w.session.redo,
            [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")],
        )
        self.remove_layer = make(
            "remove_layer",
            tr("&Remove Layer"),
            w.remove_current_layer,
            [QKeySequence("Ctrl+D")],
            tr("Remove the selected layer from the project"),
        )
        self.settings = make(
            "settings",
            tr("&Settings…"),
            w.show_settings,
            [Key.Preferences],
            tr("Language and other preferences"),
        )
        # Map tools: one is always active.
        self.pan = make(
            "pan",
            tr("&Pan"),
            lambda: w.set_tool("pan"),
            tip=tr("Drag the map"),
            checkable=True,
        )
        self.zoom_in_tool = make(
            "zoom_in_tool",
            tr("Zoom &In Tool"),
            lambda: w.set_tool("zoom_in"),
            tip=tr("Click or drag a box to zoom in"),
            checkable=True,
            picture="zoom_in",
        )
        self.zoom_out_tool = make(
            "zoom_out_tool",
            tr("Zoom &Out Tool"),
            lambda: w.set_tool("zoom_out"),
            tip=tr("Click to zoom out"),
            checkable=True,
            picture="zoom_out",
        )
        self.identify = make(
            "identify",
            tr("&Identify"),
            lambda: w.set_tool("identify"),
            [QKeySequence("Ctrl+Shift+I")],
            tr("Click the map to explain a cell or show a feature"),
            checkable=True,
        )
        self.select = make(
            "select",
            tr("Se&lect Features"),
            lambda: w.set_tool("select"),
            tip=tr("Click or drag a box to select features of the current layer"),
            checkable=True,
        )
        self.tools = QActionGroup(w)
        for a in (
            self.pan,
            self.zoom_in_tool,
            self.zoom_out_tool,
            self.identify,
            self.select,
        ):
            self.tools.addAction(a)
        self.pan.setChecked(True)
        self.clear_selection = make(
            "clear_selection",
            tr("&Clear Selection"),
            w.session.clear_selection,
            tip=tr("Unselect every feature"),
        )
        self.zoom_in = make(
            "zoom_in", tr("Zoom In"), lambda: c.zoom_by(2.0), [Key.ZoomIn]
        )
        self.zoom_out = make(
            "zoom_out", tr("Zoom Out"), lambda: c.zoom_by(0.5), [Key.ZoomOut]
        )
        self.zoom_full = make(
            "zoom_full",
            tr("Zoom to &Full Extent"),
            c.zoom_full,
            [QKeySequence("Ctrl+Shift+F")],
            tr("Show every district"),
        )
        self.zoom_layer = make(
            "zoom_layer",
            tr("Zoom to &Layer"),
            lambda: w.nav.zoom_to_layer(w.session.current_layer),
            tip=tr("Show the whole current layer"),
        )
        self.zoom_selection = make(
            "zoom_selection",
            tr("Zoom to &Selection"),
            lambda: w.nav.zoom_to_selection(""),
            [QKeySequence("Ctrl+J")],
            tr("Show the selected features"),
        )
        self.previous = make(
            "previous",
            tr("&Previous Extent"),
            c.previous_extent,
            [QKeySequence("Alt+Left")],
            tr("Go back to the last view"),
        )
        self.next = make(
            "next",
            tr("&Next Extent"),
            c.next_extent,
            [QKeySequence("Alt+Right")],
            tr("Go forward again"),
        )
        self.refresh = make(
            "refresh",
            tr("&Refresh"),
            w.refresh,
            [Key.Refresh],
            tr("Read the layers again and redraw"),
        )
        self.table = make(
            "table",
            tr("Open &Attribute Table"),
            lambda: w.open_table(w.session.current_layer),
            [QKeySequence("F6")],
            tr("Show the current layer's table"),
        )
        self.show_surface = make(
            "show_surface",
            tr("Show Risk &Levels"),
            lambda on: w.set_option("risk_surface", on),
            checkable=True,
        )
        self.show_districts = make(
            "show_districts",
            tr("Show &District Boundaries"),
            lambda on: w.set_option("districts", on),
            checkable=True,
        )
        self.show_labels = make(
            "show_labels",
            tr("Show District &Names"),
            lambda on: w.set_option("labels", on),
            checkable=True,
        )
        for a in (self.show_surface, self.show_districts, self.show_labels):
            a.setChecked(True)
        self.about = make(
            "about", tr("&About riskmap"), w.show_about, tip=tr("Version and licences")
        )
        self.about_qt = make("about_qt", tr("About &Qt"), w.show_about_qt)

    # ---------------------------------------------------------------- menus

    def build_menus(self, w: MainWindow) -> dict[str, QMenu]:
        bar = w.menuBar()
        menus: dict[str, QMenu] = {}
        m = menus["file"] = bar.addMenu(tr("&File"))
        m.addActions([self.new, self.open])
        menus["recent"] = m.addMenu(tr("Open &Recent"))
        menus["recent"].setObjectName("recentMenu")
        m.addActions([self.save, self.save_as])
        m.addSeparator()
        m.addActions([self.add_layer, self.add_geodatabase])
        m.addSeparator()
        m.addAction(self.quit)
        m = menus["edit"] = bar.addMenu(tr("&Edit"))
        m.addActions([self.undo, self.redo])
        m.addSeparator()
        m.addActions([self.select, self.clear_selection])
        m = menus["view"] = bar.addMenu(tr("&View"))
        m.addActions([self.pan, self.zoom_in_tool, self.zoom_out_tool, self.identify])
        m.addSeparator()
        m.addActions(
            [
                self.zoom_in,
                self.zoom_out,
                self.zoom_full,
                self.zoom_layer,
                self.zoom_selection,
            ]
        )
        menus["districts"] = m.addMenu(tr("Zoom to &District"))
        m.addActions([self.previous, self.next])
        m.addSeparator()
        m.addActions([self.show_surface, self.show_districts, self.show_labels])
        m.addSeparator()
        menus["panels"] = m.addMenu(tr("&Panels"))
        menus["toolbars"] = m.addMenu(tr("&Toolbars"))
        m.addSeparator()
        m.addAction(self.refresh)
        m = menus["layer"] = bar.addMenu(tr("&Layer"))
        m.addActions([self.add_layer, self.add_geodatabase, self.remove_layer])
        m.addSeparator()
        m.addActions([self.zoom_layer, self.table])
        m = menus["tools"] = bar.addMenu(tr("&Tools"))
        m.addAction(self.settings)
        m = menus["help"] = bar.addMenu(tr("&Help"))
        m.addActions([self.about, self.about_qt])
        return menus

    def build_toolbars(self, w: MainWindow) -> dict[str, QToolBar]:
        bars: dict[str, QToolBar] = {}

        def bar(name: str, title: str) -> QToolBar:
            tb = w.addToolBar(title)
            tb.setObjectName(f"{name}Toolbar")
            bars[name] = tb
            return tb

        tb = bar("file", tr("Project"))
        tb.addActions([self.new, self.open, self.save, self.add_layer])
        tb = bar("edit", tr("Edit"))
        tb.addActions([self.undo, self.redo])
        tb = bar("navigation", tr("Map navigation"))
        tb.addActions(
            [
                self.pan,
                self.zoom_in_tool,
                self.zoom_out_tool,
                self.zoom_full,
                self.zoom_layer,
                self.zoom_selection,
                self.previous,
                self.next,
                self.refresh,
            ]
        )
        tb = bar("tools", tr("Map tools"))
        tb.addActions([self.identify, self.select, self.clear_selection, self.table])
        self.district_combo = QComboBox()
        self.district_combo.setObjectName("districtCombo")
        self.district_combo.setMinimumContentsLength(8)
        self.district_combo.setToolTip(tr("Zoom to a district"))
        tb.addWidget(self.district_combo)
        return bars
