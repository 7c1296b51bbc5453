"""Drawings of a responsibility graph: GraphML, Graphviz DOT and Mermaid."""

from __future__ import annotations

from govefficiency.responsibility._graph import ResponsibilityGraph, require_graph
from govefficiency.responsibility._model import NodeKind, UnitKind
from govefficiency.text import Lang, Text, require_lang

__all__ = ["DOT_FONT", "to_dot", "to_graphml", "to_mermaid"]


def to_graphml(graph: ResponsibilityGraph) -> str:
    """The graph of :meth:`ResponsibilityGraph.to_networkx` as GraphML text.

    GraphML has no tuple type, so a unit's ``duties`` are written one key per line.
    """
    g = require_graph(graph, "to_graphml").to_networkx()
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
    graph = require_graph(graph, "to_dot")
    lang = require_lang(lang)
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
    graph = require_graph(graph, "to_mermaid")
    lang = require_lang(lang)
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
