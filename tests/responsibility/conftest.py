"""Shared fixtures: a small, sound organisation and helpers to make it defective."""

from __future__ import annotations

import pytest

from govefficiency.responsibility import (
    ResponsibilityGraph,
)
from govefficiency.testing import mini_city
from govefficiency.text import Text


def t(zh: str, en: str | None = None) -> Text:
    """A bilingual text (the English defaults to the Chinese)."""
    return Text(zh, en or zh)


@pytest.fixture
def city() -> ResponsibilityGraph:
    """The sound mini city."""
    return mini_city()
