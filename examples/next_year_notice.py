"""The day next year's holiday notice appears: which stored deadlines move, and why.

Uses the HYPOTHETICAL 2027 example patch in examples/patches/ (not the official
arrangement): replace it with the real notice's patch the day it is published (see
docs/calendar.md, "Writing next year's patch").

Run from the repository root: ``python examples/next_year_notice.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govefficiency import compute_deadline, get_rule
from govefficiency.calendar import CalendarPatch, DeadlineBatch, DueDate, calendar_impact, china_calendar

HERE = Path(__file__).resolve().parent

# What the agency used in December 2026: the published data, provisional beyond it.
old = china_calendar(provisional=True)
# The notice is out: the same calendar with the 2027 patch.
patch = CalendarPatch.load(HERE / "patches" / "cn-2027-hypothetical.toml")
new = china_calendar(provisional=True, patches=[patch])

rule = get_rule("licensing.decision")  # 行政许可法 art. 42: 20 working days
stored = [
    # 300 licence applications accepted 1 Dec 2026 .. 26 Sep 2027, bulk path
    DeadlineBatch(
        [f"XK-{i:04d}" for i in range(300)],
        [dt.date(2026, 12, 1) + dt.timedelta(days=i) for i in range(300)],
        rule,
        [("market-bureau",)] * 300,
    ),
    # a task's stored due date (e.g. from an escalation cases file)
    DueDate("T-ROAD", dt.date(2027, 2, 11), ("housing-bureau", "officer-wang")),
]
report = calendar_impact(old, new, stored)
print(report.render("en"))

# What the agency knew when it computed one of them on 1 December 2026, and now:
then = compute_deadline(dt.date(2027, 1, 25), rule, calendar=old)
now = compute_deadline(dt.date(2027, 1, 25), rule, calendar=new)
print(f"\nXK accepted 2027-01-25: then {then.due_date} (provisional: {then.provisional}), now {now.due_date}")
print(now.explain("en").splitlines()[-1])
