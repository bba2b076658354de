"""Turn a project, its loaded layers and a scoring result into a page model.

This is where names meet: layer ids become titles, district statistics
become legend shares, hotspot rows become table rows with lon/lat, and the
project's settings become the footer's fine print.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

import geopandas as gpd
import shapely
from pyproj import Transformer

from riskmap import __version__
from riskmap.core.hazard import get_model
from riskmap.core.layers import LoadedLayer
from riskmap.core.project import LayerSpec, Project
from riskmap.core.result import Result
from riskmap.errors import SettingsError
from riskmap.pipeline.print_stats import (
    LONLAT,
    city_stats,
    column,
    district_stats,
    hotspots_from_grid,
    hotspots_from_result,
    renumber,
    to_lonlat,
)
from riskmap.render.crs_text import crs_statement
from riskmap.render.glyphs import document_warnings
from riskmap.render.model import (
    District,
    Footer,
    MapDocument,
    VectorLayer,
)
from riskmap.render.styles import LayerStyle, Symbol, auto_categories, resolve_style

HOTSPOTS_PER_PAGE = 5

METHODS_ZH = {
    "union": "概率并",
    "weighted_sum": "加权求和",
    "geometric": "加权几何平均",
    "max": "最大值",
}
CLASSIFICATION_ZH = {
    "fixed": "固定阈值",
    "quantile": "分位数",
    "natural_breaks": "自然断点",
}


class LoadedData(Protocol):
    """What printing reads of the loaded project (``ProjectData``)."""

    districts: LoadedLayer
    vectors: Mapping[str, LoadedLayer]


def made_date() -> str:
    """Today, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return date.today().isoformat()


# ---------------------------------------------------------------------- layers


def _geometry_kind(frame: gpd.GeoDataFrame) -> str | None:
    types = shapely.get_type_id(np.asarray(frame.geometry.values, dtype=object))
    types = types[types >= 0]
    if not len(types):
        return None
    kinds = {
        0: "point",
        4: "point",
        1: "line",
        2: "line",
        5: "line",
        3: "polygon",
        6: "polygon",
    }
    found = {kinds.get(int(t)) for t in np.unique(types)} - {None}
    for kind in ("polygon", "line", "point"):
        if kind in found:
            return kind
    return None


def default_style(kind: str) -> dict[str, Any]:
    """The hazard model's ``default_style`` (empty for base and unknown kinds)."""
    import riskmap.hazards  # noqa: F401  (registers the built-in models)

    try:
        model = get_model(kind)
    except SettingsError:
        return {}
    return dict(getattr(model, "default_style", {}) or {})


def _model_classes(kind: str, name: str, values: np.ndarray, layer: Any = None) -> Any:
    """The hazard model's reading of input ``name`` as classes, or None."""
    import riskmap.hazards  # noqa: F401  (registers the built-in models)

    try:
        model = get_model(kind)
    except SettingsError:
        return None
    return model.style_classes(name, values, layer)


def _normalised_categories(style: LayerStyle, kind: str) -> LayerStyle:
    """A style's own categories keyed as the model reads them ("第3类" -> "3"),
    so that they match the features' class keys; the first of two spellings
    of one class wins."""
    keys = np.array(list(style.categories), dtype=object)
    classes = _model_classes(kind, style.by or "", keys)
    if classes is None:
        return style
    categories: dict[str, Symbol] = {}
    for key, new in zip(keys, classes.keys, strict=True):
        categories.setdefault(new or key, style.categories[key])
    return replace(style, categories=categories)


def layer_style(
    spec: LayerSpec, loaded: LoadedLayer, kind: str
) -> tuple[LayerStyle, np.ndarray | None]:
    """A layer's symbols and the category key of each feature (or None).

    A layer drawn ``by`` an input its hazard model reads as classes (UN
    class, landslide susceptibility) is keyed by the model's classes, so
    that "3" and "第3类" share one symbol and one legend row.

    Raises
    ------
    SettingsError
        For a colour matplotlib does not know.
    """
    merged = {**default_style(spec.kind), **spec.style}
    if spec.opacity < 1:
        # The layer's opacity fades whatever transparency its style has.
        merged["alpha"] = float(merged.get("alpha", 1.0)) * spec.opacity
    try:
        style = resolve_style(merged, kind, spec.title)
    except ValueError as exc:
        raise SettingsError(
            f"layer '{spec.id}': bad style: {exc}", "use a colour name or #RRGGBB"
        ) from None
    if not style.by:
        return style, None
    column = loaded.mapping.get(style.by, style.by)
    if column not in loaded.frame.columns:
        return style, None
    values = loaded.frame[column].to_numpy()
    classes = _model_classes(spec.kind, style.by, values, loaded)
    if classes is not None:
        values = classes.keys
        style = replace(style, other_label="未分级")
        if style.categories:
            style = _normalised_categories(style, spec.kind)
        else:
            style = auto_categories(
                style, values, labels=classes.labels, ordinal=classes.ordinal
            )
    else:
        style = auto_categories(style, values)
    return style, style.category_of(values)


def _vector_layers(project: Project, data: LoadedData) -> list[VectorLayer]:
    out = []
    for spec in project.layers:
        loaded = data.vectors.get(spec.id)
        if loaded is None or not spec.visible or len(loaded.frame) == 0:
            continue
        kind = _geometry_kind(loaded.frame)
        if kind is None:
            continue
        style, categories = layer_style(spec, loaded, kind)
        geoms = np.asarray(loaded.frame.geometry.values, dtype=object)
        out.append(VectorLayer(spec.id, spec.title, kind, geoms, style, categories))
    order = {"polygon": 0, "line": 1, "point": 2}
    return sorted(out, key=lambda layer: order[layer.geometry_kind])


# ---------------------------------------------------------------------- footer


def _source_text(title: str, path: Path | None, date: str = "") -> str:
    """A footer source: title, file and the data's date (the project's
    ``date`` for the layer, else the file's modification date)."""
    if path is None:
        return f"{title}（{date}）" if date else title
    name = Path(path).name
    if date:
        return f"{title}（{name}，{date}）"
    try:
        stamp = datetime.fromtimestamp(Path(path).stat().st_mtime).date().isoformat()
    except OSError:
        return f"{title}（{name}）"
    return f"{title}（{name}，{stamp}）"


def _footer(project: Project, data: LoadedData, result: Result) -> Footer:
    sources = []
    if project.attribution:
        sources.append(project.attribution)
    districts_date = project.districts.date if project.districts else ""
    sources.append(
        _source_text(
            "行政区划", getattr(data.districts.source, "path", None), districts_date
        )
    )
    for spec in project.layers:
        loaded = data.vectors.get(spec.id)
        path = getattr(getattr(loaded, "source", None), "path", None) or spec.path
        sources.append(_source_text(spec.title, path, spec.date))
    method = METHODS_ZH.get(result.method, result.method)
    if result.take_highest:
        method += "，就高"
    thresholds = " / ".join(f"{t:.2f}" for t in result.thresholds)
    how = project.classification.method
    classification = f"{CLASSIFICATION_ZH.get(how, how)} {thresholds}"
    weights = "、".join(f"{h.title} {h.weight:.2f}" for h in result.hazards) or "—"
    return Footer(
        sources=sources,
        crs_text=crs_statement(result.grid.crs or project.crs),
        cell_size=result.grid.cell,
        method=method,
        classification=classification,
        weights=weights,
        fingerprint=(result.fingerprint or "—")[:12],
        version=__version__,
        made=made_date(),
        organisation=project.print.organisation,
        review_number=project.print.review_number,
        internal=project.print.internal,
        notes=[note for h in result.hazards for note in h.map_notes],
    )


def north_angle(crs: str, bounds: tuple[float, float, float, float]) -> float:
    """Degrees from grid north to true north (clockwise) at the map centre."""
    try:
        to_ll = Transformer.from_crs(crs, LONLAT, always_xy=True)
        from_ll = Transformer.from_crs(LONLAT, crs, always_xy=True)
        cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
        lon, lat = to_ll.transform(cx, cy)
        x1, y1 = from_ll.transform(lon, lat + 0.01)
    except Exception:  # a CRS without a geographic link: grid north it is
        return 0.0
    angle = math.degrees(math.atan2(x1 - cx, y1 - cy))
    return angle if math.isfinite(angle) else 0.0


# -------------------------------------------------------------------- document


def district_names(result: Result) -> list[str]:
    col = column(result.districts, "name", "district")
    if col is None:
        return [f"区域 {i + 1}" for i in range(len(result.districts))]
    return [str(n) for n in result.districts[col]]


def _distinct(names: list[str]) -> list[str]:
    """Names made distinct ("沙坪坝区", "沙坪坝区 (2)") so pages can be told apart."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def build_document(
    project: Project, data: LoadedData, result: Result, *, hatch: bool | None = None
) -> MapDocument:
    """The page model of ``result`` for printing or previewing."""
    names = _distinct(district_names(result))
    crs = result.grid.crs or project.crs or ""
    to_ll = to_lonlat(crs)
    stats = district_stats(result, project, names)
    engine_hot = hotspots_from_result(result, project, to_ll)
    # Repaired so that a bad outline cannot break the pages' masks and insets.
    geoms = shapely.make_valid(
        np.asarray(result.districts.geometry.values, dtype=object)
    )
    for i, area in enumerate(stats):
        mine = [h for h in engine_hot if h.district == area.name]
        if not mine and engine_hot and not any(h.district for h in engine_hot):
            inside = shapely.contains_xy(
                geoms[i], [h.x for h in engine_hot], [h.y for h in engine_hot]
            )
            mine = [h for h, ok in zip(engine_hot, inside, strict=True) if ok]
        if not mine:
            mine = hotspots_from_grid(result, i, to_ll, HOTSPOTS_PER_PAGE)
        area.hotspots = renumber(mine[:HOTSPOTS_PER_PAGE])
    city = city_stats(result, project.display_title())
    city_hot = engine_hot or hotspots_from_grid(result, None, to_ll, HOTSPOTS_PER_PAGE)
    for h in city_hot:
        if not h.district:
            hit = shapely.contains_xy(geoms, h.x, h.y)
            h.district = names[int(np.argmax(hit))] if hit.any() else ""
    city.hotspots = renumber(city_hot[:HOTSPOTS_PER_PAGE])
    districts = [District(n, g, s) for n, g, s in zip(names, geoms, stats, strict=True)]
    doc = MapDocument(
        title=project.display_title(),
        date=project.date,
        grid=result.grid,
        classes=np.where(result.classes > 4, 0, result.classes).astype(np.uint8),
        districts=districts,
        layers=_vector_layers(project, data),
        thresholds=tuple(result.thresholds),
        city=city,
        footer=_footer(project, data, result),
        sample=project.sample,
        hatch=project.print.hatch if hatch is None else hatch,
        north_angle=north_angle(crs, result.grid.bounds),
    )
    doc.warnings = document_warnings(doc)
    return doc
