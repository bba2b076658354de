"""The page-by-page PDF writer: same text, images and fonts, read back."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image
from pypdf import PdfReader

from riskmap.render import pdf as pdfmod
from riskmap.render.fonts import font, page_context
from riskmap.render.pdf import MapImageArtist, PdfDocument, pack_indices

PALETTE = np.array([[255, 255, 255], [47, 111, 208], [232, 38, 43]], np.uint8)


def _index(h: int = 30, w: int = 41) -> np.ndarray:
    index = np.zeros((h, w), np.uint8)
    index[: h // 2, : w // 3] = 1  # blue top left
    index[h // 2 :, -5:] = 2  # red bottom right
    return index


def _page(title: str, index: np.ndarray) -> Figure:
    fig = Figure(figsize=(4, 3))
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.6))
    ax.set_axis_off()
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 50)
    art = MapImageArtist(
        ax,
        index,
        PALETTE,
        extent=(0, 100, 0, 50),
        origin="upper",
        interpolation="none",
    )
    art.set_data(PALETTE[index])
    ax.add_image(art)
    fig.text(0.05, 0.9, title, fontproperties=font(12, bold=True))
    fig.text(0.05, 0.8, "图例　重大风险（红）\n较大风险（橙）", fontproperties=font(8))
    fig.text(0.05, 0.02, "数据来源：示例；坐标系统 CGCS2000", fontproperties=font(6))
    return fig


def _images(reader: PdfReader, page: int) -> list[np.ndarray]:
    out = []
    for image in reader.pages[page].images:
        out.append(np.asarray(Image.open(io.BytesIO(image.data)).convert("RGB")))
    return out


@pytest.fixture(params=[True, False], ids=["fast", "matplotlib"])
def fast(request, monkeypatch) -> bool:
    if not request.param:
        monkeypatch.setattr(pdfmod, "AVAILABLE", False)
    else:
        assert pdfmod.AVAILABLE  # the matplotlib in use has what it needs
    return request.param


def test_pages_read_back_the_same_either_way(tmp_path: Path, fast: bool) -> None:
    path = tmp_path / "a.pdf"
    index = _index()
    with page_context(), PdfDocument(path, {"Title": "测试"}) as pdf:
        for name in ("渝中区", "江北区", "渝中区"):
            pdf.add(_page(f"{name} 安全风险四色图", index), 150)
        assert pdf.pages == 3
    reader = PdfReader(path)
    assert reader.metadata.title == "测试"
    for page, name in zip(reader.pages, ("渝中区", "江北区", "渝中区"), strict=True):
        text = page.extract_text()
        assert f"{name} 安全风险四色图" in text
        assert "重大风险（红）" in text and "较大风险（橙）" in text
        assert "坐标系统 CGCS2000" in text
    # The map images (pages share one resource dictionary): exactly their
    # pixels, as palette images.
    images = _images(reader, 1)
    assert len(images) == 3
    for image in images if fast else []:  # (pypdf misreads matplotlib's 2-bit PNGs)
        assert (image == PALETTE[index]).all()
    xobject = reader.pages[1]["/Resources"]["/XObject"]
    streams = [ob.get_object() for ob in xobject.values()]
    for stream in streams:
        assert stream["/Subtype"] == "/Image"
        assert stream["/ColorSpace"][0] == "/Indexed"
        if fast:
            assert stream["/BitsPerComponent"] == 2  # three colours
    for font_ref in reader.pages[0]["/Resources"]["/Font"].values():
        descendant = font_ref.get_object()["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"
        assert "/FontFile2" in descendant["/FontDescriptor"]


def test_repeated_text_is_written_once_and_replayed(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    with page_context(), PdfDocument(path, {}) as pdf:
        pdf.add(_page("渝中区", _index()), 72)
        recorded = dict(pdf._file.recorded_texts)
        pdf.add(_page("渝中区", _index()), 72)
        assert pdf._file.recorded_texts.keys() == recorded.keys()
    reader = PdfReader(path)
    first, second = (p.get_contents().get_data() for p in reader.pages)
    image_names = (b"/RMI1", b"/RMI2")
    assert first.replace(*image_names) == second.replace(*image_names)


def test_a_page_that_fails_is_taken_out(tmp_path: Path, fast: bool) -> None:
    from matplotlib.artist import Artist

    class Boom(Artist):
        def draw(self, renderer) -> None:
            raise RuntimeError("boom")

    path = tmp_path / "a.pdf"
    with page_context(), PdfDocument(path, {}) as pdf:
        pdf.add(_page("一", _index()), 72)
        bad = _page("二", _index())
        bad.add_artist(Boom())
        with pytest.raises(RuntimeError, match="boom"):
            pdf.add(bad, 72)
        pdf.add(_page("三", _index()), 72)
    texts = [p.extract_text() for p in PdfReader(path).pages]
    assert len(texts) == 2 and "一" in texts[0] and "三" in texts[1]


@pytest.mark.parametrize(("colours", "bits"), [(2, 1), (4, 2), (9, 4), (200, 8)])
def test_pack_indices(colours: int, bits: int) -> None:
    rng = np.random.default_rng(0)
    index = rng.integers(0, colours, (5, 13)).astype(np.uint8)
    data, got = pack_indices(index, colours)
    assert got == bits
    per_row = -(-13 * bits // 8)
    assert len(data) == 5 * per_row
    rows = np.frombuffer(data, np.uint8).reshape(5, per_row)
    unpacked = np.unpackbits(rows, axis=1).reshape(5, -1, bits)
    values = (unpacked * (1 << np.arange(bits)[::-1])).sum(axis=2)[:, :13]
    assert (values == index).all()


def test_halo_labels_are_text_with_an_outline_under_them(tmp_path: Path) -> None:
    from riskmap.render.pdf import HaloText

    fig = Figure(figsize=(3, 2))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    label = HaloText(
        0.5,
        0.5,
        "渝中区",
        fontproperties=font(9),
        ha="center",
        va="center",
        halo_width=2.2,
        halo_colour="white",
    )
    ax.add_artist(label)
    path = tmp_path / "a.pdf"
    with page_context(), PdfDocument(path, {}) as pdf:
        pdf.add(fig, 72)
    page = PdfReader(path).pages[0]
    assert page.extract_text().count("渝中区") == 1  # the halo is no text
    content = page.get_contents().get_data()
    halo = content[content.index(b"2.2 w") : content.index(b"BT")]
    assert halo.count(b" c\n") > 10  # the glyph outlines
    assert re.search(rb"\nS\b", halo)  # stroked
    # On screen the halo is a path effect, as before.
    assert label.get_path_effects()
