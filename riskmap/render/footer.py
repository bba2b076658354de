"""The fine print under the map: sources, CRS, method, fingerprint, version."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Transform

from riskmap.render.layout import Box, Typography
from riskmap.render.model import Footer
from riskmap.render.text import column_text, line_height_mm, wrap

INK = "#333333"


def footer_paragraphs(footer: Footer, sample: bool) -> list[str]:
    """The footer as paragraphs of '；'-separated items."""
    sources = "；".join(footer.sources) if footer.sources else "（未注明）"
    method = [
        f"坐标系统：{footer.crs_text}",
        f"网格：{footer.cell_size:g} m",
        f"综合方法：{footer.method}",
        f"分级：{footer.classification}",
        f"权重：{footer.weights}",
    ]
    made = [
        f"编制单位：{footer.organisation or '（未填写）'}",
        f"编制日期：{footer.made}",
    ]
    if footer.review_number:
        made.insert(0, f"审图号：{footer.review_number}")
    made += [f"输入指纹：{footer.fingerprint}", f"riskmap {footer.version}"]
    if sample:
        made.append("示例数据 / sample data：仅供演示，不得作为决策依据")
    paragraphs = [f"数据来源：{sources}", "；".join(method), "；".join(made)]
    if footer.notes:
        paragraphs.insert(2, "注：" + "；".join(footer.notes))
    return paragraphs


def footer_lines(
    footer: Footer, sample: bool, width: float, typo: Typography
) -> list[str]:
    lines: list[str] = []
    for paragraph in footer_paragraphs(footer, sample):
        lines.extend(wrap(paragraph, width, typo.footer))
    return lines


def footer_height(lines: list[str], typo: Typography) -> float:
    return len(lines) * line_height_mm(typo.footer, 1.35) + 1.5


def draw_footer(
    fig: Figure, mm: Transform, box: Box, lines: list[str], typo: Typography
) -> list:
    rule = Line2D(
        [box.x, box.right],
        [box.top, box.top],
        color="#7F7F7F",
        linewidth=0.5,
        transform=mm,
    )
    fig.add_artist(rule)
    lh = line_height_mm(typo.footer, 1.35)
    text = column_text(
        fig, mm, box.x, box.top - 0.6, lines, typo.footer, lh, colour=INK
    )
    return [rule, text]
