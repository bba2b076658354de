"""``riskmap map`` and ``riskmap atlas``: printable district maps from a project.

Both open the project, load its layers, score it and print, through the same
pipeline functions the GUI uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from riskmap.cli.notices import log_inputs, print_warnings
from riskmap.render.atlas import safe_filename

EXIT_OK, EXIT_INTERNAL = 0, 1


class TerminalProgress:
    """A one-line progress bar on a terminal; silent when not a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._live = bool(getattr(self._stream, "isatty", lambda: False)())
        self._status = ""
        self._percent = 0.0

    def set_progress(self, percent: float) -> None:
        self._percent = max(0.0, min(100.0, percent))
        self._draw()

    def set_status(self, text: str) -> None:
        self._status = text
        self._draw()

    def is_canceled(self) -> bool:
        return False  # Ctrl-C raises KeyboardInterrupt, which main() handles

    def _draw(self) -> None:
        if not self._live:
            return
        filled = int(self._percent / 5)
        bar = "#" * filled + "-" * (20 - filled)
        line = f"\r[{bar}] {self._percent:5.1f}% {self._status}"[:100]
        self._stream.write(line.ljust(100))
        self._stream.flush()

    def done(self) -> None:
        if self._live:
            self._stream.write("\r" + " " * 100 + "\r")
            self._stream.flush()


def _scored(project_path: str, feedback: TerminalProgress):
    from riskmap.core.feedback import SubFeedback
    from riskmap.pipeline.loading import load_project_data, open_project
    from riskmap.pipeline.scoring import score_project

    project = open_project(Path(project_path))
    feedback.set_status("loading layers")
    data = load_project_data(project, SubFeedback(feedback, 0, 30))
    feedback.set_status("scoring")
    result = score_project(project, data, SubFeedback(feedback, 30, 70))
    log_inputs(project, result.fingerprint)
    return project, data, result


def default_map_name(district: str, suffix: str = ".pdf") -> Path:
    return Path(f"{safe_filename(district)}_风险图{suffix}")


def run_map(args: argparse.Namespace) -> int:
    """One district's map (.pdf, .png or .svg by the --out suffix)."""
    from riskmap.core.feedback import SubFeedback
    from riskmap.pipeline.printing import export_map

    progress = TerminalProgress()
    try:
        project, data, result = _scored(args.project, progress)
        out = Path(args.out) if args.out else default_map_name(args.district)
        path = export_map(
            project,
            data,
            result,
            args.district,
            out,
            paper=args.paper,
            orientation=args.orientation,
            dpi=args.dpi,
            feedback=SubFeedback(progress, 70, 100),
        )
    finally:
        progress.done()
    print_warnings(result.warnings)
    print(path)
    return EXIT_OK


def run_atlas(args: argparse.Namespace) -> int:
    """Overview page plus one page per district in one PDF; failures reported."""
    from riskmap.core.feedback import SubFeedback
    from riskmap.pipeline.printing import export_atlas

    progress = TerminalProgress()
    try:
        project, data, result = _scored(args.project, progress)
        report = export_atlas(
            project,
            data,
            result,
            Path(args.out) if args.out else Path("atlas.pdf"),
            split_dir=args.split,
            paper=args.paper,
            orientation=args.orientation,
            dpi=args.dpi,
            feedback=SubFeedback(progress, 70, 100),
        )
    finally:
        progress.done()
    print_warnings(result.warnings)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_INTERNAL
