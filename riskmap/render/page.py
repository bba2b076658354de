"""One printed page: the overview of the whole map or one district.

:class:`PageMaker` composes a :class:`matplotlib.figure.Figure` of the paper's
size from a :class:`MapDocument`: title band, map frame (risk surface, layers,
districts, hotspots, scale bar, north arrow), panel (legend, statistics,
overview inset) and footer. The same figure is saved as PDF, PNG or SVG and
shown by the GUI's print preview.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import shapely

from riskmap.render.fonts import font
from riskmap.render.footer import draw_footer, footer_height, footer_lines
from riskmap.render.furniture import (
    draw_boxed_mark,
    draw_north_arrow,
    draw_sample_watermark,
    draw_scale_bar,
    mm_transform,
)
from riskmap.render.inset import draw_inset
from riskmap.render.layout import (
    Box,
    Paper,
    Typography,
    columns,
    fit_view,
    metres_per_point,
    page_boxes,
    stack,
)
from riskmap.render.legend import LayerRow, Legend, layer_rows
from riskmap.render.map_figure import LayerArtistCache, draw_map
from riskmap.render.model import AreaStats, District, Hotspot, MapDocument
from riskmap.render.tables import (
    MAX_HOTSPOTS,
    district_stats_height,
    draw_district_stats,
    draw_ranking,
)
from riskmap.render.text import PT_TO_MM, fit_size, width_mm

THEME = "安全风险四色图"
OVERVIEW_TITLE = f"{THEME}（总图）"
# Portrait panel below the map: widths of legend | table (| inset).
PORTRAIT_COLUMNS = {True: [0.42, 0.58], False: [0.36, 0.40, 0.24]}
# The locator inset of a landscape district page: no smaller than this
# (mm, with its heading), so the city stays recognisable.
INSET_MIN_MM = 22.0


@dataclass
class PageInfo:
    """What a page shows and where: for reports, previews and tests."""

    kind: str  # "overview" | "district"
    name: str
    title: str
    scale: int
    view: tuple[float, float, float, float]
    boxes: dict[str, Box] = field(default_factory=dict)


def page_title(name: str | None) -> str:
    return OVERVIEW_TITLE if name is None else f"{name} {THEME}"


class PageMaker:
    """Builds pages of one document on one paper, sharing drawing caches."""

    def __init__(
        self,
        doc: MapDocument,
        paper: Paper,
        cache: LayerArtistCache | None = None,
        dpi: int = 150,
        *,
        reuse_figure: bool = False,
    ) -> None:
        self.doc = doc
        self.paper = paper
        self.dpi = dpi  # resolution the map image is prepared for
        self.typo = Typography.for_paper(paper.name)
        self.cache = cache or LayerArtistCache()
        # One figure for every page (each drawn before the next is made, as
        # an atlas writes them): a map Axes costs more to create than to
        # empty.
        self.reuse_figure = reuse_figure
        self._figure: tuple[Figure, Axes] | None = None
        self._city_bounds = _bounds([d.geometry for d in doc.districts], doc)
        self._footer = footer_lines(
            doc.footer, doc.sample, paper.size_mm[0] - 2 * paper.margin, self.typo
        )

    # ---------------------------------------------------------------- public

    def overview(self) -> tuple[Figure, PageInfo]:
        return self._page(None)

    def district(self, name: str) -> tuple[Figure, PageInfo]:
        return self._page(self.doc.district(name))

    # -------------------------------------------------------------- building

    def _legend(self, stats: AreaStats, rows: list[LayerRow], overview: bool) -> Legend:
        return Legend(
            self.doc.thresholds,
            stats.shares,
            "全域占比" if overview else "本区占比",
            rows,
            self.doc.hatch,
            self.typo,
            note=f"R 为各风险综合值：{self.doc.footer.method}；"
            f"{self.doc.footer.classification}",
        )

    def _all_rows(self) -> list[LayerRow]:
        """Legend rows as if every layer and category were drawn (upper bound)."""
        rows = []
        for layer in self.doc.layers:
            style = layer.style
            kind = "marker" if layer.geometry_kind == "point" else "line"
            if style.categories:
                rows.append(LayerRow(style.base, kind, header=True))
                rows += [LayerRow(s, kind) for s in style.categories.values()]
                rows.append(LayerRow(style.base, kind))
            else:
                rows.append(LayerRow(style.base, kind))
        return rows

    def _frame(self, focus: District | None, title_h: float, footer_h: float):
        """The page split (map frame fixed) before the map is drawn."""
        p, t = self.paper, self.typo
        if p.landscape:
            return page_boxes(p, title_h, footer_h, 84.0 if p.name == "A4" else 108.0)
        overview = focus is None
        inner = Box(p.margin, p.margin, p.size_mm[0] - 2 * p.margin, 1.0)
        legend = self._legend(self.doc.city, self._all_rows(), overview)
        first = columns(inner, PORTRAIT_COLUMNS[overview], p.gap)[0].w
        need = max(
            legend.height(first), 0.0 if overview else district_stats_height(t, 3)
        )
        body_h = p.size_mm[1] - 2 * p.margin - title_h - footer_h
        panel_h = min(max(need, 52.0 if p.name == "A4" else 66.0), body_h * 0.42)
        return page_boxes(p, title_h, footer_h, panel_h)

    def _panel(self, panel: Box, legend: Legend, stats: AreaStats, overview: bool):
        """Legend, statistics and inset boxes inside the panel."""
        p, t = self.paper, self.typo
        gap = p.gap * 0.75
        if p.landscape:
            legend_h = min(legend.height(panel.w), panel.h * 0.5)
            if overview:
                legend_box, table_box = stack(panel, [legend_h, None], gap)
                return {"legend": legend_box, "table": table_box}
            # The statistics with all their hotspots come first; the inset
            # takes what is left, within a readable minimum. A long legend
            # yields to the first three hotspots (it says what it leaves out).
            wanted = district_stats_height(t, min(len(stats.hotspots), MAX_HOTSPOTS))
            first = min(len(stats.hotspots), 3)
            must = district_stats_height(t, first, more=len(stats.hotspots) > first)
            most = min(panel.w / self._city_aspect() + 5.0, panel.h * 0.3)
            room = panel.h - must - min(INSET_MIN_MM, most) - 2 * gap
            legend_h = min(legend_h, max(room, panel.h * 0.3))
            left = panel.h - legend_h - wanted - 2 * gap
            inset_h = max(min(left, most), min(INSET_MIN_MM, most))
            legend_box, table_box, inset_box = stack(
                panel, [legend_h, None, inset_h], gap
            )
            return {"legend": legend_box, "table": table_box, "inset": inset_box}
        names = ["legend", "table"] if overview else ["legend", "table", "inset"]
        parts = columns(panel, PORTRAIT_COLUMNS[overview], p.gap)
        return dict(zip(names, parts, strict=True))

    def _city_aspect(self) -> float:
        xmin, ymin, xmax, ymax = self._city_bounds
        return max((xmax - xmin) / max(ymax - ymin, 1.0), 0.2)

    def _page(self, focus: District | None) -> tuple[Figure, PageInfo]:
        doc, t, p = self.doc, self.typo, self.paper
        overview = focus is None
        title = page_title(None if overview else focus.name)
        title_h = t.title * PT_TO_MM * 1.25 + t.subtitle * PT_TO_MM * 1.9 + 1.0
        footer_h = footer_height(self._footer, t)
        split = self._frame(focus, title_h, footer_h)
        frame = split.map

        w, h = p.size_mm
        fig, ax = self._blank((frame.x / w, frame.y / h, frame.w / w, frame.h / h))
        mm = mm_transform(fig)
        area = self._city_bounds if overview else _bounds([focus.geometry], doc)
        view, scale = fit_view(
            area, (frame.w, frame.h), margin=0.04 if overview else 0.08
        )
        drawing = draw_map(
            ax,
            doc,
            view,
            metres_per_point(scale),
            cache=self.cache,
            focus=focus,
            pixels=(round(frame.w / 25.4 * self.dpi), round(frame.h / 25.4 * self.dpi)),
            dpi=self.dpi,
            label_size=t.label * (1.1 if overview else 0.95),
        )
        stats = doc.city if overview else focus.stats
        fig.add_artist(
            Rectangle(
                (frame.x, frame.y),
                frame.w,
                frame.h,
                facecolor="none",
                edgecolor="#1A1A1A",
                linewidth=0.9,
                transform=mm,
                zorder=30,
            )
        )
        furniture = [
            draw_scale_bar(fig, mm, frame, scale, t)[0],
            draw_north_arrow(fig, mm, frame, doc.north_angle, t)[0],
        ]
        _clear_labels_under(drawing.artists, furniture, view, frame)
        if doc.sample:
            draw_sample_watermark(fig, mm, frame)

        self._title_band(fig, mm, split.title, title)
        legend = self._legend(stats, layer_rows(drawing.layers), overview)
        boxes = self._panel(split.panel, legend, stats, overview)
        legend.draw(fig, mm, boxes["legend"])
        if overview:
            listed = draw_ranking(
                fig,
                mm,
                boxes["table"],
                [d.stats for d in doc.districts],
                doc.city.hotspots,
                t,
                doc.hatch,
            )
        else:
            listed = draw_district_stats(
                fig,
                mm,
                boxes["table"],
                focus.stats,
                doc.grid.cell,
                t,
                doc.hatch,
                area_m2=float(shapely.area(focus.geometry)),
            )
            draw_inset(
                fig,
                boxes["inset"],
                doc,
                focus,
                view,
                self._city_bounds,
                self.cache,
                t,
            )
        # Numbered markers for exactly the hotspots the table lists.
        _draw_hotspot_markers(
            ax, stats.hotspots[:listed], view, t, metres_per_point(scale)
        )
        draw_footer(fig, mm, split.footer, self._footer, t)
        boxes.update(title=split.title, map=frame, footer=split.footer, page=split.page)
        info = PageInfo(
            "overview" if overview else "district",
            "" if overview else focus.name,
            title,
            scale,
            view,
            boxes,
        )
        return fig, info

    def _blank(self, rect: tuple[float, float, float, float]) -> tuple[Figure, Axes]:
        """A page-sized figure with an empty map Axes at ``rect``."""
        if self.reuse_figure and self._figure is not None:
            fig, ax = self._figure
            for group in (ax.patches, ax.images, ax.texts, ax.lines, ax.collections,
                          ax.artists, fig.artists, fig.texts, fig.lines,
                          fig.patches, fig.images):  # fmt: skip
                for artist in list(group):
                    artist.remove()
            ax.set_position(rect)
            return fig, ax
        fig = Figure(figsize=self.paper.size_inches)
        ax = fig.add_axes(rect)
        ax.set_axis_off()
        if self.reuse_figure:
            self._figure = fig, ax
        return fig, ax

    def _title_band(self, fig: Figure, mm, box: Box, title: str) -> None:
        doc, t = self.doc, self.typo
        right = box.right
        mark_size = t.body
        mid = box.top - t.title * PT_TO_MM * 0.62
        if doc.footer.internal:
            _, mw = draw_boxed_mark(
                fig, mm, right, mid, "内部资料　注意保密", mark_size, "#B22222"
            )
            right -= mw + 2.5
        if doc.sample:
            _, mw = draw_boxed_mark(
                fig, mm, right, mid, "示例数据 / sample data", mark_size, "#C0392B"
            )
            right -= mw + 2.5
        room = right - box.x - 2.0
        size = fit_size(title, room, t.title, t.title * 0.55, bold=True)
        fig.text(
            box.x,
            box.top,
            title,
            fontproperties=font(size, bold=True),
            ha="left",
            va="top",
            transform=mm,
            color="#111111",
        )
        subtitle = doc.title
        if doc.date:
            subtitle += f"　评估日期：{doc.date}"
        sub_size = fit_size(subtitle, box.w, t.subtitle, t.subtitle * 0.7)
        fig.text(
            box.x,
            box.y + 0.5,
            subtitle,
            fontproperties=font(sub_size),
            ha="left",
            va="bottom",
            transform=mm,
            color="#404040",
        )


def _bounds(geoms: list, doc: MapDocument) -> tuple[float, float, float, float]:
    arr = np.array(geoms, dtype=object)
    arr = arr[~shapely.is_empty(arr)] if len(arr) else arr
    if not len(arr):
        return doc.grid.bounds
    b = shapely.total_bounds(arr)
    return float(b[0]), float(b[1]), float(b[2]), float(b[3])


def _clear_labels_under(artists: list, boxes: list, view, frame: Box) -> None:
    """Hide the district names the scale bar or north arrow would cover
    (their white boxes, ``boxes``, are in page millimetres)."""
    sx = frame.w / (view[2] - view[0])
    sy = frame.h / (view[3] - view[1])
    covers = [(b.get_x(), b.get_y(), b.get_width(), b.get_height()) for b in boxes]
    for artist in artists:
        if not isinstance(artist, Text) or not artist.get_text():
            continue
        x, y = artist.get_position()
        cx, cy = frame.x + (x - view[0]) * sx, frame.y + (y - view[1]) * sy
        size = artist.get_fontsize() * PT_TO_MM
        half_w = width_mm(artist.get_text(), artist.get_fontsize()) / 2
        half_h = size * 0.6
        for bx, by, bw, bh in covers:
            if (
                cx + half_w > bx
                and cx - half_w < bx + bw
                and (cy + half_h > by and cy - half_h < by + bh)
            ):
                artist.set_visible(False)
                break


def marker_positions(
    points: list[tuple[float, float]], clearance: float
) -> list[tuple[float, float]]:
    """Where numbered markers go: on their point, or, when an earlier marker
    is nearer than ``clearance`` (ground units), moved just clear of it in
    the first free of eight directions (a leader line shows the point)."""
    placed: list[tuple[float, float]] = []
    turns = [math.radians(a) for a in (45, 135, 315, 225, 90, 0, 270, 180)]

    def free(x: float, y: float) -> bool:
        return all(math.hypot(x - px, y - py) >= clearance for px, py in placed)

    for x, y in points:
        spot = (x, y)
        if not free(x, y):
            for reach in (1.0, 2.0, 3.0):
                tries = [
                    (
                        x + reach * clearance * math.cos(t),
                        y + reach * clearance * math.sin(t),
                    )
                    for t in turns
                ]
                found = next((p for p in tries if free(*p)), None)
                if found is not None:
                    spot = found
                    break
        placed.append(spot)
    return placed


def _draw_hotspot_markers(
    ax, hotspots: list[Hotspot], view, typo: Typography, mpp: float
) -> None:
    size = typo.small
    prop = font(size * 0.95, bold=True)
    shown = [
        h
        for h in hotspots
        if math.isfinite(h.x)
        and math.isfinite(h.y)
        and view[0] <= h.x <= view[2]
        and view[1] <= h.y <= view[3]
    ]
    diameter = size * 1.45 * mpp  # the marker, in ground units
    spots = marker_positions([(h.x, h.y) for h in shown], diameter * 1.1)
    for h, (x, y) in zip(shown, spots, strict=True):
        if (x, y) != (h.x, h.y):
            # The marker stands aside; a leader and a dot keep the place.
            ax.add_line(
                Line2D([h.x, x], [h.y, y], color="#1A1A1A", linewidth=0.5, zorder=8)
            )
            ax.add_line(
                Line2D(
                    [h.x], [h.y], marker="o", markersize=1.6, color="#1A1A1A",
                    linestyle="none", zorder=8,
                )
            )  # fmt: skip
        # Line2D directly: ax.plot would consult the property cycle each time.
        ax.add_line(
            Line2D(
                [x],
                [y],
                marker="o",
                markersize=size * 1.45,
                markerfacecolor="white",
                markeredgecolor="#1A1A1A",
                markeredgewidth=0.8,
                zorder=9,
                linestyle="none",
            )
        )
        ax.text(
            x,
            y,
            str(h.rank),
            fontproperties=prop,
            ha="center",
            va="center_baseline",
            zorder=10,
            color="#1A1A1A",
        )
