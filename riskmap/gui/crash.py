"""The GUI's error boundary.

A :class:`~riskmap.errors.RiskmapError` is shown as a message with its hint;
anything else is an unexpected error: logged with its traceback and shown in
a dialog that says where the log file is, while the window stays alive.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from riskmap import __version__
from riskmap.errors import (
    Canceled,
    CRSMismatchError,
    FieldMappingError,
    FontMissingError,
    GeometryTypeError,
    GridTooLargeError,
    LayerReadError,
    MissingCRSError,
    OutputWriteError,
    ProjectFileError,
    RiskmapError,
    SettingsError,
)
from riskmap.gui.i18n import tr
from riskmap.logs import get_logger, log_file


def kind_of_problem(exc: RiskmapError) -> str:
    """One translated sentence saying what kind of problem ``exc`` is."""
    kinds = [
        (LayerReadError, tr("A layer file cannot be read.")),
        (MissingCRSError, tr("A layer has no coordinate system.")),
        (CRSMismatchError, tr("The layers' coordinate systems cannot be reconciled.")),
        (FieldMappingError, tr("A hazard model cannot find an attribute it needs.")),
        (GeometryTypeError, tr("A layer's geometry does not suit its hazard kind.")),
        (ProjectFileError, tr("The project file has a problem.")),
        (GridTooLargeError, tr("The grid is too large for this computer's memory.")),
        (SettingsError, tr("A setting has a value riskmap cannot use.")),
        (OutputWriteError, tr("An output file cannot be written.")),
        (FontMissingError, tr("The Chinese font is missing.")),
    ]
    for cls, text in kinds:
        if isinstance(exc, cls):
            return text
    return tr("riskmap cannot go on with this input.")


def show_error(parent: QWidget | None, exc: BaseException, tb: str = "") -> None:
    """Tell the user about ``exc`` in the way its kind deserves."""
    if isinstance(exc, Canceled):
        return
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    if isinstance(exc, RiskmapError):
        get_logger("gui").warning("user error: %s", exc)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("riskmap: problem"))
        # The details come from the engine in English, with the names of
        # files, layers and keys as they are; the first line says in the
        # window's language what kind of problem it is.
        box.setText(f"{kind_of_problem(exc)}\n{exc.message}")
        if exc.hint:
            box.setInformativeText(exc.hint)
    else:
        tb = tb or "".join(traceback.format_exception(exc))
        get_logger("gui").error("unexpected error: %s", tb)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(tr("riskmap: unexpected error"))
        box.setText(
            tr(
                "Something went wrong inside riskmap. Your project is kept; save it, "
                "and send the log file to support."
            )
        )
        box.setInformativeText(tr("Log file: {path}").format(path=log_file()))
        box.setDetailedText(f"riskmap {__version__}\n{tb}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if _non_blocking:
        box.open()
    else:
        box.exec()


# Tests set this so that dialogs open without blocking the event loop.
_non_blocking = False


def install_excepthook(parent_getter) -> None:
    """Route uncaught exceptions (e.g. in slots) to :func:`show_error`."""

    def hook(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        try:
            show_error(parent_getter(), exc, text)
        except Exception:  # the boundary itself must never take the app down
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
