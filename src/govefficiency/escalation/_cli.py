"""``govefficiency escalate POLICY CASES --at DATETIME [--history FILE] [--json]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govefficiency._cli_util import add_json, add_lang, instant_arg, print_json
from govefficiency.escalation._engine import evaluate, load_history, save_history
from govefficiency.escalation._files import load_cases
from govefficiency.escalation._policy import Policy, get_policy, preset_policies


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "escalate",
        help="list the escalation actions due now (yellow/red lights, reminder letters, notices)",
        description="Evaluate an escalation policy over a cases file at an instant. Each action "
        "fires once: with --history FILE, actions already taken are skipped and the new ones "
        "are appended to the file.",
    )
    parser.add_argument("policy", help=f"a shipped policy ({', '.join(preset_policies())}) or a policy file")
    parser.add_argument("cases", help="the cases file (.toml/.json; format in docs/escalation.md)")
    parser.add_argument(
        "--at",
        type=instant_arg,
        required=True,
        help="the instant of evaluation, ISO 8601 (no offset: Asia/Shanghai)",
    )
    parser.add_argument(
        "--history", metavar="FILE", help="JSON file of actions already taken; new actions are appended to it"
    )
    add_lang(parser)
    add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    policy = (
        Policy.load(args.policy)
        if Path(args.policy).suffix.lower() in (".toml", ".json")
        else get_policy(args.policy)
    )
    cases, graph = load_cases(args.cases)
    history = load_history(args.history) if args.history else ()
    result = evaluate(policy, cases, args.at, history, graph=graph)
    if args.history:
        save_history(args.history, (*history, *result.keys))
    if args.json:
        print_json(result.to_dict())
        return 0
    lang = args.lang
    if not result.actions:
        print("当前无到期督办动作" if lang == "zh" else "no actions due")
    for action in result.actions:
        print(action.render(lang))
        print()
    for notice in result.notices:
        print(notice.text.get(lang))
    if result.calendar_version is not None:
        print(result.calendar_version.describe(lang))
    return 0
