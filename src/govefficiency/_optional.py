"""Optional dependencies (the extras of ``pyproject.toml``), imported only where used."""

from __future__ import annotations

import importlib
from typing import Any

from govefficiency.errors import GovEfficiencyError, LedgerError, StoreError

#: module -> (the extra that installs it, the error raised without it, what needs it in en
#: and in zh).
_EXTRAS: dict[str, tuple[str, type[GovEfficiencyError], str, str]] = {
    "psycopg": ("postgres", StoreError, "PostgreSQL ledgers need psycopg 3", "PostgreSQL 台账需要 psycopg 3"),
    "cryptography.hazmat.primitives.asymmetric.ed25519": (
        "sign",
        LedgerError,
        "Ed25519 signatures need the cryptography package",
        "Ed25519 签名需要 cryptography 包",
    ),
    "icalendar": (
        "ics",
        GovEfficiencyError,
        "writing .ics files needs the icalendar package",
        "写出 .ics 文件需要 icalendar 包",
    ),
}


def import_optional(module: str) -> Any:
    """The module ``module`` of an optional dependency; when it is not installed, the
    library error of :data:`_EXTRAS` saying which extra to install (in zh and en)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra, error, en, zh = _EXTRAS[module]
        hint = f"pip install 'govefficiency[{extra}]'"
        raise error(f"{en}: {hint}", f"{zh}：{hint}") from None
