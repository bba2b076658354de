from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from riskmap.core.fields import (
    InputField,
    clean_numeric,
    resolve_mapping,
    suggest_mapping,
)
from riskmap.errors import FieldMappingError

HEIGHT = InputField(
    "height_m", required=True, aliases=("height", "高度", "建筑高度", "楼高"), minimum=0
)
FLOORS = InputField("floors", aliases=("层数",), minimum=0)


def test_aliases_match_case_insensitively_and_in_chinese() -> None:
    assert suggest_mapping(["ID", "HEIGHT", "层数"], [HEIGHT, FLOORS]) == {
        "height_m": "HEIGHT",
        "floors": "层数",
    }
    assert suggest_mapping(["楼高"], [HEIGHT]) == {"height_m": "楼高"}


def test_override_wins_and_is_checked() -> None:
    cols = ["高度", "h2"]
    assert resolve_mapping(cols, [HEIGHT], {"height_m": "h2"}, "layer 'b'") == {
        "height_m": "h2"
    }
    with pytest.raises(FieldMappingError, match="layer 'b': attribute 'hh'"):
        resolve_mapping(cols, [HEIGHT], {"height_m": "hh"}, "layer 'b'")
    with pytest.raises(FieldMappingError, match="unknown model input 'hieght'"):
        resolve_mapping(cols, [HEIGHT], {"hieght": "h2"}, "layer 'b'")
    with pytest.raises(FieldMappingError, match="required input 'height_m' not found"):
        resolve_mapping(["x"], [HEIGHT], {}, "layer 'b'")


def test_clean_numeric_counts_unusable_values() -> None:
    values = pd.Series(["12.5", "abc", None, "-3", " 40 ", "inf", 7], dtype=object)
    num, bad = clean_numeric(values, HEIGHT)
    np.testing.assert_array_equal(
        np.isnan(num), [False, True, True, True, False, True, False]
    )
    assert num[0] == 12.5 and num[4] == 40 and num[6] == 7
    assert bad == 3  # abc, -3, inf; None was already missing
