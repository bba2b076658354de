"""Every bad input of :mod:`tests.reliability.table` through the real CLI.

For each: the exit code, one line naming the culprit (or the repair
reported), no traceback, no partial output, and the inputs unchanged: same
bytes, and no file written beside them (.aux.xml, .shx, .cpg ...). Output is
captured at the file-descriptor level, so anything GDAL itself printed to
stderr would show too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from riskmap.cli import main
from tests.reliability.blocks import Case
from tests.reliability.table import CASES


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` ("dir" for folders)."""
    return {
        str(p.relative_to(folder)): (
            "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        )
        for p in sorted(folder.rglob("*"))
    }


def command_line(case: Case, target: Path, out: Path) -> list[str]:
    if case.command == "score":
        return ["score", str(target), "--out", str(out)]
    if case.command == "inspect":
        return ["inspect", str(target)]
    out.mkdir()
    if case.command == "map":
        page = out / "地图 1.png"
        return ["map", str(target), "--district", case.district, "--out", str(page),
                "--dpi", "50"]  # fmt: skip
    return ["atlas", str(target), "--out", str(out / "图集.pdf"), "--dpi", "50"]


def test_there_are_at_least_forty_distinct_bad_inputs() -> None:
    assert len({c.id.removesuffix("-inspect") for c in CASES}) >= 40


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input(
    case: Case, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    target = case.build(inputs)
    out = tmp_path / "out"
    before = snapshot(inputs)
    code = main(command_line(case, target, out))
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert code == case.code, captured.err
    if case.code == 2:
        lines = captured.err.splitlines()
        assert len(lines) == 1, captured.err
        assert lines[0].startswith("riskmap: error: ")
        for text in case.expect:
            assert text in lines[0]
        produced = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        assert produced == []
    else:
        report = captured.out if case.command == "inspect" else captured.err
        for text in case.expect:
            assert text in report
        if case.command != "inspect":
            assert all(
                line.startswith("riskmap: warning: ")
                for line in captured.err.splitlines()
            ), captured.err
        if case.check is not None:
            case.check(out)
        if case.command in ("map", "atlas"):
            assert {p.suffix for p in out.iterdir()} == {
                ".png" if case.command == "map" else ".pdf"
            }
    assert snapshot(inputs) == before
