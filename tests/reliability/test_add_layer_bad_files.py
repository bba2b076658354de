"""The window's Add Layer logic fed the same damaged files as the CLI.

``MainWindow.open_add_layer(path)`` is what the File menu calls after its
file dialog. For each file the outcome is one of: refused at once with a
message box naming the file; refused when OK loads it, with the reason in
the dialog; or added, with the repair reported. Never an "unexpected error"
box, and the file is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import shiboken6

from riskmap.core.project import BASE_KIND
from tests.gui.conftest import (  # noqa: F401 - fixtures
    _dialogs_never_block,
    _qsettings_in_tmp,
    small_project,
    wait_until_drawn,
    window,
)
from tests.reliability.blocks import (
    LOCAL_WKT,
    Writer,
    csv,
    gdb_truncate,
    shp,
    tif,
    two_layers,
    vector,
    zero_bytes,
)
from tests.reliability.builders import case_boxes, case_points
from tests.reliability.table import _boxes_4326, _cut, _side
from tests.reliability.test_bad_inputs import snapshot

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class GuiCase:
    id: str
    write: Writer
    outcome: str  # "refused" (no dialog) | "not loaded" (told in it) | "added"
    says: str  # in the message box, the dialog's error, or the warnings
    kind: str = BASE_KIND


GUI_CASES = [
    GuiCase("shp-truncated", shp(_cut(0.6)), "added",
            "4 of 5 records could not be read"),
    GuiCase("shp-missing-shx", shp(_side(".shx", lambda p: p.unlink())), "added",
            "the .shx index is missing; it was rebuilt"),
    GuiCase("shp-unreadable-prj",
            shp(_side(".prj", lambda p: p.write_text("GEOGCS[garbage"))),
            "not loaded", "has no coordinate reference system (the .prj file "
            "cannot be read)"),
    GuiCase("shp-zero-bytes", shp(zero_bytes), "refused",
            "c.shp: cannot be opened: the file is empty (0 bytes)"),
    GuiCase("gpkg-truncated", vector("c.gpkg", lambda: case_boxes(2000), _cut(0.5)),
            "refused", "c.gpkg: cannot be opened: the file is damaged"),
    GuiCase("gpkg-two-layers", two_layers, "added", ""),
    GuiCase("geojson-truncated", vector("c.geojson", _boxes_4326, _cut(0.5)),
            "refused", "c.geojson: cannot be opened"),
    GuiCase("kml-truncated", vector("c.kml", _boxes_4326, _cut(0.5), "KML"),
            "refused", "c.kml: cannot be opened: not valid KML"),
    GuiCase("filegdb-truncated-table",
            vector("c.gdb", lambda: case_boxes(500), gdb_truncate, "OpenFileGDB"),
            "added", "of 500 records could not be read"),
    GuiCase("csv-binary-garbage", csv(bytes(range(256)) * 10), "not loaded",
            "no coordinate columns found"),
    GuiCase("csv-lat-lon-swapped",
            csv("lon,lat,value\n29.5487,108.0005,1\n29.5488,108.0015,2\n"),
            "not loaded", "longitude and latitude seem swapped"),
    GuiCase("tif-truncated", tif(_cut(0.5), size=500), "not loaded",
            "(r.tif): the raster data cannot be read"),
    GuiCase("tif-without-crs", tif(crs=None), "not loaded",
            "the raster has no coordinate reference system"),
    GuiCase("tif-local-engineering-crs", tif(crs=LOCAL_WKT), "not loaded",
            "its CRS 'site grid' cannot be transformed"),
    GuiCase("points-for-a-polygon-kind", vector("c.gpkg", case_points),
            "not loaded", "holds point geometries, but this kind takes polygon",
            kind="landslide"),
]  # fmt: skip


def _error_boxes(win) -> list:
    from PySide6.QtWidgets import QMessageBox

    return [b for b in win.findChildren(QMessageBox) if b.objectName() == "errorBox"]


def test_add_layer_with_damaged_files(
    qtbot,
    window,  # noqa: F811
    small_project,  # noqa: F811
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    assert window.files.open_path(small_project)
    wait_until_drawn(qtbot, window)
    for case in GUI_CASES:
        folder = tmp_path / case.id
        folder.mkdir()
        path = folder / case.write(folder)
        before = snapshot(folder)
        boxes = len(_error_boxes(window))
        dialog = window.open_add_layer(str(path))
        new_boxes = _error_boxes(window)[boxes:]
        for box in new_boxes:  # never the crash dialog
            assert box.icon() == QMessageBox.Icon.Warning, (case.id, box.text())
        if case.outcome == "refused":
            assert dialog is None, case.id
            assert len(new_boxes) == 1 and case.says in new_boxes[0].text(), case.id
            assert snapshot(folder) == before, case.id
            continue
        assert dialog is not None and not new_boxes, (case.id, dialog)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(case.kind))
        layers = len(window.session.project.layers)
        added: list[list[str]] = []
        dialog.layerAdded.connect(
            lambda _id, d=dialog, a=added: a.append(list(d.warnings))
        )
        dialog.accept()

        def settled(d=dialog, a=added) -> bool:
            if a:
                return True
            text = d.error_label.text()
            return d.buttons.isEnabled() and bool(text) and text != "Loading…"

        qtbot.waitUntil(settled, timeout=20_000)
        if case.outcome == "not loaded":
            assert not added, case.id
            assert shiboken6.isValid(dialog) and dialog.isVisible(), case.id
            text = dialog.error_label.text()
            assert case.says in text, (case.id, text)
            assert len(window.session.project.layers) == layers, case.id
            dialog.reject()
        else:
            assert added, (case.id, dialog.error_label.text())
            assert len(window.session.project.layers) == layers + 1, case.id
            if case.says:
                assert any(case.says in w for w in added[0]), (case.id, added[0])
        assert snapshot(folder) == before, case.id
    wait_until_drawn(qtbot, window)
