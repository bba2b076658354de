"""Every supported format read through to the working CRS."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import pyogrio
import shapely
from pyproj import Transformer

from riskmap.errors import CRSMismatchError, LayerReadError, MissingCRSError
from riskmap.io.inspect import inspect_file
from riskmap.io.sources import finish, prepare, source_path
from riskmap.io.vector import list_layers
from tests.io.fixtures import (
    LAT,
    LON,
    NAMES,
    crs84_geojson,
    lonlat_csv,
    points_frame,
    write_csv,
    write_shapefile,
)

TO_4545 = Transformer.from_crs(4326, 4545, always_xy=True)
EXPECTED_X, EXPECTED_Y = TO_4545.transform(LON, LAT)


def _xy(frame) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    coords = shapely.get_coordinates(frame.geometry.values._data)
    return coords[:, 0], coords[:, 1]


def _load(path: Path, **kw: object):  # type: ignore[no-untyped-def]
    layer = prepare(path, **kw)
    frame, info = finish(layer, "EPSG:4545")
    return layer, frame, info


def test_geopackage_in_4490_lands_to_the_centimetre(tmp_path: Path) -> None:
    path = tmp_path / "pts.gpkg"
    pyogrio.write_dataframe(points_frame(4490), path, layer="pts")
    _layer, frame, info = _load(path)
    x, y = _xy(frame)
    ex, ey = Transformer.from_crs(4490, 4545, always_xy=True).transform(LON, LAT)
    np.testing.assert_allclose(x, ex, atol=0.01)
    np.testing.assert_allclose(y, ey, atol=0.01)
    assert (info.driver, info.crs, info.crs_how) == (
        "GPKG",
        "EPSG:4490",
        "from the file",
    )
    assert frame.crs.to_epsg() == 4545
    assert list(frame["名称"]) == NAMES


def test_every_layer_of_a_geopackage_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "multi.gpkg"
    pyogrio.write_dataframe(points_frame(), path, layer="一")
    pyogrio.write_dataframe(points_frame(), path, layer="two")
    assert list_layers(path, "multi.gpkg") == [("一", "Point"), ("two", "Point")]
    with pytest.raises(
        LayerReadError, match=r"holds 2 layers; riskmap does not guess"
    ) as err:
        prepare(path)
    assert "layers: 一, two" in err.value.hint
    with pytest.raises(LayerReadError, match=r"has no layer 'three'"):
        prepare(path, "three")
    assert len(prepare(path, "two").frame) == 3


def test_crs84_geojson(tmp_path: Path) -> None:
    _, frame, info = _load(crs84_geojson(tmp_path))
    x, y = _xy(frame)
    np.testing.assert_allclose(x, EXPECTED_X, atol=0.01)
    np.testing.assert_allclose(y, EXPECTED_Y, atol=0.01)
    assert list(frame["名称"]) == NAMES
    assert info.encoding == "utf-8"


def test_rfc7946_geojson_without_crs_member_is_wgs84(tmp_path: Path) -> None:
    path = tmp_path / "rfc.geojson"
    pyogrio.write_dataframe(points_frame(), path, driver="GeoJSON", RFC7946="YES")
    _, frame, _ = _load(path)
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)


def test_kml(tmp_path: Path) -> None:
    path = tmp_path / "points.kml"
    pyogrio.write_dataframe(points_frame(), path, driver="KML")
    _, frame, info = _load(path)
    assert list(frame["名称"]) == NAMES
    np.testing.assert_allclose(_xy(frame)[1], EXPECTED_Y, atol=0.01)
    assert info.driver in ("KML", "LIBKML")


def test_filegdb(tmp_path: Path) -> None:
    path = tmp_path / "data.gdb"
    pyogrio.write_dataframe(points_frame(), path, driver="OpenFileGDB", layer="pts")
    pyogrio.write_dataframe(
        points_frame().to_crs(4545), path, driver="OpenFileGDB", layer="proj"
    )
    assert [n for n, _ in list_layers(path, "data.gdb")] == ["pts", "proj"]
    for name in ("pts", "proj"):
        _, frame, info = _load(path, layer=name)
        assert info.driver == "OpenFileGDB"
        np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)
        assert list(frame["名称"]) == NAMES


def test_a_file_picked_inside_a_filegdb_reads_the_geodatabase(tmp_path: Path) -> None:
    path = tmp_path / "Sites.GDB"  # the suffix in any case
    pyogrio.write_dataframe(points_frame(), path, driver="OpenFileGDB", layer="pts")
    pyogrio.write_dataframe(
        points_frame().to_crs(4545), path, driver="OpenFileGDB", layer="proj"
    )
    # the first table is GDAL's system catalogue: opened alone it is no layer
    # of the user's
    inside = sorted(path.glob("*.gdbtable"))[0]
    assert [n for n, _ in list_layers(inside, inside.name)] != ["pts", "proj"]
    assert source_path(inside) == path and source_path(path) == path
    assert source_path(tmp_path / "a.shp") == tmp_path / "a.shp"
    layer, frame, info = _load(inside, layer="proj")
    assert (info.path, info.layer, info.driver) == (path, "proj", "OpenFileGDB")
    assert layer.where == "Sites.GDB" and frame.crs.to_epsg() == 4545
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)
    assert list(frame["名称"]) == NAMES
    report = inspect_file(inside, None, [])
    assert report.path == path and [n for n, _ in report.layers] == ["pts", "proj"]


def test_shapefile_without_prj_but_lonlat_is_assumed_wgs84_with_a_warning(
    tmp_path: Path,
) -> None:
    path = write_shapefile(tmp_path, "noprj", points_frame(), prj=False)
    layer, frame, info = _load(path)
    assert info.crs == "EPSG:4326"
    assert info.crs_how.startswith("assumed")
    assert any(
        "no CRS in the file; every coordinate is a plausible lon/lat" in w
        for w in layer.warnings
    )
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)


def test_shapefile_without_prj_in_metres_needs_source_crs(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "noprj", points_frame().to_crs(4545), prj=False)
    with pytest.raises(
        MissingCRSError, match=r"noprj.shp: has no coordinate reference system"
    ) as err:
        prepare(path)
    assert '"EPSG:4545"' in err.value.hint
    _, frame, info = _load(path, source_crs="EPSG:4545")
    assert info.crs_how == "declared in the project (source_crs)"
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)


def test_zone_prefixed_coordinates_suggest_their_code(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "prefix", points_frame().to_crs(4524), prj=False)
    with pytest.raises(MissingCRSError) as err:
        prepare(path)
    assert '"EPSG:4524"' in err.value.hint


def test_declared_crs_overrides_a_wrong_one_with_a_warning(tmp_path: Path) -> None:
    wrong = points_frame().to_crs(4545).set_crs(3857, allow_override=True)
    path = tmp_path / "wrong.gpkg"
    pyogrio.write_dataframe(wrong, path)
    layer, frame, _ = _load(path, source_crs="EPSG:4545")
    assert any(
        "source_crs EPSG:4545 overrides the file's CRS EPSG:3857" in w
        for w in layer.warnings
    )
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)


def test_csv_with_chinese_lonlat_columns_in_gbk(tmp_path: Path) -> None:
    _layer, frame, info = _load(lonlat_csv(tmp_path))
    assert list(frame["名称"]) == NAMES
    assert list(frame["高度"]) == [30, 120, 54]
    assert info.encoding == "gbk"
    assert "经度" in info.crs_how and "EPSG:4326" in info.crs_how
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)
    np.testing.assert_allclose(_xy(frame)[1], EXPECTED_Y, atol=0.01)


def test_csv_with_projected_columns_and_declared_crs(tmp_path: Path) -> None:
    rows = "\n".join(
        f"{x:.3f};{y:.3f}" for x, y in zip(EXPECTED_X, EXPECTED_Y, strict=True)
    )
    path = write_csv(tmp_path / "e.csv", "东坐标;北坐标\n" + rows)
    with pytest.raises(
        MissingCRSError, match=r"e.csv: has no coordinate reference system"
    ):
        prepare(path)
    _, frame, _ = _load(path, source_crs="EPSG:4545")
    np.testing.assert_allclose(_xy(frame)[0], EXPECTED_X, atol=0.01)


def test_csv_with_swapped_lonlat_suggests_the_columns(tmp_path: Path) -> None:
    rows = "\n".join(f"{y},{x}" for x, y in zip(LON, LAT, strict=True))
    path = write_csv(tmp_path / "s.csv", "lon,lat\n" + rows)
    with pytest.raises(
        CRSMismatchError, match=r"s.csv: longitude and latitude seem swapped"
    ) as err:
        prepare(path)
    assert "'lon' is read as x" in err.value.hint


def test_csv_xy_swapped_without_crs_is_called_swapped(tmp_path: Path) -> None:
    rows = "\n".join(f"{y},{x}" for x, y in zip(LON, LAT, strict=True))
    path = write_csv(tmp_path / "xy.csv", "x,y\n" + rows)
    with pytest.raises(CRSMismatchError, match=r"seem swapped"):
        prepare(path)


def test_csv_without_coordinate_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", "a,b\n1,2\n")
    with pytest.raises(
        LayerReadError, match=r"n.csv: no coordinate columns found \(columns: a, b\)"
    ):
        prepare(path)


def test_csv_with_wkt_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "w.csv", 'name,WKT\na,"LINESTRING (106.5 29.5, 106.6 29.6)"\n'
    )
    layer = prepare(path, source_crs="EPSG:4326")
    assert layer.frame.geometry.iloc[0].geom_type == "LineString"


def test_csv_bad_coordinates_are_dropped_and_counted(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv", "lon,lat\n106.5,29.5\nabc,29.6\n106.7,\n106.8,29.8\n"
    )
    layer = prepare(path)
    assert len(layer.frame) == 2
    assert any(
        "dropped 2 features with NaN or infinite coordinates (e.g. feature 1, 2)" in w
        for w in layer.warnings
    )


def test_paths_with_chinese_characters_and_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "重庆 数据" / "危化品 路线"
    path = write_shapefile(folder, "渝中 区", points_frame(), encoding="gbk", cpg=False)
    layer = prepare(path)
    assert list(layer.frame["名称"]) == NAMES
    gpkg = folder / "楼 栋.gpkg"
    pyogrio.write_dataframe(points_frame(), gpkg)
    assert len(prepare(gpkg).frame) == 3
