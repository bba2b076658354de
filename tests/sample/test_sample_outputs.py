"""Every output ``riskmap score`` makes from the sample says it is sample data,
and outputs of real data say nothing of the kind."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

import pyogrio
import rasterio

from riskmap.cli import main
from riskmap.core.districts import STAT_COLUMNS
from riskmap.io.outputs import SAMPLE_TAG
from tests.pipeline.conftest import project_dir  # noqa: F401 - fixture

MARK = "示例数据"


def _score(project: Path, out: Path) -> None:
    assert main(["score", str(project), "--out", str(out)]) == 0


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _gpkg_descriptions(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT table_name, description FROM gpkg_contents"))


@pytest.fixture(scope="module")
def sample_out(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_out")
    _score(sample_path / "chongqing_sample.riskmap.toml", out)
    return out


@pytest.mark.parametrize("name", ["risk.tif", "classes.tif"])
def test_rasters_carry_the_sample_tag(sample_out: Path, name: str) -> None:
    with rasterio.open(sample_out / name) as src:
        assert MARK in src.tags()[SAMPLE_TAG]


@pytest.mark.parametrize(
    ("name", "layers"),
    [("districts.gpkg", ["districts"]), ("hotspots.gpkg", ["patches", "features"])],
)
def test_geopackage_layers_say_sample(
    sample_out: Path, name: str, layers: list[str]
) -> None:
    path = sample_out / name
    descriptions = _gpkg_descriptions(path)
    for layer in layers:
        assert MARK in descriptions[layer]
        assert (
            MARK in pyogrio.read_info(path, layer=layer)["layer_metadata"][SAMPLE_TAG]
        )


def test_csv_has_a_trailing_sample_column_on_every_row(sample_out: Path) -> None:
    with open(sample_out / "districts.csv", encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [*STAT_COLUMNS, "data"]  # the contract's columns come first
    rows = _csv_rows(sample_out / "districts.csv")
    assert len(rows) == 9
    assert all(MARK in row["data"] for row in rows)
    assert float(rows[0]["mean"]) >= 0  # the other columns still read as before


def test_real_data_outputs_are_not_marked(project_dir: Path) -> None:  # noqa: F811
    out = project_dir / "out"
    _score(project_dir / "test.riskmap.toml", out)
    for name in ("risk.tif", "classes.tif"):
        with rasterio.open(out / name) as src:
            assert SAMPLE_TAG not in src.tags()
    for name in ("districts.gpkg", "hotspots.gpkg"):
        assert not any(_gpkg_descriptions(out / name).values())
    with open(out / "districts.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == STAT_COLUMNS
