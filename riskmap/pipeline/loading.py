"""Open a project's layers in the working CRS (minimal loader).

Reads the district layer and every layer of the project with pyogrio,
reprojects vectors to the working CRS with ``to_crs`` and resolves each
hazard layer's field mapping. Raster layers (.tif) are kept as paths and
read onto the grid when a model needs them.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio

from riskmap.core.feedback import Feedback, NullFeedback, SubFeedback, check
from riskmap.core.fields import InputField, resolve_mapping
from riskmap.core.hazard import get_model
from riskmap.core.layers import LoadedLayer, ProjectData, RasterLayer, SourceInfo
from riskmap.core.project import LayerSpec, Project
from riskmap.errors import LayerReadError, MissingCRSError, ProjectFileError

RASTER_SUFFIXES = (".tif", ".tiff", ".img", ".vrt")
DEFAULT_CRS = "EPSG:4545"
NAME_FIELD = InputField("name", "text", aliases=("名称", "区县", "district", "NAME"))


def _read(path: Path, layer: str | None, encoding: str | None) -> gpd.GeoDataFrame:
    if not path.exists():
        raise LayerReadError(f"{path}: file not found", "check the path in the project")
    try:
        kwargs = {"encoding": encoding} if encoding else {}
        return gpd.read_file(path, layer=layer, engine="pyogrio", **kwargs)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerReadError(f"{path}: cannot read ({exc})") from None


def _to_crs(
    frame: gpd.GeoDataFrame, source_crs: str | None, crs: str, where: str
) -> gpd.GeoDataFrame:
    if source_crs:
        frame = frame.set_crs(source_crs, allow_override=True)
    if frame.crs is None:
        raise MissingCRSError(
            f"{where}: the layer has no coordinate reference system",
            "set source_crs for it in the project",
        )
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    return frame.to_crs(crs)


def _source(path: Path, layer: str | None, frame: gpd.GeoDataFrame) -> SourceInfo:
    kinds = set(frame.geometry.geom_type.dropna().str.replace("Multi", ""))
    names = {"Point": "point", "LineString": "line", "Polygon": "polygon"}
    kind = names.get(kinds.pop(), "mixed") if len(kinds) == 1 else "mixed"
    return SourceInfo(
        path, layer, "", str(frame.crs), "from the file", None, "", len(frame), kind
    )


def load_layer(spec: LayerSpec, crs: str) -> LoadedLayer | RasterLayer:
    """One layer of the project, in the working CRS."""
    path = Path(spec.path)
    if path.suffix.lower() in RASTER_SUFFIXES:
        if not path.exists():
            raise LayerReadError(f"{path}: file not found (layer '{spec.id}')")
        return RasterLayer(spec.id, path)
    frame = _to_crs(
        _read(path, spec.layer, spec.encoding),
        spec.source_crs,
        crs,
        f"layer '{spec.id}'",
    )
    loaded = LoadedLayer(
        spec.id, frame.reset_index(drop=True), _source(path, spec.layer, frame)
    )
    if spec.is_hazard:
        model = get_model(spec.kind)
        loaded.mapping = resolve_mapping(
            [c for c in frame.columns if c != frame.geometry.name],
            model.inputs,
            spec.fields,
            f"layer '{spec.id}'",
        )
    return loaded


def load_project_data(
    project: Project, feedback: Feedback | None = None
) -> ProjectData:
    """Districts and every layer of ``project`` in the working CRS."""
    feedback = feedback or NullFeedback()
    if project.districts is None:
        raise ProjectFileError(
            "the project has no [districts] layer", "add a [districts] table"
        )
    crs = project.crs or DEFAULT_CRS
    d = project.districts
    feedback.set_status("reading districts")
    frame = _to_crs(
        _read(Path(d.path), d.layer, d.encoding), d.source_crs, crs, "districts"
    )
    columns = [c for c in frame.columns if c != frame.geometry.name]
    name_col = (
        d.name_field or resolve_mapping(columns, [NAME_FIELD], {}, "districts")["name"]
    )
    if name_col not in frame.columns:
        raise LayerReadError(
            f"districts: attribute '{name_col}' (name_field) is not in the layer",
            f"attributes are: {', '.join(columns)}",
        )
    districts = gpd.GeoDataFrame(
        {"name": frame[name_col].astype(str).to_numpy()},
        geometry=frame.geometry.to_numpy(),
        crs=frame.crs,
    )
    data = ProjectData(
        crs=crs,
        districts=LoadedLayer(
            "districts", districts, _source(Path(d.path), d.layer, districts)
        ),
    )
    n = max(1, len(project.layers))
    for i, spec in enumerate(project.layers):
        check(feedback)
        SubFeedback(feedback, 100 * i / n, 100 * (i + 1) / n).set_status(
            f"reading layer '{spec.id}'"
        )
        layer = load_layer(spec, crs)
        if isinstance(layer, RasterLayer):
            data.rasters[spec.id] = layer
        else:
            data.vectors[spec.id] = layer
    return data
