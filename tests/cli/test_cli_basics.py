from __future__ import annotations

import subprocess
import sys

import pytest

from riskmap import __version__
from riskmap.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"riskmap {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("score", "map", "atlas", "inspect", "sample"):
        assert command in out


def test_usage_error_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert "the following arguments are required: project" in err


def test_entry_point_runs_as_module() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "riskmap", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"riskmap {__version__}"


def test_a_project_path_means_open_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskmap.cli import commands

    seen = {}

    def fake_gui(args):
        seen["project"] = args.project
        return 0

    monkeypatch.setattr(
        commands, "_COMMANDS", {**commands._COMMANDS, "gui": f"{__name__}:_fake_gui"}
    )
    globals()["_fake_gui"] = fake_gui
    assert main(["城市 项目.riskmap.toml"]) == 0
    assert seen["project"] == "城市 项目.riskmap.toml"
    assert main([]) == 0
    assert seen["project"] is None
    assert main(["a.riskmap.toml", "extra"]) == 2
