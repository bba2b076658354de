"""The Risk model panel on the sample: every change is one undoable command,
the map is recomputed in a worker (the older computation canceled) and
undo/redo restore the widgets and the map together."""

from __future__ import annotations

import numpy as np
import pytest

from riskmap.core.classify import breaks_for
from riskmap.core.commands import SetSetting, SetWeights
from riskmap.core.scoring import combine
from tests.gui.sample_window import close, open_sample, private_home, ready, wait

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def sample(qapp, tmp_path_factory):
    with private_home(tmp_path_factory.mktemp("risk_model_home")):
        win = open_sample()
        win.model_tools.show_dock()
        yield win
        close(win)


def _weights(win) -> dict[str, float]:
    return {h.layer_id: h.weight for h in win.session.result.hazards}


def _shares(dock) -> dict[str, float]:
    return {key: row.spin.value() for key, row in dock.rows.items()}


def test_dock_shows_the_projects_model(sample):
    dock = sample.model_tools.dock
    project = sample.session.project
    assert list(dock.rows) == [s.id for s in project.hazard_layers()]
    assert _shares(dock) == pytest.approx({"hazmat": 33.3, "fire": 33.3,
                                           "landslide": 33.3})  # fmt: skip
    assert dock.method_combo.currentData() == project.composite.method
    assert dock.highest_check.isChecked() == project.composite.take_highest
    assert dock.cell_spin.value() == project.cell_size
    assert [s.value() for s in dock.threshold_spins] == [0.25, 0.5, 0.75]


def test_a_share_recomputes_the_map_like_the_core_and_undo_redo(sample):
    dock = sample.model_tools.dock
    first = sample.session.result
    dock.rows["hazmat"].spin.setValue(50.0)
    project = sample.session.project
    # Only the edited layer's raw weight changes; the others keep theirs.
    assert project.layer("hazmat").weight == pytest.approx(2.0)
    assert project.layer("fire").weight == project.layer("landslide").weight == 1.0
    assert isinstance(sample.session.stack.next_undo(), SetWeights)
    assert _shares(dock) == pytest.approx({"hazmat": 50.0, "fire": 25.0,
                                           "landslide": 25.0})  # fmt: skip
    wait(lambda: ready(sample) and sample.session.result is not first)
    result = sample.session.result
    assert _weights(sample) == pytest.approx(
        {"hazmat": 0.5, "fire": 0.25, "landslide": 0.25}
    )
    expected = combine([h.values for h in first.hazards], [0.5, 0.25, 0.25], "union")
    inside = np.flatnonzero(np.isfinite(expected.ravel()) & (expected.ravel() > 0))
    cells = [int(np.nanargmax(expected)), int(inside[len(inside) // 2])]
    for cell in cells:
        assert result.composite.ravel()[cell] == pytest.approx(
            expected.ravel()[cell], abs=1e-6
        )
    sample.actions.undo.trigger()
    assert _shares(dock)["hazmat"] == pytest.approx(33.3)
    wait(lambda: ready(sample) and _weights(sample)["hazmat"] == pytest.approx(1 / 3))
    np.testing.assert_allclose(sample.session.result.composite, first.composite)
    assert not sample.isWindowModified()
    sample.actions.redo.trigger()
    assert dock.rows["hazmat"].spin.value() == pytest.approx(50.0)
    wait(lambda: ready(sample) and _weights(sample)["hazmat"] == pytest.approx(0.5))
    sample.actions.undo.trigger()
    wait(lambda: ready(sample) and _weights(sample)["hazmat"] == pytest.approx(1 / 3))


def test_dragging_a_slider_is_one_undo_step(sample):
    dock = sample.model_tools.dock
    row = dock.rows["fire"]
    stack = sample.session.stack
    before = len(stack._done)
    row.slider.setSliderDown(True)
    for value in (380, 420, 460):
        row.slider.setValue(value)
    assert len(stack._done) == before  # nothing pushed while dragging
    assert row.spin.value() == pytest.approx(46.0)
    row.slider.setSliderDown(False)  # released
    assert len(stack._done) == before + 1
    assert sample.session.project.normalised_weights()["fire"] == pytest.approx(
        0.46, abs=1e-4
    )
    sample.actions.undo.trigger()
    assert row.slider.value() == 333 and len(stack._done) == before
    wait(lambda: ready(sample))


def test_thresholds_are_checked_before_they_are_set(sample):
    dock = sample.model_tools.dock
    stack = sample.session.stack
    before = len(stack._done)
    dock.threshold_spins[0].setValue(0.6)  # above the next one
    assert len(stack._done) == before
    assert "increase" in dock.breaks_label.text()
    dock.threshold_spins[0].setValue(0.2)
    assert isinstance(stack.next_undo(), SetSetting)
    assert sample.session.project.classification.thresholds == (0.2, 0.5, 0.75)
    wait(lambda: ready(sample) and sample.session.result.thresholds[0] == 0.2)
    assert dock.breaks_label.text() == ""
    sample.actions.undo.trigger()
    assert dock.threshold_spins[0].value() == 0.25
    wait(lambda: ready(sample) and sample.session.result.thresholds[0] == 0.25)


def test_method_and_take_highest(sample):
    dock = sample.model_tools.dock
    first = sample.session.result
    dock.method_combo.activated.emit(dock.method_combo.findData("weighted_sum"))
    dock.highest_check.setChecked(False)
    project = sample.session.project
    assert project.composite.method == "weighted_sum"
    assert project.composite.take_highest is False
    wait(lambda: ready(sample) and sample.session.result.method == "weighted_sum"
         and not sample.session.result.take_highest)  # fmt: skip
    expected = combine([h.values for h in first.hazards], [1 / 3] * 3, "weighted_sum")
    np.testing.assert_allclose(sample.session.result.composite, expected, atol=1e-6)
    # Surfaces reused: recombined, not scored again.
    assert sample.session.result.hazards[0].values is first.hazards[0].values
    sample.actions.undo.trigger()
    sample.actions.undo.trigger()
    assert dock.method_combo.currentData() == "union" and dock.highest_check.isChecked()
    wait(lambda: ready(sample) and sample.session.result.method == "union")


def _class_counts(result) -> list[int]:
    classes = np.asarray(result.classes).ravel()
    return [int(n) for n in np.bincount(classes[classes >= 0], minlength=5)]


def test_classification_method_is_undoable_and_reclassifies_the_map(sample):
    dock = sample.model_tools.dock
    stack = sample.session.stack
    first = sample.session.result
    assert first.classification == "fixed" and first.thresholds == (0.25, 0.5, 0.75)
    assert dock.class_combo.currentData() == "fixed"
    seen = {"fixed": (first.thresholds, _class_counts(first))}
    for method in ("quantile", "natural_breaks"):
        before = len(stack._done)
        dock.class_combo.activated.emit(dock.class_combo.findData(method))
        assert len(stack._done) == before + 1
        command = stack.next_undo()
        assert isinstance(command, SetSetting)
        assert sample.session.project.classification.method == method
        wait(lambda: ready(sample) and sample.session.result.classification == method)  # noqa: B023
        result = sample.session.result
        # the same composite, classified by breaks computed from it
        np.testing.assert_allclose(result.composite, first.composite)
        counts = _class_counts(result)
        for thresholds, other in seen.values():
            assert result.thresholds != thresholds and counts != other
        seen[method] = (result.thresholds, counts)
        scored = result.composite[result.district_index >= 0]
        assert result.thresholds == pytest.approx(breaks_for(method, scored))
        assert not any(spin.isEnabled() for spin in dock.threshold_spins)
        breaks = " / ".join(f"{t:.3f}" for t in result.thresholds)
        assert breaks in dock.breaks_label.text() and dock.breaks_label.isVisible()
    sample.actions.undo.trigger()
    assert dock.class_combo.currentData() == "quantile"
    wait(lambda: ready(sample) and sample.session.result.classification == "quantile")
    assert sample.session.result.thresholds == seen["quantile"][0]
    sample.actions.undo.trigger()
    assert sample.session.project.classification.method == "fixed"
    assert dock.class_combo.currentData() == "fixed"
    wait(lambda: ready(sample) and sample.session.result.classification == "fixed")
    result = sample.session.result
    assert result.thresholds == (0.25, 0.5, 0.75)
    np.testing.assert_array_equal(result.classes, first.classes)
    assert all(spin.isEnabled() for spin in dock.threshold_spins)
    assert not dock.breaks_label.isVisible()


def test_a_newer_change_cancels_the_running_computation(sample):
    dock = sample.model_tools.dock
    dock.cell_spin.setValue(150)  # a new cell size scores everything again
    wait(lambda: sample.analysis.state == "scoring", 30)
    older = sample.runner._running["score"]
    dock.cell_spin.setValue(200)
    wait(lambda: older.feedback.is_canceled(), 30)
    wait(lambda: ready(sample))
    assert sample.session.result.grid.cell == 200
    assert sample.session.stack.can_undo()
    sample.actions.undo.trigger()
    sample.actions.undo.trigger()
    assert dock.cell_spin.value() == 100
    wait(lambda: ready(sample) and sample.session.result.grid.cell == 100)


def test_cancel_a_recomputation_keeps_the_last_map(sample):
    first = sample.session.result
    sample.model_tools.dock.cell_spin.setValue(120)
    wait(lambda: sample.analysis.state == "scoring", 30)
    assert sample.status.cancel_button.isVisible()
    sample.status.cancel_button.click()
    wait(lambda: not sample.runner.running(), 30)
    assert sample.analysis.state == "idle"
    assert sample.session.result is first and first.grid.cell == 100
    # The window still answers: undo brings the project back and rescoring works.
    sample.actions.undo.trigger()
    sample.refresh()
    wait(lambda: ready(sample))
    assert sample.session.result.grid.cell == 100


def test_a_cell_size_too_fine_shows_as_it_is_and_is_refused_with_a_hint(sample):
    from PySide6.QtWidgets import QMessageBox

    dock = sample.model_tools.dock
    first = sample.session.result
    sample.session.push(SetSetting("", "cell_size", 1.0))
    assert dock.cell_spin.value() == 1.0  # the project's value, not a clamp
    wait(lambda: sample.analysis.state == "failed", 30)
    boxes = [b for b in sample.findChildren(QMessageBox) if b.isVisible()]
    text = " ".join(b.text() + " " + b.informativeText() for b in boxes)
    assert "cell_size = 1:" in text and "or more" in text
    assert sample.session.result is first  # the last map stays
    for b in boxes:
        b.close()
    sample.actions.undo.trigger()
    assert dock.cell_spin.value() == 100
    wait(lambda: ready(sample))
