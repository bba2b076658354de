"""Write every output through a temporary file in the target folder + rename.

A failure or an interruption leaves the previous file intact and nothing
partial under the final name; a full disk or a read-only folder becomes an
:class:`OutputWriteError` that names the file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from riskmap.errors import OutputWriteError


def explain_os_error(path: Path, exc: OSError) -> OutputWriteError:
    """The OutputWriteError that tells a user what ``exc`` means for ``path``."""
    if exc.errno == errno.ENOSPC:
        return OutputWriteError(
            f"{path}: the disk is full", "free some space or choose another folder"
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EROFS):
        return OutputWriteError(
            f"{path}: the folder is read-only or access is denied",
            "choose a folder you can write to",
        )
    if isinstance(exc, FileNotFoundError):
        return OutputWriteError(
            f"{path}: the folder does not exist", "create it or choose another folder"
        )
    return OutputWriteError(f"{path}: cannot write ({exc.strerror or exc})")


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` on success.

    The temporary name keeps the suffix so that writers that choose a format
    by extension (GDAL, matplotlib) still work.
    """
    final = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{final.stem}.", suffix=f".part{final.suffix}", dir=final.parent
        )
    except OSError as exc:
        raise explain_os_error(final, exc) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # Some writers (GDAL) refuse to overwrite or append to an existing file.
    tmp.unlink()
    try:
        yield tmp
        if not tmp.exists():
            raise OutputWriteError(f"{final}: the writer produced no file")
        os.replace(tmp, final)
    except OSError as exc:
        raise explain_os_error(final, exc) from exc
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal")):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically write ``data`` to ``path`` (flushed to disk before rename)."""
    with atomic_path(path) as tmp:
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise explain_os_error(Path(path), exc) from exc


def write_text(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8"
) -> None:
    write_bytes(path, text.encode(encoding))
