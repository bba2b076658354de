"""Open a project and load its layers: the use cases both front-ends call.

Districts load first because they decide the working CRS (DESIGN.md: the
project's ``crs``, else EPSG:4545 for Chongqing, else the Gauss-Krüger or UTM
zone of the data's centre); every other layer is then read, cleaned and
reprojected into it. Attribute values are not cleaned here: hazard models do
that with :func:`riskmap.core.fields.clean_numeric` and count what they drop.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

import geopandas as gpd

from riskmap.core.feedback import Feedback, NullFeedback, SubFeedback, check
from riskmap.core.fields import InputField, resolve_mapping, suggest_mapping
from riskmap.core.hazard import HazardModel, get_model, known_kinds
from riskmap.core.layers import LoadedLayer, ProjectData, RasterLayer, RasterSource
from riskmap.core.project import LayerSpec, Project
from riskmap.errors import (
    CRSMismatchError,
    FieldMappingError,
    GeometryTypeError,
    LayerReadError,
    MissingCRSError,
    ProjectFileError,
    SettingsError,
)
from riskmap.io.crs import check_working_crs, choose_working_crs, crs_name
from riskmap.io.encoding import checked_codec
from riskmap.io.inspect import InspectReport, format_report, inspect_file
from riskmap.io.project_file import load_project
from riskmap.io.raster import inspect_raster
from riskmap.io.sources import PreparedLayer, finish, prepare
from riskmap.io.vector import RASTER_SUFFIXES

#: Attribute names tried, in order, for the district name.
DISTRICT_NAME = InputField(
    "name",
    type="text",
    aliases=("名称", "区县", "区县名称", "区县名", "行政区", "行政区名称", "district",
             "dist_name", "county", "name_zh", "xzqmc", "qxmc"),
)  # fmt: skip

__all__ = [
    "format_inspect_report",
    "inspect_path",
    "load_districts",
    "load_layer",
    "load_project_data",
    "open_project",
    "working_crs",
]


def open_project(path: str | Path) -> Project:
    """Read a project file and check that every file it names exists."""
    project = load_project(path)
    if project.districts is not None and not project.districts.path.exists():
        raise ProjectFileError(
            f"{project.path}: district layer file not found: "
            f"{os.path.abspath(project.districts.path)}",
            "fix [districts] path (relative to the project file)",
        )
    for spec in project.layers:
        if not spec.path.exists():
            raise ProjectFileError(
                f"{project.path}: layer '{spec.id}': file not found: "
                f"{os.path.abspath(spec.path)}",
                "fix the layer's path (relative to the project file)",
            )
    return project


def _where(layer_id: str, path: Path) -> str:
    return f"layer '{layer_id}' ({path.name})"


def _is_raster(path: Path) -> bool:
    return path.suffix.lower() in RASTER_SUFFIXES


def _encoding(value: str | None, where: str) -> str | None:
    return checked_codec(value, f"{where}: encoding") if value else None


def working_crs(
    project: Project,
    data: gpd.GeoDataFrame | tuple[float, float, float, float] | None,
) -> str:
    """The project's working CRS: ``project.crs`` if set, else chosen from data.

    ``data`` is a frame in any CRS or lon/lat bounds (xmin, ymin, xmax, ymax).
    Without a usable centre the default (EPSG:4545) is returned.
    """
    if project.crs:
        return check_working_crs(project.crs)
    if isinstance(data, gpd.GeoDataFrame):
        if len(data) == 0:
            data = None
        elif data.crs is None:
            data = tuple(float(v) for v in data.total_bounds)  # taken as lon/lat
        else:
            data = tuple(float(v) for v in data.to_crs(4326).total_bounds)
    if data is None or not all(math.isfinite(v) for v in data):
        return choose_working_crs(106.55, 29.56)
    xmin, ymin, xmax, ymax = data
    return choose_working_crs((xmin + xmax) / 2, (ymin + ymax) / 2)


def _loaded(
    layer_id: str,
    prepared: PreparedLayer,
    crs: str,
    mapping: dict[str, str] | None = None,
) -> LoadedLayer:
    frame, info = finish(prepared, crs)
    return LoadedLayer(
        id=layer_id,
        frame=frame,
        source=info,
        warnings=list(prepared.warnings),
        mapping=dict(mapping or {}),
    )


def _vector_types(model: type[HazardModel] | None) -> set[str] | None:
    """The vector geometry families a model accepts (rasters are read apart)."""
    if model is None:
        return None
    return set(model.geometry_types) - {"raster"}


def _model(spec: LayerSpec) -> type[HazardModel]:
    """The hazard model of a layer; an unknown kind names the layer."""
    try:
        return get_model(spec.kind)
    except SettingsError as exc:
        raise SettingsError(f"layer '{spec.id}': {exc.message}", exc.hint) from None


def _check_raster_crs(info: RasterSource, where: str) -> None:
    """A raster must be placeable on the grid: a CRS that PROJ can transform."""
    if info.crs is None:
        raise MissingCRSError(
            f"{where}: the raster has no coordinate reference system",
            'set source_crs for this layer, e.g. source_crs = "EPSG:4545"',
        )
    if info.lonlat_bounds is None:
        raise CRSMismatchError(
            f"{where}: its CRS '{crs_name(info.crs)}' cannot be transformed to the "
            "working "
            "CRS (PROJ knows no transformation, as for a local site grid)",
            "reproject the raster to a standard CRS (e.g. EPSG:4545) in a GIS, "
            "or set source_crs to the CRS it is really in",
        )


def load_layer(
    spec: LayerSpec, crs: str, feedback: Feedback | None = None
) -> LoadedLayer | RasterLayer:
    """Load one layer of a project into the working CRS ``crs``.

    Hazard kinds get their geometry normalised to the model's
    ``geometry_types`` and their field mapping resolved (stored in
    ``LoadedLayer.mapping``); base layers keep every geometry and get no
    mapping; a GeoTIFF gives a :class:`RasterLayer`.
    """
    feedback = feedback or NullFeedback()
    where = _where(spec.id, spec.path)
    if _is_raster(spec.path):
        if not spec.path.exists():
            raise LayerReadError(
                f"{where}: file not found: {os.path.abspath(spec.path)}",
                "check the path (paths in a project are relative to the project file)",
            )
        info, warnings = inspect_raster(
            spec.path, source_crs=spec.source_crs, where=where
        )
        _check_raster_crs(info, where)
        feedback.set_progress(100)
        return RasterLayer(spec.id, spec.path, info, warnings)
    model = _model(spec) if spec.is_hazard else None
    prepared = prepare(
        spec.path,
        spec.layer,
        encoding=_encoding(spec.encoding, where),
        source_crs=spec.source_crs,
        allowed=_vector_types(model),
        where=where,
        feedback=SubFeedback(feedback, 0, 90),
    )
    mapping: dict[str, str] = {}
    if model is not None:
        columns = [
            c for c in prepared.frame.columns if c != prepared.frame.geometry.name
        ]
        mapping = resolve_mapping(columns, model.inputs, spec.fields, where=where)
    elif spec.fields:
        prepared.warnings.append(
            f"{where}: [layers.fields] is ignored for a base layer"
        )
    check(feedback)
    layer = _loaded(spec.id, prepared, crs, mapping)
    feedback.set_progress(100)
    return layer


def _district_names(
    frame: gpd.GeoDataFrame, column: str, where: str
) -> tuple[pd.Series, list[str]]:
    """Names as text, blanks replaced and duplicates told apart, plus warnings."""
    warnings = []
    names = frame[column].astype("string").str.strip()
    blank = names.isna() | (names == "")
    if blank.any():
        numbers = np.flatnonzero(blank.to_numpy()) + 1
        names[blank] = [f"district {n}" for n in numbers]
        warnings.append(
            f"{where}: {int(blank.sum())} districts have no name; named "
            f"{', '.join(names[blank].tolist()[:5])}"
        )
    occurrence = names.groupby(names).cumcount() + 1
    dup = occurrence > 1
    if dup.any():
        repeated = sorted(set(names[dup].tolist()))
        names[dup] = names[dup] + " (" + occurrence[dup].astype(str) + ")"
        warnings.append(
            f"{where}: district names used more than once, kept apart with a "
            f"number: {', '.join(repeated)}"
        )
    return names.astype(object), warnings


def _prepare_districts(
    project: Project, feedback: Feedback | None
) -> tuple[PreparedLayer, str]:
    spec = project.districts
    if spec is None:
        raise ProjectFileError(
            f"{project.path or 'project'}: no [districts] layer",
            "add a [districts] table with the path of the district boundaries",
        )
    where = f"districts ({spec.path.name})"
    try:
        prepared = prepare(
            spec.path,
            spec.layer,
            encoding=_encoding(spec.encoding, where),
            source_crs=spec.source_crs,
            allowed={"polygon"},
            where=where,
            feedback=feedback,
        )
    except GeometryTypeError as exc:
        raise GeometryTypeError(
            exc.message, "the district layer must hold the district boundaries"
        ) from None
    if len(prepared.frame) == 0:
        raise LayerReadError(
            f"{where}: has no district polygons", "check the district layer"
        )
    frame = prepared.frame
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if spec.name_field:
        if spec.name_field not in columns:
            raise FieldMappingError(
                f"{where}: name_field '{spec.name_field}' is not an attribute",
                f"attributes are: {', '.join(map(str, columns)) or '(none)'}",
            )
        column = spec.name_field
    else:
        column = suggest_mapping(columns, [DISTRICT_NAME]).get("name", "")
        if not column:
            raise FieldMappingError(
                f"{where}: no district name attribute found (looked for "
                f"{', '.join(DISTRICT_NAME.candidates())})",
                f'set name_field = "<attribute>" in [districts]; attributes are: '
                f"{', '.join(map(str, columns)) or '(none)'}",
            )
    names, notes = _district_names(frame, column, where)
    if column != "name" and "name" in frame.columns:
        frame = frame.rename(columns={"name": "name_0"})
    frame = frame.assign(name=names.to_numpy())
    prepared.frame = frame
    prepared.warnings += notes
    return prepared, column


def load_districts(
    project: Project, crs: str, feedback: Feedback | None = None
) -> LoadedLayer:
    """The district polygons in ``crs`` with their names in column ``name``."""
    prepared, column = _prepare_districts(project, feedback)
    return _loaded("districts", prepared, crs, {"name": column})


#: A layer farther than this from the districts (metres) cannot be meant to
#: affect them; no hazard model reaches that far.
FAR_FROM_DISTRICTS = 50_000.0


def _gap_m(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> float:
    """Approximate distance in metres between two lon/lat boxes (0 if they meet)."""
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    lat = math.radians((max(a[1], b[1]) + min(a[3], b[3])) / 2)
    return math.hypot(dx * 111_320.0 * math.cos(lat), dy * 110_570.0)


def far_from_districts(
    where: str,
    bounds: tuple[float, float, float, float] | None,
    districts: tuple[float, float, float, float] | None,
) -> str | None:
    """A warning when a layer lies far from every district, else None.

    Such a layer is not refused: its hazard is then correctly zero, and a
    shared regional layer may hold nothing near the districts. But a layer
    thousands of kilometres away is almost always a CRS mistake, so the
    user is told which layer and how far.
    """
    if bounds is None or districts is None:
        return None
    gap = _gap_m(bounds, districts)
    if gap <= FAR_FROM_DISTRICTS:
        return None
    return (
        f"{where}: lies about {gap / 1000:,.0f} km from the districts, so it "
        "cannot affect them; if it should overlap them, check its CRS "
        "(source_crs in the project)"
    )


def load_project_data(
    project: Project, feedback: Feedback | None = None
) -> ProjectData:
    """Districts, then every layer, in the working CRS, with all warnings."""
    feedback = feedback or NullFeedback()
    feedback.set_status("loading districts")
    prepared, column = _prepare_districts(project, SubFeedback(feedback, 0, 8))
    crs = working_crs(project, prepared.lonlat_bounds())
    districts = _loaded("districts", prepared, crs, {"name": column})
    data = ProjectData(crs=crs, districts=districts)
    data.warnings += districts.warnings
    feedback.set_progress(10)
    n = max(1, len(project.layers))
    for i, spec in enumerate(project.layers):
        check(feedback)
        feedback.set_status(f"loading layer '{spec.id}' ({spec.path.name})")
        sub = SubFeedback(feedback, 10 + 90 * i / n, 10 + 90 * (i + 1) / n)
        layer = load_layer(spec, crs, sub)
        if isinstance(layer, RasterLayer):
            data.rasters[spec.id] = layer
        else:
            data.vectors[spec.id] = layer
        data.warnings += layer.warnings
        far = far_from_districts(
            _where(spec.id, spec.path),
            layer.source.lonlat_bounds if layer.source is not None else None,
            districts.source.lonlat_bounds,
        )
        if far:
            layer.warnings.append(far)
            data.warnings.append(far)
    feedback.set_progress(100)
    return data


def inspect_path(path: str | Path, layer: str | None = None) -> InspectReport:
    """What ``riskmap inspect`` reports about a file, with the suggested field
    mapping for every registered hazard kind."""
    import riskmap.hazards  # noqa: F401  (registers the built-in kinds)

    models = [get_model(kind) for kind in known_kinds()]
    return inspect_file(Path(path), layer, models)


def format_inspect_report(report: InspectReport) -> str:
    """The inspect report as text for a terminal (UTF-8)."""
    return format_report(report)
