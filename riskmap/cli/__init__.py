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
from riskmap.cli.notices import one_line
from riskmap.errors import Canceled, RiskmapError
from riskmap.logs import log_file, setup_logging, versions

EXIT_OK, EXIT_INTERNAL, EXIT_USER, EXIT_CANCELED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as user errors (exit 2, one line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise RiskmapError(f"{self.prog}: {message}", f"see '{self.prog} --help'")


#: Subcommand names; any other first word is a project to open in the window.
COMMANDS = ("score", "map", "atlas", "inspect", "sample")


def build_parser() -> argparse.ArgumentParser:
    """The subcommand parser. The window's optional PROJECT is not an argparse
    argument (argparse gives a lone word to the subcommand slot, so
    'riskmap PROJECT' and 'riskmap sample DIR' both failed): :func:`parse`
    takes it out first."""
    parser = _Parser(
        prog="riskmap",
        usage="%(prog)s [-h] [--version] [PROJECT | COMMAND ...]",
        description="City safety risk one-map (城市安全风险一张图): load hazard "
        "layers, score risk on a grid and per district, print district maps. "
        "'riskmap PROJECT' opens PROJECT in the window (default: the sample).",
    )
    parser.add_argument("--version", action="version", version=f"riskmap {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("score", help="compute risk; write GeoTIFF, CSV and GeoPackage")
    p.add_argument("project")
    p.add_argument("--out", default="riskmap_out", help="output folder")
    p.add_argument("--sensitivity", type=int, metavar="N", help="Monte Carlo runs")
    p.add_argument(
        "--spread",
        type=float,
        metavar="ALPHA",
        help="Dirichlet concentration of the weights in the Monte Carlo "
        "(smaller varies them more; default 50)",
    )
    p.add_argument(
        "--vary-method",
        action="store_true",
        help="also draw the aggregation method in each run",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")

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


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse a command line; a first word that is no command is the PROJECT."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    words = [i for i, t in enumerate(tokens) if not t.startswith("-")]
    project = None
    if words and tokens[words[0]] not in COMMANDS:
        project = tokens.pop(words[0])
    args = build_parser().parse_args(tokens)
    if args.command is None:
        args.project = project
    elif project is not None:
        raise RiskmapError(
            f"riskmap: '{project}' before the command '{args.command}'",
            "see 'riskmap --help'",
        )
    return args


def _run(args: argparse.Namespace) -> int:
    # Imported late so that --help and --version answer without loading GDAL.
    from riskmap.cli.commands import dispatch

    return dispatch(args)


def main(argv: Sequence[str] | None = None) -> int:
    log = None
    code = EXIT_INTERNAL
    try:
        args = parse(argv)
        if args.command:
            words = sys.argv[1:] if argv is None else list(argv)
            log = setup_logging(f"cli {args.command}", words)
        code = _run(args)
    except SystemExit as exc:  # --help and --version
        code = int(exc.code or 0)
    except (Canceled, KeyboardInterrupt):
        if log:
            log.warning("canceled")
        print("riskmap: canceled", file=sys.stderr)
        code = EXIT_CANCELED
    except RiskmapError as exc:
        if log:
            log.warning("user error: %s", exc)
        print(f"riskmap: error: {one_line(str(exc))}", file=sys.stderr)
        code = EXIT_USER
    except Exception:
        traceback.print_exc()
        if log:
            log.exception("internal error")
        print(
            f"riskmap: internal error (riskmap {__version__}); please report it "
            f"with the message above and the log file {log_file()}",
            file=sys.stderr,
        )
        code = EXIT_INTERNAL
    if log:
        # the libraries are imported by now, so their versions can be told
        log.info("end: exit code %d; %s", code, versions())
    return code
