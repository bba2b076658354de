"""The main window on a small generated project: opening, layers, navigation."""

from __future__ import annotations

import re

import numpy as np
import pytest

from pyproj import Transformer

from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt

from riskmap.gui.docks.layer_model import DISTRICTS, SURFACE
from tests.gui.conftest import wait_until_drawn
from tests.gui.data import extent

pytestmark = pytest.mark.gui


def _open(qtbot, window, path) -> None:
    assert window.files.open_path(path)
    wait_until_drawn(qtbot, window)


def test_open_shows_title_layers_and_whole_extent(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    assert window.windowTitle().startswith("测试项目")
    assert not window.isWindowModified()
    model = window.layers_dock.model
    titles = [model.data(model.index(r)) for r in range(model.rowCount())]
    # Top of the list is drawn on top: the project's last layer comes first.
    assert titles[1:4] == ["消防站", "道路", "建筑"]
    assert model.layer_id(model.index(0)) == DISTRICTS
    assert model.layer_id(model.index(4)) == SURFACE
    xmin, ymin, xmax, ymax = window.canvas.view()
    exmin, eymin, exmax, eymax = extent()
    assert xmin <= exmin and xmax >= exmax and ymin <= eymin and ymax >= eymax
    # ... and not much more than it: the districts fill the canvas.
    assert (xmax - xmin) < 1.3 * (exmax - exmin) or (ymax - ymin) < 1.3 * (
        eymax - eymin
    )
    image = window.canvas.grab_image()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert image.width() > 300 and centre.isValid()
    assert str(small_project.resolve()) in window.files.recent()


def test_toggle_and_reorder_layers_then_undo(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    project = window.session.project
    model = window.layers_dock.model
    row = model.row_of("roads")
    model.setData(model.index(row), Qt.CheckState.Unchecked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert not project.layer("roads").visible
    assert window.isWindowModified()
    assert "roads" not in [layer.id for layer in window.canvas._document.layers]
    # Drag 建筑 (bottom) to the top of the list, as the view does it.
    source = model.index(model.row_of("buildings"))
    mime = model.mimeData([source])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert [s.id for s in project.layers] == ["roads", "stations", "buildings"]
    assert window.actions.undo.isEnabled()
    window.actions.undo.trigger()
    assert [s.id for s in project.layers] == ["buildings", "roads", "stations"]
    window.actions.undo.trigger()
    assert project.layer("roads").visible
    assert not window.isWindowModified()
    window.actions.redo.trigger()
    assert not project.layer("roads").visible
    qtbot.waitUntil(window.canvas.idle, timeout=10_000)


def test_layer_form_edits_are_commands(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    dock = window.layers_dock
    dock.view.setCurrentIndex(dock.model.index(dock.model.row_of("buildings")))
    assert window.session.current_layer == "buildings"
    dock.opacity_slider.setValue(40)
    assert window.session.project.layer("buildings").opacity == pytest.approx(0.4)
    dock.width_spin.setValue(2.5)
    assert window.session.project.layer("buildings").style["width"] == 2.5
    window.session.undo()
    window.session.undo()
    spec = window.session.project.layer("buildings")
    assert spec.opacity == 1.0 and "width" not in spec.style
    assert dock.opacity_slider.value() == 100


def test_pan_zoom_and_extent_history(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    canvas = window.canvas
    first = canvas.view()
    res = canvas.resolution()
    # Wheel zoom keeps the point under the cursor in place.
    anchor = QPointF(canvas.width() * 0.25, canvas.height() * 0.5)
    before = canvas.to_map(anchor)
    canvas.zoom_by(2.0, anchor)
    assert canvas.resolution() == pytest.approx(res / 2)
    assert canvas.to_map(anchor) == pytest.approx(before)
    # Drag with the pan tool: the map follows the mouse.
    zoomed = canvas.view()
    start = QPoint(canvas.width() // 2, canvas.height() // 2)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, start + QPoint(50, 0))
    qtbot.mouseMove(canvas, start + QPoint(100, 40))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 40))
    moved = canvas.view()
    assert moved[0] == pytest.approx(zoomed[0] - 100 * canvas.resolution())
    assert moved[1] == pytest.approx(zoomed[1] + 40 * canvas.resolution())
    wait_until_drawn(qtbot, window)
    assert canvas._image.view == pytest.approx(moved, abs=canvas.resolution())
    # Previous / next extent walk the history.
    window.actions.previous.trigger()
    assert canvas.view() == pytest.approx(zoomed)
    window.actions.previous.trigger()
    # The first extent is shown whole again (the window may have changed
    # shape since, so the view is fitted around it).
    xmin, ymin, xmax, ymax = canvas.view()
    centre = ((first[0] + first[2]) / 2, (first[1] + first[3]) / 2)
    assert ((xmin + xmax) / 2, (ymin + ymax) / 2) == pytest.approx(centre)
    assert xmax - xmin >= (first[2] - first[0]) * 0.97
    assert ymax - ymin >= (first[3] - first[1]) * 0.97
    window.actions.next.trigger()
    assert canvas.view() == pytest.approx(zoomed)
    # Typing a scale zooms to it.
    window.status.scale_combo.setEditText("1:25,000")
    window.status._on_scale_typed()
    assert canvas.scale() == pytest.approx(25_000)
    assert window.status.scale_combo.currentText() == "1:25,000"
    # Zoom-in box tool.
    window.set_tool("zoom_in")
    a, b = QPoint(100, 100), QPoint(300, 250)
    box_map = (canvas.to_map(QPointF(a)), canvas.to_map(QPointF(b)))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=b)
    xmin, ymin, xmax, ymax = canvas.view()
    assert xmin <= box_map[0][0] + 1 and xmax >= box_map[1][0] - 1
    assert (
        abs((xmax - xmin) - (box_map[1][0] - box_map[0][0])) < 1
        or abs((ymax - ymin) - (box_map[0][1] - box_map[1][1])) < 1
    )
    window.actions.zoom_full.trigger()
    full = canvas.view()
    assert full[2] - full[0] >= extent()[2] - extent()[0]
    wait_until_drawn(qtbot, window)


def test_status_bar_shows_lonlat_in_cgcs2000(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    canvas = window.canvas
    point = QPoint(canvas.width() // 2, canvas.height() // 2)
    x, y = canvas.to_map(QPointF(point))
    qtbot.mouseMove(canvas, point)
    shown = [
        float(v) for v in re.findall(r"\d+\.\d+", window.status.lonlat_label.text())
    ]
    to_lonlat = Transformer.from_crs("EPSG:4545", "EPSG:4490", always_xy=True)
    lon, lat = to_lonlat.transform(x, y)
    assert shown == pytest.approx([lon, lat], abs=2e-6)
    assert "EPSG:4545" in window.status.xy_label.text()
    assert 107.5 < lon < 108.5 and 29 < lat < 30


def test_zoom_to_layer_and_district(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    window.nav.zoom_to_layer("roads")
    roads = window.session.data.vectors["roads"].frame.total_bounds
    xmin, ymin, xmax, ymax = window.canvas.view()
    assert xmin <= roads[0] and xmax >= roads[2] and ymin <= roads[1]
    window.nav.zoom_to_district(1)
    xmin, ymin, xmax, ymax = window.canvas.view()
    assert xmin < 504_000 + 1 and xmax > 508_000 - 1
    assert ymin <= 3_270_000 and ymax >= 3_274_000
    assert xmax - xmin < 8_000
    combo = window.actions.district_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "甲区",
        "乙区",
        "丙区",
    ]
    assert np.isfinite(window.canvas.scale())


def _array(image) -> np.ndarray:
    image = image.convertToFormat(image.Format.Format_RGBA8888)
    raw = np.frombuffer(image.constBits(), np.uint8)
    return raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width()]


def test_a_pan_draws_only_the_uncovered_strip_and_matches_a_full_drawing(
    qtbot, window, small_project
):
    _open(qtbot, window, small_project)
    canvas = window.canvas
    canvas.set_scale(20_000)
    wait_until_drawn(qtbot, window)
    canvas.pan_pixels(-90, 35)
    wait_until_drawn(qtbot, window)
    assert canvas._image.partial
    panned = _array(canvas._image.image).astype(int)
    canvas.refresh()  # a new document: drawn whole
    wait_until_drawn(qtbot, window)
    assert not canvas._image.partial
    whole = _array(canvas._image.image).astype(int)
    assert panned.shape == whole.shape
    differs = (np.abs(panned - whole).max(axis=2) > 40).mean()
    assert differs < 0.002
    # The map has content where the strip was pasted (right edge, bottom).
    assert (whole[:, -80:, :3] < 250).any()


def test_a_new_hazard_kind_reloads_and_scores_the_layer(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    assert window.session.result is None  # only base layers: nothing to score
    dock = window.layers_dock
    dock.view.setCurrentIndex(dock.model.index(dock.model.row_of("buildings")))
    dock.kind_combo.setCurrentIndex(dock.kind_combo.findData("highrise_fire"))
    dock._on_kind(dock.kind_combo.currentIndex())
    assert window.session.project.layer("buildings").kind == "highrise_fire"
    wait_until_drawn(qtbot, window)
    qtbot.waitUntil(lambda: window.session.result is not None, timeout=60_000)
    assert [h.layer_id for h in window.session.result.hazards] == ["buildings"]
    assert window.session.document is not None
    assert window.session.data.vectors["buildings"].mapping["height_m"] == "height_m"
    assert "Change hazard kind" in window.actions.undo.text()
    window.actions.undo.trigger()
    assert window.session.project.layer("buildings").kind == "base"
    qtbot.waitUntil(lambda: window.session.result is None, timeout=60_000)
    wait_until_drawn(qtbot, window)


def test_layer_context_menu_and_remove(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    names = [a.objectName() for a in window.layers_dock.view.actions()]
    assert names == ["action_zoom_layer", "action_table", "action_remove_layer"]
    window.session.set_current_layer("roads")
    window.session.set_selection("roads", [0])
    window.actions.remove_layer.trigger()
    assert "roads" not in [s.id for s in window.session.project.layers]
    assert len(window.session.selection("roads")) == 0
    qtbot.waitUntil(lambda: "roads" not in window.session.data.vectors, timeout=20_000)
    window.actions.undo.trigger()
    assert "roads" in [s.id for s in window.session.project.layers]
    qtbot.waitUntil(lambda: "roads" in window.session.data.vectors, timeout=20_000)
    wait_until_drawn(qtbot, window)


def test_panel_layout_is_remembered(qtbot, small_project):
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    first = MainWindow(prefs=Preferences())
    qtbot.addWidget(first)
    first.show()
    first.identify_dock.hide()
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.attributes_dock)
    first.close()
    second = MainWindow(prefs=Preferences())
    qtbot.addWidget(second)
    second.show()
    assert second.identify_dock.isHidden()
    assert not second.layers_dock.isHidden()
    area = second.dockWidgetArea(second.attributes_dock)
    assert area == Qt.DockWidgetArea.RightDockWidgetArea
