"""What the print preview does with its page: export, print, atlas.

:class:`PrintOutputs` is mixed into
:class:`~riskmap.gui.dialogs.print_preview.PrintPreviewDialog`. Export
writes through the same pipeline call as ``riskmap map``; Print paints the
page image on a QPrinter at the printer's resolution (the system's print
dialog chooses the printer); Export Atlas runs with progress and cancel and
lists the pages that failed. All of it runs in the window's task runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from riskmap.gui import print_jobs
from riskmap.gui.crash import show_error
from riskmap.gui.i18n import tr

#: The formats a page is exported to, the first the default.
EXPORT_KINDS = ("pdf", "png", "svg")


def export_filters() -> list[str]:
    """The save dialog's filters, one per kind of :data:`EXPORT_KINDS`."""
    return [
        tr("{kind} files (*{suffix})").format(kind=kind.upper(), suffix=f".{kind}")
        for kind in EXPORT_KINDS
    ]


def export_kind(path: str, selected_filter: str = "", default: str = "pdf") -> str:
    """The format to write ``path`` in: its suffix when it names one, else the
    save dialog's selected filter, else ``default``."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in EXPORT_KINDS:
        return suffix
    filters = export_filters()
    if selected_filter in filters:
        return EXPORT_KINDS[filters.index(selected_filter)]
    return default


class PrintOutputs:
    """Export, print and atlas of the page a print preview shows."""

    # Provided by the dialog: session, runner, window_, progress, cancel_button,
    # state_label, district(), _show_busy(), exported, failed, atlasDone.
    # ------------------------------------------------------------- output

    def _ask_path(
        self, title: str, suggested: str, filters: list[str], selected: str = ""
    ) -> tuple[str, str]:
        """The path chosen in the save dialog and the filter it had selected."""
        path, chosen = QFileDialog.getSaveFileName(
            self, title, suggested, ";;".join(filters), selected
        )
        return path, chosen

    def _folder(self) -> Path:
        prefs = getattr(self.window_, "prefs", None)
        folder = getattr(prefs, "last_folder", "") or str(Path.home())
        return Path(folder)

    def export(self, kind: str | None = None, path: str | None = None) -> bool:
        """Export the page shown; False if not started.

        ``kind`` (pdf, png or svg) is the format offered first in the save
        dialog; the format written is the one the file's suffix names, else
        the dialog's selected filter, else ``kind`` (PDF when None).
        """
        try:
            job = print_jobs.inputs(self.session)
        except Exception as exc:
            show_error(self, exc)
            return False
        district = self.district()
        default = kind or EXPORT_KINDS[0]
        selected = ""
        if path is None:
            suggested = self._folder() / print_jobs.default_file_name(
                district, f".{default}"
            )
            filters = export_filters()
            path, selected = self._ask_path(
                tr("Export map"), str(suggested), filters,
                filters[EXPORT_KINDS.index(default)],
            )  # fmt: skip
            if not path:
                return False
        chosen = export_kind(path, selected, default)
        target = Path(path)
        if target.suffix.lower() != f".{chosen}":
            target = target.with_name(f"{target.name}.{chosen}")

        def done(written: Path) -> None:
            self._show_busy(False, tr("Saved {path}").format(path=written))
            self.exported.emit(str(written))

        def work(feedback: Any) -> Path:
            return print_jobs.export_page(job, district, target, feedback)

        self._start(
            "export", work, done, tr("Writing {name}…").format(name=target.name)
        )
        return True

    def export_atlas(self, path: str | None = None) -> bool:
        try:
            job = print_jobs.inputs(self.session)
        except Exception as exc:
            show_error(self, exc)
            return False
        if path is None:
            name = f"{job.project.display_title()}.pdf"
            suggested = self._folder() / print_jobs.default_file_name(name, "")
            path, _ = self._ask_path(tr("Export atlas"), str(suggested),
                                     [tr("PDF files (*.pdf)")])  # fmt: skip
            if not path:
                return False
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self.atlas_report = None

        def done(report: Any) -> None:
            self.atlas_report = report
            text = tr("{pages} pages written to {path}").format(
                pages=report.pages, path=report.path
            )
            self._show_busy(False, text)
            if report.failed:
                box = QMessageBox(QMessageBox.Icon.Warning, tr("Atlas"),
                                  tr("Some pages could not be drawn."),
                                  QMessageBox.StandardButton.Ok, self)  # fmt: skip
                box.setObjectName("atlasReport")
                box.setInformativeText(text)
                box.setDetailedText(
                    "\n".join(f"{f.page}: {f.reason}" for f in report.failed)
                )
                box.open()
            self.atlasDone.emit(report)

        self._start("atlas", lambda fb: print_jobs.export_atlas(job, target, fb),
                    done, tr("Writing the atlas…"))  # fmt: skip
        return True

    def _start(self, name: str, work: Any, done: Any, text: str) -> None:

        def failed(exc: BaseException, tb: str) -> None:
            self._show_busy(False, tr("Failed: {reason}").format(reason=exc))
            self.failed.emit(str(exc))
            show_error(self, exc, tb)

        def canceled() -> None:
            self._show_busy(False, tr("Canceled"))

        task = self.runner.start(name, work, done, failed, canceled)
        task.feedback.progress.connect(lambda p: self.progress.setValue(round(p)))
        self._task = name
        self._show_busy(True, text)

    def _on_task_end(self, name: str) -> None:
        # Canceled elsewhere (the status bar's Cancel): no callback comes.
        # Looked at once the task's own callbacks have run.
        if name == getattr(self, "_task", ""):
            QTimer.singleShot(0, self._check_canceled)

    def _check_canceled(self) -> None:
        if self._task not in self.runner.running() and self.busy():
            self._show_busy(False, tr("Canceled"))

    def cancel(self) -> None:
        self.runner.cancel(getattr(self, "_task", "atlas"))
        self._show_busy(False, tr("Canceled"))

    def busy(self) -> bool:
        return self.progress.isVisible()

    # -------------------------------------------------------------- print

    def print_page(self, printer: QPrinter | None = None) -> bool:
        """Print the page shown; without ``printer`` the system dialog asks."""
        try:
            job = print_jobs.inputs(self.session)
        except Exception as exc:
            show_error(self, exc)
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            print_jobs.configure_printer(printer, job.project)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        else:
            print_jobs.configure_printer(printer, job.project)
        self._printer = printer
        dpi = print_jobs.print_dpi(printer, job.project)
        district = self.district()

        def done(pixels: Any) -> None:
            try:
                print_jobs.paint_on_printer(printer, pixels)
            except Exception as exc:
                show_error(self, exc)
                self._show_busy(False, tr("Printing failed"))
                return
            self._show_busy(False, tr("Sent to the printer"))
            self.exported.emit(printer.outputFileName() or printer.printerName())

        self._start("print", lambda fb: print_jobs.page_image(job, district, dpi),
                    done, tr("Preparing the page for the printer…"))  # fmt: skip
        return True
