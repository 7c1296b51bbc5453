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
    lead_unit = "housing"       # optional when the task names it; with an org chart, a name
                                # or alias (e.g. "市住建局") is resolved to the unit id
    assisting_units = ["finance"]
    slow_units = ["finance"]
    officer = "officer-wang"
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import Fields, read_document
from govefficiency.errors import AmbiguousNameError, PolicyError, UnknownNodeError
from govefficiency.escalation._cases import CaseParties, DatedCase
from govefficiency.responsibility import ResponsibilityGraph, load_org, resolve_unit
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


def _unit(fields: Fields, key: str, name: str, graph: ResponsibilityGraph | None) -> str:
    if graph is None:
        return name
    try:
        return resolve_unit(graph, name)
    except (UnknownNodeError, AmbiguousNameError) as exc:
        raise fields.fail(key, exc.en, exc.zh or exc.en) from None


def load_cases(
    source: str | Path | Mapping[str, Any], *, graph: ResponsibilityGraph | None = None
) -> tuple[tuple[DatedCase, ...], ResponsibilityGraph | None]:
    """Read cases (and the optional org chart they refer to) from a TOML/JSON file.

    With an org chart (``graph``, else the file's ``org``), units may be written by name
    or alias (市教育局) and are resolved to unit ids; an unknown or ambiguous name is an
    error naming the file, the key and the candidates."""
    doc = read_document(source, error=PolicyError)
    org_path = doc.string("org", None)
    if graph is None and org_path is not None:
        base = Path(source).parent if isinstance(source, str | Path) else Path.cwd()
        graph = load_org(base / org_path)
    cases = []
    for table in doc.tables("cases"):
        lead = table.string("lead_unit", None)
        parties = table.build(
            CaseParties,
            task=table.string("task", None),
            lead_unit=None if lead is None else _unit(table, "lead_unit", lead, graph),
            assisting_units=[
                _unit(table, "assisting_units", u, graph) for u in table.strs("assisting_units", ())
            ],
            slow_units=[_unit(table, "slow_units", u, graph) for u in table.strs("slow_units", ())],
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
    return tuple(cases), graph
