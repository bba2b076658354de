"""A fingerprint of a scoring run: the inputs' bytes and the settings.

Printed in map footers so a reader can tell whether two maps came from the
same data and settings. Files up to :data:`HASH_LIMIT` bytes are hashed;
larger ones enter with their size and modification time, which keeps the
fingerprint cheap for a city-size layer and still changes when the file
does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HASH_LIMIT = 64 * 2**20
_SIDECARS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The given files plus shapefile sidecars, without duplicates; a folder
    source (a FileGDB ``.gdb``) gives the files inside it."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        found = [path]
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.suffix.lower() == ".shp":
            found += [path.with_suffix(s) for s in _SIDECARS]
        for p in found:
            if p.exists() and p not in out:
                out.append(p)
    return out


def file_digest(path: Path) -> str:
    """sha256 of the file, or its size and mtime beyond :data:`HASH_LIMIT`."""
    stat = path.stat()
    if stat.st_size > HASH_LIMIT:
        return f"size={stat.st_size};mtime={stat.st_mtime_ns}"
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(paths: Iterable[Path], settings: dict[str, Any]) -> str:
    """sha256 (hex) over the inputs' digests and the settings (as JSON)."""
    h = hashlib.sha256()
    for path in sorted(input_files(paths), key=lambda p: str(p)):
        h.update(path.name.encode("utf-8"))
        h.update(file_digest(path).encode("ascii"))
    h.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    return h.hexdigest()
