"""Memory and size guards, and the log file, seen from the command line."""

from __future__ import annotations

import io
import tracemalloc
from functools import partial
from pathlib import Path

import numpy as np
import pytest

import geopandas as gpd
import shapely

from riskmap import __version__
from riskmap.cli import main
from riskmap.cli.progress import TerminalProgress
from riskmap.core import memory
from riskmap.io import vector
from riskmap.logs import log_file
from tests.reliability.blocks import city_sized_districts
from tests.reliability.builders import (
    CRS,
    X0,
    Y0,
    box,
    generic,
    write_base,
    write_gpkg,
    write_project,
)


def test_a_grid_too_big_is_refused_before_any_big_allocation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_base(tmp_path / "in")
    write_gpkg(city_sized_districts(), folder / "districts.gpkg")
    project = write_project(folder, cell_size=1)  # 9e10 cells, terabytes
    tracemalloc.start()
    try:
        code = main(["score", str(project), "--out", str(tmp_path / "out")])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert code == 2
    assert peak < 64 * 2**20  # nothing near the size of the grid was allocated
    assert "the 300,000 x 300,000 grid of 1 m cells needs about" in err
    need = int(err.split("needs about ")[1].split(" MB")[0].replace(",", ""))
    assert need > 1_000_000  # terabytes, said in MB
    assert not (tmp_path / "out").exists()


def test_the_guard_uses_the_memory_the_machine_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # a 20 km square at 20 m: 1 M cells, fine on any laptop, but not in 200 MB
    folder = write_base(tmp_path / "in")
    districts = gpd.GeoDataFrame(
        {"区县": ["全区"]}, geometry=[box(0, 0, 20_000, 20_000)], crs=CRS
    )
    write_gpkg(districts, folder / "districts.gpkg")
    project = write_project(folder)
    monkeypatch.setattr(memory, "available_memory", lambda: 200 * 2**20)
    assert main(["score", str(project), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "the 1,000 x 1,000 grid of 20 m cells needs about" in err
    assert "but only 160 MB can be used" in err  # 80 % of what is free
    assert "use coarser cells (cell_size = " in err and "close other programs" in err
    monkeypatch.setattr(memory, "available_memory", lambda: 8 * 2**30)
    assert main(["score", str(project), "--out", str(tmp_path / "out")]) == 0


def test_a_large_layer_warns_and_shows_its_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(vector, "LARGE_LAYER", 1000)
    monkeypatch.setattr(vector, "_CHUNK", 400)
    folder = write_base(tmp_path / "in")
    n = 2000
    x = np.random.default_rng(0).uniform(X0 + 10, X0 + 390, n)
    points = gpd.GeoDataFrame(
        {"value": np.ones(n)}, geometry=shapely.points(x, x * 0 + Y0 + 150), crs=CRS
    )
    write_gpkg(points, folder / "many.gpkg")
    project = write_project(folder, [generic("many.gpkg")])
    terminal = io.StringIO()
    bar = partial(TerminalProgress, terminal, True)  # as on a terminal
    monkeypatch.setattr("riskmap.cli.score.TerminalProgress", bar)
    assert main(["score", str(project), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert (
        "riskmap: warning: layer 'case' (many.gpkg): large layer: 2,000 features" in err
    )
    drawn = terminal.getvalue()
    assert "reading layer 'case' (many.gpkg): 2,000 features" in drawn
    shown = [int(part.split("%")[0].split()[-1]) for part in drawn.split("\r")
             if "%" in part]  # fmt: skip
    assert len(set(shown)) >= 3 and shown == sorted(shown)


def test_the_log_records_versions_inputs_warnings_and_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = write_base(tmp_path / "in")
    write_gpkg(
        gpd.GeoDataFrame({"value": [1.0]}, geometry=[box(10, 10, 20, 20)], crs=CRS),
        folder / "一个.gpkg",
    )
    project = write_project(folder, [generic("一个.gpkg")])
    assert main(["score", str(project), "--out", str(tmp_path / "out")]) == 0
    assert main(["score", str(folder / "无.riskmap.toml")]) == 2
    capsys.readouterr()
    text = log_file().read_text(encoding="utf-8")
    assert "start cli score on " in text and f"riskmap {__version__}" in text
    assert (
        f"inputs: {project.resolve()}, " in text and "一个.gpkg; fingerprint " in text
    )
    assert "WARNING riskmap.cli: layer 'case': values normalised min-max" in text
    for library in ("numpy", "pyogrio", "rasterio", "geopandas"):
        assert f"; {library} " in text or f", {library} " in text
    assert "end: exit code 0;" in text and "end: exit code 2;" in text
    assert "user error: " in text and "无.riskmap.toml: project file not found" in text
