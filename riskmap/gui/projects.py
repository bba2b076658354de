"""File menu work: new, open, save, save as, recent projects, and the
unsaved-changes question before anything replaces or closes the project."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from riskmap.core.project import Project
from riskmap.errors import RiskmapError
from riskmap.gui.crash import show_error
from riskmap.gui.i18n import tr
from riskmap.gui.preferences import Preferences
from riskmap.gui.project_qt import ProjectSession
from riskmap.io.atomic import write_bytes
from riskmap.io.project_file import PROJECT_SUFFIX, load_project, save_project
from riskmap.logs import get_logger

#: Tests answer the unsaved-changes question through this hook.
_answer: QMessageBox.StandardButton | None = None


BACKUP_SUFFIX = ".bak"


def project_filter() -> str:
    return tr("riskmap projects (*{suffix});;All files (*)").format(
        suffix=PROJECT_SUFFIX
    )


class ProjectFiles(QObject):
    """Opens and saves the session's project on behalf of the main window."""

    recentChanged = Signal()
    opened = Signal(str)
    saved = Signal(str)

    def __init__(
        self,
        window: QWidget,
        session: ProjectSession,
        prefs: Preferences,
        analysis: Any = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.prefs = prefs
        self.analysis = analysis

    # ----------------------------------------------------------- question

    def confirm_discard(self) -> bool:
        """True when the project may be replaced or closed (saved if asked)."""
        if not self.session.is_dirty():
            return True
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = _answer
        if answer is None:
            box = QMessageBox(self.window)
            box.setObjectName("unsavedBox")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(tr("Unsaved changes"))
            box.setText(
                tr("The project “{title}” has changes that are not saved.").format(
                    title=self.session.project.display_title()
                )
            )
            box.setInformativeText(tr("Save them before continuing?"))
            box.setStandardButtons(buttons)
            box.setDefaultButton(QMessageBox.StandardButton.Save)
            answer = QMessageBox.StandardButton(box.exec())
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --------------------------------------------------------------- open

    def new(self) -> bool:
        if not self.confirm_discard():
            return False
        self.session.replace(Project(title=tr("New project")))
        return True

    def open(self) -> bool:
        if not self.confirm_discard():
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("Open project"), self._folder(), project_filter()
        )
        return self.open_path(path, confirm=False) if path else False

    def open_path(self, path: str | os.PathLike[str], confirm: bool = True) -> bool:
        """Open the project at ``path``; its layers load in the background."""
        if confirm and not self.confirm_discard():
            return False
        from riskmap.gui.missing_files import repairs

        try:
            project = load_project(path)
        except RiskmapError as exc:
            show_error(self.window, exc)
            self._forget(path)
            return False
        mend = repairs(self.window, project)
        if mend is None:
            return False  # the user would rather not open it
        self.session.replace(project)
        for command in mend:
            self.session.push(command)
        if self.analysis is not None:
            self.analysis.reload()
        self._remember(project.path or Path(path))
        get_logger("gui").info("opened %s", project.path)
        self.opened.emit(str(project.path))
        return True

    # --------------------------------------------------------------- save

    def save(self) -> bool:
        path = self.session.project.path
        if path is None or (self.session.project.sample and _in_bundle(path)):
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        project = self.session.project
        start = project.path or Path(self._folder()) / (
            project.display_title() + PROJECT_SUFFIX
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr("Save project as"), str(start), project_filter()
        )
        return self.save_to(path) if path else False

    def save_to(self, path: str | os.PathLike[str]) -> bool:
        try:
            keep_backup(path)
            written = save_project(self.session.project, path)
        except (RiskmapError, OSError) as exc:
            if isinstance(exc, OSError):
                exc = RiskmapError(
                    tr("Cannot save the project to {path}: {reason}").format(
                        path=path, reason=exc.strerror or exc
                    ),
                    tr("Choose another folder with File > Save As."),
                )
            show_error(self.window, exc)
            return False
        self.session.stack.set_clean()
        self._remember(written)
        self.saved.emit(str(written))
        return True

    # ------------------------------------------------------------- recent

    def _folder(self) -> str:
        return self.prefs.last_folder or str(Path.home())

    def _remember(self, path: str | os.PathLike[str]) -> None:
        self.prefs.add_recent(path)
        self.prefs.last_folder = str(Path(path).resolve().parent)
        self.prefs.save()
        self.recentChanged.emit()

    def _forget(self, path: str | os.PathLike[str]) -> None:
        entry = str(Path(path).resolve())
        if entry in self.prefs.recent:
            self.prefs.recent.remove(entry)
            self.prefs.save()
            self.recentChanged.emit()

    def recent(self) -> list[str]:
        return list(self.prefs.recent)

    def clear_recent(self) -> None:
        self.prefs.recent.clear()
        self.prefs.save()
        self.recentChanged.emit()


def project_target(path: str | os.PathLike[str]) -> Path:
    """Where :func:`save_project` writes for ``path`` (the suffix added)."""
    file = Path(path)
    if not file.name.endswith(PROJECT_SUFFIX) and file.suffix != ".toml":
        file = file.with_name(file.name + PROJECT_SUFFIX)
    return file


def backup_path(path: str | os.PathLike[str]) -> Path:
    target = project_target(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def keep_backup(path: str | os.PathLike[str]) -> Path | None:
    """Copy the project file about to be overwritten to ``<name>.bak``
    (atomically); None when there is no previous file."""
    target = project_target(path)
    try:
        previous = target.read_bytes()
    except FileNotFoundError:
        return None
    backup = backup_path(target)
    write_bytes(backup, previous)
    return backup


def _in_bundle(path: Path) -> bool:
    """True for the bundled sample, which Save must not overwrite in place."""
    from riskmap._paths import sample_dir

    try:
        return Path(path).resolve().is_relative_to(sample_dir().resolve())
    except OSError:
        return False
