"""The bundled sample project: copy it somewhere the user can change it."""

from __future__ import annotations

import os
from pathlib import Path

from riskmap._paths import sample_dir, sample_project
from riskmap.errors import OutputWriteError, RiskmapError
from riskmap.io.atomic import write_bytes


def sample_files() -> list[Path]:
    """The files of the bundled sample project (project file and layers)."""
    folder = sample_dir()
    if not sample_project().is_file():
        raise RiskmapError(
            f"the bundled sample project is missing from {folder}",
            "reinstall riskmap",
        )
    return sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
    )


def write_sample(dest: str | os.PathLike[str]) -> Path:
    """Copy the sample project into ``dest`` and return the project file there.

    ``dest`` is created if missing. Existing files are never overwritten: if
    any sample file is already there, nothing is written and a
    :class:`RiskmapError` names the files. Each file is written atomically
    and keeps the modification time of the bundled file.
    """
    folder = Path(dest).expanduser()
    files = sample_files()
    if folder.exists() and not folder.is_dir():
        raise RiskmapError(
            f"{folder}: is a file, not a folder", "give a folder for the sample"
        )
    taken = [f.name for f in files if (folder / f.name).exists()]
    if taken:
        raise RiskmapError(
            f"{folder}: already holds {', '.join(taken)}",
            "choose an empty or new folder, or remove those files "
            "(the sample never overwrites anything)",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(
            f"{folder}: cannot create the folder ({exc.strerror or exc})",
            "choose a folder you can write to",
        ) from None
    for src in files:
        target = folder / src.name
        write_bytes(target, src.read_bytes())
        # The copy keeps the file's date (footers quote it as the data's date
        # when the project gives none), not its permissions: an installed
        # sample may be read-only, the user's copy must not be.
        stat = src.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return (folder / sample_project().name).resolve()
