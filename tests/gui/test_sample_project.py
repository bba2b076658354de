"""The bundled sample project in the window: opened and scored once for the
module, then checked the way an inspector would use it."""

from __future__ import annotations

import numpy as np
import pytest

from PySide6.QtGui import QColor

from riskmap._paths import sample_project
from riskmap.core.levels import level
from riskmap.gui.i18n import CHINESE, ENGLISH, install_language
from riskmap.gui.names import level_label
from tests.gui.sample_window import close, open_sample, private_home, ready, wait

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def private(tmp_path_factory):
    """Module-wide: config, logs and settings in tmp; dialogs never block."""
    with private_home(tmp_path_factory.mktemp("sample_home")) as home:
        yield home


@pytest.fixture(scope="module")
def sample(qapp, private):
    win = open_sample(ENGLISH)
    yield win
    close(win)


def test_sample_opens_with_title_layers_and_drawn_extent(sample):
    project = sample.session.project
    assert sample.windowTitle() == f"{project.title}[*] — riskmap"
    assert "示例" in project.title and not sample.isWindowModified()
    model = sample.layers_dock.model
    shown = [model.data(model.index(r)) for r in range(1, model.rowCount() - 1)]
    assert shown == [s.title for s in reversed(project.layers)]
    districts = sample.session.data.districts.frame.total_bounds
    xmin, ymin, xmax, ymax = sample.canvas.view()
    assert xmin <= districts[0] and ymin <= districts[1]
    assert xmax >= districts[2] and ymax >= districts[3]
    assert sample.canvas._image.view == pytest.approx(
        sample.canvas.view(), abs=2 * sample.canvas.resolution()
    )
    # Every level colour of the result is on screen.
    image = sample.canvas.grab_image()
    codes = set(np.unique(sample.session.result.classes)) - {0}
    for code in codes:
        assert _pixels_like(image, level(code).colour) > 20, level(code).key
    combo = sample.actions.district_combo
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert "渝中区" in names and len(names) == len(sample.session.data.districts)


def _pixels_like(image, colour: str, tolerance: int = 12) -> int:
    target = QColor(colour)
    step = 3
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            if (abs(c.red() - target.red()) <= tolerance
                    and abs(c.green() - target.green()) <= tolerance
                    and abs(c.blue() - target.blue()) <= tolerance):  # fmt: skip
                count += 1
    return count


def test_identify_a_cell_explains_it_with_the_cores_numbers(sample):
    result = sample.session.result
    top = np.nanargmax(np.where(result.classes > 0, result.composite, np.nan))
    row, col = np.unravel_index(top, result.grid.shape)
    x = result.grid.x0 + (col + 0.5) * result.grid.cell
    y = result.grid.y0 - (row + 0.5) * result.grid.cell
    sample.set_tool("identify")
    sample.nav.identify_at(x, y, 0.0)
    expected = result.explain(int(row), int(col))
    dock = sample.identify_dock
    table = dock.hazard_table
    assert table.rowCount() == len(expected.hazards)
    for r, part in enumerate(expected.hazards):
        assert table.item(r, 0).text() == part.title
        assert float(table.item(r, 1).text()) == pytest.approx(part.intensity, abs=5e-4)
        assert float(table.item(r, 2).text()) == pytest.approx(part.weight, abs=5e-4)
        assert float(table.item(r, 3).text()) == pytest.approx(
            part.contribution, abs=5e-4
        )
    assert sum(p.contribution for p in expected.hazards) == pytest.approx(
        expected.composite, abs=1e-6
    )
    assert dock.composite_label.text().startswith(f"{expected.composite:.3f}")
    assert dock.level_label.text() == level_label(level(expected.level_code))
    assert expected.district in dock.place_label.text()
    assert f"{expected.score:.3f}" in dock.rule_label.text() or (
        "就高" in dock.rule_label.text()
    )
    overlays = [layer.id for layer in sample.canvas._overlays]
    assert "highlight" in overlays


def test_identify_a_feature_shows_its_attributes(sample):
    frame = sample.session.data.vectors["fire"].frame
    point = frame.geometry.iloc[0].representative_point()
    sample.canvas.zoom_to(frame.geometry.iloc[0].buffer(300).bounds)
    sample.nav.identify_at(point.x, point.y, 5 * sample.canvas.resolution())
    answer = sample.session.identify
    assert answer.features and answer.features[0].layer_id == "fire"
    tree = sample.identify_dock.feature_tree
    top = tree.topLevelItem(0)
    assert top.text(0) == sample.session.project.layer("fire").title
    feature = top.child(0)
    values = {feature.child(i).text(0): feature.child(i).text(1)
              for i in range(feature.childCount())}  # fmt: skip
    first = frame.iloc[0]
    column = next(c for c in frame.columns if c != frame.geometry.name)
    assert values[str(column)] == str(first[column])
    assert answer.highlight()[0].equals(frame.geometry.iloc[0])
    wait(sample.canvas.idle, 30)


def test_a_weight_change_rescores_and_undo_restores(sample):
    first = sample.session.result
    before = {h.layer_id: h.weight for h in first.hazards}
    dock = sample.layers_dock
    dock.view.setCurrentIndex(dock.model.index(dock.model.row_of("hazmat")))
    dock.weight_spin.setValue(3.0)
    assert sample.session.project.layer("hazmat").weight == 3.0

    def weights():
        return {h.layer_id: h.weight for h in sample.session.result.hazards}

    wait(lambda: ready(sample) and weights()["hazmat"] != before["hazmat"])
    after = weights()
    assert after["hazmat"] == pytest.approx(3 / 5)
    # Re-weighting reuses the hazard surfaces: no model ran again.
    surfaces = {h.layer_id: h.values for h in sample.session.result.hazards}
    assert all(surfaces[h.layer_id] is h.values for h in first.hazards)
    assert not np.array_equal(sample.session.result.composite, first.composite)
    assert "60%" in dock.share_label.text()
    sample.actions.undo.trigger()
    wait(lambda: ready(sample) and weights() == pytest.approx(before))
    assert not sample.isWindowModified()


def test_screenshots_in_english_and_chinese(sample, private, tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    sample.canvas.zoom_full()
    wait(lambda: ready(sample))
    english = folder / "riskmap_sample_en.png"
    assert sample.grab().save(str(english))
    chinese_win = open_sample(CHINESE)
    try:
        assert chinese_win.menus["file"].title() == "文件(&F)"
        chinese = folder / "riskmap_sample_zh_CN.png"
        assert chinese_win.grab().save(str(chinese))
    finally:
        close(chinese_win)
        install_language(ENGLISH)
    for path in (english, chinese):
        assert path.stat().st_size > 50_000
    print(f"screenshots: {english} {chinese}")


def test_cancel_stops_the_work_and_keeps_the_window_usable(qapp, private):
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    win = MainWindow(prefs=Preferences())
    win.show()
    try:
        assert win.files.open_path(sample_project(), confirm=False)
        assert win.status.is_busy() and win.status.cancel_button.isVisible()
        win.status.cancel_button.click()
        wait(lambda: not win.runner.running(), 30)
        assert not win.status.is_busy()
        assert win.session.data is None and win.analysis.state == "idle"
        win.refresh()  # F5 starts over
        wait(lambda: ready(win))
        assert win.session.result is not None
    finally:
        close(win)
