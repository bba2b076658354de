from __future__ import annotations

import pytest

from tests.io.fixtures import register_test_models


@pytest.fixture
def test_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """The small hazard models of tests/io/fixtures.py, registered for one test."""
    register_test_models(monkeypatch)
