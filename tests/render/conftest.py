from __future__ import annotations

from pathlib import Path

import pytest

from riskmap.pipeline.print_document import build_document
from riskmap.render.layout import check_paper
from riskmap.render.page import PageMaker
from tests.print_fixtures import FIXED_EPOCH, make_print_case


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages quote today's date; tests pin it so images stay comparable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture(scope="module")
def print_case(tmp_path_factory: pytest.TempPathFactory):
    return make_print_case(tmp_path_factory.mktemp("print_case"))


@pytest.fixture(scope="module")
def document(print_case):
    project, data, result = print_case
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build_document(project, data, result)


def maker_for(document, paper: str, orientation: str) -> PageMaker:
    return PageMaker(document, check_paper(paper, orientation))


BASELINE_DIR = Path(__file__).parent / "baseline"
