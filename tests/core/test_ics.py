"""iCalendar export: what it writes, icalendar reads back with the expected events."""

from __future__ import annotations

import datetime as dt

import pytest

icalendar = pytest.importorskip("icalendar")

from govefficiency.deadlines import compute_deadline, get_rule  # noqa: E402
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError  # noqa: E402
from govefficiency.ics import CalendarEvent, deadline_event, time_node_events, to_ics  # noqa: E402
from govefficiency.testing import at, sample_item, text  # noqa: E402


def _events(data: bytes) -> list[object]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_a_deadline_and_time_nodes_round_trip():
    # Licence accepted Mon 2026-09-28: 20 working days across National Day end Fri 10-30.
    deadline = compute_deadline(dt.date(2026, 9, 28), get_rule("licensing.decision"))
    events = [deadline_event(deadline, "licence-0931"), *time_node_events([sample_item("T1")])]
    data = to_ics(events, stamp=at(2026, 9, 28), lang="zh", name="示例")
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert b"\r\n" in data
    parsed = _events(data)
    assert len(parsed) == 1 + 3 + 1
    first = parsed[0]
    assert str(first["uid"]) == "licence-0931@govefficiency.invalid"
    assert first.decoded("dtstart") == dt.date(2026, 10, 30)
    assert first.decoded("dtend") == dt.date(2026, 10, 31)
    assert "期限届满" in str(first["summary"])
    assert [e.decoded("dtstart") for e in parsed[1:]] == [
        dt.date(2026, 3, 31),
        dt.date(2026, 6, 30),
        dt.date(2026, 9, 30),
        dt.date(2026, 12, 31),
    ]
    assert str(parsed[1]["uid"]) == "T1-node-1@govefficiency.invalid"


def test_the_same_input_gives_the_same_bytes():
    events = [CalendarEvent("e1", dt.date(2026, 10, 8), text("甲", "A"))]
    assert to_ics(events, stamp=at(2026, 1, 1)) == to_ics(events, stamp=at(2026, 1, 1))


def test_provisional_dates_say_so():
    event = CalendarEvent("e1", dt.date(2027, 1, 8), text("甲", "A"), provisional=True)
    assert "(provisional)" in str(_events(to_ics([event], stamp=at(2026, 12, 1), lang="en"))[0]["summary"])


def test_bad_input():
    good = CalendarEvent("e1", dt.date(2026, 10, 8), text("甲", "A"))
    with pytest.raises(InvalidInputError):
        CalendarEvent("bad id", dt.date(2026, 10, 8), text("甲", "A"))
    with pytest.raises(GovEfficiencyError):
        CalendarEvent("e1", dt.datetime(2026, 10, 8, tzinfo=dt.UTC), text("甲", "A"))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        CalendarEvent("e1", dt.date(2026, 10, 8), "甲")  # type: ignore[arg-type]
    with pytest.raises(GovEfficiencyError):
        to_ics([good], stamp=dt.datetime(2026, 1, 1))  # naive
    with pytest.raises(InvalidTypeError):
        to_ics(good, stamp=at(2026, 1, 1))  # type: ignore[arg-type]  # one event, not a list
    with pytest.raises(InvalidInputError):
        to_ics([good], stamp=at(2026, 1, 1), lang="fr")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        deadline_event("2026-10-30", "x")
    with pytest.raises(InvalidTypeError):
        time_node_events(["T1"])


def test_a_decision_plan():
    """A plan's dated steps become events; the public comment opened on 09-10 cannot
    close before 30 days have passed."""
    from govefficiency.decisions import Category, DecisionRecord, Flag, Matter, PublicComment, plan_decision
    from govefficiency.ics import plan_events

    matter = Matter("郊区公交线路票价调整", Category.PUBLIC_POLICY, {Flag.PUBLIC_INTEREST})
    plan = plan_decision(DecisionRecord(matter, [PublicComment(dt.date(2026, 9, 10))]))
    events = plan_events(plan, "fares")
    dated = [item for item in plan.items if (item.latest or item.earliest) is not None]
    assert len(events) == len(dated) > 0
    parsed = _events(to_ics(events, stamp=at(2026, 9, 10)))
    assert [e.decoded("dtstart") for e in parsed] == [item.latest or item.earliest for item in dated]
    with pytest.raises(InvalidTypeError):
        plan_events("plan", "fares")
