"""Measuring and fitting text in millimetres, with the bundled font."""

from __future__ import annotations

from functools import lru_cache

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Transform

from riskmap.render.fonts import font

PT_TO_MM = 25.4 / 72.0
_MEASURE = TextToPath()
# Break after these; Chinese text may also break between any two hanzi.
_BREAK_AFTER = set(" ；，、。：;,·)）")


@lru_cache(maxsize=8192)
def width_mm(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``size`` points, in millimetres."""
    if not text:
        return 0.0
    w, _, _ = _MEASURE.get_text_width_height_descent(
        text, font(size, bold), ismath=False
    )
    return w * PT_TO_MM


def line_height_mm(size: float, spacing: float = 1.3) -> float:
    return size * spacing * PT_TO_MM


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef"


def _break_points(text: str) -> list[int]:
    """Indices after which a line may end."""
    points = []
    for i, ch in enumerate(text[:-1]):
        nxt = text[i + 1]
        if ch in _BREAK_AFTER or (
            _is_cjk(ch) and _is_cjk(nxt) and nxt not in "，。；：、）"
        ):
            points.append(i + 1)
    return points


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy line breaking of ``text`` into lines at most ``width`` mm wide."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        rest = paragraph
        while rest and width_mm(rest, size, bold) > width:
            best = 0
            for point in _break_points(rest):
                if width_mm(rest[:point].rstrip(), size, bold) <= width:
                    best = point
                else:
                    break
            if best == 0:  # one unbreakable word: cut it where it overflows
                best = max(1, _longest_prefix(rest, width, size, bold))
            lines.append(rest[:best].rstrip())
            rest = rest[best:].lstrip()
        lines.append(rest)
    return lines


def _longest_prefix(text: str, width: float, size: float, bold: bool) -> int:
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_mm(text[:mid], size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def fit_size(
    text: str, width: float, size: float, min_size: float, bold: bool = False
) -> float:
    """The largest size from ``size`` down to ``min_size`` at which text fits."""
    while size > min_size and width_mm(text, size, bold) > width:
        size = max(min_size, size * 0.92)
    return size


def ellipsize(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` mm."""
    if width_mm(text, size, bold) <= width:
        return text
    n = _longest_prefix(text + "…", width, size, bold)
    return text[: max(0, n - 1)] + "…"


def column_text(
    fig: Figure,
    transform: Transform,
    x: float,
    top: float,
    lines: list[str],
    size: float,
    row_h: float,
    *,
    ha: str = "left",
    colour: str = "#1A1A1A",
    bold: bool = False,
    zorder: float = 6,
) -> Text:
    """One text object holding a table column: line i centred in row i.

    Rows are ``row_h`` mm tall from ``top`` down. One multi-line text costs
    far less to lay out and write than one text per cell. The bundled font's
    ascent + descent is exactly one em, so the line pitch is
    ``linespacing * size``.
    """
    return fig.text(
        x,
        top,
        "\n".join(lines),
        fontproperties=font(size, bold),
        linespacing=row_h / (size * PT_TO_MM),
        ha=ha,
        multialignment=ha,
        va="top",
        color=colour,
        transform=transform,
        zorder=zorder,
    )


def label(
    fig: Figure,
    transform: Transform,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    colour: str = "#1A1A1A",
    ha: str = "left",
    va: str = "center_baseline",
    zorder: float = 6,
) -> Text:
    """A single line of page text in millimetre coordinates."""
    return fig.text(
        x,
        y,
        text,
        fontproperties=font(size, bold),
        color=colour,
        ha=ha,
        va=va,
        transform=transform,
        zorder=zorder,
    )
