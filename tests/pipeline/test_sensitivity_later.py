"""The sensitivity analysis run on a result already scored (as the window
does) gives what scoring with ``sensitivity_runs`` gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from riskmap.core.feedback import RecordingFeedback
from riskmap.errors import Canceled
from riskmap.io.project_file import load_project
from riskmap.pipeline.loading import load_project_data
from riskmap.pipeline.scoring import score_project
from riskmap.pipeline.sensitivity import add_sensitivity


@pytest.mark.parametrize("vary", [False, True])
def test_same_numbers_as_scoring_with_runs(project_dir: Path, vary: bool) -> None:
    project = load_project(project_dir / "test.riskmap.toml")
    data = load_project_data(project)
    together = score_project(
        project, data, sensitivity_runs=60, seed=4, sensitivity_alpha=8.0,
        vary_method=vary,
    )  # fmt: skip
    plain = score_project(project, data)
    later = add_sensitivity(plain, runs=60, alpha=8.0, vary_method=vary, seed=4)
    pd.testing.assert_frame_equal(later.stats, together.stats)
    np.testing.assert_array_equal(
        later.sensitivity.p_major, together.sensitivity.p_major
    )
    assert later.parameters["sensitivity"] == together.parameters["sensitivity"]
    # the result it started from is left as it was
    assert plain.sensitivity is None and "unstable" not in plain.stats.columns
    assert later.composite is plain.composite


def test_cancel_stops_the_runs(project_dir: Path) -> None:
    project = load_project(project_dir / "test.riskmap.toml")
    plain = score_project(project, load_project_data(project))
    feedback = RecordingFeedback()
    feedback.cancel()
    with pytest.raises(Canceled):
        add_sensitivity(plain, runs=500, feedback=feedback)
