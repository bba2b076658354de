"""Where bundled files live, in a source checkout and in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding ``resources/`` and ``sample_layers/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def sample_dir() -> Path:
    return app_root() / "sample_layers"


def sample_project() -> Path:
    return sample_dir() / "chongqing_sample.riskmap.toml"
