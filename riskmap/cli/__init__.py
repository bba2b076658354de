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
    parser.add_argument(
        "project", nargs="?", help="project to open in the window (default: the sample)"
    )
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


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
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
