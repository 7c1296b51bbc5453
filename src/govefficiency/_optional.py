"""Optional dependencies (the extras of ``pyproject.toml``), imported only where used."""

from __future__ import annotations

import importlib
from typing import Any

from govefficiency.errors import GovEfficiencyError


def import_optional(module: str, error: type[GovEfficiencyError], en: str, zh: str) -> Any:
    """The module ``module`` of an optional dependency; when it is not installed, ``error``
    with the bilingual message ``en``/``zh`` (which says the extra to install)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise error(en, zh) from None
