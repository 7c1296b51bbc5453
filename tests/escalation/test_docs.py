"""Every Python block of the escalation, accountability and supervision-loop pages runs
as written (the blocks of a page share one namespace, in order)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", ["escalation.md", "accountability.md", "supervision-loop.md"])
def test_python_blocks_run(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The page's ```python blocks run in order from the repository root without error."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    namespace: dict[str, object] = {"__name__": "__docs__"}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for block in blocks:
            exec(compile(block, f"docs/{page}", "exec"), namespace)
    finally:
        os.chdir(cwd)
    capsys.readouterr()
