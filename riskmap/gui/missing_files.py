"""Files a project names that are not there: locate them, or remove the layer.

A project copied without its data, or a layer file renamed, must not keep
the whole project from opening. Each missing file is put to the user: find
it (a file dialog), or, for a layer, take the layer out of the project. The
answers become undoable commands applied once the project is open, so the
project shows as changed and the user can save the repair or undo it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from riskmap.core.commands import Command, RemoveLayer, SetLayerProperty, SetSetting
from riskmap.core.project import Project
from riskmap.gui.i18n import tr

LOCATE, REMOVE, CANCEL = "locate", "remove", "cancel"

#: Tests answer for the user: ``(layer title or None, path) -> choice``.
_choose: Callable[[str | None, Path], str] | None = None


def data_filter() -> str:
    """The file dialog filter for layer files riskmap reads."""
    return tr(
        "Data files (*.shp *.gpkg *.geojson *.json *.kml *.csv *.txt *.tif "
        "*.tiff *.gdbtable);;All files (*)"
    )


def missing_files(project: Project) -> list[tuple[str | None, Path]]:
    """(layer id, or None for the districts; path) of every file not found."""
    out: list[tuple[str | None, Path]] = []
    if project.districts is not None and not project.districts.path.exists():
        out.append((None, project.districts.path))
    out += [(s.id, s.path) for s in project.layers if not s.path.exists()]
    return out


def repairs(window: QWidget, project: Project) -> list[Command] | None:
    """Commands that mend ``project``'s missing files, as the user chose;
    None when the user cancels opening it."""
    commands: list[Command] = []
    for layer_id, path in missing_files(project):
        title = None if layer_id is None else project.layer(layer_id).title
        choice = _ask(window, title, path)
        if choice == LOCATE:
            found = _locate(window, title, path, project)
            if not found:
                return None
            if layer_id is None:
                commands.append(SetSetting("districts", "path", found))
            else:
                commands.append(SetLayerProperty(layer_id, "path", found))
        elif choice == REMOVE and layer_id is not None:
            commands.append(RemoveLayer(layer_id))
        else:
            return None
    return commands


def _ask(window: QWidget, title: str | None, path: Path) -> str:
    if _choose is not None:
        return _choose(title, path)
    box = QMessageBox(window)
    box.setObjectName("missingFileBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("File not found"))
    if title is None:
        box.setText(tr("The district boundaries file is not there."))
    else:
        box.setText(tr("The file of layer “{title}” is not there.").format(title=title))
    box.setInformativeText(
        tr("{path}\n\nFind the file, or open the project without this layer.").format(
            path=os.path.abspath(path)
        )
    )
    locate = box.addButton(tr("Locate file…"), QMessageBox.ButtonRole.AcceptRole)
    remove = None
    if title is not None:
        remove = box.addButton(
            tr("Remove the layer"), QMessageBox.ButtonRole.DestructiveRole
        )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(locate)
    box.exec()
    clicked = box.clickedButton()
    if clicked is locate:
        return LOCATE
    if remove is not None and clicked is remove:
        return REMOVE
    return CANCEL


def _locate(
    window: QWidget, title: str | None, path: Path, project: Project
) -> Path | None:
    folder = project.path.parent if project.path is not None else Path.home()
    start = path.parent if path.parent.is_dir() else folder
    name = title or tr("district boundaries")
    chosen, _ = QFileDialog.getOpenFileName(
        window,
        tr("Locate the file of “{name}” ({file})").format(name=name, file=path.name),
        str(start),
        data_filter(),
    )
    return Path(chosen) if chosen else None
