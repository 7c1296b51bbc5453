"""The escalation engine: triggers at their boundaries, idempotency, catch-up, states, roles."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import Text
from govefficiency import escalation as esc
from govefficiency.deadlines import DeadlineClock, WorkingDays
from govefficiency.errors import InvalidTypeError, NaiveDatetimeError
from strategies import BASIS

from .conftest import PARTIES, at, city

D = dt.date


def policy(*levels: esc.Level) -> esc.Policy:
    return esc.Policy("test", Text("测试", "test"), levels)


def level(
    level_id: str, trigger: esc.Trigger, action: esc.ActionKind = esc.ActionKind.REMINDER, **kw: object
) -> esc.Level:
    return esc.Level(level_id, Text(level_id, level_id), trigger, action, (esc.Role.LEAD_UNIT,), **kw)  # type: ignore[arg-type]


def case(due: dt.date | None, **kw: object) -> esc.DatedCase:
    return esc.DatedCase("T1", "修路", due, PARTIES, **kw)  # type: ignore[arg-type]


class TestTriggers:
    def test_yellow_one_working_day_before_a_due_date_after_a_holiday(self) -> None:
        """Due Thu 2026-10-08 (after National Day): 1 working day before is Wed 09-30."""
        # Back from 10-08: 10-07..10-01 are rest days, so the previous working day is 09-30.
        p = policy(level("yellow", esc.Trigger(esc.TriggerKind.BEFORE_DUE, 1)))
        assert not esc.evaluate(p, [case(D(2026, 10, 8))], at=at(D(2026, 9, 29), 23)).actions
        fired = esc.evaluate(p, [case(D(2026, 10, 8))], at=at(D(2026, 9, 30), 0)).actions
        assert len(fired) == 1
        assert fired[0].reason.offset_working_days == -1

    def test_at_due(self) -> None:
        """An at_due level fires on the due date and not the day before."""
        p = policy(level("due", esc.Trigger(esc.TriggerKind.AT_DUE)))
        assert not esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 11))).actions
        assert (
            esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 12)))
            .actions[0]
            .reason.offset_working_days
            == 0
        )

    def test_red_one_working_day_overdue_skips_the_weekend(self) -> None:
        """Due Fri 2026-10-16: one working day overdue is Mon 10-19, not Sat 10-17."""
        p = policy(level("red", esc.Trigger(esc.TriggerKind.OVERDUE, 1)))
        assert not esc.evaluate(p, [case(D(2026, 10, 16))], at=at(D(2026, 10, 18))).actions
        assert esc.evaluate(p, [case(D(2026, 10, 16))], at=at(D(2026, 10, 19))).actions

    def test_red_counts_the_makeup_saturday(self) -> None:
        """Due Fri 2026-10-09: the make-up Saturday 10-10 is already one working day overdue."""
        p = policy(level("red", esc.Trigger(esc.TriggerKind.OVERDUE, 1)))
        assert esc.evaluate(p, [case(D(2026, 10, 9))], at=at(D(2026, 10, 10))).actions

    def test_share_elapsed(self) -> None:
        """Half of 20 working days from 09-28 have elapsed on 10-16 (the 10th working day)."""
        # 09-29, 09-30, 10-08, 10-09, 10-10, 10-12..10-16: the 10th is 10-16.
        p = policy(level("half", esc.Trigger(esc.TriggerKind.SHARE_ELAPSED, share=0.5)))
        c = case(D(2026, 10, 30), start=D(2026, 9, 28))
        assert not esc.evaluate(p, [c], at=at(D(2026, 10, 15))).actions
        assert esc.evaluate(p, [c], at=at(D(2026, 10, 16))).actions

    def test_share_elapsed_from_a_clock(self) -> None:
        """A clock's own share (which excludes paused days) drives a share trigger."""
        clock = DeadlineClock.start("C1", at=at(D(2026, 9, 28)), period=WorkingDays(20))
        p = policy(level("half", esc.Trigger(esc.TriggerKind.SHARE_ELAPSED, share=0.5)))
        assert not esc.evaluate(p, [esc.ClockCase(clock, PARTIES)], at=at(D(2026, 10, 15))).actions
        assert esc.evaluate(p, [esc.ClockCase(clock, PARTIES)], at=at(D(2026, 10, 16))).actions


class TestIdempotency:
    def test_same_inputs_and_history_give_no_duplicates(self) -> None:
        """With the first evaluation's actions in the history, a second gives nothing."""
        p = esc.get_policy("e-supervision-lights")
        first = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 9)))
        assert len(first.actions) == 1
        assert (
            esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 9)), history=first.actions).actions
            == ()
        )

    def test_later_evaluation_fires_only_what_became_due(self) -> None:
        """After the yellow light, a later evaluation fires only the red one."""
        p = esc.get_policy("e-supervision-lights")
        first = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 9)))
        later = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 13)), history=first.keys)
        assert [a.key.level_id for a in later.actions] == ["red"]

    def test_catch_up_is_one_action_per_level(self) -> None:
        """Missing three weeks of evaluations gives one action per level, not one per day."""
        p = esc.get_policy("e-supervision-lights")
        result = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 11, 2)))
        assert [a.key.level_id for a in result.actions] == ["yellow", "red"]
        red = result.actions[1]
        # Red repeats every 5 working days from 10-13: 10-13, 10-20, 10-27, 11-03 -> on 11-02
        # the current repetition is the third (occurrence 2), due since 10-27.
        assert red.key.occurrence == 2
        assert red.reason.fired_on == D(2026, 10, 27)

    def test_repeat_fires_again_after_the_interval(self) -> None:
        """A repeating level fires again once its interval has passed."""
        p = esc.get_policy("e-supervision-lights")
        first = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 13)))
        same_week = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 19)), history=first.keys)
        assert same_week.actions == ()
        next_week = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 20)), history=first.keys)
        assert [a.key.occurrence for a in next_week.actions] == [1]

    def test_extension_restarts_the_levels(self) -> None:
        """A new due date (after an extension) gets its own yellow light."""
        p = esc.get_policy("e-supervision-lights")
        first = esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 9)))
        extended = esc.evaluate(p, [case(D(2026, 10, 26))], at=at(D(2026, 10, 22)), history=first.keys)
        assert [a.key.due_date for a in extended.actions] == [D(2026, 10, 26)]

    def test_deterministic_order(self) -> None:
        """Actions come ordered by case id, then level order, whatever the input order."""
        p = esc.get_policy("e-supervision-lights")
        cases = [esc.DatedCase(f"T{i}", "x", D(2026, 10, 12), PARTIES) for i in (3, 1, 2)]
        result = esc.evaluate(p, cases, at=at(D(2026, 10, 13)))
        assert [(a.case_id, a.key.level_id) for a in result.actions] == [
            (f"T{i}", lv) for i in (1, 2, 3) for lv in ("yellow", "red")
        ]


class TestCaseStates:
    def test_suspended_case_does_not_escalate(self) -> None:
        """A suspended case gives a notice, no action."""
        result = esc.evaluate(
            esc.get_policy("e-supervision-lights"),
            [case(D(2026, 10, 12), suspended=True)],
            at=at(D(2026, 10, 20)),
        )
        assert result.actions == ()
        assert result.notices[0].state is esc.CaseState.SUSPENDED

    def test_suspended_clock_does_not_escalate(self) -> None:
        """A suspended clock gives a notice, no action."""
        clock = DeadlineClock.start("C1", at=at(D(2026, 9, 28)), period=WorkingDays(20)).suspend(
            at=at(D(2026, 10, 12)), basis=BASIS
        )
        result = esc.evaluate(
            esc.get_policy("e-supervision-lights"), [esc.ClockCase(clock, PARTIES)], at=at(D(2026, 11, 20))
        )
        assert result.actions == ()
        assert result.notices[0].state is esc.CaseState.SUSPENDED

    def test_completed_case_stops(self) -> None:
        """A completed case gives neither action nor notice."""
        result = esc.evaluate(
            esc.get_policy("e-supervision-lights"),
            [case(D(2026, 10, 12), completed_on=D(2026, 10, 12))],
            at=at(D(2026, 10, 20)),
        )
        assert result.actions == ()
        assert result.notices == ()

    def test_undetermined_deadline_is_reported(self) -> None:
        """A case without a due date is reported as undetermined, never guessed."""
        result = esc.evaluate(esc.get_policy("e-supervision-lights"), [case(None)], at=at(D(2026, 10, 20)))
        assert result.actions == ()
        assert result.notices[0].state is esc.CaseState.UNDETERMINED


class TestRoles:
    def test_reminder_letter_routing(self) -> None:
        """A reminder letter is sent by the lead unit to the slow assisting unit, reported (报) to its
        deputy and the mayor, copied (抄送) to the office — 报 and 抄送 kept apart (seed 003 §1(1)2)."""
        # The letter level fires 3 working days before Mon 10-12: Sat 10-10 (make-up),
        # Fri 10-09, Thu 10-08.
        graph = city()
        c = esc.DatedCase("road", "修路", D(2026, 10, 12), esc.CaseParties(task="road"))
        result = esc.evaluate(esc.get_policy("reminder-letter-flow"), [c], at=at(D(2026, 10, 8)), graph=graph)
        letter = result.actions[0]
        assert letter.kind is esc.ActionKind.REMINDER_LETTER
        assert [r.id for r in letter.recipients] == ["finance"]
        assert letter.sender is not None
        assert letter.sender.id == "transport"
        assert [r.id for r in letter.report_to] == ["dep-zhao", "mayor"]
        assert [r.id for r in letter.copy_to] == ["duchashi"]
        assert letter.unresolved == ()
        assert "市财政局" in letter.render("zh")

    def test_without_graph_leader_roles_are_unresolved(self) -> None:
        """Without a graph, leader and office roles are listed as unresolved, not invented."""
        result = esc.evaluate(
            esc.get_policy("reminder-letter-flow"), [case(D(2026, 10, 12))], at=at(D(2026, 10, 8))
        )
        assert set(result.actions[0].unresolved) == {
            esc.Role.SUPERVISING_LEADER,
            esc.Role.MAYOR,
            esc.Role.SUPERVISION_OFFICE,
        }


class TestBadInput:
    def test_bad_arguments(self) -> None:
        """Naive instants, non-policies, non-cases, duplicate ids and bad history are rejected."""
        p = esc.get_policy("e-supervision-lights")
        with pytest.raises(NaiveDatetimeError):
            esc.evaluate(p, [case(D(2026, 10, 12))], at=dt.datetime(2026, 10, 9))
        with pytest.raises(InvalidTypeError):
            esc.evaluate("e-supervision-lights", [case(D(2026, 10, 12))], at=at(D(2026, 10, 9)))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            esc.evaluate(p, ["T1"], at=at(D(2026, 10, 9)))  # type: ignore[list-item]
        twice = esc.evaluate(p, [case(D(2026, 10, 12)), case(D(2026, 10, 13))], at=at(D(2026, 10, 9)))
        assert [n.code.value for n in twice.notices] == ["DUPLICATE_CASE"]
        with pytest.raises(InvalidTypeError):
            esc.evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 9)), history=["T1|yellow"])  # type: ignore[list-item]

    def test_bad_cases(self) -> None:
        """A due before the start, a slow unit that is not assisting and an empty id are rejected."""
        from govefficiency.errors import InvalidInputError

        with pytest.raises(InvalidInputError, match="before start"):
            esc.DatedCase("T1", "x", D(2026, 10, 1), start=D(2026, 10, 8))
        with pytest.raises(InvalidInputError, match="not assisting"):
            esc.CaseParties(lead_unit="a", assisting_units=("b",), slow_units=("c",))
        with pytest.raises(InvalidInputError):
            esc.DatedCase("", "x", D(2026, 10, 1))
