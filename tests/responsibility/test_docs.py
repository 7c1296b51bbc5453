"""docs/responsibility.md stays in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govefficiency.responsibility import CODES, check, loads_org

DOCS = Path(__file__).resolve().parents[2] / "docs" / "responsibility.md"


@pytest.fixture(scope="module")
def page() -> str:
    return DOCS.read_text(encoding="utf-8")


def test_every_code_is_in_the_table(page: str) -> None:
    """Each declared code has a row, with its severity, in the codes table."""
    for code in CODES:
        assert f"| `{code.code}` | {code.severity.value} |" in page


def test_file_format_example_is_a_sound_org(page: str) -> None:
    """The TOML example of the file format loads and has no findings."""
    (example,) = re.findall(r"```toml\n(.*?)```", page, re.S)
    graph = loads_org(example)
    assert check(graph) == []
    assert graph.task("road-design").parent == "road"
