"""Saving pages: single maps by file suffix, atlases as one multi-page PDF.

An atlas page that fails is left out and reported; the others are still
written. Callers pass the path to write to; writing to a temporary file and
renaming it over the final name is the pipeline's job.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from riskmap import __version__
from riskmap.core.feedback import NullFeedback
from riskmap.errors import Canceled, RiskmapError
from riskmap.logs import get_logger
from riskmap.render.fonts import page_context
from riskmap.render.pdf import PdfDocument

SUFFIXES = (".pdf", ".png", ".svg")
# Forbidden in file names on Windows, plus control characters.
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)
}


def safe_filename(name: str, fallback: str = "district") -> str:
    """``name`` made safe as a file name on Windows, macOS and Linux.

    Chinese and other letters are kept; ``/ \\ : * ? " < > |`` and control
    characters become ``_``; leading and trailing dots and spaces go; names
    Windows reserves (CON, NUL, COM1 ...) get a trailing ``_``; the result is
    at most 100 characters and never empty.
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _UNSAFE.sub("_", text).strip(" .")
    if text.split(".")[0].upper() in _RESERVED:
        text += "_"
    text = text[:100].rstrip(" .")
    return text or fallback


def unique_names(names: Iterable[str]) -> list[str]:
    """Safe file stems, numbered where two names would collide."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for name in names:
        stem = safe_filename(name)
        key = stem.casefold()
        if key in seen:
            seen[key] += 1
            stem = f"{stem}_{seen[key]}"
        else:
            seen[key] = 1
        out.append(stem)
    return out


def pdf_metadata(
    title: str, subject: str, *, author: str = "", created: datetime | None = None
) -> dict[str, Any]:
    """PDF document information: title, subject, creation date, producer."""
    meta: dict[str, Any] = {
        "Title": title,
        "Subject": subject,
        "Creator": f"riskmap {__version__}",
        "Producer": f"riskmap {__version__}",
        "Keywords": "安全风险四色图; risk map",
    }
    if author:
        meta["Author"] = author
    if created is not None:
        meta["CreationDate"] = created
    return meta


def save_figure(
    fig: Figure, path: Path, *, dpi: int, metadata: Mapping[str, Any] | None = None
) -> None:
    """Save one page as PDF, PNG or SVG, chosen by ``path``'s suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"unsupported suffix {suffix!r}")
    meta = dict(metadata or {})
    with page_context():
        if suffix == ".pdf":
            with PdfDocument(path, meta) as pdf:
                pdf.add(fig, dpi)
        elif suffix == ".png":
            # Whole pixels for the paper at this dpi, rounded (A4 at 300 dpi
            # is 2480 x 3508), not truncated by the float size.
            w, h = fig.get_size_inches()
            fig.set_size_inches(round(w * dpi) / dpi, round(h * dpi) / dpi)
            FigureCanvasAgg(fig)
            png_meta = {
                "Title": meta.get("Title", ""),
                "Software": meta.get("Producer"),
            }
            fig.savefig(path, format="png", dpi=dpi, metadata=png_meta)
        else:
            svg_meta = {"Title": meta.get("Title", ""), "Date": None}
            fig.savefig(path, format="svg", dpi=dpi, metadata=svg_meta)


@dataclass
class PageFailure:
    page: str
    reason: str
    user: bool = False  # the data or settings are at fault (a RiskmapError)

    @classmethod
    def of(cls, page: str, exc: BaseException) -> PageFailure:
        """The failure of ``page``; an unexpected one is logged with its
        traceback, since only its one-line reason reaches the user."""
        user = isinstance(exc, RiskmapError)
        if not user:
            get_logger("render").error("page '%s' failed", page, exc_info=exc)
        return cls(page, _reason(exc), user)


PageBuilder = Callable[[], Figure]


@contextmanager
def pages_gc() -> Iterator[None]:
    """Automatic garbage collection off while pages are made and written.

    A page creates tens of thousands of short-lived objects, and the loaded
    layers keep hundreds of thousands alive, so the collector's automatic
    full passes cost more than drawing (0.1-0.2 s each, several per atlas).
    Pages are freed by :func:`page_done` instead, which looks only at the
    youngest objects: what outlives a page (drawing caches) is never moved
    to the oldest generation, so no full pass comes due because of the
    atlas. The previous state is restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def page_done() -> None:
    """Free the page just written (figures hold reference cycles, all made
    since the last page)."""
    gc.collect(0)


def write_atlas_pdf(
    path: Path,
    pages: Iterable[tuple[str, PageBuilder]],
    *,
    dpi: int,
    metadata: Mapping[str, Any],
    feedback: Any = None,
    total: int | None = None,
) -> tuple[int, list[PageFailure]]:
    """Write ``pages`` (label, builder) into one PDF at ``path``.

    A page whose builder or drawing raises is left out and reported; the
    other pages are written. Cancelling raises :class:`Canceled`.

    Returns
    -------
    (pages written, failures)
    """
    feedback = feedback or NullFeedback()
    failures: list[PageFailure] = []
    written = 0
    with pages_gc(), page_context(), PdfDocument(path, metadata) as pdf:
        for i, (label, build) in enumerate(pages):
            if feedback.is_canceled():
                raise Canceled()
            feedback.set_status(f"page {i + 1}: {label}")
            try:
                fig = build()
            except Canceled:
                raise
            except Exception as exc:  # one bad page must not sink the atlas
                failures.append(PageFailure.of(label, exc))
                continue
            try:
                pdf.add(fig, dpi)
                written += 1
            except OSError:  # a full disk is the file's failure, not the page's
                raise
            except Exception as exc:  # the half-drawn page is taken out
                failures.append(PageFailure.of(label, exc))
            del fig
            page_done()
            if total:
                feedback.set_progress(100.0 * (i + 1) / total)
        if written == 0:
            # Keep the contract of a file, and say why it is empty.
            fig = Figure(figsize=(8.27, 11.69))
            fig.text(0.1, 0.9, "没有可输出的页面 / no page could be drawn")
            pdf.add(fig, dpi)
    return written, failures


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not hasattr(exc, "hint") else text
