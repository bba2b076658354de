"""Composite, classes, district table and hotspots from hazard surfaces.

Shared by :func:`riskmap.pipeline.scoring.score_project` and
:func:`recombine`, which re-weights a result without running the hazard
models again (the window's live weights, DOMAIN.md 6.2).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import riskmap
from riskmap.core.classify import breaks_for, classify, take_highest
from riskmap.core.districts import district_stats
from riskmap.core.feedback import Feedback, NullFeedback, check
from riskmap.core.grid import Grid
from riskmap.core.hazard import get_model
from riskmap.core.hotspots import hotspot_patches
from riskmap.core.project import LayerSpec, Project
from riskmap.core.result import HazardSurface, Result
from riskmap.core.scoring import (
    apply_exposure,
    check_method,
    combine,
    exposure_index,
    normalise_weights,
    relative_weights,
)
from riskmap.errors import SettingsError
from riskmap.pipeline.fingerprint import fingerprint


def settings_in_force(
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


@dataclass
class Summary:
    composite: np.ndarray  # float64, NaN outside districts
    exposure: np.ndarray | None  # float32
    breaks: tuple[float, float, float]
    classes: np.ndarray
    raised: np.ndarray
    stats: pd.DataFrame
    hotspots: Any
    warnings: list[str]


def summarise(
    grid: Grid,
    surfaces: list[HazardSurface],
    d_index: np.ndarray,
    districts: Any,
    method: str,
    take: bool,
    cls_method: str,
    thresholds: Any,
    population: np.ndarray | None,
    feedback: Feedback,
) -> Summary:
    """Composite, exposure, classes with 就高, district table and hotspots
    from the hazard surfaces (DOMAIN.md 6.3 and 7)."""
    feedback.set_status("combining and classifying")
    inside = d_index >= 0
    hvals = [s.values for s in surfaces]
    wvals = [s.weight for s in surfaces]
    rel = [s.relative_weight for s in surfaces]
    titles = [s.title for s in surfaces]
    r64 = combine(hvals, wvals, method)
    exposure = None
    if population is not None:
        exposure = exposure_index(population, inside)
        r64 = apply_exposure(r64, exposure)
    r64[~inside] = np.nan
    breaks = breaks_for(cls_method, r64[inside], thresholds)
    base = classify(r64, breaks)
    if take:
        # a layer with weight 0 is shown but does not count, not even for 就高
        counted = [h for h, w in zip(hvals, wvals, strict=True) if w > 0]
        classes, raised = take_highest(base, [classify(h, breaks) for h in counted])
    else:
        classes, raised = base, np.zeros(grid.shape, dtype=bool)
    feedback.set_progress(85)
    check(feedback)
    feedback.set_status("district statistics")
    stats = district_stats(
        districts, d_index, r64, classes, grid, breaks, hvals, rel, titles, population
    )
    warnings = []
    empty = stats.loc[stats["cells"] == 0, "district"].tolist()
    if empty:
        warnings.append(
            "districts with no cell centre inside (valued at their representative "
            f"point's cell): {', '.join(map(str, empty))}"
        )
    names = [str(n) for n in districts["name"]]
    patches = hotspot_patches(
        grid, r64, d_index, names, hvals, rel, titles, breaks, classes
    )
    return Summary(
        r64,
        None if exposure is None else exposure.astype(np.float32),
        breaks,
        classes,
        raised,
        stats,
        patches,
        warnings,
    )


def recombine(
    result: Result, project: Project, feedback: Feedback | None = None
) -> Result:
    """``result`` again with the project's current weights, composite method,
    就高 and classification, reusing its hazard surfaces.

    No layer is read or modelled again, so a window can re-weight live
    (DOMAIN.md 6.2). The layers and the exposure layer must be those the
    result was computed with; the sensitivity analysis is dropped.

    Raises
    ------
    SettingsError
        When layers were added, removed or changed kind, or the exposure
        layer changed: score the project again.
    """
    feedback = feedback or NullFeedback()
    specs = project.hazard_layers()
    ids = [s.id for s in specs]
    if ids != [h.layer_id for h in result.hazards] or any(
        s.kind != h.kind for s, h in zip(specs, result.hazards, strict=True)
    ):
        raise SettingsError(
            "the hazard layers changed since the last scoring",
            "score the project again",
        )
    if project.composite.exposure != result.exposure_layer:
        raise SettingsError(
            "the exposure layer changed since the last scoring",
            "score the project again",
        )
    method = check_method(project.composite.method)
    weights = normalise_weights({s.id: s.weight for s in specs})
    surfaces = [replace(h, weight=weights[h.layer_id]) for h in result.hazards]
    rel = relative_weights([s.weight for s in surfaces])
    for s, r in zip(surfaces, rel, strict=True):
        s.relative_weight = float(r)
    summary = summarise(
        result.grid,
        surfaces,
        result.district_index,
        result.districts,
        method,
        project.composite.take_highest,
        project.classification.method,
        project.classification.thresholds,
        result.population,
        feedback,
    )
    settings = settings_in_force(
        project, specs, weights, {s.layer_id: s.params for s in surfaces}
    )
    paths = [Path(project.districts.path)] if project.districts else []
    paths += [Path(s.path) for s in project.layers]
    feedback.set_progress(100)
    return replace(
        result,
        hazards=surfaces,
        composite=summary.composite.astype(np.float32),
        classes=summary.classes,
        raised=summary.raised,
        stats=summary.stats,
        hotspots=summary.hotspots,
        thresholds=summary.breaks,
        method=method,
        take_highest=project.composite.take_highest,
        classification=project.classification.method,
        exposure=summary.exposure,
        fingerprint=fingerprint(paths, settings),
        sensitivity=None,
        parameters={
            **result.parameters,
            **settings,
            "breaks": list(summary.breaks),
            "weights": weights,
        },
    )
