"""Checklist files (清单): the format declared once (:data:`CHECKLIST`), read and written
under the API convention (``load_checklist``/``loads_checklist``/``dump_checklist``/
``dumps_checklist``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from typing import Any

from govefficiency._deprecation import keyword_fmt, renamed
from govefficiency._format import Date, Format, Id, Instant, Int, Key, ListOf, Num, Str, Tables, first_repeat
from govefficiency._loading import Fields
from govefficiency._time import require_aware
from govefficiency._validators import check_items
from govefficiency._write import dumps_document, write_document
from govefficiency.errors import LedgerFileError
from govefficiency.ledger._items import (
    FIRST_YEAR,
    LAST_YEAR,
    ChecklistItem,
    TimeNode,
    require_item_refs,
)

__all__ = [
    "CHECKLIST",
    "dump_checklist",
    "dumps_checklist",
    "load_checklist",
    "load_items",
    "loads_checklist",
]


def load_checklist(
    source: str | Path | Mapping[str, Any],
    *,
    known_units: Container[str] | None = None,
    known_leaders: Container[str] | None = None,
    known_officers: Container[str] | None = None,
) -> tuple[ChecklistItem, ...]:
    """Read a checklist file (TOML or JSON) into items, validating each.

    The format (see ``docs/ledger.md``; ``govefficiency schema checklist``) is a top-level
    ``year`` and a list of ``[[items]]`` tables with the :class:`ChecklistItem` fields;
    ``time_nodes`` is a list of ``{date, share, note}`` tables. ``opened_at`` may give the
    instant the ledger is opened (read by the CLI).

    Raises:
        LedgerFileError: a malformed file, an invalid item or a duplicate id, located
            (``items[3].time_nodes[1].share``).
        UnknownNodeError: an id not in a given ``known_*`` container.
    """
    items = CHECKLIST.load(source)["items"]
    return _known(items, known_units, known_leaders, known_officers)


def loads_checklist(
    text: str,
    *,
    fmt: str = "toml",
    known_units: Container[str] | None = None,
    known_leaders: Container[str] | None = None,
    known_officers: Container[str] | None = None,
) -> tuple[ChecklistItem, ...]:
    """Read a checklist from TOML or JSON text (see :func:`load_checklist`)."""
    if not isinstance(text, str):
        raise LedgerFileError(
            f"a checklist text is a str, not {type(text).__name__}",
            f"清单文本必须是字符串，而不是 {type(text).__name__}",
        )
    values = CHECKLIST.loads(text, fmt=fmt)
    return _known(values["items"], known_units, known_leaders, known_officers)


def _known(
    items: tuple[ChecklistItem, ...],
    known_units: Container[str] | None,
    known_leaders: Container[str] | None,
    known_officers: Container[str] | None,
) -> tuple[ChecklistItem, ...]:
    for item in items:
        require_item_refs(
            item, known_units=known_units, known_leaders=known_leaders, known_officers=known_officers
        )
    return items


#: Deprecated name of :func:`load_checklist` (the API convention names a file loader
#: ``load_<kind>``); it will be removed in a later release.
load_items = renamed(
    load_checklist, "load_items", "govefficiency.ledger.load_items() is deprecated: use load_checklist()"
)


def _checklist_doc(items: Iterable[ChecklistItem], opened_at: dt.datetime | None) -> dict[str, Any]:
    items = check_items(items, ChecklistItem, "items")
    if opened_at is not None:
        require_aware(opened_at, "opened_at")
    return CHECKLIST.dump({"year": None, "opened_at": opened_at, "items": items})


@keyword_fmt
def dumps_checklist(
    items: Iterable[ChecklistItem], *, fmt: str = "toml", opened_at: dt.datetime | None = None
) -> str:
    """The checklist file of ``items`` as TOML or JSON text (read back by
    :func:`loads_checklist` to equal items)."""
    return dumps_document(_checklist_doc(items, opened_at), fmt, error=LedgerFileError)


def dump_checklist(
    items: Iterable[ChecklistItem], path: str | Path, *, opened_at: dt.datetime | None = None
) -> None:
    """Write the checklist file of ``items`` to ``path`` (``.toml`` or ``.json``)."""
    write_document(_checklist_doc(items, opened_at), path, error=LedgerFileError)


def _unique_ids(fields: Fields, values: dict[str, Any]) -> dict[str, Any]:
    items = values["items"]
    if repeat := first_repeat(items, lambda item: item.id):
        i, first = repeat
        raise fields.fail(
            f"items[{i}].id",
            f"the id {items[i].id!r} is already used by items[{first}]",
            f"id {items[i].id!r} 已被 items[{first}] 使用",
        )
    return values


#: A time node in a checklist file: ``{date, share, note}``.
TIME_NODE = Format(
    "time-node",
    "A time node (时间节点): by the end of `date` the item should be `share` percent complete.",
    (
        Key("date", Date(), description="the day by whose end the share is due"),
        Key("share", Num(0, 100), description="the expected share complete, in percent"),
        Key("note", Str(), default="", description="what should be achieved by then"),
    ),
    build=TimeNode,
    error=LedgerFileError,
)

#: One item of a checklist file (the fields of :class:`ChecklistItem`).
CHECKLIST_ITEM = Format(
    "checklist-item",
    "One key task on the year's checklist (清单事项).",
    (
        Key("id", Id()),
        Key("title", Str()),
        Key("category", Str()),
        Key("year", Int(FIRST_YEAR, LAST_YEAR), description="the checklist year (default: the file's year)"),
        Key("target", Str(), description="工作目标"),
        Key("standard", Str(), description="工作标准"),
        Key("deadline", Date()),
        Key("leader", Id(), description="责任领导 (an id of the org chart)"),
        Key("lead_unit", Id(), description="责任单位 (an id of the org chart)"),
        Key("officer", Id(), description="具体责任人"),
        Key("projects", ListOf(Str()), default=(), description="支撑项目"),
        Key("time_nodes", Tables(TIME_NODE), default=()),
        Key("assisting_units", ListOf(Id()), default=(), description="配合单位"),
        Key("start", Date(), default=None, description="when the plan starts (default: 1 January)"),
    ),
    build=lambda **values: ChecklistItem(**{k: v for k, v in values.items() if v is not None}),
    error=LedgerFileError,
)

#: A checklist file: a ``year``, the ``[[items]]`` and optionally ``opened_at``.
CHECKLIST = Format(
    "checklist",
    "A year's checklist of key tasks (清单), opened in a ledger at `opened_at`.",
    (
        Key("year", Int(FIRST_YEAR, LAST_YEAR), default=None, description="the default year of every item"),
        Key("opened_at", Instant(), default=None, description="when the ledger is opened (年初建账)"),
        Key("items", Tables(CHECKLIST_ITEM, inherit=("year",))),
    ),
    error=LedgerFileError,
    prepare=_unique_ids,
)
