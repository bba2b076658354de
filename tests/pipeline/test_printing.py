"""Print use cases end to end: PDFs, PNGs and SVGs read back from disk."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread
from pypdf import PdfReader

from riskmap import __version__
from riskmap.core.feedback import RecordingFeedback
from riskmap.errors import Canceled, FontMissingError, OutputWriteError, RiskmapError
from riskmap.pipeline import printing
from riskmap.pipeline.print_document import build_document
from riskmap.render import fonts
from riskmap.render.page import PageMaker
from tests.print_fixtures import (
    CENTRE,
    FIXED_EPOCH,
    NO_RED,
    TALL,
    TINY,
    WIDE,
    make_print_case,
)

LEVEL_NAMES = ("重大风险", "较大风险", "一般风险", "低风险")
ALL = [TALL, WIDE, CENTRE, "南岸区", TINY]
MM_PER_PT = 25.4 / 72


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory):
    return make_print_case(tmp_path_factory.mktemp("case"))


@pytest.fixture(scope="module")
def atlas(case, tmp_path_factory: pytest.TempPathFactory):
    project, data, result = case
    out = tmp_path_factory.mktemp("atlas") / "atlas.pdf"
    report = printing.export_atlas(project, data, result, out, dpi=100)
    return report, PdfReader(out)


def _fonts(reader: PdfReader) -> list:
    found = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            found.append(ref.get_object())
    return found


def test_atlas_has_overview_plus_one_page_per_district(atlas) -> None:
    report, reader = atlas
    assert report.ok and report.pages == 1 + len(ALL)
    assert len(reader.pages) == 1 + len(ALL)
    texts = [page.extract_text() for page in reader.pages]
    assert "安全风险四色图（总图）" in texts[0]
    for name, text in zip(ALL, texts[1:], strict=True):
        assert f"{name} 安全风险四色图" in text
    for text in texts:
        for level in LEVEL_NAMES:
            assert level in text
        assert "示例数据" in text
        assert "2000国家大地坐标系 高斯-克吕格投影 3°带 中央子午线108°E" in text
        assert "内部资料" in text and "渝S（2026）001号" in text


def test_atlas_pages_are_a4_landscape_in_mm(atlas) -> None:
    _, reader = atlas
    for page in reader.pages:
        w = float(page.mediabox.width) * MM_PER_PT
        h = float(page.mediabox.height) * MM_PER_PT
        assert (w, h) == (pytest.approx(297, abs=0.5), pytest.approx(210, abs=0.5))


def test_atlas_fonts_are_embedded_truetype_subsets(atlas) -> None:
    _, reader = atlas
    fonts_seen = _fonts(reader)
    assert fonts_seen
    for font in fonts_seen:
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"
        assert "/FontFile2" in descendant["/FontDescriptor"]
        assert str(font["/BaseFont"])[7] == "+"
        assert "RiskmapSansSC" in str(font["/BaseFont"])


def test_atlas_metadata(atlas) -> None:
    _, reader = atlas
    meta = reader.metadata
    assert meta.title == "测试市安全风险一张图（示例） 安全风险四色图"
    assert "安全风险四色图" in meta.subject
    assert meta.producer == f"riskmap {__version__}"
    assert meta.creation_date is not None
    assert meta.author == "测试市应急管理局"


def test_red_level_listed_at_zero_on_a_district_without_red(atlas) -> None:
    _, reader = atlas
    text = reader.pages[1 + ALL.index(NO_RED)].extract_text()
    assert "重大风险（红）" in text
    assert "0.0 %" in text


def test_map_pdf_a3_portrait(case, tmp_path: Path) -> None:
    project, data, result = case
    out = printing.export_map(
        project,
        data,
        result,
        WIDE,
        tmp_path / "wide.pdf",
        paper="A3",
        orientation="portrait",
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) * MM_PER_PT == pytest.approx(297, abs=0.5)
    assert float(page.mediabox.height) * MM_PER_PT == pytest.approx(420, abs=0.5)
    assert f"{WIDE} 安全风险四色图" in page.extract_text()
    assert reader.metadata.title == f"{WIDE} 安全风险四色图"


def test_map_png_size_matches_paper_and_dpi(case, tmp_path: Path) -> None:
    project, data, result = case
    out = printing.export_map(
        project, data, result, TALL, tmp_path / "tall.png", dpi=60
    )
    img = imread(out)
    assert img.shape[:2] == (round(210 / 25.4 * 60), round(297 / 25.4 * 60))


def test_map_svg_parses(case, tmp_path: Path) -> None:
    project, data, result = case
    out = printing.export_map(
        project, data, result, CENTRE, tmp_path / "centre.svg", orientation="portrait"
    )
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert float(root.get("width").removesuffix("pt")) * MM_PER_PT == pytest.approx(
        210, abs=0.5
    )
    assert float(root.get("height").removesuffix("pt")) * MM_PER_PT == pytest.approx(
        297, abs=0.5
    )
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 100


def test_unknown_district_lists_the_known_ones(case, tmp_path: Path) -> None:
    project, data, result = case
    with pytest.raises(RiskmapError) as info:
        printing.export_map(project, data, result, "不存在区", tmp_path / "x.pdf")
    assert "不存在区" in info.value.message
    for name in ALL:
        assert name in info.value.hint
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_suffix_is_a_user_error(case, tmp_path: Path) -> None:
    project, data, result = case
    with pytest.raises(OutputWriteError, match=r"\.pdf, \.png or \.svg"):
        printing.export_map(project, data, result, CENTRE, tmp_path / "x.jpg")


def test_missing_font_is_a_clear_error(case, tmp_path: Path, monkeypatch) -> None:
    project, data, result = case
    monkeypatch.setattr(fonts, "font_dir", lambda: tmp_path / "nofonts")
    with pytest.raises(FontMissingError, match="nofonts"):
        printing.export_map(project, data, result, CENTRE, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_failing_page_leaves_the_others(case, tmp_path: Path, monkeypatch) -> None:
    project, data, result = case
    real = PageMaker.district

    def flaky(self, name):
        if name == CENTRE:
            raise ValueError("cannot draw this district")
        return real(self, name)

    monkeypatch.setattr(PageMaker, "district", flaky)
    report = printing.export_atlas(project, data, result, tmp_path / "a.pdf", dpi=72)
    assert not report.ok
    assert [f.page for f in report.failed] == [CENTRE]
    assert "cannot draw this district" in report.summary()
    reader = PdfReader(tmp_path / "a.pdf")
    assert len(reader.pages) == len(ALL)  # overview + the four that worked
    assert CENTRE not in "".join(
        p.extract_text().split("\n")[0] for p in reader.pages[1:]
    )


def test_split_writes_one_safe_file_per_district(case, tmp_path: Path) -> None:
    project, data, result = case
    renamed = result.districts.copy()
    renamed.loc[renamed["name"] == WIDE, "name"] = '江北区/两江:新区*?"<>|'
    result2 = type(result)(**{**result.__dict__, "districts": renamed})
    report = printing.export_atlas(
        project,
        data,
        result2,
        tmp_path / "atlas.pdf",
        split_dir=tmp_path / "split",
        dpi=72,
    )
    names = sorted(p.name for p in (tmp_path / "split").iterdir())
    assert "江北区_两江_新区______.pdf" in names
    assert f"{CENTRE}.pdf" in names and len(names) == len(ALL)
    assert sorted(p.name for p in report.split) == names
    reader = PdfReader(tmp_path / "split" / "江北区_两江_新区______.pdf")
    assert len(reader.pages) == 1
    assert '江北区/两江:新区*?"<>| 安全风险四色图' in reader.pages[0].extract_text()


def test_interrupted_atlas_leaves_no_partial_file(
    case, tmp_path: Path, monkeypatch
) -> None:
    project, data, result = case
    out = tmp_path / "atlas.pdf"
    out.write_bytes(b"%PDF previous atlas")
    feedback = RecordingFeedback(cancel_after=3)
    with pytest.raises(Canceled):
        printing.export_atlas(project, data, result, out, dpi=72, feedback=feedback)
    assert out.read_bytes() == b"%PDF previous atlas"
    assert sorted(os.listdir(tmp_path)) == ["atlas.pdf"]


def test_render_page_image_is_the_page_at_dpi(case) -> None:
    project, data, result = case
    maker = printing.page_maker(
        project, data, result, paper="A4", orientation="portrait"
    )
    img = printing.render_page_image(project, data, result, TINY, dpi=50, maker=maker)
    assert img.shape == (int(297 / 25.4 * 50), int(210 / 25.4 * 50), 4)
    assert img.dtype == np.uint8
    overview = printing.render_page_image(
        project, data, result, None, dpi=50, maker=maker
    )
    assert not np.array_equal(img, overview)


def test_document_statistics_follow_the_result(case) -> None:
    project, data, result = case
    doc = build_document(project, data, result)
    for district in doc.districts:
        row = result.stats.set_index("district").loc[district.name]
        shares = district.stats.shares
        assert shares[4] == pytest.approx(row["share_red"])
        assert shares[1] == pytest.approx(row["share_blue"])
        assert district.stats.level == row["level"]
        assert district.stats.cells == row["cells"]
    assert doc.district(CENTRE).stats.raised  # >= 10 % red lifts it to 较大
    assert doc.footer.weights == "危化品运输路线 0.55、高层建筑 0.45"
    assert doc.footer.made == "2026-11-18"
    assert doc.city.cells == int((result.district_index >= 0).sum())
    assert sum(doc.city.shares.values()) == pytest.approx(1.0)
    for area in [doc.city, *(d.stats for d in doc.districts)]:
        # Each page numbers its own hotspots 1..n, whatever other pages do.
        assert [h.rank for h in area.hotspots] == list(range(1, len(area.hotspots) + 1))
    hot = doc.district(CENTRE).stats.hotspots
    assert hot and all(h.district == CENTRE for h in hot)
    assert all(106 < h.lon < 108 and 29 < h.lat < 31 for h in doc.city.hotspots)


def test_pdf_map_image_has_the_requested_resolution(case, tmp_path: Path) -> None:
    project, data, result = case
    widths = {}
    for dpi in (100, 200):
        out = printing.export_map(
            project, data, result, CENTRE, tmp_path / f"{dpi}.pdf", dpi=dpi
        )
        page = PdfReader(out).pages[0]
        images = [
            x.get_object()
            for x in page["/Resources"]["/XObject"].values()
            if x.get_object()["/Subtype"] == "/Image"
        ]
        widths[dpi] = max(int(im["/Width"]) for im in images)
    # The map image is the map frame at the requested dpi, nothing coarser.
    assert widths[200] == pytest.approx(2 * widths[100], abs=2)
    assert widths[100] > 600  # about 190 mm of A4 landscape at 100 dpi


def test_missing_output_folder_is_a_user_error(case, tmp_path: Path) -> None:
    project, data, result = case
    with pytest.raises(OutputWriteError, match="does not exist"):
        printing.export_atlas(
            project, data, result, tmp_path / "nope" / "atlas.pdf", dpi=72
        )


def test_every_page_failing_still_gives_a_readable_pdf(
    case, tmp_path: Path, monkeypatch
) -> None:
    project, data, result = case

    def broken(self, *args):
        raise RuntimeError("broken page")

    monkeypatch.setattr(PageMaker, "district", broken)
    monkeypatch.setattr(PageMaker, "overview", broken)
    report = printing.export_atlas(project, data, result, tmp_path / "a.pdf", dpi=72)
    assert report.pages == 0 and len(report.failed) == 1 + len(ALL)
    reader = PdfReader(tmp_path / "a.pdf")
    assert len(reader.pages) == 1
    assert "没有可输出的页面" in reader.pages[0].extract_text()


LOCAL_WKT = (
    'ENGCRS["local site grid",EDATUM["site"],CS[Cartesian,2],'
    'AXIS["x",east,LENGTHUNIT["metre",1]],AXIS["y",north,LENGTHUNIT["metre",1]]]'
)


def test_local_crs_and_a_broken_outline_still_print(case, tmp_path: Path) -> None:
    """A site grid with no link to lon/lat, and a self-crossing district."""
    import dataclasses

    import shapely

    project, data, result = case
    grid = dataclasses.replace(result.grid, crs=LOCAL_WKT)
    districts = result.districts.copy()
    x0, y0, x1, y1 = districts.geometry.iloc[0].bounds
    districts.loc[0, "geometry"] = shapely.Polygon(
        [(x0, y0), (x1, y1), (x1, y0), (x0, y1)]
    )
    broken = dataclasses.replace(
        result, grid=grid, districts=districts, hotspots=result.hotspots.iloc[:0]
    )
    out = printing.export_map(
        project, data, broken, TALL, tmp_path / "local.pdf", dpi=72
    )
    text = PdfReader(out).pages[0].extract_text()
    assert "local site grid" in text  # the CRS named as it is
    assert f"{TALL} 安全风险四色图" in text
