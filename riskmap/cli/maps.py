"""``riskmap map`` and ``riskmap atlas``: printable district maps from a project.

Both open the project, load its layers, score it and print, through the same
pipeline functions the GUI uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from riskmap.cli.notices import log_inputs, print_warnings
from riskmap.cli.progress import TerminalProgress
from riskmap.logs import log_file
from riskmap.render.atlas import safe_filename

EXIT_OK, EXIT_INTERNAL, EXIT_USER = 0, 1, 2


def _scored(project_path: str, feedback: TerminalProgress):
    from riskmap.core.feedback import SubFeedback
    from riskmap.pipeline.loading import load_project_data, open_project
    from riskmap.pipeline.scoring import score_project

    project = open_project(Path(project_path))
    feedback.set_status("loading layers")
    # Pages draw geometry and style by mapped inputs only: unused attribute
    # columns are not read (at a million buildings they cost seconds).
    data = load_project_data(project, SubFeedback(feedback, 0, 30), attributes="used")
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

    page_warnings: list[str] = []
    with TerminalProgress() as progress:
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
            warnings=page_warnings,
        )
    print_warnings([*result.warnings, *page_warnings])
    print(path)
    return EXIT_OK


def run_atlas(args: argparse.Namespace) -> int:
    """Overview page plus one page per district in one PDF; failures reported."""
    from riskmap.core.feedback import SubFeedback
    from riskmap.pipeline.printing import export_atlas

    with TerminalProgress() as progress:
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
    print_warnings([*result.warnings, *report.warnings])
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    if report.ok:
        return EXIT_OK
    if report.user_fault:
        return EXIT_USER
    print(f"riskmap: details are in the log file {log_file()}", file=sys.stderr)
    return EXIT_INTERNAL
