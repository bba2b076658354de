"""Attribute values as inspectors' data spell them, in Chinese and English.

Every parser takes a pandas Series, normalises the distinct values once
(strip, case-fold, full-width digits and points to ASCII) and maps them, so
a million rows cost what their few distinct spellings cost. A value that
matches nothing becomes missing and is counted, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

# Spellings of "not known": missing values (neutral score), not errors.
_UNKNOWN = frozenset(
    {"", "nan", "none", "null", "<null>", "-", "—", "/", "?", "？"}
    | {"不详", "未知", "不明", "待查", "待核实", "unknown", "n/a", "na"}
)


def _norm(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return "1" if value else "0"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        f = float(value)
        return str(int(f)) if f.is_integer() else repr(f)
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if text in _UNKNOWN:
        return None
    if re.fullmatch(r"[+-]?\d+\.0+", text):
        text = text.split(".")[0]
    return text


def parse(
    values: pd.Series, lookup: Callable[[str], Any], missing: Any = np.nan
) -> tuple[np.ndarray, int]:
    """Map each value through ``lookup(normalised text)``.

    ``lookup`` returns the parsed value or None for "not understood".
    Returns the parsed array (object dtype) and the number of values that
    were present but not understood.
    """
    codes, uniques = pd.factorize(pd.Series(values, copy=False), use_na_sentinel=True)
    parsed = []
    bad = []
    for u in uniques:
        key = _norm(u)
        out = None if key is None else lookup(key)
        parsed.append(missing if out is None else out)
        bad.append(key is not None and out is None)
    table = np.array([*parsed, missing], dtype=object)
    bad_table = np.array([*bad, False])
    result = table[codes]  # code -1 (NaN) takes the last entry
    return result, int(bad_table[codes].sum())


def _table(words: Mapping[str, Any]) -> Callable[[str], Any]:
    return lambda key: words.get(key)


def _words(value: Any, *spellings: str) -> dict[str, Any]:
    return dict.fromkeys(spellings, value)


# --------------------------------------------------------------------- flags
_YES = _words(
    True,
    "1",
    "true",
    "t",
    "yes",
    "y",
    "是",
    "有",
    "合格",
    "达标",
    "符合",
    "满足",
    "正常",
    "完好",
    "具备",
    "compliant",
    "ok",
)
_NO = _words(
    False,
    "0",
    "false",
    "f",
    "no",
    "n",
    "否",
    "无",
    "不合格",
    "不达标",
    "不符合",
    "不满足",
    "缺失",
    "未设置",
    "没有",
    "不具备",
    "non-compliant",
    "noncompliant",
)
FLAGS = {**_YES, **_NO}


def parse_flag(values: pd.Series) -> tuple[np.ndarray, int]:
    """1.0 / 0.0 / NaN for yes-no attributes (compliance, 威胁范围 flags)."""
    out, bad = parse(values, _table(FLAGS))
    return np.array([np.nan if v is np.nan else float(v) for v in out]), bad


# ----------------------------------------------- fire protection system state
WORKING, PARTIAL, ABSENT = 0.0, 0.5, 1.0
SYSTEM_STATE = {
    **_words(
        WORKING,
        "1",
        "true",
        "yes",
        "y",
        "是",
        "有",
        "正常",
        "完好",
        "有效",
        "working",
        "ok",
        "normal",
        "installed",
    ),
    **_words(
        PARTIAL,
        "0.5",
        "故障",
        "部分",
        "损坏",
        "部分有效",
        "部分正常",
        "部分故障",
        "partial",
        "faulty",
        "broken",
        "defective",
    ),
    **_words(
        ABSENT,
        "0",
        "false",
        "no",
        "n",
        "否",
        "无",
        "缺失",
        "未设置",
        "未安装",
        "没有",
        "absent",
        "none",
        "missing",
    ),
}


def parse_system(values: pd.Series) -> tuple[np.ndarray, int]:
    """State of a sprinkler or alarm system: 0 working, 0.5 partial or
    faulty, 1 absent, NaN unknown."""
    out, bad = parse(values, _table(SYSTEM_STATE))
    return out.astype("float64"), bad


# ------------------------------------------------------------------ building use
RESIDENTIAL, OFFICE, COMMERCIAL, MIXED = "residential", "office", "commercial", "mixed"
MEDICAL, ELDERLY, SCHOOL, HOTEL, PUBLIC = (
    "medical",
    "elderly",
    "school",
    "hotel",
    "public",
)
USES = {
    **_words(
        RESIDENTIAL,
        "住宅",
        "居住",
        "住房",
        "residential",
        "residence",
        "housing",
        "apartment",
        "dwelling",
    ),
    **_words(OFFICE, "办公", "写字楼", "office"),
    **_words(
        COMMERCIAL,
        "商业",
        "商场",
        "商店",
        "商铺",
        "零售",
        "commercial",
        "retail",
        "shop",
        "shopping",
        "mall",
    ),
    **_words(
        MIXED,
        "综合",
        "商住",
        "多功能",
        "商业综合体",
        "综合体",
        "多功能组合",
        "mixed",
        "mixed-use",
        "mixed use",
        "multi-purpose",
        "multipurpose",
    ),
    **_words(
        MEDICAL, "医院", "医疗", "卫生", "hospital", "medical", "clinic", "healthcare"
    ),
    **_words(
        ELDERLY,
        "养老",
        "老年人照料",
        "养老院",
        "敬老院",
        "老年人照料设施",
        "elderly",
        "elderly care",
        "nursing home",
        "care home",
    ),
    **_words(
        SCHOOL, "学校", "教育", "教学", "school", "education", "university", "college"
    ),
    **_words(HOTEL, "酒店", "旅馆", "宾馆", "饭店", "hotel", "hostel"),
    **_words(PUBLIC, "公共", "其他", "其它", "公建", "public", "other"),
}


def parse_use(values: pd.Series) -> tuple[np.ndarray, int]:
    """Use category names (see the constants above), None when unknown."""
    out, bad = parse(values, _table(USES), missing=None)
    return out, bad


# --------------------------------------------------------------------- road type
EXPRESSWAY_WORDS = (
    "expressway",
    "motorway",
    "freeway",
    "highway",
    "高速",
    "快速路",
    "高速公路",
    "城市快速路",
)


def parse_expressway(values: pd.Series) -> np.ndarray:
    """True for expressways (高速/快速路), False for every other road."""

    def lookup(key: str) -> bool:
        return any(word in key for word in EXPRESSWAY_WORDS)

    out, _ = parse(values, lookup, missing=False)
    return out.astype(bool)


# --------------------------------------------------------------------- UN class
_CLASS = re.compile(
    r"^(?:un\s*)?(?:第|class\s*)?\s*([1-9])(?:\.([1-6]))?\s*(?:类|项)?$"
)


def _un_class(key: str) -> str | None:
    key = key.replace(" ", "") if "class" not in key else key
    m = _CLASS.match(key)
    if not m:
        return None
    cls, div = m.group(1), m.group(2)
    return f"{cls}.{div}" if div else cls


def parse_un_class(values: pd.Series) -> tuple[np.ndarray, int]:
    """GB 6944 class or division as text ("3", "2.3"), None when unknown.

    Accepts 3, "3", 2.3, "2.3", "第3类", "3类", "class 3", "UN 2.1".
    """
    return parse(values, _un_class, missing=None)


# ---------------------------------------------------- landslide susceptibility
SUSCEPTIBILITY_CODES = {
    **_words(
        4, "极高", "极高易发", "极高易发区", "very high", "veryhigh", "extreme", "4"
    ),
    **_words(3, "高", "高易发", "高易发区", "high", "3"),
    **_words(
        2,
        "中",
        "中等",
        "中易发",
        "中易发区",
        "中等易发",
        "中等易发区",
        "medium",
        "moderate",
        "2",
    ),
    **_words(1, "低", "低易发", "低易发区", "low", "1"),
    **_words(0, "不易发", "不易发区", "非易发区", "none", "0"),
}


def parse_susceptibility(values: pd.Series) -> tuple[np.ndarray, int]:
    """Susceptibility class codes 4 (极高) .. 1 (低), 0 (不易发), NaN unknown."""
    out, bad = parse(values, _table(SUSCEPTIBILITY_CODES))
    return out.astype("float64"), bad


# ------------------------------------------------------------------ build year
_DATE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})月?(?:[-/.]?(\d{1,2})日?)?)?$")


def parse_completion(values: pd.Series) -> tuple[np.ndarray, int]:
    """Completion dates as fractional years (2015.33 = May 2015), NaN unknown.

    A bare year gives that year's start, so a building of "2015" is not
    taken as completed after 2015-05-01; see the fire model's code eras.
    """

    def lookup(key: str) -> float | None:
        m = _DATE.match(key)
        if not m:
            try:
                f = float(key)
            except ValueError:
                return None
            return f if 1800 <= f <= 2200 else None
        year = int(m.group(1))
        if not 1800 <= year <= 2200:
            return None
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else 1
        if month is None:
            return float(year)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return year + (month - 1) / 12 + (day - 1) / 372

    out, bad = parse(values, lookup)
    return out.astype("float64"), bad
