"""``govefficiency calendar DATE [--to DATE]``: each day's kind and name."""

from __future__ import annotations

import argparse
from typing import Any

from govefficiency._cli_util import add_json, add_lang, date_arg, print_json
from govefficiency.calendar._china import china_calendar
from govefficiency.calendar._patch import CalendarPatch

_WEEKDAYS_ZH = "一二三四五六日"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "calendar",
        help="show each day's kind (working day, holiday, 调休, 补班) in the PRC calendar",
        description="Print each day's kind and holiday name in the official PRC calendar.",
    )
    parser.add_argument("date", type=date_arg, help="the first (or only) day, YYYY-MM-DD")
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
