"""Nothing lost: autosave to a recovery file and the offer to recover it.

While the project has unsaved changes, :class:`Autosaver` writes it to the
``recovery`` folder of the user's config folder (``RISKMAP_CONFIG_DIR``)
one second after each change and at the preference's interval. A recovery
entry is a normal project file (paths relative to the recovery folder, so
it opens on its own) and a small JSON with the original path, the title,
the time and the process that wrote it. One entry per project, keyed by its
path (an untitled project by a key of its own); the entry is removed when
the project is saved, discarded or closed cleanly. After a crash the
entry stays, and :func:`offer` proposes it at the next start.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from riskmap.gui.i18n import tr
from riskmap.gui.preferences import config_dir
from riskmap.io.atomic import write_text
from riskmap.io.project_file import PROJECT_SUFFIX, dump_project, load_project
from riskmap.logs import get_logger

AFTER_CHANGE_MS = 1000
#: Tests (and the self-test) answer the recovery question through this hook
#: or the RISKMAP_RECOVERY_ANSWER variable: "recover", "discard" or "later".
_answer: str | None = None


def recovery_dir() -> Path:
    return config_dir() / "recovery"


def project_key(path: Path | None, untitled: str) -> str:
    """The entry name of a project: a hash of its path, or the untitled key."""
    if path is None:
        return f"untitled-{untitled}"
    text = str(Path(path).resolve()).encode("utf-8", "surrogatepass")
    return "p-" + hashlib.sha1(text).hexdigest()[:16]


@dataclass(frozen=True)
class RecoveryEntry:
    key: str
    project_file: Path
    original: str | None  # the project's own path; None when untitled
    title: str
    saved: float  # time.time() when written
    pid: int

    @property
    def meta_file(self) -> Path:
        return self.project_file.with_name(f"{self.key}.json")

    def remove(self) -> None:
        for path in (self.project_file, self.meta_file):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                get_logger("gui").warning("recovery file not removed: %s", exc)


#: The autosavers of this process: an entry this process wrote belongs to a
#: live window only while that window's autosaver exists.
_live: weakref.WeakSet = weakref.WeakSet()


def _owned(entry: RecoveryEntry) -> bool:
    """True while a running window owns ``entry`` (it is not a crash's)."""
    if entry.pid == os.getpid():
        return any(
            shiboken6.isValid(a) and a.written_key() == entry.key for a in list(_live)
        )
    return _alive(entry.pid)


def _alive(pid: int) -> bool:
    """True while process ``pid`` runs (another riskmap window owns its entry)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def entries(include_live: bool = False) -> list[RecoveryEntry]:
    """Recovery entries on disk, newest first; those of running windows
    (this one included) are left out unless ``include_live``."""
    folder = recovery_dir()
    out = []
    for meta in folder.glob("*.json") if folder.is_dir() else []:
        try:
            raw = json.loads(meta.read_text(encoding="utf-8"))
            entry = RecoveryEntry(
                key=meta.stem,
                project_file=folder / f"{meta.stem}{PROJECT_SUFFIX}",
                original=raw.get("original"),
                title=str(raw.get("title", "")),
                saved=float(raw.get("saved", 0.0)),
                pid=int(raw.get("pid", 0)),
            )
        except (OSError, ValueError, TypeError) as exc:
            get_logger("gui").warning("recovery entry %s ignored: %s", meta, exc)
            continue
        if not entry.project_file.is_file():
            continue
        if include_live or not _owned(entry):
            out.append(entry)
    return sorted(out, key=lambda e: e.saved, reverse=True)


def write_entry(project: Any, key: str) -> RecoveryEntry:
    """Write ``project`` as recovery entry ``key`` (atomically)."""
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{key}{PROJECT_SUFFIX}"
    write_text(target, dump_project(project, folder))
    entry = RecoveryEntry(
        key, target, str(project.path) if project.path else None,
        project.display_title(), time.time(), os.getpid(),
    )  # fmt: skip
    meta = {
        "original": entry.original,
        "title": entry.title,
        "saved": entry.saved,
        "pid": entry.pid,
        "saved_text": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    write_text(entry.meta_file, json.dumps(meta, ensure_ascii=False, indent=2))
    return entry


def read_entry(entry: RecoveryEntry) -> Any:
    """The recovered Project, under its original path (None when untitled)."""
    project = load_project(entry.project_file)
    project.path = Path(entry.original) if entry.original else None
    # Paths were written relative to the recovery folder: drop the "..".
    if project.districts is not None:
        project.districts.path = Path(os.path.normpath(project.districts.path))
    for spec in project.layers:
        spec.path = Path(os.path.normpath(spec.path))
    return project


class Autosaver(QObject):
    """Keeps the session's unsaved changes in a recovery entry."""

    written = Signal(str)  # path of the recovery project file

    def __init__(self, session: Any, interval_s: int = 60, parent: Any = None):
        super().__init__(parent)
        self.session = session
        self._untitled = uuid.uuid4().hex[:12]
        self._written: RecoveryEntry | None = None
        self.last_error = ""
        self._after_change = QTimer(self)
        self._after_change.setSingleShot(True)
        self._after_change.setInterval(AFTER_CHANGE_MS)
        self._after_change.timeout.connect(self.save_now)
        self._periodic = QTimer(self)
        self._periodic.setInterval(max(5, int(interval_s)) * 1000)
        self._periodic.timeout.connect(self.save_now)
        if interval_s > 0:
            self._periodic.start()
        session.historyChanged.connect(self._on_history)
        session.dirtyChanged.connect(self._on_dirty)
        session.projectReplaced.connect(self._on_replaced)
        _live.add(self)

    def written_key(self) -> str:
        return self._written.key if self._written is not None else ""

    def _on_history(self) -> None:
        if self.session.is_dirty():
            self._after_change.start()

    def _on_dirty(self, dirty: bool) -> None:
        if not dirty:
            self.discard()

    def _on_replaced(self) -> None:
        # The old project was saved or its changes discarded by the user.
        self.discard()
        self._untitled = uuid.uuid4().hex[:12]

    def key(self) -> str:
        return project_key(self.session.project.path, self._untitled)

    def save_now(self) -> Path | None:
        """Write the recovery entry if there are unsaved changes."""
        self._after_change.stop()
        if not self.session.is_dirty():
            return None
        key = self.key()
        try:
            entry = write_entry(self.session.project, key)
        except Exception as exc:  # autosave must never disturb the user's work
            self.last_error = str(exc)
            get_logger("gui").warning("autosave failed: %s", exc)
            return None
        if self._written is not None and self._written.key != key:
            self._written.remove()  # saved under a new name since
        self._written = entry
        self.written.emit(str(entry.project_file))
        return entry.project_file

    def discard(self) -> None:
        """Remove this window's recovery entry (saved, discarded or closed)."""
        self._after_change.stop()
        if self._written is not None:
            self._written.remove()
            self._written = None

    def adopt(self, entry: RecoveryEntry) -> None:
        """Take over a recovered entry: it is replaced by this window's own."""
        entry.remove()
        self.save_now()


def _ask(parent: QWidget | None, entry: RecoveryEntry) -> str:
    answer = _answer or os.environ.get("RISKMAP_RECOVERY_ANSWER")
    if answer:
        return answer
    box = QMessageBox(parent)
    box.setObjectName("recoveryBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Recover unsaved changes"))
    box.setText(
        tr("riskmap did not close properly last time. Unsaved changes to “{title}” "
           "were kept at {time}.").format(
            title=entry.title,
            time=time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.saved)),
        )
    )  # fmt: skip
    box.setInformativeText(
        tr("Recover them? (Discard deletes the kept copy; the project file itself "
           "is not changed until you save.)")
    )  # fmt: skip
    recover = box.addButton(tr("Recover"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    return "recover" if clicked is recover else "discard" if clicked is discard else ""


def offer(window: Any) -> bool:
    """At start: offer the newest recovery entry; True when it was opened."""
    found = entries()
    if not found:
        return False
    entry = found[0]
    answer = _ask(window, entry)
    log = get_logger("gui")
    if answer == "discard":
        log.info("recovery discarded: %s", entry.project_file)
        entry.remove()
        return False
    if answer != "recover":
        return False
    try:
        project = read_entry(entry)
    except Exception as exc:
        from riskmap.gui.crash import show_error

        show_error(window, exc)
        return False
    window.session.replace(project)
    window.session.stack.set_unsaved()
    window.analysis.reload()
    window.autosaver.adopt(entry)
    log.info("recovered %s from %s", entry.original or entry.title, entry.project_file)
    return True
