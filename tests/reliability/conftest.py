"""The reliability harnesses record their counts; pytest prints them at the end of the run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _counts import COUNTS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if COUNTS:
        terminalreporter.section("reliability harness counts")
        for name, value in COUNTS.items():
            terminalreporter.write_line(f"{name}: {value}")
