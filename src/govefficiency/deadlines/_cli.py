"""``govefficiency deadline …`` and ``govefficiency rules``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs

from govefficiency._cli_coverage import (
    calendar_from_args,
    missing_years_of,
    report_missing_years,
    undetermined_beyond_calendar,
    undetermined_note,
    warn_horizon,
)
from govefficiency._cli_util import (
    EXIT_UNDETERMINED,
    UsageError,
    add_calendar_options,
    date_arg,
    finish_command,
    instant_arg,
    int_arg,
    pad,
    print_json,
    write_atomic,
)
from govefficiency._time import parse_iso_date, parse_iso_instant
from govefficiency.citation import Citation
from govefficiency.deadlines._compute import (
    Deadline,
    Extension,
    Suspension,
    compute_deadline,
    latest_date_before,
)
from govefficiency.deadlines._deadline import AlternativeDue
from govefficiency.deadlines._gantt import deadline_gantt
from govefficiency.deadlines._periods import CalendarDays, Hours, Months, Period, WorkingDays, Years
from govefficiency.deadlines._rules import Direction, RuleRegistry, StatuteRule, rule_presets
from govefficiency.errors import CalendarCoverageError, GovEfficiencyError
from govefficiency.text import Lang, Text, require_lang

if TYPE_CHECKING:
    from govefficiency.calendar import WorkCalendar


@attrs.frozen
class _UnstatedBasis(Citation):
    """The basis of a suspension given on the command line, which names none: not an
    instrument, so rendered without book-title marks (《》) or an article."""

    def render(self, lang: Lang = "zh") -> str:
        return self.law.get(require_lang(lang))


_CLI_BASIS = _UnstatedBasis(Text("未注明依据（命令行输入）", "basis not stated (command line)"))
_CLI_AUTHORITY = Text("命令行未注明的批准机关", "an approver not named on the command line")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "deadline",
        help="compute a legal deadline (working days, days, months, years, hours or a statute rule)",
        description="Compute a legal deadline following 民法典 arts. 200-203 and the working-day "
        "statutes, with suspensions and an extension, and explain each step.",
    )
    parser.add_argument(
        "start",
        help="the start day YYYY-MM-DD (an ISO date-time for --hours); for a 'before' rule, the event day",
    )
    length = parser.add_mutually_exclusive_group(required=True)
    length.add_argument("--working-days", type=int_arg, metavar="N", help="a period of N working days")
    length.add_argument("--days", type=int_arg, metavar="N", help="a period of N calendar days")
    length.add_argument("--months", type=int_arg, metavar="N", help="a period of N months")
    length.add_argument("--years", type=int_arg, metavar="N", help="a period of N years")
    length.add_argument(
        "--hours", type=int_arg, metavar="N", help="a period of N hours from the start instant"
    )
    length.add_argument("--rule", metavar="ID", help="a statute preset (see `govefficiency rules`)")
    parser.add_argument(
        "--before",
        action="store_true",
        help="count backwards: the latest day that leaves the period before START",
    )
    parser.add_argument(
        "--suspend",
        action="append",
        default=[],
        metavar="FROM..TO",
        help="days not counted, inclusive (may repeat)",
    )
    parser.add_argument(
        "--extend", type=int_arg, metavar="N", help="an approved extension of N units of the period"
    )
    parser.add_argument(
        "--approved",
        type=date_arg,
        metavar="DATE",
        help="the day the extension was approved (required with --extend)",
    )
    add_calendar_options(parser)
    parser.add_argument("--explain", action="store_true", help="print each step of the computation")
    parser.add_argument(
        "--rules",
        metavar="FILE",
        help="a local rule file (.toml/.json, the presets' format) whose rules --rule may name, "
        "beside the presets",
    )
    parser.add_argument(
        "--ics",
        metavar="FILE",
        help="also write the due date as an all-day event to an iCalendar file (needs the "
        "icalendar package: pip install 'govefficiency[ics]')",
    )
    parser.add_argument(
        "--at",
        type=instant_arg,
        metavar="INSTANT",
        help="the instant of the answer, ISO 8601 (no offset: Asia/Shanghai); stamps the "
        ".ics file (DTSTAMP). Default: the start of the start day",
    )
    parser.add_argument(
        "--mermaid",
        action="store_true",
        help="print the deadline as a Mermaid Gantt chart (its pauses and extensions) instead of text",
    )
    finish_command(parser, undetermined_beyond_calendar(run))

    rules: argparse.ArgumentParser = sub.add_parser(
        "rules", help="list the statute presets", description="List the shipped statute presets."
    )
    finish_command(rules, run_rules)


def _period(args: argparse.Namespace) -> Period | StatuteRule:
    if args.rules is not None and args.rule is None:
        raise UsageError(
            "--rules FILE only names rules for --rule ID; give --rule too",
            "--rules FILE 只为 --rule ID 提供规则；请同时给出 --rule",
        )
    if args.rule is not None:
        rules = rule_presets()
        if args.rules is not None:
            rules = rules.extended(RuleRegistry.load(args.rules))
        return rules.get(args.rule)
    for flag, cls in (
        ("working_days", WorkingDays),
        ("days", CalendarDays),
        ("months", Months),
        ("years", Years),
        ("hours", Hours),
    ):
        value = getattr(args, flag)
        if value is not None:
            result: Period = cls(value)
            return result
    raise UsageError(
        "give one of --working-days, --days, --months, --years, --hours or --rule",
        "请给出 --working-days、--days、--months、--years、--hours 或 --rule 之一",
    )


def _suspension(text: str) -> Suspension:
    first, sep, last = text.partition("..")
    if not sep:
        raise UsageError(
            f"--suspend expects FROM..TO (e.g. 2026-10-12..2026-10-16), got {text!r}",
            f"--suspend 的格式为 起..止（如 2026-10-12..2026-10-16），而不是 {text!r}",
        )
    return Suspension(
        parse_iso_date(first, "--suspend FROM"), parse_iso_date(last, "--suspend TO"), _CLI_BASIS
    )


def run(args: argparse.Namespace) -> int:
    period = _period(args)
    cal = calendar_from_args(args)
    hours = isinstance(period, Hours) or (
        isinstance(period, StatuteRule) and isinstance(period.period, Hours)
    )
    start: dt.date | dt.datetime
    if hours:
        try:
            start = parse_iso_instant(args.start, "START")
        except GovEfficiencyError as exc:
            raise UsageError(exc.en, exc.zh) from None
    else:
        start = date_or_usage(args.start)
    warn_horizon(cal, start.date() if isinstance(start, dt.datetime) else start, args.lang)
    try:
        deadline, suspensions, extensions = _deadline(args, start, period, cal)
    except CalendarCoverageError as exc:
        if not missing_years_of(exc):
            raise
        return _show_undetermined(args, start, period, cal, exc)
    return _show(args, deadline, suspensions, extensions, cal)


def _show_undetermined(
    args: argparse.Namespace,
    start: dt.date | dt.datetime,
    period: Period | StatuteRule,
    cal: WorkCalendar,
    error: CalendarCoverageError,
) -> int:
    """A deadline whose due date depends on a year the calendar does not cover: what is
    known (a forward limit from a covered start falls after the calendar's last day; the
    rule's alternative reading, if that one can be computed) and what is missing; exit 3.
    No .ics file is written (there is no date to put in it)."""
    years = missing_years_of(error)
    rule = period if isinstance(period, StatuteRule) else None
    unit = rule.period if rule is not None else period
    assert isinstance(unit, Period)
    backward = args.before or (rule is not None and rule.direction is Direction.BEFORE)
    day = start.date() if isinstance(start, dt.datetime) else start
    due_after = None if backward or day > cal.last else cal.last
    alternative = None
    if rule is not None and rule.alternative is not None and rule.composite is None and not backward:
        alt = rule.alternative
        try:
            suspensions = [_suspension(s) for s in args.suspend]
            alt_deadline = compute_deadline(start, alt.period, calendar=cal, suspensions=suspensions)
            alternative = AlternativeDue(alt.period, alt.reason, deadline=alt_deadline)
        except CalendarCoverageError as exc:
            alternative = AlternativeDue(
                alt.period, alt.reason, problem=Text(exc.zh or exc.en, exc.en), undetermined=True
            )
    note = undetermined_note(years, cal.last)
    if args.json or args.mermaid:
        doc = {
            "start": start.isoformat(),
            "period": {"unit": unit.unit.value, "n": unit.n},
            "backward": backward,
            "rule": None if rule is None else rule.id,
            "due_date": None,
            "undetermined": True,
            "due_after": None if due_after is None else due_after.isoformat(),
            "missing_years": years,
            "reason": {"zh": error.zh or error.en, "en": error.en},
            "message": note,
            "alternative": None if alternative is None else alternative.to_dict(),
        }
    if args.mermaid:
        if args.json or args.explain:
            raise UsageError(
                "--mermaid prints a chart; it does not combine with --json or --explain",
                "--mermaid 输出图表，不能与 --json 或 --explain 同时使用",
            )
        print(f"%% {note['zh' if args.lang == 'zh' else 'en']}")  # no chart without a due date
    elif args.json:
        print_json(doc)
    else:
        zh = args.lang == "zh"
        label = "截止日期" if zh else "due"
        if due_after is None:
            what = "无法确定" if zh else "undetermined"
        else:
            what = f"无法确定（晚于 {due_after}）" if zh else f"undetermined (after {due_after})"
        print(f"{label}: {what}")
        print("  " + note["zh" if zh else "en"])
        if alternative is not None:
            _print_alternative(alternative, args.lang)
        if args.explain:
            print(error.message(args.lang))
    report_missing_years(years, args.lang, error=True)
    return EXIT_UNDETERMINED


def _deadline(
    args: argparse.Namespace, start: dt.date | dt.datetime, period: Any, cal: WorkCalendar
) -> tuple[Deadline, list[Suspension], list[Extension]]:
    """The deadline the command line asks for, with the suspensions and extensions it gave."""
    if args.approved is not None and args.extend is None:
        raise UsageError(
            "--approved dates an extension: give --extend N with it",
            "--approved 是延长的批准日期：请同时给出 --extend N",
        )
    backward = args.before or (isinstance(period, StatuteRule) and period.direction is Direction.BEFORE)
    if backward:
        if args.suspend or args.extend is not None:
            raise UsageError(
                "--suspend and --extend do not apply to a backward limit",
                "倒数期限不适用 --suspend 和 --extend",
            )
        deadline = latest_date_before(start, period, calendar=cal)
        suspensions: list[Suspension] = []
        extensions: list[Extension] = []
    else:
        suspensions = [_suspension(s) for s in args.suspend]
        extensions = []
        if args.extend is not None:
            unit = period.period if isinstance(period, StatuteRule) else period
            if not isinstance(unit, WorkingDays | CalendarDays):
                raise UsageError(
                    "--extend counts in the period's unit and applies to working-day and calendar-day "
                    f"periods only, not {unit.unit.value}",
                    f"--extend 按期间的单位计算，只适用于工作日或自然日期间，不适用于“{unit.describe('zh')}”这样的期间",
                )
            length = WorkingDays(args.extend) if isinstance(unit, WorkingDays) else CalendarDays(args.extend)
            if args.approved is None:  # never guessed: the approval date decides whether it was in time
                raise UsageError(
                    "--extend needs --approved DATE, the day the extension was approved (an extension "
                    "approved after the deadline in force had passed is refused)",
                    "--extend 需要同时给出 --approved DATE，即延长的批准日期（期限届满后才批准的延长不予接受）",
                )
            extensions.append(Extension(length, _CLI_AUTHORITY, args.approved))
        deadline = compute_deadline(
            start, period, calendar=cal, suspensions=suspensions, extensions=extensions
        )
    return deadline, suspensions, extensions


def _show(
    args: argparse.Namespace,
    deadline: Deadline,
    suspensions: list[Suspension],
    extensions: list[Extension],
    cal: WorkCalendar,
) -> int:
    """Print (or write) the deadline as asked; the exit status."""
    if args.ics is not None:
        _write_ics(args.ics, deadline, args.at, args.lang, cal.zone)
    if args.mermaid:
        if args.json or args.explain:
            raise UsageError(
                "--mermaid prints a chart; it does not combine with --json or --explain",
                "--mermaid 输出图表，不能与 --json 或 --explain 同时使用",
            )
        print(
            deadline_gantt(
                deadline, suspensions=suspensions, extensions=extensions, calendar=cal, lang=args.lang
            ),
            end="",
        )
        alt = deadline.alternative
        if alt is not None and alt.undetermined:
            # the chart draws the primary reading; say (as a Mermaid comment) what is missing
            problem = alt.problem.get(args.lang) if alt.problem is not None else ""
            print(f"%% {alt.period.describe(args.lang)}: {problem}".rstrip())
            return EXIT_UNDETERMINED
        return 0
    if args.json:
        print_json(deadline.to_dict())
        if deadline.alternative is not None and deadline.alternative.undetermined:
            return EXIT_UNDETERMINED
        return 0
    lang = args.lang
    if deadline.due_date is None:
        print("期限暂不能确定（中止中）" if lang == "zh" else "not yet determined (suspended)")
    else:
        label = "截止日期" if lang == "zh" else "due"
        flag = ("（暂定）" if lang == "zh" else " (provisional)") if deadline.provisional else ""
        print(f"{label}: {deadline.due_date.isoformat()}{flag}")
    _print_alternative(deadline.alternative, lang)
    if args.explain:
        print(deadline.explain(lang))
    if deadline.alternative is not None and deadline.alternative.undetermined:
        return EXIT_UNDETERMINED  # part of the answer (the alternative reading) lacks data
    return 0


def _print_alternative(alt: AlternativeDue | None, lang: str) -> None:
    """The rule's declared alternative reading of its counting unit, beside the primary."""
    if alt is None:
        return
    zh = lang == "zh"
    head = (
        f"另一种读法（{alt.period.describe('zh')}）"
        if zh
        else f"alternative reading ({alt.period.describe('en')})"
    )
    if alt.deadline is None:
        assert alt.problem is not None
        what = ("无法计算：" if zh else "cannot be computed: ") + alt.problem.get("zh" if zh else "en")
    elif alt.deadline.due_date is None:
        what = "暂不能确定（中止中）" if zh else "not yet determined (suspended)"
    else:
        flag = ("（暂定）" if zh else " (provisional)") if alt.deadline.provisional else ""
        what = alt.deadline.due_date.isoformat() + flag
    print(f"{head}: {what}")
    print(("  理由：" if zh else "  reason: ") + alt.reason.get("zh" if zh else "en"))


def _write_ics(path: str, deadline: Deadline, at: dt.datetime | None, lang: str, zone: str) -> None:
    """The deadline's due date as an .ics file, written atomically (a temporary file in
    the same directory, then renamed over ``path``): a reader never sees half a file.

    ``DTSTAMP`` is ``at`` when given, else the start of the start day in the calendar's
    zone (the start instant for an hour period): the library never reads the clock."""
    from govefficiency.ics import deadline_event, to_ics

    if at is None:
        start = deadline.start
        at = (
            start
            if isinstance(start, dt.datetime)
            else dt.datetime.combine(start, dt.time(), tzinfo=ZoneInfo(zone))
        )
    what = deadline.rule.id if deadline.rule is not None else deadline.period.unit.value
    uid = f"deadline-{what}-{deadline.start.isoformat()}"
    data = to_ics([deadline_event(deadline, uid)], stamp=at, lang=lang)  # type: ignore[arg-type]
    write_atomic(path, data)


def date_or_usage(text: str) -> dt.date:
    try:
        return parse_iso_date(text, "START")
    except GovEfficiencyError as exc:
        raise UsageError(exc.en, exc.zh) from None


def run_rules(args: argparse.Namespace) -> int:
    rules = rule_presets()
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": {"zh": r.title.zh, "en": r.title.en},
                    "period": {"unit": r.period.unit.value, "n": r.period.n},
                    "direction": r.direction.value,
                    "citation": {"zh": r.citation.render("zh"), "en": r.citation.render("en")},
                    "extension": None
                    if r.extension is None
                    else {
                        "max": r.extension.max.n,
                        "unit": r.extension.max.unit.value,
                        "times": r.extension.times,
                        "approver": r.extension.approver.en,
                    },
                    "consequence": None if r.consequence is None else r.consequence.code,
                    "alternative": None
                    if r.alternative is None
                    else {
                        "unit": r.alternative.period.unit.value,
                        "n": r.alternative.period.n,
                        "reason": {"zh": r.alternative.reason.zh, "en": r.alternative.reason.en},
                    },
                    "composite": None
                    if r.composite is None
                    else {
                        "combine": r.composite.combine.value,
                        "limbs": [
                            {"event": limb.event, "unit": limb.period.unit.value, "n": limb.period.n}
                            for limb in r.composite.limbs
                        ],
                    },
                }
                for r in rules
            ]
        )
        return 0
    lang = args.lang
    for r in rules:
        where = r.citation.law.get(lang) + (f" {r.citation.article}" if r.citation.article else "")
        length = r.period.describe(lang)
        if r.composite is not None:
            sep = "、" if lang == "zh" else " / "
            length = sep.join(limb.period.describe(lang) for limb in r.composite.limbs)
        elif r.alternative is not None:
            length += (
                ("（或" if lang == "zh" else " (or ")
                + r.alternative.period.describe(lang)
                + ("）" if lang == "zh" else ")")
            )
        print(f"{pad(r.id, 32)} {pad(length, 16, '>')}  {r.title.get(lang)}  [{where}]")
    return 0
