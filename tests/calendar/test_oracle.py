"""An independent oracle: ``is_working_day`` against the ``chinesecalendar`` package.

``chinesecalendar`` (import name ``chinese_calendar``) keeps its own hand-typed tables of
the State Council notices, so it shares no data with ``holidays``. Every date from
2005-01-01 through the last date both packages cover is compared; every disagreement
must be listed below with the official notice that settles it.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from govefficiency.calendar import WorkCalendar

FIRST = dt.date(2005, 1, 1)

#: Dates on which chinesecalendar is wrong, with the notice that settles each one.
EXPLAINED: dict[dt.date, str] = {
    dt.date(2005, 12, 31): (
        "国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号）: "
        "“一、元旦：1月1日—3日放假，共3天。……12月31日（星期六）上班。” "
        "Sat 2005-12-31 is a working day; chinesecalendar lists it as a rest day."
    ),
}
#: What the notices say on the explained dates (True = offices work).
OFFICIAL_ANSWER = {dt.date(2005, 12, 31): True}


def _oracle_last() -> dt.date:
    """The last date chinesecalendar has data for (it raises NotImplementedError beyond)."""
    last_year = max(d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays))
    return dt.date(last_year, 12, 31)


def _disagreements(cal: WorkCalendar) -> tuple[dt.date, dict[dt.date, tuple[bool, bool]]]:
    last = min(_oracle_last(), cal.official_through)
    found: dict[dt.date, tuple[bool, bool]] = {}
    day = FIRST
    one = dt.timedelta(days=1)
    while day <= last:
        ours, theirs = cal.is_working_day(day), chinese_calendar.is_workday(day)
        if ours != theirs:
            found[day] = (ours, theirs)
        day += one
    return last, found


def test_compared_range_is_substantial(cn: WorkCalendar) -> None:
    """The comparison covers at least 2005-01-01 .. 2026-12-31 (22 years) with the installed packages."""
    last = min(_oracle_last(), cn.official_through)
    assert last >= dt.date(2026, 12, 31)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(_oracle_last() + dt.timedelta(days=1))


@pytest.fixture(scope="module")
def found(cn: WorkCalendar) -> dict[dt.date, tuple[bool, bool]]:
    """(ours, chinesecalendar) on each date where the two disagree."""
    return _disagreements(cn)[1]


def test_every_disagreement_is_explained(found: dict[dt.date, tuple[bool, bool]]) -> None:
    """is_working_day agrees with chinesecalendar on every date except the explained ones."""
    unexplained = {d: v for d, v in found.items() if d not in EXPLAINED}
    assert unexplained == {}, "(ours, chinesecalendar) on unexplained dates"


def test_every_explanation_is_still_needed(cn: WorkCalendar, found: dict[dt.date, tuple[bool, bool]]) -> None:
    """Each explained date still disagrees (otherwise the list is stale) and we follow the notice."""
    for day, works in OFFICIAL_ANSWER.items():
        assert day in found, f"{day} no longer disagrees: remove it from EXPLAINED"
        assert cn.is_working_day(day) is works
    assert set(OFFICIAL_ANSWER) == set(EXPLAINED)
