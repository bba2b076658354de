"""score_project and write_outputs on a tiny project of real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pyogrio
import rasterio

from riskmap.core.feedback import RecordingFeedback
from riskmap.errors import (
    Canceled,
    FieldMappingError,
    GeometryTypeError,
    GridTooLargeError,
    OutputWriteError,
    SettingsError,
)
from riskmap.io import outputs
from riskmap.io.project_file import load_project
from riskmap.pipeline.loading import load_project_data
from riskmap.pipeline.scoring import score_project, write_outputs
from tests.pipeline.conftest import write_project

B_FIRE = 0.2 * 0.7 + 0.8 * 0.5  # 住宅 80 m, everything else unknown: 0.54


def score(folder: Path, **kw):
    project = load_project(folder / "test.riskmap.toml")
    return score_project(project, load_project_data(project), **kw)


def union(*terms: float) -> float:
    keep = 1.0
    for t in terms:
        keep *= 1 - t
    return 1 - keep


def test_hand_computed_cells(project_dir: Path) -> None:
    r = score(project_dir)
    route, slide, fire = r.surface("route"), r.surface("slide"), r.surface("fire")
    # weights 0.3 / 0.5 / 0.2 -> relative to the largest: 0.6 / 1 / 0.4
    assert slide.relative_weight == pytest.approx(0.6)
    # cell (14, 0): centre (10, 10) in the 极高 zone, 140 m from the route
    assert slide.values[14, 0] == 1.0 and route.values[14, 0] == 0.0
    assert r.composite[14, 0] == pytest.approx(0.6)
    # the thresholds give 较大, the landslide alone is 重大: 就高 raises it
    assert r.classes[14, 0] == 4 and r.raised[14, 0]
    # cell (6, 3): 20 m from the route
    assert route.values[6, 3] == pytest.approx(0.8)
    assert r.composite[6, 3] == pytest.approx(0.8)
    # cell (3, 1): the 80 m tower touches it; 80 m from the route
    assert fire.values[3, 1] == pytest.approx(B_FIRE)
    assert r.composite[3, 1] == pytest.approx(union(0.2, 0.4 * B_FIRE), rel=1e-6)
    assert fire.values[3, 6] == 0.0  # the 20 m building is not high-rise


def test_union_and_weighted_sum_differ(project_dir: Path) -> None:
    write_project(project_dir, method="weighted_sum", take_highest=False)
    r = score(project_dir)
    assert r.composite[14, 0] == pytest.approx(0.3)
    assert r.classes[14, 0] == 2 and not r.raised.any()
    assert r.composite[3, 1] == pytest.approx(0.5 * 0.2 + 0.2 * B_FIRE, rel=1e-6)


def test_a_layer_with_weight_zero_does_not_raise_classes(project_dir: Path) -> None:
    path = project_dir / "test.riskmap.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("weight = 0.3", "weight = 0"),
        encoding="utf-8",
    )
    r = score(project_dir)
    assert r.surface("slide").values[14, 0] == 1.0  # still computed and shown
    assert r.composite[14, 0] == 0.0 and r.classes[14, 0] == 1
    assert not r.raised[14, 0]
    assert r.explain(3, 1).raised_by == "高层火灾"  # the tower still raises its cells


def test_every_district_keeps_its_row(project_dir: Path) -> None:
    r = score(project_dir)
    s = r.stats
    assert s["district"].tolist() == ["西城", "东城", "小岛", "西城 (2)"]
    east, island, north = s.iloc[1], s.iloc[2], s.iloc[3]
    # 东城 has no hazard of its own (the route's decay reaches its edge)
    assert east.cells == 150 and east.level == "低风险"
    # the 5 m island has no cell centre: the value of its cell
    assert island.cells == 0 and island["mean"] == pytest.approx(r.composite[9, 5])
    # the duplicate 西城 is kept apart
    assert north.cells == 20 and north["max"] == 0 and north.dominant_hazard == ""
    warnings = " ".join(r.warnings)
    assert "used more than once" in warnings and "西城" in warnings
    assert "小岛" in warnings


def test_outside_the_districts_is_empty(project_dir: Path) -> None:
    r = score(project_dir)
    outside = r.district_index < 0
    assert np.isnan(r.composite[outside]).all()
    assert (r.classes[outside] == 0).all()
    for h in r.hazards:
        assert np.isnan(h.values[outside]).all()


def test_explanation_names_the_rule(project_dir: Path) -> None:
    r = score(project_dir)
    e = r.explain(14, 0)
    assert e.district == "西城" and e.rule == "就高" and e.raised_by == "地质灾害"
    assert e.threshold_code == 3 and e.level_code == 4
    assert sum(p.contribution for p in e.hazards) == pytest.approx(e.composite)
    parts = {p.layer_id: p for p in e.hazards}
    assert parts["slide"].intensity == 1.0 and parts["slide"].level_code == 4
    e = r.explain(6, 3)
    assert e.rule == "threshold" and e.raised_by is None
    assert "class 重大风险 by the thresholds" in "\n".join(e.lines())


def test_hotspots_and_top_features(project_dir: Path) -> None:
    r = score(project_dir)
    top = r.hotspots.iloc[0]
    assert top["rank"] == 1 and top.score == pytest.approx(np.nanmax(r.composite))
    assert top.district == "西城" and top.dominant_hazard == "危化品"
    assert 107.9 < top.lon < 108.1 and 29.4 < top.lat < 29.7
    feats = r.top_features
    slide = feats[feats.layer == "slide"]
    assert slide.score.tolist() == [1.0, 0.5]
    assert feats[feats.layer == "fire"].score.tolist() == pytest.approx([B_FIRE])


@pytest.mark.parametrize("rows,workers", [(4, 1), (4, 3), (1, 2)])
def test_tiles_and_threads_give_the_same_result(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch, rows: int, workers: int
) -> None:
    from riskmap.core import memory
    from riskmap.pipeline import scoring

    whole = score(project_dir)
    real = memory.plan

    def small_tiles(*args, **kw):
        plan = real(*args, **kw)
        return memory.MemoryPlan(plan.persistent, plan.per_tile, rows, plan.available)

    monkeypatch.setattr(scoring.memory, "plan", small_tiles)
    monkeypatch.setattr(scoring, "MAX_WORKERS", workers)
    tiled = score(project_dir)
    for a, b in zip(whole.hazards, tiled.hazards, strict=True):
        np.testing.assert_array_equal(a.values, b.values)
    np.testing.assert_array_equal(whole.composite, tiled.composite)
    np.testing.assert_array_equal(whole.classes, tiled.classes)
    pd.testing.assert_frame_equal(whole.stats, tiled.stats)


def test_a_grid_too_large_is_refused_before_any_work(project_dir: Path) -> None:
    fb = RecordingFeedback()
    with pytest.raises(GridTooLargeError, match="needs about") as err:
        score(project_dir, available_memory=2**20, feedback=fb)
    assert "cell_size = " in err.value.hint
    assert not any("preparing" in s for s in fb.statuses)


def test_settings_errors_name_the_culprit(project_dir: Path) -> None:
    text = (project_dir / "test.riskmap.toml").read_text(encoding="utf-8")
    (project_dir / "test.riskmap.toml").write_text(
        text.replace('kind = "highrise_fire"', 'kind = "flood"'), encoding="utf-8"
    )
    with pytest.raises(SettingsError) as err:
        score(project_dir)
    assert "unknown hazard kind 'flood'" in str(err.value)
    assert "generic, hazmat_route, highrise_fire, landslide" in err.value.hint

    (project_dir / "test.riskmap.toml").write_text(
        text.replace(
            "weight = 0.2\n", 'weight = 0.2\n[layers.fields]\nheight_m = "楼层高度"\n'
        ),
        encoding="utf-8",
    )
    with pytest.raises(FieldMappingError, match=r"layer 'fire' .*attribute '楼层高度'"):
        score(project_dir)

    (project_dir / "test.riskmap.toml").write_text(
        text.replace('kind = "landslide"', 'kind = "hazmat_route"'), encoding="utf-8"
    )
    with pytest.raises((GeometryTypeError, FieldMappingError)):
        score(project_dir)

    (project_dir / "test.riskmap.toml").write_text(
        text.replace("decay = 100", "decay = -5"), encoding="utf-8"
    )
    with pytest.raises(SettingsError, match="layer 'route': parameter 'decay'"):
        score(project_dir)


def test_wrong_geometry_for_the_kind(project_dir: Path) -> None:
    text = (project_dir / "test.riskmap.toml").read_text(encoding="utf-8")
    (project_dir / "test.riskmap.toml").write_text(
        text.replace('path = "slides.gpkg"', 'path = "routes.gpkg"').replace(
            "weight = 0.3\n",
            'weight = 0.3\n[layers.fields]\nsusceptibility = "daily_trips"\n',
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        GeometryTypeError, match=r"layer 'slide' .*holds line geometries"
    ):
        score(project_dir)


def test_cancel_stops_at_a_checkpoint(project_dir: Path) -> None:
    with pytest.raises(Canceled):
        score(project_dir, feedback=RecordingFeedback(cancel_after=3))


def test_progress_is_reported(project_dir: Path) -> None:
    fb = RecordingFeedback()
    score(project_dir, feedback=fb)
    assert fb.progress[-1] == 100 and fb.progress == sorted(fb.progress)
    assert any("scoring the hazard layers" in s for s in fb.statuses)


def test_exposure_from_population_points(project_dir: Path) -> None:
    import geopandas as gpd
    import shapely

    from tests.pipeline.conftest import CRS, at

    pop = gpd.GeoDataFrame(
        {"人口": [1000.0, 10.0]},
        geometry=[shapely.Point(at(10, 10)), shapely.Point(at(70, 170))],
        crs=CRS,
    )
    pop.to_file(project_dir / "pop.gpkg", driver="GPKG", engine="pyogrio")
    write_project(
        project_dir,
        extra='\n[[layers]]\nid = "pop"\nkind = "base"\npath = "pop.gpkg"\n',
        composite_extra='exposure = "pop"',
    )
    r = score(project_dir)
    assert r.exposure is not None and r.exposure_layer == "pop"
    # E = 1 at the most populated cell, 0 where nobody lives
    assert r.exposure[14, 0] == pytest.approx(1.0)
    assert r.composite[14, 0] == pytest.approx(np.sqrt(0.6 * 1.0))
    assert r.composite[0, 0] == 0.0
    e = r.explain(14, 0)
    assert e.exposure == pytest.approx(1.0) and e.score == pytest.approx(np.sqrt(0.6))


# ---------------------------------------------------------------- outputs


def test_outputs_read_back(project_dir: Path) -> None:
    r = score(project_dir)
    out = project_dir / "out"
    paths = write_outputs(r, out)
    assert [p.name for p in paths] == [
        "risk.tif",
        "classes.tif",
        "districts.csv",
        "districts.gpkg",
        "hotspots.gpkg",
    ]
    with rasterio.open(out / "risk.tif") as src:
        assert src.count == 4 and src.dtypes[0] == "float32"
        assert src.crs.to_epsg() == 4545
        assert src.transform.c == r.grid.x0 and src.transform.f == r.grid.y0
        assert src.transform.a == 20 and src.transform.e == -20
        assert src.nodata == outputs.NODATA
        assert src.descriptions == (
            "composite R (union)",
            "地质灾害 (landslide)",
            "危化品 (generic)",
            "高层火灾 (highrise_fire)",
        )
        band = src.read(1, masked=True)
        assert band.mask[r.district_index < 0].all()
        np.testing.assert_allclose(band.filled(np.nan), r.composite, equal_nan=True)
        assert src.tags()["fingerprint"] == r.fingerprint
    with rasterio.open(out / "classes.tif") as src:
        assert src.dtypes[0] == "uint8" and src.nodata == 0
        np.testing.assert_array_equal(src.read(1), r.classes)
        assert src.colormap(1)[4][:3] == (0xE8, 0x26, 0x2B)
    raw = (out / "districts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(out / "districts.csv", encoding="utf-8-sig")
    assert list(csv.columns) == [
        "district",
        "cells",
        "mean",
        "max",
        "share_blue",
        "share_yellow",
        "share_orange",
        "share_red",
        "level",
        "dominant_hazard",
    ]
    assert csv["district"].tolist() == ["西城", "东城", "小岛", "西城 (2)"]
    assert csv["level"].iloc[0] == "较大风险"
    g = pyogrio.read_dataframe(out / "districts.gpkg")
    assert g.crs.to_epsg() == 4545 and g["district"].tolist()[1] == "东城"
    assert g["level_code"].tolist() == r.stats["level_code"].tolist()
    with sqlite3.connect(out / "districts.gpkg") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200  # GPKG 1.2
    layers = [name for name, _ in pyogrio.list_layers(out / "hotspots.gpkg")]
    assert layers == ["patches", "features"]
    feats = pyogrio.read_dataframe(out / "hotspots.gpkg", layer="features")
    assert set(feats["layer"]) == {"slide", "route", "fire"}


def test_rerun_gives_identical_files(project_dir: Path) -> None:
    a = write_outputs(score(project_dir), project_dir / "a")
    b = write_outputs(score(project_dir), project_dir / "b")
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_sensitivity_outputs(project_dir: Path) -> None:
    r = score(project_dir, sensitivity_runs=50, seed=3)
    paths = write_outputs(r, project_dir / "out")
    assert paths[-1].name == "sensitivity.tif"
    csv = pd.read_csv(project_dir / "out" / "districts.csv", encoding="utf-8-sig")
    for col in ("p_red", "rank_p05", "rank_p95", "unstable"):
        assert col in csv.columns
    with rasterio.open(paths[-1]) as src:
        p = src.read(1, masked=True)
        assert p.max() <= 1 and p.min() >= 0
    again = score(project_dir, sensitivity_runs=50, seed=3)
    pd.testing.assert_frame_equal(r.stats, again.stats)


def test_a_failed_write_keeps_the_previous_file(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = score(project_dir)
    out = project_dir / "out"
    write_outputs(r, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    real = rasterio.open

    def failing(path, mode="r", **kw):
        if mode == "w":
            ds = real(path, mode, **kw)
            ds.close()
            raise rasterio.errors.RasterioIOError("disk full while writing")
        return real(path, mode, **kw)

    monkeypatch.setattr(outputs.rasterio, "open", failing)
    with pytest.raises(OutputWriteError, match=r"risk\.tif: the disk is full"):
        write_outputs(r, out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # previous files intact, no partial file left


def test_a_failed_gpkg_write_leaves_no_partial_file(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = score(project_dir)
    out = project_dir / "out"
    out.mkdir()

    real = pyogrio.write_dataframe
    calls = []

    def failing(*args, **kw):
        calls.append(1)
        real(*args, **kw)
        if len(calls) == 2:  # after the first layer of hotspots.gpkg is written
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.pyogrio, "write_dataframe", failing)
    with pytest.raises(OutputWriteError, match=r"hotspots\.gpkg"):
        write_outputs(r, out)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["classes.tif", "districts.csv", "districts.gpkg", "risk.tif"]


def test_fingerprint_follows_the_inputs(project_dir: Path) -> None:
    a = score(project_dir).fingerprint
    assert score(project_dir).fingerprint == a
    text = (project_dir / "test.riskmap.toml").read_text(encoding="utf-8")
    (project_dir / "test.riskmap.toml").write_text(
        text.replace("weight = 0.5", "weight = 0.6"), encoding="utf-8"
    )
    assert score(project_dir).fingerprint != a


def test_recombine_reweights_without_rescoring(project_dir: Path) -> None:
    from riskmap.pipeline.scoring import recombine

    project = load_project(project_dir / "test.riskmap.toml")
    data = load_project_data(project)
    first = score_project(project, data)
    # what the window does when a weight slider moves
    project.layer("slide").weight = 0.0
    project.composite.method = "weighted_sum"
    project.composite.take_highest = False
    again = recombine(first, project)
    write_project(project_dir, method="weighted_sum", take_highest=False)
    text = (project_dir / "test.riskmap.toml").read_text(encoding="utf-8")
    (project_dir / "test.riskmap.toml").write_text(
        text.replace("weight = 0.3", "weight = 0"), encoding="utf-8"
    )
    full = score(project_dir)
    np.testing.assert_array_equal(again.composite, full.composite)
    np.testing.assert_array_equal(again.classes, full.classes)
    pd.testing.assert_frame_equal(again.stats, full.stats)
    assert again.fingerprint == full.fingerprint != first.fingerprint
    assert again.hazards[0].values is first.hazards[0].values  # reused, not redone
    project.layers.pop(0)
    with pytest.raises(SettingsError, match="hazard layers changed"):
        recombine(first, project)


def test_top_features_outside_the_districts_are_left_out(project_dir: Path) -> None:
    import geopandas as gpd
    import shapely

    from tests.pipeline.conftest import CRS, at, box

    # the most dangerous zone lies outside every district
    gpd.GeoDataFrame(
        {"易发性": ["低", "极高"]},
        geometry=[box(0, 0, 60, 60), shapely.box(*at(-900, -900), *at(-800, -800))],
        crs=CRS,
    ).to_file(project_dir / "slides.gpkg", driver="GPKG", engine="pyogrio")
    feats = score(project_dir).top_features
    slide = feats[feats.layer == "slide"]
    assert slide.score.tolist() == [0.25] and slide.district.tolist() == ["西城"]
