"""The cases file read by ``govefficiency escalate`` (TOML or JSON), declared once
(:data:`CASES`): the loader, the dumper and the JSON Schema come from the declaration.

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

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._deprecation import keyword_fmt
from govefficiency._format import (
    Bilingual,
    Bool,
    Date,
    Format,
    Id,
    Key,
    ListOf,
    Str,
    Tables,
)
from govefficiency._loading import Fields, parse_document, read_document
from govefficiency._time import DEFAULT_ZONE
from govefficiency._write import dumps_document, write_document
from govefficiency.errors import AmbiguousNameError, InvalidTypeError, PolicyError, UnknownNodeError
from govefficiency.escalation._cases import CaseParties, DatedCase
from govefficiency.responsibility import ResponsibilityGraph, load_org, resolve_unit
from govefficiency.text import Text

__all__ = ["CASES", "dump_cases", "dumps_cases", "load_cases", "loads_cases"]


@attrs.frozen
class _Title:
    """A title given as a plain string (both languages) or as ``{ zh = …, en = … }``;
    dumped as a plain string when both languages say the same."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        raw = fields.raw(key, default)
        if isinstance(raw, str):
            fields.check(key, bool(raw.strip()), "must not be empty", "不能为空")
            return Text(raw, raw)
        return Bilingual().read(fields, key, default)

    def dump(self, value: Any) -> Any:
        assert isinstance(value, Text)
        return value.zh if value.zh == value.en else Bilingual().dump(value)

    def schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "string", "minLength": 1}, Bilingual().schema()]}


def _case(
    *,
    case_id: str,
    title: Text,
    due: Any,
    start: Any,
    completed_on: Any,
    suspended: bool,
    task: str | None,
    lead_unit: str | None,
    assisting_units: tuple[str, ...],
    slow_units: tuple[str, ...],
    officer: str | None,
) -> DatedCase:
    parties = CaseParties(
        task=task,
        lead_unit=lead_unit,
        assisting_units=assisting_units,
        slow_units=slow_units,
        officer=officer,
    )
    return DatedCase(
        case_id=case_id,
        title=title,
        due=due,
        parties=parties,
        start=start,
        completed_on=completed_on,
        suspended=suspended,
    )


def _case_values(case: object) -> dict[str, Any]:
    if not isinstance(case, DatedCase):
        raise InvalidTypeError(
            f"only dated cases can be written to a cases file, not {type(case).__name__}",
            f"只有 DatedCase 可以写入事项文件，而不是 {type(case).__name__}",
        )
    if case.zone != DEFAULT_ZONE:
        raise PolicyError(
            f"case {case.case_id}: a cases file has no zone; this case counts days in {case.zone}",
            f"事项 {case.case_id}：事项文件不记录时区；此事项按 {case.zone} 计日",
        )
    parties = case.parties
    return {
        "case_id": case.case_id,
        "title": case.title,
        "due": case.due,
        "start": case.start,
        "completed_on": case.completed_on,
        "suspended": case.suspended,
        "task": parties.task,
        "lead_unit": parties.lead_unit,
        "assisting_units": parties.assisting_units,
        "slow_units": parties.slow_units,
        "officer": parties.officer,
    }


_CASE_KEYS = (
    Key("id", Str(), attr="case_id", description="the case's id"),
    Key("title", _Title(), description="what it is: a string, or { zh, en }"),
    Key("due", Date(), default=None, description="the due date; omit when not determined"),
    Key("start", Date(), default=None, description="when the period started (share-elapsed triggers)"),
    Key("completed_on", Date(), default=None),
    Key("suspended", Bool(), default=False, dump_default=False),
    Key("task", Id(), default=None, description="a responsibility-graph task id"),
    Key(
        "lead_unit", Str(), default=None, description="牵头单位: an id, or with an org chart a name or alias"
    ),
    Key("assisting_units", ListOf(Str()), default=(), dump_default=False, description="配合单位"),
    Key("slow_units", ListOf(Str()), default=(), dump_default=False, description="行动迟缓的配合单位"),
    Key("officer", Id(), default=None, description="具体责任人"),
)


def _resolver(graph: ResponsibilityGraph | None) -> Any:
    """The hook that resolves unit names and aliases to ids through ``graph``."""

    def resolve(fields: Fields, values: dict[str, Any]) -> dict[str, Any]:
        if graph is None:
            return values

        def unit(key: str, name: str) -> str:
            try:
                return resolve_unit(graph, name)
            except (UnknownNodeError, AmbiguousNameError) as exc:
                raise fields.fail(key, exc.en, exc.zh or exc.en) from None

        if values["lead_unit"] is not None:
            values["lead_unit"] = unit("lead_unit", values["lead_unit"])
        for key in ("assisting_units", "slow_units"):
            values[key] = tuple(unit(f"{key}[{i}]", name) for i, name in enumerate(values[key]))
        return values

    return resolve


def _cases_format(graph: ResponsibilityGraph | None) -> Format:
    case = Format(
        "case",
        "A case to escalate: a dated deadline with the parties responsible for it.",
        _CASE_KEYS,
        build=_case,
        error=PolicyError,
        prepare=_resolver(graph),
        unbuild=_case_values,
    )
    return Format(
        "cases",
        "Cases to escalate (govefficiency escalate), with the org chart that names their units.",
        (
            Key("org", Str(), default=None, description="an org chart file, relative to this file"),
            Key("cases", Tables(case)),
        ),
        error=PolicyError,
    )


#: The cases file format (``govefficiency schema cases``).
CASES = _cases_format(None)


def _read(
    doc: Fields, base: Path, graph: ResponsibilityGraph | None
) -> tuple[tuple[DatedCase, ...], ResponsibilityGraph | None]:
    org_path = Str().read(doc, "org", None)
    if graph is None and org_path is not None:
        graph = load_org(base / org_path)
    values = _cases_format(graph).read(doc)
    return values["cases"], graph


def load_cases(
    source: str | Path | Mapping[str, Any], *, graph: ResponsibilityGraph | None = None
) -> tuple[tuple[DatedCase, ...], ResponsibilityGraph | None]:
    """Read cases (and the optional org chart they refer to) from a TOML/JSON file.

    With an org chart (``graph``, else the file's ``org``), units may be written by name
    or alias (市教育局) and are resolved to unit ids; an unknown or ambiguous name is an
    error naming the file, the key and the candidates.

    Returns:
        the cases, and the org chart used (``None`` when there is none).

    Raises:
        PolicyError: a malformed file, located (``cases[2].due``) in zh and en.
    """
    doc = read_document(source, error=PolicyError)
    base = Path(source).parent if isinstance(source, str | Path) else Path.cwd()
    return _read(doc, base, graph)


def loads_cases(
    text: str,
    *,
    fmt: str = "toml",
    graph: ResponsibilityGraph | None = None,
    origin: str = "<string>",
) -> tuple[tuple[DatedCase, ...], ResponsibilityGraph | None]:
    """Read cases from TOML or JSON text (see :func:`load_cases`; an ``org`` path is taken
    relative to the current directory)."""
    if not isinstance(text, str):
        raise PolicyError(
            f"a cases text is a str, not {type(text).__name__}",
            f"事项文本必须是字符串，而不是 {type(text).__name__}",
        )
    return _read(parse_document(text, fmt=fmt, origin=origin, error=PolicyError), Path.cwd(), graph)


def _document(cases: Iterable[DatedCase], org: str | None) -> dict[str, Any]:
    if isinstance(cases, str | bytes | Mapping) or not isinstance(cases, Iterable):
        raise InvalidTypeError(
            f"cases are an iterable of DatedCase, not {type(cases).__name__}",
            f"cases 必须是 DatedCase 的可迭代对象，而不是 {type(cases).__name__}",
        )
    if org is not None and not isinstance(org, str):
        raise InvalidTypeError(
            f"org names an org chart file (a str) or is None, not {type(org).__name__}",
            f"org 须为组织架构文件名（字符串）或 None，而不是 {type(org).__name__}",
        )
    return CASES.dump({"org": org, "cases": tuple(cases)})


@keyword_fmt
def dumps_cases(cases: Iterable[DatedCase], *, fmt: str = "toml", org: str | None = None) -> str:
    """The cases as TOML or JSON text, read back by :func:`loads_cases` to equal cases
    (units are written as ids; ``org`` names an org chart file for the reader)."""
    return dumps_document(_document(cases, org), fmt, error=PolicyError)


def dump_cases(cases: Iterable[DatedCase], path: str | Path, *, org: str | None = None) -> None:
    """Write the cases to ``path``; the suffix (``.toml`` or ``.json``) picks the format."""
    write_document(_document(cases, org), path, error=PolicyError)
