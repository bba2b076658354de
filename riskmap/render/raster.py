"""The page's map image: risk classes at output pixels, heavy layers burnt in.

A layer with more vertices in view than a PDF path should carry is drawn
into this image instead of being written as vectors. Solid lines and square
or round dots are burnt in with numpy, setting the pixels the stroke or the
dot touches, as Agg draws without antialiasing (a line is traced pixel by
pixel and widened by a disk). Anything else (dashes,
hatches, polygons, other markers) is drawn with Agg on a transparent figure
and painted over the image, keeping the drawing order.

The image is kept as palette indices while it has at most 256 colours (the
risk classes, the layer colours and their blends): painting a mask is then
one byte per pixel, and a colour blended at some opacity over the image is
a lookup from each palette entry to its blend. Burning 20,000 routes into
an A4 map at 150 dpi takes tens of milliseconds; Agg needs about 150 ms for
each of the two strokes (casing and line), most of it sorting the cells of
one huge path.
"""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

View = tuple[float, float, float, float]
MAX_COLOURS = 256


def pixels(points: float, dpi: float) -> float:
    return points * dpi / 72.0


def disk_offsets(radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Pixel offsets (dy, dx) whose centres lie within ``radius`` pixels."""
    span = np.arange(-int(np.ceil(radius)) - 1, int(np.ceil(radius)) + 2)
    dy, dx = np.meshgrid(span, span, indexing="ij")
    inside = dx**2 + dy**2 <= radius * radius + 1e-9
    return dy[inside], dx[inside]


def stroke_radius(width_px: float) -> float:
    """How far from a traced pixel a stroke ``width_px`` wide reaches.

    Agg without antialiasing sets every pixel the stroke touches, so a line
    covers about one pixel more than its width; half a pixel on each side
    matches it best (and a traced pixel is within half a pixel of the line).
    """
    return width_px / 2.0 + 0.5


def clip_segments(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, box: View
) -> tuple[np.ndarray, ...]:
    """Segments clipped to ``box`` (Liang-Barsky); those outside are dropped."""
    xmin, ymin, xmax, ymax = box
    inside = (
        (x0 >= xmin) & (x0 <= xmax) & (x1 >= xmin) & (x1 <= xmax)
        & (y0 >= ymin) & (y0 <= ymax) & (y1 >= ymin) & (y1 <= ymax)
    )  # fmt: skip
    if inside.all():
        return x0, y0, x1, y1
    cut = ~inside
    parts = _liang_barsky(x0[cut], y0[cut], x1[cut], y1[cut], box)
    return tuple(
        np.concatenate([a[inside], b])
        for a, b in zip((x0, y0, x1, y1), parts, strict=True)
    )


def _liang_barsky(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, box: View
) -> tuple[np.ndarray, ...]:
    dx, dy = x1 - x0, y1 - y0
    t0 = np.zeros_like(x0)
    t1 = np.ones_like(x0)
    keep = np.ones(len(x0), dtype=bool)
    xmin, ymin, xmax, ymax = box
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in (
            (-dx, x0 - xmin),
            (dx, xmax - x0),
            (-dy, y0 - ymin),
            (dy, ymax - y0),
        ):
            keep &= ~((p == 0) & (q < 0))
            r = q / p
            np.maximum(t0, r, out=t0, where=p < 0)
            np.minimum(t1, r, out=t1, where=p > 0)
    keep &= t0 <= t1
    t0, t1 = t0[keep], t1[keep]
    x0, y0, dx, dy = x0[keep], y0[keep], dx[keep], dy[keep]
    return x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy


#: Fixed-point fraction bits of traced coordinates (1/65536 pixel).
_FIXED = 16


def trace(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of pixels along segments given in pixel coordinates.

    One sample per pixel step along each segment's longer axis, so the
    pixels of a segment form an 8-connected line from end to end. Samples
    are running sums of fixed-point steps, restarted exactly at each
    segment's start (a step is off by at most 2^-17 pixel, so a segment of
    20,000 steps drifts by less than a sixth of a pixel); coordinates must
    lie within +-30,000 pixels.
    """
    dx, dy = x1 - x0, y1 - y0
    steps = np.ceil(np.maximum(np.abs(dx), np.abs(dy)))
    counts = steps.astype(np.int64) + 1
    per = np.maximum(steps, 1.0)
    starts = np.cumsum(counts) - counts
    scale = float(1 << _FIXED)
    out = []
    for origin, delta in ((y0, dy), (x0, dx)):
        first = np.rint(origin * scale).astype(np.int64)
        step = np.rint(delta / per * scale).astype(np.int64)
        last = first + step * (counts - 1)  # the value the running sum reaches
        inc = np.repeat(step.astype(np.int32), counts)
        inc[starts] = first - np.r_[0, last[:-1]]
        out.append(np.cumsum(inc, dtype=np.int32) >> _FIXED)
    return out[0], out[1]


class MapImage:
    """An image of ``view`` that layers are burnt into, in drawing order.

    Parameters
    ----------
    index
        Palette indices (height x width, uint8).
    palette
        RGB colours (n x 3, uint8) the indices refer to.
    """

    def __init__(
        self, index: np.ndarray, palette: np.ndarray, view: View, dpi: float
    ) -> None:
        self.height, self.width = index.shape
        self.view = view
        self.dpi = dpi
        self._index: np.ndarray | None = index
        self._palette = [tuple(int(v) for v in c) for c in palette]
        self._lookup = {c: i for i, c in enumerate(self._palette)}
        self._rgba: np.ndarray | None = None  # once there are too many colours
        self._agg: Figure | None = None
        self._traces: dict[tuple[int, int], tuple[Path, np.ndarray]] = {}
        self._sx = self.width / (view[2] - view[0])
        self._sy = self.height / (view[3] - view[1])

    # ------------------------------------------------------------- the image

    @property
    def rgba(self) -> np.ndarray:
        """The image as opaque RGBA (height x width x 4, uint8)."""
        self.flush()
        if self._rgba is not None:
            return self._rgba
        assert self._index is not None
        table = np.full((len(self._palette), 4), 255, dtype=np.uint8)
        table[:, :3] = self._palette
        packed = table.view(np.uint32)[:, 0]
        flat = packed[self._index.ravel()]
        return flat.view(np.uint8).reshape(self.height, self.width, 4)

    def indexed(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(indices, RGB palette) of the image; None once it is plain RGBA."""
        self.flush()
        if self._index is None:
            return None
        return self._index, np.array(self._palette, dtype=np.uint8).reshape(-1, 3)

    @property
    def colours(self) -> int:
        """Colours in the palette (0 once the image is plain RGBA)."""
        return 0 if self._index is None else len(self._palette)

    def _to_rgba(self) -> np.ndarray:
        if self._rgba is None:
            self._rgba = self.rgba.copy()
            self._index = None
        return self._rgba

    def _colour(self, rgb: tuple[int, int, int]) -> int | None:
        found = self._lookup.get(rgb)
        if found is None and len(self._palette) < MAX_COLOURS:
            found = self._lookup[rgb] = len(self._palette)
            self._palette.append(rgb)
        return found

    def _blends(self, rgb: np.ndarray, alpha: float) -> np.ndarray | None:
        """Palette index of each palette colour with ``rgb`` over it at
        ``alpha``; None when the palette is full."""
        under = np.array(self._palette, dtype=np.float64)
        mixed = np.rint(under * (1.0 - alpha) + rgb * alpha).astype(np.uint8)
        table = np.empty(len(mixed), dtype=np.uint8)
        for i, colour in enumerate(map(tuple, mixed.tolist())):
            found = self._colour(colour)
            if found is None:
                return None
            table[i] = found
        return table

    def paint(self, mask: np.ndarray, colour: str, alpha: float = 1.0) -> None:
        """Paint ``colour`` at ``alpha`` over the pixels where ``mask`` is set."""
        r, g, b, a = to_rgba(colour, alpha)
        rgb = np.array([r, g, b]) * 255.0
        if a <= 0.0:
            return
        if self._index is not None:
            if a >= 1.0:
                found = self._colour(tuple(int(v) for v in np.rint(rgb)))
                if found is not None:
                    np.putmask(self._index, mask, found)
                    return
            else:
                table = self._blends(rgb, a)
                if table is not None:
                    # Whole-image lookup and select: cheaper than gathering
                    # and scattering through a mask of half the image.
                    np.copyto(self._index, table[self._index], where=mask)
                    return
        image = self._to_rgba()
        under = image[mask][:, :3].astype(np.float32)
        image[mask, :3] = np.rint(under * (1.0 - a) + rgb * a).astype(np.uint8)

    # ------------------------------------------------------------------ Agg

    def to_pixels(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates to pixel coordinates (x right, y down, pixel i
        covering [i, i + 1))."""
        return (
            (xy[:, 0] - self.view[0]) * self._sx,
            (self.view[3] - xy[:, 1]) * self._sy,
        )

    def add_artist(self, artist) -> None:
        """Draw ``artist`` (in map coordinates) with Agg at the next
        :meth:`flush`, or before the next burn."""
        if self._agg is None:
            w, h = self.width, self.height
            # Half a pixel more so that the canvas rounds to exactly w x h.
            self._agg = Figure(
                figsize=((w + 0.5) / self.dpi, (h + 0.5) / self.dpi),
                dpi=self.dpi,
                facecolor="none",
            )
        # Map coordinates straight to the figure's pixels: no Axes needed.
        x0, y0 = self.view[0], self.view[1]
        artist.set_transform(Affine2D().translate(-x0, -y0).scale(self._sx, self._sy))
        self._agg.add_artist(artist)

    def flush(self) -> None:
        """Paint what was handed to :meth:`add_artist` into the image."""
        fig, self._agg = self._agg, None
        if fig is None:
            return
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        drawn = np.asarray(canvas.buffer_rgba())[: self.height, : self.width]
        alpha = drawn[..., 3]
        touched = alpha > 0
        if not touched.any():
            return
        if self._index is not None and self._paint_indexed(drawn, touched):
            return
        image = self._to_rgba()
        a = alpha[touched][:, None].astype(np.float32) / 255.0
        under = image[touched][:, :3]
        mixed = under * (1.0 - a) + drawn[touched][:, :3] * a
        image[touched, :3] = np.rint(mixed).astype(np.uint8)

    def _paint_indexed(self, drawn: np.ndarray, touched: np.ndarray) -> bool:
        """Paint an aliased Agg drawing (a few colours) through the palette;
        False when it has too many colours for that."""
        packed = drawn.view(np.uint32)[..., 0][touched]
        colours, which = np.unique(packed, return_inverse=True)
        if len(colours) > 16:
            return False
        assert self._index is not None
        under = self._index[touched]
        result = under.copy()
        for k, value in enumerate(colours.tolist()):
            r, g, b, a = np.array([value], dtype=np.uint32).view(np.uint8)
            table = self._blends(np.array([r, g, b], dtype=np.float64), a / 255.0)
            if table is None:
                return False
            pick = which == k
            result[pick] = table[under[pick]]
        self._index[touched] = result
        return True

    # ---------------------------------------------------------------- burning

    def line_pixels(self, path: Path, margin: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, cols) along ``path`` (MOVETO/LINETO parts), within ``margin``
        pixels around the image."""
        verts, codes = path.vertices, path.codes
        if len(verts) < 2:
            empty = np.empty(0, dtype=np.int32)
            return empty, empty
        px, py = self.to_pixels(verts)
        joined = (
            np.ones(len(verts) - 1, dtype=bool)
            if codes is None
            else codes[1:] == Path.LINETO
        )
        m = float(margin)
        # Within the padding even with fixed-point drift (see trace).
        e = 0.25
        box = (-m + e, -m + e, self.width + m - e, self.height + m - e)
        x0, y0, x1, y1 = clip_segments(
            px[:-1][joined], py[:-1][joined], px[1:][joined], py[1:][joined], box
        )
        return trace(x0, y0, x1, y1)

    def seeds(
        self, rows: np.ndarray, cols: np.ndarray, pad: int, *, inside: bool = False
    ) -> np.ndarray:
        """(rows, cols) set in a mask ``pad`` pixels wider than the image on
        every side; those further out are dropped unless the caller knows
        there are none (``inside``)."""
        h, w = self.height, self.width
        if not inside:
            ok = (rows >= -pad) & (rows < h + pad) & (cols >= -pad) & (cols < w + pad)
            rows, cols = rows[ok], cols[ok]
        width = w + 2 * pad
        flat = np.zeros((h + 2 * pad) * width, dtype=bool)
        flat[(rows.astype(np.int64) + pad) * width + (cols + pad)] = True
        return flat.reshape(h + 2 * pad, width)

    def widen(self, seeds: np.ndarray, pad: int, radius: float) -> np.ndarray:
        """Pixels whose centres are within ``radius`` pixels of the centre of
        a seed (``seeds`` from :meth:`seeds` with ``pad`` > ``radius``).

        The disk is a stack of horizontal runs, so the seeds are widened
        along rows once per run length and each row of the disk is one
        shifted copy: about 4 r operations on the image instead of 3 r².
        """
        r = int(np.floor(radius + 1e-9))
        if pad < r + 1:
            raise ValueError(f"seeds padded by {pad} pixels, radius {radius}")
        h, w = self.height, self.width
        half = [
            int(np.floor(np.sqrt(radius * radius - dy * dy + 1e-9)))
            for dy in range(r + 1)
        ]
        runs = {0: seeds}
        wide = seeds
        for k in range(1, max(half) + 1):
            wide = wide.copy()
            wide[:, k:] |= seeds[:, :-k]
            wide[:, :-k] |= seeds[:, k:]
            runs[k] = wide
        out = np.zeros((h, w), dtype=bool)
        for dy in range(-r, r + 1):
            # A pixel is set when a seed ``dy`` rows away is within the run.
            out |= runs[half[abs(dy)]][pad - dy : pad - dy + h, pad : pad + w]
        return out

    def mask(self, rows: np.ndarray, cols: np.ndarray, radius: float) -> np.ndarray:
        """Pixels whose centres are within ``radius`` pixels of the centre of
        any of (rows, cols): the pixels of :func:`disk_offsets` around each."""
        pad = int(np.floor(radius + 1e-9)) + 1
        return self.widen(self.seeds(rows, cols, pad), pad, radius)

    def burn_lines(
        self, path: Path, width_pt: float, colour: str, alpha: float = 1.0
    ) -> None:
        """Stroke ``path`` (solid, round caps and joins) into the image."""
        self.flush()
        radius = stroke_radius(pixels(width_pt, self.dpi))
        pad = 32 * (1 + int(radius + 2) // 32)
        key = (id(path), pad)
        found = self._traces.get(key)
        if found is None or found[0] is not path:
            # A casing and its line share the path: trace it once. Traced
            # pixels lie within the padding (segments are clipped to it).
            rows, cols = self.line_pixels(path, pad)
            found = self._traces[key] = (path, self.seeds(rows, cols, pad, inside=True))
        self.paint(self.widen(found[1], pad, radius), colour, alpha)

    def dot_masks(
        self, xy: np.ndarray, size_pt: float, shape: str, edge_pt: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """(fill, edge) pixels of squares or disks ``size_pt`` across at
        ``xy`` with an edge ``edge_pt`` wide on their outline.

        A pixel belongs to a shape when the shape touches it, as Agg draws
        without antialiasing: its centre is within half a pixel more than
        the shape's half size (Chebyshev distance for squares, Euclidean for
        disks).
        """
        px, py = self.to_pixels(xy)
        half = pixels(size_pt, self.dpi) / 2.0
        band = pixels(edge_pt, self.dpi) / 2.0
        if shape == "square" and band <= 0:
            none = np.zeros((self.height, self.width), dtype=bool)
            return self._squares(px, py, half), none
        reach = half + band + 0.5
        r = int(np.ceil(reach))
        cols0 = np.floor(px).astype(np.int64)
        rows0 = np.floor(py).astype(np.int64)
        h, w = self.height, self.width
        fill = np.zeros((h, w), dtype=bool)
        edge = np.zeros((h, w), dtype=bool)
        for oy in range(-r, r + 1):
            rows = rows0 + oy
            ddy = np.abs(rows + 0.5 - py)
            for ox in range(-r, r + 1):
                cols = cols0 + ox
                ddx = np.abs(cols + 0.5 - px)
                d = np.maximum(ddx, ddy) if shape == "square" else np.hypot(ddx, ddy)
                ok = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
                inner = ok & (d <= half + 0.5)
                fill[rows[inner], cols[inner]] = True
                if band > 0:
                    ring = ok & (d <= reach) & (d >= half - band - 0.5)
                    edge[rows[ring], cols[ring]] = True
        return fill, edge

    def _squares(self, px: np.ndarray, py: np.ndarray, half: float) -> np.ndarray:
        """Pixels whose centres are within ``half + 0.5`` (Chebyshev) of any
        (px, py): each square covers a block of whole rows and columns, so
        the squares are grouped by block size and each group is a seed mask
        widened along rows, then along columns."""
        c0 = np.ceil(px - half - 1.0).astype(np.int64)
        c1 = np.floor(px + half).astype(np.int64)
        r0 = np.ceil(py - half - 1.0).astype(np.int64)
        r1 = np.floor(py + half).astype(np.int64)
        kc, kr = c1 - c0 + 1, r1 - r0 + 1
        h, w = self.height, self.width
        out = np.zeros((h, w), dtype=bool)
        if not len(kc):
            return out
        m = int(max(kc.max(), kr.max())) + 1
        for nr, nc in itertools.product(
            range(max(1, int(kr.min())), int(kr.max()) + 1),
            range(max(1, int(kc.min())), int(kc.max()) + 1),
        ):
            pick = (kr == nr) & (kc == nc)
            if not pick.any():
                continue
            block = self.seeds(r0[pick], c0[pick], m)
            wide = block.copy()
            for k in range(1, nc):
                wide[:, k:] |= block[:, :-k]
            tall = wide.copy()
            for k in range(1, nr):
                tall[k:] |= wide[:-k]
            out |= tall[m : m + h, m : m + w]
        return out

    def burn_dots(
        self,
        xy: np.ndarray,
        size_pt: float,
        colour: str,
        alpha: float = 1.0,
        *,
        shape: str = "square",
        edge: str = "none",
        edge_pt: float = 0.0,
    ) -> None:
        """Dots ``size_pt`` across at ``xy``: squares or disks, with an
        optional edge ``edge_pt`` wide centred on their outline."""
        self.flush()
        if not len(xy):
            return
        edge_pt = edge_pt if edge != "none" else 0.0
        fill, ring = self.dot_masks(xy, size_pt, shape, edge_pt)
        self.paint(fill, colour, alpha)
        if edge_pt > 0:
            self.paint(ring, edge, alpha)
