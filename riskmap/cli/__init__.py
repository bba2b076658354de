"""The ``riskmap`` command: the same pipeline as the GUI, headless.

Exit codes: 0 success; 2 a user error (one line naming the culprit, with a
hint); 130 canceled; 1 an internal error (with a traceback).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from riskmap import __version__
from riskmap.errors import Canceled, RiskmapError

EXIT_OK, EXIT_INTERNAL, EXIT_USER, EXIT_CANCELED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as user errors (exit 2, one line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise RiskmapError(f"{self.prog}: {message}", f"see '{self.prog} --help'")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="riskmap",
        description="City safety risk one-map (城市安全风险一张图): load hazard "
        "layers, score risk on a grid and per district, print district maps.",
    )
    parser.add_argument("--version", action="version", version=f"riskmap {__version__}")
    # "riskmap PROJECT" opens the window; an optional positional before the
    # subcommands would swallow the command name ("riskmap score P"), so the
    # project is taken off argv in main() and documented here only.
    parser.usage = "riskmap [-h] [--version] [PROJECT | COMMAND ...]"
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("score", help="compute risk; write GeoTIFF, CSV and GeoPackage")
    p.add_argument("project")
    p.add_argument("--out", default="riskmap_out", help="output folder")
    p.add_argument("--sensitivity", type=int, metavar="N", help="Monte Carlo runs")

    p = sub.add_parser("map", help="one district map (.pdf .png .svg)")
    p.add_argument("project")
    p.add_argument("--district", required=True)
    p.add_argument("--out")
    p.add_argument("--paper", choices=("A4", "A3"))
    p.add_argument("--orientation", choices=("landscape", "portrait"))
    p.add_argument("--dpi", type=int)

    p = sub.add_parser("atlas", help="overview page + one page per district")
    p.add_argument("project")
    p.add_argument("--out")
    p.add_argument("--split", metavar="DIR", help="also one file per district")
    p.add_argument("--paper", choices=("A4", "A3"))
    p.add_argument("--orientation", choices=("landscape", "portrait"))
    p.add_argument("--dpi", type=int)

    p = sub.add_parser("inspect", help="what is in a data file")
    p.add_argument("file")
    p.add_argument("--layer")

    p = sub.add_parser("sample", help="write the sample project to DIR")
    p.add_argument("dir")
    return parser


def _run(args: argparse.Namespace) -> int:
    # Imported late so that --help and --version answer without loading GDAL.
    from riskmap.cli.commands import dispatch

    return dispatch(args)


COMMANDS = ("score", "map", "atlas", "inspect", "sample")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; a first argument that is not a command (nor
    an option) is the project to open in the window."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    project = None
    if args_in and not args_in[0].startswith("-") and args_in[0] not in COMMANDS:
        project = args_in.pop(0)
    args = build_parser().parse_args(args_in)
    if args.command is None:
        args.project = project
    elif project is not None:  # pragma: no cover - argparse already refused
        raise RiskmapError(f"unexpected argument '{project}'")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
        return _run(args)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except Canceled:
        print("riskmap: canceled", file=sys.stderr)
        return EXIT_CANCELED
    except KeyboardInterrupt:
        print("riskmap: canceled", file=sys.stderr)
        return EXIT_CANCELED
    except RiskmapError as exc:
        print(f"riskmap: error: {exc}", file=sys.stderr)
        return EXIT_USER
    except Exception:
        traceback.print_exc()
        print(
            f"riskmap: internal error (riskmap {__version__}); please report it "
            "with the message above",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
