"""Hour periods and 民法典 art. 203 (defect 18 of stop 24), hand-worked on the 2026 calendar.

Verified texts (LawRefBook/Laws, 民法商法/民法典.md): art. 200 "民法所称的期间按照公历年、月、日、
小时计算"; art. 201 ¶2 "按照小时计算期间的，自法律规定或者当事人约定的时间开始计算"; art. 203 ¶1
"期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日", ¶2 "期间的最后一日的截止
时间为二十四时…". Whether ¶1 moves the end of an hour period is not settled by the text: the
library keeps the instant (its reading, stated in the explanation) and offers the roll-over
as the deadline's alternative. National Day 2026: Thu 10-01 .. Wed 10-07, back on Thu 10-08.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.calendar import china_calendar
from govefficiency.deadlines import Hours, StepKind, compute_deadline
from govefficiency.errors import InvalidTypeError
from govefficiency.testing import run_cli

BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BEIJING)


def test_the_users_case_keeps_the_instant_and_offers_the_roll() -> None:
    """48 hours from Wed 2026-09-30 10:00 end at Fri 10-02 10:00 (art. 201 ¶2: counted from
    the instant; 24 h to 10-01 10:00, 48 h to 10-02 10:00). 10-02 is National Day, a rest
    day: the primary reading keeps 10-02 10:00; the other reading moves the last day to the
    day after the holiday, Thu 10-08, ending at 24:00 (art. 203 ¶2)."""
    cal = china_calendar()
    assert cal.day_kind(dt.date(2026, 10, 2)).value != "workday"
    d = compute_deadline(at(2026, 9, 30, 10), Hours(48))
    assert d.due_at == at(2026, 10, 2, 10)
    assert d.due_date == dt.date(2026, 10, 2)
    kinds = [s.kind for s in d.steps]
    assert kinds == [StepKind.COUNT, StepKind.DUE, StepKind.ALTERNATIVE]
    assert d.steps[0].citation is not None
    assert d.steps[0].citation.article == "201"
    reading = d.steps[1]
    assert reading.citation is not None
    assert reading.citation.article == "203"
    assert "reading" in reading.text.en
    assert "解读" in reading.text.zh
    assert d.alternative is not None
    assert d.alternative.due_date == dt.date(2026, 10, 8)
    assert d.alternative.deadline is not None
    assert d.alternative.deadline.due_at == dt.datetime(
        2026, 10, 8, 23, 59, 59, 999999, tzinfo=d.alternative.deadline.due_at.tzinfo
    )
    assert not d.alternative.undetermined


def test_a_working_day_end_has_no_alternative() -> None:
    """48 hours from Mon 2026-10-12 10:00 end on Wed 10-14 10:00, a working day: nothing to
    roll under either reading, no alternative."""
    d = compute_deadline(at(2026, 10, 12, 10), Hours(48))
    assert d.due_at == at(2026, 10, 14, 10)
    assert d.alternative is None
    assert [s.kind for s in d.steps] == [StepKind.COUNT]


def test_make_up_working_day_is_not_rolled() -> None:
    """24 hours from Fri 2026-10-09 09:00 end on Sat 10-10 09:00, a make-up working day
    (调休上班): a working day, so no alternative either."""
    assert china_calendar().is_working_day(dt.date(2026, 10, 10))
    d = compute_deadline(at(2026, 10, 9, 9), Hours(24))
    assert d.alternative is None


def test_weekend_end_rolls_to_monday_in_the_other_reading() -> None:
    """24 hours from Fri 2026-11-06 15:00 end Sat 11-07 15:00; the other reading: Mon 11-09."""
    d = compute_deadline(at(2026, 11, 6, 15), Hours(24))
    assert d.due_at == at(2026, 11, 7, 15)
    assert d.alternative is not None
    assert d.alternative.due_date == dt.date(2026, 11, 9)


def test_beyond_the_calendar_the_other_reading_is_undetermined() -> None:
    """96 hours from 2026-12-31 10:00 end on 2027-01-04 10:00: the instant is certain, but
    whether 2027-01-04 is a rest day is not published: the other reading is undetermined."""
    d = compute_deadline(at(2026, 12, 31, 10), Hours(96))
    assert d.due_at == at(2027, 1, 4, 10)
    assert d.alternative is not None
    assert d.alternative.undetermined
    assert d.alternative.deadline is None


def test_cli_explains_the_reading() -> None:
    """The user's command: due 2026-10-02, the reading stated with art. 203, the other
    reading (2026-10-08) on its own line, exit 0."""
    code, out, _ = run_cli("deadline", "2026-09-30T10:00", "--hours", "48", "--explain", "--lang", "en")
    assert code == 0
    assert out.startswith("due: 2026-10-02\nalternative reading (48 hours): 2026-10-08\n")
    assert "art. 203" in out
    assert "this is a reading" in out


def test_cli_beyond_the_calendar_exits_3() -> None:
    code, out, _ = run_cli("deadline", "2026-12-31T10:00", "--hours", "96", "--lang", "en")
    assert code == 3
    assert out.startswith("due: 2027-01-04\n")


def test_a_date_is_refused() -> None:
    with pytest.raises(InvalidTypeError):
        compute_deadline(dt.date(2026, 9, 30), Hours(48))
