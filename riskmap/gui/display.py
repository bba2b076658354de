"""What the canvas draws: the print document, as the project now looks.

The map document (:class:`riskmap.render.model.MapDocument`) comes from the
last scoring run; visibility, order, opacity and style of layers change far
more often than scores, so the canvas derives a display copy from it on the
GUI thread (cheap: the geometry arrays are shared, never copied) instead of
rebuilding it. Before the first result the districts and layers are shown
without the risk surface. Selection and the identified feature are drawn as
overlay layers on top.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

import shapely

from riskmap.core.grid import Grid
from riskmap.core.layers import LoadedLayer, ProjectData
from riskmap.core.project import Project

SELECTION_COLOUR = "#00A5E0"
HIGHLIGHT_COLOUR = "#E0007A"


@dataclass
class DisplayOptions:
    """View choices that are not part of the project (View menu)."""

    risk_surface: bool = True
    districts: bool = True
    labels: bool = True


class GeometryArrays:
    """One object array of shapely geometries per loaded frame, kept stable.

    The drawing cache keys prepared layers by the identity of this array, so
    handing out the same array for the same frame is what lets a redraw skip
    the costly preparation.
    """

    def __init__(self) -> None:
        self._arrays: dict[int, tuple[Any, np.ndarray, str | None]] = {}

    def get(self, layer: LoadedLayer) -> tuple[np.ndarray, str | None]:
        found = self._arrays.get(id(layer.frame))
        if found is None or found[0] is not layer.frame:
            geoms = np.asarray(layer.frame.geometry.values, dtype=object)
            found = (layer.frame, geoms, geometry_kind(geoms))
            self._arrays[id(layer.frame)] = found
        return found[1], found[2]

    def forget_except(self, data: ProjectData | None) -> bool:
        """Drop the arrays of frames no longer loaded; True if any went.

        A drawing cache keyed by array identity must then be emptied too: a
        new array could be given a freed one's id.
        """
        keep = {id(v.frame) for v in data.vectors.values()} if data else set()
        gone = [key for key in self._arrays if key not in keep]
        for key in gone:
            del self._arrays[key]
        return bool(gone)


def geometry_kind(geoms: np.ndarray) -> str | None:
    """ "polygon", "line" or "point": what a layer is drawn as."""
    types = shapely.get_type_id(geoms)
    types = types[types >= 0]
    if not len(types):
        return None
    found = set(np.unique(types).tolist())
    if found & {3, 6}:
        return "polygon"
    if found & {1, 2, 5}:
        return "line"
    return "point"


def _style(spec: Any, loaded: LoadedLayer, kind: str) -> tuple[Any, Any]:
    """Symbols and per-feature categories as the printed page has them."""
    from riskmap.errors import SettingsError
    from riskmap.pipeline.print_document import layer_style

    try:
        return layer_style(spec, loaded, kind)
    except SettingsError:  # a bad colour typed by hand: draw with the defaults
        return layer_style(dataclasses.replace(spec, style={}), loaded, kind)


def screen_layers(
    project: Project, data: ProjectData, arrays: GeometryArrays
) -> list[Any]:
    """The visible vector layers in drawing order, styled as on paper."""
    from riskmap.render.model import VectorLayer

    out = []
    for spec in project.layers:
        loaded = data.vectors.get(spec.id)
        if loaded is None or not spec.visible or len(loaded.frame) == 0:
            continue
        geoms, kind = arrays.get(loaded)
        if kind is None:
            continue
        style, categories = _style(spec, loaded, kind)
        out.append(VectorLayer(spec.id, spec.title, kind, geoms, style, categories))
    order = {"polygon": 0, "line": 1, "point": 2}
    return sorted(out, key=lambda layer: order[layer.geometry_kind])


def _preview_document(project: Project, data: ProjectData) -> Any:
    """A document without a risk surface (before the first result)."""
    from riskmap.render.model import AreaStats, District, Footer, MapDocument

    frame = data.districts.frame
    empty = AreaStats("", 0, 0.0, 0.0, {}, 0)
    districts = [
        District(str(name), geom, empty)
        for name, geom in zip(frame["name"], frame.geometry.values, strict=True)
    ]
    footer = Footer([], data.crs, project.cell_size, "", "", "", "", "", "")
    return MapDocument(
        title=project.display_title(),
        date=project.date,
        grid=_empty_grid(data.crs),
        classes=np.zeros((1, 1), dtype=np.uint8),
        districts=districts,
        layers=[],
        thresholds=project.classification.thresholds,
        city=empty,
        footer=footer,
        sample=project.sample,
    )


def _empty_grid(crs: str) -> Grid:
    return Grid(crs, 0.0, 0.0, 1.0, 1, 1)


def display_document(
    project: Project,
    data: ProjectData | None,
    document: Any,
    arrays: GeometryArrays,
    options: DisplayOptions,
) -> Any:
    """The document the canvas draws now, or None when there is nothing."""
    if data is None:
        return None
    base = document if document is not None else _preview_document(project, data)
    changes: dict[str, Any] = {"layers": screen_layers(project, data, arrays)}
    if not options.risk_surface and document is not None:
        changes["grid"] = _empty_grid(base.grid.crs)
        changes["classes"] = np.zeros((1, 1), dtype=np.uint8)
    if not options.districts:
        changes["districts"] = []
    changes["hatch"] = project.print.hatch
    return dataclasses.replace(base, **changes)


def overlay_layers(
    data: ProjectData | None,
    arrays: GeometryArrays,
    selection: dict[str, np.ndarray],
    highlight: list[Any],
) -> tuple:
    """Selected features, then the identified feature or cell, as layers."""
    from riskmap.render.model import VectorLayer
    from riskmap.render.styles import resolve_style

    if data is None:
        return ()
    out = []
    for layer_id, rows in selection.items():
        loaded = data.vectors.get(layer_id)
        if loaded is None or not len(rows):
            continue
        geoms, kind = arrays.get(loaded)
        rows = rows[rows < len(geoms)]
        if kind is None or not len(rows):
            continue
        style = resolve_style(_selection_symbol(kind), kind, "selection")
        out.append(VectorLayer(f"selection:{layer_id}", "", kind, geoms[rows], style))
    if highlight:
        geoms = np.asarray(highlight, dtype=object)
        kind = geometry_kind(geoms)
        if kind is not None:
            style = resolve_style(_highlight_symbol(kind), kind, "highlight")
            out.append(VectorLayer("highlight", "", kind, geoms, style))
    return tuple(out)


def _selection_symbol(kind: str) -> dict[str, Any]:
    if kind == "polygon":
        return {"color": SELECTION_COLOUR, "fill": SELECTION_COLOUR,
                "alpha": 0.55, "width": 1.2}  # fmt: skip
    if kind == "line":
        return {"color": SELECTION_COLOUR, "width": 2.4, "casing": 0.8}
    return {"color": SELECTION_COLOUR, "size": 6.0, "marker": "o"}


def _highlight_symbol(kind: str) -> dict[str, Any]:
    if kind == "polygon":
        return {"color": HIGHLIGHT_COLOUR, "fill": "none", "width": 2.2}
    if kind == "line":
        return {"color": HIGHLIGHT_COLOUR, "width": 3.0, "casing": 1.0}
    return {"color": HIGHLIGHT_COLOUR, "size": 9.0, "marker": "o"}
