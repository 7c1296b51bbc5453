"""``govefficiency decision check|plan FILE``: lint a decision record, or plan what remains."""

from __future__ import annotations

import argparse
from typing import Any

from govefficiency._cli_util import add_json, add_lang, date_arg, print_json, report_findings
from govefficiency.calendar import china_calendar
from govefficiency.decisions._planner import plan_decision
from govefficiency.decisions._presets import PROCEDURE_PRESETS, preset_procedure
from govefficiency.decisions._record import DecisionRecord
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._validate import validate_decision


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the decision record (.toml or .json)")
    parser.add_argument(
        "--procedure",
        default="national",
        metavar="ID",
        help=f"a preset ({', '.join(PROCEDURE_PRESETS)}; default national) or a spec file (.toml/.json)",
    )
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="count working days beyond the published holiday arrangement from the statutory rules",
    )
    add_lang(parser)
    add_json(parser)


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "decision",
        help="check a major-decision record (重大行政决策) against its procedure, or plan what remains",
        description="Check a major administrative decision's record against the statutory procedure "
        "(State Council decree 713 and presets), or list what is still required and when.",
    )
    commands = parser.add_subparsers(dest="decision_command", metavar="ACTION", required=True)
    check = commands.add_parser(
        "check",
        help="report procedural defects; exit 1 if any is an error",
        description="Report the procedural defects of a decision record, like a linter. "
        "Exit status: 0 no error findings, 1 error findings, 2 bad input.",
    )
    _common(check)
    check.set_defaults(handler=run_check)
    plan = commands.add_parser(
        "plan",
        help="list the steps still required and the earliest lawful date of each",
        description="List what a decision in progress still requires and the earliest lawful date of each step.",
    )
    _common(plan)
    plan.add_argument(
        "--on", type=date_arg, metavar="DATE", help="plan no step before this date (YYYY-MM-DD)"
    )
    plan.set_defaults(handler=run_plan)


def _procedure(name: str) -> ProcedureSpec:
    if name.lower().endswith((".toml", ".json")):
        return ProcedureSpec.load(name)
    return preset_procedure(name)


def run_check(args: argparse.Namespace) -> int:
    record = DecisionRecord.load(args.file)
    findings = validate_decision(
        record, _procedure(args.procedure), calendar=china_calendar(provisional=args.provisional)
    )
    return report_findings(findings, lang=args.lang, as_json=args.json)


def run_plan(args: argparse.Namespace) -> int:
    record = DecisionRecord.load(args.file)
    plan = plan_decision(
        record,
        _procedure(args.procedure),
        on=args.on,
        calendar=china_calendar(provisional=args.provisional),
    )
    if args.json:
        print_json(plan.to_dict())
    else:
        print(plan.render(args.lang))
    return 0
