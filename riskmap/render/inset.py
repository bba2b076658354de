"""The overview inset: where the district lies in the whole map."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, PathPatch, Rectangle
from matplotlib.transforms import Affine2D

import shapely

from riskmap.render import geometry as geo
from riskmap.render.fonts import font
from riskmap.render.furniture import mm_transform
from riskmap.render.layer_artists import LayerArtistCache
from riskmap.render.layout import Box, Typography
from riskmap.render.model import District, MapDocument
from riskmap.render.text import PT_TO_MM


def draw_inset(
    fig: Figure,
    box: Box,
    doc: MapDocument,
    focus: District,
    view: tuple[float, float, float, float],
    city_bounds: tuple[float, float, float, float],
    cache: LayerArtistCache,
    typo: Typography,
) -> None:
    """The whole map small, the district in red, the page's view dashed.

    Drawn straight onto the page through a data-to-millimetre transform:
    an Axes would cost more than everything in it.
    """
    t = typo
    mm = mm_transform(fig)
    label_h = t.small * PT_TO_MM * 1.6
    fig.text(
        box.x,
        box.top,
        "位置示意",
        fontproperties=font(t.heading, bold=True),
        ha="left",
        va="top",
        transform=mm,
    )
    inner = Box(box.x, box.y, box.w, box.h - label_h - 1.0)
    vx0, vy0, vx1, vy1 = view
    cx0, cy0, cx1, cy1 = city_bounds
    x0, x1 = min(cx0, vx0), max(cx1, vx1)
    y0, y1 = min(cy0, vy0), max(cy1, vy1)
    # Widen the shorter side so the inset keeps true shape in its box.
    span_x, span_y = (x1 - x0) * 1.08, (y1 - y0) * 1.08
    if span_x / span_y < inner.w / inner.h:
        span_x = span_y * inner.w / inner.h
    else:
        span_y = span_x * inner.h / inner.w
    left, bottom = (x0 + x1 - span_x) / 2, (y0 + y1 - span_y) / 2
    to_page = (
        Affine2D()
        .translate(-left, -bottom)
        .scale(inner.w / span_x)
        .translate(inner.x, inner.y)
        + mm
    )
    frame = Rectangle(
        (inner.x, inner.y),
        inner.w,
        inner.h,
        facecolor="white",
        edgecolor="#7F7F7F",
        linewidth=0.5,
        transform=mm,
        zorder=4,
    )
    fig.add_artist(frame)
    mpp = span_x / (inner.w / 25.4 * 72)
    shapes = cache.shapes(
        ("districts", id(doc.districts)),
        [d.geometry for d in doc.districts],
        mpp,
    )
    is_focus = np.array([d is focus for d in doc.districts], dtype=bool)
    parts = [
        PathPatch(
            geo.polygon_arrays(shapes).path(),
            facecolor="#E3E3E3",
            edgecolor="white",
            linewidth=0.4,
        ),
        PathPatch(
            geo.polygon_arrays(shapes[is_focus]).path(),
            facecolor="#C0392B",
            edgecolor="#7B241C",
            linewidth=0.5,
        ),
        Rectangle(
            (vx0, vy0),
            vx1 - vx0,
            vy1 - vy0,
            facecolor="none",
            edgecolor="#1A1A1A",
            linewidth=0.6,
            linestyle="--",
        ),
    ]
    for part in parts:
        part.set_transform(to_page)
        part.set_clip_path(frame)
        part.set_zorder(5)
        fig.add_artist(part)
    fx0, fy0, fx1, fy1 = shapely.bounds(focus.geometry)
    scale = inner.w / span_x  # mm per metre
    if max(fx1 - fx0, fy1 - fy0) * scale < 2.0:
        # Too small to see at this scale: ring its place.
        cx = inner.x + ((fx0 + fx1) / 2 - left) * scale
        cy = inner.y + ((fy0 + fy1) / 2 - bottom) * scale
        ring = Circle(
            (cx, cy),
            1.6,
            facecolor="none",
            edgecolor="#C0392B",
            linewidth=1.0,
            transform=mm,
            zorder=6,
        )
        ring.set_clip_path(frame)
        fig.add_artist(ring)
