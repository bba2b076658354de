"""The subcommands of ``riskmap``: thin wrappers over :mod:`riskmap.pipeline`."""

from __future__ import annotations

import argparse

from riskmap.errors import RiskmapError


def dispatch(args: argparse.Namespace) -> int:
    handler = _COMMANDS.get(args.command or "gui")
    if handler is None:
        raise RiskmapError(f"unknown command '{args.command}'", "see 'riskmap --help'")
    return handler(args)


_COMMANDS: dict = {}
