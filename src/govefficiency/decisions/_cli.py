"""``govefficiency decision check|plan FILE``: lint a decision record, or plan what remains
(``plan --ics FILE`` also writes the plan to a calendar file, ``plan --mermaid`` draws it)."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from govefficiency._cli_coverage import (
    calendar_from_args,
    missing_years_of,
    report_missing_years,
    undetermined_beyond_calendar,
    undetermined_note,
)
from govefficiency._cli_util import (
    EXIT_UNDETERMINED,
    UsageError,
    add_command_group,
    add_common_options,
    date_arg,
    instant_arg,
    load_kind,
    print_json,
    report_findings,
    write_atomic,
)
from govefficiency.calendar import CalendarPatch, WorkCalendar, china_calendar
from govefficiency.decisions._planner import plan_decision
from govefficiency.decisions._presets import PROCEDURE_PRESETS, get_procedure
from govefficiency.decisions._record import DecisionRecord
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._validate import validate_decision
from govefficiency.errors import CalendarCoverageError
from govefficiency.text import Text


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the decision record (.toml or .json)")
    parser.add_argument(
        "--procedure",
        default="national",
        metavar="ID",
        help=f"a preset ({', '.join(PROCEDURE_PRESETS)}; default national) or a spec file (.toml/.json)",
    )
    add_common_options(parser, calendar=True)  # --patch FILE, --provisional, --lang, --json


def register(sub: Any) -> None:
    commands = add_command_group(
        sub,
        "decision",
        help="check a major-decision record (重大行政决策) against its procedure, or plan what remains",
        description="Check a major administrative decision's record against the statutory procedure "
        "(State Council decree 713 and presets), or list what is still required and when.",
        dest="decision_command",
    )
    check = commands.add_parser(
        "check",
        help="report procedural defects; exit 1 if any is an error",
        description="Report the procedural defects of a decision record, like a linter. "
        "Exit status: 0 no error findings, 1 error findings, 2 bad input.",
    )
    _common(check)
    check.set_defaults(handler=undetermined_beyond_calendar(run_check))
    plan = commands.add_parser(
        "plan",
        help="list the steps still required and the earliest lawful date of each",
        description="List what a decision in progress still requires and the earliest lawful date of each step.",
    )
    _common(plan)
    plan.add_argument(
        "--on", type=date_arg, metavar="DATE", help="plan no step before this date (YYYY-MM-DD)"
    )
    plan.add_argument(
        "--ics",
        metavar="FILE",
        help="also write each remaining step, on its latest (else earliest) lawful date, as an "
        "all-day event to an iCalendar file (needs the icalendar package: pip install "
        "'govefficiency[ics]')",
    )
    plan.add_argument(
        "--at",
        type=instant_arg,
        metavar="INSTANT",
        help="when the .ics file is made, ISO 8601 (no offset: Asia/Shanghai): its DTSTAMP. "
        "Default: the start of the --on day",
    )
    plan.add_argument(
        "--mermaid",
        action="store_true",
        help="print the plan as a Mermaid Gantt chart (each step from its earliest to its latest "
        "lawful date) instead of text",
    )
    plan.set_defaults(handler=undetermined_beyond_calendar(run_plan))


def _procedure(name: str) -> ProcedureSpec:
    if name.lower().endswith((".toml", ".json")):
        return ProcedureSpec.load(name)
    return get_procedure(name)


def run_check(args: argparse.Namespace) -> int:
    record = load_kind("decision-record", args.file, DecisionRecord.load)
    findings = validate_decision(record, _procedure(args.procedure), calendar=calendar_from_args(args))
    return report_findings(findings, lang=args.lang, as_json=args.json)


def run_plan(args: argparse.Namespace) -> int:
    record = load_kind("decision-record", args.file, DecisionRecord.load)
    if args.mermaid and args.json:
        raise UsageError(
            "--mermaid prints a chart; it does not combine with --json",
            "--mermaid 输出图表，不能与 --json 同时使用",
        )
    calendar = calendar_from_args(args)
    stamp = args.at
    if args.ics is not None and stamp is None:
        if args.on is None:
            raise UsageError(
                "--ics needs the instant the file is made (its DTSTAMP): give --at INSTANT or --on DATE",
                "--ics 需要文件的生成时刻（DTSTAMP）：请给出 --at INSTANT 或 --on DATE",
            )
        stamp = dt.datetime.combine(args.on, dt.time(), tzinfo=ZoneInfo(calendar.zone))
    try:
        plan = plan_decision(record, _procedure(args.procedure), on=args.on, calendar=calendar)
    except CalendarCoverageError as exc:
        if not missing_years_of(exc) or args.provisional:
            raise
        return _show_partial_plan(args, record, calendar, exc)
    # With --provisional, a date after the published holiday data rests on the statutory
    # rules only: the calendar file and the chart say so (the text shows the dates as planned).
    beyond = calendar.official_through if args.provisional else None
    if beyond is not None and not any((i.latest or i.earliest or beyond) > beyond for i in plan.items):
        beyond = None  # every date rests on published data
    if args.ics is not None:
        _write_plan_ics(args.ics, plan, stamp, args.lang, beyond)
    if args.mermaid:
        from govefficiency.deadlines import plan_gantt

        print(plan_gantt(plan, lang=args.lang), end="")
        if plan.exemption is not None:  # the chart is empty: say why, as a Mermaid comment
            print(f"%% {plan.exemption.message.get(args.lang)}")
        if beyond is not None:
            print(f"%% {_provisional_note(beyond, args.lang)}")
    elif args.json:
        doc = plan.to_dict()
        if beyond is not None:  # the dates after it rest on the statutory rules only
            doc["provisional_after"] = beyond.isoformat()
        print_json(doc)
    else:
        print(plan.render(args.lang))
        if beyond is not None:
            print(_provisional_note(beyond, args.lang))
    return 0


def _show_partial_plan(
    args: argparse.Namespace, record: DecisionRecord, calendar: WorkCalendar, error: CalendarCoverageError
) -> int:
    """A plan some of whose dates depend on a year the calendar does not cover: the items
    whose dates the published data decides, and the others marked undetermined; exit 3.

    An item's dates count as decided when they are the same under three arrangements of
    the missing years: the statutory rules (the ``--provisional`` calendar), every day
    worked, and the opposite of the weekly pattern (weekdays rest, weekends worked). A date
    reached by counting calendar days, or working days within the published data, does not
    move; one that counts a working day of the missing years, forward or back, moves under
    at least one of them (its last day cannot be a working day under both the weekly
    pattern and its opposite; a backward count cannot find the same number of working days
    under all three). No .ics file or chart is written."""
    years = missing_years_of(error)
    if args.mermaid or args.ics is not None:
        raise error
    procedure = _procedure(args.procedure)
    patches = [CalendarPatch.load(p) for p in args.patch]
    try:
        statutory, *others = (
            plan_decision(record, procedure, on=args.on, calendar=cal)
            for cal in (
                china_calendar(provisional=True, patches=patches),
                _hypothetical_calendar(calendar, patches, weekdays_rest=True),
                _hypothetical_calendar(calendar, patches, weekdays_rest=False),
            )
        )
    except CalendarCoverageError:
        raise error from None
    if any(len(other.items) != len(statutory.items) for other in others):
        raise error
    note = undetermined_note(years, calendar.last)
    missing = "、".join(map(str, years))
    unknown = Text(
        f"无法确定：取决于尚未公布的 {missing} 年放假安排",
        f"undetermined: depends on the {', '.join(map(str, years))} holiday arrangement, not yet published",
    )
    items = []
    undetermined = []
    for index, mine in enumerate(statutory.items):
        known = all(
            (mine.earliest, mine.latest) == (other.items[index].earliest, other.items[index].latest)
            for other in others
        )
        undetermined.append(not known)
        items.append(mine if known else attrs.evolve(mine, earliest=None, latest=None, basis=unknown))
    plan = attrs.evolve(statutory, items=tuple(items))
    if args.json:
        doc = plan.to_dict()
        for item, flag in zip(doc["items"], undetermined, strict=True):
            item["undetermined"] = flag
        doc["undetermined"] = True
        doc["missing_years"] = years
        doc["message"] = note
        print_json(doc)
    else:
        print(plan.render(args.lang))
        print(note["zh" if args.lang == "zh" else "en"])
    report_missing_years(years, args.lang, error=True)
    return EXIT_UNDETERMINED


def _hypothetical_calendar(
    calendar: WorkCalendar, patches: list[CalendarPatch], *, weekdays_rest: bool
) -> WorkCalendar:
    """The calendar with each year after its published data replaced by a hypothetical
    arrangement, as far as the provisional calendar reaches: every day a working day
    (``weekdays_rest=False``), or the opposite of the weekly pattern (every weekday a rest
    day, every weekend day a working day). A date that comes out the same under both and
    under the statutory rules does not depend on those years' arrangements."""
    from govefficiency.calendar import DayKind, SpecialDay

    provisional = china_calendar(provisional=True, patches=patches)
    hypothetical = []
    rest = Text("假设的休息日", "hypothetical rest day")
    for year in range(calendar.last.year + 1, provisional.last.year + 1):
        day, days = dt.date(year, 1, 1), []
        while day.year == year:
            if day.weekday() >= 5:
                days.append(SpecialDay(day, DayKind.MAKEUP_WORKDAY))
            elif weekdays_rest:
                days.append(SpecialDay(day, DayKind.PUBLIC_HOLIDAY, rest))
            day += dt.timedelta(days=1)
        hypothetical.append(CalendarPatch(year, "hypothetical (decision plan)", days, complete=True))
    return china_calendar(patches=[*patches, *hypothetical])


def _provisional_note(beyond: dt.date, lang: str) -> str:
    """What a plan with dates past the published holiday data says about them."""
    if lang == "zh":
        return f"{beyond} 之后的日期按法定规则暂定推算（放假安排尚未公布）"
    return f"dates after {beyond} are provisional (statutory rules; holidays not yet published)"


def _write_plan_ics(
    path: str, plan: Any, stamp: dt.datetime, lang: str, provisional_after: dt.date | None
) -> None:
    """The plan's dated steps as an .ics file, written atomically. The events' UIDs start
    with ``decision-`` and a digest of the matter's title, so that a file written again
    after a step is taken updates the calendar's events instead of duplicating them.
    Events after ``provisional_after`` are marked provisional in their summary."""
    import attrs

    from govefficiency.ics import plan_events, to_ics

    digest = hashlib.sha256(plan.title.encode("utf-8")).hexdigest()[:12]
    events = [
        attrs.evolve(e, provisional=True)
        if provisional_after is not None and e.day > provisional_after
        else e
        for e in plan_events(plan, f"decision-{digest}")
    ]
    data = to_ics(events, stamp=stamp, lang=lang, name=plan.title)  # type: ignore[arg-type]
    write_atomic(path, data)
