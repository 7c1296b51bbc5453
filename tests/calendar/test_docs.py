"""Every Python block of docs/calendar.md runs as written (from the repository root)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "calendar.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE, re.S)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_python_block_runs(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    """The block runs without error in a fresh namespace (paths relative to the repository)."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        exec(compile(BLOCKS[index], f"docs/calendar.md block {index}", "exec"), {})
    finally:
        os.chdir(cwd)


def test_as_known_on_block_prints_the_hand_worked_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """The as-known-on example prints the dates the prose explains."""
    block = next(b for b in BLOCKS if "as_known_on" in b)
    os.chdir(ROOT)
    exec(compile(block, "block", "exec"), {})
    assert "2026-02-23 2026-02-24" in capsys.readouterr().out
