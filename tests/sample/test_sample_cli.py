"""``riskmap sample DIR`` writes a loadable copy of the bundled project."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmap.cli import main
from riskmap.io.project_file import load_project
from riskmap.pipeline.sample import sample_files, write_sample


def test_sample_writes_every_file_and_a_loadable_project(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "new" / "folder"
    assert main(["sample", str(dest)]) == 0
    out = capsys.readouterr().out
    project_file = dest / "chongqing_sample.riskmap.toml"
    assert str(project_file.resolve()) in out
    copied = sorted(p.name for p in dest.iterdir())
    assert copied == sorted(p.name for p in sample_path.iterdir())
    for name in copied:
        assert (dest / name).read_bytes() == (sample_path / name).read_bytes()
    project = load_project(project_file)
    assert project.sample and "示例数据" in project.title
    # Paths resolve inside the copy, not back into the bundle.
    assert project.districts is not None
    assert project.districts.path.parent == dest.resolve()
    for spec in project.layers:
        assert spec.path.parent == dest.resolve() and spec.path.is_file()


def test_sample_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "chongqing_sample.riskmap.toml"
    edited.write_text("my own edits", encoding="utf-8")
    assert main(["sample", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert "already holds chongqing_sample.riskmap.toml" in err
    assert "never overwrites" in err
    # Nothing was written, the user's file is untouched.
    assert [p.name for p in tmp_path.iterdir()] == [edited.name]
    assert edited.read_text(encoding="utf-8") == "my own edits"


def test_sample_into_a_file_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a_file.txt"
    target.write_text("x", encoding="utf-8")
    assert main(["sample", str(target)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_sample_leaves_no_temporary_files(tmp_path: Path) -> None:
    project = write_sample(tmp_path)
    assert project.name == "chongqing_sample.riskmap.toml"
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {p.name for p in sample_files()}
    assert not any(n.startswith(".") for n in names)
