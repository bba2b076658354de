"""export_map without a district writes the overview page (the print
preview's "Overview" choice exports through it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from riskmap.pipeline import printing
from riskmap.render.page import OVERVIEW_TITLE
from tests.print_fixtures import FIXED_EPOCH, make_print_case


def test_overview_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    project, data, result = make_print_case(tmp_path)
    out = printing.export_map(
        project, data, result, None, tmp_path / "总图.pdf", dpi=72
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert OVERVIEW_TITLE.split()[0] in text
    assert reader.metadata.title == OVERVIEW_TITLE
