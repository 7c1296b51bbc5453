"""calendar_impact: which deadlines a new notice changes, by how much, and why.

Every case uses the INVENTED 2027 fixture (tests/calendar/data/cn-2027-test-fixture.toml,
notice "国办发明电〔2026〕TEST号"): a test fixture, not a prediction of the real 2027
arrangement. The old calendar is the provisional one (2027 from the statutory rules only).

The two calendars around the Spring Festival 2027 (checked in ``test_the_two_calendars``):

    date        old (statutory rules only)     new (fixture)
    Fri 02-05   public holiday (除夕)           public holiday
    Sat 02-06 – Mon 02-08  public holidays      public holidays
    Tue 02-09, Wed 02-10   补假 (in lieu)       in lieu
    Thu 02-11, Fri 02-12   working days         in-lieu rest days (调休)
    Sat 02-13   weekend                         make-up working day
    Sat 02-20   weekend                         make-up working day
"""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.calendar import (
    CalendarImpact,
    DayKind,
    DeadlineBatch,
    DueDate,
    WorkCalendar,
    calendar_impact,
    china_calendar,
    day_changes,
)
from govefficiency.citation import Citation
from govefficiency.deadlines import (
    CalendarDays,
    DeadlineClock,
    Suspension,
    WorkingDays,
    compute_deadline,
    due_dates,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError
from govefficiency.testing import at
from govefficiency.text import Text

D = dt.date


def test_the_two_calendars(cn_provisional: WorkCalendar, cn_2027: WorkCalendar) -> None:
    """The day kinds the hand-worked cases below rely on."""
    old, new = cn_provisional, cn_2027
    assert [old.day_kind(D(2027, 2, d)) for d in (5, 8, 9, 10, 11, 12, 13, 20)] == [
        DayKind.PUBLIC_HOLIDAY,
        DayKind.PUBLIC_HOLIDAY,
        DayKind.IN_LIEU_REST,
        DayKind.IN_LIEU_REST,
        DayKind.WORKDAY,
        DayKind.WORKDAY,
        DayKind.WEEKEND,
        DayKind.WEEKEND,
    ]
    assert [new.day_kind(D(2027, 2, d)) for d in (11, 12, 13, 20)] == [
        DayKind.IN_LIEU_REST,
        DayKind.IN_LIEU_REST,
        DayKind.MAKEUP_WORKDAY,
        DayKind.MAKEUP_WORKDAY,
    ]
    assert old.is_provisional(D(2027, 2, 1))
    assert not new.is_provisional(D(2027, 2, 1))


class TestDayChanges:
    def test_lists_the_changed_days_in_order(
        self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """The fixture changes ten days against the statutory-only 2027."""
        changes = day_changes(cn_provisional, cn_2027)
        assert [c.date for c in changes] == [
            D(2027, 2, 11),
            D(2027, 2, 12),
            D(2027, 2, 13),
            D(2027, 2, 20),
            D(2027, 4, 25),
            D(2027, 5, 5),
            D(2027, 9, 26),
            D(2027, 10, 6),
            D(2027, 10, 7),
            D(2027, 10, 9),
        ]
        assert all(c.moves_deadlines for c in changes)

    def test_describes_a_change_in_both_languages(
        self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """'2027-02-13 is now a make-up working day' — the wording of the issue."""
        change = next(c for c in day_changes(cn_provisional, cn_2027) if c.date == D(2027, 2, 13))
        assert change.describe("en") == "2027-02-13 is now a make-up working day (was a weekend)"
        assert change.describe("zh") == "2027-02-13 现为补班日（原为休息日）"

    def test_same_calendar_has_no_changes(self, cn: WorkCalendar) -> None:
        """A calendar compared with itself changes nothing."""
        assert day_changes(cn, cn) == ()

    def test_bad_input(self, cn: WorkCalendar) -> None:
        """Both arguments must be calendars."""
        with pytest.raises(InvalidTypeError, match="old_calendar must be a WorkCalendar"):
            day_changes("CN", cn)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="new_calendar must be a WorkCalendar"):
            day_changes(cn, None)  # type: ignore[arg-type]


def _deadlines(old: WorkCalendar) -> dict[str, object]:
    return {
        # 5 working days from Tue 2027-02-02.
        # old: 02-03 (1), 02-04 (2), [02-05..02-10 off], 02-11 (3), 02-12 (4), 02-15 (5) -> Mon 02-15
        # new: 02-03 (1), 02-04 (2), [02-05..02-12 off], Sat 02-13 (3), 02-15 (4), 02-16 (5) -> Tue 02-16
        "A": compute_deadline(D(2027, 2, 2), WorkingDays(5), calendar=old),
        # 3 working days from Thu 2027-02-18.
        # old: 02-19 (1), 02-22 (2), 02-23 (3) -> Tue 02-23
        # new: 02-19 (1), Sat 02-20 (2), 02-22 (3) -> Mon 02-22
        "B": compute_deadline(D(2027, 2, 18), WorkingDays(3), calendar=old),
        # 5 working days from Mon 2027-01-04: 01-05..01-08 (4), 01-11 (5) in both -> unchanged,
        # provisional before, confirmed now.
        "C": compute_deadline(D(2027, 1, 4), WorkingDays(5), calendar=old),
        # 20 working days from Mon 2027-02-01: the two lost days (02-11, 02-12) are paid
        # back by the two make-up Saturdays (02-13, 02-20) before the end -> Fri 03-05 in both.
        "D": compute_deadline(D(2027, 2, 1), WorkingDays(20), calendar=old),
        # 10 calendar days from Mon 2027-02-01: nominal end Thu 02-11.
        # old: a working day -> 02-11. new: 02-11, 02-12 rest -> rolls to Sat 02-13 (make-up).
        "E": compute_deadline(D(2027, 2, 1), CalendarDays(10), calendar=old),
    }


class TestHandWorked:
    def test_changed_are_listed_unchanged_are_not(
        self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """Provisional Jan–Feb 2027 deadlines: A, B and E change; C and D do not."""
        report = calendar_impact(cn_provisional, cn_2027, _deadlines(cn_provisional))
        assert [(e.id, e.old_due, e.new_due, e.shift) for e in report.entries] == [
            ("A", D(2027, 2, 15), D(2027, 2, 16), 1),
            ("B", D(2027, 2, 23), D(2027, 2, 22), -1),
            ("E", D(2027, 2, 11), D(2027, 2, 13), 2),
        ]
        assert report.checked == 5
        assert report.confirmed == 2  # C and D: provisional before, same date now official
        assert report.changed
        assert all(e.old_provisional and not e.new_provisional for e in report.entries)

    def test_causes_are_the_days_that_moved_it(
        self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """A moved because of 02-11, 02-12 (now rest) and 02-13 (now worked); B because of 02-20."""
        report = calendar_impact(cn_provisional, cn_2027, _deadlines(cn_provisional))
        causes = {e.id: [c.date for c in e.causes] for e in report.entries}
        assert causes == {
            "A": [D(2027, 2, 11), D(2027, 2, 12), D(2027, 2, 13)],
            "B": [D(2027, 2, 20)],
            "E": [D(2027, 2, 11), D(2027, 2, 12), D(2027, 2, 13)],
        }
        line = report.entries[1].describe("en")
        assert (
            line
            == "B: 2027-02-23 -> 2027-02-22 (-1 days); because 2027-02-20 is now a make-up working day (was a weekend)"
        )

    def test_stored_due_date_that_becomes_a_rest_day(
        self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """A stored due date on Thu 2027-02-11 keeps its date but is now a rest day; whom to tell is listed."""
        items = [DueDate("T-9", D(2027, 2, 11), ("housing", "officer-li")), DueDate("T-10", D(2027, 3, 1))]
        report = calendar_impact(cn_provisional, cn_2027, items)
        (entry,) = report.entries
        assert (entry.id, entry.old_status, entry.new_status) == ("T-9", "working_day", "rest_day")
        assert "status a working day -> a rest day" in entry.describe("en")
        assert entry.parties == ("housing", "officer-li")
        assert "tell housing, officer-li" in entry.describe("en")
        assert "应通知：housing、officer-li" in entry.describe("zh")
        assert report.confirmed == 1

    def test_clock_state_changes(self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar) -> None:
        """A 5-working-day clock started Tue 2027-02-02: overdue on 02-16 under the old calendar, running under the new."""
        clock = DeadlineClock.start(
            "C-1", at=at(2027, 2, 2, 9), period=WorkingDays(5), calendar=cn_provisional
        )
        report = calendar_impact(cn_provisional, cn_2027, [clock], at=at(2027, 2, 16, 12))
        (entry,) = report.entries
        assert (entry.id, entry.source) == ("C-1", "clock")
        assert (entry.old_due, entry.new_due) == (D(2027, 2, 15), D(2027, 2, 16))
        assert (entry.old_status, entry.new_status) == ("overdue", "running")

    def test_batch_matches_the_single_path(self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar) -> None:
        """The bulk path lists the same changes as one deadline at a time."""
        starts = [D(2027, 1, 4) + dt.timedelta(days=i) for i in range(60)]
        batch = DeadlineBatch([f"S{i}" for i in range(60)], starts, WorkingDays(5))
        bulk = calendar_impact(cn_provisional, cn_2027, [batch])
        single = calendar_impact(
            cn_provisional,
            cn_2027,
            {
                f"S{i}": compute_deadline(s, WorkingDays(5), calendar=cn_provisional)
                for i, s in enumerate(starts)
            },
        )
        assert [(e.id, e.old_due, e.new_due, e.causes) for e in bulk.entries] == [
            (e.id, e.old_due, e.new_due, e.causes) for e in single.entries
        ]
        assert (
            (bulk.checked, bulk.confirmed)
            == (single.checked, single.confirmed)
            == (60, 60 - len(bulk.entries))
        )
        assert bulk.entries  # the Spring Festival starts do change

    def test_nothing_changes(self, cn: WorkCalendar, patch_typhoon: object) -> None:
        """A closure in 2026 does not touch deadlines in 2027: nothing is listed."""
        new = china_calendar(provisional=True, patches=[patch_typhoon])  # type: ignore[list-item]
        report = calendar_impact(
            china_calendar(provisional=True), new, _deadlines(china_calendar(provisional=True))
        )
        assert not report.changed
        assert report.confirmed == 0

    def test_suspended_deadline_is_reported_not_dropped(
        self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """A deadline with a suspension cannot be recomputed from its result: an error row, not silence."""
        basis = Citation(Text("行政许可法", "Administrative Licensing Law"), article="45", year=2019)
        suspended = compute_deadline(
            D(2027, 2, 1),
            WorkingDays(20),
            calendar=cn_provisional,
            suspensions=[Suspension(D(2027, 2, 3), D(2027, 2, 4), basis)],
        )
        report = calendar_impact(cn_provisional, cn_2027, {"S": suspended})
        assert [e.id for e in report.errors] == ["S"]
        assert "DeadlineClock" in report.errors[0].message.en

    def test_uncovered_in_both_is_an_error_row(self, cn: WorkCalendar, fixture_2027: object) -> None:
        """A stored date in 2029 lies outside both strict calendars: reported as an error."""
        new = cn.with_patch(fixture_2027)  # type: ignore[arg-type]
        report = calendar_impact(cn, new, [DueDate("X", D(2029, 1, 5))])
        assert [e.id for e in report.errors] == ["X"]
        assert not report.changed

    def test_newly_covered_is_a_change(self, cn: WorkCalendar, fixture_2027: object) -> None:
        """With the strict calendar a 2027 due date was uncovered; the patch determines it."""
        new = cn.with_patch(fixture_2027)  # type: ignore[arg-type]
        report = calendar_impact(
            cn, new, {"N": compute_deadline(D(2026, 12, 28), WorkingDays(5), calendar=new)}
        )
        (entry,) = report.entries
        assert (entry.old_status, entry.new_status, entry.old_due) == ("uncovered", "determined", None)
        # 12-29 (1), 12-30 (2), 12-31 (3), [Fri 01-01 New Year], 01-04 (4), 01-05 (5)
        assert entry.new_due == D(2027, 1, 5)

    def test_report_to_dict_and_render(self, cn_provisional: WorkCalendar, cn_2027: WorkCalendar) -> None:
        """The report carries both calendar versions and renders in both languages."""
        report = calendar_impact(cn_provisional, cn_2027, _deadlines(cn_provisional))
        data = report.to_dict()
        assert data["changed"] is True
        assert data["new_calendar"]["patches"][0]["number"] == "国办发明电〔2026〕TEST号"
        assert (
            data["entries"][0]["causes"][2]["en"] == "2027-02-13 is now a make-up working day (was a weekend)"
        )
        assert "共核对 5 项，变化 3 项" in report.render("zh")
        assert "checked 5, changed 3" in report.render("en")
        assert isinstance(report, CalendarImpact)


class TestBadInput:
    def test_items_not_a_collection(self, cn: WorkCalendar) -> None:
        """A string is not a list of deadlines."""
        with pytest.raises(InvalidTypeError, match="deadlines_or_clocks must be a list"):
            calendar_impact(cn, cn, "A")

    def test_unknown_item(self, cn: WorkCalendar) -> None:
        """An item of an unknown type is refused, naming the accepted types."""
        with pytest.raises(InvalidTypeError, match="cannot evaluate date"):
            calendar_impact(cn, cn, [D(2026, 1, 5)])

    def test_calendars(self, cn: WorkCalendar) -> None:
        """Both calendars must be WorkCalendar values."""
        with pytest.raises(InvalidTypeError):
            calendar_impact(cn, "new", [])  # type: ignore[arg-type]

    def test_clock_needs_at(self, cn: WorkCalendar) -> None:
        """Clocks are compared at an instant."""
        clock = DeadlineClock.start("K", at=at(2026, 3, 2, 9), period=WorkingDays(5), calendar=cn)
        with pytest.raises(InvalidInputError, match="pass at="):
            calendar_impact(cn, cn, [clock])

    def test_naive_at(self, cn: WorkCalendar) -> None:
        """A naive instant is refused."""
        with pytest.raises(NaiveDatetimeError):
            calendar_impact(cn, cn, [], at=dt.datetime(2026, 3, 2, 9))

    def test_batch_lengths(self) -> None:
        """A batch needs one start per id."""
        with pytest.raises(InvalidInputError, match="one start"):
            DeadlineBatch(["a", "b"], [D(2026, 1, 5)], WorkingDays(5))

    def test_batch_types(self) -> None:
        """ids and starts are lists or tuples."""
        with pytest.raises(InvalidTypeError, match=r"DeadlineBatch\.ids"):
            DeadlineBatch("ab", [D(2026, 1, 5)], WorkingDays(5))  # type: ignore[arg-type]

    def test_batch_bad_period(self) -> None:
        """A period that is not a Period or StatuteRule is refused."""
        with pytest.raises(InvalidTypeError, match=r"DeadlineBatch\.period must be a Period"):
            DeadlineBatch(["a"], [D(2026, 1, 5)], 5)

    def test_batch_bad_start(self, cn: WorkCalendar) -> None:
        """A start that is not a date is refused when the batch is evaluated."""
        with pytest.raises(InvalidTypeError):
            calendar_impact(cn, cn, [DeadlineBatch(["a"], ["2026-01-05"], WorkingDays(5))])

    def test_due_date_fields(self) -> None:
        """A DueDate's id follows the id rule, its due is a date, its parties a list of ids."""
        with pytest.raises(InvalidInputError):
            DueDate("has space", D(2026, 1, 5))
        with pytest.raises(InvalidTypeError):
            DueDate("X", at(2026, 1, 5, 0))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            DueDate("X", D(2026, 1, 5), "housing")  # type: ignore[arg-type]

    def test_undetermined_due_date_is_an_error_row(self, cn: WorkCalendar) -> None:
        """A stored case without a due date is reported, never guessed."""
        report = calendar_impact(cn, cn, [DueDate("U", None)])
        assert [e.id for e in report.errors] == ["U"]


def test_due_dates_agree_with_batch_dates(cn_2027: WorkCalendar) -> None:
    """The bulk path really is due_dates (the array path when it exists)."""
    starts = [D(2027, 2, 1), D(2027, 2, 18)]
    assert due_dates(starts, WorkingDays(3), calendar=cn_2027).dates == [D(2027, 2, 4), D(2027, 2, 22)]


def test_batch_with_rows_outside_a_calendar(cn: WorkCalendar, fixture_2027: object) -> None:
    """Strict calendars: rows the old one cannot cover are new (determined now); rows
    neither covers are errors; the report names the coverage change."""
    new = cn.with_patch(fixture_2027)  # type: ignore[arg-type]
    batch = DeadlineBatch(
        ["in-2026", "into-2027", "in-2029"],
        [D(2026, 3, 2), D(2026, 12, 28), D(2029, 1, 8)],
        WorkingDays(5),
        [("a",), ("b",), ("c",)],
    )
    report = calendar_impact(cn, new, [batch])
    (entry,) = report.entries
    # 12-29 (1), 12-30 (2), 12-31 (3), [Fri 01-01 New Year], 01-04 (4), 01-05 (5)
    assert (entry.id, entry.old_status, entry.new_due, entry.parties) == (
        "into-2027",
        "uncovered",
        D(2027, 1, 5),
        ("b",),
    )
    assert [e.id for e in report.errors] == ["in-2029"]
    assert report.checked == 3
    assert "coverage: 2001-01-01..2026-12-31 -> 2001-01-01..2027-12-31" in report.render("en")
