"""``govefficiency escalate POLICY [CASES | --ledger LEDGER] --at DATETIME [--graph ORG]
[--history FILE] [--patch FILE]… [--provisional] [--json]``.

Exit statuses: 0 fine; 3 some case (or level) undetermined — e.g. next year's holiday
arrangement is not loaded (one stderr line says which year and how to add it); 5 actions
produced but some role could not be resolved (the action went to the policy's fallback,
or could not be addressed at all); 2 bad input. When both 3 and 5 apply, 3 wins.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govefficiency._cli_coverage import (
    calendar_from_args,
    report_missing_years,
    undetermined_beyond_calendar,
    warn_horizon,
)
from govefficiency._cli_util import (
    EXIT_OK,
    EXIT_UNDETERMINED,
    EXIT_UNRESOLVED,
    UsageError,
    finish_command,
    instant_arg,
    print_json,
)
from govefficiency._time import local_date
from govefficiency.escalation._engine import evaluate
from govefficiency.escalation._files import load_cases
from govefficiency.escalation._history import (
    load_acknowledgements,
    load_history,
    locked_history,
    save_history,
)
from govefficiency.escalation._policy import Policy
from govefficiency.escalation._policy_io import get_policy, policy_presets


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "escalate",
        help="list the escalation actions due now (yellow/red lights, reminder letters, notices)",
        description="Evaluate an escalation policy over a cases file, or over the time nodes of a "
        "ledger, at an instant. Each action fires once: with --history FILE, actions already taken "
        "are skipped and the new ones are saved to the file (atomically, under a lock) before they "
        "are printed. Exit 3: part of the answer is undetermined (e.g. next year's holidays not "
        "loaded); exit 5: some role could not be resolved to a recipient.",
    )
    parser.add_argument("policy", help=f"a shipped policy ({', '.join(policy_presets())}) or a policy file")
    parser.add_argument(
        "cases", nargs="?", help="the cases file (.toml/.json; format in docs/escalation.md); or use --ledger"
    )
    parser.add_argument(
        "--ledger",
        metavar="LEDGER",
        help="build the cases from the time nodes of a ledger (a SQLite file or a postgresql://…?ledger=ID URL)",
    )
    parser.add_argument(
        "--graph",
        metavar="ORG",
        help="an org-chart file: resolves leaders, offices and unit names (overrides the cases file's org)",
    )
    parser.add_argument(
        "--at",
        type=instant_arg,
        required=True,
        help="the instant of evaluation, ISO 8601 (no offset: Asia/Shanghai)",
    )
    parser.add_argument(
        "--history",
        metavar="FILE",
        help="JSON file of actions already taken (with their 签收/反馈 dates); new actions are added to it",
    )
    finish_command(parser, undetermined_beyond_calendar(run), calendar=True)


@contextlib.contextmanager
def _maybe_locked(path: str | None) -> Iterator[None]:
    if path is None:
        yield
    else:
        with locked_history(path):
            yield


def run(args: argparse.Namespace) -> int:
    from govefficiency.responsibility import load_org

    policy = (
        Policy.load(args.policy)
        if Path(args.policy).suffix.lower() in (".toml", ".json")
        else get_policy(args.policy)
    )
    if (args.cases is None) == (args.ledger is None):
        raise UsageError(
            "give either a cases file or --ledger LEDGER (not both)",
            "请给出事项文件或 --ledger LEDGER 之一（不能同时给出）",
        )
    calendar = calendar_from_args(args)
    graph = load_org(args.graph) if args.graph else None
    if graph is not None and not graph.units:  # (every unit would be unresolved: a wrong file)
        raise UsageError(
            f"the org chart {args.graph} has no units: give the org chart that names the cases' units",
            f"组织架构 {args.graph} 中没有任何单位：请给出列有各事项单位的组织架构文件",
        )
    if args.ledger is not None:
        from govefficiency.escalation._sources import ledger_cases
        from govefficiency.ledger._ledger import Ledger
        from govefficiency.ledger._store import is_store_url, open_store

        if not is_store_url(args.ledger) and not Path(args.ledger).exists():
            raise UsageError(f"no ledger database at {args.ledger}", f"找不到台账数据库 {args.ledger}")
        with Ledger(open_store(args.ledger, create=False, read_only=True)) as ledger:
            cases: tuple[Any, ...] = ledger_cases(ledger, at=args.at, graph=graph)
    else:
        cases, file_graph = load_cases(args.cases, graph=graph)
        graph = graph or file_graph
    warn_horizon(calendar, local_date(args.at, calendar.zone), args.lang)
    with _maybe_locked(args.history):
        history = load_history(args.history) if args.history else ()
        acks = load_acknowledgements(args.history) if args.history else ()
        result = evaluate(
            policy, cases, at=args.at, history=history, graph=graph, calendar=calendar, acknowledgements=acks
        )
        if args.history:
            # Saved before anything is printed: a failed save never lets the actions fire twice.
            save_history(args.history, (*history, *result.keys), acknowledgements=acks)
    status = EXIT_UNDETERMINED if result.undetermined else EXIT_UNRESOLVED if result.unresolved else EXIT_OK
    if result.undetermined:
        report_missing_years(result.missing_years, args.lang)
    if args.json:
        print_json(result.to_dict())
        return status
    lang = args.lang
    if not result.actions:
        print("当前无到期督办动作" if lang == "zh" else "no actions due")
    for action in result.actions:
        print(action.render(lang))
        print()
    for notice in result.notices:
        print(notice.text.get(lang))
    last = calendar.last
    for case_id, n in sorted(result.overdue_at_least.items()):
        print(
            f"事项 {case_id}：已逾期至少 {n} 个工作日（≥{n}，计至日历最后一天 {last}）"
            if lang == "zh"
            else f"case {case_id}: overdue by at least {n} working days (≥{n}, counted to {last}, the calendar's last day)"
        )
    if result.calendar_version is not None:
        print(result.calendar_version.describe(lang))
    return status
