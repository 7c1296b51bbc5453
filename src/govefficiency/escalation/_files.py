"""The cases file read by ``govefficiency escalate`` (TOML or JSON).

::

    org = "org.toml"            # optional: a responsibility org file (relative to this file)

    [[cases]]
    id = "T1"
    title = { zh = "老旧小区改造", en = "Old-estate renovation" }   # or a plain string
    due = 2026-10-12            # omit when not determined (reported, never guessed)
    start = 2026-09-01          # optional, for share-elapsed triggers
    completed_on = 2026-10-09   # optional
    suspended = false           # optional
    task = "renovation"         # optional responsibility-graph task id
    lead_unit = "housing"       # optional when the task names it
    assisting_units = ["finance"]
    slow_units = ["finance"]
    officer = "officer-wang"
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import Fields, read_document
from govefficiency.errors import PolicyError
from govefficiency.escalation._cases import CaseParties, DatedCase
from govefficiency.responsibility import ResponsibilityGraph, load_org
from govefficiency.text import Text

__all__ = ["load_cases"]


def _title(fields: Fields) -> Text:
    """A title given as a plain string (both languages) or as ``{ zh = …, en = … }``."""
    raw = fields.raw("title")
    if isinstance(raw, str):
        fields.check("title", bool(raw.strip()), "must not be empty", "不能为空")
        return Text(raw, raw)
    title: Text = fields.text("title")
    return title


def load_cases(
    source: str | Path | Mapping[str, Any],
) -> tuple[tuple[DatedCase, ...], ResponsibilityGraph | None]:
    """Read cases (and the optional org chart they refer to) from a TOML/JSON file."""
    doc = read_document(source, error=PolicyError)
    org_path = doc.string("org", None)
    cases = []
    for table in doc.tables("cases"):
        parties = table.build(
            CaseParties,
            task=table.string("task", None),
            lead_unit=table.string("lead_unit", None),
            assisting_units=table.strs("assisting_units", ()),
            slow_units=table.strs("slow_units", ()),
            officer=table.string("officer", None),
        )
        case = table.build(
            DatedCase,
            case_id=table.string("id"),
            title=_title(table),
            due=table.date("due", None),
            parties=parties,
            start=table.date("start", None),
            completed_on=table.date("completed_on", None),
            suspended=table.boolean("suspended", False),
        )
        table.finish()
        cases.append(case)
    doc.finish()
    graph = None
    if org_path is not None:
        base = Path(source).parent if isinstance(source, str | Path) else Path.cwd()
        graph = load_org(base / org_path)
    return tuple(cases), graph
