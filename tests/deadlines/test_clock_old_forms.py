"""DeadlineClock's events and status take the time by keyword (issue 10, docs/conventions.md);
the old positional forms (``clock.suspend(at, basis)``) warn for one release and give the
same clock."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path
from typing import Any

import pytest

from govefficiency.deadlines import ClockState, DeadlineClock, WorkingDays, get_rule
from govefficiency.errors import InvalidInputError
from strategies import BASIS, SHANGHAI

RULE = get_rule("licensing.decision")


def at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=SHANGHAI)


def new_form() -> DeadlineClock:
    # Accepted Mon 09-28; expert review 10-12..10-16; extension approved 11-05.
    return (
        DeadlineClock.start("L-1", at=at(9, 28), period=RULE)
        .suspend(at=at(10, 12), basis=BASIS, ordered_by="局长")
        .resume(at=at(10, 16, 17))
        .extend(at=at(11, 5), length=WorkingDays(10), authority="本机关负责人")
    )


def test_the_new_form_is_silent(recwarn: pytest.WarningsRecorder) -> None:
    clock = new_form().complete(at=at(11, 20))
    assert clock.status(at=at(11, 24)).state is ClockState.COMPLETED_ON_TIME
    restarted = DeadlineClock.start("R", at=at(9, 28), period=WorkingDays(20)).restart(
        at=at(10, 9), basis=BASIS
    )
    assert restarted.events[-1].kind.value == "restart"
    assert not recwarn.list


def test_each_method_takes_the_time_keyword_only() -> None:
    for name in ("start", "suspend", "restart", "resume", "extend", "complete", "status"):
        params = inspect.signature(getattr(DeadlineClock, name)).parameters
        assert params["at"].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert params["at"].default is inspect.Parameter.empty, name
        assert all(p.kind is not p.VAR_POSITIONAL for p in params.values()), name


def test_the_old_forms_warn_and_give_the_same_clock() -> None:
    new = new_form()
    with pytest.warns(DeprecationWarning, match=r"DeadlineClock.start\(\): passing at, period by position"):
        clock = DeadlineClock.start("L-1", at(9, 28), RULE)
    with pytest.warns(DeprecationWarning, match=r"DeadlineClock.suspend\(\): passing at, basis by position"):
        clock = clock.suspend(at(10, 12), BASIS, ordered_by="局长")
    with pytest.warns(DeprecationWarning, match=r"DeadlineClock.resume\(\): passing the time by position"):
        clock = clock.resume(at(10, 16, 17))
    with pytest.warns(DeprecationWarning, match=r"extend\(\): passing at, length, authority by position"):
        clock = clock.extend(at(11, 5), WorkingDays(10), "本机关负责人")
    assert clock.events == new.events
    with pytest.warns(DeprecationWarning, match=r"DeadlineClock.status\(\): passing the time by position"):
        assert clock.status(at(11, 9)) == new.status(at=at(11, 9))
    with pytest.warns(DeprecationWarning, match=r"DeadlineClock.complete\(\): passing the time by position"):
        assert clock.complete(at(11, 20)).events == new.complete(at=at(11, 20)).events
    with pytest.warns(DeprecationWarning, match=r"DeadlineClock.restart\(\): passing at, basis by position"):
        restarted = DeadlineClock.start("R", at=at(9, 28), period=WorkingDays(20)).restart(at(10, 9), BASIS)
    assert restarted.events[-1].basis == BASIS


def test_an_old_form_may_mix_position_and_keyword() -> None:
    """``start(id, at, period=…)``, ``extend(at, length, authority, basis)``: each argument
    given once, either way."""
    with pytest.warns(DeprecationWarning, match="passing the time by position"):
        clock = DeadlineClock.start("L-1", at(9, 28), period=RULE)
    with pytest.warns(DeprecationWarning, match="passing at, length, authority, basis by position"):
        extended = clock.extend(at(10, 9), WorkingDays(10), "本机关负责人", BASIS)
    assert extended.events[-1].basis == BASIS
    with pytest.warns(DeprecationWarning, match="passing the time by position"):
        assert clock.extend(at(10, 9), length=WorkingDays(10), authority="x").events[-1].basis is None


def test_the_warning_points_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning, match="passing the time by position") as caught:
        new_form().status(at(11, 9))
    assert Path(caught[0].filename) == Path(__file__)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda c: c.suspend(at(10, 12), BASIS, at=at(10, 12)), "at"),
        (lambda c: c.suspend(at(10, 12), BASIS, basis=BASIS), "basis"),
        (lambda c: c.status(at(10, 12), at=at(10, 12)), "at"),
        (lambda c: c.extend(at(10, 9), WorkingDays(1), "x", BASIS, basis=BASIS), "basis"),
        (lambda c: DeadlineClock.start("x", at(9, 28), RULE, period=RULE), "period"),
    ],
)
def test_an_argument_given_both_ways_is_refused(call: Any, name: str) -> None:
    with pytest.raises(InvalidInputError, match=f"{name} is given twice") as caught:
        call(new_form())
    assert "给出了两次" in caught.value.zh


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.status(),
        lambda c: c.suspend(at=at(10, 12)),
        lambda c: c.extend(at=at(10, 9), length=WorkingDays(1)),
        lambda c: DeadlineClock.start("x", at=at(9, 28)),
        lambda c: c.resume(at(10, 12), at(10, 13)),
        lambda c: c.extend(at(10, 9), WorkingDays(1), "x", BASIS, "extra"),
    ],
)
def test_a_missing_or_extra_argument_is_a_type_error(call: Any) -> None:
    """As Python says for a missing keyword-only argument (not a silent sentinel value)."""
    with pytest.raises(TypeError):
        call(new_form())
