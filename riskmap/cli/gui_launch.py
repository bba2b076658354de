"""``riskmap [PROJECT]``: open the desktop window.

Qt is imported only here and only when the window is asked for, so every
other command runs on a machine without Qt's system libraries. This is the
one place the command line reaches the GUI package, by name at run time:
the layer contract (pyproject.toml) keeps every other CLI module from it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from riskmap.errors import RiskmapError
from riskmap.logs import setup_logging


def _check_display() -> None:
    """Fail with a clear message where Qt would abort the process instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise RiskmapError(
            "the riskmap window cannot open: there is no display (DISPLAY and "
            "WAYLAND_DISPLAY are not set)",
            "run riskmap on a desktop session, or use the commands: riskmap --help",
        )


def run(args: argparse.Namespace) -> int:
    project = getattr(args, "project", None)
    if project and not os.path.exists(project):
        raise RiskmapError(
            f"{project}: project file not found",
            "check the path, or run 'riskmap sample DIR' to get the sample project",
        )
    screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if os.environ.get("RISKMAP_SELF_TEST") and not screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # needs no screen
    _check_display()
    try:
        app = importlib.import_module("riskmap.gui.app")
    except ImportError as exc:
        raise RiskmapError(
            f"the riskmap window cannot start: Qt could not be loaded ({exc})",
            "install the desktop libraries Qt needs (on Debian/Ubuntu: libegl1 "
            "libxkbcommon0 libfontconfig1 libdbus-1-3), or use the commands: "
            "riskmap --help",
        ) from None
    setup_logging("gui")
    return int(app.run(project))
