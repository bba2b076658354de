"""page_context from two threads at once (a preview drawn while a PDF is
written): the page settings hold until the last page is done."""

from __future__ import annotations

import threading

import matplotlib

from riskmap.render.fonts import PAGE_RC, page_context


def test_overlapping_pages_keep_the_page_settings() -> None:
    before = matplotlib.rcParams["pdf.fonttype"]
    a_inside, b_inside, a_left = threading.Event(), threading.Event(), threading.Event()
    seen: list[object] = []

    def first() -> None:
        with page_context():
            a_inside.set()
            b_inside.wait(10)
        a_left.set()

    def second() -> None:
        a_inside.wait(10)
        with page_context():
            b_inside.set()
            a_left.wait(10)
            # The first page is finished; this one is still being drawn.
            seen.append(matplotlib.rcParams["pdf.fonttype"])
            seen.append(list(matplotlib.rcParams["font.family"]))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert seen == [PAGE_RC["pdf.fonttype"], list(PAGE_RC["font.family"])]
    assert matplotlib.rcParams["pdf.fonttype"] == before
