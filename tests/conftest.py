"""Settings shared by the whole suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _cli_language() -> Iterator[None]:
    """The CLI's default language comes from the environment (GOVEFFICIENCY_LANG, LANG);
    the suite pins it to zh so that no test depends on the machine's locale. (Its own
    MonkeyPatch, so that a test's ``monkeypatch`` is undone in the usual order.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVEFFICIENCY_LANG", "zh")
        yield


@pytest.fixture(scope="module")
def doc_page(request: pytest.FixtureRequest) -> str:
    """The text of the docs page of the module under test: ``docs/<test folder>.md``."""
    return (Path(__file__).resolve().parents[1] / "docs" / f"{request.path.parent.name}.md").read_text(
        "utf-8"
    )
