"""``riskmap score`` from the command line."""

from __future__ import annotations

import io
import signal
from pathlib import Path

import pytest

from riskmap.cli import main
from riskmap.cli.progress import TerminalProgress
from tests.pipeline.conftest import project_dir  # noqa: F401 - fixture


def test_score_writes_the_outputs_and_prints_a_table(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = project_dir / "out"
    code = main(["score", str(project_dir / "test.riskmap.toml"), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    for name in (
        "risk.tif",
        "classes.tif",
        "districts.csv",
        "districts.gpkg",
        "hotspots.gpkg",
    ):
        assert (out / name).exists()
    lines = captured.out.splitlines()
    assert lines[0].split()[:4] == ["district", "cells", "mean", "max"]
    assert any(line.startswith("东城") and "低风险" in line for line in lines)
    assert any("method union; 就高 on" in line for line in lines)
    assert "\r" not in captured.err  # no progress bar when stderr is not a terminal
    assert "warning:" in captured.err and "小岛" in captured.err


def test_score_with_sensitivity(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = project_dir / "out"
    code = main(
        [
            "score",
            str(project_dir / "test.riskmap.toml"),
            "--out",
            str(out),
            "--sensitivity",
            "20",
        ]
    )
    assert code == 0
    assert (out / "sensitivity.tif").exists()
    assert "sensitivity: 20 runs" in capsys.readouterr().out


def test_sensitivity_spread_method_and_seed_from_the_command_line(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = str(project_dir / "test.riskmap.toml")

    def stability(name: str, *extra: str) -> tuple[str, bytes]:
        out = project_dir / name
        args = ["score", project, "--out", str(out), "--sensitivity", "30", *extra]
        assert main(args) == 0
        line = next(
            x
            for x in capsys.readouterr().out.splitlines()
            if x.startswith("sensitivity:")
        )
        return line, (out / "districts.csv").read_bytes()

    line, base = stability("a")
    assert "alpha 50, seed 0, methods union," in line
    line, wide = stability("b", "--spread", "2", "--vary-method", "--seed", "7")
    assert "alpha 2, seed 7," in line
    assert len(line.split("methods ")[1].split(",")[0].split()) > 1
    assert wide != base  # other draws, another spread: other probabilities
    _, again = stability("c", "--spread", "2", "--vary-method", "--seed", "7")
    assert again == wide  # the seed makes it repeatable


@pytest.mark.parametrize(
    "extra",
    [["--spread", "0", "--sensitivity", "5"], ["--spread", "nan", "--sensitivity", "5"],
     ["--vary-method"], ["--spread", "3"]],
)  # fmt: skip
def test_bad_sensitivity_options_exit_2_naming_the_option(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
) -> None:
    path = str(project_dir / "test.riskmap.toml")
    assert main(["score", path, "--out", str(project_dir / "o"), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert extra[0] in err


def test_rerun_gives_a_byte_identical_csv(project_dir: Path) -> None:  # noqa: F811
    project = str(project_dir / "test.riskmap.toml")
    assert main(["score", project, "--out", str(project_dir / "a")]) == 0
    assert main(["score", project, "--out", str(project_dir / "b")]) == 0
    a = (project_dir / "a" / "districts.csv").read_bytes()
    assert a == (project_dir / "b" / "districts.csv").read_bytes()


def test_user_errors_exit_2_in_one_line(
    project_dir: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = project_dir / "test.riskmap.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'kind = "highrise_fire"', 'kind = "fires"'
        ),
        encoding="utf-8",
    )
    assert main(["score", str(path), "--out", str(project_dir / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert "unknown hazard kind 'fires'" in err and "known kinds: generic" in err
    assert main(["score", str(path), "--sensitivity", "0"]) == 2


def test_progress_bar_draws_on_a_terminal_and_ctrl_c_cancels() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream, enabled=True)
    with bar:
        bar.set_status("scoring layer 'a'")
        bar.set_progress(50)
        assert (
            "[##############--------------]  50 %  scoring layer 'a'"
            in stream.getvalue()
        )
        handler = signal.getsignal(signal.SIGINT)
        handler(signal.SIGINT, None)  # the first Ctrl-C asks to stop
        assert bar.is_canceled()
        with pytest.raises(KeyboardInterrupt):  # the second interrupts
            handler(signal.SIGINT, None)
    assert signal.getsignal(signal.SIGINT) is not handler
    assert stream.getvalue().endswith("\r")


def test_progress_is_quiet_off_a_terminal() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream)
    bar.set_status("x")
    bar.set_progress(30)
    assert stream.getvalue() == ""


def test_a_fresh_process_scores_the_project(project_dir: Path) -> None:  # noqa: F811
    # in a new interpreter nothing else has imported (and registered) the models
    import subprocess
    import sys

    out = project_dir / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "riskmap",
            "score",
            str(project_dir / "test.riskmap.toml"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert (out / "districts.csv").exists()
