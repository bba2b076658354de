from __future__ import annotations

import itertools

import pytest

from riskmap.render.layout import (
    Box,
    check_paper,
    fit_view,
    metres_per_point,
    nice_length,
    page_boxes,
    round_scale,
)
from riskmap.render.text import width_mm, wrap


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        (4_000, 4_000),
        (4_001, 5_000),
        (11_000, 12_000),
        (23_456, 25_000),
        (9.9e4, 1e5),
        (1, 1),
    ],
)
def test_round_scale_rounds_up_to_a_round_number(need: float, expected: int) -> None:
    assert round_scale(need) == expected


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(1.0, 1.0), (1.9, 1.0), (2.0, 2.0), (4.99, 2.0), (730, 500), (0.07, 0.05)],
)
def test_nice_length_is_1_2_or_5_times_a_power_of_ten(
    limit: float, expected: float
) -> None:
    assert nice_length(limit) == pytest.approx(expected)


@pytest.mark.parametrize(
    "bounds",
    [
        (0, 0, 10_000, 10_000),  # square
        (0, 0, 2_000, 30_000),  # tall
        (0, 0, 40_000, 1_500),  # wide
        (500, 500, 530, 530),  # tiny: smaller than one cell
    ],
)
def test_fit_view_contains_the_area_at_the_frame_aspect_and_true_scale(bounds) -> None:
    frame = (190.0, 150.0)
    view, scale = fit_view(bounds, frame, margin=0.05)
    xmin, ymin, xmax, ymax = view
    assert xmin <= bounds[0] and ymin <= bounds[1]
    assert xmax >= bounds[2] and ymax >= bounds[3]
    # The view has the frame's aspect and 1 mm of paper is `scale` mm on the ground.
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(frame[0] / frame[1])
    assert (xmax - xmin) / (frame[0] / 1000) == pytest.approx(scale)
    assert scale == round_scale(scale) and scale >= 5_000
    # The area fills the frame in at least one direction (no needless zoom out).
    fill = max(
        (bounds[2] - bounds[0]) / (xmax - xmin), (bounds[3] - bounds[1]) / (ymax - ymin)
    )
    assert fill > 0.5 or scale == 5_000


def test_metres_per_point() -> None:
    assert metres_per_point(72_000) == pytest.approx(25.4)


@pytest.mark.parametrize(
    ("paper", "orientation"),
    list(itertools.product(["A4", "A3"], ["landscape", "portrait"])),
)
def test_page_boxes_tile_the_page_without_overlap(paper: str, orientation: str) -> None:
    p = check_paper(paper, orientation)
    boxes = page_boxes(p, 15.0, 12.0, 80.0 if p.landscape else 60.0)
    parts = [boxes.title, boxes.map, boxes.panel, boxes.footer]
    w, h = p.size_mm
    assert (w, h) == ((297, 210) if paper == "A4" else (420, 297))[
        :: 1 if p.landscape else -1
    ]
    for a in parts:
        assert a.x >= p.margin - 1e-9 and a.y >= p.margin - 1e-9
        assert a.right <= w - p.margin + 1e-9 and a.top <= h - p.margin + 1e-9
        assert a.w > 0 and a.h > 0
    for a, b in itertools.combinations(parts, 2):
        assert not a.overlaps(b)


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="A5"):
        check_paper("A5", "landscape")


def test_box_overlap() -> None:
    assert Box(0, 0, 10, 10).overlaps(Box(9, 9, 5, 5))
    assert not Box(0, 0, 10, 10).overlaps(Box(10, 0, 5, 5))


def test_wrap_keeps_every_line_inside_the_width() -> None:
    text = (
        "数据来源：行政区划（districts.gpkg，2026-11-29）；危化品运输路线"
        "（hazmat_routes.gpkg，2026-11-29）；高层建筑（highrise_buildings.gpkg，2026-11-29）"
    )
    lines = wrap(text, 80.0, 6.0)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width_mm(line, 6.0) <= 80.0 for line in lines)
