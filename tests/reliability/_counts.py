"""Figures the reliability harnesses record; ``conftest.py`` prints them after the run."""

from __future__ import annotations

from typing import Any

#: name -> figure, filled by the harness tests.
COUNTS: dict[str, Any] = {}
