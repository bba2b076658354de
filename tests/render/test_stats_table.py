"""A district's statistics box lists what fits and says what it leaves out."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from riskmap.render.fonts import page_context
from riskmap.render.furniture import mm_transform
from riskmap.render.layout import Box, Typography
from riskmap.render.tables import district_stats_height, draw_district_stats
from tests.print_fixtures import WIDE


def _texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.texts)


@pytest.mark.parametrize("rows", [3, 1, 0])
def test_hotspots_left_out_are_counted(document, rows) -> None:
    stats = document.district(WIDE).stats
    assert len(stats.hotspots) == 3
    t = Typography.for_paper("A4")
    # Room for ``rows`` table rows plus the line that counts the rest.
    height = district_stats_height(t, rows) + (8.0 if rows else 12.0)
    with page_context():
        fig = Figure(figsize=(8.27, 11.69))
        listed = draw_district_stats(
            fig, mm_transform(fig), Box(10, 10, 84, height), stats, 100.0, t, False
        )
    text = _texts(fig)
    assert listed == rows
    left = len(stats.hotspots) - listed
    if rows:
        assert f"风险热点（前 {rows} 处）" in text
    if left and rows:
        assert f"另有 {left} 处热点本页从略" in text
    if not rows:
        assert f"共 {len(stats.hotspots)} 处热点，版面不足，本页从略" in text


def test_a_roomy_box_lists_every_hotspot_and_counts_nothing(document) -> None:
    stats = document.district(WIDE).stats
    t = Typography.for_paper("A4")
    with page_context():
        fig = Figure(figsize=(8.27, 11.69))
        listed = draw_district_stats(
            fig, mm_transform(fig), Box(10, 10, 84, 200), stats, 100.0, t, False
        )
    assert listed == len(stats.hotspots) == 3
    assert "从略" not in _texts(fig)
