"""Print work shared by the print preview, the File menu and the self-test.

The page images and files come from :mod:`riskmap.pipeline.printing`, the
same functions the ``riskmap map`` and ``riskmap atlas`` commands call, so a
preview, a printed sheet and an exported PDF show the same page. The
functions here that take time run in a worker on a snapshot of the project;
only :func:`paint_on_printer` runs on the GUI thread (Qt paints a printer
there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from riskmap.core.project import Project
from riskmap.errors import RiskmapError
from riskmap.gui.i18n import tr

#: Printing draws the page as an image at most this fine (dots per inch).
MAX_PRINT_DPI = 300
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}
OVERVIEW_FILE = "总图"


@dataclass(frozen=True)
class PrintInputs:
    """What a page is drawn from, taken on the GUI thread for a worker."""

    project: Project  # a snapshot
    data: Any
    result: Any


def inputs(session: Any) -> PrintInputs:
    """A snapshot of the session for printing; a user error when not scored."""
    from riskmap.gui.analysis import snapshot

    if session.result is None or session.data is None:
        raise RiskmapError(
            tr("The map is not computed yet, so there is nothing to print."),
            tr("Wait until the status bar says the map is up to date."),
        )
    return PrintInputs(snapshot(session.project), session.data, session.result)


def district_names(session: Any) -> list[str]:
    """The districts that have a page, in the document's order."""
    document = session.document
    return [] if document is None else [d.name for d in document.districts]


def current_district(session: Any, centre: tuple[float, float] | None) -> str | None:
    """The district under the map's centre, else the first; None when none."""
    names = district_names(session)
    result = session.result
    if not names:
        return None
    if result is not None and centre is not None:
        cell = result.grid.cell_of(*centre)
        if cell is not None:
            index = int(result.district_index[cell])
            if 0 <= index < len(names):
                return names[index]
    return names[0]


def default_file_name(district: str | None, suffix: str) -> str:
    stem = district or OVERVIEW_FILE
    safe = "".join("_" if c in '\\/:*?"<>|' else c for c in stem).strip() or "map"
    return f"{safe}{suffix}"


def page_key(project: Project) -> tuple:
    """The print settings a page depends on (a cached page maker is reused
    while this stays the same)."""
    p = project.print
    return (p.paper, p.orientation, p.organisation, p.review_number, p.internal,
            p.hatch, project.title, project.date)  # fmt: skip


def make_maker(job: PrintInputs, dpi: int) -> Any:
    from riskmap.pipeline.printing import page_maker

    return page_maker(job.project, job.data, job.result, dpi=dpi)


def page_image(
    job: PrintInputs, district: str | None, dpi: int, maker: Any = None
) -> np.ndarray:
    """The page as RGBA pixels, exactly as the PDF draws it."""
    from riskmap.pipeline.printing import render_page_image

    return render_page_image(
        job.project, job.data, job.result, district, dpi=dpi, maker=maker
    )


def export_page(
    job: PrintInputs, district: str | None, path: Path, feedback: Any = None
) -> Path:
    """Write the page to ``path`` (.pdf, .png or .svg), as File > Export Map."""
    from riskmap.pipeline.printing import export_map

    return export_map(
        job.project, job.data, job.result, district, path, feedback=feedback
    )


def export_atlas(job: PrintInputs, path: Path, feedback: Any = None) -> Any:
    """The overview and every district page in one PDF: an AtlasReport."""
    from riskmap.pipeline.printing import export_atlas as write

    return write(job.project, job.data, job.result, path, feedback=feedback)


def to_qimage(pixels: np.ndarray) -> QImage:
    h, w = pixels.shape[:2]
    data = np.ascontiguousarray(pixels)
    return QImage(data.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()


def configure_printer(printer: QPrinter, project: Project) -> None:
    """Paper size and orientation of the project's print settings, no margins."""
    orientation = (
        QPageLayout.Orientation.Landscape
        if project.print.orientation == "landscape"
        else QPageLayout.Orientation.Portrait
    )
    layout = QPageLayout(
        QPageSize(PAGE_SIZES.get(project.print.paper, QPageSize.PageSizeId.A4)),
        orientation,
        QMarginsF(0, 0, 0, 0),
    )
    printer.setPageLayout(layout)
    printer.setFullPage(True)
    printer.setDocName(project.display_title())


def print_dpi(printer: QPrinter, project: Project) -> int:
    """The resolution to draw the page at for ``printer``."""
    return int(max(72, min(printer.resolution(), project.print.dpi, MAX_PRINT_DPI)))


def paint_on_printer(printer: QPrinter, pixels: np.ndarray) -> None:
    """Paint the page image over the whole sheet (GUI thread only)."""
    image = to_qimage(pixels)
    painter = QPainter()
    if not painter.begin(printer):
        raise RiskmapError(
            tr("The printer could not be started."),
            tr("Check the printer, or export a PDF and print that."),
        )
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        target.moveTo(0, 0)
        painter.drawImage(target, image)
    finally:
        painter.end()
