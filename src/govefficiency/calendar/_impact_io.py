"""Reading the stored deadlines that ``govefficiency calendar impact`` re-evaluates.

Three inputs are understood:

* a **deadlines file** (TOML/JSON), one table per stored deadline::

      [[deadlines]]
      id = "XK-2027-0001"
      start = 2027-02-02                 # the day counting starts from (not counted)
      rule = "licensing.decision"        # a statute preset (govefficiency rules) ...
      # period = { unit = "working_days", n = 5 }   # ... or a bare period
      parties = ["market-bureau", "officer-li"]     # who must be told (optional)

  Deadlines with the same rule or period are grouped into one :class:`DeadlineBatch`
  (the bulk path);
* an **escalation cases file** (``[[cases]]``, see ``govefficiency escalate``): each
  case's stored due date, with its lead and assisting units and officer as parties;
* a **ledger** (``.sqlite``/``.db`` store or ``.jsonl`` export): each item's deadline and
  time nodes, with its lead unit and officer as parties.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from govefficiency._loading import read_document
from govefficiency._validators import check_id
from govefficiency.calendar._impact_types import DeadlineBatch, DueDate
from govefficiency.errors import LoadError

__all__ = ["load_stored"]


def load_stored(path: str | Path) -> list[Any]:
    """The items in a deadlines file, cases file or ledger, ready for ``calendar_impact``."""
    path = Path(path)
    if path.suffix in (".sqlite", ".db", ".jsonl"):
        return _ledger(path)
    doc = read_document(path, error=LoadError)
    if "cases" in doc:
        from govefficiency.escalation._files import load_cases

        cases, _ = load_cases(path)
        out: list[Any] = []
        for case in cases:
            p = case.parties
            parties = [x for x in (p.lead_unit, *p.assisting_units, p.officer) if x is not None]
            out.append(DueDate(case.case_id, case.due, tuple(dict.fromkeys(parties))))
        return out
    return _deadlines(path)


def _deadlines(path: Path) -> list[Any]:
    from govefficiency.deadlines import get_rule, period_from

    doc = read_document(path, error=LoadError)
    groups: dict[Any, tuple[list[str], list[dt.date], list[tuple[str, ...]]]] = {}
    seen: set[str] = set()
    for table in doc.tables("deadlines"):
        ident = table.convert("id", lambda v: check_id(v, "id"))
        if ident in seen:
            raise table.fail("id", f"the id {ident!r} is used twice", f"id {ident!r} 重复")
        seen.add(ident)
        start = table.date("start")
        has_rule, has_period = "rule" in table, "period" in table
        table.check(
            "rule" if has_rule else "period",
            has_rule != has_period,
            "give exactly one of rule (a statute preset id) or period = { unit, n }",
            "rule（法定规则 id）与 period = { unit, n } 必须且只能填写一个",
        )
        if has_rule:
            basis: Any = table.convert("rule", get_rule)
        else:
            sub = table.table("period")
            unit = sub.string("unit")
            n = sub.integer("n", minimum=0, maximum=100000)
            sub.finish()
            basis = table.build_at("period", period_from, unit, n)
        parties: tuple[str, ...] = ()
        if "parties" in table:
            parties = tuple(table.convert("parties", _party_ids))
        table.finish()
        ids, starts, who = groups.setdefault(basis, ([], [], []))
        ids.append(ident)
        starts.append(start)
        who.append(parties)
    doc.finish()
    return [DeadlineBatch(ids, starts, basis, who) for basis, (ids, starts, who) in groups.items()]


def _party_ids(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise LoadError("must be a list of ids", "必须是 id 列表")
    return [check_id(x, "a party id") for x in value]


def _ledger(path: Path) -> list[Any]:
    from govefficiency.ledger import Ledger, SqliteStore

    if path.suffix == ".jsonl":
        ledger = Ledger.from_jsonl(path)
    else:
        ledger = Ledger(SqliteStore(str(path), create=False))
    with ledger:
        items = ledger.items()
    out: list[Any] = []
    for item in items:
        parties = tuple(dict.fromkeys((item.lead_unit, item.officer)))
        out.append(DueDate(item.id, item.deadline, parties))
        for node in item.time_nodes:
            out.append(DueDate(f"{item.id}@{node.date.isoformat()}", node.date, parties))
    return out
