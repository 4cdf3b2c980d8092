"""Headless Chromium for the whole run, and pages that must end without a JavaScript error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.chromium import Browser, Watched, launch
from tests.conftest import unavailable


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole run; skipped (failed in CI) where it is missing."""
    yield from launch(unavailable)


@pytest.fixture
def no_js_errors() -> Iterator[list[Watched]]:
    """Pages added to this list must end the test without a JavaScript error."""
    pages: list[Watched] = []
    yield pages
    errors = [e for w in pages for e in w.errors]
    assert errors == [], errors
