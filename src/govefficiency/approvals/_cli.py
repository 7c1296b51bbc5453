"""``govefficiency approvals check|track|gantt``."""

from __future__ import annotations

import argparse
from typing import Any

from govefficiency._cli_coverage import calendar_from_args, print_undetermined
from govefficiency._cli_util import (
    EXIT_OK,
    EXIT_UNDETERMINED,
    UsageError,
    add_action,
    add_at,
    add_command_group,
    date_arg,
    findings_exit,
    finish_command,
    int_arg,
    print_answer,
    print_findings,
    print_json,
)
from govefficiency.approvals._checks import check_flow
from govefficiency.approvals._io import flow_gantt, load_catalogue, load_flow, load_project, project_gantt
from govefficiency.approvals._track import track
from govefficiency.errors import CalendarCoverageError
from govefficiency.findings import has_errors, sort_findings

_FLOW_HELP = "the flow file (.toml or .json)"
_UNDETERMINED = {"CRITICAL_PATH_UNDETERMINED", "PROJECTION_UNDETERMINED", "STEP_STATUS_UNDETERMINED"}


def register(sub: Any) -> None:
    actions = add_command_group(
        sub,
        "approvals",
        help="check approval flows (审批流程) and track projects through them",
        description="Approval flows: check a flow file for mutual prerequisites, a critical path over "
        "the committed limit, unlisted items, steps without a unit and serial steps that could run in "
        "parallel; track a project at an instant; draw either as a Mermaid Gantt chart.",
    )

    p = add_action(
        actions,
        "check",
        help="report the flow's defects as findings (exit 1 on errors, 3 when undetermined)",
        description="Check a flow file (.toml/.json).",
        inputs={"flow": _FLOW_HELP},
    )
    p.add_argument("--start", type=date_arg, metavar="DATE", help="the day the first application is accepted")
    p.add_argument(
        "--catalogue", metavar="FILE", help="a .toml/.json file with `items = [...]`: the published list"
    )
    p.add_argument(
        "--investment", type=int_arg, metavar="YUAN", help="a project's investment (joint review threshold)"
    )
    finish_command(p, _check, calendar=True)

    p = add_action(
        actions,
        "track",
        help="a project's steps, late steps, projected completion and slack at an instant",
        description="Track a project (.toml/.json events) through its flow at an instant.",
        inputs={"flow": _FLOW_HELP, "project": "the project file (.toml or .json)"},
    )
    add_at(p, "ISO date-time (default zone Asia/Shanghai)", metavar="INSTANT")
    finish_command(p, _track, calendar=True)

    p = add_action(
        actions,
        "gantt",
        help="a Mermaid Gantt chart of a flow (--start) or of a tracked project (--project, --at)",
        description="Print a Mermaid Gantt chart.",
        inputs={"flow": _FLOW_HELP},
    )
    p.add_argument("--start", type=date_arg, metavar="DATE", help="lay the flow out from this day")
    p.add_argument("--project", metavar="FILE", help="a project file: draw the project instead")
    add_at(p, "the instant (with --project)", required=False, metavar="INSTANT")
    p.add_argument("--investment", type=int_arg, metavar="YUAN", help="a project's investment (with --start)")
    finish_command(p, _gantt, calendar=True)


def _check(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow)
    catalogue = None if args.catalogue is None else load_catalogue(args.catalogue)
    findings = sort_findings(
        check_flow(
            flow,
            start=args.start,
            catalogue=catalogue,
            investment_yuan=args.investment,
            calendar=calendar_from_args(args),
        )
    )
    determined = not any(f.code in _UNDETERMINED for f in findings)
    if args.json:
        print_json(
            {
                "flow": flow.id,
                "findings": [f.to_dict() for f in findings],
                "errors": has_errors(findings),
                "determined": determined,
            }
        )
    else:
        print_findings(findings, args.lang)
    return findings_exit(findings, undetermined=not determined)


def _track(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow)
    project = load_project(args.project)
    status = track(flow, project, at=args.at, calendar=calendar_from_args(args))
    print_answer(args, status)
    if not args.json and status.missing is not None:
        print(("未能确定：" if args.lang == "zh" else "undetermined: ") + status.missing.get(args.lang))
    return findings_exit(status.findings, undetermined=not status.determined)


def _gantt(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow)
    determined = True
    try:
        if args.project is not None:
            if args.at is None:
                raise UsageError("--project needs --at INSTANT", "--project 需要同时给出 --at 时刻")
            project = load_project(args.project)
            calendar = calendar_from_args(args)
            status = track(flow, project, at=args.at, calendar=calendar)
            determined = status.determined
            text = project_gantt(flow, project, at=args.at, lang=args.lang, status=status, calendar=calendar)
        else:
            if args.start is None:
                raise UsageError(
                    "give --start DATE (or --project FILE --at INSTANT)",
                    "请给出 --start 日期（或 --project 文件与 --at 时刻）",
                )
            text = flow_gantt(
                flow,
                args.start,
                lang=args.lang,
                investment_yuan=args.investment,
                calendar=calendar_from_args(args),
            )
    except CalendarCoverageError as exc:
        if args.json:  # one JSON document, as every exit 3 under --json
            print_undetermined(args, exc)
            return EXIT_UNDETERMINED
        print(("未能确定：" if args.lang == "zh" else "undetermined: ") + exc.message(args.lang))
        return EXIT_UNDETERMINED
    if args.json:
        print_json({"mermaid": text, "determined": determined})
    else:
        print(text, end="")
        if not determined:
            print("%% 部分日期无法确定" if args.lang == "zh" else "%% some dates are undetermined")
    return EXIT_OK if determined else EXIT_UNDETERMINED
