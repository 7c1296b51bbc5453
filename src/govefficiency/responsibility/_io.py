"""Org-chart files (TOML/JSON) and drawings (GraphML, DOT) of a responsibility graph.

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

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import Fields, parse_document, read_document
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError, OrgChartError
from govefficiency.responsibility._graph import ResponsibilityGraph
from govefficiency.responsibility._model import (
    Duty,
    Leader,
    LeaderRole,
    NodeKind,
    Officer,
    SupervisionOffice,
    Task,
    Unit,
    UnitKind,
    check_id,
)
from govefficiency.text import Lang, Text, check_lang

__all__ = ["dump_org", "dumps_org", "load_org", "loads_org", "save_org", "to_dot", "to_graphml"]

FORMAT_VERSION = 1

# --- loading ---------------------------------------------------------------------------------


def load_org(source: str | Path | Mapping[str, Any]) -> ResponsibilityGraph:
    """Load an organisation and its key-task list from a ``.toml``/``.json`` file or a mapping.

    Raises:
        OrgChartError: the file is missing, unreadable, not TOML/JSON, or does not match the
            format; the message names the key path (``tasks[3].due``) or the line.
    """
    return _build(read_document(source, error=OrgChartError))


def loads_org(text: str, fmt: str = "toml") -> ResponsibilityGraph:
    """Load an organisation from TOML or JSON text (``fmt`` is ``"toml"`` or ``"json"``)."""
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"loads_org() needs the document as a str, not {type(text).__name__}",
            f"loads_org() 需要字符串形式的文档，而不是 {type(text).__name__}",
        )
    return _build(parse_document(text, fmt=fmt, error=OrgChartError))


def _ident(f: Fields, key: str, default: Any = ...) -> Any:
    value = f.string(key) if default is ... else f.string(key, default)
    if value is None:
        return None
    try:
        return check_id(value, key)
    except GovEfficiencyError as exc:
        raise f.fail(key, exc.en, exc.zh or exc.en) from None


def _idents(f: Fields, key: str) -> tuple[str, ...]:
    values: tuple[str, ...] = f.strs(key, ())
    for i, value in enumerate(values):
        try:
            check_id(value, key)
        except GovEfficiencyError as exc:
            raise f.fail(f"{key}[{i}]", exc.en, exc.zh or exc.en) from None
    return values


def _text(f: Fields, key: str, default: Any = ...) -> Any:
    value = f.raw(key) if default is ... else f.raw(key, default)
    if value is default:
        return value
    if isinstance(value, str):
        if not value.strip():
            raise f.fail(key, "must not be empty", "不能为空")
        return Text(value, value)
    if isinstance(value, Mapping):
        return f.text(key)
    raise f.fail(
        key,
        f'must be a string or a table {{zh = "…", en = "…"}}, not {type(value).__name__}',
        f'必须是字符串或表 {{zh = "…", en = "…"}}，而不是 {type(value).__name__}',
    )


def _lead(f: Fields) -> tuple[str, ...]:
    value = f.raw("lead", None)
    if value is None:
        return ()
    if isinstance(value, str):
        return (_ident(f, "lead"),)
    if isinstance(value, list):
        return _idents(f, "lead")
    raise f.fail(
        "lead",
        f"must be a unit id, or a list of unit ids; not {type(value).__name__}",
        f"必须是单位 id 或单位 id 列表，而不是 {type(value).__name__}",
    )


def _record(f: Fields, make: Any, **kwargs: Any) -> Any:
    f.finish()
    return f.build(make, **kwargs)


def _build(doc: Fields) -> ResponsibilityGraph:
    doc.integer("version", FORMAT_VERSION, minimum=FORMAT_VERSION, maximum=FORMAT_VERSION)
    name = _text(doc, "name", None)
    first_use: dict[str, str] = {}

    def claim(f: Fields, node_id: str) -> None:
        if node_id in first_use:
            raise f.fail(
                "id",
                f"duplicate id {node_id!r} (already used at {first_use[node_id]}); units, leaders, "
                "officers, tasks and the supervision office share one namespace",
                f"id {node_id!r} 重复（已在 {first_use[node_id]} 使用）；单位、领导、责任人、任务和督查室的 id 必须互不相同",
            )
        first_use[node_id] = f.path("id")

    office = None
    of = doc.table("supervision_office", None)
    if of is not None:
        office_id = _ident(of, "id")
        claim(of, office_id)
        office = _record(of, SupervisionOffice, id=office_id, name=_text(of, "name"))

    leaders = []
    for f in doc.tables("leaders", []):
        leader_id = _ident(f, "id")
        claim(f, leader_id)
        leaders.append(
            _record(
                f,
                Leader,
                id=leader_id,
                name=_text(f, "name"),
                role=f.member("role", LeaderRole, LeaderRole.DEPUTY),
                supervises=_idents(f, "supervises"),
                reports_to=_ident(f, "reports_to", None),
                title=_text(f, "title", None),
            )
        )

    units = []
    for f in doc.tables("units", []):
        unit_id = _ident(f, "id")
        claim(f, unit_id)
        units.append(
            _record(
                f,
                Unit,
                id=unit_id,
                name=_text(f, "name"),
                kind=f.member("kind", UnitKind, UnitKind.DEPARTMENT),
                parent=_ident(f, "parent", None),
                aliases=f.strs("aliases", ()),
            )
        )

    officers = []
    for f in doc.tables("officers", []):
        officer_id = _ident(f, "id")
        claim(f, officer_id)
        officers.append(
            _record(
                f,
                Officer,
                id=officer_id,
                unit=_ident(f, "unit"),
                name=_text(f, "name"),
                post=_text(f, "post", None),
            )
        )

    tasks = []
    for f in doc.tables("tasks", []):
        task_id = _ident(f, "id")
        claim(f, task_id)
        tasks.append(
            _record(
                f,
                Task,
                id=task_id,
                title=_text(f, "title"),
                leads=_lead(f),
                assists=_idents(f, "assists"),
                leader=_ident(f, "leader", None),
                officer=_ident(f, "officer", None),
                parent=_ident(f, "parent", None),
                due=f.date("due", None),
            )
        )

    duties = []
    duty_seen: dict[tuple[str, str], str] = {}
    for f in doc.tables("duties", []):
        unit_id = _ident(f, "unit")
        key = f.string("key")
        if (unit_id, key) in duty_seen:
            raise f.fail(
                "key",
                f"unit {unit_id!r} already lists the duty {key!r} at {duty_seen[unit_id, key]}",
                f"单位 {unit_id!r} 已在 {duty_seen[unit_id, key]} 列出职责 {key!r}",
            )
        duty_seen[unit_id, key] = f.path("key")
        duties.append(_record(f, Duty, unit=unit_id, key=key, title=_text(f, "title", None)))

    doc.finish()
    graph: ResponsibilityGraph = doc.build(
        ResponsibilityGraph,
        units=units,
        leaders=leaders,
        tasks=tasks,
        officers=officers,
        duties=duties,
        supervision_office=office,
        name=name,
    )
    return graph


# --- saving ----------------------------------------------------------------------------------------


def _dump_text(text: Text) -> str | dict[str, str]:
    return text.zh if text.zh == text.en else {"zh": text.zh, "en": text.en}


def _require_graph(graph: object, what: str) -> ResponsibilityGraph:
    if not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError(
            f"{what}() needs a ResponsibilityGraph, not {type(graph).__name__}",
            f"{what}() 需要 ResponsibilityGraph，而不是 {type(graph).__name__}",
        )
    return graph


def dump_org(graph: ResponsibilityGraph) -> dict[str, Any]:
    """The graph as a mapping in the file format: JSON-ready, and loadable by :func:`load_org`.

    Dates are ISO strings; keys with default values are left out.
    """
    graph = _require_graph(graph, "dump_org")
    out: dict[str, Any] = {"version": FORMAT_VERSION}
    if graph.name is not None:
        out["name"] = _dump_text(graph.name)
    office = graph.supervision_office
    if office is not None:
        out["supervision_office"] = {"id": office.id, "name": _dump_text(office.name)}
    leaders = []
    for x in graph.leaders:
        item: dict[str, Any] = {"id": x.id, "name": _dump_text(x.name), "role": x.role.value}
        if x.supervises:
            item["supervises"] = sorted(x.supervises)
        if x.reports_to is not None:
            item["reports_to"] = x.reports_to
        if x.title is not None:
            item["title"] = _dump_text(x.title)
        leaders.append(item)
    units = []
    for u in graph.units:
        item = {"id": u.id, "name": _dump_text(u.name), "kind": u.kind.value}
        if u.parent is not None:
            item["parent"] = u.parent
        if u.aliases:
            item["aliases"] = list(u.aliases)
        units.append(item)
    officers = []
    for o in graph.officers:
        item = {"id": o.id, "unit": o.unit, "name": _dump_text(o.name)}
        if o.post is not None:
            item["post"] = _dump_text(o.post)
        officers.append(item)
    tasks = []
    for t in graph.tasks:
        item = {"id": t.id, "title": _dump_text(t.title)}
        if len(t.leads) == 1:
            item["lead"] = t.leads[0]
        elif t.leads:
            item["lead"] = list(t.leads)
        if t.assists:
            item["assists"] = list(t.assists)
        for key in ("leader", "officer", "parent"):
            value = getattr(t, key)
            if value is not None:
                item[key] = value
        if t.due is not None:
            item["due"] = t.due.isoformat()
        tasks.append(item)
    duties = []
    for d in graph.duties:
        item = {"unit": d.unit, "key": d.key}
        if d.title is not None:
            item["title"] = _dump_text(d.title)
        duties.append(item)
    for key, records in (
        ("leaders", leaders),
        ("units", units),
        ("officers", officers),
        ("tasks", tasks),
        ("duties", duties),
    ):
        if records:
            out[key] = records
    return out


def _toml_string(value: str) -> str:
    # A JSON string literal is a valid TOML basic string, except that TOML also forbids DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value if key == "due" else _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value("", v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(k, v)}" for k, v in value.items()) + " }"
    raise InvalidTypeError(
        f"cannot write {type(value).__name__} as TOML", f"无法写为 TOML：{type(value).__name__}"
    )


def _to_toml(data: Mapping[str, Any]) -> str:
    lines: list[str] = []
    tables: list[tuple[str, Any]] = []
    for key, value in data.items():
        if (isinstance(value, list) and value and isinstance(value[0], dict)) or key == "supervision_office":
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(key, value)}")
    for key, value in tables:
        items = value if isinstance(value, list) else [value]
        header = f"[[{key}]]" if isinstance(value, list) else f"[{key}]"
        for item in items:
            lines.append("")
            lines.append(header)
            lines.extend(f"{k} = {_toml_value(k, v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


def dumps_org(graph: ResponsibilityGraph, fmt: str = "toml") -> str:
    """The graph as TOML or JSON text (``fmt`` is ``"toml"`` or ``"json"``), loadable by
    :func:`loads_org`."""
    data = dump_org(graph)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return _to_toml(data)
    raise InvalidInputError(
        f"unknown format {fmt!r}: use 'toml' or 'json'",
        f"未知格式 {fmt!r}：请使用 'toml' 或 'json'",
    )


def save_org(graph: ResponsibilityGraph, path: str | Path) -> None:
    """Write the graph to ``path``; the suffix (``.toml`` or ``.json``) chooses the format."""
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
    text = dumps_org(graph, fmt)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(f"{target}: cannot be written: {exc}", f"{target}：无法写入：{exc}") from None


# --- drawings --------------------------------------------------------------------------------------


def to_graphml(graph: ResponsibilityGraph) -> str:
    """The graph of :meth:`ResponsibilityGraph.to_networkx` as GraphML text.

    GraphML has no tuple type, so a unit's ``duties`` are written one key per line.
    """
    g = _require_graph(graph, "to_graphml").to_networkx()
    for _, data in g.nodes(data=True):
        if "duties" in data:
            data["duties"] = "\n".join(data["duties"])
    import networkx as nx  # imported here: it is slow to import and only needed for export

    return "\n".join(nx.generate_graphml(g)) + "\n"


_EDGE_STYLE = {
    "supervises": ('style=bold, color="#1f77b4"', Text("分管", "supervises")),
    "reports_to": ('style=bold, color="#1f77b4"', Text("对其负责", "reports to")),
    "part_of": ("style=dashed", Text("隶属", "part of")),
    "works_in": ("style=dotted", Text("任职", "works in")),
    "lead": ('penwidth=2, color="#d62728"', Text("牵头", "lead")),
    "assist": ('style=dashed, color="#ff7f0e"', Text("配合", "assist")),
    "leader": ('style=dotted, color="#1f77b4"', Text("责任领导", "leader")),
    "officer": ("style=dotted", Text("责任人", "officer")),
    "subtask_of": ("arrowhead=onormal", Text("子任务", "subtask of")),
}


def _dot(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{escaped}"'


#: A font with Chinese glyphs, named in the DOT output; Graphviz falls back to its default
#: (boxes for Chinese) only where none of these is installed.
DOT_FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def to_dot(graph: ResponsibilityGraph, lang: Lang = "zh") -> str:
    """The graph in Graphviz DOT, with names and edge labels in ``lang``.

    Render it with ``dot -Tsvg org.dot -o org.svg``. The hierarchy is drawn top-down: the
    head at the top, then deputies, units, internal offices, officers and tasks. Leaders
    are octagons (the head doubled), units boxes (internal offices rounded), tasks notes,
    officers ellipses and the supervision office a component; lead edges are red, assist
    edges dashed orange. A CJK font is named (:data:`DOT_FONT`) so that Chinese labels
    render as text, not boxes.
    """
    graph = _require_graph(graph, "to_dot")
    lang = check_lang(lang)
    ix = graph._ix
    title = "" if graph.name is None else graph.name.get(lang)
    font = _dot(DOT_FONT)
    lines = [
        f"digraph {_dot(title or 'responsibility')} {{",
        "  rankdir=BT;",
        f"  graph [fontname={font}];",
        f"  node [fontsize=10, fontname={font}];",
        f"  edge [fontsize=9, fontname={font}];",
    ]
    for x in graph.leaders:
        shape = "doubleoctagon" if x.is_head else "octagon"
        lines.append(f"  {_dot(x.id)} [label={_dot(x.name.get(lang))}, shape={shape}];")
    if graph.supervision_office is not None:
        office = graph.supervision_office
        lines.append(f"  {_dot(office.id)} [label={_dot(office.name.get(lang))}, shape=component];")
    for u in graph.units:
        style = ', style="rounded"' if u.kind is UnitKind.INTERNAL_OFFICE else ""
        lines.append(f"  {_dot(u.id)} [label={_dot(u.name.get(lang))}, shape=box{style}];")
    for o in graph.officers:
        label = o.name.get(lang) if o.post is None else f"{o.name.get(lang)}\n{o.post.get(lang)}"
        lines.append(f"  {_dot(o.id)} [label={_dot(label)}, shape=ellipse];")
    for t in graph.tasks:
        label = t.title.get(lang) if t.due is None else f"{t.title.get(lang)}\n{t.due.isoformat()}"
        lines.append(f"  {_dot(t.id)} [label={_dot(label)}, shape=note];")
    for source, target, rel in graph._edges():
        if target not in ix.kinds:
            continue
        style, rel_label = _EDGE_STYLE[rel]
        if rel in _DOWNWARD:  # drawn bottom-up (rankdir=BT) with the arrow kept on the unit
            source, target, style = target, source, f"{style}, dir=back"
        lines.append(f"  {_dot(source)} -> {_dot(target)} [label={_dot(rel_label.get(lang))}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


#: Relations that point from a superior down to a subordinate; every other relation
#: points up (a unit to its parent, a deputy to the head, a task to its units).
_DOWNWARD = frozenset({"supervises"})

_MERMAID_SHAPE = {
    NodeKind.LEADER: ('{{{{"{}"}}}}', '{{{{"{}"}}}}'),
    NodeKind.SUPERVISION_OFFICE: ('[["{}"]]', '[["{}"]]'),
    NodeKind.UNIT: ('["{}"]', '("{}")'),
    NodeKind.OFFICER: ('(["{}"])', '(["{}"])'),
    NodeKind.TASK: ('>"{}"]', '>"{}"]'),
}


def _mermaid(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ").replace("\r", "")


def to_mermaid(graph: ResponsibilityGraph, lang: Lang = "zh") -> str:
    """The graph as a Mermaid flowchart (``flowchart BT``: the head at the top), for pages
    that render Mermaid (mkdocs-material, GitHub, GitLab).

    Leaders are hexagons, the supervision office a subroutine box, units rectangles
    (internal offices rounded), officers stadiums and tasks flags; lead edges are thick,
    assist edges dotted, and every edge is labelled in ``lang``.
    """
    graph = _require_graph(graph, "to_mermaid")
    lang = check_lang(lang)
    ix = graph._ix
    ids: dict[str, str] = {}
    lines = ["flowchart BT"]

    def node(node_id: str, kind: NodeKind, label: str, rounded: bool = False) -> None:
        ids[node_id] = f"n{len(ids)}"
        shape = _MERMAID_SHAPE[kind][1 if rounded else 0]
        lines.append(f"  {ids[node_id]}{shape.format(_mermaid(label))}")

    for x in graph.leaders:
        node(x.id, NodeKind.LEADER, x.name.get(lang))
    if graph.supervision_office is not None:
        node(
            graph.supervision_office.id, NodeKind.SUPERVISION_OFFICE, graph.supervision_office.name.get(lang)
        )
    for u in graph.units:
        node(u.id, NodeKind.UNIT, u.name.get(lang), rounded=u.kind is UnitKind.INTERNAL_OFFICE)
    for o in graph.officers:
        node(o.id, NodeKind.OFFICER, o.name.get(lang))
    for t in graph.tasks:
        due = "" if t.due is None else f" ({t.due.isoformat()})"
        node(t.id, NodeKind.TASK, t.title.get(lang) + due)
    for source, target, rel in graph._edges():
        if target not in ix.kinds or source not in ids or target not in ids:
            continue
        label = _mermaid(_EDGE_STYLE[rel][1].get(lang))
        if rel in _DOWNWARD:
            source, target = target, source
        arrow = {"lead": "==>", "assist": "-.->"}.get(rel, "-->")
        lines.append(f"  {ids[source]} {arrow}|{label}| {ids[target]}")
    return "\n".join(lines) + "\n"
