"""Damaged files: what can be read is read, what is lost is counted and named."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import pyogrio
import shapely

from riskmap.core.feedback import RecordingFeedback
from riskmap.errors import LayerReadError
from riskmap.io import vector
from riskmap.io.raster import inspect_raster
from riskmap.io.sources import prepare
from tests.io.fixtures import (
    boxes_frame,
    crs84_geojson,
    lonlat_csv,
    points_frame,
    tree_digest,
    truncate,
    write_raster,
    write_shapefile,
)


def test_truncated_shp_keeps_the_readable_records_and_names_the_lost(
    tmp_path: Path,
) -> None:
    path = write_shapefile(tmp_path, "trunc", boxes_frame(100))
    record = (path.stat().st_size - 100) // 100  # every box has the same size
    truncate(path, 0.6)
    layer = prepare(path)
    readable = (path.stat().st_size - 100) // record
    assert len(layer.frame) == readable
    lost = 100 - readable
    assert layer.raw.lost == list(range(readable, 100))
    message = next(w for w in layer.warnings if "could not be read" in w)
    assert message.startswith(f"trunc.shp: {lost} of 100 records could not be read")
    assert f"records {readable}, {readable + 1}," in message
    assert "the .shp file is truncated" in message
    assert list(layer.frame.index) == list(range(readable))


def test_truncated_dbf_is_salvaged_record_by_record(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "tdbf", boxes_frame(50))
    dbf = path.with_suffix(".dbf")
    truncate(dbf, 0.5)
    layer = prepare(path)
    lost = layer.raw.lost
    assert 0 < len(lost) < 50
    assert lost == list(range(50 - len(lost), 50))
    assert len(layer.frame) == 50 - len(lost)
    assert list(layer.frame["名称"]) == [f"楼{i}" for i in range(50 - len(lost))]
    assert any(
        f"{len(lost)} of 50 records could not be read" in w for w in layer.warnings
    )


def test_shp_without_dbf_has_geometry_only(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "nodbf", boxes_frame(3))
    path.with_suffix(".dbf").unlink()
    layer = prepare(path)
    assert len(layer.frame) == 3
    assert list(layer.frame.columns) == ["geometry"]
    assert any("no .dbf beside the .shp" in w for w in layer.warnings)


def test_shp_without_shx_is_rebuilt_in_a_temporary_copy(tmp_path: Path) -> None:
    path = write_shapefile(tmp_path, "noshx", boxes_frame(4))
    path.with_suffix(".shx").unlink()
    before = tree_digest(tmp_path)
    layer = prepare(path)
    assert len(layer.frame) == 4
    assert any(
        ".shx index is missing; it was rebuilt in a temporary copy" in w
        for w in layer.warnings
    )
    assert tree_digest(tmp_path) == before  # no .shx written beside the input


def test_random_bytes_named_gpkg(tmp_path: Path) -> None:
    path = tmp_path / "random.gpkg"
    path.write_bytes(np.random.default_rng(0).bytes(4096))
    with pytest.raises(LayerReadError) as err:
        prepare(path)
    assert str(err.value).startswith(
        "random.gpkg: cannot be opened: not a recognised vector format, or the file is damaged"
    )


@pytest.mark.parametrize(
    "name", ["a.shp", "a.gpkg", "a.geojson", "a.kml", "a.csv", "a.tif"]
)
def test_zero_byte_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.touch()
    with pytest.raises(
        LayerReadError,
        match=rf"{name}: cannot be opened: the file is empty \(0 bytes\)",
    ):
        if name.endswith(".tif"):
            from riskmap.io.vector import check_source

            check_source(path, name)
        else:
            prepare(path)


def _truncated_copies(folder: Path) -> list[Path]:
    gpkg = folder / "t.gpkg"
    pyogrio.write_dataframe(boxes_frame(2000), gpkg)
    geojson = folder / "t.geojson"
    pyogrio.write_dataframe(boxes_frame(200), geojson)
    kml = folder / "t.kml"
    pyogrio.write_dataframe(boxes_frame(200), kml, driver="KML")
    return [truncate(p, 0.5) for p in (gpkg, geojson, kml)]


def test_truncated_files_of_other_formats_fail_with_the_file_named(
    tmp_path: Path,
) -> None:
    for path in _truncated_copies(tmp_path):
        with pytest.raises(LayerReadError, match=rf"^{path.name}: cannot be"):
            prepare(path)


def test_wrong_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "m.gpkg"
    pyogrio.write_dataframe(boxes_frame(3), path)
    data = bytearray(path.read_bytes())
    data[:16] = b"NOT SQLITE AT AL"
    path.write_bytes(bytes(data))
    with pytest.raises(LayerReadError, match=r"m.gpkg: cannot be opened"):
        prepare(path)


def test_truncated_geotiff(tmp_path: Path) -> None:
    path = write_raster(
        tmp_path / "dem.tif", np.arange(250_000, dtype="float32").reshape(500, 500)
    )
    truncate(path, 0.5)
    with pytest.raises(
        LayerReadError, match=r"dem.tif: the raster data cannot be read"
    ):
        inspect_raster(path)


def test_empty_layer(tmp_path: Path) -> None:
    path = tmp_path / "empty.gpkg"
    pyogrio.write_dataframe(boxes_frame(3).iloc[:0], path, layer="empty")
    layer = prepare(path)
    assert len(layer.frame) == 0
    assert "empty.gpkg: the layer has no features" in layer.warnings


def test_huge_attribute_strings_survive(tmp_path: Path) -> None:
    text = "危" * (1 << 20)  # 1 M characters, 3 MB of UTF-8
    frame = points_frame(备注=[text, "x", ""])
    gpkg = tmp_path / "big.gpkg"
    pyogrio.write_dataframe(frame, gpkg)
    assert prepare(gpkg).frame["备注"].iloc[0] == text
    csv = tmp_path / "big.csv"
    csv.write_text(f"lon,lat,备注\n106.5,29.5,{text}\n", encoding="utf-8")
    assert prepare(csv).frame["备注"].iloc[0] == text


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    write_shapefile(tmp_path, "gbk", points_frame(), encoding="gbk", cpg=False)
    write_shapefile(tmp_path, "noprj", points_frame(), prj=False)
    pyogrio.write_dataframe(points_frame(), tmp_path / "p.gpkg")
    pyogrio.write_dataframe(points_frame(), tmp_path / "p.gdb", driver="OpenFileGDB")
    pyogrio.write_dataframe(points_frame(), tmp_path / "p.kml", driver="KML")
    crs84_geojson(tmp_path)
    lonlat_csv(tmp_path)
    trunc = write_shapefile(tmp_path, "trunc", boxes_frame(20))
    truncate(trunc, 0.5)
    write_raster(tmp_path / "r.tif", np.ones((20, 20), "float32"))
    before = tree_digest(tmp_path)
    mtimes = {p: os.stat(p).st_mtime_ns for p in tmp_path.rglob("*")}
    for path in tmp_path.iterdir():
        if path.suffix == ".tif":
            inspect_raster(path)
        elif path.suffix in (".shp", ".gpkg", ".gdb", ".kml", ".geojson", ".csv"):
            prepare(path)
    assert tree_digest(tmp_path) == before
    assert {p: os.stat(p).st_mtime_ns for p in tmp_path.rglob("*")} == mtimes


def test_large_layers_report_progress_and_say_they_are_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector, "LARGE_LAYER", 1000)
    monkeypatch.setattr(vector, "_CHUNK", 400)
    n = 2000
    x = np.random.default_rng(1).uniform(106.4, 106.7, n)
    frame = gpd.GeoDataFrame(
        {"id": np.arange(n)}, geometry=shapely.points(x, x * 0 + 29.5), crs=4326
    )
    path = tmp_path / "big.gpkg"
    pyogrio.write_dataframe(frame, path)
    feedback = RecordingFeedback()
    layer = prepare(path, feedback=feedback)
    assert list(layer.frame["id"]) == list(range(n))
    assert "big.gpkg: large layer: 2,000 features" in layer.warnings
    assert layer.raw.large
    assert len(feedback.progress) >= 5
    assert feedback.progress == sorted(feedback.progress)
    assert any("2,000 features" in s for s in feedback.statuses)


def test_cancel_while_reading_a_large_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from riskmap.errors import Canceled

    monkeypatch.setattr(vector, "LARGE_LAYER", 10)
    monkeypatch.setattr(vector, "_CHUNK", 10)
    path = tmp_path / "c.gpkg"
    pyogrio.write_dataframe(boxes_frame(100), path)
    with pytest.raises(Canceled):
        prepare(path, feedback=RecordingFeedback(cancel_after=3))


def test_truncated_filegdb_table_says_how_many_were_lost(tmp_path: Path) -> None:
    path = tmp_path / "d.gdb"
    pyogrio.write_dataframe(boxes_frame(500), path, driver="OpenFileGDB", layer="b")
    table = max(path.glob("*.gdbtable"), key=lambda p: p.stat().st_size)
    truncate(table, 0.5)
    layer = prepare(path)
    read = len(layer.frame)
    assert 0 < read < 500
    assert layer.raw.lost == list(range(read, 500))
    assert (
        f"d.gdb: {500 - read} of 500 records could not be read and were skipped (records {read},"
        in layer.warnings[0]
    )
    assert layer.warnings[0].endswith("the file ends early")


@pytest.mark.parametrize("suffix", [".shp", ".tif"])
def test_wrong_magic_bytes_shapefile_and_geotiff(tmp_path: Path, suffix: str) -> None:
    if suffix == ".shp":
        path = write_shapefile(tmp_path, "m", boxes_frame(5))
    else:
        path = write_raster(tmp_path / "m.tif", np.ones((10, 10), "float32"))
    data = bytearray(path.read_bytes())
    data[:4] = b"XXXX"
    path.write_bytes(bytes(data))
    with pytest.raises(
        LayerReadError, match=rf"^m\{suffix}: cannot be opened: not a recognised"
    ):
        inspect_raster(path) if suffix == ".tif" else prepare(path)


def test_truncated_csv_keeps_complete_rows(tmp_path: Path) -> None:
    rows = "\n".join(f"{106.5 + i * 0.001:.3f},29.5,名{i}" for i in range(100))
    path = tmp_path / "t.csv"
    path.write_text("lon,lat,name\n" + rows + "\n", encoding="utf-8")
    cut = path.read_bytes()
    path.write_bytes(
        cut[: cut.index(b"106.550,") + 4]
    )  # the 51st row is cut inside lon
    layer = prepare(path)
    assert len(layer.frame) == 50
    assert any("dropped 1 features with NaN" in w for w in layer.warnings)
