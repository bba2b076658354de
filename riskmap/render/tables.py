"""Statistics blocks: a district's figures and hotspots, the district ranking."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Transform

from riskmap.core.levels import level
from riskmap.render.layout import Box, Typography
from riskmap.render.legend import format_share
from riskmap.render.model import AreaStats, Hotspot
from riskmap.render.styles import CLASS_OUTLINE, level_symbols
from riskmap.render.text import PT_TO_MM, column_text, ellipsize, label

INK = "#1A1A1A"
GREY = "#5A5A5A"
RULE = "#9A9A9A"
MAX_HOTSPOTS = 5


@dataclass(frozen=True)
class Chip:
    """A level shown as a coloured label in a table cell."""

    code: int


@dataclass(frozen=True)
class Column:
    title: str
    fraction: float
    align: str = "left"


def level_name(code: int) -> str:
    return level(code).name_zh if code else "无数据"


def format_area(square_metres: float) -> str:
    """Area in km² with one decimal, or in m² below a square kilometre."""
    if square_metres >= 1e6:
        return f"{square_metres / 1e6:,.1f} km²"
    return f"{square_metres:,.0f} m²"


def format_lonlat(lon: float, lat: float) -> tuple[str, str]:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "—", "—"
    return (
        f"{abs(lon):.4f}°{'E' if lon >= 0 else 'W'}",
        f"{abs(lat):.4f}°{'N' if lat >= 0 else 'S'}",
    )


def _chip(
    fig: Figure,
    mm: Transform,
    x: float,
    mid: float,
    code: int,
    size: float,
    hatch: bool,
) -> list:
    text = level(code).short_zh if code else "—"
    w, h = size * PT_TO_MM * 2.9, size * PT_TO_MM * 1.3
    if not code:
        return [label(fig, mm, x + w / 2, mid, text, size, ha="center")]
    sym = level_symbols(hatch)[4 - code]
    patch = Rectangle(
        (x, mid - h / 2),
        w,
        h,
        facecolor=sym.colour,
        edgecolor=CLASS_OUTLINE,
        linewidth=0.4,
        hatch=sym.hatch or None,
        transform=mm,
        zorder=5,
    )
    fig.add_artist(patch)
    ink = "white" if code in (1, 4) else INK
    text_artist = label(
        fig, mm, x + w / 2, mid, text, size, bold=True, colour=ink, ha="center"
    )
    # A hatched chip needs a white ground under its text to stay readable.
    if hatch and sym.hatch:
        text_artist.set_color(INK)
        text_artist.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    return [patch, text_artist]


def _rule(fig: Figure, mm: Transform, x0: float, x1: float, y: float, width: float):
    line = Line2D([x0, x1], [y, y], color=RULE, linewidth=width, transform=mm, zorder=5)
    fig.add_artist(line)
    return line


def draw_table(
    fig: Figure,
    mm: Transform,
    box: Box,
    top: float,
    columns: list[Column],
    rows: list[list[object]],
    size: float,
    row_h: float,
    hatch: bool,
) -> tuple[list, float]:
    """A ruled table from ``top`` down; returns the artists and the new top.

    Each column is one multi-line text; :class:`Chip` cells are drawn apart.
    """
    artists = []
    total = sum(c.fraction for c in columns)
    x = box.x
    body_top = top - row_h
    for index, col in enumerate(columns):
        w = box.w * col.fraction / total
        anchor = x + w - 1.0 if col.align == "right" else x
        artists.append(
            column_text(
                fig,
                mm,
                anchor,
                top,
                [col.title],
                size * 0.92,
                row_h,
                ha=col.align,
                colour=GREY,
            )
        )
        cells = [row[index] for row in rows]
        if cells and all(isinstance(c, Chip) for c in cells):
            for i, chip in enumerate(cells):
                mid = body_top - row_h * (i + 0.5)
                artists += _chip(fig, mm, x, mid, chip.code, size, hatch)
        elif cells:
            texts = [ellipsize(str(c), w - 1.2, size) for c in cells]
            artists.append(
                column_text(fig, mm, anchor, body_top, texts, size, row_h, ha=col.align)
            )
        x += w
    artists.append(_rule(fig, mm, box.x, box.right, body_top, 0.5))
    bottom = body_top - row_h * len(rows)
    artists.append(_rule(fig, mm, box.x, box.right, bottom, 0.3))
    return artists, bottom


def _share_bar(
    fig: Figure,
    mm: Transform,
    box: Box,
    y: float,
    h: float,
    shares: dict[int, float],
    hatch: bool,
) -> list:
    artists, x = [], box.x
    for sym in reversed(level_symbols(hatch)):  # low -> high, left -> right
        w = box.w * shares.get(sym.level.code, 0.0)
        if w <= 0:
            continue
        patch = Rectangle(
            (x, y - h),
            w,
            h,
            facecolor=sym.colour,
            edgecolor="none",
            hatch=sym.hatch or None,
            transform=mm,
            zorder=5,
        )
        artists.append(fig.add_artist(patch))
        x += w
    frame = Rectangle(
        (box.x, y - h),
        box.w,
        h,
        facecolor="none",
        edgecolor=CLASS_OUTLINE,
        linewidth=0.4,
        transform=mm,
        zorder=6,
    )
    artists.append(fig.add_artist(frame))
    return artists


def hotspot_table(
    hotspots: list[Hotspot], with_district: bool
) -> tuple[list[Column], list[list[object]]]:
    cols = [
        Column("序号", 0.45),
        Column("经度", 1.35),
        Column("纬度", 1.2),
        Column("R", 0.6, "right"),
        Column("等级", 0.8),
    ]
    if with_district:
        cols.append(Column("区县", 1.0))
    cols.append(Column("主导风险", 1.6))
    rows = []
    for h in hotspots:
        lon, lat = format_lonlat(h.lon, h.lat)
        row: list[object] = [str(h.rank), lon, lat, f"{h.score:.2f}", Chip(h.level)]
        if with_district:
            row.append(h.district or "—")
        row.append(h.dominant or "—")
        rows.append(row)
    return cols, rows


def _row_h(typo: Typography) -> float:
    return typo.body * PT_TO_MM * 1.7


def _head_h(typo: Typography) -> float:
    return typo.heading * PT_TO_MM * 1.9


def district_stats_height(
    typo: Typography, n_hotspots: int, more: bool = False
) -> float:
    """Height the district statistics need with ``n_hotspots`` table rows
    (and, with ``more``, the line counting those left out)."""
    rh = _row_h(typo)
    table = (
        _head_h(typo) + rh * 0.3 + rh * 0.92 * (n_hotspots + 1) if n_hotspots else 0.0
    )
    return _head_h(typo) + rh * 5.2 + table + (rh * 0.92 if more else 0.0) + 1.0


def hotspots_that_fit(
    typo: Typography, height: float, limit: int = MAX_HOTSPOTS
) -> int:
    n = limit
    while n > 0 and district_stats_height(typo, n) > height + 1e-6:
        n -= 1
    return n


def draw_district_stats(
    fig: Figure,
    mm: Transform,
    box: Box,
    stats: AreaStats,
    cell: float,
    typo: Typography,
    hatch: bool,
    area_m2: float | None = None,
) -> int:
    """Draw a district's statistics; returns how many hotspots were listed."""
    t = typo
    rh = _row_h(t)
    heading_y = box.top - t.heading * PT_TO_MM * 0.8
    label(fig, mm, box.x, heading_y, "风险统计", t.heading, bold=True)
    y = box.top - _head_h(t)
    mid = y - rh / 2
    label(fig, mm, box.x, mid, "综合风险等级", t.body)
    chip_x = box.x + t.body * PT_TO_MM * 6.6
    _chip(fig, mm, chip_x, mid, stats.level, t.body, hatch)
    note_x = chip_x + t.body * PT_TO_MM * 3.5
    note = level_name(stats.level)
    if stats.raised:
        note += "（重大网格占比 ≥ 10 %，等级上调）"
    note = ellipsize(note, box.right - note_x, t.small)
    label(fig, mm, note_x, mid, note, t.small, colour=GREY)
    y -= rh
    area = format_area(stats.cells * cell * cell if area_m2 is None else area_m2)
    if stats.cells:
        lines = [
            f"平均风险值 {stats.mean:.2f}　最高 {stats.max:.2f}",
            f"网格 {stats.cells:,} 个（{cell:g} m）　面积约 {area}",
        ]
    else:
        lines = [f"区域小于一个网格（{cell:g} m）", f"面积约 {area}"]
    lines.append(f"主导风险：{stats.dominant or '—'}")
    lines = [ellipsize(s, box.w, t.small) for s in lines]
    column_text(fig, mm, box.x, y, lines, t.small, rh)
    y -= rh * 3
    _share_bar(fig, mm, box, y - rh * 0.2, rh * 0.55, stats.shares, hatch)
    y -= rh * 1.2
    row = rh * 0.92
    n = min(hotspots_that_fit(t, box.h), len(stats.hotspots))
    if 0 < n < len(stats.hotspots) and district_stats_height(t, n, True) > box.h + 1e-6:
        n -= 1  # one row less, so that the line counting the rest fits
    hotspots = stats.hotspots[:n]
    left_out = len(stats.hotspots) - n
    if n == 0 and left_out:
        said = district_stats_height(t, 0) + _head_h(t) + rh * 0.3 + row
        if said > box.h + 1e-6:
            return 0  # no room even to say so (the panel is sized to avoid this)
    elif n == 0 and district_stats_height(t, 0) + _head_h(t) + rh > box.h:
        return 0
    y -= rh * 0.3
    head = f"风险热点（前 {len(hotspots)} 处）" if hotspots else "风险热点"
    label(fig, mm, box.x, y - t.heading * PT_TO_MM * 0.8, head, t.heading, bold=True)
    y -= _head_h(t)
    if not stats.hotspots:
        note = "本区无网格达到一般风险及以上"
        label(fig, mm, box.x, y - rh / 2, note, t.small, colour=GREY)
        return 0
    if hotspots:
        cols, rows = hotspot_table(hotspots, with_district=False)
        draw_table(fig, mm, box, y, cols, rows, t.small, row, hatch)
        y -= row * (len(hotspots) + 1)
    if left_out:
        # Never silently: the reader learns the page lists only some.
        if hotspots:
            more = f"另有 {left_out} 处热点本页从略"
        else:
            more = f"共 {left_out} 处热点，版面不足，本页从略"
        label(fig, mm, box.x, y - row / 2, more, t.small, colour=GREY)
    return len(hotspots)


def draw_ranking(
    fig: Figure,
    mm: Transform,
    box: Box,
    districts: list[AreaStats],
    hotspots: list[Hotspot],
    typo: Typography,
    hatch: bool,
) -> int:
    """The overview page's table: every district by level, then city hotspots.

    Returns how many hotspots were listed.
    """
    t = typo
    rh = t.small * PT_TO_MM * 1.75
    head_h = _head_h(t)
    ordered = sorted(
        districts, key=lambda s: (-s.level, -(s.mean if s.cells else -1), s.name)
    )

    def rows_that_fit(n_hot: int) -> int:
        hot_h = head_h + rh * (n_hot + 1.6) if n_hot else 0.0
        return max(0, int((box.h - head_h - rh * 1.4 - hot_h) // rh))

    # Every district first; the city's hotspots give way when space is short.
    n_hot = min(len(hotspots), MAX_HOTSPOTS)
    while n_hot and rows_that_fit(n_hot) < len(ordered):
        n_hot -= 1
    fit = rows_that_fit(n_hot)
    shown = ordered if len(ordered) <= fit else ordered[: max(0, fit - 1)]
    heading_y = box.top - t.heading * PT_TO_MM * 0.8
    label(fig, mm, box.x, heading_y, "各区县风险等级", t.heading, bold=True)
    cols = [
        Column("区县", 1.6),
        Column("等级", 0.8),
        Column("平均 R", 0.8, "right"),
        Column("最高 R", 0.8, "right"),
        Column("重大占比", 1.0, "right"),
        Column("较大占比", 1.0, "right"),
    ]
    rows = [
        [
            s.name,
            Chip(s.level),
            f"{s.mean:.2f}" if s.cells else "—",
            f"{s.max:.2f}" if s.cells else "—",
            format_share(s.shares.get(4, 0.0)),
            format_share(s.shares.get(3, 0.0)),
        ]
        for s in shown
    ]
    _, y = draw_table(fig, mm, box, box.top - head_h, cols, rows, t.small, rh, hatch)
    if len(shown) < len(ordered):
        more = f"…… 另有 {len(ordered) - len(shown)} 个区县，见各区县分图"
        label(fig, mm, box.x, y - rh / 2, more, t.small, colour=GREY)
        y -= rh
    if not n_hot:
        return 0
    y -= rh * 0.6
    head = f"全域风险热点（前 {n_hot} 处）"
    label(fig, mm, box.x, y - t.heading * PT_TO_MM * 0.8, head, t.heading, bold=True)
    cols, rows = hotspot_table(hotspots[:n_hot], with_district=True)
    draw_table(fig, mm, box, y - head_h, cols, rows, t.small, rh, hatch)
    return n_hot
