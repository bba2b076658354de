"""District names written over the map image by the canvas.

They follow print's look (the bundled font, bold, near-black with a white
halo) and its placement rule (a point surely inside the part of the district
that is in view), but are drawn with QPainter on top of the image, so that
they stay sharp while the image is moved or scaled and never appear twice
where a pan pasted a new strip next to the old image.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import shapely

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

LABEL_POINTS = 9.0
INK = "#111111"
HALO_POINTS = 2.2  # stroke width of the white halo, as on paper


def label_points(
    districts: list[Any], view: tuple[float, float, float, float]
) -> list[tuple[str, float, float]]:
    """(name, x, y) for every district with a part in ``view``."""
    if not districts:
        return []
    geoms = np.array([d.geometry for d in districts], dtype=object)
    clipped = shapely.intersection(geoms, shapely.box(*view))
    points = shapely.point_on_surface(clipped)
    out = []
    for district, point, part in zip(districts, points, clipped, strict=True):
        if shapely.is_empty(part) or shapely.area(part) <= 0:
            continue
        out.append((district.name, shapely.get_x(point), shapely.get_y(point)))
    return out


def label_font() -> QFont:
    from riskmap.gui.app import register_fonts

    families = register_fonts()
    font = QFont(families[0]) if families else QFont()
    font.setPointSizeF(LABEL_POINTS)
    font.setBold(True)
    return font


def paint_labels(
    painter: QPainter,
    labels: list[tuple[str, float, float]],
    to_pixel: Any,
    dpi: float,
    font: QFont,
) -> None:
    """Write each name centred on its point, with a white halo."""
    if not labels:
        return
    metrics = QFontMetricsF(font)
    halo = QPen(QColor("white"), HALO_POINTS * dpi / 72.0)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for name, x, y in labels:
        centre = to_pixel(x, y)
        rect = metrics.tightBoundingRect(name)
        origin = QPointF(centre.x() - rect.width() / 2 - rect.left(),
                         centre.y() - rect.height() / 2 - rect.top())  # fmt: skip
        path = QPainterPath()
        path.addText(origin, font, name)
        painter.strokePath(path, halo)
        painter.fillPath(path, QColor(INK))
    painter.restore()
