"""What the command prints besides its results: warnings and errors, each on
one line of stderr, and the same lines in the log file."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import TextIO

from riskmap.logs import get_logger

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` as one line: line breaks and other control characters (which
    a damaged file can put into a name) are shown escaped, never acted on."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def print_warnings(warnings: Iterable[str], stream: TextIO | None = None) -> None:
    """Each warning as ``riskmap: warning: ...`` on stderr, and in the log."""
    stream = stream or sys.stderr
    log = get_logger("cli")
    for warning in warnings:
        log.warning("%s", warning)
        print(f"riskmap: warning: {one_line(str(warning))}", file=stream)


def log_inputs(project: object, fingerprint: str = "") -> None:
    """The project file and the data files a run read, in the log."""
    paths = [getattr(project, "path", None)]
    districts = getattr(project, "districts", None)
    if districts is not None:
        paths.append(districts.path)
    paths += [spec.path for spec in getattr(project, "layers", [])]
    get_logger("cli").info(
        "inputs: %s%s",
        ", ".join(str(p) for p in paths if p is not None),
        f"; fingerprint {fingerprint}" if fingerprint else "",
    )
