"""docs/assessment.md stays in step with the code: its Python blocks run and print what the
page shows, and every finding code is in the table."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from govefficiency.assessment import ASSESSMENT_FINDING_CODES
from strategies import assert_code_table

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "assessment.md"


def test_every_code_is_in_the_table(doc_page: str) -> None:
    assert_code_table(doc_page, ASSESSMENT_FINDING_CODES)


def test_python_blocks_print_what_the_page_shows(doc_page: str) -> None:
    """Each ```python block runs (in one namespace, from the repository root); the ```text
    block after it is its output (a line ending in … is a prefix)."""
    _run_pairs(doc_page, 3)


def test_tutorial_section_prints_what_it_shows() -> None:
    """The tutorial's assessment section runs as written."""
    tutorial = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    _run_pairs(tutorial[tutorial.index("## Assessing performance") :], 1)


def _run_pairs(page: str, least: int) -> None:
    pairs = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", page, re.S)
    assert len(pairs) >= least
    namespace: dict[str, object] = {}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for code, expected in pairs:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, str(PAGE), "exec"), namespace)
            got = out.getvalue().splitlines()
            want = expected.splitlines()
            assert len(got) == len(want), (got, want)
            for g, w in zip(got, want, strict=True):
                if w.endswith("…"):
                    assert g.startswith(w[:-1]), (g, w)
                else:
                    assert g == w
    finally:
        os.chdir(cwd)


def test_console_block_matches_the_command(doc_page: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The command-line example prints the lines shown (up to the …)."""
    from govefficiency.cli import main

    block = re.search(r"```console\n\$ (.*?)\n(?=[^ ])(.*?)```", doc_page, re.S)
    assert block is not None
    command = block.group(1).replace("\\\n", " ").split()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        assert main(command[1:]) == 0
    finally:
        os.chdir(cwd)
    got = capsys.readouterr().out.splitlines()
    want = [line for line in block.group(2).splitlines() if line != "…"]
    assert got[: len(want)] == want
