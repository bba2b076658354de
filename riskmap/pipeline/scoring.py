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
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import riskmap
import riskmap.hazards  # registers the built-in hazard models
from riskmap.core import memory
from riskmap.core.classify import TIE_TOLERANCE, breaks_for, classify, take_highest
from riskmap.core.districts import (
    district_index,
    district_stats,
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
from riskmap.core.hotspots import concat_features, hotspot_patches, top_features
from riskmap.core.layers import LoadedLayer, ProjectData, RasterLayer
from riskmap.core.project import CLASSIFICATION_METHODS, LayerSpec, Project
from riskmap.core.result import HazardSurface, Result
from riskmap.core.scoring import (
    apply_exposure,
    check_method,
    combine,
    exposure_index,
    normalise_weights,
    relative_weights,
)
from riskmap.core.sensitivity import DEFAULT_ALPHA, run_sensitivity
from riskmap.errors import GeometryTypeError, SettingsError
from riskmap.hazards.burn import polygon_fill, representative_xy
from riskmap.hazards.common import geometry_kinds
from riskmap.io.raster import read_raster_on_grid
from riskmap.pipeline.fingerprint import fingerprint

#: Threads computing hazard tiles at once.
MAX_WORKERS = 4
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
        if "raster" not in allowed:
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
            f"'{spec.kind}' needs {' or '.join(sorted(allowed - {'raster'}))}",
            "check the layer, or choose the kind that matches its geometry",
        )


def _layer(data: ProjectData, spec: LayerSpec) -> LoadedLayer | RasterLayer:
    if spec.id in data.vectors:
        return data.vectors[spec.id]
    if spec.id in data.rasters:
        return data.rasters[spec.id]
    raise SettingsError(f"layer '{spec.id}' was not loaded", "load the project again")


def _raster_reader(data: ProjectData) -> RasterReader:
    def read(layer_id: str, grid: Grid, resampling: str) -> np.ndarray:
        layer = data.rasters[layer_id]
        return read_raster_on_grid(
            layer.path, grid, resampling=resampling, source_crs=layer.crs
        )

    return read


def _population(
    project: Project, data: ProjectData, grid: Grid, inside: np.ndarray
) -> tuple[np.ndarray | None, list[str]]:
    """People per cell from the exposure layer (raster or points), or None."""
    layer_id = project.composite.exposure
    if not layer_id:
        return None, []
    if layer_id in data.rasters:
        layer = data.rasters[layer_id]
        pop = read_raster_on_grid(
            layer.path, grid, resampling="sum", source_crs=layer.crs
        )
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


def _settings(
    project: Project,
    specs: list[LayerSpec],
    weights: dict[str, float],
    params: dict[str, Any],
) -> dict[str, Any]:
    return {
        "riskmap": riskmap.__version__,
        "crs": project.crs,
        "cell_size": project.cell_size,
        "extent": project.extent,
        "method": project.composite.method,
        "take_highest": project.composite.take_highest,
        "exposure": project.composite.exposure,
        "classification": project.classification.method,
        "thresholds": list(project.classification.thresholds),
        "layers": {
            s.id: {
                "kind": s.kind,
                "version": get_model(s.kind).version,
                "weight": weights[s.id],
                "fields": dict(sorted(s.fields.items())),
                "params": params[s.id],
            }
            for s in specs
        },
    }


class _WorkerFeedback:
    """What a worker thread may do with the feedback: ask whether to stop.

    Progress is reported by the calling thread as tiles complete, so that a
    GUI or test feedback only ever hears from one thread.
    """

    def __init__(self, parent: Feedback, abort: threading.Event) -> None:
        self._parent = parent
        self._abort = abort

    def set_progress(self, percent: float) -> None:
        pass

    def set_status(self, text: str) -> None:
        pass

    def is_canceled(self) -> bool:
        return self._abort.is_set() or self._parent.is_canceled()


def _intensities(
    prepared: list[tuple[LayerSpec, HazardModel, Any, Prepared, HazardContext]],
    tiles: list,
    values: list[np.ndarray],
    workers: int,
    feedback: Feedback,
) -> None:
    """Every hazard on every tile, on ``workers`` threads (numpy releases the
    GIL in its array loops); each job fills its own rows of ``values``."""
    jobs = [(k, tile) for k in range(len(prepared)) for tile in tiles]
    abort = threading.Event()
    quiet = _WorkerFeedback(feedback, abort)

    def run(k: int, tile: Any) -> tuple[int, Any, np.ndarray]:
        _, model, params, prep, _ = prepared[k]
        return k, tile, model.intensity(prep, tile, params, quiet)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run, k, tile) for k, tile in jobs]
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                k, tile, h = future.result()
                values[k][tile.rows] = np.clip(h, 0.0, 1.0)
                feedback.set_progress(5 + 75 * done / len(jobs))
                check(feedback)
        except BaseException:
            abort.set()
            for future in futures:
                future.cancel()
            raise


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
        if isinstance(layer, LoadedLayer):
            warnings.extend(f"layer '{spec.id}': {w}" for w in layer.warnings)
            if len(layer.frame) == 0:
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
    if workers > 1 and rows >= grid.nrows and grid.nrows >= 64:
        rows = math.ceil(grid.nrows / workers)  # give every core a tile

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
    _intensities(prepared, tiles, values, workers, feedback)
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
            )
        )
    rel = relative_weights([s.weight for s in surfaces])
    for s, r in zip(surfaces, rel, strict=True):
        s.relative_weight = float(r)

    # ------------------------------------------------------------ composite
    check(feedback)
    feedback.set_status("combining and classifying")
    hvals = [s.values for s in surfaces]
    wvals = [s.weight for s in surfaces]
    r64 = combine(hvals, wvals, method)
    population, notes = _population(project, data, grid, inside)
    warnings.extend(notes)
    exposure = None
    if population is not None:
        exposure = exposure_index(population, inside)
        r64 = apply_exposure(r64, exposure)
    r64[~inside] = np.nan
    breaks = breaks_for(cls_method, r64[inside], project.classification.thresholds)
    base = classify(r64, breaks)
    if project.composite.take_highest:
        # a layer with weight 0 is shown but does not count, not even for 就高
        counted = [h for h, w in zip(hvals, wvals, strict=True) if w > 0]
        classes, raised = take_highest(base, [classify(h, breaks) for h in counted])
    else:
        classes, raised = base, np.zeros(grid.shape, dtype=bool)
    feedback.set_progress(85)

    # ------------------------------------------------------------ districts
    check(feedback)
    feedback.set_status("district statistics")
    stats = district_stats(
        data.districts.frame,
        d_index,
        r64,
        classes,
        grid,
        breaks,
        hvals,
        list(rel),
        [s.title for s in surfaces],
        population,
    )
    empty = stats.loc[stats["cells"] == 0, "district"].tolist()
    if empty:
        warnings.append(
            "districts with no cell centre inside (valued at their representative "
            f"point's cell): {', '.join(map(str, empty))}"
        )
    patches = hotspot_patches(
        grid,
        r64,
        d_index,
        names,
        hvals,
        list(rel),
        [s.title for s in surfaces],
        breaks,
        classes,
    )
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
    settings = _settings(project, specs, weights, params_in_force)
    paths = [Path(project.districts.path)] if project.districts else []
    paths += [Path(s.path) for s in project.layers]
    result = Result(
        grid=grid,
        hazards=surfaces,
        composite=r64.astype(np.float32),
        classes=classes,
        raised=raised,
        district_index=d_index,
        districts=data.districts.frame[["name", "geometry"]].copy(),
        stats=stats,
        hotspots=patches,
        thresholds=breaks,
        method=method,
        take_highest=project.composite.take_highest,
        fingerprint=fingerprint(paths, settings),
        warnings=warnings,
        classification=cls_method,
        exposure=None if exposure is None else exposure.astype(np.float32),
        exposure_layer=project.composite.exposure,
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
            hvals,
            wvals,
            method,
            project.composite.take_highest,
            breaks,
            d_index,
            stats["level_code"].to_numpy(),
            stats["mean"].to_numpy(),
            representative_cells=rep,
            population=population,
            exposure=exposure,
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
