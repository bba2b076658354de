"""The AHP dialog: judgements typed as a user would, weights and CR checked
against a published example, one undoable command on Apply."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from PySide6.QtWidgets import QDialogButtonBox

from riskmap.core.commands import SetWeights
from riskmap.core.project import LayerSpec, Project
from riskmap.errors import RiskmapError, SettingsError
from riskmap.gui.dialogs.ahp import AHPDialog, parse_saaty, saaty_text
from riskmap.gui.project_qt import ProjectSession

pytestmark = pytest.mark.gui

# Saaty (2008), "Decision making with the analytic hierarchy process",
# Int. J. Services Sciences 1(1), 83-98, Table 2: relative consumption of
# drinks in the US. Published: CR = 0.022; weights coffee .177, wine .019,
# tea .042, beer .116, sodas .190, milk .129, water .327.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
UPPER = {
    (0, 1): "9", (0, 2): "5", (0, 3): "2", (0, 4): "1", (0, 5): "1", (0, 6): "1/2",
    (1, 2): "1/3", (1, 3): "1/9", (1, 4): "1/9", (1, 5): "1/9", (1, 6): "1/9",
    (2, 3): "1/3", (2, 4): "1/4", (2, 5): "1/3", (2, 6): "1/9",
    (3, 4): "1/2", (3, 5): "1", (3, 6): "1/3",
    (4, 5): "2", (4, 6): "1/2",
    (5, 6): "1/3",
}  # fmt: skip
PUBLISHED = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]


def _session(ids: list[str]) -> ProjectSession:
    project = Project(title="AHP")
    for layer_id in ids:
        project.layers.append(LayerSpec(layer_id, "generic", Path(f"{layer_id}.gpkg")))
    return ProjectSession(project)


@pytest.fixture
def drinks(qtbot):
    session = _session(DRINKS)
    dialog = AHPDialog.for_session(session)
    qtbot.addWidget(dialog)
    for (i, j), text in UPPER.items():
        dialog.combos[(i, j)].setCurrentText(text)
    return session, dialog


def test_published_example_gives_the_published_weights_and_cr(drinks):
    dialog = drinks[1]
    r = dialog.result
    assert round(r.cr, 3) == 0.022 and r.ri == 1.32
    assert r.weights == pytest.approx(PUBLISHED, abs=5e-4)
    # What the user reads: the weights table, the numbers and the verdict.
    shown = [float(dialog.weights_table.item(k, 1).text().rstrip(" %")) / 100
             for k in range(len(DRINKS))]  # fmt: skip
    assert shown == pytest.approx(PUBLISHED, abs=1.5e-3)
    assert "CR = 0.022" in dialog.numbers_label.text()
    assert "RI = 1.32" in dialog.numbers_label.text()
    assert "一致性可接受" in dialog.verdict_label.text()
    # The lower triangle shows the reciprocals, read-only.
    assert dialog.table.item(6, 0).text() == "2"  # water vs coffee = 1 / (1/2)
    assert dialog.table.item(2, 1).text() == "3"
    assert (
        not dialog.table.item(2, 1).flags()
        & dialog.table.item(2, 1).flags().ItemIsEditable
    )


def test_apply_is_one_undoable_command(drinks):
    session, dialog = drinks
    assert dialog.apply_button.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    command = session.stack.next_undo()
    assert isinstance(command, SetWeights) and len(session.stack._done) == 1
    weights = [session.project.layer(k).weight for k in DRINKS]
    assert weights == pytest.approx(dialog.result.weights, abs=5e-5)  # 4 decimals
    assert sum(weights) == pytest.approx(1.0, abs=1e-3)
    session.undo()
    assert [session.project.layer(k).weight for k in DRINKS] == [1.0] * 7


def test_inconsistent_judgements_are_refused_with_the_worst_pair(qtbot):
    session = _session(["a", "b", "c", "d"])
    session.project.layer("c").name = "滑坡"
    session.project.layer("d").name = "危化品"
    dialog = AHPDialog.for_session(session)
    qtbot.addWidget(dialog)
    # d matters most (d > a > b > c), but c is judged far above d.
    upper = {(0, 1): "3", (0, 2): "5", (0, 3): "1/5", (1, 2): "2", (1, 3): "1/4",
             (2, 3): "5"}  # fmt: skip
    for (i, j), text in upper.items():
        dialog.combos[(i, j)].setCurrentText(text)
    assert dialog.result.cr >= 0.10
    assert "需要修改判断" in dialog.verdict_label.text()
    assert "滑坡 vs 危化品: judged 5" in dialog.verdict_label.text()
    assert not dialog.apply_button.isEnabled()
    dialog.apply()
    assert not session.stack.can_undo()


def test_a_bad_entry_is_shown_and_blocks_apply(qtbot):
    dialog = AHPDialog.for_session(_session(["a", "b", "c"]))
    qtbot.addWidget(dialog)
    dialog.combos[(0, 1)].setCurrentText("12")
    assert dialog.result is None and not dialog.apply_button.isEnabled()
    assert "outside Saaty's scale" in dialog.verdict_label.text()
    dialog.combos[(0, 1)].setCurrentText("1/3")
    assert dialog.result is not None and dialog.matrix[1, 0] == pytest.approx(3.0)


def test_starts_from_the_current_weights(qtbot):
    session = _session(["a", "b", "c"])
    session.project.layer("a").weight = 3.0
    dialog = AHPDialog.for_session(session)
    qtbot.addWidget(dialog)
    assert dialog.combos[(0, 1)].currentText() == "3"
    assert dialog.combos[(1, 2)].currentText() == "1"
    assert dialog.result.weights == pytest.approx([0.6, 0.2, 0.2])


def test_needs_two_hazard_layers():
    with pytest.raises(RiskmapError, match="two hazard layers"):
        AHPDialog.for_session(_session(["only"]))


def test_saaty_text_and_parse():
    assert parse_saaty("1/3") == pytest.approx(1 / 3)
    assert parse_saaty(" 7 ") == 7.0
    assert parse_saaty("１／５".replace("１", "1").replace("５", "5")) == 0.2
    for bad in ("", "x", "0", "10", "1/10"):
        with pytest.raises(SettingsError):
            parse_saaty(bad)
    assert saaty_text(0.34) == "1/3" and saaty_text(2.9) == "3"
    assert str(Fraction(1, 9)) == saaty_text(0.1)
