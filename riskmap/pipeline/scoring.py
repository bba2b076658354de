"""Score a loaded project and write its outputs: the use case both the GUI
and the CLI call (DOMAIN.md section 0).

1. the grid over the district extent (or the project's extent);
2. each hazard layer's model prepares once, then computes its intensity H_k
   tile by tile (a halo around each tile lets features reach across);
3. the composite R (DOMAIN.md 6.3), the optional exposure, the classes with
   the 就高 rule, district statistics, hotspots and, on request, the
   Monte Carlo sensitivity (DOMAIN.md 6.4).
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import riskmap.hazards  # noqa: F401 - importing it registers the hazard models
from riskmap.core import memory
from riskmap.core.classify import TIE_TOLERANCE
from riskmap.core.districts import (
    district_index,
    duplicate_names,
    representative_cells,
)
from riskmap.core.feedback import Feedback, NullFeedback, SubFeedback, check
from riskmap.core.grid import Grid
from riskmap.core.hazard import (
    HazardContext,
    HazardModel,
    Prepared,
    RasterReader,
    get_model,
    params_dict,
)
from riskmap.core.hotspots import concat_features, top_features
from riskmap.core.layers import LoadedLayer, ProjectData, RasterLayer
from riskmap.core.project import CLASSIFICATION_METHODS, LayerSpec, Project
from riskmap.core.result import HazardSurface, Result
from riskmap.core.scoring import (
    check_method,
    normalise_weights,
    relative_weights,
)
from riskmap.core.sensitivity import DEFAULT_ALPHA, run_sensitivity
from riskmap.errors import GeometryTypeError, SettingsError
from riskmap.hazards.burn import polygon_fill, representative_xy
from riskmap.hazards.common import geometry_kinds
from riskmap.io.raster import read_raster_on_grid
from riskmap.pipeline.fingerprint import fingerprint
from riskmap.pipeline.summary import recombine, settings_in_force, summarise
from riskmap.pipeline.tiles import compute_intensities

__all__ = ["analysis_grid", "recombine", "score_project", "write_outputs"]

#: Threads computing hazard tiles at once.
MAX_WORKERS = 4
#: Tiles per thread at least (when the grid has enough rows).
TILES_PER_WORKER = 2
POPULATION_FIELDS = ("population", "pop", "人口", "常住人口", "value", "count")


def analysis_grid(project: Project, data: ProjectData) -> Grid:
    """The grid of the project: its extent, or the districts' extent, snapped
    outward to the cell size, in the working CRS."""
    cell = float(project.cell_size)
    if not np.isfinite(cell) or cell <= 0:
        raise SettingsError(f"cell_size {cell!r} must be a positive number of metres")
    if project.extent is not None:
        bounds = tuple(float(v) for v in project.extent)
    else:
        frame = data.districts.frame
        if len(frame) == 0:
            raise SettingsError(
                "the district layer has no polygons", "check the [districts] layer"
            )
        bounds = tuple(float(v) for v in frame.total_bounds)
    return Grid.covering(bounds, cell, data.crs)  # type: ignore[arg-type]


def _check_geometry(
    spec: LayerSpec, model: type[HazardModel], layer: LoadedLayer | RasterLayer
) -> None:
    allowed = model.geometry_types
    if isinstance(layer, RasterLayer):
        if not model.accepts_raster:
            raise GeometryTypeError(
                f"layer '{spec.id}' is a raster but kind '{spec.kind}' needs "
                f"{' or '.join(sorted(allowed))} features",
                "use kind 'generic' for rasters",
            )
        return
    found = set(geometry_kinds(layer.frame.geometry.values)) - {""}
    wrong = sorted(found - set(allowed))
    if wrong:
        raise GeometryTypeError(
            f"layer '{spec.id}' holds {', '.join(wrong)} features but kind "
            f"'{spec.kind}' needs {' or '.join(sorted(allowed))}",
            "check the layer, or choose the kind that matches its geometry",
        )


def _layer(data: ProjectData, spec: LayerSpec) -> LoadedLayer | RasterLayer:
    if spec.id in data.vectors:
        return data.vectors[spec.id]
    if spec.id in data.rasters:
        return data.rasters[spec.id]
    raise SettingsError(f"layer '{spec.id}' was not loaded", "load the project again")


def _read_raster(layer: RasterLayer, grid: Grid, resampling: str) -> np.ndarray:
    """A raster layer on ``grid``, honouring a CRS declared in the project."""
    return read_raster_on_grid(
        layer.path, grid, resampling=resampling, source_crs=layer.crs
    )


def _raster_reader(data: ProjectData) -> RasterReader:
    def read(layer_id: str, grid: Grid, resampling: str) -> np.ndarray:
        return _read_raster(data.rasters[layer_id], grid, resampling)

    return read


def _population(
    project: Project, data: ProjectData, grid: Grid, inside: np.ndarray
) -> tuple[np.ndarray | None, list[str]]:
    """People per cell from the exposure layer (raster or points), or None."""
    layer_id = project.composite.exposure
    if not layer_id:
        return None, []
    if layer_id in data.rasters:
        pop = _read_raster(data.rasters[layer_id], grid, "sum")
        return np.nan_to_num(pop.astype("float64"), nan=0.0), []
    if layer_id not in data.vectors:
        raise SettingsError(
            f"exposure layer '{layer_id}' was not loaded",
            "it must be a raster or a point layer of the project",
        )
    layer = data.vectors[layer_id]
    frame = layer.frame
    lower = {str(c).casefold(): c for c in frame.columns}
    col = next((lower[f] for f in POPULATION_FIELDS if f in lower), None)
    x, y = representative_xy(frame.geometry.values)
    cells = grid.cells_of(x, y)
    notes = []
    if col is None:
        weights = np.ones(len(frame))
        notes.append(
            f"exposure layer '{layer_id}' has no population attribute "
            f"({', '.join(POPULATION_FIELDS)}): each point counts as one person"
        )
    else:
        numbers = pd.to_numeric(frame[col], errors="coerce")
        weights = np.nan_to_num(np.asarray(numbers, dtype="float64"), nan=0.0)
    ok = cells >= 0
    pop = np.bincount(cells[ok], weights[ok], minlength=grid.size)
    return pop.reshape(grid.shape), notes


def score_project(
    project: Project,
    data: ProjectData,
    feedback: Feedback | None = None,
    sensitivity_runs: int | None = None,
    seed: int = 0,
    *,
    sensitivity_alpha: float = DEFAULT_ALPHA,
    vary_method: bool = False,
    available_memory: int | None = None,
) -> Result:
    """Compute the risk map of ``project`` from its loaded ``data``.

    Parameters
    ----------
    project
        The project document (layers, weights, composite and classes).
    data
        What :func:`riskmap.pipeline.loading.load_project_data` returned.
    feedback
        Progress, status and cancellation (QgsFeedback style).
    sensitivity_runs
        When given, run a Monte Carlo of that many runs over the weights
        (Dirichlet, ``sensitivity_alpha``; also over the method when
        ``vary_method``) with ``seed``.
    available_memory
        Bytes the run may assume free (measured when None).

    Raises
    ------
    RiskmapError
        For bad settings (unknown kind, bad weight or parameter, a layer of
        the wrong geometry) and :class:`~riskmap.errors.GridTooLargeError`
        when the grid would not fit in memory.
    """
    feedback = feedback or NullFeedback()
    specs = project.hazard_layers()
    if not specs:
        raise SettingsError(
            "the project has no hazard layers", "add a layer with a hazard kind"
        )
    method = check_method(project.composite.method)
    cls_method = project.classification.method
    if cls_method not in CLASSIFICATION_METHODS:
        raise SettingsError(
            f"unknown classification method '{cls_method}'",
            f"use one of {', '.join(CLASSIFICATION_METHODS)}",
        )
    models = []
    for spec in specs:
        try:
            model_cls = get_model(spec.kind)
        except SettingsError as exc:
            raise SettingsError(f"layer '{spec.id}': {exc.message}", exc.hint) from None
        params = model_cls.make_params(spec.params, where=f"layer '{spec.id}': ")
        layer = _layer(data, spec)
        _check_geometry(spec, model_cls, layer)
        models.append((spec, model_cls(), params, layer))
    weights = normalise_weights({s.id: s.weight for s in specs})
    grid = analysis_grid(project, data)
    warnings = list(data.warnings)
    names = [str(n) for n in data.districts.frame["name"]]
    dups = duplicate_names(names)
    if dups:
        warnings.append(
            "district names used more than once (kept apart, one row each): "
            + ", ".join(dups)
        )

    # refuse a grid that cannot fit before any work starts; the tile height
    # is chosen once the models have said how wide a halo they need
    memory.plan(grid, len(specs), 0.0, bool(sensitivity_runs), available_memory)

    # ------------------------------------------------------------ prepare
    feedback.set_status("preparing hazard layers")
    prepared: list[tuple[LayerSpec, HazardModel, Any, Prepared, HazardContext]] = []
    for spec, model, params, layer in models:
        check(feedback)
        context = HazardContext(
            grid=grid,
            layer_id=spec.id,
            title=spec.title,
            vectors=data.vectors,
            rasters=data.rasters,
            read_raster=_raster_reader(data),
        )
        # the loader's warnings about each layer are in data.warnings already
        if isinstance(layer, LoadedLayer) and len(layer.frame) == 0:
            warnings.append(f"layer '{spec.id}' has no features: H = 0 everywhere")
        prep = model.prepare(layer, params, context)
        prepared.append((spec, model, params, prep, context))
    feedback.set_progress(5)

    halo = max(p.reach for _, _, _, p, _ in prepared) + grid.cell
    workers = max(1, min(MAX_WORKERS, os.cpu_count() or 1))
    plan = memory.plan(
        grid, len(specs), halo, bool(sensitivity_runs), available_memory, workers
    )
    rows = plan.rows_per_tile
    if workers > 1 and grid.nrows >= 64:
        # at least two tiles per core: the cores share the work more evenly,
        # and the tiles computed at once need less working memory
        rows = min(rows, math.ceil(grid.nrows / (TILES_PER_WORKER * workers)))

    # ------------------------------------------------------------ surfaces
    d_index = np.full(grid.shape, -1, dtype=np.int32)
    geoms = data.districts.frame.geometry.values
    tiles = list(grid.tiles(rows))
    for tile in tiles:
        d_index[tile.rows] = district_index(geoms, tile.as_grid, polygon_fill)
    inside = d_index >= 0
    if not inside.any():
        warnings.append("no cell centre lies inside any district: every value is empty")
    feedback.set_status("scoring the hazard layers")
    values = [np.full(grid.shape, np.nan, dtype=np.float32) for _ in prepared]
    compute_intensities(prepared, tiles, values, workers, feedback)
    surfaces = []
    for (spec, _, params, _, context), v in zip(prepared, values, strict=True):
        v[~inside] = np.nan
        warnings.extend(context.notes)
        surfaces.append(
            HazardSurface(
                layer_id=spec.id,
                title=spec.title,
                kind=spec.kind,
                weight=weights[spec.id],
                values=v,
                params=params_dict(params),
                notes=list(context.notes),
                map_notes=list(context.map_notes),
            )
        )
    rel = relative_weights([s.weight for s in surfaces])
    for s, r in zip(surfaces, rel, strict=True):
        s.relative_weight = float(r)

    # ------------------------------------------------------------ composite
    check(feedback)
    population, notes = _population(project, data, grid, inside)
    warnings.extend(notes)
    summary = summarise(
        grid,
        surfaces,
        d_index,
        data.districts.frame,
        method,
        project.composite.take_highest,
        cls_method,
        project.classification.thresholds,
        population,
        feedback,
    )
    warnings.extend(summary.warnings)
    feats = []
    for spec, _, _, prep, _ in prepared:
        layer = _layer(data, spec)
        if prep.feature_scores is not None and isinstance(layer, LoadedLayer):
            feats.append(
                top_features(
                    grid,
                    spec.id,
                    spec.title,
                    layer.frame,
                    prep.feature_scores,
                    d_index,
                    names,
                )
            )
    feedback.set_progress(90)

    params_in_force = {s.layer_id: s.params for s in surfaces}
    r64, breaks, stats = summary.composite, summary.breaks, summary.stats
    settings = settings_in_force(project, specs, weights, params_in_force)
    paths = [Path(project.districts.path)] if project.districts else []
    paths += [Path(s.path) for s in project.layers]
    result = Result(
        grid=grid,
        hazards=surfaces,
        composite=r64.astype(np.float32),
        classes=summary.classes,
        raised=summary.raised,
        district_index=d_index,
        districts=data.districts.frame[
            ["name", data.districts.frame.geometry.name]
        ].copy(),
        stats=stats,
        hotspots=summary.hotspots,
        thresholds=breaks,
        method=method,
        take_highest=project.composite.take_highest,
        fingerprint=fingerprint(paths, settings),
        warnings=warnings,
        classification=cls_method,
        exposure=summary.exposure,
        exposure_layer=project.composite.exposure,
        population=population,
        top_features=concat_features(feats, grid.crs),
        parameters={
            **settings,
            "grid": {
                "rows": grid.nrows,
                "cols": grid.ncols,
                "origin": [grid.x0, grid.y0],
            },
            "working_crs": grid.crs,
            "breaks": list(breaks),
            "tie_tolerance": TIE_TOLERANCE,
            "weights": weights,
        },
        title=project.display_title(),
        sample=project.sample,
    )

    # ------------------------------------------------------------ sensitivity
    if sensitivity_runs:
        feedback.set_status(f"sensitivity: {sensitivity_runs} runs")
        rep = np.full(len(stats), -1, dtype=np.int64)
        no_cells = np.flatnonzero(stats["cells"].to_numpy() == 0)
        if len(no_cells):
            rep[no_cells] = representative_cells(
                data.districts.frame.iloc[no_cells], grid
            )
        sens = run_sensitivity(
            [s.values for s in surfaces],
            [s.weight for s in surfaces],
            method,
            project.composite.take_highest,
            breaks,
            d_index,
            stats["level_code"].to_numpy(),
            stats["mean"].to_numpy(),
            representative_cells=rep,
            population=population,
            exposure=summary.exposure,
            runs=int(sensitivity_runs),
            alpha=sensitivity_alpha,
            vary_method=vary_method,
            seed=seed,
            feedback=SubFeedback(feedback, 90, 100),
        )
        result.sensitivity = sens
        for col in sens.table.columns:
            result.stats[col] = sens.table[col].to_numpy()
        result.parameters["sensitivity"] = {
            "runs": sens.runs,
            "alpha": sens.alpha,
            "seed": sens.seed,
            "methods": list(sens.methods),
        }
    feedback.set_progress(100)
    feedback.set_status("done")
    return result


def write_outputs(
    result: Result, out_dir: str | Path, feedback: Feedback | None = None
) -> list[Path]:
    """Write the contract outputs of DESIGN.md into ``out_dir``.

    risk.tif, classes.tif, districts.csv, districts.gpkg, hotspots.gpkg and,
    after a sensitivity analysis, sensitivity.tif (P(重大) per cell). Each
    file is written to a temporary name in ``out_dir`` and renamed, so a
    failure leaves any previous file intact.
    """
    from riskmap.io import outputs

    feedback = feedback or NullFeedback()
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from riskmap.errors import OutputWriteError

        raise OutputWriteError(
            f"{out}: cannot create the output folder ({exc.strerror})",
            "choose a folder you can write to",
        ) from None
    steps = [
        ("risk.tif", outputs.write_risk_tif),
        ("classes.tif", outputs.write_classes_tif),
        ("districts.csv", outputs.write_districts_csv),
        ("districts.gpkg", outputs.write_districts_gpkg),
        ("hotspots.gpkg", outputs.write_hotspots_gpkg),
    ]
    if result.sensitivity is not None:
        steps.append(("sensitivity.tif", outputs.write_sensitivity_tif))
    written = []
    for i, (name, writer) in enumerate(steps):
        check(feedback)
        feedback.set_status(f"writing {name}")
        writer(result, out / name)
        written.append(out / name)
        feedback.set_progress(100 * (i + 1) / len(steps))
    return written
