"""Refresh the window's Chinese translation.

    python tools/update_translations.py          # extract strings, compile .qm
    python tools/update_translations.py --check  # fail on untranslated strings

Step 1 runs ``pyside6-lupdate`` over riskmap/gui: new ``tr("...")`` strings
are added to resources/translations/riskmap_zh_CN.ts (existing translations
are kept, strings no longer used are dropped). Translate the new entries in
Qt Linguist (``pyside6-linguist``) or in the XML itself. Step 2 compiles the
.ts into the .qm file the application loads, with ``pyside6-lrelease``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "riskmap" / "gui"
TS = ROOT / "resources" / "translations" / "riskmap_zh_CN.ts"
QM = TS.with_suffix(".qm")


def qt_tool(name: str) -> str:
    """Path of a Qt tool shipped inside the PySide6 wheel."""
    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    raise SystemExit(f"{name} not found in {folder}")


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def extract(ts: Path = TS) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [qt_tool("lupdate"), "-no-obsolete", "-locations", "none",
         "-target-language", "zh_CN", *sources(), "-ts", str(ts)],
        cwd=ROOT, check=True,
    )  # fmt: skip


def compile_qm(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([qt_tool("lrelease"), str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path = TS) -> list[str]:
    """Source texts without a finished translation."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished")
            or not (translation.text or "").strip()
        ):
            out.append(message.findtext("source") or "")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    extract()
    missing = unfinished()
    compile_qm()
    for text in missing:
        print(f"untranslated: {text}", file=sys.stderr)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
