"""``riskmap inspect``: what a data file holds, told plainly.

Driver, layers, geometry type, feature count, CRS and encoding with how each
was found, bounds in lon/lat, geometry problems, what was lost from a damaged
file, and the field mapping each hazard kind would use. Problems that stop a
layer from loading (no CRS, swapped coordinates) are reported, not raised, so
the report can say what to fix; a file that cannot be opened raises.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import shapely

from riskmap.core.fields import suggest_mapping
from riskmap.core.hazard import HazardModel
from riskmap.core.layers import RasterSource
from riskmap.errors import RiskmapError
from riskmap.io.crs import (
    SourceCRS,
    check_coordinates,
    crs_name,
    lonlat_bounds,
    resolve_source_crs,
)
from riskmap.io.geometry import layer_geometry_type, non_finite_mask, problems
from riskmap.io.raster import inspect_raster
from riskmap.io.sources import read_source, source_path
from riskmap.io.vector import (
    RASTER_SUFFIXES,
    TABLE_SUFFIXES,
    check_source,
    declared_geometry_type,
    list_layers,
)


@dataclass
class KindMapping:
    """The mapping a hazard kind would use, and its required inputs missing."""

    kind: str
    mapping: dict[str, str]
    missing: list[str]
    geometry_ok: bool


@dataclass
class LayerReport:
    name: str | None
    driver: str = ""
    geometry_type: str = "none"
    features: int = 0
    records_lost: int = 0
    crs: str | None = None
    crs_how: str = ""
    encoding: str = ""
    encoding_how: str = ""
    lonlat_bounds: tuple[float, float, float, float] | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    problems: dict[str, int | str] = field(default_factory=dict)
    kinds: list[KindMapping] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""  # why the layer could not be read at all


@dataclass
class InspectReport:
    path: Path
    driver: str
    layers: list[tuple[str, str]]
    details: list[LayerReport] = field(default_factory=list)
    raster: RasterSource | None = None
    warnings: list[str] = field(default_factory=list)


def _kinds(
    columns: list[str], gtype: str, models: Sequence[type[HazardModel]]
) -> list[KindMapping]:
    out = []
    for model in models:
        mapping = suggest_mapping(columns, model.inputs)
        missing = [i.name for i in model.inputs if i.required and i.name not in mapping]
        ok = gtype in model.geometry_types or (
            gtype == "polygon" and model.geometry_types == frozenset({"point"})
        )
        out.append(KindMapping(model.kind, mapping, missing, ok))
    return out


def _inspect_layer(
    path: Path, name: str | None, models: Sequence[type[HazardModel]]
) -> LayerReport:
    report = LayerReport(name)
    try:
        raw = read_source(path, name)
    except RiskmapError as exc:
        report.error = str(exc)
        return report
    frame = raw.frame
    geoms = np.asarray(frame.geometry.values._data)
    report.name = raw.layer or name
    report.driver = raw.driver
    report.features = len(frame)
    report.records_lost = len(raw.lost)
    report.encoding, report.encoding_how = raw.encoding.encoding, raw.encoding.how
    report.geometry_type = layer_geometry_type(geoms)
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]
    report.fields = [(c, str(frame[c].dtype)) for c in columns]
    report.problems = {k: v for k, v in problems(geoms).items() if v}
    report.warnings = list(raw.warnings)
    if report.features == 0:
        declared = declared_geometry_type(path, raw.layer or name)
        if declared != "none":
            report.geometry_type = declared
        where = f"{path.name}, layer '{report.name}'" if report.name else path.name
        report.warnings.append(
            f"{where}: the layer has no features: nothing to draw or score"
        )
    report.kinds = _kinds(columns, report.geometry_type, models)
    usable = geoms[~np.isnan(_xy_or_nan(geoms))]
    bounds = (
        tuple(float(v) for v in _bounds(usable)) if len(usable) else (math.nan,) * 4
    )
    source: SourceCRS | None = None
    try:
        if len(usable) == 0 and raw.file_crs is None:
            report.crs_how = "none in the file (the layer has no usable geometry)"
        else:
            source, notes = resolve_source_crs(
                raw.file_crs,
                None,
                bounds,
                path.name,
                raw.crs_how,
                raw.swap_hint,  # type: ignore[arg-type]
            )
            report.warnings += notes
            report.crs, report.crs_how = source.label, source.how
            report.warnings += check_coordinates(
                usable, source, path.name, raw.swap_hint
            )
    except RiskmapError as exc:
        report.crs_how = report.crs_how or raw.crs_how
        if source is not None:
            report.crs = source.label
        report.warnings.append(str(exc))
    if source is not None and len(usable):
        ll = lonlat_bounds(bounds, source)  # type: ignore[arg-type]
        report.lonlat_bounds = ll if all(math.isfinite(v) for v in ll) else None
    return report


def _xy_or_nan(geoms: np.ndarray) -> np.ndarray:
    """Per geometry, NaN when it is missing, empty or has a non-finite x/y."""
    out = np.zeros(len(geoms))
    absent = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    out[absent] = np.nan
    present = np.flatnonzero(~absent)
    out[present[non_finite_mask(geoms[present])]] = np.nan
    return out


def _bounds(geoms: np.ndarray) -> np.ndarray:
    b = shapely.bounds(geoms)
    return np.array([b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()])


def inspect_file(
    path: Path, layer: str | None, models: Sequence[type[HazardModel]]
) -> InspectReport:
    """Inspect every layer of ``path`` (or only ``layer``); a file inside a
    FileGDB folder inspects the geodatabase."""
    path = source_path(path)
    check_source(path, path.name)
    suffix = path.suffix.lower()
    if suffix in RASTER_SUFFIXES:
        info, warnings = inspect_raster(path)
        return InspectReport(path, info.driver, [], raster=info, warnings=warnings)
    if suffix in TABLE_SUFFIXES or suffix == ".shp":
        # one layer; a shapefile is read as loading reads it (a missing .shx
        # rebuilt in a copy, an unreadable .prj ignored), not opened bare
        detail = _inspect_layer(path, None, models)
        if detail.error:
            raise RiskmapError(detail.error)
        driver = detail.driver or "CSV"
        layers = [(detail.name or path.stem, detail.geometry_type)]
        return InspectReport(path, driver, layers, [detail])
    layers = list_layers(path, path.name)
    names = [n for n, _ in layers]
    if layer is not None and layer not in names:
        raise RiskmapError(
            f"{path.name}: has no layer '{layer}'",
            f"layers in the file: {', '.join(names) or '(none)'}",
        )
    chosen = [layer] if layer is not None else names
    details = [_inspect_layer(path, n, models) for n in chosen]
    if len(details) == 1 and details[0].error:
        raise RiskmapError(details[0].error)
    driver = next((d.driver for d in details if d.driver), "")
    return InspectReport(path, driver, layers, details)


def _fmt_bounds(b: tuple[float, float, float, float] | None) -> str:
    if b is None:
        return "unknown"
    return f"{b[0]:.6f}, {b[1]:.6f} to {b[2]:.6f}, {b[3]:.6f} (lon, lat)"


def format_report(report: InspectReport) -> str:
    """The report as plain text, one fact a line."""
    lines = [f"file: {report.path}", f"driver: {report.driver or 'unknown'}"]
    if report.raster is not None:
        r = report.raster
        lines += [
            f"size: {r.width} x {r.height} cells, {r.bands} band(s), {r.dtype}",
            f"cell size: {r.resolution[0]:g} x {r.resolution[1]:g}",
            f"nodata: {'none' if r.nodata is None else f'{r.nodata:g}'}",
            f"crs: {crs_name(r.crs) if r.crs else 'none'} ({r.crs_how})",
            f"bounds: {_fmt_bounds(r.lonlat_bounds)}",
        ]
        lines += [f"warning: {w}" for w in report.warnings]
        return "\n".join(lines) + "\n"
    if len(report.layers) > 1:
        listed = ", ".join(f"{n} ({g})" for n, g in report.layers)
        lines.append(f"layers ({len(report.layers)}): {listed}")
    for d in report.details:
        lines.append("")
        lines.append(f"layer: {d.name}")
        if d.error:
            lines.append(f"  error: {d.error}")
            continue
        lines.append(f"  geometry: {d.geometry_type}")
        lost = f" ({d.records_lost} damaged records skipped)" if d.records_lost else ""
        lines.append(f"  features: {d.features}{lost}")
        lines.append(f"  crs: {d.crs or 'none'} ({d.crs_how})")
        lines.append(f"  encoding: {d.encoding} ({d.encoding_how})")
        lines.append(f"  bounds: {_fmt_bounds(d.lonlat_bounds)}")
        fields = ", ".join(f"{n} ({t})" for n, t in d.fields) or "(none)"
        lines.append(f"  attributes: {fields}")
        if d.problems:
            found = "; ".join(f"{k}: {v}" for k, v in d.problems.items())
            lines.append(f"  geometry problems: {found}")
        else:
            lines.append("  geometry problems: none found")
        for k in d.kinds:
            pairs = ", ".join(f"{i} = {c}" for i, c in k.mapping.items()) or "nothing"
            notes = []
            if k.missing:
                notes.append(f"missing required: {', '.join(k.missing)}")
            if not k.geometry_ok:
                notes.append(f"{d.geometry_type} geometry does not suit this kind")
            tail = f" [{'; '.join(notes)}]" if notes else ""
            lines.append(f"  mapping for {k.kind}: {pairs}{tail}")
        lines += [f"  warning: {w}" for w in d.warnings]
    return "\n".join(lines) + "\n"
