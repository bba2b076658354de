"""Attribute table: a model over the frame, sorting, filtering, and the
selection shared with the map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import geopandas as gpd
import shapely

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt

from riskmap.gui.docks.table_model import FrameTableModel
from tests.gui.conftest import wait_until_drawn

pytestmark = pytest.mark.gui


def _frame(n: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(3)
    height = rng.uniform(0, 300, n)
    height[::97] = np.nan
    return gpd.GeoDataFrame(
        {
            "名称": [f"楼{i}" for i in range(n)],
            "height": height,
            "use": rng.choice(["住宅", "商业", None], n),
        },
        geometry=shapely.points(np.arange(n), np.zeros(n)),
    )


def test_model_reads_the_frame_sorts_and_filters_100k_rows(qtbot):
    frame = _frame(100_000)
    model = FrameTableModel(frame)
    assert model.rowCount() == 100_000 and model.columnCount() == 3
    assert model.data(model.index(5, 0)) == "楼5"
    assert model.data(model.index(0, 1)) == "NULL"  # NaN shown as NULL
    model.sort(1, Qt.SortOrder.DescendingOrder)
    shown = frame["height"].to_numpy()[model.order]
    finite = shown[~np.isnan(shown)]
    assert np.all(np.diff(finite) <= 0) and np.isnan(shown[-1])
    assert model.data(model.index(0, 1)) == f"{np.nanmax(frame['height']):.10g}"
    model.set_filter("楼1234")
    expected = frame.index[frame["名称"].str.contains("楼1234")].to_numpy()
    assert sorted(model.order.tolist()) == expected.tolist()
    assert model.headerData(0, Qt.Orientation.Vertical) == str(model.order[0] + 1)
    model.set_filter("商业", column=2)
    assert set(frame["use"].to_numpy()[model.order]) == {"商业"}
    # Sorting still applies under the filter.
    heights = frame["height"].to_numpy()[model.order]
    heights = heights[~np.isnan(heights)]
    assert np.all(np.diff(heights) <= 0)
    # Selections of frame positions become a few row ranges.
    positions = model.order[[0, 1, 2, 10, 11]]
    selection = model.selection_of(positions)
    assert len(selection) == 2
    assert model.positions(model.rows_of(selection)).tolist() == positions.tolist()


def test_format_of_values():
    from riskmap.gui.docks.table_model import format_value

    assert format_value(1.0) == "1"
    assert format_value(0.1 + 0.2) == "0.3"
    assert format_value(None) == format_value(float("nan")) == "NULL"
    assert format_value(pd.NA) == "NULL"
    assert format_value("重庆") == "重庆"


def _open(qtbot, window, path) -> None:
    assert window.files.open_path(path)
    wait_until_drawn(qtbot, window)


def test_selecting_rows_selects_features_on_the_map(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    window.layers_dock.view.setCurrentIndex(
        window.layers_dock.model.index(window.layers_dock.model.row_of("buildings"))
    )
    dock = window.attributes_dock
    assert dock.layer_id == "buildings"
    model, table = dock.model, dock.table
    table.sortByColumn(model.columns.index("height_m"), Qt.SortOrder.DescendingOrder)
    table.selectionModel().select(
        model.selection_of(model.order[:5]),
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows,
    )
    frame = window.session.data.vectors["buildings"].frame
    tallest = np.argsort(-frame["height_m"].to_numpy(), kind="stable")[:5]
    assert sorted(window.session.selection("buildings").tolist()) == sorted(
        tallest.tolist()
    )
    overlays = {layer.id: layer for layer in window.canvas._overlays}
    assert len(overlays["selection:buildings"].geometries) == 5
    assert "5 selected" in dock.count_label.text()
    window.nav.zoom_to_selection("buildings")
    xmin, ymin, xmax, ymax = window.canvas.view()
    b = frame.geometry.iloc[tallest].total_bounds
    assert xmin <= b[0] and ymin <= b[1] and xmax >= b[2] and ymax >= b[3]
    wait_until_drawn(qtbot, window)
    # Filtering keeps the selection of rows it hides.
    dock.filter_edit.setText("楼1")
    dock._apply_filter()
    assert len(window.session.selection("buildings")) == 5


def test_selecting_on_the_map_selects_rows(qtbot, window, small_project):
    _open(qtbot, window, small_project)
    window.session.set_current_layer("buildings")
    window.set_tool("select")
    canvas = window.canvas
    a, b = QPoint(20, 20), QPoint(canvas.width() // 2, canvas.height() - 20)
    (x0, y1), (x1, y0) = canvas.to_map(a.toPointF()), canvas.to_map(b.toPointF())
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=b)
    frame = window.session.data.vectors["buildings"].frame
    inside = np.flatnonzero(shapely.intersects(frame.geometry.values,
                                               shapely.box(x0, y0, x1, y1)))  # fmt: skip
    assert len(inside) > 10
    assert window.session.selection("buildings").tolist() == inside.tolist()
    dock = window.attributes_dock
    rows = dock.model.rows_of(dock.table.selectionModel().selection())
    assert sorted(dock.model.positions(rows).tolist()) == inside.tolist()
    # Ctrl+click on a selected feature takes it out of the selection.
    first = frame.geometry.iloc[inside[0]].centroid
    point = canvas.to_pixel(first.x, first.y).toPoint()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, point)  # fmt: skip
    assert inside[0] not in window.session.selection("buildings")
    window.actions.clear_selection.trigger()
    assert len(window.session.selection("buildings")) == 0
    assert not dock.table.selectionModel().hasSelection()
