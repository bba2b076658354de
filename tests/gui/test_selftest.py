"""The hidden self-test of the window, run as a laptop build would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtGui import QImage

pytestmark = [pytest.mark.gui, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "RISKMAP_CONFIG_DIR": str(tmp_path / "config"),
           "RISKMAP_LOG_DIR": str(tmp_path / "logs"), **extra}  # fmt: skip
    env.pop("QT_QPA_PLATFORM", None)  # the self-test picks offscreen itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "riskmap"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_self_test_exports_the_page_and_reports_timings(tmp_path):
    out = tmp_path / "out"
    done = _run(tmp_path, RISKMAP_SELF_TEST=str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads((out / "selftest.json").read_text(encoding="utf-8"))
    assert report["ok"] and report["error"] == "" and not report["recovered"]
    seconds = report["seconds"]
    assert 0 < seconds["window_shown"] < seconds["map_drawn"] < seconds["exported"]
    assert report["project"].endswith("chongqing_sample.riskmap.toml")
    pdf = PdfReader(out / "selftest_page.pdf")
    assert len(pdf.pages) == 1
    assert report["district"] in pdf.pages[0].extract_text()
    shot = QImage(str(out / "selftest_window.png"))
    assert shot.width() >= 800 and shot.height() >= 600
    print(f"self-test timings: {seconds}")


def test_self_test_fails_cleanly_after_its_time_limit(tmp_path):
    out = tmp_path / "out"
    done = _run(tmp_path, RISKMAP_SELF_TEST=str(out), RISKMAP_SELF_TEST_TIMEOUT="0.5")
    assert done.returncode == 1
    assert "riskmap self-test failed: timed out" in done.stderr
    report = json.loads((out / "selftest.json").read_text(encoding="utf-8"))
    assert not report["ok"] and "timed out" in report["error"]


def test_the_self_test_is_not_in_the_help():
    from riskmap.cli import build_parser

    assert "self" not in build_parser().format_help().lower()
