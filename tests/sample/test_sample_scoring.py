"""Loading and scoring the bundled sample: the risk pattern the data implies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import pyogrio
import shapely

from riskmap.core.levels import LEVELS
from riskmap.core.result import Result
from riskmap.io.project_file import load_project
from riskmap.pipeline.loading import load_project_data
from riskmap.pipeline.scoring import score_project
from tools.samplegen.base import work_xy
from tools.samplegen.geography import CENTRES, DISTRICTS, RIDGES

VECTOR_LAYERS = {
    "hazmat": "hazmat_routes.gpkg",
    "fire": "highrise_buildings.gpkg",
    "landslide": "landslide_zones.gpkg",
    "stations": "fire_stations.gpkg",
    "rivers": "rivers.gpkg",
}


@pytest.fixture(scope="module")
def project(sample_path: Path):
    return load_project(sample_path / "chongqing_sample.riskmap.toml")


@pytest.fixture(scope="module")
def data(project):
    return load_project_data(project)


@pytest.fixture(scope="module")
def result(project, data) -> Result:
    return score_project(project, data)


def _cell_centres(result: Result, mask: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(mask)
    g = result.grid
    return np.column_stack([g.x0 + (cols + 0.5) * g.cell, g.y0 - (rows + 0.5) * g.cell])


def _surface(result: Result, layer_id: str) -> np.ndarray:
    (surface,) = [h for h in result.hazards if h.layer_id == layer_id]
    return np.where(result.district_index >= 0, surface.values, np.nan)


def test_loading_keeps_every_feature_in_the_working_crs(
    data, sample_path: Path
) -> None:
    for layer_id, file in VECTOR_LAYERS.items():
        loaded = data.vectors[layer_id]
        stored = pyogrio.read_info(sample_path / file)["features"]
        # Every sample geometry is valid: nothing may be dropped on the way.
        assert len(loaded) == stored, layer_id
        assert loaded.frame.crs == "EPSG:4545", layer_id
    assert len(data.vectors["fire"]) == 20_000
    assert len(data.vectors["stations"]) == 50
    assert set(data.rasters) == {"dem", "population"}


def test_scoring_gives_all_four_levels_and_one_row_per_district(result: Result) -> None:
    assert result.grid.crs == "EPSG:4545" and result.grid.cell == 100
    inside = result.classes[result.district_index >= 0]
    assert set(np.unique(inside)) == {level.code for level in LEVELS}
    stats = result.stats
    assert sorted(stats["district"]) == sorted(d.name for d in DISTRICTS)
    shares = stats[["share_blue", "share_yellow", "share_orange", "share_red"]]
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, atol=1e-6)
    assert (stats["cells"] > 0).all()


def test_fire_hotspots_lie_in_the_commercial_centres(result: Result) -> None:
    fire = _surface(result, "fire")
    top = np.argsort(np.nan_to_num(fire, nan=-1.0), axis=None)[-50:]
    mask = np.zeros(fire.shape, bool)
    mask.flat[top] = True
    cells = _cell_centres(result, mask)
    cbd = work_xy([c.lonlat for c in CENTRES if c.cbd])
    dist = np.hypot(*(cells[:, None, :] - cbd[None, :, :]).transpose(2, 0, 1)).min(1)
    # Older, taller, busier stock with more failed systems sits in the seven
    # CBDs (解放碑, 江北嘴, 观音桥, 杨家坪, 南坪, 沙坪坝, 大坪).
    assert (dist < 2_000.0).mean() >= 0.7


def test_landslide_hotspots_lie_on_the_ridges(result: Result) -> None:
    landslide = _surface(result, "landslide")
    cells = _cell_centres(result, np.nan_to_num(landslide) >= 0.99)
    assert len(cells) > 100
    ridges = shapely.union_all([shapely.LineString(work_xy(r.line)) for r in RIDGES])
    dist = shapely.distance(shapely.points(cells), ridges)
    assert (dist < 3_000.0).mean() > 0.9


def test_hazmat_surface_follows_the_routes(result: Result, data) -> None:
    hazmat = _surface(result, "hazmat")
    cells = _cell_centres(result, np.nan_to_num(hazmat) >= 0.5)
    assert len(cells) > 100
    routes = shapely.union_all(data.vectors["hazmat"].frame.geometry.values)
    dist = shapely.distance(shapely.points(cells), routes)
    # Within the largest ERG reach (5 km fallback for the one 2.3 section).
    assert dist.max() < 5_500.0
    assert (dist < 1_000.0).mean() > 0.6


def test_ridges_and_gorges_make_the_landslide_districts_stand_out(
    result: Result,
) -> None:
    stats = result.stats.set_index("district")
    # 渝中 is all city and river banks: no ridge crosses it.
    assert stats.loc["渝中区", "share_red"] < stats["share_red"].median()


def test_pages_state_the_toxic_gas_placeholder(project, data, result, tmp_path) -> None:
    """The sample's three 2.3 routes use placeholder distances: every page
    says so in its fine print."""
    from pypdf import PdfReader

    from riskmap.pipeline.printing import export_map

    (hazmat,) = [h for h in result.hazards if h.kind == "hazmat_route"]
    assert len(hazmat.map_notes) == 1
    out = tmp_path / "渝中区.pdf"
    export_map(project, data, result, "渝中区", out, dpi=50)
    text = PdfReader(out).pages[0].extract_text().replace("\n", "")
    assert "注：危化品道路运输：3 条 2.3 类（毒性气体）路线按保守占位距离" in text
