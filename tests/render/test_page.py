"""Whole pages: nothing overlaps, every level is in the legend, images match."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from riskmap.render.atlas import save_figure
from riskmap.render.fonts import page_context
from tests.print_fixtures import CENTRE, NO_RED, TALL, TINY, WIDE
from tests.render.conftest import BASELINE_DIR, maker_for

PAPERS = list(itertools.product(["A4", "A3"], ["landscape", "portrait"]))
PAGES = [None, TALL, WIDE, TINY, CENTRE]


def _page_texts(fig) -> list[Text]:
    """Texts placed on the page (not inside the map), except the watermark."""
    return [
        t
        for t in fig.texts
        if t.get_visible()
        and t.get_text().strip()
        and "SAMPLE DATA" not in t.get_text()
    ]


def _line_boxes(text: Text, renderer):
    """The ink box of each non-empty line (a table column is one text)."""
    _, info, _ = text._get_layout(renderer)
    posx, posy = text.get_transform().transform(text.get_unitless_position())
    for line, (w, h, d), (x, y) in info:
        if line.strip():
            yield line[:20], Bbox.from_bounds(posx + x, posy + y - d, w, h)


def _busy(document):
    """The document with three more layers of eight categories each."""
    from dataclasses import replace

    from riskmap.render.model import VectorLayer
    from riskmap.render.styles import resolve_style

    routes = next(layer for layer in document.layers if layer.id == "hazmat")
    extra = []
    for i in range(3):
        keys = [f"类别{k}" for k in range(8)]
        style = resolve_style(
            {"by": "k", "categories": dict.fromkeys(keys, "#333333")},
            "line",
            f"附加图层{i}",
        )
        cats = np.array(
            [keys[j % 8] for j in range(len(routes.geometries))], dtype=object
        )
        extra.append(
            VectorLayer(f"x{i}", f"附加图层{i}", "line", routes.geometries, style, cats)
        )
    return replace(document, layers=[*document.layers, *extra])


@pytest.mark.parametrize(("paper", "orientation"), PAPERS)
@pytest.mark.parametrize("district", PAGES, ids=lambda d: d or "overview")
@pytest.mark.parametrize("busy", [False, True], ids=["plain", "busy"])
def test_page_elements_do_not_overlap(
    document, paper, orientation, district, busy
) -> None:
    maker = maker_for(_busy(document) if busy else document, paper, orientation)
    with page_context():
        fig, info = maker.overview() if district is None else maker.district(district)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        pt = fig.dpi / 25.4  # pixels per mm
        w, h = info.boxes["page"].w * pt, info.boxes["page"].h * pt
        margin = 9.0 * pt
        boxes = []
        for text in _page_texts(fig):
            for label, bb in _line_boxes(text, renderer):
                assert bb.x0 >= margin and bb.x1 <= w - margin, label
                assert bb.y0 >= margin and bb.y1 <= h - margin, label
                boxes.append((label, bb.padded(-0.4)))
        for (a, bba), (b, bbb) in itertools.combinations(boxes, 2):
            assert not bba.overlaps(bbb), (a, b)
        # Panel parts stay apart from each other and from the map frame.
        parts = [
            k
            for k in ("title", "map", "legend", "table", "inset", "footer")
            if k in info.boxes
        ]
        for a, b in itertools.combinations(parts, 2):
            assert not info.boxes[a].overlaps(info.boxes[b]), (a, b)
        # The map keeps true shape: metres per mm equal in x and y.
        view, frame = info.view, info.boxes["map"]
        assert (view[2] - view[0]) / frame.w == pytest.approx(
            (view[3] - view[1]) / frame.h
        )
        assert (view[2] - view[0]) / frame.w * 1000 == pytest.approx(info.scale)


def _legend_shares(fig) -> list[str]:
    for text in fig.texts:
        lines = text.get_text().split("\n")
        if len(lines) == 4 and all(line.endswith(" %") for line in lines):
            return lines
    raise AssertionError("no share column in the legend")


def _legend_names(fig) -> list[str]:
    for text in fig.texts:
        lines = text.get_text().split("\n")
        if lines and lines[0].startswith("重大风险"):
            return lines
    raise AssertionError("no level names in the legend")


def test_district_without_red_still_lists_red_at_zero(document) -> None:
    assert document.district(NO_RED).stats.shares[4] == 0.0
    with page_context():
        fig, _ = maker_for(document, "A4", "landscape").district(NO_RED)
    assert _legend_names(fig) == [
        "重大风险（红）",
        "较大风险（橙）",
        "一般风险（黄）",
        "低风险（蓝）",
    ]
    shares = _legend_shares(fig)
    assert shares[0] == "0.0 %"
    total = sum(float(s.removesuffix(" %")) for s in shares)
    assert total == pytest.approx(100.0, abs=0.2)


def test_tiny_district_page_has_a_round_large_scale(document) -> None:
    with page_context():
        _, info = maker_for(document, "A4", "portrait").district(TINY)
    assert info.scale == 5_000


def test_hatch_option_hatches_levels_on_map_and_legend(document) -> None:
    from dataclasses import replace

    hatched = replace(document, hatch=True)
    with page_context():
        fig, _ = maker_for(hatched, "A4", "landscape").district(CENTRE)
    map_ax = fig.axes[0]
    map_hatches = {
        p.get_hatch()
        for p in map_ax.patches
        if isinstance(p, PathPatch) and p.get_hatch()
    }
    assert {"xx", "//", ".."} <= map_hatches
    swatches = {
        p.get_hatch() for p in fig.artists if isinstance(p, Rectangle) and p.get_hatch()
    }
    assert {"xx", "//", ".."} <= swatches


@pytest.mark.parametrize(
    ("name", "paper", "orientation", "district"),
    [
        ("overview_a4_landscape", "A4", "landscape", None),
        ("centre_a3_portrait", "A3", "portrait", CENTRE),
        ("tall_a4_landscape", "A4", "landscape", TALL),
    ],
)
def test_page_matches_baseline(
    document, tmp_path: Path, name, paper, orientation, district
) -> None:
    maker = maker_for(document, paper, orientation)
    actual = tmp_path / f"{name}.png"
    with page_context():
        fig, _ = maker.overview() if district is None else maker.district(district)
        FigureCanvasAgg(fig)
        fig.savefig(actual, dpi=30, metadata={"Software": None})
    expected = BASELINE_DIR / f"{name}.png"
    assert expected.exists(), (
        f"baseline missing: copy {actual} to {expected} after looking at it"
    )
    assert compare_images(str(expected), str(actual), tol=3) is None


def test_png_of_a_page_has_the_paper_size(document, tmp_path: Path) -> None:
    with page_context():
        fig, _ = maker_for(document, "A3", "portrait").district(WIDE)
        save_figure(fig, tmp_path / "p.png", dpi=40)
    from matplotlib.image import imread

    img = imread(tmp_path / "p.png")
    assert (
        img.shape[:2] == (round(420 / 25.4 * 40), round(297 / 25.4 * 40)) == (661, 468)
    )
    # Something is drawn in the map: the four level colours are present.
    rgb = (img[..., :3] * 255).round().astype(int)
    colours = {tuple(c) for c in rgb.reshape(-1, 3)[::7]}
    assert (0x2F, 0x6F, 0xD0) in colours or np.any(
        np.all(rgb == (0x2F, 0x6F, 0xD0), axis=-1)
    )


def test_a_reused_figure_draws_the_same_page_as_a_new_one(document) -> None:
    def pixels(fig) -> np.ndarray:
        canvas = FigureCanvasAgg(fig)
        fig.set_dpi(30)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()

    with page_context():
        reusing = maker_for(document, "A4", "landscape")
        reusing.reuse_figure = True
        first, _ = reusing.district(CENTRE)
        overview, _ = reusing.overview()  # a different page in between
        again, _ = reusing.district(TALL)
        assert again is first is overview
        fresh, _ = maker_for(document, "A4", "landscape").district(TALL)
        assert len(again.texts) == len(fresh.texts)
        assert len(again.axes[0].get_children()) == len(fresh.axes[0].get_children())
        assert (pixels(again) == pixels(fresh)).all()


def _all_text(fig) -> str:
    return "\n".join(t.get_text() for t in _page_texts(fig))


@pytest.mark.parametrize("district", [TALL, WIDE])
def test_a_long_legend_yields_to_the_first_hotspots(document, district) -> None:
    """A4 landscape with a legend three layers too long: the page still
    lists the district's first three hotspots, and the legend says what it
    leaves out."""
    import re

    busy = _busy(document)
    assert len(busy.district(district).stats.hotspots) >= 3
    with page_context():
        fig, _ = maker_for(busy, "A4", "landscape").district(district)
        text = _all_text(fig)
    listed = re.search(r"风险热点（前 (\d) 处）", text)
    assert listed and int(listed.group(1)) >= 3
    assert "项图例从略" in text


def test_markers_of_nearby_hotspots_stand_apart() -> None:
    import math

    from riskmap.render.page import marker_positions

    points = [(0.0, 0.0), (30.0, 0.0), (0.0, 40.0), (5_000.0, 0.0)]
    spots = marker_positions(points, clearance=100.0)
    assert spots[0] == points[0] and spots[3] == points[3]  # room: unmoved
    for i, j in itertools.combinations(range(4), 2):
        assert math.dist(spots[i], spots[j]) >= 100.0 - 1e-9
    # A moved marker stays close to its point (a short leader).
    assert all(math.dist(s, p) <= 300.0 for s, p in zip(spots, points, strict=True))


def test_a_name_under_the_scale_bar_box_is_hidden() -> None:
    from matplotlib.patches import FancyBboxPatch

    from riskmap.render.layout import Box
    from riskmap.render.page import _clear_labels_under

    frame = Box(10.0, 10.0, 200.0, 100.0)  # page mm
    view = (0.0, 0.0, 20_000.0, 10_000.0)  # 100 m per mm
    bar = FancyBboxPatch((12.0, 12.0), 40.0, 12.0, boxstyle="square,pad=0")
    under = Text(1_500.0, 600.0, "大渡口区", fontsize=7)  # at 25, 16 mm
    beside = Text(1_500.0, 4_000.0, "九龙坡区", fontsize=7)  # at 25, 50 mm
    _clear_labels_under([under, beside], [bar], view, frame)
    assert not under.get_visible() and beside.get_visible()
