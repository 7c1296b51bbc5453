"""Properties of the two-level clocks, and fuzzing of every loader."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govefficiency import china_calendar
from govefficiency.deadlines import WorkingDays, compute_deadline, get_rule
from govefficiency.errors import CalendarCoverageError, GovEfficiencyError
from govefficiency.services import (
    Application,
    CorrectionNotice,
    FirstContact,
    Light,
    application_status,
    loads_applications,
    loads_catalogue,
    loads_complaints,
    loads_survey,
    status_board,
)
from strategies import fuzz_text, json_garbage

from .conftest import CST, catalogue, item

CAL = china_calendar()
CAT = catalogue(item("a", committed=WorkingDays(10)), item("b", committed=WorkingDays(15)))
DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))


@st.composite
def applications(draw: st.DrawFn, app_id: str = "A") -> Application:
    received_day = draw(DAYS)
    received = dt.datetime.combine(received_day, dt.time(draw(st.integers(0, 23))), tzinfo=CST)
    notice_after = draw(st.one_of(st.none(), st.integers(0, 12)))
    kwargs: dict[str, object] = {}
    if notice_after is not None:
        t = received + dt.timedelta(days=notice_after, hours=1)
        if draw(st.booleans()):
            kwargs["accepted"] = t
        else:
            kwargs["corrections"] = (CorrectionNotice(t, ("plan",)),)
            if draw(st.booleans()):
                kwargs["accepted"] = t + dt.timedelta(days=draw(st.integers(0, 10)))
    if "accepted" in kwargs and draw(st.booleans()):
        kwargs["decided"] = kwargs["accepted"] + dt.timedelta(days=draw(st.integers(0, 60)))  # type: ignore[operator]
    return Application(
        app_id,
        draw(st.sampled_from(["a", "b"])),
        received,
        FirstContact("wang", "market", received),
        **kwargs,  # type: ignore[arg-type]
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(applications(), min_size=1, max_size=12), st.integers(0, 120))
def test_bulk_board_equals_one_by_one(apps: list[Application], offset: int) -> None:
    """The bulk board gives each application the status it gets alone."""
    apps = [
        a.__class__(
            f"A{i}",
            a.item,
            a.received,
            a.first_contact,
            a.submitted,
            a.referral,
            a.handled_by,
            a.corrections,
            a.accepted,
            a.suspensions,
            a.extensions,
            a.decided,
            a.delivered,
        )
        for i, a in enumerate(apps)
    ]
    when = dt.datetime(2024, 1, 1, tzinfo=CST) + dt.timedelta(days=offset * 8)
    board = status_board(apps, CAT, at=when)
    for a, s in zip(apps, board.statuses, strict=True):
        assert application_status(a, CAT, at=when) == s


@settings(max_examples=150)
@given(applications())
def test_limits_come_from_the_deadline_engine(a: Application) -> None:
    """Both limits equal compute_deadline from the same start; the committed one (shorter)
    never ends later; deemed acceptance starts on the day of receipt."""
    s = application_status(a, CAT, at=dt.datetime(2026, 12, 31, 12, tzinfo=CST))
    if s.start is None or s.light is Light.UNDETERMINED:
        return
    if s.statutory_due is None:  # ends after the calendar's last day: the engine agrees
        with pytest.raises(CalendarCoverageError):
            compute_deadline(s.start, get_rule("licensing.decision"), calendar=CAL)
        return
    assert s.statutory_due == compute_deadline(s.start, get_rule("licensing.decision"), calendar=CAL).due_date
    committed = CAT.get(a.item).committed
    if s.committed_due is None:
        with pytest.raises(CalendarCoverageError):
            compute_deadline(s.start, committed, calendar=CAL)
        return
    assert s.committed_due == compute_deadline(s.start, committed, calendar=CAL).due_date
    assert s.committed_due is not None
    assert s.statutory_due is not None
    assert s.committed_due <= s.statutory_due
    if s.deemed:
        assert s.start == s.received
        assert s.notice_due is not None
        notified = a.notified
        assert notified is None or notified.astimezone(CST).date() > s.notice_due


_RANK = {Light.PENDING: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}


@settings(max_examples=100)
@given(applications(), st.lists(st.integers(0, 200), min_size=2, max_size=6))
def test_lights_only_get_worse_while_open(a: Application, offsets: list[int]) -> None:
    """For an open application without suspensions the light never improves with time."""
    if a.decided is not None:
        return
    ranks = []
    for off in sorted(offsets):
        when = a.received + dt.timedelta(days=off)
        if when.astimezone(CST).date() > dt.date(2026, 12, 31):
            break
        ranks.append(_RANK.get(application_status(a, CAT, at=when).light, -1))
    assert ranks == sorted(ranks)


# --- fuzzing the loaders -------------------------------------------------------------------------

_json = json_garbage(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(allow_nan=False),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "items",
        "posts",
        "applications",
        "absences",
        "rules",
        "complaints",
        "responses",
        "counting_rule",
        "id",
        "name",
        "rule",
        "committed",
        "received",
        "first_contact",
        "target",
    ]
)
_docs = st.dictionaries(_keys, _json, max_size=5)
_LOADERS = (loads_catalogue, loads_applications, loads_complaints, loads_survey)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_docs)
def test_loaders_raise_only_library_errors_on_json(doc: dict[str, object]) -> None:
    """Any JSON document either loads or raises a GovEfficiencyError (never a raw Python error)."""
    text = json.dumps(doc)
    for load in _LOADERS:
        with contextlib.suppress(GovEfficiencyError):
            load(text, fmt="json")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_loaders_raise_only_library_errors_on_text(text: str) -> None:
    fuzz_text(text, *_LOADERS)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            out += _paths(v, (*prefix, i))
    return out


def _mutated(name: str) -> st.SearchStrategy[tuple[str, str]]:
    from .conftest import DATA

    path = DATA / name
    if path.suffix == ".json":
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["applications"] = doc["applications"][:3]
    else:
        import tomllib

        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    paths = _paths(doc)[1:]

    def mutate(choice: tuple[tuple[object, ...], object]) -> tuple[str, str]:
        where, value = choice
        copy = json.loads(json.dumps(doc, default=str))
        target = copy
        for key in where[:-1]:
            target = target[key]  # type: ignore[index]
        target[where[-1]] = value  # type: ignore[index]
        return name, json.dumps(copy)

    return st.tuples(st.sampled_from(paths), _json).map(mutate)


_BY_FILE = {
    "catalogue.toml": loads_catalogue,
    "applications.json": loads_applications,
    "complaints.toml": loads_complaints,
    "survey.toml": loads_survey,
}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(*(_mutated(n) for n in _BY_FILE)))
def test_mutated_example_files_fail_cleanly(case: tuple[str, str]) -> None:
    """The example files with one value replaced by random JSON load or raise a library error."""
    name, text = case
    with contextlib.suppress(GovEfficiencyError):
        _BY_FILE[name](text, fmt="json")
