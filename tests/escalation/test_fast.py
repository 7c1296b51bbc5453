"""The engine's fast path answers exactly as its general path, and its trusted
constructors build exactly what the validated ones build."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govefficiency import Citation, Text, china_calendar
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import DeadlineClock, WorkingDays
from govefficiency.errors import GovEfficiencyError
from govefficiency.escalation import (
    AckEffect,
    AckKind,
    Acknowledgement,
    AckRule,
    Action,
    ActionKey,
    ActionKind,
    CaseNotice,
    CaseParties,
    CaseState,
    ClockCase,
    DatedCase,
    Evaluation,
    Level,
    NoticeCode,
    Policy,
    Reason,
    Recipient,
    Role,
    _engine,
    _fast,
    evaluate,
    get_policy,
    policy_presets,
)
from strategies import SHANGHAI

from .conftest import triggers

D = dt.date
CALENDARS = (china_calendar(), china_calendar(provisional=True))
PARTIES = (
    CaseParties(lead_unit="transport", assisting_units=("finance", "police"), officer="o-li"),
    CaseParties(lead_unit="housing"),
    CaseParties(assisting_units=("finance",), slow_units=("finance",)),
    CaseParties(),  # nobody to address without a graph: an UNADDRESSED notice
)


@contextlib.contextmanager
def general_path() -> Iterator[None]:
    """Evaluate every case through the general path (no plans)."""
    _engine.FAST = False
    try:
        yield
    finally:
        _engine.FAST = True


def both(
    policy: Policy, cases: object, at: dt.datetime, history: object = (), **kw: object
) -> tuple[Evaluation | str, Evaluation | str]:
    def run() -> Evaluation | str:
        try:
            return evaluate(policy, cases, at=at, history=history, **kw)  # type: ignore[arg-type]
        except GovEfficiencyError as exc:
            return f"{type(exc).__name__}: {exc}"

    fast = run()
    with general_path():
        general = run()
    return fast, general


# --- strategies -----------------------------------------------------------------------------

#: Days around the 2026 National Day and across the year boundary (the 2027 arrangement is
#: not published: the plain calendar ends 2026-12-31), plus a few at the calendar's start.
days = st.one_of(
    st.dates(min_value=D(2026, 8, 1), max_value=D(2027, 3, 31)),
    st.sampled_from([D(2026, 10, 31), D(2026, 10, 18), D(2026, 10, 1), D(2026, 12, 31), D(2027, 1, 1)]),
    st.dates(min_value=D(2001, 1, 1), max_value=D(2001, 1, 20)),
)


TRIGGERS = triggers(before=(0, 6), overdue=(1, 25), shares=st.sampled_from([0.25, 0.5, 0.8, 1.0]))


@st.composite
def levels(draw: st.DrawFn, index: int) -> Level:
    repeat = draw(st.one_of(st.none(), st.integers(1, 5)))
    ack = draw(
        st.one_of(
            st.none(),
            st.builds(
                AckRule,
                st.sampled_from(AckKind),
                st.sampled_from([None, AckEffect.STOP, AckEffect.RESTART]) if repeat else st.none(),
                st.one_of(st.none(), st.integers(1, 5)),
            ),
        )
    )
    roles = draw(st.lists(st.sampled_from([Role.LEAD_UNIT, Role.ASSISTING_UNIT, Role.OFFICER]), min_size=1))
    return Level(
        f"L{index}",
        Text(f"级别{index}", f"level {index}"),
        draw(TRIGGERS),
        draw(st.sampled_from(ActionKind)),
        roles,
        copy_to=draw(st.lists(st.sampled_from([Role.OFFICER, Role.LEAD_UNIT]), max_size=1)),
        repeat_every=repeat,
        ack=ack,
        accountable=draw(st.booleans()),
    )


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    if draw(st.booleans()):
        return get_policy(draw(st.sampled_from(sorted(policy_presets()))))
    n = draw(st.integers(1, 4))
    return Policy("random", Text("随机", "random"), [draw(levels(i)) for i in range(n)])


@st.composite
def dated_cases(draw: st.DrawFn) -> DatedCase:
    due = draw(st.one_of(st.none(), days))
    start = draw(st.one_of(st.none(), days))
    if start is not None and due is not None and start > due:
        start = None
    return DatedCase(
        draw(st.sampled_from([f"T{i}" for i in range(12)])),
        "修路",
        due,
        draw(st.sampled_from(PARTIES)),
        start=start,
        completed_on=draw(st.one_of(st.none(), days)),
        suspended=draw(st.integers(0, 9)) == 0,
    )


@st.composite
def clock_cases(draw: st.DrawFn, cal: WorkCalendar) -> ClockCase:
    start = draw(st.dates(min_value=D(2026, 8, 1), max_value=D(2026, 11, 10)))  # due within 2026
    clock = DeadlineClock.start(
        f"C{draw(st.integers(0, 5))}",
        at=dt.datetime.combine(start, dt.time(9), SHANGHAI),
        period=WorkingDays(draw(st.integers(1, 25))),
        calendar=cal,
    )
    return ClockCase(clock, draw(st.sampled_from(PARTIES)))


def instant(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), SHANGHAI)


# --- the two paths agree --------------------------------------------------------------------


class TestFastPathAgrees:
    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        policy=policies(),
        cal=st.sampled_from(CALENDARS),
        cases=st.lists(dated_cases(), max_size=14),
        day=st.dates(min_value=D(2026, 9, 1), max_value=D(2027, 2, 28)),
        hour=st.integers(0, 23),
        data=st.data(),
    )
    def test_on_random_cases_history_and_acknowledgements(
        self,
        policy: Policy,
        cal: WorkCalendar,
        cases: list[DatedCase],
        day: dt.date,
        hour: int,
        data: st.DataObject,
    ) -> None:
        """Rest-day due dates, the year boundary with and without a provisional calendar,
        suspended and completed cases, duplicate ids, a history and acknowledgements: the
        fast path gives the same evaluation as the general path, case by case."""
        clocks = data.draw(st.lists(clock_cases(cal), max_size=3))
        all_cases = [*cases, *clocks]
        at = instant(day, hour)
        fast, general = both(policy, all_cases, at, calendar=cal)
        assert fast == general
        if not isinstance(fast, Evaluation):
            return
        # A later run with part of this one's actions in the history, and acknowledgements
        # of some of them (which send their cases through the general path).
        keys = fast.keys
        picks = data.draw(st.lists(st.integers(0, 10**6), max_size=12))
        everything = data.draw(st.booleans())  # the steady state of a daily job: all carried out
        history = list(keys) if everything else sorted({keys[p % len(keys)] for p in picks}) if keys else []
        marks = data.draw(
            st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(AckKind), st.integers(0, 3)))
        )
        acks = [
            Acknowledgement(keys[p % len(keys)], kind, day + dt.timedelta(days=shift))
            for p, kind, shift in marks[:4]
            if keys
        ]
        later = instant(
            day + dt.timedelta(days=data.draw(st.one_of(st.integers(0, 9), st.integers(0, 60)))), hour
        )
        fast, general = both(policy, all_cases, later, history, calendar=cal, acknowledgements=acks)
        assert fast == general
        assert fast == general  # and again: nothing memoized across evaluations leaks

    def test_feedback_due_boundary_on_both_paths(self) -> None:
        """A letter whose feedback is due today is not yet overdue; the next working day it is."""
        # reminder-letter-flow: the letter fires 3 working days before the due date and asks
        # for feedback within 3 working days. Due Fri 2026-10-16: counting back Thu 15, Wed 14,
        # Tue 13, the letter fires Tue 10-13; feedback due Wed 14, Thu 15, Fri 16 -> Fri 10-16.
        policy = get_policy("reminder-letter-flow")
        case = DatedCase("T1", "修路", D(2026, 10, 16), PARTIES[0])
        (letter,) = evaluate(policy, [case], at=instant(D(2026, 10, 13), 9)).actions
        assert letter.feedback_due == D(2026, 10, 16)
        for day, notices in ((D(2026, 10, 16), 0), (D(2026, 10, 19), 1)):
            fast, general = both(policy, [case], instant(day, 9), [letter.key])
            assert fast == general
            assert isinstance(fast, Evaluation)
            assert [n.code for n in fast.notices] == [NoticeCode.FEEDBACK_OVERDUE] * notices

    def test_the_general_path_is_really_taken(self) -> None:
        """The switch used above changes the path: with plans off, no plan is built."""
        built: list[object] = []
        original = _engine._Run.plan

        def spy(self: _engine._Run, *args: object) -> object:
            built.append(args)
            return original(self, *args)  # type: ignore[arg-type]

        case = DatedCase("T1", "修路", D(2026, 10, 12), PARTIES[0])
        at = instant(D(2026, 10, 20), 9)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_engine._Run, "plan", spy)
            evaluate(get_policy("reminder-letter-flow"), [case], at=at)
            assert built
            built.clear()
            with general_path():
                evaluate(get_policy("reminder-letter-flow"), [case], at=at)
            assert not built

    def test_actions_come_out_in_case_level_order(self) -> None:
        """Cases given in any order: actions sorted by case id, then level order."""
        policy = get_policy("reminder-letter-flow")
        cases = [
            DatedCase(f"T{i}", "修路", D(2026, 9, 1) + dt.timedelta(i), PARTIES[0]) for i in (3, 1, 2, 10)
        ]
        actions = evaluate(policy, cases, at=instant(D(2026, 11, 20), 9)).actions
        order = [(a.case_id, [lv.id for lv in policy.levels].index(a.key.level_id)) for a in actions]
        assert order == sorted(order)
        assert [a.case_id for a in actions][:2] == ["T1", "T1"]


# --- trusted constructors -------------------------------------------------------------------


def same(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert a == b
    for field in attrs.fields(type(a)):
        assert getattr(a, field.name) == getattr(b, field.name), field.name


class TestTrustedConstructors:
    def test_action_key_reason_and_action(self) -> None:
        """Each trusted constructor builds a value equal, field by field, to the validated one."""
        due, fired = D(2026, 10, 31), D(2026, 10, 27)
        key = ActionKey("T1", "letter", due, 2)
        same(_fast.action_key("T1", "letter", due, 2), key)
        trigger = Text("到期前4个工作日", "4 working days before due")
        reason = Reason("T1", due, -4, "letter", trigger, fired, 2)
        same(_fast.reason("T1", due, -4, "letter", trigger, fired, 2), reason)
        to = (Recipient(Role.LEAD_UNIT, "transport", Text("交通局", "transport")),)
        cite = Citation(Text("督办办法", "supervision rules"), "3", 2020)
        title, level = Text("修路", "road"), Text("提醒函", "letter")
        letter = (
            ActionKind.REMINDER_LETTER,
            level,
            None,
            to,
            (),
            to,
            (Role.OFFICER,),
            True,
            cite,
            True,
            ("t",),
        )
        built = _fast.action(key, reason, title, D(2026, 11, 2), True, letter)
        same(
            built,
            Action(  # each field named: which slot of the letter lands where
                key=key,
                kind=ActionKind.REMINDER_LETTER,
                level=level,
                sender=None,
                to=to,
                report_to=(),
                copy_to=to,
                unresolved=(Role.OFFICER,),
                fallback=True,
                reason=reason,
                title=title,
                citation=cite,
                feedback_due=D(2026, 11, 2),
                provisional=True,
                accountable=True,
                units=("t",),
            ),
        )
        assert built.render("en")
        assert built.to_dict()["reason"]["offset_working_days"] == -4

    def test_text_notice_and_dated_case(self) -> None:
        """Text, CaseNotice and DatedCase: equal to the validated values."""
        same(_fast.text("修路", "road"), Text("修路", "road"))
        text = Text("说明", "note")
        same(
            _fast.notice("T1", CaseState.OPEN, text, NoticeCode.FEEDBACK_OVERDUE, "L1", None),
            CaseNotice("T1", CaseState.OPEN, text, NoticeCode.FEEDBACK_OVERDUE, "L1"),
        )
        same(
            _fast.dated_case("K-1", text, D(2026, 6, 30), PARTIES[0], D(2026, 3, 31), None, "Asia/Shanghai"),
            DatedCase("K-1", text, D(2026, 6, 30), PARTIES[0], start=D(2026, 3, 31)),
        )
        same(
            _fast.dated_case("K-1", text, D(2026, 12, 31), PARTIES[1], None, D(2026, 5, 1), "Asia/Shanghai"),
            DatedCase("K-1", text, D(2026, 12, 31), PARTIES[1], completed_on=D(2026, 5, 1)),
        )

    def test_field_lists_match_the_classes(self) -> None:
        """A field added to a class without its trusted constructor would be caught."""
        with pytest.raises(AssertionError, match="fields changed"):
            _fast._setters(ActionKey, ("case_id", "level_id", "due_date"))

    def test_clock_case_title(self) -> None:
        """A clock case without a name is titled by its clock id, as a valid Text."""
        clock = DeadlineClock.start(
            "C-9", at=instant(D(2026, 9, 1), 9), period=WorkingDays(5), calendar=CALENDARS[0]
        )
        same(ClockCase(clock).title, Text("C-9", "C-9"))
