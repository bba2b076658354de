"""The legend: all four risk levels, always, and a symbol per drawn layer."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Transform

from riskmap.render.furniture import INK
from riskmap.render.layout import Box, Typography
from riskmap.render.map_figure import DrawnLayer
from riskmap.render.styles import CLASS_OUTLINE, Symbol, level_symbols, with_label
from riskmap.render.text import PT_TO_MM, column_text, ellipsize, label, width_mm

GREY = "#5A5A5A"
SWATCH_W = 7.0


def threshold_texts(thresholds: tuple[float, float, float]) -> dict[int, str]:
    """The range of R for each level code, lower bound inclusive."""
    t1, t2, t3 = thresholds
    return {
        4: f"R ≥ {t3:.2f}",
        3: f"{t2:.2f} ≤ R < {t3:.2f}",
        2: f"{t1:.2f} ≤ R < {t2:.2f}",
        1: f"R < {t1:.2f}",
    }


def format_share(share: float) -> str:
    return f"{100 * share:.1f} %"


@dataclass
class LayerRow:
    symbol: Symbol
    kind: str  # "line" | "footprints" | "points" | "marker"
    header: bool = False  # a layer title above its categories


def layer_rows(drawn: list[DrawnLayer]) -> list[LayerRow]:
    """Legend rows for the layers as drawn on this page (only what shows).

    Single-symbol layers come first; each layer drawn by category follows
    under its own title, so no symbol looks like part of another layer.
    """
    simple: list[LayerRow] = []
    rows: list[LayerRow] = []
    for layer in drawn:
        if not layer.symbols:
            continue
        kind = {"lines": "line", "footprints": "footprints", "points": "points"}[
            layer.lod
        ]
        if layer.layer.geometry_kind == "point":
            kind = "marker"
        style = layer.layer.style
        if style.categories:
            rows.append(LayerRow(with_label(style.base, layer.layer.title), kind, True))
            for symbol in layer.symbols:
                text = style.other_label if symbol is style.base else symbol.label
                rows.append(LayerRow(with_label(symbol, text), kind))
        else:
            simple.append(LayerRow(style.base, kind))
    return simple + rows


@dataclass
class Legend:
    thresholds: tuple[float, float, float]
    shares: dict[int, float]
    share_heading: str  # 本区占比 / 全域占比
    rows: list[LayerRow]
    hatch: bool
    typo: Typography
    note: str = ""  # one line on how R is made (method, classification)

    @property
    def row_h(self) -> float:
        return self.typo.body * PT_TO_MM * 1.7

    @property
    def layer_row_h(self) -> float:
        return self.row_h * 0.92

    @property
    def head_h(self) -> float:
        return self.typo.heading * PT_TO_MM * 1.9

    @staticmethod
    def columns_for(width: float) -> int:
        return 2 if width >= 56 else 1

    def _layer_lines(self, width: float) -> int:
        return len(self._layer_grid(self.columns_for(width)))

    def height(self, width: float) -> float:
        levels = self.row_h * (6 if self.note else 5)
        if not self.rows:
            return self.head_h + levels
        layers = self._layer_lines(width) * self.layer_row_h
        return self.head_h + levels + self.row_h * 0.4 + layers

    def draw(self, fig: Figure, mm: Transform, box: Box) -> list:
        t = self.typo
        heading_y = box.top - t.heading * PT_TO_MM * 0.8
        artists = [label(fig, mm, box.x, heading_y, "图　例", t.heading, bold=True)]
        top = box.top - self.head_h
        rh = self.row_h
        symbols = level_symbols(self.hatch)
        names = [f"{s.level.name_zh}（{s.level.colour_zh}）" for s in symbols]
        ranges_by_code = threshold_texts(self.thresholds)
        ranges = [ranges_by_code[s.level.code] for s in symbols]
        shares = [format_share(self.shares.get(s.level.code, 0.0)) for s in symbols]
        name_x = box.x + SWATCH_W + 2.0
        range_x = name_x + max(width_mm(n, t.body) for n in names) + 2.5
        columns = (
            (name_x, "风险等级", names, "left"),
            (range_x, "综合风险值", ranges, "left"),
            (box.right, self.share_heading, shares, "right"),
        )
        for x, head, lines, ha in columns:
            artists.append(
                column_text(fig, mm, x, top, [head], t.small, rh, ha=ha, colour=GREY)
            )
            artists.append(column_text(fig, mm, x, top - rh, lines, t.body, rh, ha=ha))
        sh = rh * 0.62
        for i, sym in enumerate(symbols):
            mid = top - rh * (i + 1.5)
            patch = Rectangle(
                (box.x, mid - sh / 2),
                SWATCH_W,
                sh,
                facecolor=sym.colour,
                edgecolor=CLASS_OUTLINE,
                linewidth=0.4,
                hatch=sym.hatch or None,
                transform=mm,
                zorder=5,
            )
            artists.append(fig.add_artist(patch))
        below = top - rh * 5
        if self.note:
            note = ellipsize(self.note, box.w, t.small)
            artists.append(
                column_text(fig, mm, box.x, below, [note], t.small, rh, colour=GREY)
            )
            below -= rh
        if self.rows:
            artists += self._draw_layers(fig, mm, box, below - rh * 0.4, sh)
        return artists

    def _layer_grid(self, cols: int) -> list[tuple[str, list[LayerRow]]]:
        """Lines of the layer part: ("header", [row]) or ("items", rows)."""
        lines: list[tuple[str, list[LayerRow]]] = []
        current: list[LayerRow] = []
        for row in self.rows:
            if row.header:
                if current:
                    lines.append(("items", current))
                    current = []
                lines.append(("header", [row]))
                continue
            current.append(row)
            if len(current) == cols:
                lines.append(("items", current))
                current = []
        if current:
            lines.append(("items", current))
        return lines

    def _draw_layers(
        self, fig: Figure, mm: Transform, box: Box, top: float, sh: float
    ) -> list:
        """Layer symbols in a grid; the labels of a column are one text.

        What does not fit above the box's bottom is left out and counted on a
        last line, so the legend never runs into what lies below it.
        """
        t = self.typo
        artists: list = []
        cols = self.columns_for(box.w)
        col_w = box.w / cols
        rh = self.layer_row_h
        lines = self._layer_grid(cols)
        room = max(0, int((top - box.y + 0.01) // rh))
        note = ""
        if len(lines) > room:
            kept = lines[: max(0, room - 1)]
            while kept and kept[-1][0] == "header":
                kept.pop()
            left = sum(
                len(rows) for kind, rows in lines[len(kept) :] if kind == "items"
            )
            note = f"…… 另有 {left} 项图例从略"
            lines = kept
        headers = ["" for _ in lines]
        labels = [["" for _ in lines] for _ in range(cols)]
        for i, (kind, rows) in enumerate(lines):
            if kind == "header":
                headers[i] = ellipsize(rows[0].symbol.label, box.w, t.small)
                continue
            for col, row in enumerate(rows):
                x = box.x + col * col_w
                artists += _symbol(fig, mm, row, x, top - rh * (i + 0.5), SWATCH_W, sh)
                width = col_w - SWATCH_W - 3.0
                labels[col][i] = ellipsize(row.symbol.label, width, t.body)
        if note:
            headers.append(note)
        artists.append(
            column_text(fig, mm, box.x, top, headers, t.small, rh, colour=GREY)
        )
        for i, column in enumerate(labels):
            x = box.x + i * col_w + SWATCH_W + 2.0
            artists.append(column_text(fig, mm, x, top, column, t.body, rh))
        return artists


def _symbol(
    fig: Figure, mm: Transform, row: LayerRow, x: float, mid: float, w: float, h: float
) -> list:
    s = row.symbol
    artists = []
    if row.kind == "line":
        xs, ys = [x, x + w], [mid, mid]
        if s.casing > 0:
            artists.append(
                Line2D(
                    xs, ys, color="#C8C8C8", linewidth=s.width + s.casing, transform=mm
                )
            )
        artists.append(
            Line2D(
                xs,
                ys,
                color=s.color,
                linewidth=max(s.width, 0.8),
                linestyle=s.linestyle,
                transform=mm,
            )
        )
    elif row.kind == "footprints":
        artists.append(
            Rectangle(
                (x, mid - h / 2),
                w,
                h,
                facecolor=s.fill,
                edgecolor=s.color,
                linewidth=max(s.width, 0.5),
                hatch=s.hatch or None,
                alpha=s.alpha,
                transform=mm,
            )
        )
    else:
        marker = s.marker if row.kind == "marker" else "s"
        colour = s.color if s.fill == "none" else s.fill
        size = s.size * 1.3 if row.kind == "marker" else 3.2
        artists.append(
            Line2D(
                [x + w / 2],
                [mid],
                marker=marker,
                markersize=size,
                markerfacecolor=colour,
                markeredgecolor="white" if row.kind == "marker" else colour,
                markeredgewidth=0.3,
                linestyle="none",
                transform=mm,
            )
        )
    for artist in artists:
        artist.set_zorder(6)
        fig.add_artist(artist)
    return artists


__all__ = ["INK", "LayerRow", "Legend", "format_share", "layer_rows", "threshold_texts"]
