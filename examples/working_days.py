"""Working days around the 2026 National Day (国庆节), step by step.

Run with ``python examples/working_days.py``. The script shows:

1. each day's kind from 20 September to 12 October 2026 (补班, 法定节假日, 调休);
2. a forward time limit: a licensing decision 20 working days after acceptance
   (行政许可法 art. 42), the acceptance day itself not counted (民法典 art. 201);
3. a backward limit: the hearing notice due 7 working days before the hearing;
4. what happens in 2027, whose arrangement is not yet published: a coverage error,
   then provisional answers;
5. patches: a local typhoon closure and a (hypothetical) complete 2027 arrangement.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govefficiency import CalendarCoverageError, CalendarPatch, china_calendar

PATCHES = Path(__file__).resolve().parent / "patches"
WEEKDAYS = "一二三四五六日"


def heading(text: str) -> None:
    print()
    print(text)
    print("-" * len(text))


def weekday(day: dt.date) -> str:
    return f"{day:%a} 周{WEEKDAYS[day.weekday()]}"


def main() -> None:
    cal = china_calendar()
    print(f"Calendar: {cal!r}")
    print(f"Published arrangements through {cal.official_through} (derived from the holidays data)")

    heading("1. National Day 2026, day by day / 2026 年国庆节前后")
    for info in cal.days(dt.date(2026, 9, 20), dt.date(2026, 10, 12)):
        mark = "work" if info.working else "rest"
        name = f"  {info.name.zh} / {info.name.en}" if info.name else ""
        print(
            f"{info.date}  {weekday(info.date)}  {mark}  {info.kind.label.en:<20} {info.kind.label.zh}{name}"
        )

    heading("2. Licensing decision: 20 working days after acceptance / 行政许可 20 个工作日")
    accepted = dt.date(2026, 9, 28)
    due = cal.add_working_days(accepted, 20)
    print(f"accepted (受理) {accepted} {weekday(accepted)}; the acceptance day is not counted")
    print(f"decision due (决定期限) {due} {weekday(due)}")
    print(f"check: working days in ({accepted}, {due}] = {cal.working_days_between(accepted, due)}")
    counted = list(cal.working_days(accepted + dt.timedelta(days=1), due))
    print(f"the first five counted days: {', '.join(str(d) for d in counted[:5])}")
    print("  (Sat 10 October is a make-up working day, 补班, so it counts)")
    no_makeup = china_calendar(makeup_workdays=False)
    print(f"an office that does not work 补班 weekends would say {no_makeup.add_working_days(accepted, 20)}")

    heading("3. Backward limit: notice 7 working days before a hearing / 听证前 7 个工作日通知")
    hearing = dt.date(2026, 10, 12)
    latest = cal.add_working_days(hearing, -7)
    print(f"hearing (听证) {hearing} {weekday(hearing)} -> notify by {latest} {weekday(latest)}")
    print("  (counting back: 10/10 补班, 10/9, 10/8, [golden week], 9/30, 9/29, 9/28, [中秋 9/25], 9/24)")

    heading("4. 2027 is not published yet / 2027 年放假安排尚未发布")
    try:
        cal.add_working_days(dt.date(2026, 12, 20), 20)
    except CalendarCoverageError as exc:
        print(f"CalendarCoverageError: {exc}")
    provisional = china_calendar(provisional=True)
    due = provisional.add_working_days(dt.date(2026, 12, 20), 20)
    print(f"provisional answer: {due}, provisional={provisional.is_provisional(due)}")
    info = provisional.day(dt.date(2027, 10, 1))
    print(f"2027-10-01 in provisional mode: {info.kind.label.en}, provisional={info.provisional}")

    heading("5. Patches / 补丁")
    typhoon = CalendarPatch.load(PATCHES / "typhoon-closure-2026.json")
    local = cal.with_patch(typhoon)
    start = dt.date(2026, 9, 14)
    print(f"typhoon closure: {local.day(dt.date(2026, 9, 15)).kind.label.en} on 2026-09-15")
    print(
        f"5 working days after {start}: {cal.add_working_days(start, 5)} normally, "
        f"{local.add_working_days(start, 5)} with the closure"
    )
    year_2027 = CalendarPatch.load(PATCHES / "cn-2027-hypothetical.toml")
    patched = china_calendar(patches=[year_2027])
    print(f"with the (hypothetical) 2027 patch: official through {patched.official_through}")
    due = patched.add_working_days(dt.date(2026, 12, 20), 20)
    print(f"20 working days after 2026-12-20: {due}, provisional={patched.is_provisional(due)}")
    print(f"sources: {'; '.join(patched.sources)}")


if __name__ == "__main__":
    main()
