"""What a file handed to a ledger command is, when it is not what the command takes: a
TOML or JSON document given as a ledger database or as a JSON Lines export (a checklist
given to ``ledger import``, an org chart given to ``ledger report``)."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

__all__ = ["kind_hint"]

#: Only so much of a file is read to tell what it is (a wrong file may be huge).
_SNIFF_BYTES = 1 << 20

_SQLITE_MAGIC = b"SQLite format 3\x00"


def kind_hint(path: str | os.PathLike[str]) -> tuple[str, str] | None:
    """``(en, zh)`` naming what ``path`` looks like — "a TOML file (a checklist …)" or "a
    JSON document …" — or ``None`` when it is a SQLite file, unreadable, or not
    recognised."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES + 1)
    except OSError:
        return None
    if head.startswith(_SQLITE_MAGIC) or len(head) > _SNIFF_BYTES:
        return None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not text.strip():
        return ("an empty file", "空文件")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        document = None
    else:
        if isinstance(document, dict) and {"seq", "kind", "hash"} & document.keys():
            return None  # a one-line export with a bad entry: the entry's own error says it
        if _is_checklist(document, path):
            return (
                "a JSON document, apparently a checklist (清单): open its items with "
                "`govefficiency ledger open-items DB FILE`",
                "JSON 文档，似为清单：请用 `govefficiency ledger open-items DB FILE` 建账",
            )
        return ("a JSON document", "JSON 文档")
    try:
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    if _is_checklist(table, path):
        return (
            "a TOML file, apparently a checklist (清单): open its items with "
            "`govefficiency ledger open-items DB FILE`",
            "TOML 文件，似为清单：请用 `govefficiency ledger open-items DB FILE` 建账",
        )
    return ("a TOML file", "TOML 文件")


def _is_checklist(document: object, path: str | os.PathLike[str]) -> bool:
    """Whether ``document`` is a checklist, as ``govefficiency validate`` tells kinds apart
    (a service catalogue's ``[[items]]`` is not one)."""
    from govefficiency._kinds import detect_kind

    if not isinstance(document, dict):
        return False
    kind = detect_kind(document, Path(path))
    return kind is not None and kind.name == "checklist"
