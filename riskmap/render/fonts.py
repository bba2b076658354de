"""The bundled Simplified Chinese font, and nothing else, for every page.

Printed maps must look the same on any machine, so text is drawn with the
TrueType font shipped in ``resources/fonts`` (built by ``tools/make_font.py``),
selected by file, never by a family lookup that could find a system font.
PDFs embed it as a subset CID TrueType font (``pdf.fonttype = 42``); SVGs
carry text as outlines.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib.font_manager import FontProperties, fontManager

from riskmap._paths import resources_dir
from riskmap.errors import FontMissingError

FAMILY = "Riskmap Sans SC"
FILES = {"regular": "RiskmapSansSC-Regular.ttf", "bold": "RiskmapSansSC-Bold.ttf"}


def font_dir() -> Path:
    return _default_font_dir()


@cache
def _default_font_dir() -> Path:
    return resources_dir() / "fonts"


@cache
def _found(path: Path) -> bool:
    # Only a file that is there is remembered; a missing one is looked for
    # again next time (it may have been restored).
    if not path.is_file():
        raise FileNotFoundError(path)
    return True


def font_path(weight: str = "regular") -> Path:
    """Path of the bundled font file for ``weight`` ("regular" or "bold").

    Raises
    ------
    FontMissingError
        When the file is not where the installation should have put it.
    """
    path = font_dir() / FILES[weight]
    try:
        _found(path)
    except FileNotFoundError:
        raise FontMissingError(
            f"the Chinese map font is missing: {path}",
            "reinstall riskmap, or rebuild the font with 'python tools/make_font.py'",
        ) from None
    return path


@cache
def _register(path: str) -> None:
    fontManager.addfont(path)


def quiet_missing_glyphs() -> None:
    """Silence matplotlib's per-glyph "missing from font(s)" warning for the
    bundled font: riskmap checks the text it draws before drawing and tells
    the user once (:mod:`riskmap.render.glyphs`). Kept first among the
    warning filters (adding it again moves it back to the front)."""
    warnings.filterwarnings(
        "ignore",
        message=rf"Glyph \d+ .* missing from font\(s\) {re.escape(FAMILY)}\.?$",
        category=UserWarning,
    )


def ensure_fonts() -> None:
    """Check the bundled fonts exist and register them with matplotlib."""
    for weight in FILES:
        _register(str(font_path(weight)))
    quiet_missing_glyphs()


def font(size: float, bold: bool = False) -> FontProperties:
    """Font properties for the bundled font at ``size`` points (shared: do not
    modify the returned object)."""
    path = font_path("bold" if bold else "regular")
    return _properties(str(path), float(size))


@cache
def _properties(path: str, size: float) -> FontProperties:
    _register(path)
    return FontProperties(fname=path, size=size)


@cache
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


def missing_characters(text: str) -> str:
    """Characters of ``text`` the bundled font cannot draw (would print as boxes)."""
    chars = _charmap(str(font_path("regular")))
    seen: dict[str, None] = {}
    for ch in text:
        if ord(ch) not in chars and not ch.isspace():
            seen[ch] = None
    return "".join(seen)


#: rcParams every page is drawn and saved under.
PAGE_RC = {
    "pdf.fonttype": 42,  # TrueType, subset: small, selectable, prints well
    "ps.fonttype": 42,
    "svg.fonttype": "path",  # an SVG needs no font on the reader's machine
    # zlib level 3: a sixth less time than 6 for about a tenth more bytes.
    "pdf.compression": 3,
    "font.family": [FAMILY],
    "axes.unicode_minus": False,  # U+2212 is in the font, but '-' reads better
    "hatch.linewidth": 0.4,
    "path.simplify": True,
    # Unhinted glyph advances: text measures the same in a PNG preview at any
    # dpi as in the PDF, so what fits on screen fits on paper.
    "text.hinting": "no_hinting",
}


_rc_lock = threading.Lock()
_rc_users = 0
_rc_saved: dict = {}


@contextmanager
def page_context() -> Iterator[None]:
    """rcParams for building and saving pages with the bundled font.

    Safe to enter from several threads at once (a window previews one page
    while it exports another): rcParams are global, and nested
    ``rc_context`` blocks in two threads would restore each other's values
    mid-page (a PDF then failed with "bytes must be in range(0, 256)").
    The page settings are set by the first user and put back by the last.
    """
    global _rc_users, _rc_saved
    ensure_fonts()
    with _rc_lock:
        if _rc_users == 0:
            _rc_saved = {key: matplotlib.rcParams[key] for key in PAGE_RC}
            matplotlib.rcParams.update(PAGE_RC)
        _rc_users += 1
    try:
        yield
    finally:
        with _rc_lock:
            _rc_users -= 1
            if _rc_users == 0:
                matplotlib.rcParams.update(_rc_saved)
