"""Drawing screen images of the map off the GUI thread.

The canvas asks for an image of a view at a pixel size; a worker lets
``riskmap.render.map_figure.draw_map`` draw into a matplotlib ``Figure`` on
the Agg backend with print's symbology (the same function the paper page
calls) and hands back an RGBA ``QImage`` (safe to make outside the GUI
thread, unlike a ``QPixmap``). Geometry is prepared once per layer in a
``LayerArtistCache`` that lives as long as the canvas; each image only
culls it to the view and picks the level of detail from the scale. As on a
page, the risk surface is one image of exactly the screen's pixels, and a
layer too heavy for vectors in view (a whole city of routes or footprints)
is painted into it: Agg stroking 160k vertices twice costs a quarter of a
second, painting them into the pixels a few tens of milliseconds.

After a pan at the same scale only the strips the old image does not cover
are drawn and pasted next to the moved old image: the cost of a pan follows
the area it uncovers. District names are not in these images; the canvas
writes them on top (:mod:`riskmap.gui.labels`) so that they never appear
twice across strips and move with the map while dragging.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter

from riskmap.core.feedback import check

BACKGROUND = "#FFFFFF"
#: Strips are drawn this much wider (device pixels) and cropped, so that
#: lines and markers near a seam are whole on both sides.
SEAM_PIXELS = 12

View = tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderJob:
    """One image to draw: what, where, and at which size."""

    document: Any  # a riskmap.render.model.MapDocument
    view: View  # xmin, ymin, xmax, ymax
    width: int  # device pixels
    height: int
    dpi: float  # device pixels per inch
    cache: Any  # LayerArtistCache for the document's layers
    overlay_cache: Any  # LayerArtistCache for selection and highlight
    overlays: tuple = ()  # VectorLayers drawn on top (selection, highlight)
    started: float = 0.0
    base: Any = None  # RenderedImage at the same scale to reuse (pan)


@dataclass
class RenderedImage:
    image: QImage
    view: View  # what the image shows exactly
    seconds: float
    job: RenderJob
    partial: bool = False


class _Surface:
    """A figure kept between images of the same size (creating one costs)."""

    def __init__(self, width: int, height: int, dpi: float) -> None:
        self.key = (width, height, dpi)
        self.figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi,
                             facecolor=BACKGROUND)  # fmt: skip
        self.agg = FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax.set_axis_off()

    def clear(self) -> None:
        ax = self.ax
        for artist in [*ax.patches, *ax.images, *ax.texts, *ax.collections,
                       *ax.lines, *ax.artists]:  # fmt: skip
            artist.remove()


_local = threading.local()


def _surface(width: int, height: int, dpi: float) -> _Surface:
    surfaces = _local.__dict__.setdefault("surfaces", {})
    key = (width, height, dpi)
    found = surfaces.get(key)
    if found is None:
        if len(surfaces) > 4:  # sizes of strips vary; keep a few
            surfaces.clear()
        found = surfaces[key] = _Surface(width, height, dpi)
    return found


def _draw(job: RenderJob, view: View, width: int, height: int) -> tuple[QImage, View]:
    from riskmap.render.map_figure import draw_map

    surface = _surface(width, height, job.dpi)
    surface.clear()
    ax = surface.ax
    metres_per_point = (view[2] - view[0]) / (width / job.dpi * 72.0)
    draw_map(
        ax, job.document, view, metres_per_point, cache=job.cache, labels=False,
        adjustable="datalim", pixels=(width, height), dpi=job.dpi,
    )  # fmt: skip
    for layer in job.overlays:
        drawn = job.overlay_cache.draw(ax, layer, view, metres_per_point)
        for artist in drawn.artists:
            artist.set_zorder(artist.get_zorder() + 10)
    surface.agg.draw()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w, h = surface.agg.get_width_height(physical=True)
    buffer = np.asarray(surface.agg.buffer_rgba())
    image = QImage(buffer.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
    return image, (x0, y0, x1, y1)


def pan_offset(base: RenderedImage | None, job: RenderJob) -> tuple[int, int] | None:
    """Whole device pixels the base image moved by, when it can be reused."""
    if base is None:
        return None
    b = base.job
    if (b.width, b.height, b.dpi) != (job.width, job.height, job.dpi):
        return None
    if b.document is not job.document or b.overlays is not job.overlays:
        return None
    res = (job.view[2] - job.view[0]) / job.width
    if not np.isclose((base.view[2] - base.view[0]) / b.width, res, rtol=1e-9):
        return None
    dx = (base.view[0] - job.view[0]) / res
    dy = (job.view[3] - base.view[3]) / res
    ix, iy = round(dx), round(dy)
    if abs(dx - ix) > 1e-3 or abs(dy - iy) > 1e-3:
        return None
    if abs(ix) > 0.6 * job.width or abs(iy) > 0.6 * job.height:
        return None  # most of the image is new: draw it whole
    return ix, iy


def _strips(width: int, height: int, dx: int, dy: int) -> list[tuple[int, ...]]:
    """Pixel rectangles (x0, y0, x1, y1) the moved base image leaves bare."""
    out = []
    if dx > 0:
        out.append((0, 0, dx, height))
    elif dx < 0:
        out.append((width + dx, 0, width, height))
    if dy > 0:
        out.append((0, 0, width, dy))
    elif dy < 0:
        out.append((0, height + dy, width, height))
    return out


def render(job: RenderJob, feedback: Any = None) -> RenderedImage:
    """Draw ``job`` into an image (runs in the canvas's drawing thread)."""
    check(feedback)
    t0 = time.perf_counter()
    offset = pan_offset(job.base, job)
    if offset is None:
        image, view = _draw(job, job.view, job.width, job.height)
        return RenderedImage(image, view, time.perf_counter() - (job.started or t0),
                             replace(job, base=None))  # fmt: skip
    dx, dy = offset
    res = (job.view[2] - job.view[0]) / job.width
    image = QImage(job.width, job.height, QImage.Format.Format_RGBA8888)
    painter = QPainter(image)
    painter.drawImage(QPoint(dx, dy), job.base.image)
    xmin, _, _, ymax = job.view
    for x0, y0, x1, y1 in _strips(job.width, job.height, dx, dy):
        check(feedback)
        m = SEAM_PIXELS
        px0, py0 = max(0, x0 - m), max(0, y0 - m)
        px1, py1 = min(job.width, x1 + m), min(job.height, y1 + m)
        view = (xmin + px0 * res, ymax - py1 * res, xmin + px1 * res, ymax - py0 * res)
        strip, _ = _draw(job, view, px1 - px0, py1 - py0)
        source = QRect(x0 - px0, y0 - py0, x1 - x0, y1 - y0)
        painter.drawImage(QPoint(x0, y0), strip, source)
    painter.end()
    return RenderedImage(image, job.view, time.perf_counter() - (job.started or t0),
                         replace(job, base=None), partial=True)  # fmt: skip
