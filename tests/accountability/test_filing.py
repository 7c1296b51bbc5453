"""Filing (备案) checks past the calendar's coverage: one decision whose filing is due
in 2027 (not published) never loses the answers for the others (defect 7 of stop 24).

Hand-worked (``china_calendar().day_kind`` checked below): A-2 decided Mon 2026-11-02,
5 working days later (Nov 3, 4, 5, 6, 9) is due Mon 2026-11-09. A-1 decided Mon
2026-12-28: Dec 29, 30, 31 are 3 working days, the other 2 fall in 2027, whose
arrangement is not in the calendar — due after 2026-12-31, day unknown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.accountability import AccountabilityForm, Filing, check_filings
from govefficiency.calendar import DayKind, china_calendar
from govefficiency.errors import AccountabilityError, InvalidTypeError

FORM = next(iter(AccountabilityForm))
CAL = china_calendar()


def filing(fid: str, decided: dt.date, filed: dt.date | None = None) -> Filing:
    return Filing(fid, f"s-{fid}", "edu", FORM, decided, filed)


A2 = filing("A-2", dt.date(2026, 11, 2))
A1 = filing("A-1", dt.date(2026, 12, 28))


def test_the_calendar_is_as_the_comments_say():
    for day in (2, 3, 4, 5, 6, 9):
        assert CAL.day_kind(dt.date(2026, 11, day)) is DayKind.WORKDAY
    for day in (28, 29, 30, 31):
        assert CAL.day_kind(dt.date(2026, 12, day)) is DayKind.WORKDAY
    assert CAL.last == dt.date(2026, 12, 31)


def test_a_due_day_after_the_end_is_not_yet_due_inside_the_coverage():
    found = check_filings([A2, A1], on=dt.date(2026, 12, 29), calendar=CAL)
    # A-2 overdue since 11-09; A-1 due after 12-31 > 12-29: not yet due, no finding
    assert [(f.code, f.subject[0]) for f in found] == [("FILING_MISSING", "A-2")]


def test_after_the_end_the_row_is_undetermined_and_the_others_answered():
    found = check_filings([A2, A1], on=dt.date(2027, 1, 6), calendar=CAL)
    assert [(f.code, f.subject[0]) for f in found] == [
        ("FILING_MISSING", "A-2"),
        ("FILING_UNDETERMINED", "A-1"),
    ]
    text = found[1].message.en
    assert "2026-12-31" in text
    assert "still not filed on 2027-01-06" in text
    assert "provisional=True" in text
    assert found[1].message.zh


def test_filed_by_the_end_is_in_time_filed_after_it_is_undetermined():
    in_time = filing("A-1", dt.date(2026, 12, 28), dt.date(2026, 12, 31))
    assert check_filings([in_time], on=dt.date(2027, 1, 6), calendar=CAL) == []
    later = filing("A-1", dt.date(2026, 12, 28), dt.date(2027, 1, 5))
    (found,) = check_filings([later], on=dt.date(2027, 1, 6), calendar=CAL)
    assert found.code == "FILING_UNDETERMINED"
    assert "filed on 2027-01-05" in found.message.en


def test_with_the_provisional_calendar_it_is_decided():
    provisional = china_calendar(provisional=True)
    found = check_filings([A2, A1], on=dt.date(2027, 1, 20), calendar=provisional)
    assert {f.code for f in found} == {"FILING_MISSING"}
    assert len(found) == 2


def test_bad_input():
    with pytest.raises(InvalidTypeError):
        check_filings(A1, on=dt.date(2027, 1, 6))  # type: ignore[arg-type]
    with pytest.raises(AccountabilityError):
        check_filings([A1], on=dt.date(2027, 1, 6), within=0)
