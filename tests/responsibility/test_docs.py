"""docs/responsibility.md stays in step with the code."""

from __future__ import annotations

import re

from govefficiency.responsibility import CODES, check, loads_org
from strategies import assert_code_table


def test_every_code_is_in_the_table(doc_page: str) -> None:
    assert_code_table(doc_page, CODES)


def test_file_format_example_is_a_sound_org(doc_page: str) -> None:
    """The TOML example of the file format loads and has no findings."""
    (example,) = re.findall(r"```toml\n(.*?)```", doc_page, re.S)
    graph = loads_org(example)
    assert check(graph) == []
    assert graph.task("road-design").parent == "road"
