"""Drawing the map itself, shared by the paper page and the GUI canvas.

``draw_map(ax, doc, view, ...)`` draws the classified risk surface, the
hazard layers, the districts (neighbours of a focus district washed out) and
their names into an Axes whose limits are ``view``. Heavy preparation is kept
in a :class:`LayerArtistCache` that lives as long as the document, so that
every page of an atlas, and every redraw of the screen, reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch

import shapely

from riskmap.render import geometry as geo
from riskmap.render.cells import (
    class_area_path,
    class_boundary_path,
    coarsen,
    window,
)
from riskmap.render.fonts import font
from riskmap.render.layer_artists import DrawnLayer, LayerArtistCache
from riskmap.render.model import District, MapDocument
from riskmap.render.pdf import HaloText, MapImageArtist
from riskmap.render.raster import MapImage
from riskmap.render.styles import (
    CLASS_OUTLINE,
    FOCUS_EDGE,
    GREY_OUT,
    NEIGHBOUR_EDGE,
    class_lut,
    level_symbols,
)

# Class boundaries are outlined only where a cell is at least this big (pt).
MIN_OUTLINE_CELL_PT = 2.5
# Hatch patterns need areas at least this big (pt) to be readable.
MIN_HATCH_CELL_PT = 3.0

Z_IMAGE, Z_HATCH, Z_CLASS_EDGE = 1.0, 1.2, 1.4
Z_MASK, Z_DISTRICTS, Z_FOCUS, Z_LABELS = 6.0, 6.5, 7.0, 8.0


# ------------------------------------------------------------ the risk surface


def class_codes(
    doc: MapDocument, view: geo.View, pixels: tuple[int, int]
) -> np.ndarray:
    """Class codes (uint8, 0 = none) of ``view`` at ``pixels``, nearest cell
    per pixel; 0 beyond the grid too."""
    width, height = max(1, pixels[0]), max(1, pixels[1])
    grid = doc.grid
    xs = view[0] + (np.arange(width) + 0.5) * ((view[2] - view[0]) / width)
    ys = view[3] - (np.arange(height) + 0.5) * ((view[3] - view[1]) / height)
    cols = np.floor((xs - grid.x0) / grid.cell).astype(np.int64)
    rows = np.floor((grid.y0 - ys) / grid.cell).astype(np.int64)
    col_ok = (cols >= 0) & (cols < grid.ncols)
    row_ok = (rows >= 0) & (rows < grid.nrows)
    codes = doc.classes[np.clip(rows, 0, grid.nrows - 1)][
        :, np.clip(cols, 0, grid.ncols - 1)
    ]
    codes[~row_ok, :] = 0
    codes[:, ~col_ok] = 0
    return codes


def class_palette() -> np.ndarray:
    """RGB (uint8) of each class code; code 0 is paper white."""
    lut = class_lut()[:, :3].copy()
    lut[0] = 255
    return lut


def class_image(
    doc: MapDocument, view: geo.View, pixels: tuple[int, int], dpi: float
) -> MapImage:
    """The map image of ``view``: the classes, heavy layers to be burnt in."""
    return MapImage(class_codes(doc, view, pixels), class_palette(), view, dpi)


def class_pixels(
    doc: MapDocument, view: geo.View, pixels: tuple[int, int]
) -> np.ndarray:
    """RGBA (uint8, opaque) of ``view`` at ``pixels``, nearest cell per pixel.

    Outside the districts and beyond the grid is paper white.
    """
    return class_image(doc, view, pixels, 72.0).rgba


def draw_class_surface(
    ax: Axes,
    doc: MapDocument,
    view: geo.View,
    metres_per_point: float,
    *,
    hatch: bool = False,
    image: MapImage | np.ndarray | None = None,
) -> list:
    """The classified cells of ``view``: image, class outlines, hatches.

    ``image`` is the view already at output pixels (:func:`class_image`,
    :func:`class_pixels`): it is handed over as is, so a PDF embeds exactly
    these pixels with no resampling by matplotlib and no alpha channel
    (outside the districts is paper white); a :class:`MapImage` goes into a
    PDF as the palette image it is. Without it the grid cells are drawn and
    matplotlib resamples them.
    """
    win = window(doc.grid, view)
    if win.empty:
        return []
    crop = doc.classes[win.r0 : win.r1, win.c0 : win.c1]
    indexed = image.indexed() if isinstance(image, MapImage) else None
    if indexed is not None:
        artist = MapImageArtist(
            ax,
            *indexed,
            extent=(view[0], view[2], view[1], view[3]),
            origin="upper",
            interpolation="none",
            zorder=Z_IMAGE,
        )
        artist.set_clip_path(ax.patch)
        ax.add_image(artist)
        ax.set_aspect("auto")  # as imshow(aspect="auto") does
        artists = [artist]
    else:
        if isinstance(image, MapImage):
            image = image.rgba
        if image is not None:
            extent = (view[0], view[2], view[1], view[3])
            interpolation = "none"
        else:
            image, extent, interpolation = class_lut()[crop], win.extent, "nearest"
        artists = [
            ax.imshow(
                image,
                extent=extent,
                origin="upper",
                interpolation=interpolation,
                zorder=Z_IMAGE,
                aspect="auto",
            )
        ]
    cell_pt = doc.grid.cell / metres_per_point
    if cell_pt >= MIN_OUTLINE_CELL_PT:
        edges = class_boundary_path(crop, win)
        if edges is not None:
            artists.append(
                ax.add_artist(
                    PathPatch(
                        edges,
                        facecolor="none",
                        edgecolor=CLASS_OUTLINE,
                        linewidth=0.25,
                        alpha=0.7,
                        zorder=Z_CLASS_EDGE,
                    )
                )
            )
    if hatch:
        factor = max(1, int(np.ceil(MIN_HATCH_CELL_PT / cell_pt)))
        blocks, bwin = coarsen(crop, win, factor)
        for sym in level_symbols(hatch=True):
            if not sym.hatch:
                continue
            path = class_area_path(blocks, bwin, sym.level.code)
            if path is None:
                continue
            artists.append(
                ax.add_artist(
                    PathPatch(
                        path,
                        facecolor="none",
                        edgecolor="#202020",
                        linewidth=0,
                        hatch=sym.hatch,
                        zorder=Z_HATCH,
                    )
                )
            )
    return artists


# ------------------------------------------------------------------ districts


def _district_label_points(
    districts: list[District], view: geo.View
) -> list[tuple[str, float, float]]:
    frame = shapely.box(*view)
    geoms = np.array([d.geometry for d in districts], dtype=object)
    clipped = shapely.intersection(geoms, frame)
    # Labels on the part that is in view, at a point surely inside it.
    points = shapely.point_on_surface(clipped)
    out = []
    for district, point, part in zip(districts, points, clipped, strict=True):
        if shapely.is_empty(part) or shapely.area(part) <= 0:
            continue
        out.append((district.name, shapely.get_x(point), shapely.get_y(point)))
    return out


def draw_districts(
    ax: Axes,
    doc: MapDocument,
    view: geo.View,
    metres_per_point: float,
    *,
    cache: LayerArtistCache,
    focus: District | None = None,
    labels: bool = True,
    label_size: float = 7.0,
) -> list:
    """District outlines; with ``focus``, everything else washed out."""
    artists = []
    shapes = cache.shapes(
        ("districts", id(doc.districts)),
        [d.geometry for d in doc.districts],
        metres_per_point,
    )
    is_focus = np.array([d is focus for d in doc.districts], dtype=bool)
    in_view = geo.in_view(shapely.bounds(shapes), view)
    if focus is not None:
        mask = geo.mask_outside(shapes[is_focus][0], view)
        artists.append(
            ax.add_artist(
                PathPatch(
                    mask,
                    facecolor=GREY_OUT,
                    edgecolor="none",
                    alpha=0.62,
                    zorder=Z_MASK,
                )
            )
        )
    others = shapes[~is_focus & in_view]
    if len(others):
        artists.append(
            ax.add_artist(
                PathPatch(
                    geo.outline_path(others),
                    facecolor="none",
                    edgecolor=NEIGHBOUR_EDGE if focus is not None else FOCUS_EDGE,
                    linewidth=0.6 if focus is not None else 0.8,
                    zorder=Z_DISTRICTS,
                )
            )
        )
    if focus is not None:
        outline = geo.outline_path(shapes[is_focus])
        for width, colour in ((3.2, "white"), (1.6, FOCUS_EDGE)):
            artists.append(
                ax.add_artist(
                    PathPatch(
                        outline,
                        facecolor="none",
                        edgecolor=colour,
                        linewidth=width,
                        joinstyle="round",
                        zorder=Z_FOCUS,
                    )
                )
            )
    if labels:
        labelled = [d for d in doc.districts if d is not focus]
        prop = font(label_size, bold=focus is None)
        colour = "#595959" if focus is not None else "#111111"
        for name, x, y in _district_label_points(labelled, view):
            text = HaloText(
                x,
                y,
                name,
                fontproperties=prop,
                color=colour,
                ha="center",
                va="center",
                zorder=Z_LABELS,
                clip_on=True,
                halo_width=2.2,
                halo_colour="white",
            )
            ax.add_artist(text)
            artists.append(text)
    return artists


# ----------------------------------------------------------------- the whole map


@dataclass
class MapDrawing:
    """Artists drawn into a map Axes and what the legend must show."""

    layers: list[DrawnLayer]
    artists: list


def draw_map(
    ax: Axes,
    doc: MapDocument,
    view: geo.View,
    metres_per_point: float,
    *,
    cache: LayerArtistCache,
    focus: District | None = None,
    hatch: bool | None = None,
    labels: bool = True,
    label_size: float = 7.0,
    adjustable: str = "box",
    pixels: tuple[int, int] | None = None,
    dpi: float | None = None,
) -> MapDrawing:
    """Draw the risk surface, layers and districts of ``doc`` for ``view``.

    Parameters
    ----------
    ax
        The map Axes; its limits are set to ``view`` and its aspect to equal.
    view
        (xmin, ymin, xmax, ymax) in the working CRS.
    metres_per_point
        Ground size of one typographic point: sets the level of detail.
    cache
        Drawing data that outlives one call (keep one per document).
    focus
        A district to stand out; the rest of the map is washed out.
    adjustable
        "box" when ``view`` already has the Axes' aspect (pages); "datalim"
        lets a screen canvas widen the view to its window instead.
    pixels, dpi
        The map's size in output pixels and the output resolution, when
        known (pages): the risk surface and the heaviest layers then become
        one image of exactly those pixels (:func:`draw_class_surface`).
    """
    hatch = doc.hatch if hatch is None else hatch
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal", adjustable=adjustable, anchor="C")
    raster = None
    if pixels is not None:
        raster = class_image(doc, view, pixels, dpi or 72.0)
    drawn = []
    artists = []
    for layer in doc.layers:
        drawn.append(cache.draw(ax, layer, view, metres_per_point, raster))
        artists.extend(drawn[-1].artists)
    if raster is not None:
        raster.flush()
    # The image goes in last: heavy layers were painted into it above.
    artists += draw_class_surface(
        ax,
        doc,
        view,
        metres_per_point,
        hatch=hatch,
        image=raster,
    )
    artists.extend(
        draw_districts(
            ax,
            doc,
            view,
            metres_per_point,
            cache=cache,
            focus=focus,
            labels=labels,
            label_size=label_size,
        )
    )
    return MapDrawing(drawn, artists)
