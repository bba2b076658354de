from __future__ import annotations

import contextlib
import io
from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont
from matplotlib.figure import Figure
from pypdf import PdfReader

from riskmap.errors import FontMissingError
from riskmap.render import fonts


def _gb2312_hanzi() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.append(bytes((hi, lo)).decode("gb2312"))
    return out


@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_bundled_font_is_truetype_sc_with_gb2312(weight: str) -> None:
    font = TTFont(fonts.font_path(weight))
    assert "glyf" in font and "CFF " not in font  # embeds as CID TrueType
    assert font["name"].getDebugName(1) == fonts.FAMILY
    cmap = font.getBestCmap()
    hanzi = _gb2312_hanzi()
    assert len(hanzi) == 6763
    missing = [ch for ch in hanzi if ord(ch) not in cmap]
    assert missing == []
    for ch in "（）：；，、。·–—≥≤°×%①℃":
        assert ord(ch) in cmap, ch


def test_licence_ships_beside_the_font() -> None:
    text = (fonts.font_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Adobe" in text and "Reserved Font Name" in text


def test_missing_font_names_the_expected_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "font_dir", lambda: tmp_path / "fonts")
    with pytest.raises(FontMissingError) as info:
        fonts.font(10)
    assert str(tmp_path / "fonts" / "RiskmapSansSC-Regular.ttf") in str(info.value)
    assert info.value.hint


def test_missing_characters_reports_what_would_print_as_boxes() -> None:
    assert fonts.missing_characters("渝中区 安全风险四色图 1:25,000") == ""
    assert fonts.missing_characters("\U0001f600 ok") == "\U0001f600"


def test_pdf_text_is_embedded_subset_truetype_and_extractable() -> None:
    with fonts.page_context():
        fig = Figure(figsize=(4, 2))
        fig.text(0.1, 0.6, "北碚区 重大风险", fontproperties=fonts.font(12, bold=True))
        fig.text(0.1, 0.3, "一般风险 ≥ 0.25", fontproperties=fonts.font(9))
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf")
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    page = reader.pages[0]
    assert "北碚区 重大风险" in page.extract_text()
    seen = []
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        assert font["/Subtype"] == "/Type0"
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"  # TrueType outlines
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
        name = str(font["/BaseFont"])
        assert name[7] == "+" and name[1:7].isupper()  # subset tag ABCDEF+
        seen.append(name[8:])
    assert {"RiskmapSansSC-Regular", "RiskmapSansSC-Bold"} <= set(seen)


def test_page_context_does_not_leak_rc_params() -> None:
    before = matplotlib.rcParams["pdf.fonttype"]
    with fonts.page_context():
        assert matplotlib.rcParams["pdf.fonttype"] == 42
    assert matplotlib.rcParams["pdf.fonttype"] == before
