"""``riskmap inspect`` tells the truth about the loading fixtures."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import pyogrio
import shapely

from riskmap.cli.commands import dispatch
from riskmap.errors import LayerReadError
from tests.io.fixtures import (
    boxes_frame,
    lonlat_csv,
    points_frame,
    register_test_models,
    truncate,
    write_raster,
    write_shapefile,
)


@pytest.fixture(autouse=True)
def _models(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_models(monkeypatch)


def _inspect(
    capsys: pytest.CaptureFixture[str], path: Path, layer: str | None = None
) -> str:
    code = dispatch(argparse.Namespace(command="inspect", file=str(path), layer=layer))
    assert code == 0
    return capsys.readouterr().out


def test_gbk_shapefile_without_cpg(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = boxes_frame(3).rename(columns={"height_m": "建筑高度"})
    frame["层数"] = [8, 20, 33]
    path = write_shapefile(tmp_path, "楼栋", frame, encoding="gbk", cpg=False)
    out = _inspect(capsys, path)
    assert "driver: ESRI Shapefile" in out
    assert "  geometry: polygon" in out
    assert "  features: 3" in out
    assert "  crs: EPSG:4326 (from the .prj file)" in out
    assert "  encoding: gbk (detected from attribute bytes: valid GBK; no .cpg)" in out
    assert "名称 (str), 建筑高度 (float64), 层数 (int" in out
    assert "  bounds: 106.500000, 29.550000 to 106.521000, 29.551000 (lon, lat)" in out
    assert "  geometry problems: none found" in out
    assert "  mapping for test_highrise: height_m = 建筑高度, floors = 层数" in out
    assert (
        "  mapping for test_route: nothing [missing required: trips, un_class; polygon geometry does not suit this kind]"
        in out
    )
    assert "  mapping for test_station: nothing" in out  # polygons become centroids


def test_every_layer_of_a_geopackage_and_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "多图层.gpkg"
    bad = gpd.GeoDataFrame(
        {"v": [1, 2, 3, 4]},
        geometry=[
            shapely.from_wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"),
            None,
            shapely.from_wkt("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"),
            shapely.from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))"),
        ],
        crs=4545,
    )
    pyogrio.write_dataframe(bad, path, layer="bad")
    pyogrio.write_dataframe(points_frame(), path, layer="pts")
    out = _inspect(capsys, path)
    assert "layers (2): bad (" in out and "pts (Point)" in out
    assert "layer: bad" in out and "layer: pts" in out
    assert (
        "  geometry problems: missing or empty: 1; invalid: 1; with Z or M: 1; first invalid: Self-intersection[5 5]"
        in out
    )
    only = _inspect(capsys, path, "pts")
    assert (
        "layer: bad" not in only
        and "  mapping for test_highrise: height_m = 高度" in only
    )


def test_no_crs_is_reported_with_the_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_shapefile(tmp_path, "metres", points_frame().to_crs(4545), prj=False)
    out = _inspect(capsys, path)
    assert "  crs: none (none: no .prj)" in out
    assert "has no coordinate reference system" in out and "EPSG:4545" in out
    assert "  bounds: unknown" in out


def test_lonlat_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _inspect(capsys, lonlat_csv(tmp_path))
    assert "driver: CSV" in out
    assert (
        "  crs: EPSG:4326 (assumed WGS 84 (EPSG:4326) for lon/lat columns '经度'/'纬度'"
        in out
    )
    assert "  encoding: gbk" in out
    assert "  bounds: 106.437000, 29.557000 to 106.585000, 29.825000 (lon, lat)" in out


def test_damaged_shapefile_says_what_was_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_shapefile(tmp_path, "t", boxes_frame(40))
    truncate(path, 0.5)
    out = _inspect(capsys, path)
    lost = 40 - int(out.split("  features: ")[1].split()[0])
    assert lost > 0
    assert f"({lost} damaged records skipped)" in out
    assert f"t.shp: {lost} of 40 records could not be read" in out


def test_raster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_raster(tmp_path / "pop.tif", np.ones((30, 20), "float32"), nodata=-1.0)
    out = _inspect(capsys, path)
    assert "driver: GTiff" in out
    assert "size: 20 x 30 cells, 1 band(s), float32" in out
    assert "crs: EPSG:4545 (from the file)" in out
    assert "nodata: -1" in out


def test_unreadable_file_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "x.gpkg"
    path.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(LayerReadError, match=r"^x.gpkg: cannot be opened"):
        dispatch(argparse.Namespace(command="inspect", file=str(path), layer=None))


def test_output_is_utf8_even_on_a_non_utf8_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    path = write_shapefile(tmp_path, "u", points_frame())
    assert (
        dispatch(argparse.Namespace(command="inspect", file=str(path), layer=None)) == 0
    )
    stream.flush()
    assert "名称" in buffer.getvalue().decode("utf-8")
