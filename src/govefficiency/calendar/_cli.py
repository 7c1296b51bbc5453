"""``govefficiency calendar DATE [--to DATE]``: each day's kind and name;
``govefficiency calendar --month YYYY-MM``: a month grid like ``cal``, 休 and 班 marked;
``govefficiency calendar impact --patch FILE STORED``: what a new notice changes."""

from __future__ import annotations

import argparse
import calendar as _stdcal
import datetime as dt
import sys
from typing import Any

from govefficiency._cli_coverage import report_missing_years
from govefficiency._cli_util import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNDETERMINED,
    EXIT_USAGE,
    CliParser,
    UsageError,
    add_common_options,
    date_arg,
    pad,
    parse_message,
    print_answer,
    print_json,
    translated_usage_errors,
)
from govefficiency._time import parse_month
from govefficiency.calendar._calendar import WorkCalendar
from govefficiency.calendar._china import china_calendar
from govefficiency.calendar._kinds import DayInfo, DayKind
from govefficiency.calendar._patch import CalendarPatch
from govefficiency.errors import GovEfficiencyError, InvalidInputError
from govefficiency.text import require_lang

_WEEKDAYS_ZH = "一二三四五六日"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "calendar",
        help="show each day's kind (working day, holiday, 调休, 补班) in the PRC calendar",
        description="Print each day's kind and holiday name in the official PRC calendar, or "
        "with --month YYYY-MM a month grid (Monday first) with 休/班 marks and a legend. "
        "'govefficiency calendar impact --help': which stored deadlines a new notice changes.",
    )
    parser.add_argument("date", nargs="?", help="the first (or only) day, YYYY-MM-DD; or 'impact'")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    _show_options(parser)
    parser.set_defaults(handler=run)


def _show_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", type=date_arg, help="the last day of the range (inclusive)")
    parser.add_argument(
        "--month",
        type=_month_arg,
        metavar="YYYY-MM",
        help="print the month as a grid (Monday first), rest days marked 休 and make-up "
        "working days 班, with a legend naming them",
    )
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
    add_common_options(parser)


def _show_parser() -> argparse.ArgumentParser:
    parser = CliParser(prog="govefficiency calendar")
    parser.add_argument("date", type=date_arg, nargs="?", help="the first (or only) day, YYYY-MM-DD")
    _show_options(parser)
    return parser


def _impact_parser() -> argparse.ArgumentParser:
    parser = CliParser(
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
    add_common_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.date == "impact":
        # --json/--lang given before the word 'impact' still count
        given = argparse.Namespace(json=args.json, lang=args.lang)
        with translated_usage_errors(args.lang):  # its help and usage errors in --lang too
            parsed = _impact_parser().parse_args(args.rest, namespace=given)
        return _impact(parsed)
    words = args.rest if args.date is None else [args.date, *args.rest]
    with translated_usage_errors(args.lang):
        args = _show_parser().parse_args(words, namespace=args)
    if args.month is not None:
        if args.date is not None or args.to is not None:
            raise UsageError(
                "give either --month YYYY-MM or DATE [--to DATE], not both",
                "请给出 --month YYYY-MM 或 DATE [--to DATE] 之一，不要同时给出",
            )
        return _month(args)
    if args.date is None:
        raise UsageError(
            "give a DATE (YYYY-MM-DD) or --month YYYY-MM",
            "请给出日期 DATE（YYYY-MM-DD）或 --month YYYY-MM",
        )
    return _show(args)  # library errors: one line and their exit status, from cli.main


def _month_arg(text: str) -> tuple[int, int]:
    """argparse ``type=`` for ``YYYY-MM``."""
    try:
        return parse_month(text, "--month")
    except InvalidInputError:
        raise argparse.ArgumentTypeError(
            parse_message(
                f"expected a month YYYY-MM (e.g. 2026-10), got {text!r}",
                f"应为 YYYY-MM 格式的月份（如 2026-10），而不是 {text!r}",
            )
        ) from None


#: The marks of the month grid, per language: (rest day, make-up working day).
_MARKS = {"zh": ("休", "班"), "en": ("R", "W")}
_WEEKDAY_HEADS = {"zh": tuple(_WEEKDAYS_ZH), "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}
_REST_KINDS = frozenset({DayKind.PUBLIC_HOLIDAY, DayKind.IN_LIEU_REST, DayKind.LOCAL_CLOSURE})
_EXTRA_WORK_KINDS = frozenset({DayKind.MAKEUP_WORKDAY, DayKind.LOCAL_WORKDAY})


def _mark(day: DayInfo) -> str | None:
    """``rest`` for a day off that is not an ordinary weekend (a holiday, an in-lieu rest
    day, a local closure); ``makeup`` for a weekend worked (补班, a local working day);
    ``None`` for an ordinary working day or weekend."""
    if not day.working and day.kind in _REST_KINDS:
        return "rest"
    if day.working and day.kind in _EXTRA_WORK_KINDS:
        return "makeup"
    return None


def month_grid(cal: WorkCalendar, year: int, month: int) -> dict[str, Any]:
    """The month as data: weeks (Monday first; ``None`` outside the month), each day's
    kind and mark, and the legend (runs of consecutive marked days with the same name)."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, _stdcal.monthrange(year, month)[1])
    days = list(cal.days(first, last))
    cells: list[str | None] = [None] * first.weekday() + [d.date.isoformat() for d in days]
    cells += [None] * (-len(cells) % 7)
    legend: list[dict[str, Any]] = []
    for d in days:
        mark = _mark(d)
        if mark is None:
            continue
        name = None if d.name is None else {"zh": d.name.zh, "en": d.name.en}
        prev = legend[-1] if legend else None
        if (
            prev is not None
            and prev["mark"] == mark
            and prev["name"] == name
            and dt.date.fromisoformat(prev["to"]) + dt.timedelta(days=1) == d.date
        ):
            prev["to"] = d.date.isoformat()
        else:
            legend.append({"from": d.date.isoformat(), "to": d.date.isoformat(), "mark": mark, "name": name})
    return {
        "month": f"{year:04d}-{month:02d}",
        "calendar": cal.name,
        "official_through": cal.official_through.isoformat(),
        "weeks": [cells[i : i + 7] for i in range(0, len(cells), 7)],
        "days": [
            {
                "date": d.date.isoformat(),
                "weekday": d.date.isoweekday(),
                "kind": d.kind.value,
                "working": d.working,
                "mark": _mark(d),
                "name": None if d.name is None else {"zh": d.name.zh, "en": d.name.en},
                "provisional": d.provisional,
            }
            for d in days
        ],
        "legend": legend,
    }


def render_month(grid: dict[str, Any], lang: str) -> str:
    """The month grid as text, like ``cal``: Monday first, each day followed by its mark
    (休/班 in Chinese, R/W in English), then the legend."""
    rest, makeup = _MARKS[lang]
    year, month = (int(x) for x in grid["month"].split("-"))
    title = f"{year}年{month}月" if lang == "zh" else f"{_stdcal.month_name[month]} {year}"
    marks = {d["date"]: d["mark"] for d in grid["days"]}
    cell = 4  # two columns for the day, two for the mark
    width = cell * 7 + 6
    lines = [pad(title, width, "^").rstrip()]
    lines.append(" ".join(pad(pad(h, 2, ">"), cell) for h in _WEEKDAY_HEADS[lang]).rstrip())
    for week in grid["weeks"]:
        row = []
        for iso in week:
            if iso is None:
                row.append(" " * cell)
                continue
            mark = {"rest": rest, "makeup": makeup, None: ""}[marks[iso]]
            row.append(pad(f"{int(iso[8:]):>2}{mark}", cell))
        lines.append(" ".join(row).rstrip())
    lines.append("")
    if lang == "zh":
        lines.append(f"{rest} 休息（节假日、调休）  {makeup} 补班（调休上班）")
    else:
        lines.append(f"{rest} rest day (holiday or in-lieu rest)  {makeup} make-up working day")
    if not grid["legend"]:
        lines.append(
            "本月没有节假日、调休休息日或补班日"
            if lang == "zh"
            else "no holidays, in-lieu rest days or make-up working days this month"
        )
    for entry in grid["legend"]:
        when = entry["from"][5:] + ("" if entry["to"] == entry["from"] else ".." + entry["to"][5:])
        mark = rest if entry["mark"] == "rest" else makeup
        name = "" if entry["name"] is None else entry["name"][lang]
        lines.append(f"{pad(when, 12)} {mark} {name}".rstrip())
    provisional = [d["date"] for d in grid["days"] if d["provisional"]]
    if provisional:
        if lang == "zh":
            lines.append(
                f"（暂定）{provisional[0]} 起尚无公布的放假安排，按法定规则推算（已公布至 {grid['official_through']}）"
            )
        else:
            lines.append(
                f"(provisional) from {provisional[0]} no holiday arrangement is published; "
                f"computed from the statutory rules (published through {grid['official_through']})"
            )
    return "\n".join(lines)


def _month(args: argparse.Namespace) -> int:
    cal = china_calendar(
        provisional=args.provisional,
        makeup_workdays=not args.no_makeup,
        patches=[CalendarPatch.load(p) for p in args.patch],
    )
    grid = month_grid(cal, *args.month)
    if args.json:
        print_json(grid)
    else:
        print(render_month(grid, args.lang))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    cal = china_calendar(
        provisional=args.provisional,
        makeup_workdays=not args.no_makeup,
        patches=[CalendarPatch.load(p) for p in args.patch],
    )
    first, last = args.date, args.to or args.date
    if last < first:
        list(cal.days(first, last))  # the calendar's own error for a reversed range
    # The days the calendar covers are answered; the others are undetermined (exit 3):
    # a day after the published data (its year's holiday notice is not out) or before it.
    lo, hi = max(first, cal.first), min(last, cal.last)
    days: list[DayInfo | dt.date] = list(cal.days(lo, hi)) if lo <= hi else []
    before = [
        first + dt.timedelta(days=i)
        for i in range(max(0, min(last, cal.first - _DAY).toordinal() - first.toordinal() + 1))
    ]
    after_start = max(first, cal.last + _DAY)
    after = [
        after_start + dt.timedelta(days=i)
        for i in range(max(0, last.toordinal() - after_start.toordinal() + 1))
    ]
    days = [*before, *days, *after]
    missing = sorted({d.year for d in after})
    if args.json:
        print_json(
            {
                "calendar": cal.name,
                "official_through": cal.official_through,
                "days": [_day_json(d) for d in days],
                "undetermined": bool(before or after),
                "missing_years": missing,
            }
        )
    else:
        for d in days:
            print(_day_line(d, args.lang, cal))
    if before:
        print(
            f"govefficiency: error: 部分结果无法确定：工作日历的数据始于 {cal.first}，更早的日期无从判断"
            if args.lang == "zh"
            else f"govefficiency: error: part of the answer is undetermined: the working-day calendar's "
            f"data starts {cal.first}; an earlier day cannot be told",
            file=sys.stderr,
        )
    if before or after:
        report_missing_years(missing, args.lang, error=True)
        return EXIT_UNDETERMINED
    return EXIT_OK


_DAY = dt.timedelta(days=1)


def _day_json(day: DayInfo | dt.date) -> dict[str, Any]:
    """A day of ``calendar --json``; a day the calendar does not cover has no kind
    (``"kind": null, "working": null``) and ``"undetermined": true``."""
    if isinstance(day, dt.date):
        return {
            "date": day.isoformat(),
            "weekday": day.isoweekday(),
            "kind": None,
            "working": None,
            "name": None,
            "provisional": False,
            "undetermined": True,
        }
    return {
        "date": day.date.isoformat(),
        "weekday": day.date.isoweekday(),
        "kind": day.kind.value,
        "working": day.working,
        "name": None if day.name is None else {"zh": day.name.zh, "en": day.name.en},
        "provisional": day.provisional,
        "undetermined": False,
    }


def _day_line(day: DayInfo | dt.date, lang: str, cal: WorkCalendar) -> str:
    """A day of ``calendar`` as text; a day the calendar does not cover is "undetermined"
    with the reason."""
    date = day if isinstance(day, dt.date) else day.date
    weekday = f"周{_WEEKDAYS_ZH[date.weekday()]}" if lang == "zh" else f"{date:%a}"
    parts = [date.isoformat(), weekday]
    if isinstance(day, dt.date):
        if date > cal.last:
            parts.append(
                f"无法确定（{date.year} 年放假安排尚未公布）"
                if lang == "zh"
                else f"undetermined (the {date.year} holiday arrangement is not published)"
            )
        else:
            parts.append(
                f"无法确定（早于日历数据起始日 {cal.first}）"
                if lang == "zh"
                else f"undetermined (before the calendar's data starts, {cal.first})"
            )
        return "  ".join(parts)
    parts.append(day.kind.label.get(require_lang(lang)))
    if day.name is not None:
        parts.append(day.name.get(require_lang(lang)))
    if day.provisional:
        parts.append("（暂定）" if lang == "zh" else "(provisional)")
    return "  ".join(parts)


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
    print_answer(args, report)
    if report.changed:
        return EXIT_FINDINGS
    return EXIT_UNDETERMINED if report.errors else EXIT_OK
