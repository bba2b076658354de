"""The window's self-test for a laptop build (``RISKMAP_SELF_TEST=OUTDIR``).

Started by :func:`riskmap.gui.app.run` when the variable is set (offscreen
works: ``QT_QPA_PLATFORM=offscreen``), it opens the project (or the entry
offered for recovery, when ``RISKMAP_RECOVERY_ANSWER=recover``), waits for
the scored and drawn map, exports the current district's page as a PDF
through File > Export Map, saves a screenshot of the window and writes
``selftest.json`` with the timings, then quits: exit 0, or 1 with a message
on stderr after any failure or after the time limit
(``RISKMAP_SELF_TEST_TIMEOUT`` seconds, default 300).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from riskmap import __version__
from riskmap.gui import crash, projects, recovery
from riskmap.io.atomic import write_text
from riskmap.logs import get_logger, log_file

ENV = "RISKMAP_SELF_TEST"
POLL_MS = 50


class SelfTest(QObject):
    def __init__(
        self, app: QApplication, window: Any, outdir: Path, project: Path, t0: float
    ) -> None:
        super().__init__(window)
        self.app, self.window, self.outdir, self.project = app, window, outdir, project
        self.t0 = t0
        self.times: dict[str, float] = {}
        self.info: dict[str, Any] = {"riskmap": __version__, "log": str(log_file())}
        self.step = "start"
        self._done = False
        timeout = float(os.environ.get(f"{ENV}_TIMEOUT", "300"))
        QTimer.singleShot(int(timeout * 1000), self._timed_out)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)

    def _mark(self, name: str) -> None:
        self.times[name] = round(time.perf_counter() - self.t0, 3)
        # Wall-clock moments too, so that a caller that started the process
        # can measure from its own start (imports included).
        self.info.setdefault("epoch", {})[name] = time.time()

    def start(self) -> None:
        # Nothing may wait for a person: boxes open without blocking and an
        # unsaved (recovered) project is left as it is on the way out.
        crash._non_blocking = True
        projects._answer = QMessageBox.StandardButton.Discard
        if recovery._answer is None and not os.environ.get("RISKMAP_RECOVERY_ANSWER"):
            recovery._answer = "later"
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.window.analysis.failed.connect(
            lambda exc, tb: self.fail(f"scoring failed: {exc}", tb)
        )
        QTimer.singleShot(0, self._open)

    def _open(self) -> None:
        self._mark("window_shown")
        self.step = "open"
        recovered = recovery.offer(self.window)
        self.info["recovered"] = recovered
        if not recovered and not self.window.files.open_path(self.project, False):
            self.fail(f"could not open {self.project}")
            return
        self.step = "map"
        self._poll.timeout.connect(self._wait_for_map)
        self._poll.start()

    def _wait_for_map(self) -> None:
        w = self.window
        ready = (
            w.session.document is not None
            and w.analysis.state == "ready"
            and not w.analysis.busy()
            and w.canvas.idle()
            and w.canvas._image is not None
        )
        if not ready:
            return
        self._poll.stop()
        self._mark("map_drawn")
        self.step = "export"
        target = self.outdir / "selftest_page.pdf"
        dialog = w.model_tools.export_map_now(str(target))
        dialog.exported.connect(self._exported)
        dialog.failed.connect(lambda why: self.fail(f"export failed: {why}"))
        self.info["district"] = dialog.district()

    def _exported(self, path: str) -> None:
        self._mark("exported")
        self.step = "screenshot"
        w = self.window
        shot = self.outdir / "selftest_window.png"
        if not w.grab().save(str(shot)):
            self.fail(f"could not save {shot}")
            return
        project = w.session.project
        self.info.update(
            pdf=path,
            pdf_bytes=Path(path).stat().st_size,
            screenshot=str(shot),
            project=str(project.path) if project.path else None,
            title=project.title,
            dirty=w.session.is_dirty(),
            weights={s.id: s.weight for s in project.hazard_layers()},
            cell_size=project.cell_size,
            districts=len(w.session.result.stats),
        )
        self._finish(0, "")

    def _timed_out(self) -> None:
        if not self._done:
            self.fail(f"timed out while at step '{self.step}'")

    def fail(self, message: str, tb: str = "") -> None:
        if tb:
            get_logger("gui").error("self-test: %s\n%s", message, tb)
        self._finish(1, message)

    def _finish(self, code: int, message: str) -> None:
        if self._done:
            return
        self._done = True
        self._poll.stop()
        report = {"ok": code == 0, "error": message, "seconds": self.times, **self.info}
        try:
            write_text(
                self.outdir / "selftest.json",
                json.dumps(report, ensure_ascii=False, indent=2),
            )
        except Exception:
            traceback.print_exc()
            code = code or 1
        if message:
            print(f"riskmap self-test failed: {message}", file=sys.stderr)
        self.window.runner.cancel_all()
        self.window.close()
        self.app.exit(code)
