"""The ledger's file functions under the API convention (docs/conventions.md):
:func:`load_ledger` and :func:`dump_ledger` read and write a JSON Lines export.

A ledger export is a stream of unbounded size (one entry a line, a million lines is an
ordinary year of a city), not a document held in memory, so the convention's string forms
``loads_``/``dumps_`` are deliberately absent: read and write a path (``/dev/stdout`` works).
``Ledger.from_jsonl``/``Ledger.to_jsonl`` stay as the methods these call."""

from __future__ import annotations

import os
from typing import Any

from govefficiency.ledger._fields import expect
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._store import LedgerStore

__all__ = ["dump_ledger", "load_ledger"]


def load_ledger(path: str | os.PathLike[str], *, store: LedgerStore | None = None, **options: Any) -> Ledger:
    """The ledger in the JSON Lines export at ``path``, imported into ``store`` (empty; a
    new :class:`MemoryStore` by default) and checked line by line: see
    :meth:`Ledger.from_jsonl`, which this calls. ``options`` are passed to :class:`Ledger`."""
    return Ledger.from_jsonl(path, store, **options)


def dump_ledger(ledger: Ledger, path: str | os.PathLike[str]) -> int:
    """Write every entry of ``ledger`` to ``path`` as JSON Lines, atomically; return the
    count: see :meth:`Ledger.to_jsonl`, which this calls."""
    checked = expect(ledger, Ledger, "dump_ledger() needs a Ledger", "dump_ledger() 需要 Ledger")
    return checked.to_jsonl(path)
