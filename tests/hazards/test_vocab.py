from __future__ import annotations

import numpy as np
import pandas as pd

from riskmap.hazards.vocab import parse_system


def test_unknown_spellings_are_missing_not_errors() -> None:
    values = pd.Series(
        ["正常", "故障", "无", "不详", "未知", "Unknown", "？", "乱码值"]
    )
    state, bad = parse_system(values)
    np.testing.assert_array_equal(state[:3], [0.0, 0.5, 1.0])
    assert np.isnan(state[3:]).all()
    assert bad == 1  # only 乱码值 was not understood
