"""A rotating log file per user, shared by the CLI and the GUI.

Each run records versions, inputs and warnings, so that an inspector can send
the file when something goes wrong. ``RISKMAP_LOG_DIR`` overrides the folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

from riskmap import __version__

LOGGER_NAME = "riskmap"
_MAX_BYTES = 2_000_000
_BACKUPS = 5


def log_dir() -> Path:
    override = os.environ.get("RISKMAP_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("riskmap", appauthor=False))


def log_file() -> Path:
    return log_dir() / "riskmap.log"


def versions() -> str:
    """riskmap's, Python's and the loaded geodata libraries' versions."""
    parts = [f"riskmap {__version__}", f"Python {platform.python_version()}"]
    for name in (
        "numpy", "scipy", "shapely", "pyproj", "pyogrio", "fiona", "geopandas",
        "rasterio", "matplotlib",
    ):  # fmt: skip
        module = sys.modules.get(name)
        version = getattr(module, "__version__", None)
        if version:
            parts.append(f"{name} {version}")
    return ", ".join(parts)


def setup_logging(
    front_end: str, arguments: Sequence[str] | None = None
) -> logging.Logger:
    """Attach the rotating file handler once; never fail the program over it.

    ``arguments`` (default: the process's command line) are logged with the
    versions, so that a log names the inputs of each run.
    """
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    target = str(log_file())
    for old in [h for h in logger.handlers if getattr(h, "_riskmap", None)]:
        if old._riskmap != target:  # type: ignore[attr-defined]
            logger.removeHandler(old)
            old.close()
    if not any(getattr(h, "_riskmap", None) for h in logger.handlers):
        try:
            log_dir().mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                log_file(), maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
            )
        except OSError:
            handler = logging.NullHandler()
        handler._riskmap = target  # type: ignore[attr-defined]
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        logger.addHandler(handler)
    logger.info(
        "start %s on %s (%s); %s",
        front_end,
        platform.platform(),
        " ".join(sys.argv[1:] if arguments is None else arguments)[:500],
        versions(),
    )
    return logger


def get_logger(name: str = "") -> logging.Logger:
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)
