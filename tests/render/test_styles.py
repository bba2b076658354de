from __future__ import annotations

import numpy as np
import pytest

from riskmap.core.levels import LEVELS
from riskmap.render.crs_text import crs_statement
from riskmap.render.legend import threshold_texts
from riskmap.render.styles import class_lut, level_symbols, resolve_style


def test_style_merges_defaults_and_categories() -> None:
    style = resolve_style(
        {
            "by": "un_class",
            "width": 1.5,
            "categories": {
                "3": "#8C2D04",
                "2": {"color": "#6A3D9A", "label": "第2类 气体"},
            },
        },
        "line",
        "危化品运输路线",
    )
    assert style.by == "un_class"
    assert style.base.label == "危化品运输路线" and style.base.width == 1.5
    assert style.symbol("3").color == "#8C2D04" and style.symbol("3").width == 1.5
    assert style.symbol("2").label == "第2类 气体"
    assert style.symbol("9") is style.base
    # Divisions fall back to their class; unknown values to the base symbol.
    keys = style.category_of(np.array(["3", "2.3", 3, "8", None], dtype=object))
    assert keys.tolist() == ["3", "2", "3", "", ""]


def test_style_rejects_unknown_colours_and_kinds() -> None:
    with pytest.raises(ValueError, match="notacolour"):
        resolve_style({"color": "notacolour"}, "line", "x")
    with pytest.raises(ValueError, match="raster"):
        resolve_style({}, "raster", "x")


def test_palette_and_hatches_come_from_the_levels() -> None:
    lut = class_lut()
    assert lut[0, 3] == 0  # outside every district: clear
    assert tuple(lut[4, :3]) == (0xE8, 0x26, 0x2B)  # 重大 #E8262B
    plain = level_symbols(hatch=False)
    hatched = level_symbols(hatch=True)
    assert [s.level.code for s in plain] == [4, 3, 2, 1]  # legend order
    assert all(s.hatch == "" for s in plain)
    assert [s.hatch for s in hatched] == [lv.hatch for lv in reversed(LEVELS)]
    assert len({s.hatch for s in hatched if s.hatch}) == 3


def test_threshold_texts_lower_bound_inclusive() -> None:
    texts = threshold_texts((0.25, 0.5, 0.75))
    assert texts == {
        4: "R ≥ 0.75",
        3: "0.50 ≤ R < 0.75",
        2: "0.25 ≤ R < 0.50",
        1: "R < 0.25",
    }


@pytest.mark.parametrize(
    ("crs", "text"),
    [
        ("EPSG:4545", "2000国家大地坐标系 高斯-克吕格投影 3°带 中央子午线108°E"),
        ("EPSG:4534", "2000国家大地坐标系 高斯-克吕格投影 3°带 中央子午线75°E"),
        ("EPSG:4554", "2000国家大地坐标系 高斯-克吕格投影 3°带 中央子午线135°E"),
        (
            "epsg:4524",
            "2000国家大地坐标系 高斯-克吕格投影 3°带 第36带（东坐标含带号） 中央子午线108°E",
        ),
        ("EPSG:4502", "2000国家大地坐标系 高斯-克吕格投影 6°带 中央子午线75°E"),
        ("EPSG:32648", "WGS 84 UTM 第48带（北半球）"),
        ("EPSG:4490", "2000国家大地坐标系 经纬度"),
        ("EPSG:3857", "WGS 84 / Pseudo-Mercator"),
        (None, "未定义坐标系"),
    ],
)
def test_crs_statement(crs: str | None, text: str) -> None:
    assert crs_statement(crs) == text


def test_crs_statement_from_wkt() -> None:
    from pyproj import CRS

    assert crs_statement(CRS.from_epsg(4546).to_wkt()).endswith("中央子午线111°E")


def test_engine_style_keys_are_understood() -> None:
    style = resolve_style(
        {"geometry": "line", "colour": "#7B2CBF", "linewidth": 1.2, "by": "un_class"},
        "line",
        "危化品",
    )
    assert (style.base.color, style.base.width, style.by) == (
        "#7B2CBF",
        1.2,
        "un_class",
    )


def test_auto_categories_group_codes_and_order_levels() -> None:
    from riskmap.render.styles import auto_categories

    codes = np.array(
        ["3", "2.1", "8", "6.1", "9", "5.1", "2.3", "2.2", "3", None], dtype=object
    )
    style = auto_categories(resolve_style({"by": "un_class"}, "line", "危化品"), codes)
    assert list(style.categories) == ["2", "3", "5", "6", "8", "9"]
    assert len({s.color for s in style.categories.values()}) == 6
    assert style.category_of(codes).tolist()[:3] == ["3", "2", "8"]

    words = np.array(["低", "极高", "中", "高", "低"], dtype=object)
    base = resolve_style(
        {"by": "susceptibility", "colour": "#8C510A"}, "polygon", "滑坡"
    )
    ordered = auto_categories(base, words)
    assert list(ordered.categories) == ["极高", "高", "中", "低"]
    lightness = [
        sum(int(s.color[i : i + 2], 16) for i in (1, 3, 5))
        for s in ordered.categories.values()
    ]
    assert lightness == sorted(lightness)  # darkest for the highest

    heights = np.arange(100).astype(float)  # a measure, not a category
    assert (
        auto_categories(
            resolve_style({"by": "height_m"}, "polygon", "楼"), heights
        ).categories
        == {}
    )
