"""Private: trusted constructors for the values escalation builds by the hundred thousand.

A first evaluation of 100,000 cases builds about 119,000 actions, each with its key and
reason; :func:`~govefficiency.escalation.ledger_cases` builds one case per ledger item.
The attrs ``__init__`` of a frozen class sets every field through
``object.__setattr__`` and runs the field's converters and validators. The constructors
here set the slots through the classes' own slot descriptors instead — about twice as
fast — and check nothing. They are therefore only for values the caller has already
checked (ids from a validated record, dates from the calendar, texts built from
non-empty ids); ``tests/escalation/test_fast.py`` checks that each one builds a value
equal, field for field, to the one the validated constructor builds, and that the field
lists below still match the classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from govefficiency.escalation._actions import Action, ActionKey, CaseNotice, NoticeCode, Reason
from govefficiency.escalation._cases import CaseParties, CaseState, DatedCase
from govefficiency.text import Text

__all__: list[str] = []

_new = object.__new__


def _setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of ``cls``'s fields, in the order of ``names`` (which must be the
    class's fields, in order: a field added to the class without updating the constructor
    below fails here, at import)."""
    fields = tuple(a.name for a in attrs.fields(cls))
    if fields != names:  # pragma: no cover - a programming error caught at import
        raise AssertionError(f"{cls.__name__} fields changed: {fields} != {names}")
    return tuple(cls.__dict__[name].__set__ for name in names)


_KEY = _setters(ActionKey, ("case_id", "level_id", "due_date", "occurrence"))
_REASON = _setters(
    Reason, ("case_id", "due_date", "offset_working_days", "level_id", "trigger", "fired_on", "occurrence")
)
_ACTION = _setters(
    Action,
    (
        "key",
        "kind",
        "level",
        "sender",
        "to",
        "report_to",
        "copy_to",
        "unresolved",
        "fallback",
        "reason",
        "title",
        "citation",
        "feedback_due",
        "provisional",
        "accountable",
        "units",
    ),
)
_TEXT = _setters(Text, ("zh", "en"))
_NOTICE = _setters(CaseNotice, ("case_id", "state", "text", "code", "level_id", "missing_year"))
_DATED = _setters(
    DatedCase, ("case_id", "title", "due", "parties", "start", "completed_on", "suspended", "zone")
)


def action_key(case_id: str, level_id: str, due_date: dt.date, occurrence: int) -> ActionKey:
    key = _new(ActionKey)
    s_case, s_level, s_due, s_occ = _KEY
    s_case(key, case_id)
    s_level(key, level_id)
    s_due(key, due_date)
    s_occ(key, occurrence)
    return key


def reason(
    case_id: str,
    due_date: dt.date,
    offset: int,
    level_id: str,
    trigger: Text,
    fired_on: dt.date,
    occurrence: int,
) -> Reason:
    r = _new(Reason)
    s_case, s_due, s_off, s_level, s_trigger, s_fired, s_occ = _REASON
    s_case(r, case_id)
    s_due(r, due_date)
    s_off(r, offset)
    s_level(r, level_id)
    s_trigger(r, trigger)
    s_fired(r, fired_on)
    s_occ(r, occurrence)
    return r


#: What an action of one level says for one set of parties, besides its key, reason,
#: title and dates: (kind, level title, sender, to, report to, copy to, unresolved roles,
#: fallback, citation, accountable, units); ``()`` when nobody can be addressed.
Letter = tuple[Any, ...]


def action(
    key: ActionKey,
    why: Reason,
    title: Text,
    feedback_due: dt.date | None,
    provisional: bool,
    letter: Letter,
) -> Action:
    """An :class:`Action` of a key, a reason, the case's title, the dates and a
    :data:`Letter`."""
    kind, level, sender, to, report_to, copy_to, unresolved, fallback, citation, accountable, units = letter
    a = _new(Action)
    (
        s_key,
        s_kind,
        s_level,
        s_sender,
        s_to,
        s_report_to,
        s_copy_to,
        s_unresolved,
        s_fallback,
        s_reason,
        s_title,
        s_citation,
        s_feedback_due,
        s_provisional,
        s_accountable,
        s_units,
    ) = _ACTION
    s_key(a, key)
    s_kind(a, kind)
    s_level(a, level)
    s_sender(a, sender)
    s_to(a, to)
    s_report_to(a, report_to)
    s_copy_to(a, copy_to)
    s_unresolved(a, unresolved)
    s_fallback(a, fallback)
    s_reason(a, why)
    s_title(a, title)
    s_citation(a, citation)
    s_feedback_due(a, feedback_due)
    s_provisional(a, provisional)
    s_accountable(a, accountable)
    s_units(a, units)
    return a


def notice(
    case_id: str,
    state: CaseState,
    text: Text,
    code: NoticeCode,
    level_id: str | None,
    missing_year: int | None,
) -> CaseNotice:
    n = _new(CaseNotice)
    s_case, s_state, s_text, s_code, s_level, s_year = _NOTICE
    s_case(n, case_id)
    s_state(n, state)
    s_text(n, text)
    s_code(n, code)
    s_level(n, level_id)
    s_year(n, missing_year)
    return n


def text(zh: str, en: str) -> Text:
    """A :class:`Text` of two strings known to be non-empty."""
    t = _new(Text)
    _TEXT[0](t, zh)
    _TEXT[1](t, en)
    return t


def dated_case(
    case_id: str,
    title: Text,
    due: dt.date | None,
    parties: CaseParties,
    start: dt.date | None,
    completed_on: dt.date | None,
    zone: str,
) -> DatedCase:
    """A :class:`DatedCase` of checked values (an id, a Text, dates, a checked zone);
    ``start`` is not after ``due``."""
    case = _new(DatedCase)
    s_id, s_title, s_due, s_parties, s_start, s_done, s_suspended, s_zone = _DATED
    s_id(case, case_id)
    s_title(case, title)
    s_due(case, due)
    s_parties(case, parties)
    s_start(case, start)
    s_done(case, completed_on)
    s_suspended(case, False)
    s_zone(case, zone)
    return case
