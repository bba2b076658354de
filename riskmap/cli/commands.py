"""The subcommands of ``riskmap``, each a thin wrapper over the pipeline.

Each command lives in its own module and is imported only when run, so that
``riskmap --help`` answers without loading GDAL or Qt.
"""

from __future__ import annotations

import argparse
import importlib

from riskmap.errors import RiskmapError

_COMMANDS = {
    "gui": "riskmap.cli.gui_launch:run",
    "score": "riskmap.cli.score:run",
    "map": "riskmap.cli.maps:run_map",
    "atlas": "riskmap.cli.maps:run_atlas",
    "inspect": "riskmap.cli.inspect:run",
    "sample": "riskmap.cli.sample:run",
}


def dispatch(args: argparse.Namespace) -> int:
    target = _COMMANDS.get(args.command or "gui")
    if target is None:
        raise RiskmapError(f"unknown command '{args.command}'", "see 'riskmap --help'")
    module, func = target.split(":")
    return int(getattr(importlib.import_module(module), func)(args))
