"""Footers quote the data's date, not the day the sample was copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from riskmap.cli import main
from riskmap.io.project_file import load_project
from riskmap.pipeline.print_document import build_document
from tests.print_fixtures import FIXED_EPOCH, make_print_case

SAMPLE_DATE = "2024-06-30"  # the date in every sample layer's metadata


def test_sample_copies_keep_the_bundled_files_dates(
    tmp_path: Path, sample_path: Path
) -> None:
    dest = tmp_path / "copy"
    assert main(["sample", str(dest)]) == 0
    for src in sample_path.iterdir():
        assert (dest / src.name).stat().st_mtime_ns == src.stat().st_mtime_ns
        assert os.access(dest / src.name, os.W_OK)


def test_the_sample_project_dates_every_layer(sample_path: Path) -> None:
    project = load_project(sample_path / "chongqing_sample.riskmap.toml")
    assert project.districts is not None
    assert project.districts.date == SAMPLE_DATE
    assert {spec.date for spec in project.layers} == {SAMPLE_DATE}


def test_footer_takes_the_project_date_over_the_file_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    project, data, result = make_print_case(tmp_path)  # files dated 2026-11-18
    routes = next(spec for spec in project.layers if spec.id == "hazmat")
    routes.date = SAMPLE_DATE
    sources = build_document(project, data, result).footer.sources
    assert f"危化品运输路线（hazmat.gpkg，{SAMPLE_DATE}）" in sources
    assert "高层建筑（highrise.gpkg，2026-11-18）" in sources  # no date: the file's
