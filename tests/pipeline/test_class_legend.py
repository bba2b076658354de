"""A layer drawn by a class its hazard model reads gets one symbol and one
legend row per class, however the data spells it ("3", "第3类", 3.0)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from riskmap.pipeline import printing
from riskmap.pipeline.print_document import build_document
from tests.print_fixtures import FIXED_EPOCH, make_print_case

ROUTE_CLASSES = ["3", "第3类", "class 8", "8类"]  # two classes, four spellings
ZONE_CLASSES = ["极高", "very high", "2", "中等易发区"]  # two classes


@pytest.fixture(autouse=True)
def _fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


@pytest.fixture
def mixed(tmp_path: Path):
    """The print case with its routes and zones scored by the real models
    (their default styles) and spelt in mixed ways."""
    project, data, result = make_print_case(tmp_path)
    kinds = {"hazmat": "hazmat_route", "landslide": "landslide"}
    for spec in project.layers:
        if spec.id in kinds:
            spec.kind, spec.style = kinds[spec.id], {}
    data.vectors["hazmat"].frame["un_class"] = ROUTE_CLASSES
    data.vectors["landslide"].frame["susceptibility"] = ZONE_CLASSES
    data.vectors["landslide"].mapping = {"susceptibility": "susceptibility"}
    return project, data, result


def _layer(doc, layer_id: str):
    return next(layer for layer in doc.layers if layer.id == layer_id)


def test_one_symbol_per_class(mixed) -> None:
    doc = build_document(*mixed)
    routes = _layer(doc, "hazmat")
    assert {k: s.label for k, s in routes.style.categories.items()} == {
        "3": "第3类 易燃液体",
        "8": "第8类 腐蚀性物质",
    }
    assert routes.categories.tolist() == ["3", "3", "8", "8"]
    zones = _layer(doc, "landslide")
    assert [s.label for s in zones.style.categories.values()] == ["极高易发", "中易发"]
    assert zones.categories.tolist() == ["4", "4", "2", "2"]
    colours = [s.color for s in zones.style.categories.values()]
    assert len(set(colours)) == 2


def test_printed_legend_has_one_row_per_class(mixed, tmp_path: Path) -> None:
    project, data, result = mixed
    out = tmp_path / "overview.pdf"
    printing.export_map(project, data, result, None, out, dpi=50)
    text = PdfReader(out).pages[0].extract_text()
    for label in ("第3类 易燃液体", "第8类 腐蚀性物质", "极高易发", "中易发"):
        assert text.count(label) == 1, (label, text)
    assert "第3类\n" not in text and "class 8" not in text


def test_explicit_categories_match_every_spelling(mixed) -> None:
    project, data, result = mixed
    spec = next(s for s in project.layers if s.id == "hazmat")
    spec.style = {"by": "un_class", "categories": {"第3类": "#FF0000", "8": "#0000FF"}}
    routes = _layer(build_document(project, data, result), "hazmat")
    assert list(routes.style.categories) == ["3", "8"]
    assert routes.categories.tolist() == ["3", "3", "8", "8"]


def test_a_numeric_susceptibility_index_keeps_its_own_values(mixed) -> None:
    project, data, result = mixed
    data.vectors["landslide"].frame["susceptibility"] = np.array([0.1, 0.4, 0.7, 0.9])
    zones = _layer(build_document(project, data, result), "landslide")
    assert set(zones.style.categories) == {"0.1", "0.4", "0.7", "0.9"}


def test_danger_zones_are_their_own_class_and_unread_values_unclassified(mixed) -> None:
    project, data, result = mixed
    zones = data.vectors["landslide"]
    zones.frame["susceptibility"] = ["极高", None, "2", "中等易发区"]
    zones.frame["flag"] = ["否", "否", "是", "否"]
    zones.mapping = {"susceptibility": "susceptibility", "danger_zone": "flag"}
    layer = _layer(build_document(project, data, result), "landslide")
    assert layer.categories.tolist() == ["4", "", "danger", "2"]
    labels = [s.label for s in layer.style.categories.values()]
    assert labels == ["隐患点威胁范围", "极高易发", "中易发"]  # danger first, darkest
    assert layer.style.other_label == "未分级"
    routes = _layer(build_document(project, data, result), "hazmat")
    assert routes.style.other_label == "未分级"
