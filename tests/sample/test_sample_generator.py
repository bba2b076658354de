"""tools/make_sample.py reproduces the committed sample byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tools.make_sample import main as make_sample
from tools.samplegen.build import LAYERS, build


@pytest.mark.slow
def test_stage_two_reproduces_every_committed_file(
    tmp_path: Path, sample_path: Path
) -> None:
    build(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(LAYERS)
    assert written == sorted(p.name for p in sample_path.iterdir())
    for name in written:
        assert (tmp_path / name).read_bytes() == (sample_path / name).read_bytes(), (
            f"{name} differs from the committed file: rerun "
            "'python tools/make_sample.py' and commit sample_layers/"
        )
    # Stage 2 works from the committed source file alone.
    assert "cnmaps" not in sys.modules


def test_a_subset_regenerates_to_the_same_bytes(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each layer has its own random stream: building one alone changes nothing.
    only = ["fire_stations.gpkg", "hazmat_routes.gpkg"]
    assert make_sample(["--out", str(tmp_path), "--only", *only]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(only)
    for name in only:
        assert (tmp_path / name).read_bytes() == (sample_path / name).read_bytes()
    assert "fire_stations.gpkg" in capsys.readouterr().out


def test_unknown_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown sample files"):
        build(tmp_path, ["roads.gpkg"])
    assert not any(tmp_path.iterdir())
