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


def test_project_and_subcommand_words_are_told_apart(tmp_path) -> None:
    # argparse alone gives a lone word to the subcommand slot: an optional
    # PROJECT beside the subcommands broke both forms below.
    from riskmap.cli import parse

    args = parse(["sample", str(tmp_path)])
    assert (args.command, args.dir) == ("sample", str(tmp_path))
    args = parse(["score", "p.riskmap.toml", "--out", "o"])
    assert (args.command, args.project, args.out) == ("score", "p.riskmap.toml", "o")
    args = parse(["my.riskmap.toml"])
    assert (args.command, args.project) == (None, "my.riskmap.toml")
    args = parse([])
    assert (args.command, args.project) == (None, None)


def test_a_project_before_a_command_is_a_user_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["p.riskmap.toml", "score", "q.riskmap.toml"]) == 2
    assert "before the command 'score'" in capsys.readouterr().err
