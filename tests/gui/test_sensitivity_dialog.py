"""Sensitivity from the window: the engine's Monte Carlo with progress and
cancel, its table, and the unstable districts drawn on the map."""

from __future__ import annotations

import numpy as np
import pytest

import shapely

from riskmap.core.commands import SetSetting
from riskmap.gui.dialogs.sensitivity import OVERLAY, UNSTABLE_COLOUR
from riskmap.pipeline.sensitivity import add_sensitivity
from tests.gui.sample_window import close, open_sample, private_home, ready, wait

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def sample(qapp, tmp_path_factory):
    with private_home(tmp_path_factory.mktemp("sensitivity_home")):
        win = open_sample()
        yield win
        close(win)


@pytest.fixture
def dialog(sample):
    dialog = sample.model_tools.open_sensitivity()
    yield dialog
    dialog.close()
    wait(lambda: not sample.runner.running(), 60)


def test_runs_the_engine_and_shows_its_numbers(sample, dialog, tmp_path):
    # A class break at the median district score: that district's level
    # then hangs on the weights, the others' do not.
    means = np.sort(sample.session.result.stats["mean"].to_numpy())
    edge = round(float(means[len(means) // 2]), 4)
    sample.session.push(SetSetting("classification", "thresholds", (edge, 0.85, 0.95)))
    wait(lambda: ready(sample) and sample.session.result.thresholds[0] == edge)
    dialog.runs_spin.setValue(300)
    dialog.alpha_spin.setValue(20)
    dialog.vary_check.setChecked(True)
    progress = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.run_button.click()
    assert dialog.busy()
    wait(lambda: not dialog.busy(), 120)
    expected = add_sensitivity(sample.session.result, 300, 20.0, True, 0).stats
    shown = dialog.result.stats
    for column in ("p_blue", "p_yellow", "p_orange", "p_red", "rank_p05",
                   "rank_p95", "unstable"):  # fmt: skip
        np.testing.assert_array_equal(shown[column], expected[column])
    unstable = expected["unstable"].to_numpy(bool)
    assert unstable.any() and not unstable.all()
    assert progress and max(progress) > 50
    table = dialog.table
    assert table.rowCount() == len(expected)
    names = list(sample.session.result.districts["name"])
    for row in range(table.rowCount()):
        name = table.item(row, 0).text()
        k = names.index(name)
        assert table.item(row, 5).text() == f"{100 * expected['p_red'][k]:.0f} %"
        assert table.item(row, 8).text() == ("yes" if unstable[k] else "—")
    assert f"{unstable.sum()} of {len(names)} districts" in dialog.summary_label.text()
    # On the map: the unstable districts, outlined and hatched.
    layers = sample.canvas.overlay(OVERLAY)
    assert len(layers) == 1 and layers[0].style.base.hatch
    assert layers[0].style.base.color == UNSTABLE_COLOUR
    geoms = sample.session.result.districts.geometry.values[unstable]
    assert all(shapely.equals(a, b) for a, b in zip(layers[0].geometries, geoms,
                                                    strict=True))  # fmt: skip
    assert layers[0] in sample.canvas._overlays
    wait(lambda: sample.canvas.idle())
    assert sample.canvas._image.job.overlays == sample.canvas._overlays
    shot = tmp_path / "unstable.png"
    sample.grab().save(str(shot))
    dialog.grab().save(str(tmp_path / "sensitivity_dialog.png"))
    print(f"screenshots: {shot} {tmp_path / 'sensitivity_dialog.png'}")
    dialog.map_check.setChecked(False)
    assert sample.canvas.overlay(OVERLAY) == ()
    dialog.map_check.setChecked(True)
    assert sample.canvas.overlay(OVERLAY)
    sample.actions.undo.trigger()
    wait(lambda: ready(sample))


def test_sorting_is_by_number(sample, dialog):
    dialog.runs_spin.setValue(50)
    dialog.run()
    wait(lambda: not dialog.busy(), 60)
    dialog.table.sortItems(6)  # rank
    ranks = [
        int(dialog.table.item(r, 6).text()) for r in range(dialog.table.rowCount())
    ]
    assert ranks == sorted(ranks)


def test_cancel_stops_the_runs_and_a_new_result_clears_the_table(sample, dialog):
    before, rows = dialog.result, dialog.table.rowCount()
    dialog.runs_spin.setValue(100_000)
    dialog.run()
    wait(lambda: dialog.progress.value() > 0, 60)
    dialog.cancel_button.click()
    assert not dialog.busy() and dialog.summary_label.text() == "Canceled."
    wait(lambda: not sample.runner.running(), 60)
    # The last finished analysis stays; the canceled one left nothing.
    assert dialog.result is before and dialog.table.rowCount() == rows
    dialog.runs_spin.setValue(50)
    dialog.run()
    wait(lambda: not dialog.busy(), 60)
    assert dialog.table.rowCount() > 0
    # The map changes: the table and the outline are out of date.
    sample.model_tools.dock.set_share("fire", 50.0)
    wait(lambda: ready(sample) and dialog.result is None)
    assert dialog.table.rowCount() == 0 and sample.canvas.overlay(OVERLAY) == ()
    assert "run again" in dialog.summary_label.text()
    sample.actions.undo.trigger()
    wait(lambda: ready(sample))


def test_the_status_bars_cancel_stops_it_too(sample, dialog):
    dialog.runs_spin.setValue(100_000)
    dialog.run()
    wait(lambda: dialog.progress.value() > 0, 60)
    assert sample.status.cancel_button.isVisible()
    sample.status.cancel_button.click()
    wait(lambda: not dialog.busy(), 10)
    assert dialog.summary_label.text() == "Canceled."
    assert dialog.run_button.isEnabled()
