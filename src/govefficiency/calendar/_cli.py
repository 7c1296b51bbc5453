"""``govefficiency calendar DATE [--to DATE]``: each day's kind and name;
``govefficiency calendar impact --patch FILE STORED``: what a new notice changes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govefficiency._cli_util import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNDETERMINED,
    EXIT_USAGE,
    add_json,
    add_lang,
    date_arg,
    print_json,
)
from govefficiency.calendar._china import china_calendar
from govefficiency.calendar._patch import CalendarPatch
from govefficiency.errors import GovEfficiencyError

_WEEKDAYS_ZH = "一二三四五六日"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "calendar",
        help="show each day's kind (working day, holiday, 调休, 补班) in the PRC calendar",
        description="Print each day's kind and holiday name in the official PRC calendar. "
        "'govefficiency calendar impact --help': which stored deadlines a new notice changes.",
    )
    parser.add_argument("date", help="the first (or only) day, YYYY-MM-DD; or 'impact'")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    _show_options(parser)
    parser.set_defaults(handler=run)


def _show_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", type=date_arg, help="the last day of the range (inclusive)")
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="answer beyond the published arrangement from the statutory rules",
    )
    parser.add_argument("--no-makeup", action="store_true", help="do not work make-up weekends (补班)")
    parser.add_argument(
        "--patch",
        action="append",
        default=[],
        metavar="FILE",
        help="apply a calendar patch file (.toml/.json); may repeat",
    )
    add_lang(parser)
    add_json(parser)


def _show_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govefficiency calendar")
    parser.add_argument("date", type=date_arg, help="the first (or only) day, YYYY-MM-DD")
    _show_options(parser)
    return parser


def _impact_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govefficiency calendar impact",
        description="List every stored deadline whose due date or status changes when a new "
        "calendar patch (e.g. next year's State Council notice) is applied, with the old and new "
        "dates and the days that caused the change. Exit 0: nothing changes; 1: something "
        "changes; 2: bad input; 3: some items cannot be computed with either calendar.",
    )
    parser.add_argument(
        "stored",
        metavar="CASES_OR_LEDGER",
        help="a deadlines file ([[deadlines]]), an escalation cases file ([[cases]]) or a ledger "
        "(.sqlite/.db/.jsonl)",
    )
    parser.add_argument(
        "--patch",
        action="append",
        default=[],
        metavar="FILE",
        required=True,
        help="the new patch (.toml/.json), e.g. next year's arrangement; may repeat",
    )
    parser.add_argument(
        "--base-patch",
        action="append",
        default=[],
        metavar="FILE",
        help="a patch already in force, applied to both calendars; may repeat",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="the old calendar stops at the published data (default: provisional beyond it, "
        "as deadlines into next year were computed)",
    )
    parser.add_argument("--no-makeup", action="store_true", help="do not work make-up weekends (补班)")
    add_lang(parser)
    add_json(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.date == "impact":
        # --json/--lang given before the word 'impact' still count
        given = argparse.Namespace(json=args.json, lang=args.lang)
        return _impact(_impact_parser().parse_args(args.rest, namespace=given))
    args = _show_parser().parse_args([args.date, *args.rest], namespace=args)
    return _show(args)  # library errors: one line and their exit status, from cli.main


def _show(args: argparse.Namespace) -> int:
    cal = china_calendar(
        provisional=args.provisional,
        makeup_workdays=not args.no_makeup,
        patches=[CalendarPatch.load(p) for p in args.patch],
    )
    days = list(cal.days(args.date, args.to or args.date))
    if args.json:
        out: list[dict[str, Any]] = [
            {
                "date": d.date.isoformat(),
                "weekday": d.date.isoweekday(),
                "kind": d.kind.value,
                "working": d.working,
                "name": None if d.name is None else {"zh": d.name.zh, "en": d.name.en},
                "provisional": d.provisional,
            }
            for d in days
        ]
        print_json({"calendar": cal.name, "official_through": cal.official_through, "days": out})
        return 0
    lang = args.lang
    for d in days:
        weekday = f"周{_WEEKDAYS_ZH[d.date.weekday()]}" if lang == "zh" else f"{d.date:%a}"
        parts = [d.date.isoformat(), weekday, d.kind.label.get(lang)]
        if d.name is not None:
            parts.append(d.name.get(lang))
        if d.provisional:
            parts.append("（暂定）" if lang == "zh" else "(provisional)")
        print("  ".join(parts))
    return 0


def _impact(args: argparse.Namespace) -> int:
    from govefficiency.calendar._impact import calendar_impact
    from govefficiency.calendar._impact_io import load_stored

    try:
        base = [CalendarPatch.load(p) for p in args.base_patch]
        new_patches = [CalendarPatch.load(p) for p in args.patch]
        old = china_calendar(provisional=not args.strict, makeup_workdays=not args.no_makeup, patches=base)
        new = china_calendar(
            provisional=not args.strict, makeup_workdays=not args.no_makeup, patches=[*base, *new_patches]
        )
        items = load_stored(args.stored)
        report = calendar_impact(old, new, items)
    except GovEfficiencyError as exc:
        print(f"govefficiency: error: {exc.message(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.render(args.lang))
    if report.changed:
        return EXIT_FINDINGS
    return EXIT_UNDETERMINED if report.errors else EXIT_OK
