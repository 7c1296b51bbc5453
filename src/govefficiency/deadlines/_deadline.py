"""A computed deadline and its explanation: :class:`Deadline`, its :class:`Step` s and
the :class:`AlternativeDue` of a rule read in its alternative unit."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._time import require_aware
from govefficiency._validators import instance_of
from govefficiency.calendar import CalendarVersion
from govefficiency.citation import Citation
from govefficiency.deadlines._periods import Period
from govefficiency.deadlines._rules import Consequence, StatuteRule
from govefficiency.text import Lang, Text, require_lang


class StepKind(enum.Enum):
    """The kinds of step in a deadline's explanation."""

    RULE = "rule"
    START = "start"
    COUNT = "count"
    SUSPENSION = "suspension"
    RESTART = "restart"
    ROLL = "roll"
    EXTENSION = "extension"
    UNDETERMINED = "undetermined"
    DUE = "due"
    CONSEQUENCE = "consequence"
    PROVISIONAL = "provisional"
    ALTERNATIVE = "alternative"
    COMBINE = "combine"


@attrs.frozen
class Step:
    """One step of a deadline's explanation.

    Attributes:
        kind: what the step does.
        text: the step in zh and en.
        citation: the rule it applies, or ``None``.
    """

    kind: StepKind
    text: Text = attrs.field(validator=instance_of(Text))
    citation: Citation | None = None

    def render(self, lang: Lang = "zh") -> str:
        line = self.text.get(lang)
        if self.citation is not None:
            line += f" [{self.citation.render(lang)}]"
        return line


class DeadlineStatus(enum.Enum):
    """``DETERMINED``: the due date is known. ``SUSPENDED``: an open suspension makes it
    not yet determined (``due_date is None``)."""

    DETERMINED = "determined"
    SUSPENDED = "suspended"


@attrs.frozen
class Deadline:
    """A computed time limit and how it was reached.

    Attributes:
        start: the start as given (a date or aware datetime), or for a backward limit
            the event it ends before.
        period: the period counted.
        due_date: the last day of the period, or ``None`` while suspended.
        due_at: the instant the period ends (end of ``due_date`` in the calendar's zone,
            or close of business), or ``None`` while suspended.
        status: determined or suspended.
        provisional: ``True`` when a date used lies beyond the calendar's published
            arrangement (provisional mode): re-check when the arrangement is published.
        steps: the explanation, step by step.
        rule: the statute rule applied, or ``None`` for a bare period.
        backward: ``True`` for a "latest date before an event" limit.
        lapses_at: the instant after which the limit has legally lapsed and its
            consequence applies. Equal to ``due_at`` except for a calendar-type backward
            limit whose nominal last day is a rest day: ``due_date`` then moves to the
            earlier working day (the safe day to act), while the limit itself lapses at
            the end of the nominal day.
        alternative: the result under the rule's declared alternative reading of its
            counting unit, with the reason; ``None`` when the rule declares none (or for
            a bare period).
    """

    start: dt.date | dt.datetime
    period: Period
    due_date: dt.date | None
    due_at: dt.datetime | None
    status: DeadlineStatus
    provisional: bool
    steps: tuple[Step, ...]
    rule: StatuteRule | None = None
    backward: bool = False
    lapses_at: dt.datetime | None = None
    calendar_version: CalendarVersion | None = None
    alternative: AlternativeDue | None = None

    def __attrs_post_init__(self) -> None:
        if self.lapses_at is None:
            object.__setattr__(self, "lapses_at", self.due_at)

    @property
    def consequence(self) -> Consequence | None:
        """What the rule says happens when this limit expires, if it says anything."""
        return None if self.rule is None else self.rule.consequence

    @at_by_keyword(1)
    def is_overdue(self, *, at: dt.datetime) -> bool:
        """Whether the aware instant ``at`` is after the period's end. A deadline that
        is not yet determined (open suspension) is never overdue. (``at`` passed by
        position is deprecated.)"""
        at = require_aware(at, "at")
        return self.due_at is not None and at > self.due_at

    @at_by_keyword(1)
    def consequence_at(self, *, at: dt.datetime) -> Consequence | None:
        """The rule's consequence of expiry if the limit has lapsed at ``at``
        (see :attr:`lapses_at`). (``at`` passed by position is deprecated.)"""
        at = require_aware(at, "at")
        if self.consequence is None or self.lapses_at is None:
            return None
        return self.consequence if at > self.lapses_at else None

    def explain(self, lang: Lang = "zh") -> str:
        """The numbered steps that led to the due date, with citations, in ``lang``; with
        an alternative reading, its own steps follow, indented."""
        lang = require_lang(lang)
        lines = [f"{i}. {step.render(lang)}" for i, step in enumerate(self.steps, 1)]
        if self.calendar_version is not None:
            lines.append(self.calendar_version.describe(lang))
        if self.alternative is not None and self.alternative.deadline is not None:
            lines.append(
                "   " + ("另一种读法的计算：" if lang == "zh" else "the alternative reading, counted:")
            )
            lines += [
                f"   {i}. {step.render(lang)}" for i, step in enumerate(self.alternative.deadline.steps, 1)
            ]
        return "\n".join(lines)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """A JSON-ready mapping: ``due_date``, ``due_at``, ``provisional``, ``status``,
        ``steps`` (both languages unless ``lang`` is given) and the rule."""
        langs: tuple[Lang, ...] = ("zh", "en") if lang is None else (require_lang(lang),)
        return {
            "start": self.start.isoformat(),
            "period": {"unit": self.period.unit.value, "n": self.period.n},
            "backward": self.backward,
            "due_date": None if self.due_date is None else self.due_date.isoformat(),
            "due_at": None if self.due_at is None else self.due_at.isoformat(),
            "lapses_at": None if self.lapses_at is None else self.lapses_at.isoformat(),
            "status": self.status.value,
            "provisional": self.provisional,
            "rule": None if self.rule is None else self.rule.id,
            "consequence": None
            if self.consequence is None
            else {"code": self.consequence.code, **{lg: self.consequence.text.get(lg) for lg in langs}},
            "steps": [{"kind": s.kind.value, **{lg: s.render(lg) for lg in langs}} for s in self.steps],
            "calendar_version": None if self.calendar_version is None else self.calendar_version.to_dict(),
            "alternative": None if self.alternative is None else self.alternative.to_dict(lang),
        }


@attrs.frozen
class AlternativeDue:
    """A limit computed under a rule's declared alternative reading of its counting unit.

    Attributes:
        period: the period under the alternative reading.
        reason: why the alternative is plausible (from the rule).
        deadline: the alternative's full computation (same start, suspensions and
            extensions; an extension is read in the alternative's unit), or ``None``
            when it cannot be computed — ``problem`` then says why.
        problem: why the alternative could not be computed (e.g. an extension approved
            after the alternative's due date), or ``None``.
        undetermined: ``True`` when it could not be computed for lack of data (a date
            beyond the calendar's coverage): that part of the answer is undetermined.
    """

    period: Period
    reason: Text
    deadline: Deadline | None = None
    problem: Text | None = None
    undetermined: bool = False

    @property
    def due_date(self) -> dt.date | None:
        """The alternative's last day, or ``None`` when undetermined or not computable."""
        return None if self.deadline is None else self.deadline.due_date

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        langs: tuple[Lang, ...] = ("zh", "en") if lang is None else (require_lang(lang),)
        d = self.deadline
        return {
            "period": {"unit": self.period.unit.value, "n": self.period.n},
            "due_date": None if d is None or d.due_date is None else d.due_date.isoformat(),
            "due_at": None if d is None or d.due_at is None else d.due_at.isoformat(),
            "provisional": None if d is None else d.provisional,
            "reason": {lg: self.reason.get(lg) for lg in langs},
            "problem": None if self.problem is None else {lg: self.problem.get(lg) for lg in langs},
            "undetermined": self.undetermined,
            "steps": []
            if d is None
            else [{"kind": s.kind.value, **{lg: s.render(lg) for lg in langs}} for s in d.steps],
        }


# --- the computation ------------------------------------------------------------------------
