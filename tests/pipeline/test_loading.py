"""The loading use cases on a small project built by code."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import pyogrio
import shapely

from riskmap.core.feedback import RecordingFeedback
from riskmap.core.fields import clean_numeric
from riskmap.core.hazard import get_model
from riskmap.core.layers import LoadedLayer, RasterLayer
from riskmap.core.project import LayerSpec, Project
from riskmap.errors import (
    Canceled,
    FieldMappingError,
    GeometryTypeError,
    ProjectFileError,
    SettingsError,
)
from riskmap.pipeline.loading import (
    load_districts,
    load_layer,
    load_project_data,
    open_project,
    working_crs,
)
from tests.io.fixtures import (
    boxes_frame,
    lonlat_csv,
    tree_digest,
    write_raster,
    write_shapefile,
)

PROJECT = """schema_version = 1

[project]
title = "测试"
cell_size = 50

[districts]
path = "districts.gpkg"

[[layers]]
id = "hazmat"
kind = "test_route"
path = "routes.geojson"
weight = 0.6

[[layers]]
id = "fire"
kind = "test_highrise"
path = "楼栋 数据/buildings.shp"
weight = 0.4
[layers.fields]
floors = "层"

[[layers]]
id = "stations"
kind = "base"
path = "points.csv"

[[layers]]
id = "dem"
kind = "base"
path = "dem.tif"
"""


def _districts(
    folder: Path, names: list[str], crs: int = 4490, column: str = "名称"
) -> Path:
    x = 106.40 + 0.1 * np.arange(len(names))
    frame = gpd.GeoDataFrame(
        {column: names, "code": range(len(names))},
        geometry=shapely.box(x, 29.45, x + 0.1, 29.65),
        crs=crs,
    )
    path = folder / "districts.gpkg"
    pyogrio.write_dataframe(frame, path, layer="districts")
    return path


def _routes(folder: Path) -> Path:
    lines = [
        shapely.LineString([(106.45 + i * 0.05, 29.5), (106.47 + i * 0.05, 29.6)])
        for i in range(4)
    ]
    frame = gpd.GeoDataFrame(
        {
            "日均车次": ["120", "abc", "-5", "40"],
            "危险货物类别": ["3", "2.3", "8", "3"],
        },
        geometry=lines,
        crs=4326,
    )
    path = folder / "routes.geojson"
    pyogrio.write_dataframe(frame, path)
    return path


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    _districts(tmp_path, ["渝中区", "江北区", "渝中区", ""])
    _routes(tmp_path)
    frame = boxes_frame(5).rename(columns={"height_m": "楼高"})
    frame["层"] = [10, 20, 30, 40, 50]
    write_shapefile(
        tmp_path / "楼栋 数据", "buildings", frame, encoding="gbk", cpg=False
    )
    lonlat_csv(tmp_path)
    write_raster(
        tmp_path / "dem.tif",
        np.ones((50, 50), "float32"),
        x0=420_000,
        y0=3_280_000,
        cell=100,
    )
    (tmp_path / "p.riskmap.toml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def test_open_project_checks_every_file(project_dir: Path) -> None:
    project = open_project(project_dir / "p.riskmap.toml")
    assert [s.id for s in project.layers] == ["hazmat", "fire", "stations", "dem"]
    (project_dir / "routes.geojson").unlink()
    with pytest.raises(
        ProjectFileError, match="layer 'hazmat': file not found: "
    ) as err:
        open_project(project_dir / "p.riskmap.toml")
    assert str(project_dir / "routes.geojson") in str(err.value)


def test_load_project_data(project_dir: Path, test_models: None) -> None:
    before = tree_digest(project_dir)
    project = open_project(project_dir / "p.riskmap.toml")
    feedback = RecordingFeedback()
    data = load_project_data(project, feedback)
    assert data.crs == "EPSG:4545"
    assert list(data.districts.frame["name"]) == [
        "渝中区",
        "江北区",
        "渝中区 (2)",
        "district 4",
    ]
    assert data.districts.mapping == {"name": "名称"}
    assert data.districts.frame.crs.to_epsg() == 4545
    assert set(data.vectors) == {"hazmat", "fire", "stations"}
    assert isinstance(data.rasters["dem"], RasterLayer)
    assert data.rasters["dem"].source.crs == "EPSG:4545"
    fire = data.vectors["fire"]
    assert fire.mapping == {"height_m": "楼高", "floors": "层"}
    assert fire.source.encoding == "gbk"
    assert list(fire.frame["名称"]) == [f"楼{i}" for i in range(5)]
    assert data.vectors["stations"].mapping == {}
    assert data.vectors["hazmat"].mapping == {
        "trips": "日均车次",
        "un_class": "危险货物类别",
    }
    assert any(
        "district names used more than once" in w and "渝中区" in w
        for w in data.warnings
    )
    assert any("1 districts have no name; named district 4" in w for w in data.warnings)
    assert (
        feedback.progress == sorted(feedback.progress) and feedback.progress[-1] == 100
    )
    assert any("'fire'" in s for s in feedback.statuses)
    assert tree_digest(project_dir) == before


def test_bad_attribute_values_are_kept_for_the_model_to_count(
    project_dir: Path, test_models: None
) -> None:
    spec = LayerSpec(
        id="hazmat", kind="test_route", path=project_dir / "routes.geojson"
    )
    layer = load_layer(spec, "EPSG:4545")
    assert isinstance(layer, LoadedLayer)
    trips = next(i for i in get_model("test_route").inputs if i.name == "trips")
    values, bad = clean_numeric(layer.frame[layer.mapping["trips"]], trips)
    assert bad == 2  # "abc" and -5
    np.testing.assert_array_equal(np.isnan(values), [False, True, True, False])


def test_layer_errors_name_the_layer(project_dir: Path, test_models: None) -> None:
    routes = project_dir / "routes.geojson"
    with pytest.raises(
        GeometryTypeError, match=r"layer 'r' \(routes.geojson\): holds line geometries"
    ):
        load_layer(LayerSpec(id="r", kind="test_highrise", path=routes), "EPSG:4545")
    with pytest.raises(
        FieldMappingError, match=r"layer 'r' \(routes.geojson\): attribute 'nope'"
    ):
        load_layer(
            LayerSpec(id="r", kind="test_route", path=routes, fields={"trips": "nope"}),
            "EPSG:4545",
        )
    with pytest.raises(SettingsError, match="unknown hazard kind 'volcano'"):
        load_layer(LayerSpec(id="r", kind="volcano", path=routes), "EPSG:4545")
    with pytest.raises(
        SettingsError, match=r"layer 'r' .routes.geojson.: encoding: unknown encoding"
    ):
        load_layer(
            LayerSpec(id="r", kind="test_route", path=routes, encoding="bogus"),
            "EPSG:4545",
        )
    base = load_layer(LayerSpec(id="r", kind="base", path=routes), "EPSG:4545")
    assert base.mapping == {} and len(base) == 4


def test_districts_name_field(project_dir: Path) -> None:
    project = open_project(project_dir / "p.riskmap.toml")
    project.districts.name_field = "code"
    layer = load_districts(project, "EPSG:4545")
    assert list(layer.frame["name"]) == ["0", "1", "2", "3"]
    project.districts.name_field = "名字"
    with pytest.raises(
        FieldMappingError, match="name_field '名字' is not an attribute"
    ) as err:
        load_districts(project, "EPSG:4545")
    assert "名称" in err.value.hint


def test_districts_without_a_name_attribute(tmp_path: Path) -> None:
    _districts(tmp_path, ["a", "b"], column="mc")
    project = Project()
    from riskmap.core.project import DistrictSpec

    project.districts = DistrictSpec(path=tmp_path / "districts.gpkg")
    with pytest.raises(
        FieldMappingError, match="no district name attribute found"
    ) as err:
        load_districts(project, "EPSG:4545")
    assert "attributes are: mc, code" in err.value.hint


def test_working_crs_choices(tmp_path: Path) -> None:
    project = Project()
    assert working_crs(project, (106.3, 29.3, 106.8, 29.8)) == "EPSG:4545"
    assert working_crs(project, (116.2, 39.8, 116.6, 40.0)) == "EPSG:4548"
    beijing = gpd.GeoDataFrame(
        geometry=[shapely.box(116.2, 39.8, 116.6, 40.0)], crs=4490
    )
    assert working_crs(project, beijing.to_crs(3857)) == "EPSG:4548"
    assert working_crs(project, None) == "EPSG:4545"
    project.crs = "EPSG:4547"
    assert working_crs(project, beijing) == "EPSG:4547"
    project.crs = "EPSG:4490"
    with pytest.raises(SettingsError, match="must be projected in metres"):
        working_crs(project, beijing)


def test_working_crs_follows_the_districts(tmp_path: Path) -> None:
    path = tmp_path / "districts.gpkg"
    frame = gpd.GeoDataFrame(
        {"name": ["东城区"]}, geometry=[shapely.box(116.3, 39.8, 116.5, 40.0)], crs=4490
    )
    pyogrio.write_dataframe(frame, path)
    project = Project()
    from riskmap.core.project import DistrictSpec

    project.districts = DistrictSpec(path=path)
    data = load_project_data(project)
    assert data.crs == "EPSG:4548"
    assert data.districts.frame.crs.to_epsg() == 4548


def test_cancel(project_dir: Path, test_models: None) -> None:
    project = open_project(project_dir / "p.riskmap.toml")
    with pytest.raises(Canceled):
        load_project_data(project, RecordingFeedback(cancel_after=2))


def test_missing_districts_table(project_dir: Path) -> None:
    project = open_project(project_dir / "p.riskmap.toml")
    project.districts = None
    with pytest.raises(ProjectFileError, match=r"no \[districts\] layer"):
        load_project_data(project)
