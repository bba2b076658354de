"""Map furniture drawn in page millimetres: scale bar, north arrow, marks."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle
from matplotlib.transforms import Affine2D, Transform

from riskmap.render.fonts import font
from riskmap.render.layout import Box, Typography, nice_length
from riskmap.render.text import width_mm

INK = "#1A1A1A"


def mm_transform(fig: Figure) -> Transform:
    """Figure coordinates in millimetres from the bottom-left corner."""
    return Affine2D().scale(1 / 25.4) + fig.dpi_scale_trans


def format_scale(scale: int) -> str:
    return f"1:{scale:,}"


def _length_text(metres: float, km: bool) -> str:
    value = metres / 1000 if km else metres
    return f"{value:g}"


def scale_bar_segments(length: float) -> int:
    lead = round(length / 10 ** np.floor(np.log10(length)))
    return {1: 4, 2: 4, 5: 5}.get(lead, 4)


def draw_scale_bar(
    fig: Figure, mm: Transform, frame: Box, scale: int, typo: Typography
) -> list:
    """A round-length bar (1, 2 or 5 x 10^n) and the numeric scale, bottom left."""
    max_bar = min(0.3 * frame.w, 60.0)
    length = nice_length(max_bar / 1000 * scale)
    bar = length / scale * 1000  # mm on paper
    km = length >= 1000
    segs = scale_bar_segments(length)
    seg = bar / segs
    size = typo.small
    pad = 2.0
    bar_h = 1.4
    label_h = size * 0.3528 * 1.2
    x0 = frame.x + pad + 1.5
    y0 = frame.y + pad + 1.5 + label_h + 0.6
    unit = "km" if km else "m"
    unit_w = width_mm(unit, size) + 2.0
    head = f"比例尺 {format_scale(scale)}"
    box_w = max(bar + unit_w + 4.0, width_mm(head, size) + 3.0)
    box_h = 2 * label_h + bar_h + 3.6
    artists = [
        FancyBboxPatch(
            (x0 - 1.5, y0 - label_h - 1.6),
            box_w,
            box_h,
            boxstyle="square,pad=0",
            facecolor="white",
            edgecolor="none",
            alpha=0.85,
            transform=mm,
            zorder=20,
        )
    ]
    for i in range(segs):
        artists.append(
            Rectangle(
                (x0 + i * seg, y0),
                seg,
                bar_h,
                facecolor=INK if i % 2 == 0 else "white",
                edgecolor=INK,
                linewidth=0.5,
                transform=mm,
                zorder=21,
            )
        )
    for patch in artists:
        fig.add_artist(patch)
    prop = font(size)
    # Zero, the middle (when it falls on a division) and the full length.
    ticks = (0, segs // 2, segs) if segs % 2 == 0 else (0, segs)
    label_w = width_mm(_length_text(length, km), size)
    if seg * (segs // 2) < label_w + 1.0:
        ticks = (0, segs)
    for i in ticks:
        artists.append(
            fig.text(
                x0 + i * seg,
                y0 - 0.6,
                _length_text(length * i / segs, km),
                fontproperties=prop,
                ha="center",
                va="top",
                transform=mm,
                color=INK,
                zorder=22,
            )
        )
    artists.append(
        fig.text(
            x0 + bar + 1.2,
            y0 + bar_h / 2,
            unit,
            fontproperties=prop,
            ha="left",
            va="center",
            transform=mm,
            color=INK,
            zorder=22,
        )
    )
    artists.append(
        fig.text(
            x0,
            y0 + bar_h + 0.8,
            head,
            fontproperties=prop,
            ha="left",
            va="bottom",
            transform=mm,
            color=INK,
            zorder=22,
        )
    )
    return artists


def draw_north_arrow(
    fig: Figure, mm: Transform, frame: Box, angle: float, typo: Typography
) -> list:
    """A two-tone north arrow in the top-right corner, turned to true north."""
    w, h = 7.0, 12.0
    cx = frame.right - 4.0 - w / 2
    cy = frame.top - 6.0 - h / 2
    turn = Affine2D().rotate_deg_around(0, 0, -angle).translate(cx, cy) + mm
    tip, left, right, notch = (0, h / 2), (-w / 2, -h / 2), (w / 2, -h / 2), (0, -h / 4)
    artists = [
        FancyBboxPatch(
            (cx - w / 2 - 1.5, cy - h / 2 - 1.5),
            w + 3,
            h + 3 + 4.2,
            boxstyle="round,pad=0,rounding_size=1",
            facecolor="white",
            edgecolor="none",
            alpha=0.85,
            transform=mm,
            zorder=20,
        ),
        Polygon(
            [tip, left, notch],
            closed=True,
            facecolor=INK,
            edgecolor=INK,
            linewidth=0.5,
            transform=turn,
            zorder=21,
        ),
        Polygon(
            [tip, right, notch],
            closed=True,
            facecolor="white",
            edgecolor=INK,
            linewidth=0.5,
            transform=turn,
            zorder=21,
        ),
    ]
    for artist in artists:
        fig.add_artist(artist)
    artists.append(
        fig.text(
            cx,
            cy + h / 2 + 0.6,
            "北",
            fontproperties=font(typo.heading, bold=True),
            ha="center",
            va="bottom",
            transform=mm,
            color=INK,
            zorder=22,
        )
    )
    return artists


def draw_sample_watermark(fig: Figure, mm: Transform, frame: Box) -> list:
    """A diagonal "示例数据 / SAMPLE DATA" across the map frame."""
    angle = float(np.degrees(np.arctan2(frame.h, frame.w)))
    size = min(frame.w, frame.h) * 0.11 / 0.3528
    text = fig.text(
        frame.x + frame.w / 2,
        frame.y + frame.h / 2,
        "示例数据  SAMPLE DATA",
        fontproperties=font(size, bold=True),
        rotation=angle,
        rotation_mode="anchor",
        ha="center",
        va="center",
        transform=mm,
        color="#C0392B",
        alpha=0.16,
        zorder=19,
    )
    return [text]


def draw_boxed_mark(
    fig: Figure,
    mm: Transform,
    x_right: float,
    y_mid: float,
    text: str,
    size: float,
    colour: str,
) -> tuple[list, float]:
    """A text in a coloured frame whose right edge is at ``x_right``.

    Returns the artists and the mark's width in mm.
    """
    w = width_mm(text, size, bold=True) + 3.0
    h = size * 0.3528 * 1.6
    box = FancyBboxPatch(
        (x_right - w, y_mid - h / 2),
        w,
        h,
        boxstyle="square,pad=0",
        facecolor="white",
        edgecolor=colour,
        linewidth=1.0,
        transform=mm,
        zorder=22,
    )
    fig.add_artist(box)
    label = fig.text(
        x_right - w / 2,
        y_mid,
        text,
        fontproperties=font(size, bold=True),
        ha="center",
        va="center_baseline",
        color=colour,
        transform=mm,
        zorder=23,
    )
    return [box, label], w
