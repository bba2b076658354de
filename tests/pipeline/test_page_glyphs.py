"""Text from data and settings that the bundled font cannot draw is told once
per document, naming the characters and where they are."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import pytest

from riskmap.pipeline import printing
from riskmap.pipeline.print_document import build_document
from riskmap.render.glyphs import document_texts, missing_glyphs_warning
from tests.print_fixtures import FIXED_EPOCH, make_print_case


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


def test_simplified_text_gives_no_warning(tmp_path: Path) -> None:
    project, data, result = make_print_case(tmp_path)
    assert build_document(project, data, result).warnings == []


def test_legend_category_title_and_organisation_are_checked(tmp_path: Path) -> None:
    project, data, result = make_print_case(tmp_path)
    hazmat = next(spec for spec in project.layers if spec.id == "hazmat")
    hazmat.style = copy.deepcopy(hazmat.style)  # the fixture's styles are shared
    hazmat.style["categories"]["3"]["label"] = "第3類 易燃液體"
    project.title = "臺灣测试"
    project.print.organisation = "市應急管理局"
    doc = build_document(project, data, result)
    assert len(doc.warnings) == 1
    line = doc.warnings[0]
    texts = document_texts(doc)
    assert "第3類 易燃液體" in texts["legend categories"]
    assert "legend categories: 類體 in 第3類 易燃液體" in line
    assert "title: 臺灣 in 臺灣测试" in line
    assert "footer: 應 in 市應急管理局" in line
    assert "has no glyph for 臺灣類體應" in line


def test_atlas_reports_the_warning_and_matplotlib_stays_quiet(tmp_path: Path) -> None:
    project, data, result = make_print_case(tmp_path)
    project.print.organisation = "區應急管理局"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = printing.export_atlas(
            project, data, result, tmp_path / "atlas.pdf", dpi=50
        )
    assert report.ok
    assert len(report.warnings) == 1 and "區" in report.warnings[0]
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_many_values_are_counted_not_listed() -> None:
    names = [f"{n}區" for n in "一二三四五"]
    line = missing_glyphs_warning({"district names": names})
    assert "一區、二區、三區 and 2 more" in line
    assert line.count("區") == 2 + 3  # in the summary, the place, three examples
