"""Print use cases: one district map, the atlas, a page image for previews.

The GUI and the CLI both call these. Every file is written to a temporary
name beside the target and renamed when complete, so an interrupted export
never leaves a truncated PDF under the final name.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

from riskmap.core.feedback import Feedback, NullFeedback, SubFeedback, check
from riskmap.core.project import Project
from riskmap.core.result import Result
from riskmap.errors import OutputWriteError, RiskmapError, SettingsError
from riskmap.io.atomic import atomic_path
from riskmap.pipeline.print_document import LoadedData, build_document
from riskmap.render.atlas import (
    SUFFIXES,
    PageFailure,
    page_done,
    pages_gc,
    pdf_metadata,
    save_figure,
    unique_names,
    write_atlas_pdf,
)
from riskmap.render.fonts import ensure_fonts, page_context
from riskmap.render.layout import Paper, check_paper
from riskmap.render.model import MapDocument
from riskmap.render.page import THEME, PageMaker, page_title

__all__ = [
    "AtlasReport",
    "build_document",
    "export_atlas",
    "export_map",
    "page_maker",
    "render_page_image",
]


@dataclass
class AtlasReport:
    """What an atlas export produced and what it could not."""

    path: Path
    pages: int  # pages written to the atlas PDF
    failed: list[PageFailure] = field(default_factory=list)
    split: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # about the pages' text

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def user_fault(self) -> bool:
        """Every failed page failed on the data or settings, not on riskmap."""
        return bool(self.failed) and all(f.user for f in self.failed)

    def summary(self) -> str:
        lines = [f"{self.path}: {self.pages} pages in {self.seconds:.1f} s"]
        if self.split:
            lines.append(f"{len(self.split)} district files in {self.split[0].parent}")
        for failure in self.failed:
            lines.append(f"FAILED page '{failure.page}': {failure.reason}")
        return "\n".join(lines)


def _paper(project: Project, paper: str | None, orientation: str | None) -> Paper:
    try:
        return check_paper(
            paper or project.print.paper, orientation or project.print.orientation
        )
    except ValueError as exc:
        raise SettingsError(
            str(exc), "paper is A4 or A3; landscape or portrait"
        ) from None


def _dpi(project: Project, dpi: int | None) -> int:
    value = int(dpi or project.print.dpi)
    if not 50 <= value <= 1200:
        raise SettingsError(
            f"dpi {value} is out of range", "use 50 to 1200 (300 for print)"
        )
    return value


def page_maker(
    project: Project,
    data: LoadedData,
    result: Result,
    *,
    paper: str | None = None,
    orientation: str | None = None,
    document: MapDocument | None = None,
    hatch: bool | None = None,
    dpi: int | None = None,
) -> PageMaker:
    """A page builder for the project's result (keep it to reuse its caches)."""
    ensure_fonts()
    doc = document or build_document(project, data, result, hatch=hatch)
    return PageMaker(doc, _paper(project, paper, orientation), dpi=_dpi(project, dpi))


def _check_district(doc: MapDocument, district: str) -> None:
    names = [d.name for d in doc.districts]
    if district not in names:
        # "渝中" for "渝中区", "yuzhong" typed for a name written differently:
        # a name that contains what was typed, else the closest spelling.
        typed = district.strip().casefold()
        near = [n for n in names if typed and typed in n.casefold()]
        near = near or difflib.get_close_matches(district, names, n=1, cutoff=0.5)
        guess = f"did you mean '{near[0]}'? " if len(near) == 1 else ""
        raise RiskmapError(
            f"no district named '{district}'",
            f"{guess}districts in this project: {'、'.join(names) or '(none)'}",
        )


def _metadata(project: Project, title: str) -> dict:
    return pdf_metadata(
        title,
        f"{project.display_title()} {THEME}",
        author=project.print.organisation,
        created=None,
    )


def export_map(
    project: Project,
    data: LoadedData,
    result: Result,
    district: str | None,
    out: str | Path,
    *,
    paper: str | None = None,
    orientation: str | None = None,
    dpi: int | None = None,
    feedback: Feedback | None = None,
    hatch: bool | None = None,
    warnings: list[str] | None = None,
) -> Path:
    """Write one district's map to ``out`` (.pdf, .png or .svg by suffix);
    ``district=None`` writes the overview page of the whole map.

    The page's warnings (text the font cannot draw) are appended to
    ``warnings`` when a list is given.

    Raises
    ------
    RiskmapError
        For an unknown district (the message lists the known ones) or suffix.
    OutputWriteError
        When the file cannot be written.
    """
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise OutputWriteError(
            f"{out}: cannot tell the format from the suffix",
            "end the file name with .pdf, .png or .svg",
        )
    feedback = feedback or NullFeedback()
    dpi_value = _dpi(project, dpi)
    feedback.set_status("preparing the page")
    maker = page_maker(
        project,
        data,
        result,
        paper=paper,
        orientation=orientation,
        hatch=hatch,
        dpi=dpi_value,
    )
    if district is not None:
        _check_district(maker.doc, district)
    if warnings is not None:
        warnings.extend(maker.doc.warnings)
    check(feedback)
    with page_context():
        fig, _ = maker.overview() if district is None else maker.district(district)
    feedback.set_status(f"writing {out.name}")
    with atomic_path(out) as tmp:
        save_figure(
            fig, tmp, dpi=dpi_value, metadata=_metadata(project, page_title(district))
        )
    feedback.set_progress(100.0)
    return out


def export_atlas(
    project: Project,
    data: LoadedData,
    result: Result,
    out: str | Path,
    *,
    split_dir: str | Path | None = None,
    paper: str | None = None,
    orientation: str | None = None,
    dpi: int | None = None,
    feedback: Feedback | None = None,
    hatch: bool | None = None,
) -> AtlasReport:
    """Write the overview page and one page per district into one PDF.

    A page that fails is left out and listed in the report; the rest are
    written. With ``split_dir``, each district page is also written to its
    own PDF named after the district (made safe for file names).
    """
    start = time.perf_counter()
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise OutputWriteError(
            f"{out}: an atlas is a PDF", "end the file name with .pdf"
        )
    feedback = feedback or NullFeedback()
    dpi_value = _dpi(project, dpi)
    feedback.set_status("preparing the atlas")
    maker = page_maker(
        project,
        data,
        result,
        paper=paper,
        orientation=orientation,
        hatch=hatch,
        dpi=dpi_value,
    )
    maker.reuse_figure = True  # each page is written before the next is made
    names = [d.name for d in maker.doc.districts]
    pages = [("总图", lambda: maker.overview()[0])]
    pages += [(name, (lambda n=name: maker.district(n)[0])) for name in names]
    meta = _metadata(project, f"{project.display_title()} {THEME}")
    atlas_feedback = SubFeedback(feedback, 0, 100 if split_dir is None else 70)
    with atomic_path(out) as tmp:
        written, failed = write_atlas_pdf(
            tmp,
            pages,
            dpi=dpi_value,
            metadata=meta,
            feedback=atlas_feedback,
            total=len(pages),
        )
    report = AtlasReport(out, written, failed, warnings=list(maker.doc.warnings))
    if split_dir is not None:
        report.split, more = _write_split(
            maker,
            project,
            names,
            Path(split_dir),
            dpi_value,
            SubFeedback(feedback, 70, 100),
        )
        report.failed.extend(more)
    report.seconds = time.perf_counter() - start
    feedback.set_progress(100.0)
    return report


def _write_split(
    maker: PageMaker,
    project: Project,
    names: list[str],
    folder: Path,
    dpi: int,
    feedback: Feedback,
) -> tuple[list[Path], list[PageFailure]]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(
            f"{folder}: cannot create the folder ({exc.strerror})"
        ) from None
    written, failed = [], []
    with pages_gc():
        for i, (name, stem) in enumerate(zip(names, unique_names(names), strict=True)):
            check(feedback)
            path = folder / f"{stem}.pdf"
            try:
                with page_context():
                    fig, _ = maker.district(name)
                with atomic_path(path) as tmp:
                    save_figure(
                        fig, tmp, dpi=dpi, metadata=_metadata(project, page_title(name))
                    )
                written.append(path)
            except OutputWriteError:
                raise
            except Exception as exc:  # a bad page must not stop the others
                failed.append(PageFailure.of(f"{name} ({path.name})", exc))
            fig = None
            page_done()
            feedback.set_progress(100.0 * (i + 1) / max(1, len(names)))
    return written, failed


def render_page_image(
    project: Project,
    data: LoadedData,
    result: Result,
    district: str | None = None,
    *,
    paper: str | None = None,
    orientation: str | None = None,
    dpi: int = 96,
    maker: PageMaker | None = None,
) -> np.ndarray:
    """The page as an RGBA array (height x width x 4, uint8), drawn exactly as
    the PDF is: the GUI's print preview shows this.

    ``district=None`` gives the overview page. Pass ``maker`` (from
    :func:`page_maker`) to reuse the drawing caches between previews.
    """
    maker = maker or page_maker(
        project, data, result, paper=paper, orientation=orientation, dpi=dpi
    )
    if district is not None:
        _check_district(maker.doc, district)
    with page_context():
        fig, _ = maker.overview() if district is None else maker.district(district)
        fig.set_dpi(dpi)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()
