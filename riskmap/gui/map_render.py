"""Drawing one screen image of the map off the GUI thread.

The canvas asks for an image of a view at a pixel size; a worker builds a
matplotlib ``Figure`` on the Agg backend, lets ``riskmap.render.map_figure.draw_map``
draw into it with print's symbology (the same function the paper page
calls), and hands back an RGBA ``QImage`` (safe to make outside the GUI
thread, unlike a ``QPixmap``). Geometry is prepared once per layer in a
:class:`~riskmap.render.map_figure.LayerArtistCache` that lives as long as
the canvas; each image only culls it to the view and picks the level of
detail from the scale.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from PySide6.QtGui import QImage

from riskmap.core.feedback import check

#: District names on screen, in points.
LABEL_POINTS = 9.0
BACKGROUND = "#FFFFFF"


@dataclass(frozen=True)
class RenderJob:
    """One image to draw: what, where, and at which size."""

    document: Any  # a riskmap.render.model.MapDocument
    view: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax
    width: int  # device pixels
    height: int
    dpi: float  # device pixels per inch
    cache: Any  # LayerArtistCache for the document's layers
    overlay_cache: Any  # LayerArtistCache for selection and highlight
    overlays: tuple = ()  # VectorLayers drawn on top (selection, highlight)
    labels: bool = True
    started: float = 0.0


@dataclass
class RenderedImage:
    image: QImage
    view: tuple[float, float, float, float]  # what the image shows exactly
    seconds: float
    job: RenderJob


def render(job: RenderJob, feedback: Any = None) -> RenderedImage:
    """Draw ``job`` into an image (runs in a worker thread)."""
    from riskmap.render.map_figure import draw_map

    check(feedback)
    t0 = time.perf_counter()
    fig = Figure(
        figsize=(job.width / job.dpi, job.height / job.dpi),
        dpi=job.dpi,
        facecolor=BACKGROUND,
    )
    agg = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.set_facecolor(BACKGROUND)
    width_m = job.view[2] - job.view[0]
    metres_per_point = width_m / (job.width / job.dpi * 72.0)
    draw_map(
        ax,
        job.document,
        job.view,
        metres_per_point,
        cache=job.cache,
        labels=job.labels,
        label_size=LABEL_POINTS,
        adjustable="datalim",
    )
    for layer in job.overlays:
        drawn = job.overlay_cache.draw(ax, layer, job.view, metres_per_point)
        for artist in drawn.artists:
            artist.set_zorder(artist.get_zorder() + 10)
    check(feedback)
    agg.draw()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w, h = agg.get_width_height(physical=True)
    buffer = np.asarray(agg.buffer_rgba())
    image = QImage(buffer.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
    fig.clear()
    return RenderedImage(
        image, (x0, y0, x1, y1), time.perf_counter() - (job.started or t0), job
    )
