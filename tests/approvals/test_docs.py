"""docs/approvals.md stays in step with the code: its blocks run as written."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest

from govefficiency.approvals import (
    CODES,
    check_flow,
    flow_gantt,
    load_flow,
    load_project,
    loads_flow,
    project_gantt,
)
from govefficiency.testing import CST
from strategies import assert_code_table

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "approvals.md").read_text(encoding="utf-8")


def test_every_code_is_in_the_table() -> None:
    assert_code_table(PAGE, CODES)


def test_the_file_format_example_is_a_sound_flow() -> None:
    """The TOML example loads and has no findings from a start in June 2026."""
    example = re.findall(r"```toml\n(.*?)```", PAGE, re.S)[0]
    assert check_flow(loads_flow(example), start=dt.date(2026, 6, 1)) == []


@pytest.mark.parametrize("block", re.findall(r"```python\n(.*?)```", PAGE, re.S))
def test_python_blocks_run_and_print_what_they_say(block: str) -> None:
    """Each Python block runs from the repository root; its ``# value`` comments match."""
    cwd = os.getcwd()
    out = io.StringIO()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out):
            exec(compile(block, "docs/approvals.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    for comment in re.findall(r"#\s*(.+)$", block, re.M):
        expected = comment.split("...")[0].strip()
        if expected and not expected.startswith(("joint review", "ERROR", "WARNING")):
            assert expected in printed, (expected, printed)
        elif expected.startswith(("ERROR", "WARNING")):
            assert expected in printed


def test_the_mermaid_charts_are_the_examples() -> None:
    """The charts on the page are what flow_gantt and project_gantt print for the example."""
    flow_chart, project_chart = re.findall(r"```mermaid\n(.*?)```", PAGE, re.S)
    data = ROOT / "examples" / "data" / "approvals"
    flow, project = load_flow(data / "industrial_flow.toml"), load_project(data / "project.toml")
    assert flow_chart == flow_gantt(flow, dt.date(2026, 9, 1), lang="en", investment_yuan=350_000_000)
    assert project_chart == project_gantt(
        flow, project, at=dt.datetime(2026, 10, 12, 17, tzinfo=CST), lang="en"
    )
