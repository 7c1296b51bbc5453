"""Settings shared by the whole suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _cli_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's default language comes from the environment (GOVEFFICIENCY_LANG, LANG);
    the suite pins it to zh so that no test depends on the machine's locale."""
    monkeypatch.setenv("GOVEFFICIENCY_LANG", "zh")
