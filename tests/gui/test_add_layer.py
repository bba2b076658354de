"""Add Layer: what the user sees about a file before it loads, and the load."""

from __future__ import annotations

import numpy as np
import pytest

import geopandas as gpd
import shapely

from riskmap.core.project import BASE_KIND
from riskmap.gui.dialogs.add_layer import AddLayerDialog, unique_id
from riskmap.gui.dialogs.layer_source import LayerSource, dbf_preview
from tests.gui.conftest import wait_until_drawn
from tests.io.fixtures import points_frame, write_shapefile

pytestmark = pytest.mark.gui

MOJIBAKE = "渝中区".encode("gbk").decode("latin-1")


def _open(qtbot, window, path) -> None:
    assert window.files.open_path(path)
    wait_until_drawn(qtbot, window)


def test_dbf_preview_decodes_the_bytes_as_chosen(tmp_path):
    shp = write_shapefile(tmp_path, "gbk", points_frame(), encoding="gbk", cpg=False)
    dbf = shp.with_suffix(".dbf")
    assert dbf_preview(dbf, "gbk")["名称"].tolist() == ["渝中区", "江北区", "北碚区"]
    assert dbf_preview(dbf, "latin-1").iloc[0, 0] == MOJIBAKE
    # Under UTF-8 the GBK bytes do not decode: the damage shows as U+FFFD.
    assert "\ufffd" in dbf_preview(dbf, "utf-8").iloc[0, 0]
    source = LayerSource(shp)
    facts = source.facts()
    assert facts.encoding == "gbk" and "GBK" in facts.encoding_how
    assert facts.crs == "EPSG:4326" and facts.features == 3
    assert source.encoding_matters


def test_add_a_gbk_shapefile_seen_right_before_it_loads(
    qtbot, window, small_project, tmp_path
):
    _open(qtbot, window, small_project)
    shp = write_shapefile(tmp_path / "in", "学校", points_frame(), encoding="gbk",
                          cpg=False)  # fmt: skip
    dialog = window.open_add_layer(str(shp))
    assert isinstance(dialog, AddLayerDialog)
    assert dialog.encoding() == "gbk"
    assert "(detected)" in dialog.encoding_combo.currentText()
    assert "渝中区" in dialog.preview_values()
    # A wrong choice is visibly wrong in the preview ...
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("latin-1"))
    assert "渝中区" not in dialog.preview_values()
    assert MOJIBAKE in dialog.preview_values()
    header = dialog.preview_table.horizontalHeaderItem(0).text()
    assert header != "名称"
    # ... and the right one is right again.
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("gbk"))
    assert dialog.preview_table.item(0, 0).text() == "渝中区"
    assert "EPSG:4326" in dialog.crs_combo.currentText()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(BASE_KIND))
    dialog.accept()
    ids = lambda: [s.id for s in window.session.project.layers]  # noqa: E731
    qtbot.waitUntil(lambda: "学校" in ids(), timeout=20_000)
    spec = window.session.project.layer("学校")
    assert spec.encoding == "gbk" and spec.source_crs is None and spec.kind == "base"
    qtbot.waitUntil(
        lambda: "学校" in (window.session.data.vectors or {}), timeout=20_000
    )
    frame = window.session.data.vectors["学校"].frame
    assert frame["名称"].tolist() == ["渝中区", "江北区", "北碚区"]
    assert window.isWindowModified()
    assert window.layers_dock.model.row_of("学校") == 1  # on top of the list
    window.actions.undo.trigger()
    assert "学校" not in [s.id for s in window.session.project.layers]
    qtbot.waitUntil(lambda: "学校" not in window.session.data.vectors, timeout=20_000)
    window.actions.redo.trigger()  # comes back without reading the file again
    qtbot.waitUntil(lambda: "学校" in window.session.data.vectors, timeout=20_000)
    wait_until_drawn(qtbot, window)


def test_chosen_crs_and_layer_of_a_multilayer_file(
    qtbot, window, small_project, tmp_path
):
    _open(qtbot, window, small_project)
    gpkg = tmp_path / "two.gpkg"
    points_frame().to_file(gpkg, layer="points")
    x = 106.50 + 0.01 * np.arange(3)
    zones = gpd.GeoDataFrame({"等级": ["高", "中", "低"]},
                             geometry=shapely.box(x, 29.55, x + 0.002, 29.552),
                             crs=4326)  # fmt: skip
    zones.to_file(gpkg, layer="zones")
    dialog = window.open_add_layer(str(gpkg))
    assert dialog.layer_combo.isEnabled() and dialog.layer_combo.count() == 2
    assert not dialog.encoding_combo.isEnabled()  # GeoPackage text is UTF-8
    dialog.layer_combo.setCurrentIndex(1)
    assert dialog.layer_name() == "zones"
    assert dialog.facts.fields == ["等级"]
    assert dialog.preview_values() == ["高", "中", "低"]
    labels = [dialog.crs_combo.itemText(i) for i in range(dialog.crs_combo.count())]
    assert any("GCJ-02" in t for t in labels) and any("BD-09" in t for t in labels)
    dialog.crs_combo.setCurrentIndex(dialog.crs_combo.findData("GCJ-02"))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(BASE_KIND))
    dialog.name_edit.setText("易发区")
    spec = dialog.build()
    assert (spec.layer, spec.source_crs, spec.encoding) == ("zones", "GCJ-02", None)
    dialog.accept()
    layer_id = unique_id("易发区", set())
    qtbot.waitUntil(lambda: layer_id in window.session.data.vectors, timeout=20_000)
    loaded = window.session.data.vectors[layer_id]
    # GCJ-02 coordinates were converted: the boxes moved by a few hundred metres.
    plain = zones.to_crs("EPSG:4545").geometry.centroid
    moved = loaded.frame.geometry.centroid.distance(plain.reset_index(drop=True))
    assert ((moved > 100) & (moved < 1000)).all()
    assert any("GCJ-02" in w or "overrides" in w for w in loaded.warnings) or (
        loaded.source.crs == "GCJ-02"
    )
    wait_until_drawn(qtbot, window)


def test_a_bad_crs_or_unreadable_file_is_told_not_loaded(
    qtbot, window, small_project, tmp_path
):
    _open(qtbot, window, small_project)
    shp = write_shapefile(tmp_path, "pts", points_frame(), prj=False)
    dialog = window.open_add_layer(str(shp))
    assert "None in the file" in dialog.crs_combo.currentText()
    dialog.crs_combo.setEditText("EPSG:999999")
    dialog.accept()
    assert dialog.isVisible()
    assert "EPSG:999999" in dialog.error_label.text()
    assert "pts" not in [s.id for s in window.session.project.layers]
    dialog.reject()
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"not a geopackage at all" * 10)
    assert window.open_add_layer(str(broken)) is None
    box = window.findChild(type(window.findChild(object, "errorBox")), "errorBox")
    assert box is not None and "broken.gpkg" in box.text()


def test_add_a_hazard_layer_with_its_field_mapping(
    qtbot, window, small_project, tmp_path
):
    from tests.gui.data import buildings

    _open(qtbot, window, small_project)
    frame = buildings(50, seed=7).rename(
        columns={"height_m": "建筑高度", "use": "用途"}
    )
    path = tmp_path / "高层.gpkg"
    frame.to_file(path, layer="高层")
    dialog = window.open_add_layer(str(path))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("highrise_fire"))
    assert dialog.mapping() == {"height_m": "建筑高度", "use": "用途"}
    first = dialog.mapping_table.item(0, 2).text()
    assert float(first) == pytest.approx(frame["建筑高度"].iloc[0])
    dialog.set_mapping("use", "")  # the user says: do not use this column
    dialog.weight_spin.setValue(2.0)
    dialog.accept()
    qtbot.waitUntil(lambda: window.session.result is not None, timeout=60_000)
    spec = window.session.project.layer("高层")
    assert spec.kind == "highrise_fire" and spec.weight == 2.0
    assert spec.fields == {"height_m": "建筑高度"}
    assert [h.layer_id for h in window.session.result.hazards] == ["高层"]
    wait_until_drawn(qtbot, window)


def _filegdb(folder):
    """A FileGDB written by GDAL with a point layer and a polygon layer."""
    path = folder / "资料.gdb"
    points_frame().to_file(path, layer="points", driver="OpenFileGDB")
    x = 106.50 + 0.01 * np.arange(3)
    zones = gpd.GeoDataFrame({"等级": ["高", "中", "低"]},
                             geometry=shapely.box(x, 29.55, x + 0.002, 29.552),
                             crs=4326)  # fmt: skip
    zones.to_file(path, layer="zones", driver="OpenFileGDB")
    return path


def _add_layer_dialogs(window) -> list[AddLayerDialog]:
    return [d for d in window.findChildren(AddLayerDialog) if d.isVisible()]


def test_add_a_file_geodatabase_folder_from_the_file_menu(
    qtbot, window, small_project, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    _open(qtbot, window, small_project)
    gdb = _filegdb(tmp_path)
    action = window.actions.add_geodatabase
    assert action in window.menus["file"].actions()
    assert action.text() == "Add File &Geodatabase…"
    asked = []

    def choose_folder(*args, **kwargs):
        asked.append(args)
        return str(gdb)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose_folder)
    action.trigger()
    assert asked
    dialogs = _add_layer_dialogs(window)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.source.path == gdb
    assert [dialog.layer_combo.itemData(i) for i in range(2)] == ["points", "zones"]
    dialog.layer_combo.setCurrentIndex(1)
    assert dialog.preview_values() == ["高", "中", "低"]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(BASE_KIND))
    dialog.accept()
    qtbot.waitUntil(lambda: "资料" in window.session.data.vectors, timeout=20_000)
    spec = window.session.project.layer("资料")
    assert (spec.path, spec.layer) == (gdb, "zones")
    assert len(window.session.data.vectors["资料"].frame) == 3
    wait_until_drawn(qtbot, window)


def test_a_table_picked_inside_a_geodatabase_opens_the_geodatabase(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    gdb = _filegdb(tmp_path)
    inside = sorted(gdb.glob("*.gdbtable"))[0]  # GDAL's system catalogue
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(inside), "")
    )
    window.actions.add_layer.trigger()
    dialog = _add_layer_dialogs(window)[0]
    assert dialog.source.path == gdb
    assert [dialog.layer_combo.itemData(i) for i in range(2)] == ["points", "zones"]
