"""Issue 11 §1: escalation correct at every joint — hand-worked offsets on rest-day due
dates, no action without a recipient, 送/报/抄送, 签收/反馈, per-case notices, the year
boundary and safe history files. Each test would have failed before the fix."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency import Text
from govefficiency.calendar import china_calendar
from govefficiency.deadlines import DeadlineClock, WorkingDays
from govefficiency.errors import EscalationError, GovEfficiencyError, InvalidTypeError, PolicyError
from govefficiency.escalation import (
    AckEffect,
    AckKind,
    Acknowledgement,
    AckRule,
    ActionKey,
    ActionKind,
    CaseParties,
    CaseState,
    CaseView,
    ClockCase,
    DatedCase,
    Level,
    NoticeCode,
    Policy,
    Role,
    Trigger,
    TriggerKind,
    evaluate,
    get_policy,
    load_acknowledgements,
    load_history,
    locked_history,
    save_history,
)
from strategies import json_garbage

from .conftest import PARTIES, at, city

D = dt.date


def one(trigger: Trigger, **kw: object) -> Policy:
    level = Level("L", Text("级", "level"), trigger, ActionKind.REMINDER, (Role.LEAD_UNIT,), **kw)  # type: ignore[arg-type]
    return Policy("p", Text("测试", "test"), (level,))


def case(due: dt.date | None, case_id: str = "T1", parties: CaseParties = PARTIES) -> DatedCase:
    return DatedCase(case_id, "修路", due, parties)


def test_the_2026_calendar_facts_these_tests_rely_on() -> None:
    """The hand counts below use the published 2026 arrangement."""
    cal = china_calendar()
    assert not cal.is_working_day(D(2026, 10, 31))  # Sat
    assert not cal.is_working_day(D(2026, 10, 18))  # Sun
    assert cal.day_kind(D(2026, 10, 5)).name == "IN_LIEU_REST"  # National Day holiday
    assert cal.day_kind(D(2026, 10, 10)).name == "MAKEUP_WORKDAY"


class TestWorkingDayOffsets:
    def test_before_due_on_a_saturday(self) -> None:
        """Due Sat 10-31, 4 working days before: Fri 30 (1), Thu 29 (2), Wed 28 (3), Tue 27 (4)."""
        p = one(Trigger(TriggerKind.BEFORE_DUE, 4))
        assert not evaluate(p, [case(D(2026, 10, 31))], at=at(D(2026, 10, 26), 23)).actions
        (action,) = evaluate(p, [case(D(2026, 10, 31))], at=at(D(2026, 10, 27), 0)).actions
        assert action.reason.fired_on == D(2026, 10, 27)
        assert action.reason.offset_working_days == -4
        assert "距截止还有4个工作日" in action.header.zh
        assert "4 working days before" in action.header.en

    def test_yellow_light_header_on_a_saturday_due_date(self) -> None:
        """e-supervision yellow (2 working days) for Sat 10-31 fires Thu 10-29 saying two remain."""
        # Fri 30 (1), Thu 29 (2): on Thu the 29th and the 30th remain — two working days.
        result = evaluate(get_policy("e-supervision-lights"), [case(D(2026, 10, 31))], at=at(D(2026, 10, 29)))
        (yellow,) = result.actions
        assert (yellow.reason.fired_on, yellow.reason.offset_working_days) == (D(2026, 10, 29), -2)
        assert "距截止还有2个工作日" in yellow.header.zh
        assert not evaluate(
            get_policy("e-supervision-lights"), [case(D(2026, 10, 31))], at=at(D(2026, 10, 28))
        ).actions

    def test_before_due_on_a_sunday(self) -> None:
        """Due Sun 10-18, 2 working days before: Fri 16 (1), Thu 15 (2) — not Wed 10-14."""
        p = one(Trigger(TriggerKind.BEFORE_DUE, 2))
        assert not evaluate(p, [case(D(2026, 10, 18))], at=at(D(2026, 10, 14), 23)).actions
        (action,) = evaluate(p, [case(D(2026, 10, 18))], at=at(D(2026, 10, 15))).actions
        assert (action.reason.fired_on, action.reason.offset_working_days) == (D(2026, 10, 15), -2)

    def test_before_due_on_a_holiday(self) -> None:
        """Due Mon 10-05 (National Day holiday), 2 before: Wed 09-30 (1), Tue 09-29 (2)."""
        # 10-01..10-04 are holidays and a weekend, so the count starts on 09-30.
        p = one(Trigger(TriggerKind.BEFORE_DUE, 2))
        assert not evaluate(p, [case(D(2026, 10, 5))], at=at(D(2026, 9, 28), 23)).actions
        (action,) = evaluate(p, [case(D(2026, 10, 5))], at=at(D(2026, 9, 29))).actions
        assert (action.reason.fired_on, action.reason.offset_working_days) == (D(2026, 9, 29), -2)

    def test_at_due_on_a_rest_day_fires_on_the_last_working_day_before(self) -> None:
        """at_due for Sat 10-31 fires Fri 10-30, saying one working day (that day) remains."""
        p = one(Trigger(TriggerKind.AT_DUE))
        assert not evaluate(p, [case(D(2026, 10, 31))], at=at(D(2026, 10, 29))).actions
        (action,) = evaluate(p, [case(D(2026, 10, 31))], at=at(D(2026, 10, 30))).actions
        assert (action.reason.fired_on, action.reason.offset_working_days) == (D(2026, 10, 30), -1)
        assert "距截止还有1个工作日" in action.header.zh
        # A holiday due date: Mon 10-05 -> Wed 09-30.
        (holiday,) = evaluate(p, [case(D(2026, 10, 5))], at=at(D(2026, 10, 2))).actions
        assert holiday.reason.fired_on == D(2026, 9, 30)

    def test_at_due_on_a_working_day_is_the_due_date(self) -> None:
        """at_due for Mon 10-12 (a working day) fires that day with offset 0, 'due today'."""
        (action,) = evaluate(
            one(Trigger(TriggerKind.AT_DUE)), [case(D(2026, 10, 12))], at=at(D(2026, 10, 12))
        ).actions
        assert (action.reason.fired_on, action.reason.offset_working_days) == (D(2026, 10, 12), 0)
        assert "今日到期" in action.header.zh

    def test_overdue_after_rest_day_due_dates(self) -> None:
        """Overdue 1 after Sat 10-31 is Mon 11-02; after Sun 10-18, Mon 10-19; after 10-05, Thu 10-08."""
        p = one(Trigger(TriggerKind.OVERDUE, 1))
        for due, first in (
            (D(2026, 10, 31), D(2026, 11, 2)),
            (D(2026, 10, 18), D(2026, 10, 19)),
            (D(2026, 10, 5), D(2026, 10, 8)),
        ):
            before = first - dt.timedelta(days=1)
            assert not evaluate(p, [case(due)], at=at(before, 23)).actions
            (action,) = evaluate(p, [case(due)], at=at(first)).actions
            assert (action.reason.fired_on, action.reason.offset_working_days) == (first, 1)
            assert "已逾期1个工作日" in action.header.zh


class TestRecipients:
    def test_a_letter_without_assisting_unit_goes_to_the_supervision_office(self) -> None:
        """No assisting unit: the letter goes to the supervision office (the fallback), listing the gap."""
        parties = CaseParties(lead_unit="transport")
        result = evaluate(
            get_policy("reminder-letter-flow"),
            [case(D(2026, 10, 12), parties=parties)],
            at=at(D(2026, 10, 8)),
            graph=city(),
        )
        (letter,) = result.actions
        assert [r.id for r in letter.to] == ["duchashi"]
        assert letter.fallback
        assert Role.ASSISTING_UNIT in letter.unresolved
        assert "（兜底接收）" in letter.render("zh")
        assert result.unresolved

    def test_a_policy_may_fall_back_to_the_lead_unit(self) -> None:
        """With fallback = lead_unit, an unaddressable letter goes to the lead unit."""
        base = get_policy("reminder-letter-flow")
        p = base.extended(id="x", title=base.title, fallback=Role.LEAD_UNIT)
        (letter, *_) = evaluate(
            p,
            [case(D(2026, 10, 12), parties=CaseParties(lead_unit="transport"))],
            at=at(D(2026, 10, 8)),
            graph=city(),
        ).actions
        assert [r.id for r in letter.to] == ["transport"]

    def test_no_recipient_at_all_is_a_notice_not_an_action(self) -> None:
        """Nobody resolvable (no parties, no graph): reported UNADDRESSED, never sent to nobody."""
        result = evaluate(
            get_policy("reminder-letter-flow"),
            [case(D(2026, 10, 12), parties=CaseParties())],
            at=at(D(2026, 10, 8)),
        )
        assert not result.actions
        assert [n.code for n in result.notices] == [NoticeCode.UNADDRESSED]
        assert result.unresolved
        assert not result.undetermined

    def test_the_fallback_must_be_office_or_lead(self) -> None:
        """A policy cannot fall back to a leader."""
        with pytest.raises(PolicyError):
            Policy("p", Text("p", "p"), get_policy("handling-limits").levels, fallback=Role.MAYOR)

    def test_upward_letter_to_the_government_office(self) -> None:
        """Seed 003: the department writes to 市政府办公室, 报 deputy and mayor, 抄送 督查室."""
        result = evaluate(
            get_policy("upward-reminder"),
            [case(D(2026, 10, 12), parties=CaseParties(lead_unit="transport"))],
            at=at(D(2026, 10, 13)),
            graph=city(),
        )
        (letter,) = result.actions
        assert letter.sender is not None
        assert letter.sender.id == "transport"
        assert [r.id for r in letter.to] == ["gov-office"]
        assert [r.id for r in letter.report_to] == ["dep-li", "mayor"]
        assert [r.id for r in letter.copy_to] == ["duchashi"]
        assert letter.feedback_due == D(2026, 10, 20)  # 5 working days after Tue 10-13
        text = letter.render("zh")
        assert "送：市政府办公室" in text
        assert "报：李副市长、王市长" in text
        assert "抄送：市政府督查室" in text


class TestAcknowledgements:
    def test_feedback_restarts_the_weekly_red_light(self) -> None:
        """Red fires 10-13 (overdue 1 of 10-12); feedback on Thu 10-15 restarts the weekly count."""
        # Without feedback the second notice is due 5 working days after 10-13: 10-20.
        # With feedback on 10-15 it is 5 working days after 10-15: Thu 10-22.
        p = get_policy("e-supervision-lights")
        key = ActionKey("T1", "red", D(2026, 10, 12), 0)
        ack = Acknowledgement(key, AckKind.FEEDBACK, D(2026, 10, 15))
        history = [ActionKey("T1", "yellow", D(2026, 10, 12), 0), key]
        assert evaluate(p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 20)), history=history).actions
        assert not evaluate(
            p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 21)), history=history, acknowledgements=[ack]
        ).actions
        (again,) = evaluate(
            p, [case(D(2026, 10, 12))], at=at(D(2026, 10, 22)), history=history, acknowledgements=[ack]
        ).actions
        assert (again.key.occurrence, again.reason.fired_on) == (1, D(2026, 10, 22))

    def test_feedback_stops_the_upward_letter(self) -> None:
        """The upward letter repeats weekly until feedback is received; then it stops."""
        p = get_policy("upward-reminder")
        parties = CaseParties(lead_unit="transport")
        key = ActionKey("T1", "upward-letter", D(2026, 10, 12), 0)
        ack = Acknowledgement(key, AckKind.FEEDBACK, D(2026, 10, 14))
        assert evaluate(
            p, [case(D(2026, 10, 12), parties=parties)], at=at(D(2026, 10, 20)), history=[key], graph=city()
        ).actions
        assert not evaluate(
            p,
            [case(D(2026, 10, 12), parties=parties)],
            at=at(D(2026, 10, 27)),
            history=[key],
            graph=city(),
            acknowledgements=[ack],
        ).actions

    def test_missing_feedback_is_reported(self) -> None:
        """A letter sent 10-07's... due 10-12, fired 10-08, feedback due 3 working days later (10-12)."""
        # letter: 3 working days before Mon 10-12 -> Thu 10-08; feedback within 3: Fri 09, Sat 10 (make-up), Mon 12.
        p = get_policy("reminder-letter-flow")
        key = ActionKey("T1", "letter", D(2026, 10, 12), 0)
        result = evaluate(
            p,
            [case(D(2026, 10, 12))],
            at=at(D(2026, 10, 13)),
            history=[key, ActionKey("T1", "notice", D(2026, 10, 12), 0)],
        )
        assert [n.code for n in result.notices] == [NoticeCode.FEEDBACK_OVERDUE]
        signed = Acknowledgement(key, AckKind.FEEDBACK, D(2026, 10, 12))
        assert not evaluate(
            p,
            [case(D(2026, 10, 12))],
            at=at(D(2026, 10, 13)),
            history=[key, ActionKey("T1", "notice", D(2026, 10, 12), 0)],
            acknowledgements=[signed],
        ).notices

    def test_an_effect_needs_a_repeating_level(self) -> None:
        """Stopping or restarting a one-off level is refused."""
        with pytest.raises(PolicyError):
            Level(
                "x",
                Text("x", "x"),
                Trigger(TriggerKind.AT_DUE),
                ActionKind.REMINDER,
                (Role.LEAD_UNIT,),
                ack=AckRule(effect=AckEffect.STOP),
            )
        with pytest.raises(InvalidTypeError):
            evaluate(get_policy("handling-limits"), [], at=at(D(2026, 10, 12)), acknowledgements=["T1"])  # type: ignore[list-item]


class _Broken:
    case_id = "B1"
    title = Text("坏", "broken")
    parties = CaseParties()

    def view(self, at: dt.datetime) -> CaseView:
        raise GovEfficiencyError("broken source", "数据源损坏")


class TestPerCase:
    def test_one_bad_case_never_breaks_the_batch(self) -> None:
        """A clock not started, a malformed case and a duplicate id are notices; the rest is evaluated."""
        cal = china_calendar()
        later = DeadlineClock.start("C-late", at=at(D(2026, 11, 2)), period=WorkingDays(5), calendar=cal)
        cases = [ClockCase(later), _Broken(), case(D(2026, 10, 12)), case(D(2026, 10, 13))]
        result = evaluate(get_policy("e-supervision-lights"), cases, at=at(D(2026, 10, 13)))
        assert {(n.case_id, n.code) for n in result.notices} == {
            ("C-late", NoticeCode.NOT_STARTED),
            ("B1", NoticeCode.MALFORMED),
            ("T1", NoticeCode.DUPLICATE_CASE),
        }
        assert [a.key.level_id for a in result.actions] == ["yellow", "red"]
        assert result.undetermined

    def test_overdue_state_and_count(self) -> None:
        """A dated case past its due date is OVERDUE; the engine counts working days overdue."""
        # Due Fri 10-16; on Wed 10-21: Mon 19, Tue 20, Wed 21 -> 3 working days overdue.
        c = case(D(2026, 10, 16))
        assert c.view(at=at(D(2026, 10, 21))).state is CaseState.OVERDUE
        assert c.view(at=at(D(2026, 10, 16))).state is CaseState.OPEN
        assert evaluate(get_policy("e-supervision-lights"), [c], at=at(D(2026, 10, 21))).overdue == {"T1": 3}

    def test_a_clock_past_due_is_overdue_with_its_count(self) -> None:
        """A live clock past its due date is OVERDUE with the clock's own overdue_by."""
        clock = DeadlineClock.start(
            "C1", at=at(D(2026, 10, 12)), period=WorkingDays(2), calendar=china_calendar()
        )
        view = ClockCase(clock).view(at=at(D(2026, 10, 19)))
        assert view.state is CaseState.OVERDUE
        assert view.overdue_by is not None
        assert view.overdue_by > 0


class TestYearBoundary:
    def test_overdue_since_october_still_fires_in_january(self) -> None:
        """At 2027-01-04 (2027 not published) a case overdue since 10-12 still gets its notice."""
        result = evaluate(get_policy("e-supervision-lights"), [case(D(2026, 10, 12))], at=at(D(2027, 1, 4)))
        red = [a for a in result.actions if a.key.level_id == "red"]
        assert red, "the red light fired inside 2026 and must not go silent"
        assert red[0].reason.fired_on <= D(2026, 12, 31)
        assert not red[0].provisional  # decided from published data, only clipped at its end
        assert result.undetermined
        assert result.missing_years == (2027,)
        assert any(n.code is NoticeCode.OUTSIDE_CALENDAR and n.missing_year == 2027 for n in result.notices)

    def test_a_due_date_next_year_is_not_yet_due_in_october(self) -> None:
        """Due 2027-02-01, asked on 2026-10-13: plenty of 2026 working days remain — decided, nothing fires."""
        result = evaluate(get_policy("e-supervision-lights"), [case(D(2027, 2, 1))], at=at(D(2026, 10, 13)))
        assert not result.actions
        assert not result.notices

    def test_a_due_date_next_year_near_the_end_is_undetermined(self) -> None:
        """Due 2027-01-05, asked on 2026-12-31: whether 2 working days remain depends on 2027."""
        result = evaluate(get_policy("e-supervision-lights"), [case(D(2027, 1, 5))], at=at(D(2026, 12, 31)))
        assert result.undetermined
        assert result.missing_years == (2027,)

    def test_provisional_decides_and_flags(self) -> None:
        """With a provisional calendar the January answer is given, flagged provisional."""
        cal = china_calendar(provisional=True)
        result = evaluate(
            get_policy("e-supervision-lights"), [case(D(2026, 10, 12))], at=at(D(2027, 1, 4)), calendar=cal
        )
        assert not result.undetermined
        assert any(a.provisional for a in result.actions)


class TestHistoryFiles:
    def test_round_trip_with_acknowledgements(self, tmp_path: Path) -> None:
        """Keys and their 签收/反馈 dates survive a save and a load."""
        path = tmp_path / "h.json"
        key = ActionKey("T1", "red", D(2026, 10, 12), 2)
        acks = [
            Acknowledgement(key, AckKind.SIGNED, D(2026, 10, 14)),
            Acknowledgement(key, AckKind.FEEDBACK, D(2026, 10, 16)),
        ]
        save_history(path, [key], acknowledgements=acks)
        assert load_history(path) == (key,)
        assert set(load_acknowledgements(path)) == set(acks)
        assert not list(tmp_path.glob(".h.json.*"))  # no temporary file left behind

    @pytest.mark.parametrize(
        "entry",
        [
            {"case": "T1", "level": "red", "due_date": "2026-10-12", "occurrence": 0.9},
            {"case": "T1", "level": "red", "due_date": "2026-10-12", "occurrence": "1"},
            {"case": "T1", "level": "red", "due_date": "2026-10-12", "occurrence": True},
            {"case": 1, "level": "red", "due_date": "2026-10-12"},
            {"case": "T1", "level": "red", "due_date": 20261012},
            {"case": "T1", "level": "red", "due_date": "2026-10-12", "extra": 1},
            {"case": "T1", "level": "red", "due_date": "2026-10-12", "signed_on": "soon"},
        ],
    )
    def test_strict_types(self, tmp_path: Path, entry: dict[str, object]) -> None:
        """0.9 is not 0, "1" is not 1, true is not 1: a malformed history is an error, never coerced."""
        path = tmp_path / "h.json"
        path.write_text(json.dumps([entry]), encoding="utf-8")
        with pytest.raises(EscalationError):
            load_history(path)

    def test_not_json_or_not_a_list(self, tmp_path: Path) -> None:
        """A file that is not a JSON list is refused with its name."""
        path = tmp_path / "h.json"
        path.write_text("{", encoding="utf-8")
        with pytest.raises(EscalationError, match=r"h\.json"):
            load_history(path)
        path.write_text("{}", encoding="utf-8")
        with pytest.raises(EscalationError):
            load_history(path)

    def test_saving_actions_instead_of_keys_is_a_clear_error(self, tmp_path: Path) -> None:
        """save_history(path, result.actions) or (path, result) says to pass result.keys."""
        result = evaluate(get_policy("e-supervision-lights"), [case(D(2026, 10, 12))], at=at(D(2026, 10, 13)))
        with pytest.raises(InvalidTypeError, match="keys"):
            save_history(tmp_path / "h.json", result.actions)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="keys"):
            save_history(tmp_path / "h.json", result)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            save_history(tmp_path / "h.json", result.keys, acknowledgements=["x"])  # type: ignore[list-item]

    def test_a_failed_write_keeps_the_old_history(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The rename is atomic: when writing fails, the previous file is intact."""
        path = tmp_path / "h.json"
        key = ActionKey("T1", "red", D(2026, 10, 12), 0)
        save_history(path, [key])
        before = path.read_text(encoding="utf-8")

        def boom(*args: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr("os.replace", boom)
        with pytest.raises(EscalationError, match="disk full"):  # a library error (issue 16)
            save_history(path, [key, ActionKey("T2", "red", D(2026, 10, 12), 0)])
        assert path.read_text(encoding="utf-8") == before
        assert not list(tmp_path.glob(".h.json.*"))

    def test_the_lock_refuses_a_concurrent_run(self, tmp_path: Path) -> None:
        """While one run holds the history lock, a second one is refused."""
        path = tmp_path / "h.json"
        with locked_history(path), pytest.raises(EscalationError, match="locked"), locked_history(path):
            pass
        with locked_history(path):  # released afterwards
            pass


class TestProperties:
    @given(
        due=st.dates(D(2026, 1, 20), D(2026, 12, 20)),
        delta=st.integers(-30, 30),
        n=st.integers(0, 8),
        kind=st.sampled_from([TriggerKind.BEFORE_DUE, TriggerKind.AT_DUE, TriggerKind.OVERDUE]),
    )
    @settings(max_examples=300, deadline=None)
    def test_fires_exactly_from_the_trigger_day(
        self, due: dt.date, delta: int, n: int, kind: TriggerKind
    ) -> None:
        """A level fires on ``day`` iff day >= its trigger day, and reports that day and its offset."""
        cal = china_calendar()
        if kind is TriggerKind.AT_DUE:
            n = 0
        if kind is TriggerKind.OVERDUE:
            n = max(n, 1)
        day = due + dt.timedelta(days=delta)
        if kind is TriggerKind.OVERDUE:
            trigger = cal.add_working_days(due, n)
        elif n:
            trigger = cal.add_working_days(due, -n)
        else:
            trigger = due if cal.is_working_day(due) else cal.add_working_days(due, -1)
        actions = evaluate(one(Trigger(kind, n)), [case(due)], at=at(day)).actions
        assert bool(actions) == (day >= trigger)
        if actions:
            assert actions[0].reason.fired_on == trigger
            expected = n if kind is TriggerKind.OVERDUE else -n if n else (0 if trigger == due else -1)
            assert actions[0].reason.offset_working_days == expected


@given(
    json_garbage(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        st.sampled_from(["case", "level", "due_date", "occurrence", "signed_on", "x"]),
        max_keys=5,
        max_leaves=12,
    )
)
@settings(max_examples=200, deadline=None)
def test_history_loader_fuzz(tmp_path_factory: pytest.TempPathFactory, data: object) -> None:
    """Fuzz: any JSON document either loads as history or raises EscalationError — never anything else."""
    path = tmp_path_factory.mktemp("h") / "h.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        keys = load_history(path)
    except EscalationError:
        return
    assert all(isinstance(k, ActionKey) and type(k.occurrence) is int for k in keys)


class _ForeignState(enum.Enum):
    OPEN = "open"
    PAUSED = "paused"


class _Foreign:
    """A source module's own case (structural protocol), with its own state enum."""

    def __init__(self, case_id: str, state: _ForeignState) -> None:
        self.case_id = case_id
        self.title = Text("外部", "foreign")
        self.parties = PARTIES
        self._state = state

    def view(self, at: dt.datetime) -> object:
        return type(
            "View",
            (),
            {"state": self._state, "due_date": D(2026, 10, 12), "start": None, "share_elapsed": None},
        )()


def test_a_source_state_enum_is_read_by_value() -> None:
    """A source's own state enum counts by value ('open'); an unknown state is a MALFORMED notice."""
    result = evaluate(
        get_policy("e-supervision-lights"),
        [_Foreign("F1", _ForeignState.OPEN), _Foreign("F2", _ForeignState.PAUSED)],
        at=at(D(2026, 10, 13)),
    )
    assert {a.case_id for a in result.actions} == {"F1"}
    assert [(n.case_id, n.code) for n in result.notices] == [("F2", NoticeCode.MALFORMED)]
