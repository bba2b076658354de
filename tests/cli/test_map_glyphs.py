"""Characters the bundled font lacks: one clear warning from ``riskmap map``,
not matplotlib's raw per-glyph warnings (in a real process, as a user runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd

from tests.pipeline.conftest import project_dir  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]


def _riskmap(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RISKMAP_LOG_DIR=str(cwd / "logs"), PYTHONPATH=str(ROOT))
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "riskmap", *args],
        capture_output=True, text=True, env=env, cwd=cwd,
    )  # fmt: skip


def test_a_traditional_character_gives_one_warning(project_dir: Path) -> None:  # noqa: F811
    path = project_dir / "districts.gpkg"
    districts = gpd.read_file(path)
    districts.loc[districts["区县"] == "东城", "区县"] = "东城區"
    districts.to_file(path, driver="GPKG", engine="pyogrio")
    done = _riskmap(
        ["map", "test.riskmap.toml", "--district", "东城區", "--out", "east.png",
         "--dpi", "50"],
        project_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (project_dir / "east.png").is_file()
    assert "UserWarning" not in done.stderr and "Glyph" not in done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("riskmap: warning: ") for line in lines), lines
    font_lines = [line for line in lines if "區" in line]
    assert len(font_lines) == 1, lines
    assert "no glyph for 區" in font_lines[0]
    assert "district names: 區 in 东城區" in font_lines[0]
    assert "simplified characters" in font_lines[0]


def test_simplified_names_give_no_font_warning(project_dir: Path) -> None:  # noqa: F811
    done = _riskmap(
        ["map", "test.riskmap.toml", "--district", "东城", "--out", "east.png",
         "--dpi", "50"],
        project_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "glyph" not in done.stderr
