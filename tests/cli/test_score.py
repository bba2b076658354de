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
