"""The four official risk levels (安全风险四色), lowest first.

Class codes in rasters: 0 = no data (outside every district), 1 = 低/蓝,
2 = 一般/黄, 3 = 较大/橙, 4 = 重大/红.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    code: int
    key: str  # blue | yellow | orange | red (CSV column suffixes)
    name_zh: str  # 低风险
    short_zh: str  # 低
    colour_zh: str  # 蓝
    name_en: str
    colour: str  # screen and print colour (DOMAIN.md palette)
    hatch: str  # matplotlib hatch for grey-scale printers


LEVELS: tuple[Level, ...] = (
    Level(1, "blue", "低风险", "低", "蓝", "low", "#2F6FD0", ""),
    Level(2, "yellow", "一般风险", "一般", "黄", "moderate", "#F7D33D", ".."),
    Level(3, "orange", "较大风险", "较大", "橙", "high", "#F28C28", "//"),
    Level(4, "red", "重大风险", "重大", "红", "major", "#E8262B", "xx"),
)
NODATA_CLASS = 0
OUTLINE_COLOUR = "#404040"  # thin dark outline so yellow prints on white


def level(code: int) -> Level:
    """The level with class code ``code`` (1-4)."""
    return LEVELS[code - 1]
