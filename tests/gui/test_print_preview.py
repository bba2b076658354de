"""Print preview on the sample: the page shown is the PDF's page, print
fields are undoable project settings, Export, Print (QPrinter to a PDF file)
and Export Atlas with progress and cancel; screenshots in both languages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from pypdf import PdfReader

from PySide6.QtGui import QImage, QKeySequence, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from riskmap.core.commands import SetSetting
from riskmap.gui import print_jobs
from riskmap.gui.dialogs import print_preview
from riskmap.gui.i18n import CHINESE, ENGLISH
from riskmap.pipeline.printing import render_page_image
from tests.gui.sample_window import close, open_sample, private_home, ready, wait

pytestmark = pytest.mark.gui
MM_PER_PT = 25.4 / 72


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    with private_home(tmp_path_factory.mktemp("print_home")) as folder:
        yield folder


@pytest.fixture(scope="module")
def sample(qapp, home):
    win = open_sample()
    yield win
    close(win)


@pytest.fixture
def preview(sample):
    dialog = sample.model_tools.print_preview()
    wait(lambda: not dialog.preview_busy() and dialog.pixels is not None)
    yield dialog
    wait(lambda: not dialog.busy() and not dialog.preview_busy())
    while sample.session.stack.can_undo():
        sample.session.undo()
    wait(lambda: ready(sample))


def _page_mm(path: Path) -> tuple[float, float]:
    page = PdfReader(path).pages[0]
    return (round(float(page.mediabox.width) * MM_PER_PT),
            round(float(page.mediabox.height) * MM_PER_PT))  # fmt: skip


def test_menus_reach_print_export_and_the_tools(sample):
    tools = sample.model_tools
    assert tools.print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert tools.print.shortcut().toString() == "Ctrl+P"
    file_actions = sample.menus["file"].actions()
    for action in (tools.export_map, tools.export_atlas, tools.print):
        assert action in file_actions and action.isEnabled()
    tool_actions = sample.menus["tools"].actions()
    assert tools.ahp in tool_actions and tools.sensitivity in tool_actions


def test_the_preview_is_the_pdf_page(sample, preview):
    s = sample.session
    # The page under the map's centre: the sample is centred on a district.
    assert preview.district() in [d.name for d in s.document.districts]
    expected = render_page_image(s.project, s.data, s.result, preview.district(),
                                 dpi=print_preview.PREVIEW_DPI)  # fmt: skip
    np.testing.assert_array_equal(preview.pixels, expected)
    h, w = preview.pixels.shape[:2]  # A4 landscape at 110 dpi
    assert (h, w) == (pytest.approx(210 / 25.4 * 110, abs=1),
                      pytest.approx(297 / 25.4 * 110, abs=1))  # fmt: skip
    preview.set_page(None)  # the overview
    wait(lambda: not preview.preview_busy())
    overview = render_page_image(s.project, s.data, s.result, None,
                                 dpi=print_preview.PREVIEW_DPI)  # fmt: skip
    np.testing.assert_array_equal(preview.pixels, overview)


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)
    return rows[:, : 3 * w].reshape(h, w, 3).astype(np.int16)


def _pdf_page_pixels(path: Path, width: int, height: int) -> np.ndarray:
    """Page 1 of ``path`` rasterised by poppler at exactly width x height."""
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm is needed (apt-get install poppler-utils)"
    out = path.with_name(path.stem + "_page")
    subprocess.run(
        [tool, "-f", "1", "-l", "1", "-png", "-singlefile", "-scale-to-x",
         str(width), "-scale-to-y", str(height), str(path), str(out)],
        check=True,
    )  # fmt: skip
    image = QImage(str(out.with_suffix(".png")))
    assert (image.width(), image.height()) == (width, height)
    return _rgb(image)


def _smoothed(rgb: np.ndarray) -> np.ndarray:
    """Each pixel the mean of its 3 x 3 neighbourhood: the two renderers
    antialias edges differently, and this keeps that from counting."""
    padded = np.pad(rgb.astype(np.float64), ((1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = rgb.shape[:2]
    return sum(padded[i : i + h, j : j + w] for i in range(3) for j in range(3)) / 9


def _difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean absolute difference (0-255) of two smoothed pages, over the page
    and in the worst 32 x 32 pixel block."""
    d = np.abs(_smoothed(a) - _smoothed(b)).mean(axis=2)
    h, w = (n // 32 * 32 for n in d.shape)
    block = d[:h, :w].reshape(h // 32, 32, w // 32, 32).mean(axis=(1, 3))
    return float(d.mean()), float(block.max())


#: Measured on the sample's page at the preview's 110 dpi: preview vs the PDF
#: rasterised by poppler differ by 2.6 over the page and 21 in the worst block;
#: another district's preview vs the same PDF by 19 and 110.
PAGE_TOLERANCE, BLOCK_TOLERANCE = 5.0, 40.0


def test_the_preview_matches_the_exported_pdf_pixel_for_pixel(
    sample, preview, tmp_path
):
    names = [d.name for d in sample.session.document.districts]
    shown = preview.district()
    preview_rgb = _rgb(print_jobs.to_qimage(preview.pixels))
    h, w = preview_rgb.shape[:2]
    written = []
    preview.exported.connect(written.append)
    assert preview.export("pdf", str(tmp_path / "page.pdf"))
    wait(lambda: written, 60)
    pdf_rgb = _pdf_page_pixels(Path(written[0]), w, h)
    page, block = _difference(preview_rgb, pdf_rgb)
    assert page < PAGE_TOLERANCE and block < BLOCK_TOLERANCE
    # Another district's page (same frame, title block and legend) is told apart.
    preview.set_page(next(n for n in names if n != shown))
    wait(lambda: not preview.preview_busy() and preview.pixels is not None)
    other_rgb = _rgb(print_jobs.to_qimage(preview.pixels))
    page, block = _difference(other_rgb, pdf_rgb)
    assert page > PAGE_TOLERANCE and block > BLOCK_TOLERANCE


def test_print_fields_are_undoable_settings(sample, preview):
    stack = sample.session.stack
    preview.organisation_edit.setText("重庆市渝中区应急管理局")
    preview.organisation_edit.editingFinished.emit()
    preview.review_edit.setText("渝S(2024)012号")
    preview.review_edit.editingFinished.emit()
    preview.paper_combo.activated.emit(preview.paper_combo.findData("A3"))
    p = sample.session.project.print
    assert (p.organisation, p.review_number, p.paper) == (
        "重庆市渝中区应急管理局", "渝S(2024)012号", "A3")  # fmt: skip
    assert isinstance(stack.next_undo(), SetSetting) and sample.isWindowModified()
    wait(lambda: not preview.preview_busy() and preview.pixels is not None)
    h, w = preview.pixels.shape[:2]  # A3 landscape at 110 dpi
    assert (h, w) == (pytest.approx(297 / 25.4 * 110, abs=1),
                      pytest.approx(420 / 25.4 * 110, abs=1))  # fmt: skip
    sample.actions.undo.trigger()
    assert preview.paper_combo.currentData() == "A4"
    sample.actions.undo.trigger()
    assert preview.review_edit.text() == ""
    sample.actions.redo.trigger()
    assert preview.review_edit.text() == "渝S(2024)012号"


def test_export_pdf_from_the_dialog_reads_back(sample, preview, tmp_path, monkeypatch):
    preview.organisation_edit.setText("测试编制单位")
    preview.organisation_edit.editingFinished.emit()
    asked = []

    def choose(parent, title, suggested, filter_text, selected=""):
        asked.append((suggested, filter_text, selected))
        return str(tmp_path / "page"), selected  # the suffix is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    district = preview.district()
    written = []
    preview.exported.connect(written.append)
    preview.export_buttons["pdf"].click()
    wait(lambda: written, 60)
    assert Path(asked[0][0]).name == f"{district}.pdf" and "*.pdf" in asked[0][2]
    path = Path(written[0])
    assert path == tmp_path / "page.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 1 and _page_mm(path) == (297, 210)
    text = reader.pages[0].extract_text()
    assert district in text and "测试编制单位" in text
    assert not preview.busy() and str(path) in preview.state_label.text()


def test_file_export_map_writes_png_and_svg(sample, tmp_path):
    for suffix in ("png", "svg"):
        target = tmp_path / f"map.{suffix}"
        dialog = sample.model_tools.export_map_now(str(target))
        wait(lambda: not dialog.busy(), 60)  # noqa: B023
        assert target.stat().st_size > 10_000
    assert target.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_file_export_map_writes_the_format_the_file_name_or_filter_asks(
    sample, tmp_path, monkeypatch
):
    answers = [
        (str(tmp_path / "x.png"), 0),  # the suffix wins over the PDF filter
        (str(tmp_path / "x.svg"), 0),
        (str(tmp_path / "y"), 1),  # no suffix: the PNG filter
    ]
    offered = []

    def choose(parent, title, suggested, filter_text, selected=""):
        offered.append(filter_text.split(";;"))
        path, index = answers[len(offered) - 1]
        return path, offered[-1][index]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    written = []
    for _ in answers:
        sample.model_tools.export_map.trigger()  # File > Export Map (Ctrl+E)
        dialog = sample.model_tools._preview
        dialog.exported.connect(written.append)
        wait(lambda: len(written) == len(offered), 60)
        dialog.exported.disconnect(written.append)
    assert [f[:3] for f in offered[0]] == ["PDF", "PNG", "SVG"]
    assert [Path(w).name for w in written] == ["x.png", "x.svg", "y.png"]
    dpi = sample.session.project.print.dpi  # A4 landscape at the print dpi
    for name in ("x.png", "y.png"):
        image = QImage(str(tmp_path / name))
        assert not image.isNull()
        assert (image.width(), image.height()) == (
            pytest.approx(297 / 25.4 * dpi, abs=1),
            pytest.approx(210 / 25.4 * dpi, abs=1),
        )
    root = ElementTree.parse(tmp_path / "x.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width", "").endswith("pt")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.tmp*"))


def test_print_from_ctrl_p_through_the_system_print_dialog(
    sample, preview, tmp_path, monkeypatch
):
    target = tmp_path / "sheet.pdf"
    seen = []

    def exec_(dialog):
        # the user picks "print to file" as PDF in the system dialog
        printer = dialog.printer()
        seen.append(printer.pageLayout().orientation())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    action = sample.model_tools.print
    assert action.shortcut().toString() == "Ctrl+P"
    action.trigger()
    assert sample.model_tools._preview is preview and preview.isVisible()
    done = []
    preview.exported.connect(done.append)
    preview.print_button.click()
    wait(lambda: done, 90)
    assert seen == [QPageLayout.Orientation.Landscape]  # the project's page
    assert done == [str(target)]
    reader = PdfReader(target)
    assert len(reader.pages) == 1 and _page_mm(target) == (297, 210)
    assert len(reader.pages[0].images) == 1
    # Rejected, nothing is printed.
    monkeypatch.setattr(QPrintDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    target.unlink()
    assert not preview.print_page()
    assert not target.exists()


def test_print_through_qprinter_to_a_pdf_file(sample, preview, tmp_path):
    preview.orientation_combo.activated.emit(
        preview.orientation_combo.findData("portrait")
    )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    done = []
    preview.exported.connect(done.append)
    assert preview.print_page(printer)
    wait(lambda: done, 90)
    path = tmp_path / "printed.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert _page_mm(path) == (210, 297)  # the project's A4, now portrait
    images = reader.pages[0].images
    assert len(images) == 1
    # The page image covers the sheet at the print resolution (300 dpi).
    w, h = images[0].image.size
    assert (w, h) == (pytest.approx(2480, abs=1), pytest.approx(3508, abs=1))


def test_export_atlas_with_cancel_then_to_the_end(sample, preview, tmp_path):
    sample.session.push(SetSetting("print", "dpi", 72))  # fast pages
    target = tmp_path / "atlas.pdf"
    preview.export_atlas(str(target))
    assert preview.busy() and preview.cancel_button.isVisible()
    preview.cancel_button.click()
    assert not preview.busy()
    sample.runner.wait(60_000)
    assert not target.exists() and not list(tmp_path.glob("*.tmp*"))
    reports = []
    preview.atlasDone.connect(reports.append)
    progress = []
    preview.progress.valueChanged.connect(progress.append)
    preview.atlas_button.setEnabled(True)
    preview.export_atlas(str(target))
    wait(lambda: reports, 180)
    report = reports[0]
    pages = len(sample.session.document.districts) + 1
    assert report.ok and report.pages == pages
    assert len(PdfReader(target).pages) == pages
    assert progress and max(progress) >= 90


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_screenshots_of_the_print_preview_and_the_risk_model(
    qapp, home, tmp_path_factory, language
):
    folder = tmp_path_factory.mktemp("screenshots")
    win = open_sample(language)
    try:
        dialog = win.model_tools.print_preview()
        wait(lambda: not dialog.preview_busy() and dialog.pixels is not None)
        shot = folder / f"print_preview_{language}.png"
        assert dialog.grab().save(str(shot))
        win.model_tools.show_dock()
        dock_shot = folder / f"risk_model_{language}.png"
        wait(lambda: True)
        assert win.model_tools.dock.grab().save(str(dock_shot))
        window_shot = folder / f"window_risk_model_{language}.png"
        assert win.grab().save(str(window_shot))
        if language == CHINESE:
            assert dialog.windowTitle() == "打印预览"
            assert win.model_tools.dock.windowTitle() == "风险模型"
        dialog.close()
    finally:
        close(win)
        from riskmap.gui.i18n import install_language

        install_language(ENGLISH)
    for path in (shot, dock_shot, window_shot):
        assert path.stat().st_size > 20_000
    print(f"screenshots: {shot} {dock_shot} {window_shot}")


def test_atlas_reports_the_pages_that_failed(sample, preview, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from riskmap.render.page import PageMaker

    sample.session.push(SetSetting("print", "dpi", 72))
    bad = sample.session.document.districts[1].name
    original = PageMaker.district

    def district(self, name):
        if name == bad:
            raise ValueError("no outline")
        return original(self, name)

    monkeypatch.setattr(PageMaker, "district", district)
    reports = []
    preview.atlasDone.connect(reports.append)
    preview.export_atlas(str(tmp_path / "atlas.pdf"))
    wait(lambda: reports, 180)
    report = reports[0]
    assert not report.ok and [f.page for f in report.failed] == [bad]
    assert report.pages == len(sample.session.document.districts)  # one left out
    boxes = [b for b in preview.findChildren(QMessageBox)
             if b.objectName() == "atlasReport" and b.isVisible()]  # fmt: skip
    assert boxes and f"{bad}: ValueError: no outline" in boxes[0].detailedText()
    boxes[0].close()
