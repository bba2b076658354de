"""The window styles layers as the printed page does."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskmap.gui.display import GeometryArrays, screen_layers
from riskmap.pipeline.print_document import build_document
from tests.print_fixtures import make_print_case

pytestmark = pytest.mark.gui


def test_screen_layers_share_the_pages_classes_and_opacity(tmp_path: Path) -> None:
    project, data, result = make_print_case(tmp_path)
    for spec in project.layers:
        if spec.id == "hazmat":
            spec.kind, spec.style, spec.opacity = "hazmat_route", {}, 0.5
    data.vectors["hazmat"].frame["un_class"] = ["3", "第3类", "class 8", "8类"]
    screen = {
        layer.id: layer for layer in screen_layers(project, data, GeometryArrays())
    }
    page = {layer.id: layer for layer in build_document(project, data, result).layers}
    routes, printed = screen["hazmat"], page["hazmat"]
    assert routes.categories.tolist() == ["3", "3", "8", "8"]
    assert routes.categories.tolist() == printed.categories.tolist()
    assert routes.style == printed.style
    # The layer's opacity fades the style's own transparency, on both.
    assert routes.style.base.alpha == pytest.approx(0.5 * 1.0)
