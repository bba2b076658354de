"""``riskmap inspect FILE [--layer NAME]``: what a data file holds."""

from __future__ import annotations

import argparse
import sys

from riskmap.pipeline.loading import format_inspect_report, inspect_path


def _utf8_stdout() -> None:
    """Write UTF-8 so Chinese names survive a pipe or a non-UTF-8 locale."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    report = inspect_path(args.file, getattr(args, "layer", None))
    _utf8_stdout()
    sys.stdout.write(format_inspect_report(report))
    sys.stdout.flush()
    return 0
