"""What users feel: the desktop window, offscreen.

usage: python tests/bench/gui_bench.py [MDATADIR] [--moves N]

1. From the start of the process (imports included) to the first drawn map
   of the bundled sample project: the window is built, the project opened,
   its layers loaded and scored, and the canvas has an image of the scored
   map (the analysis is "ready" and the canvas idle with an image).
2. With the benchmark's M data set (when MDATADIR is given): after the
   project is open and scored, a scripted sequence of pans and zooms at the
   full view and at 1:100 000, 1:25 000 and 1:5 000; each move waits for
   its redraw. The canvas's own render times (request to image, as
   ``MapCanvas.rendered`` reports them) give the median and the 95th
   percentile.

Prints one JSON line.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RISKMAP_CONFIG_DIR", tempfile.mkdtemp(prefix="riskmap-bench-"))

import numpy as np  # noqa: E402

from PySide6.QtCore import QEventLoop, QPointF, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_project import write_project  # noqa: E402

SCALES = {"full": None, "1:100k": 100_000, "1:25k": 25_000, "1:5k": 5_000}


def spin(condition, timeout: float = 600.0) -> bool:
    """Run the event loop until ``condition()`` holds (or time runs out)."""
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            return False
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()
    return True


def drawn(window) -> bool:
    c = window.canvas
    return (
        window.session.document is not None
        and window.analysis.state == "ready"
        and c.idle()
        and c._image is not None
    )


def open_project(window, path: str) -> float:
    t = time.perf_counter()
    window.files.open_path(path, confirm=False)
    if not spin(lambda: drawn(window)):
        raise SystemExit(f"gui_bench: {path} did not reach a drawn map")
    return time.perf_counter() - t


def moves(window, n: int) -> list[float]:
    c = window.canvas
    rng = np.random.default_rng(0)
    full = c.view()
    times: list[float] = []
    for scale in SCALES.values():
        c.set_view(full)
        if scale:
            c.set_scale(scale)
        spin(c.idle)
        c.render_times.clear()
        for i in range(n):
            if i % 3 == 2:
                anchor = QPointF(rng.uniform(200, 700), rng.uniform(100, 400))
                c.zoom_by(1.25 if i % 2 else 0.8, anchor)
            else:
                c.pan_pixels(rng.uniform(-200, 200), rng.uniform(-150, 150))
            spin(c.idle)
        times += list(c.render_times)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mdata", nargs="?", help="the benchmark's M data folder")
    ap.add_argument("--moves", type=int, default=12, help="moves per scale")
    args = ap.parse_args()

    app = QApplication.instance() or QApplication([])
    from riskmap._paths import sample_project
    from riskmap.gui.main_window import MainWindow
    from riskmap.gui.preferences import Preferences

    window = MainWindow(prefs=Preferences())
    window.resize(1280, 800)
    window.show()
    imported = time.perf_counter() - T_START
    open_s = open_project(window, str(sample_project()))
    out = {
        "open_to_drawn_s": round(time.perf_counter() - T_START, 3),
        "open_s": round(open_s, 3),
        "import_and_window_s": round(imported, 3),
        "window": [window.width(), window.height()],
    }
    if args.mdata:
        project = write_project(args.mdata)
        out["m_open_to_drawn_s"] = round(open_project(window, str(project)), 3)
        ms = np.array(moves(window, args.moves)) * 1000
        out.update(
            redraws=len(ms),
            redraw_ms_median=round(float(np.median(ms)), 1),
            redraw_ms_p95=round(float(np.percentile(ms, 95)), 1),
            redraw_ms_max=round(float(ms.max()), 1),
        )
    print(json.dumps(out), flush=True)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
