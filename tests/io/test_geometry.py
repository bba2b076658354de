"""Geometry repair and normalisation, counted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import pyogrio
import shapely

from riskmap.errors import GeometryTypeError
from riskmap.io.geometry import clean_geometries, layer_geometry_type, problems
from riskmap.io.sources import prepare

BOWTIE = "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"


def _frame(wkts: list[str | None], crs: int | None = 4545) -> gpd.GeoDataFrame:
    geoms = [None if w is None else shapely.from_wkt(w) for w in wkts]
    return gpd.GeoDataFrame({"id": range(len(wkts))}, geometry=geoms, crs=crs)


def test_bowtie_is_repaired_and_counted() -> None:
    frame = _frame([BOWTIE, "POLYGON ((0 0, 1 0, 1 1, 0 0))"])
    out, report = clean_geometries(frame, {"polygon"}, "b.gpkg")
    assert report.repaired == 1
    assert shapely.is_valid(out.geometry.values._data).all()
    assert out.geometry.iloc[0].area == pytest.approx(50.0)  # two triangles of 25
    assert (
        "b.gpkg: repaired 1 invalid geometries with make_valid (e.g. feature 0)"
        in report.warnings("b.gpkg")
    )
    assert list(out["id"]) == [0, 1]


def test_empty_and_nan_geometries_are_dropped_and_counted() -> None:
    frame = _frame([
        "POINT (1 2)", None, "POINT EMPTY", "POINT (NaN 3)",
        "LINESTRING (0 0, inf 1)", "POINT (4 5)",
    ])  # fmt: skip
    out, report = clean_geometries(frame, None, "p.shp")
    assert list(out["id"]) == [0, 5]
    assert (report.missing, report.non_finite) == (2, 2)
    warnings = report.warnings("p.shp")
    assert (
        "p.shp: dropped 2 features with no or an empty geometry (e.g. feature 1, 2)"
        in warnings
    )
    assert (
        "p.shp: dropped 2 features with NaN or infinite coordinates (e.g. feature 3, 4)"
        in warnings
    )


def test_z_and_m_are_dropped(tmp_path: Path) -> None:
    frame = _frame(
        ["POINT Z (106.5 29.5 300)", "LINESTRING Z (106.5 29.5 1, 106.6 29.6 2)"], 4326
    )
    path = tmp_path / "z.gpkg"
    pyogrio.write_dataframe(frame, path)
    layer = prepare(path)
    assert not shapely.has_z(layer.frame.geometry.values._data).any()
    assert layer.geometry.z_dropped == 2
    assert "z.gpkg: ignored Z/M values of 2 features" in layer.warnings
    m = _frame(["POINT M (1 2 3)"])
    out, report = clean_geometries(m, None, "m")
    assert report.z_dropped == 1 and not shapely.has_m(out.geometry.iloc[0])


def test_collections_keep_the_parts_the_kind_needs_in_one_feature() -> None:
    frame = _frame([
        "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), LINESTRING (0 0, 5 5),"
        " MULTIPOLYGON (((3 3, 4 3, 4 4, 3 3))))",
        "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))",
        "POLYGON ((0 0, 2 0, 2 2, 0 0))",
    ])  # fmt: skip
    out, report = clean_geometries(frame, {"polygon"}, "c")
    assert list(out["id"]) == [0, 2]
    assert out.geometry.iloc[0].geom_type == "MultiPolygon"
    assert len(out.geometry.iloc[0].geoms) == 2
    assert (report.parts_dropped, report.wrong_type) == (1, 1)
    lines, _ = clean_geometries(frame, {"line"}, "c")
    assert list(lines["id"]) == [0, 1]
    assert set(lines.geom_type) == {"MultiLineString"}


def test_polygons_for_a_point_only_kind_become_centroids() -> None:
    frame = _frame(["POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))", "POINT (5 5)"])
    out, report = clean_geometries(frame, {"point"}, "s")
    assert report.to_centroid == 1
    assert out.geometry.iloc[0].equals(shapely.Point(1, 1))
    assert (
        "s: used the centroid of 1 polygons, as this kind takes points"
        in report.warnings("s")
    )


def test_wrong_geometry_type_is_a_clear_error() -> None:
    frame = _frame(["LINESTRING (0 0, 1 1)", "LINESTRING (1 1, 2 3)"])
    with pytest.raises(
        GeometryTypeError,
        match=r"layer 'b' .b.shp.: holds line geometries, but this kind takes polygon",
    ):
        clean_geometries(frame, {"polygon"}, "layer 'b' (b.shp)")


def test_a_few_strays_of_another_type_are_dropped_with_a_warning() -> None:
    frame = _frame(["LINESTRING (0 0, 1 1)", "POINT (3 3)", "LINESTRING (1 1, 2 3)"])
    out, report = clean_geometries(frame, {"line"}, "r")
    assert list(out["id"]) == [0, 2]
    assert (
        "r: dropped 1 features of a geometry type this kind does not take (e.g. feature 1)"
        in report.warnings("r")
    )


def test_problems_reports_without_changing() -> None:
    frame = _frame([BOWTIE, None, "POINT Z (1 1 1)", "POINT (NaN 1)"])
    geoms = frame.geometry.values._data
    found = problems(geoms)
    assert found["invalid"] == 1
    assert found["missing or empty"] == 1
    assert found["with Z or M"] == 1
    assert found["NaN or infinite coordinates"] == 1
    assert str(found["first invalid"]).startswith("Self-intersection")
    assert shapely.to_wkt(geoms[0]) == shapely.to_wkt(shapely.from_wkt(BOWTIE))
    assert layer_geometry_type(geoms) == "mixed"
    assert layer_geometry_type(np.array([shapely.Point(1, 1)])) == "point"


def test_cleaning_many_features_keeps_order_and_attributes() -> None:
    n = 10_000
    x = np.arange(n, dtype=float)
    geoms = shapely.box(x, 0, x + 1, 1)
    geoms[::100] = shapely.from_wkt(BOWTIE)
    frame = gpd.GeoDataFrame({"id": np.arange(n)}, geometry=geoms, crs=4545)
    out, report = clean_geometries(frame, {"polygon"}, "many")
    assert report.repaired == 100
    assert (out["id"].to_numpy() == np.arange(n)).all()


def test_convex_rings_are_proven_valid_and_nothing_else() -> None:
    from riskmap.io.geometry import convex_rings

    wkts = {
        "rectangle": "POLYGON ((0 0, 30 0, 30 20, 0 20, 0 0))",
        "clockwise rotated": "POLYGON ((0 0, -5 12, 7 17, 12 5, 0 0))",
        "far from the origin": "POLYGON ((600000 3260000, 600030 3260000, 600030 3260020, 600000 3260000))",
        "bowtie": BOWTIE,
        "repeated vertex": "POLYGON ((0 0, 10 0, 10 0, 10 10, 0 10, 0 0))",
        "straight angle": "POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))",
        "concave": "POLYGON ((0 0, 10 0, 5 2, 10 10, 0 10, 0 0))",
        "pentagram": "POLYGON ((0 10, 6 -8, -9.5 3, 9.5 3, -6 -8, 0 10))",
        "with a hole": "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2))",
        "line": "LINESTRING (0 0, 1 1, 2 0)",
    }
    geoms = shapely.from_wkt(list(wkts.values()))
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    candidate = (shapely.get_type_id(geoms) == 3) & (
        shapely.get_num_interior_rings(geoms) == 0
    )
    proven = dict(zip(wkts, convex_rings(coords, index, candidate), strict=True))
    assert proven == {
        "rectangle": True,
        "clockwise rotated": True,
        "far from the origin": True,
        "bowtie": False,
        "repeated vertex": False,
        "straight angle": False,
        "concave": False,
        "pentagram": False,
        "with a hole": False,
        "line": False,
    }
    # what is proven valid is valid to GEOS too
    assert shapely.is_valid(geoms[convex_rings(coords, index, candidate)]).all()


def test_convex_shortcut_still_repairs_self_intersections_among_rectangles() -> None:
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 1000, (200, 2))
    boxes = [shapely.box(x, y, x + 20, y + 10).wkt for x, y in xy]
    wkts = [
        *boxes[:100],
        BOWTIE,
        *boxes[100:],
        "POLYGON ((0 0, 10 0, 5 2, 10 10, 0 10, 0 0))",
    ]
    out, report = clean_geometries(_frame(wkts), {"polygon"}, "b.gpkg")
    assert report.repaired == 1
    assert report.examples["repaired"] == [100]
    assert len(out) == len(wkts)
    assert shapely.is_valid(out.geometry.values._data).all()


def test_convex_shortcut_after_dropping_nan_geometries() -> None:
    box = "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))"
    frame = _frame(["POINT (NaN 3)", box, None, BOWTIE, box])
    out, report = clean_geometries(frame, None, "b.gpkg")
    assert (report.non_finite, report.missing, report.repaired) == (1, 1, 1)
    assert report.examples["repaired"] == [3]
    assert list(out["id"]) == [1, 3, 4]
