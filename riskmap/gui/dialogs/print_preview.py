"""Print preview: the page exactly as the PDF draws it, and what to do with it.

The fields on the left are the project's print settings ([print] in the
project file): each change is an undoable command, so they are saved with
the project. The page on the right is drawn by
:func:`riskmap.pipeline.printing.render_page_image` in a one-thread worker
(the page maker is kept while only the page changes). Export writes through
the same pipeline call as ``riskmap map``; Print paints the page image on a
QPrinter at the printer's resolution; Export Atlas runs with progress and
cancel and reports pages that failed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from riskmap.core.commands import SetSetting
from riskmap.core.project import ORIENTATIONS, PAPERS
from riskmap.gui import print_jobs
from riskmap.gui.crash import show_error
from riskmap.gui.dialogs.print_output import PrintOutputs
from riskmap.gui.i18n import tr
from riskmap.gui.workers import TaskRunner

PREVIEW_DPI = 110
#: Settings that change the page without a new scoring result.
PAGE_SETTINGS = frozenset({"paper", "orientation", "organisation", "review_number",
                           "internal", "hatch", "dpi", "title", "date"})  # fmt: skip


class PageView(QLabel):
    """The page image, scaled to fit with a drop shadow look."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pagePreview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(480, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("QLabel#pagePreview { background: #6E7479; }")
        self._pixmap: QPixmap | None = None

    def set_page(self, pixmap: QPixmap | None, text: str = "") -> None:
        self._pixmap = pixmap
        if pixmap is None:
            self.setPixmap(QPixmap())
            self.setText(text)
            self.setStyleSheet(
                "QLabel#pagePreview { background: #6E7479; color: white; }"
            )
        else:
            self._fit()

    def _fit(self) -> None:
        if self._pixmap is None:
            return
        size = self.size() - QSize(24, 24)
        dpr = self.devicePixelRatioF()
        scaled = self._pixmap.scaled(
            size * dpr,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(dpr)
        self.setPixmap(scaled)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()


class PrintPreviewDialog(PrintOutputs, QDialog):
    """Non-modal; one per window (``window.print_preview()`` reuses it)."""

    previewReady = Signal()
    exported = Signal(str)
    failed = Signal(str)  # why an export or print failed
    atlasDone = Signal(object)  # AtlasReport

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("printPreview")
        self.setWindowTitle(tr("Print preview"))
        self.window_ = window
        self.session = window.session
        self.runner = window.runner
        self._preview_runner = TaskRunner(self, threads=1)  # one page maker
        self._maker: tuple[tuple, Any] | None = None
        self.pixels: Any = None
        self.atlas_report: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._render)
        self.page_view = PageView()
        layout = QHBoxLayout(self)
        layout.addWidget(self._controls(), 0)
        layout.addWidget(self.page_view, 1)
        self.resize(1180, 760)
        s = self.session
        s.settingsChanged.connect(self._on_setting)
        s.documentChanged.connect(self._fill_pages)
        self.runner.finished.connect(self._on_task_end)
        s.projectReplaced.connect(self.refresh)
        s.projectReplaced.connect(self._fill_pages)
        self._fill_pages()
        self.refresh()

    # ----------------------------------------------------------- controls

    def _controls(self) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(360)
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(tr("Page"))
        form = QFormLayout(box)
        self.page_combo = QComboBox()
        self.page_combo.setObjectName("pageCombo")
        self.page_combo.currentIndexChanged.connect(lambda _i: self.request())
        form.addRow(tr("Map of"), self.page_combo)
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paperCombo")
        for paper in PAPERS:
            self.paper_combo.addItem(paper, paper)
        self.paper_combo.activated.connect(
            lambda i: self._set("paper", self.paper_combo.itemData(i))
        )
        form.addRow(tr("Paper"), self.paper_combo)
        self.orientation_combo = QComboBox()
        self.orientation_combo.setObjectName("orientationCombo")
        names = {"landscape": tr("Landscape"), "portrait": tr("Portrait")}
        for orientation in ORIENTATIONS:
            self.orientation_combo.addItem(names[orientation], orientation)
        self.orientation_combo.activated.connect(
            lambda i: self._set("orientation", self.orientation_combo.itemData(i))
        )
        form.addRow(tr("Orientation"), self.orientation_combo)
        outer.addWidget(box)
        box = QGroupBox(tr("Title block and footer"))
        form = QFormLayout(box)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setObjectName("organisationEdit")
        self.organisation_edit.setPlaceholderText(tr("e.g. 重庆市应急管理局"))
        self.organisation_edit.editingFinished.connect(
            lambda: self._set("organisation", self.organisation_edit.text().strip())
        )
        form.addRow(tr("Organisation (编制单位)"), self.organisation_edit)
        self.review_edit = QLineEdit()
        self.review_edit.setObjectName("reviewEdit")
        self.review_edit.setPlaceholderText(tr("e.g. 渝S(2024)001号"))
        self.review_edit.editingFinished.connect(
            lambda: self._set("review_number", self.review_edit.text().strip())
        )
        form.addRow(tr("Map review no. (审图号)"), self.review_edit)
        self.internal_check = QCheckBox(tr("Mark as internal (内部资料 注意保密)"))
        self.internal_check.setObjectName("internalCheck")
        self.internal_check.toggled.connect(lambda on: self._set("internal", on))
        form.addRow(self.internal_check)
        self.hatch_check = QCheckBox(tr("Hatch the levels for grey-scale printing"))
        self.hatch_check.setObjectName("hatchCheck")
        self.hatch_check.toggled.connect(lambda on: self._set("hatch", on))
        form.addRow(self.hatch_check)
        outer.addWidget(box)
        box = QGroupBox(tr("Output"))
        col = QVBoxLayout(box)
        grid = QGridLayout()
        self.export_buttons = {}
        for i, kind in enumerate(("pdf", "png", "svg")):
            button = QPushButton(tr("Export {kind}…").format(kind=kind.upper()))
            button.setObjectName(f"export_{kind}")
            button.clicked.connect(lambda _=False, k=kind: self.export(k))
            self.export_buttons[kind] = button
            grid.addWidget(button, i // 2, i % 2)
        self.print_button = QPushButton(tr("Print…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self.print_page())
        self.atlas_button = QPushButton(tr("Export Atlas…"))
        self.atlas_button.setObjectName("atlasButton")
        self.atlas_button.clicked.connect(lambda: self.export_atlas())
        grid.addWidget(self.print_button, 1, 1)
        grid.addWidget(self.atlas_button, 2, 0, 1, 2)
        col.addLayout(grid)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancelAtlas")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        col.addLayout(row)
        self.state_label = QLabel()
        self.state_label.setObjectName("printState")
        self.state_label.setWordWrap(True)
        col.addWidget(self.state_label)
        self._show_busy(False)
        outer.addWidget(box)
        outer.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        outer.addWidget(buttons)
        return panel

    def _show_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setValue(0)
        for button in [*self.export_buttons.values(), self.print_button,
                       self.atlas_button]:  # fmt: skip
            button.setEnabled(not busy)
        if text or busy:
            self.state_label.setText(text)

    def _fill_pages(self) -> None:
        combo = self.page_combo
        current = combo.currentData()
        names = print_jobs.district_names(self.session)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("Overview (whole map)"), None)
        for name in names:
            combo.addItem(name, name)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self._maker = None
        self.request()

    def set_page(self, district: str | None) -> None:
        """Show the page of ``district`` (None: the overview)."""
        index = self.page_combo.findData(district) if district else 0
        self.page_combo.setCurrentIndex(max(index, 0))

    def district(self) -> str | None:
        return self.page_combo.currentData()

    def refresh(self) -> None:
        """Show the project's print settings in the fields."""
        p = self.session.project.print
        widgets = (self.paper_combo, self.orientation_combo, self.organisation_edit,
                   self.review_edit, self.internal_check, self.hatch_check)  # fmt: skip
        for w in widgets:
            w.blockSignals(True)
        self.paper_combo.setCurrentIndex(max(self.paper_combo.findData(p.paper), 0))
        self.orientation_combo.setCurrentIndex(
            max(self.orientation_combo.findData(p.orientation), 0)
        )
        self.organisation_edit.setText(p.organisation)
        self.review_edit.setText(p.review_number)
        self.internal_check.setChecked(p.internal)
        self.hatch_check.setChecked(p.hatch)
        for w in widgets:
            w.blockSignals(False)

    def _set(self, name: str, value: Any) -> None:
        if getattr(self.session.project.print, name) != value:
            self.session.push(SetSetting("print", name, value))

    def _on_setting(self, name: str) -> None:
        # Weights and classes come back as a new document (documentChanged).
        if name in PAGE_SETTINGS:
            self.refresh()
            self.request()

    # ------------------------------------------------------------ preview

    def request(self) -> None:
        self._timer.start()

    def _render(self) -> None:
        try:
            job = print_jobs.inputs(self.session)
        except Exception as exc:
            self.page_view.set_page(None, getattr(exc, "message", str(exc)))
            return
        key = print_jobs.page_key(job.project)
        maker = self._maker[1] if self._maker and self._maker[0] == key else None
        district = self.district()

        def work(_feedback: Any) -> tuple[Any, Any]:
            made = maker or print_jobs.make_maker(job, PREVIEW_DPI)
            return made, print_jobs.page_image(job, district, PREVIEW_DPI, made)

        def done(out: tuple[Any, Any]) -> None:
            self._maker = (key, out[0])
            self.pixels = out[1]
            self.page_view.set_page(QPixmap.fromImage(print_jobs.to_qimage(out[1])))
            self.previewReady.emit()

        def failed(exc: BaseException, tb: str) -> None:
            self.page_view.set_page(None, tr("The page could not be drawn."))
            show_error(self, exc, tb)

        self.pixels = None
        self._preview_runner.start("preview", work, done, failed)

    def preview_busy(self) -> bool:
        return self._timer.isActive() or bool(self._preview_runner.running())

    def closeEvent(self, event: Any) -> None:
        self._timer.stop()
        self._preview_runner.cancel_all()
        super().closeEvent(event)
