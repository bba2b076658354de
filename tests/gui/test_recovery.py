"""Nothing lost: autosave to a recovery file, the offer to recover it after a
crash (in this process, and by killing the real application), and the
previous project file kept as a backup on save."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import shiboken6

from riskmap.core.commands import SetSetting
from riskmap.gui import recovery
from riskmap.gui.projects import backup_path
from riskmap.io.project_file import load_project

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("RISKMAP_CONFIG_DIR", str(folder))
    monkeypatch.setenv("RISKMAP_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(recovery, "AFTER_CHANGE_MS", 100)
    return folder


def _window(qtbot, crashes: bool = False):
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    win = MainWindow(prefs=Preferences())
    if not crashes:  # a window that will crash is never closed by the test
        qtbot.addWidget(win)
    return win


def _written(qtbot, win) -> Path:
    with qtbot.waitSignal(win.autosaver.written, timeout=10_000) as blocker:
        pass
    return Path(blocker.args[0])


def test_save_keeps_the_previous_file_as_a_backup(qtbot, small_project):
    win = _window(qtbot)
    assert win.files.open_path(small_project, confirm=False)
    first = small_project.read_bytes()
    win.session.push(SetSetting("", "title", "第二版"))
    assert win.files.save()
    assert backup_path(small_project) == small_project.with_name(
        small_project.name + ".bak"
    )
    assert backup_path(small_project).read_bytes() == first
    second = small_project.read_bytes()
    assert load_project(small_project).title == "第二版"
    win.session.push(SetSetting("", "title", "第三版"))
    assert win.files.save()
    assert backup_path(small_project).read_bytes() == second
    assert not list(small_project.parent.glob("*.tmp*"))


def test_autosave_after_a_change_is_a_normal_project_file(qtbot, small_project):
    win = _window(qtbot)
    assert win.files.open_path(small_project, confirm=False)
    assert recovery.entries(include_live=True) == []
    win.session.push(SetSetting("print", "organisation", "自动保存测试"))
    path = _written(qtbot, win)
    assert path.parent == recovery.recovery_dir()
    kept = load_project(path)  # opens on its own: paths relative to it
    assert kept.print.organisation == "自动保存测试"
    assert kept.districts.path.resolve() == small_project.parent / "districts.gpkg"
    (entry,) = recovery.entries(include_live=True)
    recovered = recovery.read_entry(entry)
    assert recovered.path == small_project.resolve()
    assert recovered.districts.path == small_project.parent / "districts.gpkg"
    meta = json.loads(path.with_name(path.name.split(".")[0] + ".json").read_text())
    assert meta["original"] == str(small_project.resolve())
    assert meta["pid"] == os.getpid()
    # Its own window is alive: nothing to offer.
    assert recovery.entries() == []
    # Saved: the recovery entry goes.
    assert win.files.save()
    assert not path.exists() and recovery.entries(include_live=True) == []


def test_autosave_at_the_interval_too(qtbot, small_project, monkeypatch):
    from riskmap.gui.preferences import Preferences

    prefs = Preferences(autosave_seconds=5)
    saver = recovery.Autosaver(_window(qtbot).session, prefs.autosave_seconds)
    assert saver._periodic.isActive() and saver._periodic.interval() == 5000


def test_a_crash_is_offered_back_and_recovered(qtbot, tmp_path):
    crashed = _window(qtbot, crashes=True)
    crashed.session.push(SetSetting("", "title", "未保存的项目"))
    path = _written(qtbot, crashed)
    assert path.name.startswith("untitled-")
    assert recovery.entries() == []  # still running
    shiboken6.delete(crashed)  # gone without closing: as in a crash
    assert path.exists()
    (entry,) = recovery.entries()
    assert entry.title == "未保存的项目" and entry.original is None
    win = _window(qtbot)
    recovery._answer = "recover"
    try:
        assert recovery.offer(win)
    finally:
        recovery._answer = None
    assert win.session.project.title == "未保存的项目"
    assert win.session.project.path is None and win.session.is_dirty()
    assert win.isWindowModified()
    # The recovered copy is now this window's own entry.
    assert not path.exists()
    assert [e.key for e in recovery.entries(include_live=True)] == [
        win.autosaver.written_key()
    ]
    # A clean close with the changes discarded leaves nothing behind.
    win.close()
    assert recovery.entries(include_live=True) == []


def test_discard_deletes_the_kept_copy(qtbot):
    crashed = _window(qtbot, crashes=True)
    crashed.session.push(SetSetting("", "title", "不要了"))
    path = _written(qtbot, crashed)
    shiboken6.delete(crashed)
    recovery._answer = "discard"
    try:
        assert not recovery.offer(_window(qtbot))
    finally:
        recovery._answer = None
    assert not path.exists() and recovery.entries() == []


CHANGE_THEN_WAIT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from riskmap.core.commands import SetSetting, SetWeights
    from riskmap.gui import app as gui_app

    qapp = QApplication(sys.argv[:1])

    def change():
        for w in qapp.topLevelWidgets():
            if w.objectName() == "mainWindow" and w.session.data is not None:
                w.session.push(SetWeights({"hazmat": 3.0}))
                w.session.push(SetSetting("", "title", "崩溃前的修改"))
                print("changed", flush=True)
                return
        QTimer.singleShot(100, change)

    QTimer.singleShot(200, change)
    sys.exit(gui_app.run(sys.argv[1]))
    """
)


def _env(config: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.update(RISKMAP_CONFIG_DIR=str(config), **extra)
    return env


@pytest.mark.slow
def test_killed_application_is_recovered_on_the_next_start(tmp_path, config):
    from riskmap.pipeline.sample import write_sample

    project = write_sample(tmp_path / "sample")
    folder = config / "recovery"
    app = subprocess.Popen(
        [sys.executable, "-c", CHANGE_THEN_WAIT, str(project)],
        env=_env(config), cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        end = time.monotonic() + 120
        while not list(folder.glob("*.json")):
            assert app.poll() is None, "the application ended before autosaving"
            assert time.monotonic() < end, "no recovery file was written"
            time.sleep(0.1)
        time.sleep(0.3)
        app.send_signal(signal.SIGKILL)  # no clean close, no goodbye
    finally:
        app.kill()
        app.wait(30)
    assert app.returncode == -signal.SIGKILL
    assert len(list(folder.glob("*.json"))) == 1
    out = tmp_path / "selftest"
    done = subprocess.run(
        [sys.executable, "-m", "riskmap", str(project)],
        env=_env(config, RISKMAP_SELF_TEST=str(out), RISKMAP_RECOVERY_ANSWER="recover"),
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads((out / "selftest.json").read_text(encoding="utf-8"))
    assert report["ok"] and report["recovered"]
    assert report["title"] == "崩溃前的修改"
    assert report["weights"]["hazmat"] == 3.0 and report["dirty"]
    assert report["project"] == str(project.resolve())
    # The project file itself was never touched.
    assert load_project(project).title != "崩溃前的修改"
