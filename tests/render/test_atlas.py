from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from pypdf import PdfReader

from riskmap.core.feedback import RecordingFeedback
from riskmap.errors import Canceled
from riskmap.render.atlas import (
    pdf_metadata,
    safe_filename,
    unique_names,
    write_atlas_pdf,
)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("渝中区", "渝中区"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("  .沙坪坝区. ", "沙坪坝区"),
        ("CON", "CON_"),
        ("nul.txt", "nul.txt_"),
        ("", "district"),
        ("...", "district"),
        ("两江\t新区", "两江_新区"),
        ("x" * 300, "x" * 100),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_unique_names_number_collisions() -> None:
    assert unique_names(["a/b", "a:b", "渝中区", "A_B"]) == [
        "a_b",
        "a_b_2",
        "渝中区",
        "A_B_3",
    ]


def _page(text: str) -> Figure:
    fig = Figure(figsize=(3, 2))
    fig.text(0.1, 0.5, text)
    return fig


class _Exploding(Artist):
    def draw(self, renderer) -> None:
        raise RuntimeError("boom while drawing")


def _bad_while_drawing() -> Figure:
    fig = _page("half a page")
    fig.add_artist(_Exploding())
    return fig


def _bad_while_building() -> Figure:
    raise ValueError("no geometry")


def test_failing_pages_are_left_out_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "atlas.pdf"
    pages = [
        ("one", lambda: _page("page one")),
        ("build fails", _bad_while_building),
        ("draw fails", _bad_while_drawing),
        ("two", lambda: _page("page two")),
    ]
    feedback = RecordingFeedback()
    written, failures = write_atlas_pdf(
        path, pages, dpi=72, metadata=pdf_metadata("T", "S"), feedback=feedback, total=4
    )
    assert written == 2
    assert [(f.page, f.reason) for f in failures] == [
        ("build fails", "ValueError: no geometry"),
        ("draw fails", "RuntimeError: boom while drawing"),
    ]
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert "page one" in reader.pages[0].extract_text()
    assert "page two" in reader.pages[1].extract_text()
    assert feedback.progress[-1] == pytest.approx(100.0)


def test_cancel_stops_the_atlas(tmp_path: Path) -> None:
    feedback = RecordingFeedback(cancel_after=1)
    pages = [(str(i), lambda i=i: _page(str(i))) for i in range(5)]
    with pytest.raises(Canceled):
        write_atlas_pdf(
            tmp_path / "a.pdf", pages, dpi=72, metadata={}, feedback=feedback
        )


def test_metadata_names_riskmap() -> None:
    meta = pdf_metadata("渝中区 安全风险四色图", "示例", author="应急局")
    assert meta["Producer"].startswith("riskmap ")
    assert meta["Title"] == "渝中区 安全风险四色图" and meta["Author"] == "应急局"


def test_pages_are_freed_without_full_collections(tmp_path: Path) -> None:
    import gc
    import weakref

    figures: list[weakref.ref] = []
    cache: list[list[int]] = []  # what outlives a page, as drawing caches do

    def page(i: int) -> Figure:
        fig = _page(f"page {i}")
        fig.text(0.2, 0.2, "cycle")  # artists and figure refer to each other
        figures.append(weakref.ref(fig))
        cache.append([i])
        return fig

    full = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.collect()
    gc.callbacks.append(watch)
    try:
        written, _ = write_atlas_pdf(
            tmp_path / "a.pdf",
            [(str(i), lambda i=i: page(i)) for i in range(6)],
            dpi=72,
            metadata={},
        )
        oldest = {id(o) for o in gc.get_objects(generation=2)}
    finally:
        gc.callbacks.remove(watch)
    assert written == 6
    assert gc.isenabled()
    assert not full
    assert all(ref() is None for ref in figures)  # each page freed once written
    # Survivors stay young: the atlas brings no full collection due later.
    assert not any(id(entry) in oldest for entry in cache)
