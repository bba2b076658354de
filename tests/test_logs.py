from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from riskmap import __version__
from riskmap.cli import commands, main
from riskmap.logs import log_file


def _boom(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("simulated bug")


def test_internal_error_exit_1_points_to_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(commands._COMMANDS, "inspect", f"{__name__}:_boom")
    assert main(["inspect", "x.gpkg"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError" in err
    assert str(log_file()) in err
    text = Path(log_file()).read_text(encoding="utf-8")
    assert f"riskmap {__version__}" in text
    assert "simulated bug" in text


def test_log_goes_to_the_override_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RISKMAP_LOG_DIR", str(tmp_path / "logs here"))
    assert log_file() == tmp_path / "logs here" / "riskmap.log"
