"""A licence application through the 2026 National Day holiday, step by step.

The case (行政许可, 2026): a district market regulation bureau (区市场监督管理局)
receives a food business licence application (食品经营许可申请) on Mon 2026-09-28 and
accepts it the same day.

1. 行政许可法 art. 42: decide within 20 working days of acceptance. Counting over the
   Mid-Autumn/National Day holiday (1-7 Oct off, Sat 10 Oct worked) gives Fri 2026-10-30.
2. 行政许可法 art. 45: the expert review (专家评审) from Mon 12 to Fri 16 October is not
   counted: five working days more, Fri 2026-11-06.
3. 行政许可法 art. 42: on Tue 3 November the head of the bureau approves an extension of
   10 working days (the most the law allows, once): Fri 2026-11-20.

The script prints the explanation in Chinese and English, follows the same case with a
live clock (what a supervision dashboard would show on a few days), checks the
consequence of expiry of the completeness notice (行政许可法 art. 32: deemed accepted),
and shows the applicant's hearing request (art. 47) in both readings of its "五日":
calendar days (primary, safe for the applicant) and working days (the alternative).

Run it from anywhere: ``.venv/bin/python examples/licensing_deadline.py``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

from govefficiency import Text, china_calendar
from govefficiency.deadlines import (
    ClockState,
    DeadlineClock,
    Extension,
    Suspension,
    WorkingDays,
    compute_deadline,
    get_rule,
)
from govefficiency.testing import EXPERT_REVIEW

SHANGHAI = ZoneInfo("Asia/Shanghai")
ACCEPTED = dt.date(2026, 9, 28)  # Monday

BUREAU = Text("区市场监督管理局", "the district market regulation bureau")
HEAD = Text("区市场监督管理局局长", "the director of the district market regulation bureau")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware instant in Beijing time (the library never guesses a time zone)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def heading(title: str) -> None:
    """Print ``title`` underlined (Chinese characters take two columns)."""
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in title)
    print(f"\n{title}\n{'=' * width}")


def one_shot() -> None:
    """The deadline computed three times, as the facts of the case become known."""
    rule = get_rule("licensing.decision")
    review = Suspension(dt.date(2026, 10, 12), dt.date(2026, 10, 16), EXPERT_REVIEW, ordered_by=BUREAU)
    extension = Extension(WorkingDays(10), HEAD, dt.date(2026, 11, 3))

    heading("1. 受理 · acceptance (行政许可法 art. 42)")
    plain = compute_deadline(ACCEPTED, rule)
    assert plain.due_date is not None
    print(f"accepted {ACCEPTED} (Mon) -> decide by {plain.due_date} ({plain.due_date:%a})")

    heading("2. 专家评审 · expert review, not counted (art. 45)")
    paused = compute_deadline(ACCEPTED, rule, suspensions=[review])
    assert paused.due_date is not None
    print(f"review {review.start}..{review.end} -> decide by {paused.due_date} ({paused.due_date:%a})")

    heading("3. 延长 · extension approved by the agency head (art. 42)")
    final = compute_deadline(ACCEPTED, rule, suspensions=[review], extensions=[extension])
    assert final.due_date is not None
    assert final.due_at is not None
    print(
        f"+{extension.length} on {extension.approved_on} -> decide by {final.due_date} ({final.due_date:%a})"
    )
    print(f"the period ends at {final.due_at.isoformat()}")

    print("\n说明（中文）：")
    print(final.explain("zh"))
    print("\nExplanation (English):")
    print(final.explain("en"))


def live_clock() -> None:
    """The same case as a live clock, asked about on a few days."""
    heading("4. 实时计时 · live clock")
    clock = (
        DeadlineClock.start("XK-2026-0917", at=at(ACCEPTED, 9, 30), period=get_rule("licensing.decision"))
        .suspend(at=at(dt.date(2026, 10, 12), 9), basis=EXPERT_REVIEW, ordered_by=BUREAU)
        .resume(at=at(dt.date(2026, 10, 16), 17))
        .extend(at=at(dt.date(2026, 11, 3), 15), length=WorkingDays(10), authority=HEAD)
    )
    instants = [
        at(dt.date(2026, 10, 9), 10),  # after the holiday
        at(dt.date(2026, 10, 14), 10),  # during the expert review
        at(dt.date(2026, 10, 30), 10),  # the original due date
        at(dt.date(2026, 11, 6), 10),  # after the extension
        at(dt.date(2026, 11, 24), 10),  # had the bureau not decided
    ]
    for instant in instants:
        s = clock.status(at=instant)
        when = f"{instant:%Y-%m-%d %H:%M}"
        if s.state is ClockState.SUSPENDED:
            # The due date waits for the end of the review; the days used stop at its start.
            print(
                f"{when}  {s.state.label.zh}/{s.state.label.en}: due date not determined until it resumes, "
                f"{s.used}/{s.total} working days used before the review"
            )
            continue
        line = (
            f"{when}  {s.state.label.zh}/{s.state.label.en}: due {s.due_date}, "
            f"{s.used}/{s.total} working days used, {s.remaining} left"
        )
        if s.overdue_by:
            line += f", overdue by {s.overdue_by}"
        print(line)

    done = clock.complete(at=at(dt.date(2026, 11, 19), 16))
    s = done.status(at=at(dt.date(2026, 11, 24), 10))
    print(f"decided 2026-11-19 16:00 -> {s.state.label.zh}/{s.state.label.en} (due {s.due_date})")


def completeness_notice() -> None:
    """行政许可法 art. 32: tell the applicant within 5 days what is missing, or the
    application counts as accepted on the day the materials were received."""
    heading("5. 逾期后果 · consequence of expiry (art. 32)")
    notice = compute_deadline(ACCEPTED, get_rule("licensing.completeness_notice"))
    assert notice.due_date is not None
    print(
        f"materials received {ACCEPTED} -> notice of missing materials due {notice.due_date} "
        f"({notice.due_date:%a}: a make-up working day, 补班)"
    )
    for instant in (at(dt.date(2026, 10, 10), 16), at(dt.date(2026, 10, 12), 9)):
        consequence = notice.consequence_at(at=instant)
        if consequence is None:
            print(f"{instant:%Y-%m-%d %H:%M}  still in time: no consequence yet")
        else:
            print(f"{instant:%Y-%m-%d %H:%M}  {consequence.code}")
            print(f"    {consequence.text.zh}（{consequence.citation.render('zh')}）")
            print(f"    {consequence.text.en} ({consequence.citation.render('en')})")


def hearing_request() -> None:
    """行政许可法 art. 47: "申请人、利害关系人在被告知听证权利之日起五日内提出听证申请". The
    applicant's 5 days are not the agency's (art. 82), so calendar days are the primary
    reading; the working-day reading is shown beside it."""
    heading("6. 申请听证 · the applicant's hearing request (art. 47): two readings")
    told = compute_deadline(ACCEPTED, get_rule("licensing.hearing_request"))
    alt = told.alternative
    assert told.due_date == dt.date(2026, 10, 8)  # Sat 10-03 is a holiday: rolls to Thu
    assert alt is not None
    assert alt.due_date == dt.date(2026, 10, 10)  # the make-up Saturday is the 5th working day
    print(f"told of the right {ACCEPTED} -> request by {told.due_date} ({told.due_date:%a}), 5 calendar days")
    print(f"  alternative: {alt.period.describe('en')} -> {alt.due_date} ({alt.due_date:%a})")
    print(f"  reason / 理由: {alt.reason.en} / {alt.reason.zh}")


def main() -> None:
    cal = china_calendar()
    print(f"China working-day calendar, official through {cal.official_through}")
    for day in (dt.date(2026, 10, 1), dt.date(2026, 10, 7), dt.date(2026, 10, 10)):
        print(
            f"  {day} ({day:%a}): {cal.day_kind(day).name}, {cal.day_name(day, 'zh')} / {cal.day_name(day, 'en')}"
        )
    one_shot()
    live_clock()
    completeness_notice()
    hearing_request()


if __name__ == "__main__":
    main()
