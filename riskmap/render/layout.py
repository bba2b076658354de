"""Page geometry in millimetres: paper, boxes, type sizes, map scale.

A page is a title band at the top, a footer band at the bottom and, between
them, the map frame and a panel (legend, statistics, overview inset): beside
the map on landscape paper, below it on portrait paper. The map frame has a
fixed size; the view is the area's extent widened to the frame's aspect at a
round scale, so tall, wide and tiny districts all fill the frame undistorted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
SCALE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
MIN_SCALE = 5_000  # never closer than 1:5,000 (a 50 m cell is then 1 cm)


@dataclass(frozen=True)
class Box:
    """A rectangle on the page, in mm from the bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Box:
        return Box(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.x
            or other.right <= self.x
            or self.top <= other.y
            or other.top <= self.y
        )


@dataclass(frozen=True)
class Typography:
    """Type sizes in points, scaled with the paper."""

    title: float
    subtitle: float
    heading: float
    body: float
    small: float
    footer: float
    label: float

    @classmethod
    def for_paper(cls, paper: str) -> Typography:
        s = 1.0 if paper == "A4" else 1.25
        return cls(
            title=20 * s,
            subtitle=9.5 * s,
            heading=8.5 * s,
            body=7.5 * s,
            small=6.5 * s,
            footer=5.8 * s,
            label=7.0 * s,
        )


@dataclass(frozen=True)
class Paper:
    name: str
    orientation: str

    @property
    def size_mm(self) -> tuple[float, float]:
        short, long = PAPER_MM[self.name]
        return (long, short) if self.orientation == "landscape" else (short, long)

    @property
    def size_inches(self) -> tuple[float, float]:
        w, h = self.size_mm
        return w / 25.4, h / 25.4

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    @property
    def margin(self) -> float:
        return 10.0 if self.name == "A4" else 12.0

    @property
    def gap(self) -> float:
        return 4.0 if self.name == "A4" else 5.0


def check_paper(paper: str, orientation: str) -> Paper:
    if paper not in PAPER_MM:
        raise ValueError(f"unknown paper {paper!r}: use A4 or A3")
    if orientation not in ("landscape", "portrait"):
        raise ValueError(f"unknown orientation {orientation!r}")
    return Paper(paper, orientation)


@dataclass(frozen=True)
class PageBoxes:
    page: Box
    title: Box
    map: Box
    panel: Box
    footer: Box


def page_boxes(
    paper: Paper, title_h: float, footer_h: float, panel: float
) -> PageBoxes:
    """Split the page: ``panel`` is the panel's width (landscape) or height."""
    w, h = paper.size_mm
    m, gap = paper.margin, paper.gap
    inner = Box(m, m, w - 2 * m, h - 2 * m)
    title = Box(inner.x, inner.top - title_h, inner.w, title_h)
    footer = Box(inner.x, inner.y, inner.w, footer_h)
    body = Box(inner.x, footer.top + gap, inner.w, title.y - gap - (footer.top + gap))
    if paper.landscape:
        map_box = Box(body.x, body.y, body.w - panel - gap, body.h)
        panel_box = Box(map_box.right + gap, body.y, panel, body.h)
    else:
        panel_box = Box(body.x, body.y, body.w, panel)
        map_box = Box(body.x, panel_box.top + gap, body.w, body.h - panel - gap)
    return PageBoxes(Box(0, 0, w, h), title, map_box, panel_box, footer)


def stack(box: Box, heights: list[float | None], gap: float) -> list[Box]:
    """Boxes from the top of ``box`` down; ``None`` heights share the rest."""
    fixed = sum(h for h in heights if h is not None)
    flex = [h for h in heights if h is None]
    rest = box.h - fixed - gap * (len(heights) - 1)
    each = max(0.0, rest / len(flex)) if flex else 0.0
    out, top = [], box.top
    for h in heights:
        hh = each if h is None else h
        out.append(Box(box.x, top - hh, box.w, hh))
        top -= hh + gap
    return out


def columns(box: Box, fractions: list[float], gap: float) -> list[Box]:
    """Boxes side by side across ``box``, widths in proportion to fractions."""
    usable = box.w - gap * (len(fractions) - 1)
    total = sum(fractions)
    out, x = [], box.x
    for f in fractions:
        w = usable * f / total
        out.append(Box(x, box.y, w, box.h))
        x += w + gap
    return out


# ------------------------------------------------------------------ map scale


def round_scale(denominator: float) -> int:
    """The smallest round scale denominator (1, 1.2, 1.5, 2, 2.5 ... x 10^n) at
    least ``denominator``."""
    denominator = max(denominator, 1.0)
    exp = math.floor(math.log10(denominator))
    for base in (*SCALE_STEPS, 10.0):
        value = base * 10**exp
        if value >= denominator * (1 - 1e-9):
            return round(value)
    raise AssertionError("unreachable")


def fit_view(
    bounds: tuple[float, float, float, float],
    frame_mm: tuple[float, float],
    *,
    margin: float = 0.06,
    min_scale: int = MIN_SCALE,
) -> tuple[tuple[float, float, float, float], int]:
    """The view (xmin, ymin, xmax, ymax) and scale denominator for a frame.

    The area ``bounds`` (metres) plus ``margin`` of its size on each side fits
    the frame at a round scale, centred; the view has the frame's aspect.
    """
    xmin, ymin, xmax, ymax = bounds
    bw, bh = max(xmax - xmin, 1.0), max(ymax - ymin, 1.0)
    fw, fh = frame_mm[0] / 1000.0, frame_mm[1] / 1000.0  # metres of paper
    need = max(bw * (1 + 2 * margin) / fw, bh * (1 + 2 * margin) / fh)
    scale = round_scale(max(need, min_scale))
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    half_w, half_h = fw * scale / 2, fh * scale / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h), scale


def metres_per_point(scale: int) -> float:
    """Ground metres covered by one typographic point at 1:``scale``."""
    return scale * 0.0254 / 72.0


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above ``max_metres``."""
    exp = math.floor(math.log10(max(max_metres, 1e-9)))
    for base in (5.0, 2.0, 1.0):
        value = base * 10**exp
        if value <= max_metres * (1 + 1e-9):
            return value
    return 10 ** (exp - 1) * 5.0
