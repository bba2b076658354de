"""Helpers to run one hazard model on a tiny grid, without any files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

import geopandas as gpd

from riskmap.core.fields import resolve_mapping
from riskmap.core.grid import Grid
from riskmap.core.hazard import HazardContext, get_model
from riskmap.core.layers import LoadedLayer, RasterLayer, SourceInfo

CRS = "EPSG:4545"


def loaded(
    layer_id: str,
    frame: gpd.GeoDataFrame,
    kind: str | None = None,
    fields: Mapping[str, str] | None = None,
) -> LoadedLayer:
    info = SourceInfo(
        Path(f"{layer_id}.gpkg"),
        None,
        "GPKG",
        CRS,
        "test",
        "utf-8",
        "test",
        len(frame),
        "mixed",
    )
    layer = LoadedLayer(layer_id, frame, info)
    if kind is not None:
        cols = [c for c in frame.columns if c != frame.geometry.name]
        layer.mapping = resolve_mapping(
            cols, get_model(kind).inputs, fields or {}, f"layer '{layer_id}'"
        )
    return layer


def run_model(
    kind: str,
    frame: gpd.GeoDataFrame | RasterLayer,
    grid: Grid,
    params: Mapping[str, Any] | None = None,
    fields: Mapping[str, str] | None = None,
    vectors: Mapping[str, LoadedLayer] | None = None,
    rasters: Mapping[str, RasterLayer] | None = None,
    rows_per_tile: int | None = None,
) -> tuple[np.ndarray, HazardContext, Any]:
    """H on ``grid`` (tile by tile when ``rows_per_tile``), the context, the
    prepared object."""
    import riskmap.hazards  # noqa: F401 - registers the models
    from riskmap.io.raster import read_raster_on_grid

    model_cls = get_model(kind)
    p = model_cls.make_params(params or {})
    rasters = dict(rasters or {})
    if isinstance(frame, RasterLayer):
        layer: Any = frame
        rasters[frame.id] = frame
    else:
        layer = loaded("layer", frame, kind, fields)
    context = HazardContext(
        grid=grid,
        layer_id="layer",
        title="layer",
        vectors=dict(vectors or {}),
        rasters=rasters,
        read_raster=lambda lid, g, how: read_raster_on_grid(
            rasters[lid].path, g, resampling=how
        ),
    )
    model = model_cls()
    prepared = model.prepare(layer, p, context)
    out = np.zeros(grid.shape, dtype=np.float32)
    for tile in grid.tiles(rows_per_tile or grid.nrows):
        out[tile.rows] = model.intensity(prepared, tile, p, None)
    return out, context, prepared


def raster_layer(layer_id: str, path: Path) -> RasterLayer:
    """A raster layer as the project loader makes it."""
    from riskmap.core.project import LayerSpec
    from riskmap.pipeline.loading import load_layer

    layer = load_layer(LayerSpec(id=layer_id, kind="base", path=Path(path)), CRS)
    assert isinstance(layer, RasterLayer)
    return layer


def frame(geoms: list, **columns: Any) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=geoms, crs=CRS)
