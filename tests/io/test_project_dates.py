"""The optional ``date`` of a layer and of the districts: the data's date,
validated like every other key and kept through a save."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmap.errors import ProjectFileError
from riskmap.io.project_file import dump_project, parse_project

TEXT = """\
schema_version = 1

[districts]
path = "districts.gpkg"
date = {districts}

[[layers]]
id = "routes"
kind = "hazmat_route"
path = "routes.gpkg"
date = {layer}
"""


def _parse(tmp_path: Path, districts: str, layer: str):
    text = TEXT.format(districts=districts, layer=layer)
    return parse_project(text, tmp_path, "p.riskmap.toml")


def test_dates_are_read_and_round_trip(tmp_path: Path) -> None:
    project = _parse(tmp_path, '"2023-12-31"', '"2024-06-30"')
    assert project.districts.date == "2023-12-31"
    assert project.layers[0].date == "2024-06-30"
    again = parse_project(dump_project(project, tmp_path), tmp_path)
    assert again.districts.date == "2023-12-31"
    assert again.layers[0].date == "2024-06-30"


def test_a_bare_toml_date_is_read_as_the_same_date(tmp_path: Path) -> None:
    project = _parse(tmp_path, "2023-12-31", "2024-06-30")
    assert (project.districts.date, project.layers[0].date) == (
        "2023-12-31",
        "2024-06-30",
    )


def test_no_date_writes_no_key(tmp_path: Path) -> None:
    text = TEXT.replace("date = {districts}\n", "").replace("date = {layer}\n", "")
    project = parse_project(text, tmp_path)
    assert project.layers[0].date == "" and project.districts.date == ""
    assert "date" not in dump_project(project, tmp_path)


@pytest.mark.parametrize(
    ("districts", "layer", "message"),
    [
        (
            '"2024-06-30"',
            '"2024-13-01"',
            r"line 11: 'date' in \[layers\] is not a date",
        ),
        ('"2024-06-30"', '"30/06/2024"', r'line 11: .* "YYYY-MM-DD"'),
        ('"2024-06-30"', "20240630", r'line 11: .* "YYYY-MM-DD"'),
        ('"2024-6-30"', '"2024-06-30"', r"line 5: 'date' in \[districts\] must be"),
        ("2024-06-30T10:00:00", '"2024-06-30"', r'line 5: .* "YYYY-MM-DD"'),
    ],
)
def test_bad_dates_name_the_key_and_line(
    tmp_path: Path, districts: str, layer: str, message: str
) -> None:
    with pytest.raises(ProjectFileError, match=message):
        _parse(tmp_path, districts, layer)
