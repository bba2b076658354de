"""A guessed text encoding is a warning the user sees in ``riskmap score``."""

from __future__ import annotations

from pathlib import Path

import pytest

import geopandas as gpd

from riskmap.cli import main
from tests.io.fixtures import write_shapefile
from tests.pipeline.conftest import project_dir  # noqa: F401 - fixture


def _gbk_slides(folder: Path, cpg: bool, declared: str = "") -> Path:
    """The project's landslide layer as a GBK shapefile (with or without .cpg)."""
    slides = gpd.read_file(folder / "slides.gpkg")
    write_shapefile(folder, "slides", slides, encoding="gbk", cpg=cpg, prj=True)
    project = folder / "test.riskmap.toml"
    text = project.read_text(encoding="utf-8").replace(
        'path = "slides.gpkg"', f'path = "slides.shp"{declared}'
    )
    project.write_text(text, encoding="utf-8")
    return project


def _score(project: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = main(["score", str(project), "--out", str(project.parent / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    return [line for line in err.splitlines() if line.startswith("riskmap: warning:")]


def test_gbk_shapefile_without_cpg_warns_how_to_pin(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    warnings = _score(_gbk_slides(project_dir, cpg=False), capsys)
    guessed = [w for w in warnings if "guessed" in w]
    assert len(guessed) == 1, warnings
    line = guessed[0]
    assert "layer 'slide' (slides.shp)" in line
    assert "guessed gbk" in line
    assert "detected from attribute bytes: valid GBK; no .cpg" in line
    assert 'encoding = "gbk"' in line and "[[layers]]" in line


@pytest.mark.parametrize(
    ("cpg", "declared"), [(True, ""), (False, '\nencoding = "gbk"')]
)
def test_declared_encoding_gives_no_guess_warning(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    cpg: bool,
    declared: str,
) -> None:
    warnings = _score(_gbk_slides(project_dir, cpg=cpg, declared=declared), capsys)
    assert not [w for w in warnings if "encoding" in w], warnings
