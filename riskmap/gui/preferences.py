"""Application preferences: a small dataclass saved as JSON per user.

QSettings holds only window geometry and dock layout; everything an inspector
chooses (language, recent projects, autosave interval) lives here, readable
and portable. ``RISKMAP_CONFIG_DIR`` overrides the folder (tests use it).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from riskmap.io.atomic import write_text
from riskmap.logs import get_logger

MAX_RECENT = 10
LANGUAGES = ("system", "zh_CN", "en")


def config_dir() -> Path:
    override = os.environ.get("RISKMAP_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("riskmap", appauthor=False))


@dataclass
class Preferences:
    language: str = "system"
    recent: list[str] = field(default_factory=list)
    autosave_seconds: int = 60
    last_folder: str = ""

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "preferences.json"

    @classmethod
    def load(cls) -> Preferences:
        """Saved preferences; defaults when missing or unreadable (logged)."""
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            get_logger("gui").warning("preferences ignored: %s", exc)
            return cls()
        known = {f.name for f in fields(cls)}
        prefs = cls(**{k: v for k, v in raw.items() if k in known})
        if prefs.language not in LANGUAGES:
            prefs.language = "system"
        prefs.recent = [str(p) for p in prefs.recent if isinstance(p, str)][:MAX_RECENT]
        return prefs

    def save(self) -> None:
        try:
            self.path().parent.mkdir(parents=True, exist_ok=True)
            write_text(
                self.path(), json.dumps(asdict(self), ensure_ascii=False, indent=2)
            )
        except Exception as exc:  # preferences must never stop the app
            get_logger("gui").warning("preferences not saved: %s", exc)

    def add_recent(self, project: str | os.PathLike[str]) -> None:
        entry = str(Path(project).resolve())
        self.recent = [entry] + [p for p in self.recent if p != entry]
        del self.recent[MAX_RECENT:]
