from __future__ import annotations

import os
from pathlib import Path

import pytest

from riskmap.core.project import LayerSpec, Project
from riskmap.errors import OutputWriteError, ProjectFileError
from riskmap.io import atomic
from riskmap.io.project_file import (
    dump_project,
    load_project,
    parse_project,
    save_project,
)

FULL = """\
schema_version = 1

[project]
title = "重庆市中心城区安全风险一张图"
crs = "EPSG:4545"
cell_size = 50
date = "2026-11-29"

[districts]
path = "districts.gpkg"
layer = "districts"
name_field = "name"
source_crs = "EPSG:4490"

[[layers]]
id = "hazmat"
kind = "hazmat_route"
path = "data/hazmat_routes.gpkg"
source_crs = "GCJ-02"
encoding = "gbk"
weight = 0.40
[layers.fields]
trips = "daily_trips"
[layers.params]
lambda_urban = 3e-07

[[layers]]
id = "fire"
kind = "highrise_fire"
path = "../shared/buildings.shp"
weight = 0.35

[composite]
method = "union"
take_highest = true

[classification]
method = "fixed"
thresholds = [0.25, 0.50, 0.75]

[print]
paper = "A3"
orientation = "portrait"
dpi = 150
organisation = "重庆市应急管理局"
internal = true
"""


def test_parse_full_example(tmp_path: Path) -> None:
    p = parse_project(FULL, tmp_path)
    assert p.title == "重庆市中心城区安全风险一张图"
    assert p.crs == "EPSG:4545"
    assert p.cell_size == 50.0
    assert p.districts is not None
    assert p.districts.path == tmp_path / "districts.gpkg"
    assert p.districts.source_crs == "EPSG:4490"
    assert [s.id for s in p.layers] == ["hazmat", "fire"]
    hazmat = p.layer("hazmat")
    assert hazmat.source_crs == "GCJ-02"
    assert hazmat.encoding == "gbk"
    assert hazmat.fields == {"trips": "daily_trips"}
    assert hazmat.params == {"lambda_urban": 3e-07}
    assert p.layer("fire").path == tmp_path / "../shared/buildings.shp"
    assert p.classification.thresholds == (0.25, 0.5, 0.75)
    assert p.print.paper == "A3" and p.print.dpi == 150 and p.print.internal
    assert p.normalised_weights() == pytest.approx(
        {"hazmat": 0.4 / 0.75, "fire": 0.35 / 0.75}
    )


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    original = parse_project(FULL, tmp_path)
    text = dump_project(original, tmp_path)
    again = parse_project(text, tmp_path)
    for attr in (
        "title",
        "crs",
        "cell_size",
        "extent",
        "date",
        "composite",
        "classification",
        "print",
    ):
        assert getattr(again, attr) == getattr(original, attr), attr
    assert again.districts == original.districts
    assert again.layers == original.layers
    # Paths are written relative to the project file, with forward slashes.
    assert 'path = "data/hazmat_routes.gpkg"' in text
    assert 'path = "../shared/buildings.shp"' in text


def test_save_is_atomic_and_relative(tmp_path: Path) -> None:
    project = parse_project(FULL, tmp_path)
    out = save_project(project, tmp_path / "city.riskmap.toml")
    assert out == (tmp_path / "city.riskmap.toml").resolve()
    loaded = load_project(out)
    assert (
        loaded.layer("hazmat").path.resolve()
        == (tmp_path / "data/hazmat_routes.gpkg").resolve()
    )
    assert loaded.path == out
    assert [p.name for p in tmp_path.iterdir()] == ["city.riskmap.toml"]


def test_failed_write_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "city.riskmap.toml"
    target.write_text(FULL, encoding="utf-8")
    before = target.read_bytes()
    project = parse_project(FULL, tmp_path)
    project.title = "changed"

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OutputWriteError, match="disk is full"):
        save_project(project, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["city.riskmap.toml"]


def test_read_only_folder_gives_clear_message(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores permissions: simulate with a missing folder instead
        with pytest.raises(OutputWriteError, match="does not exist"):
            save_project(Project(title="x"), tmp_path / "nope" / "a.riskmap.toml")
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(OutputWriteError, match="read-only"):
        save_project(Project(title="x"), folder / "a.riskmap.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schema_version = 1\n[project]\ntitel = 'x'\n",
            r"line 3: unknown key 'titel' in \[project\]",
        ),
        (
            "schema_version = 1\n[project]\ncell_size = 'fifty'\n",
            r"line 3: 'cell_size' in \[project\] must be a number",
        ),
        (
            "schema_version = 1\n[project]\ncell_size = 0\n",
            r"line 3: 'cell_size' .* between 1 and 5000",
        ),
        (
            "schema_version = 1\n[print]\npaper = 'A5'\n",
            r"line 3: 'paper' .* one of A4, A3",
        ),
        ("schema_version = 1\n[print]\ndpi = 150.5\n", r"'dpi' .* whole number"),
        (
            "schema_version = 1\n[classification]\nthresholds = [0.5, 0.25, 0.75]\n",
            r"line 3: 'thresholds' .* rise strictly",
        ),
        (
            "schema_version = 1\n[colours]\nred = 1\n",
            r"line 2: unknown top-level key or table 'colours'",
        ),
        ("[project]\ntitle='x'\n", r"missing schema_version"),
        ("schema_version = 9\n", r"newer than this riskmap"),
        ("schema_version = 1\n[project\n", r"not a valid TOML file"),
        (
            "schema_version = 1\n[[layers]]\nid='a'\nkind='generic'\npath='a.gpkg'\n"
            "[[layers]]\nid='b'\nkind='generic'\npath='b.gpkg'\nwieght=2\n",
            r"line 10: unknown key 'wieght' in \[layers\]",
        ),
        (
            "schema_version = 1\n[[layers]]\nid='a'\nkind='generic'\npath='a.gpkg'\nweight=-1\n",
            r"line 6: 'weight' .* between 0",
        ),
        (
            "schema_version = 1\n[[layers]]\nid='a'\nkind='generic'\npath='a.gpkg'\nweight=0\n",
            r"all hazard weights are zero",
        ),
        (
            "schema_version = 1\n[[layers]]\nid='a'\nkind='generic'\npath='a.gpkg'\n"
            "[[layers]]\nid='a'\nkind='generic'\npath='b.gpkg'\n",
            r"line 7: layer id 'a' is used twice",
        ),
        ("schema_version = 1\n[[layers]]\nid='a'\npath='a.gpkg'\n", r"needs 'kind'"),
        (
            "schema_version = 1\n[composite]\nexposure = 'pop'\n",
            r"exposure layer 'pop' is not a layer id",
        ),
        (
            "schema_version = 1\n[[layers]]\nid='a'\nkind='generic'\npath='a.gpkg'\n[layers.fields]\nvalue = 3\n",
            r"'fields' .* table of names",
        ),
    ],
)
def test_bad_settings_name_key_and_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(ProjectFileError, match=expected):
        parse_project(text, tmp_path, source="p.riskmap.toml")


def test_non_utf8_file_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "gbk.riskmap.toml"
    f.write_bytes('schema_version = 1\n[project]\ntitle = "重庆"\n'.encode("gbk"))
    with pytest.raises(ProjectFileError, match="not UTF-8"):
        load_project(f)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="project file not found"):
        load_project(tmp_path / "none.riskmap.toml")


def test_strings_with_quotes_and_control_characters_round_trip(tmp_path: Path) -> None:
    p = Project(title='a "quoted" \\ back\nslash\t\x01 重庆')
    p.layers.append(
        LayerSpec(
            id="x",
            kind="generic",
            path=tmp_path / "带 空格" / "图层.gpkg",
            fields={"数值": "值 字段"},
        )
    )
    again = parse_project(dump_project(p, tmp_path), tmp_path)
    assert again.title == p.title
    assert again.layers[0].path == tmp_path / "带 空格" / "图层.gpkg"
    assert again.layers[0].fields == {"数值": "值 字段"}


def test_no_code_execution(tmp_path: Path) -> None:
    # Things that would execute in a Python config are plain strings in TOML.
    p = parse_project(
        "schema_version = 1\n[project]\ntitle = \"__import__('os').system('x')\"\n",
        tmp_path,
    )
    assert p.title.startswith("__import__")
