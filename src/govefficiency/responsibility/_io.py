"""Org-chart files (TOML/JSON): one declaration (:data:`ORG_CHART`) gives the loader, the
dumper and the JSON Schema (``govefficiency schema org-chart``).

The file format is documented in ``docs/responsibility.md``; in short (TOML)::

    version = 1                                    # optional; the only version is 1
    name = { zh = "示例市人民政府", en = "Example City Government" }   # optional

    [supervision_office]                           # optional (NO_SUPERVISION_OFFICE if absent)
    id = "duchashi"
    name = "市政府督查室"                           # a plain string means zh = en

    [[leaders]]
    id = "mayor"
    name = { zh = "王市长", en = "Mayor Wang" }
    role = "head"                                  # head | deputy (default deputy)
    supervises = ["audit"]                         # unit ids (分管), default []
    # reports_to = "..."                           # a deputy's superior
    # title = { zh = "常务副市长", en = "Executive Deputy Mayor" }

    [[units]]
    id = "transport"
    name = { zh = "市交通运输局", en = "Transport Bureau" }
    kind = "department"      # department | district | township | institution | internal_office | general_office
    # parent = "..."                               # the unit it belongs to
    aliases = ["市交通局", "交通局"]                  # optional: names as written in ledgers and cases

    [[officers]]
    id = "zhang-san"
    unit = "transport"
    name = "张三"
    post = { zh = "规划科科长", en = "Head of Planning" }   # optional

    [[tasks]]
    id = "T1"
    title = { zh = "…", en = "…" }
    lead = "transport"             # one id; a list is accepted so that TASK_MULTIPLE_LEADS can be found
    assists = ["finance"]          # default []
    leader = "deputy-li"
    officer = "zhang-san"
    parent = "T0"
    due = 2026-06-30               # TOML date, or "2026-06-30" in JSON

    [[duties]]
    unit = "transport"
    key = "road-maintenance"
    title = { zh = "公路养护", en = "Road maintenance" }   # optional

Loading checks the format (types, required keys, unknown keys, ids used twice) and
raises :class:`OrgChartError` naming the file and key path. References between records
(an unknown unit, a cycle) are *not* load errors: :func:`check` reports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._deprecation import keyword_fmt, old_form, renamed
from govefficiency._format import (
    Choice,
    Date,
    Format,
    Id,
    Int,
    Key,
    ListOf,
    Nullable,
    OneOrList,
    PlainOrBilingual,
    Str,
    Table,
    Tables,
)
from govefficiency._loading import Fields
from govefficiency._write import check_fmt, dumps_document, write_atomic
from govefficiency.errors import InvalidInputError, InvalidTypeError, OrgChartError
from govefficiency.responsibility._drawings import to_dot, to_graphml, to_mermaid
from govefficiency.responsibility._graph import ResponsibilityGraph, require_graph
from govefficiency.responsibility._model import (
    Duty,
    Leader,
    LeaderRole,
    Officer,
    SupervisionOffice,
    Task,
    Unit,
    UnitKind,
)

__all__ = [
    "ORG_CHART",
    "dump_org",
    "dumps_org",
    "load_org",
    "loads_org",
    "save_org",
    "to_dot",
    "to_graphml",
    "to_mermaid",
]

FORMAT_VERSION = 1

# --- the declaration -------------------------------------------------------------------------

_ID = Key("id", Id())
_NAME = Key("name", PlainOrBilingual(), description="a plain string means the same in zh and en")


def _optional(name: str, kind: Any, description: str = "", **extra: Any) -> Key:
    """A key that may be left out (``None``, or ``()`` for a list, not written when empty);
    JSON ``null`` stands for an absent id or lead, as it always has."""
    many = isinstance(kind, ListOf | OneOrList | Tables)
    if isinstance(kind, Id | OneOrList):
        kind = Nullable(kind)
    if many:
        return Key(name, kind, default=(), dump_default=False, description=description, **extra)
    return Key(name, kind, default=None, description=description, **extra)


_OFFICE = Format(
    "supervision-office", "the supervision office (督查室)", (_ID, _NAME), build=SupervisionOffice
)

_LEADER = Format(
    "leader",
    "the head or a deputy",
    (
        _ID,
        _NAME,
        Key("role", Choice(LeaderRole), default=LeaderRole.DEPUTY),
        _optional("supervises", ListOf(Id()), "the units in the leader's portfolio (分管)"),
        _optional("reports_to", Id(), "a deputy's superior"),
        _optional("title", PlainOrBilingual()),
    ),
    build=Leader,
    # a portfolio is a set: written sorted, left out when empty
    unbuild=lambda x: {**attrs.asdict(x, recurse=False), "supervises": tuple(sorted(x.supervises))},
)

_UNIT = Format(
    "unit",
    "a department, district, township, institution or internal office",
    (
        _ID,
        _NAME,
        Key("kind", Choice(UnitKind), default=UnitKind.DEPARTMENT),
        _optional("parent", Id(), "the unit it belongs to"),
        _optional("aliases", ListOf(Str()), "names as written in ledgers, cases and assessment inputs"),
    ),
    build=Unit,
)

_OFFICER = Format(
    "officer",
    "a named officer (责任人) in a unit",
    (_ID, Key("unit", Id()), _NAME, _optional("post", PlainOrBilingual())),
    build=Officer,
)

_TASK = Format(
    "task",
    "a key task (重点工作) or one of its sub-projects",
    (
        _ID,
        Key("title", PlainOrBilingual()),
        _optional(
            "lead",
            OneOrList(Id(), "a unit id", "单位 id"),
            "the lead unit; a list is read so that TASK_MULTIPLE_LEADS can be found",
            attr="leads",
        ),
        _optional("assists", ListOf(Id()), "the assisting units (配合单位)"),
        _optional("leader", Id(), "the responsible leader (责任领导)"),
        _optional("officer", Id(), "the named officer (具体责任人)"),
        _optional("parent", Id(), "the task this one is a sub-project of"),
        _optional("due", Date(), "the time node (时间节点)"),
    ),
    build=Task,
)

_DUTY = Format(
    "duty",
    "an entry of a unit's responsibility list (责任清单)",
    (Key("unit", Id()), Key("key", Str()), _optional("title", PlainOrBilingual())),
    build=Duty,
)

#: The sections holding nodes, whose ids share one namespace, in reading order.
_NODE_SECTIONS = ("supervision_office", "leaders", "units", "officers", "tasks")


def _unique(doc: Fields, values: dict[str, Any]) -> dict[str, Any]:
    """Ids used once across every section, and each duty once per unit: reported at the
    second use, naming the first (the index would only say "twice")."""
    first: dict[Any, str] = {}

    def claim(key: Any, where: str, en: str, zh: str) -> None:
        if key in first:
            raise doc.fail(where, en.format(first=first[key]), zh.format(first=first[key]))
        first[key] = where

    for section in _NODE_SECTIONS:
        records = values.get(section)
        if records is None:
            continue
        many = isinstance(records, tuple)
        for i, record in enumerate(records if many else (records,)):
            claim(
                record.id,
                f"{section}[{i}].id" if many else f"{section}.id",
                f"duplicate id {record.id!r} (already used at {{first}}); units, leaders, "
                "officers, tasks and the supervision office share one namespace",
                f"id {record.id!r} 重复（已在 {{first}} 使用）；单位、领导、责任人、任务和督查室的 id 必须互不相同",
            )
    for i, duty in enumerate(values.get("duties", ())):
        claim(
            (duty.unit, duty.key),
            f"duties[{i}].key",
            f"unit {duty.unit!r} already lists the duty {duty.key!r} at {{first}}",
            f"单位 {duty.unit!r} 已在 {{first}} 列出职责 {duty.key!r}",
        )
    del values["version"]
    return values


def _fields_of(graph: ResponsibilityGraph) -> dict[str, Any]:
    return {"version": FORMAT_VERSION, **graph._args()}


#: The org chart file format (``govefficiency schema org-chart``).
ORG_CHART = Format(
    "org-chart",
    "units, leaders, officers, tasks and duties (responsibility graph)",
    (
        Key("version", Int(FORMAT_VERSION, FORMAT_VERSION), default=FORMAT_VERSION),
        _optional("name", PlainOrBilingual(), "the organisation's name"),
        _optional("supervision_office", Table(_OFFICE), "NO_SUPERVISION_OFFICE when absent"),
        _optional("leaders", Tables(_LEADER)),
        _optional("units", Tables(_UNIT)),
        _optional("officers", Tables(_OFFICER)),
        _optional("tasks", Tables(_TASK)),
        _optional("duties", Tables(_DUTY)),
    ),
    build=ResponsibilityGraph,
    error=OrgChartError,
    prepare=_unique,
    unbuild=_fields_of,
)

# --- loading and saving ----------------------------------------------------------------------


def load_org(source: str | Path | Mapping[str, Any]) -> ResponsibilityGraph:
    """Load an organisation and its key-task list from a ``.toml``/``.json`` file or a mapping.

    Raises:
        OrgChartError: the file is missing, unreadable, not TOML/JSON, or does not match the
            format; the message names the key path (``tasks[3].due``) or the line.
    """
    graph: ResponsibilityGraph = ORG_CHART.load(source)
    return graph


@keyword_fmt
def loads_org(text: str, *, fmt: str = "toml") -> ResponsibilityGraph:
    """Load an organisation from TOML or JSON text (``fmt`` is ``"toml"`` or ``"json"``)."""
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"loads_org() needs the document as a str, not {type(text).__name__}",
            f"loads_org() 需要字符串形式的文档，而不是 {type(text).__name__}",
        )
    graph: ResponsibilityGraph = ORG_CHART.loads(text, fmt=fmt)
    return graph


@keyword_fmt
def dumps_org(graph: ResponsibilityGraph, *, fmt: str = "toml") -> str:
    """The graph as TOML or JSON text (``fmt`` is ``"toml"`` or ``"json"``), loadable by
    :func:`loads_org`."""
    data = ORG_CHART.dump(require_graph(graph, "dump_org"))
    check_fmt(fmt)
    if fmt == "toml":  # due dates as TOML dates, the supervision office as a [section]
        data = ORG_CHART.toml_native(data)
    return dumps_document(data, fmt, error=OrgChartError, sections=("supervision_office",))


def _old_dump_org(*args: Any, **kwargs: Any) -> bool:
    """``dump_org(graph)``: the 0.x form that returned the mapping (now ``graph.to_dict()``)."""
    return len(args) + len(kwargs) == 1


@old_form(
    _old_dump_org,
    lambda graph=None, **_: require_graph(graph, "dump_org").to_dict(),
    "dump_org(graph) returning the mapping is deprecated and will be refused in a later release: "
    "use graph.to_dict(); dump_org(graph, path) writes the file (see docs/conventions.md)",
)
def dump_org(graph: ResponsibilityGraph, path: str | Path) -> None:
    """Write the graph to ``path``, atomically; the suffix (``.toml`` or ``.json``) chooses
    the format. The JSON-ready mapping is :meth:`ResponsibilityGraph.to_dict`."""
    if not isinstance(path, str | Path):
        raise InvalidTypeError(
            f"path must be a str or Path, not {type(path).__name__}",
            f"path 必须是 str 或 Path，而不是 {type(path).__name__}",
        )
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("toml", "json"):
        raise InvalidInputError(
            f"cannot tell the format from the suffix {target.suffix!r}: name the file .toml or .json",
            f"无法从后缀 {target.suffix!r} 判断格式：请使用 .toml 或 .json",
        )
    text = dumps_org(graph, fmt=fmt)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise InvalidInputError(f"{target}: cannot be written: {exc}", f"{target}：无法写入：{exc}") from None


save_org = renamed(
    dump_org,
    "save_org",
    "save_org(graph, path) is renamed dump_org(graph, path) (see docs/conventions.md)",
)
