"""``govefficiency responsibility check|route|coordinator|export FILE``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govefficiency._cli_util import (
    UsageError,
    add_action,
    add_command_group,
    finish_command,
    load_kind,
    print_answer,
    print_json,
    report_findings,
)
from govefficiency.responsibility._checks import check
from govefficiency.responsibility._io import dumps_org, load_org, to_dot, to_graphml, to_mermaid
from govefficiency.responsibility._queries import dispute_coordinator, route_reminder

#: The positional argument of every action: the file it reads.
_FILE = {"file": "the org chart and key-task list (.toml or .json)"}


def register(sub: Any) -> None:
    actions = add_command_group(
        sub,
        "responsibility",
        help="check an org chart and key-task list (牵头/配合), route reminder letters (提醒函)",
        description="Lead/assist responsibility: check an org chart and key-task list file "
        "(.toml/.json), route reminder letters, find a dispute's coordinator, export drawings.",
    )

    p = add_action(
        actions,
        "check",
        help="report every defect as findings (exit 1 on any error)",
        description="Check the file.",
        inputs=_FILE,
    )
    finish_command(p, _check)

    p = add_action(
        actions,
        "route",
        help="route a reminder letter (提醒函) to a slow assisting unit",
        description="Who sends, receives, is reported to and is copied on a reminder letter (seed 003).",
        inputs=_FILE,
    )
    p.add_argument("--task", required=True, metavar="T", help="the task's id")
    p.add_argument("--slow", required=True, metavar="UNIT", help="the slow assisting unit's id")
    finish_command(p, _route)

    p = add_action(
        actions,
        "coordinator",
        help="the lowest leader who supervises all the units in a dispute",
        description="The leader who coordinates a disagreement between units (seed 002 item 7).",
        inputs=_FILE,
    )
    p.add_argument("units", nargs="+", metavar="UNIT", help="the ids of the units in dispute")
    finish_command(p, _coordinator)

    p = add_action(
        actions,
        "export",
        help="print the file as DOT, Mermaid, GraphML, JSON or TOML",
        description="Convert the org chart for drawing (dot, mermaid, graphml) or re-saving (json, toml).",
        inputs=_FILE,
    )
    p.add_argument("--format", dest="format", choices=_FORMATS, help="output format")
    # `--to` was the flag's first name; it means an end date elsewhere, so it is kept
    # (hidden) for one release only.
    p.add_argument("--to", dest="format", choices=_FORMATS, help=argparse.SUPPRESS)
    finish_command(p, _export)


def _check(args: argparse.Namespace) -> int:
    return report_findings(check(_org(args.file)), lang=args.lang, as_json=args.json)


def _route(args: argparse.Namespace) -> int:
    print_answer(args, route_reminder(_org(args.file), args.task, args.slow))
    return 0


def _coordinator(args: argparse.Namespace) -> int:
    print_answer(args, dispute_coordinator(_org(args.file), args.units))
    return 0


def _org(path: str) -> Any:
    """The org chart file (an error names the kind of file given instead, if any)."""
    return load_kind("org-chart", path, load_org)


_FORMATS = ("dot", "mermaid", "graphml", "json", "toml")


def _export(args: argparse.Namespace) -> int:
    chosen = args.format or ("json" if args.json else None)
    if chosen is None:
        raise UsageError(
            "say which format to export: --format dot|mermaid|graphml|json|toml (or --json)",
            "请指定导出格式：--format dot|mermaid|graphml|json|toml（或 --json）",
        )
    graph = _org(args.file)
    if not graph.units and not graph.leaders:  # an empty diagram would be a silent answer
        raise UsageError(
            f"{args.file}: the org chart has no units and no leaders: nothing to export",
            f"{args.file}：组织架构中没有任何单位和领导，无可导出",
        )
    if chosen == "dot":
        text = to_dot(graph, args.lang)
    elif chosen == "mermaid":
        text = to_mermaid(graph, args.lang)
    elif chosen == "graphml":
        text = to_graphml(graph)
    else:
        text = dumps_org(graph, fmt=chosen)
    if args.json and chosen != "json":
        # --json prints one JSON document, like `approvals gantt --json`: the drawing as text
        print_json({"format": chosen, "text": text})
    else:
        sys.stdout.write(text)
    return 0
