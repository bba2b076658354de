"""``riskmap score PROJECT --out DIR [--sensitivity N]``.

Loads the project, scores it, writes the contract outputs (see
:mod:`riskmap.io.outputs`) and prints a table per district with the
settings in force; warnings go to stderr.
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from typing import TextIO

from riskmap.cli.notices import log_inputs, print_warnings
from riskmap.cli.progress import TerminalProgress
from riskmap.core.feedback import SubFeedback
from riskmap.core.result import Result
from riskmap.errors import SettingsError


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _num(value: float, fmt: str) -> str:
    return "" if value != value else format(value, fmt)  # NaN -> empty


def summary(result: Result) -> list[str]:
    """The per-district table and the footer the command prints."""
    stats = result.stats
    head = [
        "district",
        "cells",
        "mean",
        "max",
        "蓝%",
        "黄%",
        "橙%",
        "红%",
        "level",
        "dominant hazard",
    ]
    rows = []
    sens = result.sensitivity is not None
    if sens:
        head += ["P(level change)", "rank 5-95%"]
    for r in stats.itertuples(index=False):
        row = [
            str(r.district),
            str(r.cells),
            _num(r.mean, ".3f"),
            _num(r.max, ".3f"),
            *(
                _num(100 * v, ".1f")
                for v in (r.share_blue, r.share_yellow, r.share_orange, r.share_red)
            ),
            str(r.level),
            str(r.dominant_hazard),
        ]
        if sens:
            flag = " unstable" if r.unstable else ""
            row += [
                f"{r.level_changes:.2f}{flag}",
                f"{r.rank_p05:.0f}-{r.rank_p95:.0f}",
            ]
        rows.append(row)
    widths = [max(_width(x) for x in col) for col in zip(head, *rows, strict=True)]
    numeric = {1, 2, 3, 4, 5, 6, 7}
    lines = [
        "  ".join(
            _pad(h, w, i in numeric)
            for i, (h, w) in enumerate(zip(head, widths, strict=True))
        )
    ]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(
                _pad(v, w, i in numeric)
                for i, (v, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    g = result.grid
    weights = ", ".join(f"{h.title} {h.weight:.2f}" for h in result.hazards)
    breaks = " / ".join(f"{b:g}" for b in result.thresholds)
    lines += [
        "",
        f"method {result.method}; 就高 {'on' if result.take_highest else 'off'}; "
        f"classes {result.classification} {breaks}; weights {weights}",
        f"grid {g.nrows} x {g.ncols} cells of {g.cell:g} m in {g.crs}; "
        f"fingerprint {result.fingerprint[:12]}",
    ]
    if result.exposure_layer:
        lines.append(f"exposure layer '{result.exposure_layer}' (R_e = sqrt(R E))")
    if result.sensitivity is not None:
        s = result.sensitivity
        lines.append(
            f"sensitivity: {s.runs} runs, Dirichlet alpha {s.alpha:g}, seed {s.seed}, "
            f"methods {' '.join(s.methods)}, mean rank shift {s.mean_rank_shift:.2f}"
        )
    return lines


def _sensitivity_options(args: argparse.Namespace) -> tuple[int | None, dict]:
    """The Monte Carlo's runs and its options, checked."""
    runs = getattr(args, "sensitivity", None)
    spread = getattr(args, "spread", None)
    vary = getattr(args, "vary_method", False)
    if runs is not None and runs < 1:
        raise SettingsError(
            f"--sensitivity {runs}: the number of runs must be at least 1",
            "for example --sensitivity 1000",
        )
    if runs is None and (spread is not None or vary):
        flag = "--spread" if spread is not None else "--vary-method"
        raise SettingsError(
            f"{flag} sets up the sensitivity analysis, which was not asked for",
            "add --sensitivity N (for example --sensitivity 1000)",
        )
    options: dict = {"seed": getattr(args, "seed", 0), "vary_method": vary}
    if spread is not None:
        if not math.isfinite(spread) or spread <= 0:
            raise SettingsError(
                f"--spread {spread:g}: the Dirichlet concentration must be a "
                "positive number",
                "for example --spread 50 (the default); smaller varies the "
                "weights more",
            )
        options["sensitivity_alpha"] = spread
    return runs, options


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Entry point of ``riskmap score``; returns the exit code."""
    from riskmap.io.project_file import load_project
    from riskmap.pipeline.loading import load_project_data
    from riskmap.pipeline.scoring import score_project, write_outputs

    out = out or sys.stdout
    runs, options = _sensitivity_options(args)
    with TerminalProgress() as progress:
        project = load_project(args.project)
        progress.set_status("loading layers")
        # one bar for the whole command: loading, scoring, writing; only
        # what scoring uses is loaded (mapped attributes, centroids for
        # density layers), which keeps a city of footprints small
        data = load_project_data(
            project,
            SubFeedback(progress, 0, 20),
            attributes="used",
            positions=True,
        )
        result = score_project(
            project,
            data,
            SubFeedback(progress, 20, 92),
            sensitivity_runs=runs,
            **options,
        )
        log_inputs(project, result.fingerprint)
        paths = write_outputs(result, args.out, SubFeedback(progress, 92, 100))
    for line in summary(result):
        print(line, file=out)
    print("", file=out)
    for path in paths:
        print(f"wrote {path}", file=out)
    print_warnings(result.warnings)
    return 0
