"""A multi-page PDF written page by page from matplotlib figures, quickly.

matplotlib's PDF backend spends most of a map page's time on three things
that are the same on every page of an atlas or need not be done at all:

text
    every string is shaped by libraqm, its glyphs loaded by FreeType and
    written glyph by glyph in Python, on every page, although most of a
    page's text (footer, legend, headings) repeats on the next one. Here the
    operators a string produced are recorded the first time it is drawn in
    a file and written again as they are (the glyphs are already in the
    font subset); text metrics are kept across pages.
the map image
    an RGBA image is split into colour and alpha, searched for its colours,
    re-indexed and PNG-encoded through Pillow, and kept in memory until the
    file is closed. A :class:`~riskmap.render.raster.MapImage` is already
    palette indices: it is packed to 4 or 8 bits and compressed as it is
    drawn, and only the compressed bytes wait for the end.
paths
    coordinates are written with six decimals; three (a thousandth of a
    point) are as exact on paper and a third less to write and compress.

The shortcuts rely on parts of matplotlib's PDF backend that are not
public (``PdfFile``, ``RendererPdf`` and the operators they write; they
have looked the same for many releases, and the tests run them against the
matplotlib in use); :data:`AVAILABLE` is False when they are missing, and
:class:`PdfDocument` then writes through ``PdfPages`` unchanged. Fonts are
embedded by matplotlib either way, as subset CID TrueType fonts.
"""

from __future__ import annotations

import math
import pathlib
import zlib
from collections.abc import Mapping
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

try:  # the shortcuts below need these internals
    from matplotlib import _path
    from matplotlib.backends import backend_pdf as _pdf
    from matplotlib.backends.backend_mixed import MixedModeRenderer

    _REQUIRED = (
        hasattr(_pdf, "PdfFile")
        and hasattr(_pdf, "RendererPdf")
        and hasattr(_pdf, "Op")
        and hasattr(_pdf, "Name")
        and hasattr(_pdf, "Verbatim")
        and hasattr(_pdf.PdfFile, "writeImages")
        and hasattr(_pdf.PdfFile, "pathOperations")
        and hasattr(_pdf.PdfFile, "beginStream")
        and hasattr(_pdf.RendererPdf, "check_gc")
        and hasattr(_path, "convert_to_string")
    )
except ImportError:  # pragma: no cover - depends on the matplotlib build
    _REQUIRED = False

#: Whether pages are written through the fast path.
AVAILABLE = bool(_REQUIRED)
#: Decimals of path coordinates in points (matplotlib writes 6).
PATH_DECIMALS = 3
#: Text metrics kept across pages and files (strings, font, size).
_METRICS: dict[tuple, tuple[float, float, float]] = {}
_METRICS_MAX = 20_000


def _font_key(prop) -> tuple | None:
    """What decides how a string is laid out in ``prop``; None when the font
    is not given by file (matplotlib then may fall back between fonts)."""
    path = prop.get_file()
    if not path:
        return None
    return (str(path), float(prop.get_size_in_points()))


def pack_indices(index: np.ndarray, colours: int) -> tuple[bytes, int]:
    """Rows of palette indices packed to 1, 2, 4 or 8 bits per pixel."""
    bits = next(b for b in (1, 2, 4, 8) if colours <= 2**b)
    if bits == 8:
        return np.ascontiguousarray(index, dtype=np.uint8).tobytes(), 8
    per = 8 // bits
    h, w = index.shape
    pad = (-w) % per
    rows = np.pad(index, ((0, 0), (0, pad))) if pad else index
    groups = rows.reshape(h, -1, per).astype(np.uint8)
    packed = np.zeros(groups.shape[:2], dtype=np.uint8)
    for k in range(per):
        packed |= groups[:, :, k] << (bits * (per - 1 - k))
    return packed.tobytes(), bits


class MapImageArtist(AxesImage):
    """The map image in an Axes: an ordinary image on screen and in PNG and
    SVG output; in a :class:`PdfDocument` written as the palette image it
    is, at exactly its pixels."""

    def __init__(self, ax, index: np.ndarray, palette: np.ndarray, **kwargs) -> None:
        super().__init__(ax, **kwargs)
        self.index = index
        self.palette = np.asarray(palette, dtype=np.uint8)

    def get_array(self):
        if self._A is None:  # RGBA made when something other than a PDF asks
            table = np.full((len(self.palette), 4), 255, dtype=np.uint8)
            table[:, :3] = self.palette
            self.set_data(table[self.index])
        return super().get_array()

    def draw(self, renderer) -> None:
        write = getattr(renderer, "draw_palette_image", None)
        if write is None or not self.get_visible():
            self.get_array()
            super().draw(renderer)
            return
        x0, x1, y0, y1 = self.get_extent()
        (px0, py0), (px1, py1) = self.get_transform().transform([(x0, y0), (x1, y1)])
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        gc.set_alpha(1.0)
        write(gc, min(px0, px1), min(py0, py1), abs(px1 - px0), abs(py1 - py0),
              self.index, self.palette)  # fmt: skip
        gc.restore()
        self.stale = False


class HaloText(Text):
    """A label with a halo (a wide stroke of its outline under it).

    On screen and in PNG and SVG it is drawn with a path effect; in a
    :class:`PdfDocument` the halo is the outline path (kept per string and
    font across pages) and the label stays text a reader can search.
    """

    def __init__(self, *args, halo_width: float, halo_colour: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.halo = (float(halo_width), halo_colour)
        self.set_path_effects(
            [patheffects.withStroke(linewidth=halo_width, foreground=halo_colour)]
        )

    def draw(self, renderer) -> None:
        if getattr(renderer, "draw_text_halo", None) is None:
            super().draw(renderer)
            return
        effects = self.get_path_effects()
        self._path_effects = []  # the renderer draws the halo itself
        try:
            super().draw(renderer)
        finally:
            self._path_effects = effects


def _font_heights(prop) -> tuple[float, float, float] | tuple[None, None, None]:
    """(ascent, descent, line gap) in points from the font's tables, as
    matplotlib's text layout reads them."""
    from matplotlib.font_manager import fontManager, get_font

    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap, ascent, descent in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = prop.get_size_in_points() / font.get_sfnt_table("head")["unitsPerEm"]
        return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


_OUTLINES: dict[tuple, Path] = {}


def text_outline(s: str, prop) -> Path:
    """The outline of ``s`` in points, baseline at 0 (kept per string and font)."""
    key = (s, _font_key(prop))
    found = _OUTLINES.get(key)
    if found is None:
        if len(_OUTLINES) > 4_000:
            _OUTLINES.clear()
        found = _OUTLINES[key] = TextPath((0, 0), s, prop=prop)
    return found


if AVAILABLE:

    class _File(_pdf.PdfFile):
        """matplotlib's PDF file with shorter coordinates, palette images
        and what its pages' text and halos wrote, to write again."""

        def __init__(self, filename, metadata=None) -> None:
            self.recorded_texts: dict[tuple, bytes] = {}
            self.recorded_outlines: dict[tuple, bytes] = {}
            self.palette_images: list[tuple[Any, dict, bytes]] = []
            self.palette_xobjects: dict = {}
            super().__init__(filename, metadata=metadata)

        @staticmethod
        def pathOperations(path, transform, clip=None, simplify=None, sketch=None):
            Op = _pdf.Op
            return [
                _pdf.Verbatim(
                    _path.convert_to_string(
                        path, transform, clip, simplify, sketch, PATH_DECIMALS,
                        [Op.moveto.value, Op.lineto.value, b"", Op.curveto.value,
                         Op.closepath.value],
                        True,
                    )
                )
            ]  # fmt: skip

        def palette_image(self, index: np.ndarray, palette: np.ndarray):
            """Name of a new image object of ``index`` (rows top down)."""
            name = _pdf.Name(f"RMI{len(self.palette_images) + 1}")
            ob = self.reserveObject(f"map image {name}")
            n = max(1, len(palette))
            data, bits = pack_indices(index, n)
            level = int(mpl.rcParams["pdf.compression"]) or 6
            table = np.zeros((n, 3), dtype=np.uint8)
            table[: len(palette)] = palette[:, :3]
            obj = {
                "Type": _pdf.Name("XObject"),
                "Subtype": _pdf.Name("Image"),
                "Width": index.shape[1],
                "Height": index.shape[0],
                "ColorSpace": [
                    _pdf.Name("Indexed"),
                    _pdf.Name("DeviceRGB"),
                    n - 1,
                    table.tobytes(),
                ],
                "BitsPerComponent": bits,
            }
            self.palette_images.append((ob, obj, zlib.compress(data, level)))
            self.palette_xobjects[name] = ob
            return name

        def writeImages(self) -> None:
            super().writeImages()
            for ob, obj, data in self.palette_images:
                # Already deflated: "png" stops the stream from compressing
                # again; Predictor 1 means no prediction.
                self.beginStream(
                    ob.id, self.reserveObject("length of image stream"), obj,
                    png={"Predictor": 1},
                )  # fmt: skip
                self.currentstream.write(data)
                self.endStream()

        def writeObject(self, obj, contents):
            # The XObject dictionary is written once, at the end: add ours.
            if obj is getattr(self, "XObjectObject", None) and isinstance(
                contents, dict
            ):
                contents = {**contents, **self.palette_xobjects}
            super().writeObject(obj, contents)

    _HEIGHTS: dict[tuple, tuple[float, float, float]] = {}

    class _Renderer(_pdf.RendererPdf):
        """Caches text metrics, replays text, writes palette images."""

        def _get_font_height_metrics(self, prop):
            # Text layout asks for these once per text object and, when the
            # backend has none, reads them from the font's tables itself;
            # the same figures, read once per font and size (PDF: 72 dpi).
            base = getattr(super(), "_get_font_height_metrics", None)
            found = base(prop) if base is not None else (None, None, None)
            key = _font_key(prop)
            if found[0] is not None or key is None:
                return found
            cached = _HEIGHTS.get(key)
            if cached is None:
                cached = _HEIGHTS[key] = _font_heights(prop)
            return cached

        def get_text_width_height_descent(self, s, prop, ismath):
            key = _font_key(prop) if not ismath else None
            if key is None:
                return super().get_text_width_height_descent(s, prop, ismath)
            key = (s, *key)
            found = _METRICS.get(key)
            if found is None:
                if len(_METRICS) >= _METRICS_MAX:
                    _METRICS.clear()
                found = super().get_text_width_height_descent(s, prop, ismath)
                _METRICS[key] = found
            return found

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            font = _font_key(prop) if not ismath else None
            features = (
                getattr(mtext, "get_fontfeatures", lambda: None)(),
                getattr(mtext, "get_language", lambda: None)(),
            )
            if font is None or gc.get_url() is not None or any(features):
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            halo = getattr(mtext, "halo", None)
            if halo is not None:
                self.draw_text_halo(gc, x, y, s, prop, angle, *halo)
            file = self.file
            key = (s, *font, mpl.rcParams["pdf.fonttype"])
            self.check_gc(gc, gc._rgb)
            a = math.radians(angle)
            Op = _pdf.Op
            file.output(Op.gsave)
            file.output(math.cos(a), math.sin(a), -math.sin(a), math.cos(a), x, y,
                        Op.concat_matrix)  # fmt: skip
            body = file.recorded_texts.get(key)
            if body is None:
                parts: list[bytes] = []
                write = file.write

                def record(data: bytes) -> None:
                    parts.append(bytes(data))
                    write(data)

                file.write = record
                try:
                    super().draw_text(gc, 0.0, 0.0, s, prop, 0.0, ismath, mtext)
                finally:
                    del file.write
                file.recorded_texts[key] = b"".join(parts)
            else:
                file.write(body)
            file.output(Op.grestore)
            return None

        def draw_text_halo(self, gc, x, y, s, prop, angle, width, colour):
            """A stroke ``width`` points wide along the outline of the text."""
            halo = self.new_gc()
            halo.copy_properties(gc)
            halo.set_foreground(colour)
            halo.set_linewidth(width)
            halo.set_joinstyle("round")
            halo.set_capstyle("round")
            self.check_gc(halo, None)
            # The outline's operators at the origin, kept per file; placed
            # with a transformation like the text itself.
            key = (s, *_font_key(prop))
            ops = self.file.recorded_outlines.get(key)
            if ops is None:
                ops = self.file.pathOperations(text_outline(s, prop), Affine2D())
                ops = self.file.recorded_outlines[key] = _pdf.pdfRepr(ops[0])
            a = math.radians(angle)
            Op = _pdf.Op
            self.file.output(Op.gsave, math.cos(a), math.sin(a), -math.sin(a),
                             math.cos(a), x, y, Op.concat_matrix)  # fmt: skip
            self.file.write(ops)
            self.file.output(Op.stroke, Op.grestore)
            halo.restore()

        def draw_palette_image(self, gc, x, y, w, h, index, palette):
            self.check_gc(gc)
            name = self.file.palette_image(index, palette)
            Op = _pdf.Op
            self.file.output(Op.gsave, w, 0, 0, h, x, y, Op.concat_matrix,
                             name, Op.use_xobject, Op.grestore)  # fmt: skip


class PdfDocument:
    """One PDF file that figures are added to as pages.

    Parameters
    ----------
    path
        Where to write (the caller handles temporary names).
    metadata
        Document information (title, subject, producer ...).
    """

    def __init__(self, path: str | pathlib.Path, metadata: Mapping[str, Any]) -> None:
        self.path = path
        self.metadata = dict(metadata)
        self._file = None
        self._pages = None

    def _open(self):
        if AVAILABLE:
            if self._file is None:
                self._file = _File(self.path, metadata=self.metadata)
            return self._file
        if self._pages is None:
            self._pages = PdfPages(self.path, metadata=self.metadata)
        return self._pages

    @property
    def pages(self) -> int:
        target = self._open()
        return len(target.pageList) if AVAILABLE else target.get_pagecount()

    def add(self, fig: Figure, dpi: float) -> None:
        """Draw ``fig`` as the next page; images and rasterized parts at ``dpi``.

        When drawing fails half-way the page is taken out again and the
        exception raised; the pages before it are kept.
        """
        target = self._open()
        before = self.pages
        try:
            if AVAILABLE:
                self._draw(target, fig, dpi)
            else:
                target.savefig(fig, dpi=dpi)
        except BaseException:
            file = target if AVAILABLE else getattr(target, "_file", None)
            pages = getattr(file, "pageList", None)
            if isinstance(pages, list) and len(pages) > before:
                # The page's objects stay in the file unreferenced, which
                # PDF readers ignore; only the page tree entry goes.
                del pages[before:]
            raise

    @staticmethod
    def _draw(file, fig: Figure, dpi: float) -> None:
        # What FigureCanvasPdf.print_pdf does, with the renderer above.
        saved = fig.dpi
        fig.dpi = 72  # PDF points
        try:
            width, height = fig.get_size_inches()
            file.newPage(width, height)
            try:
                renderer = MixedModeRenderer(
                    fig, width, height, dpi, _Renderer(file, dpi, height, width)
                )
                fig.draw(renderer)
                renderer.finalize()
            finally:
                file.endStream()
        finally:
            fig.dpi = saved

    def close(self) -> None:
        """Finish the file (fonts, images, page tree, metadata)."""
        if AVAILABLE:
            if self._file is not None:
                self._file.finalize()
                self._file.close()
                self._file = None
        elif self._pages is not None:
            self._pages.close()
            self._pages = None

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
