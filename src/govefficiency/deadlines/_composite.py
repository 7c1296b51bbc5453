"""Composite limits: several periods, each from its own event, combined (行政复议法
art. 20 ¶3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._time import require_aware
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines._common import _calendar, _check_close, _fmt, _within_representable_dates
from govefficiency.deadlines._deadline import Deadline, Step, StepKind
from govefficiency.deadlines._explain import _provisional_step
from govefficiency.deadlines._forward import compute_deadline
from govefficiency.deadlines._rules import Combine, CompositeLimit, StatuteRule
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Lang, Text, require_lang


@attrs.frozen
class CompositeDeadline:
    """A composite limit: several periods, each from its own start event, combined by
    taking the earliest (or latest) due date (行政复议法 art. 20 ¶3).

    Attributes:
        rule: the composite rule applied.
        starts: ``(event, start)`` for each limb, in the rule's order.
        parts: each limb's own :class:`Deadline`, explained, in the rule's order.
        chosen: the index of the part whose due date governs (the first on a tie).
        due_date / due_at: the governing part's.
        provisional: ``True`` when any part is provisional.
        steps: the explanation: the rule, one line per part, the combination.
    """

    rule: StatuteRule
    starts: tuple[tuple[str, dt.date | dt.datetime], ...]
    parts: tuple[Deadline, ...]
    chosen: int
    due_date: dt.date
    due_at: dt.datetime
    provisional: bool
    steps: tuple[Step, ...]

    @at_by_keyword(1)
    def is_overdue(self, *, at: dt.datetime) -> bool:
        """Whether the aware instant ``at`` is after the combined limit's end. (``at``
        passed by position is deprecated.)"""
        at = require_aware(at, "at")
        return at > self.due_at

    def explain(self, lang: Lang = "zh") -> str:
        """The numbered steps, each part's own computation indented under its line."""
        lang = require_lang(lang)
        lines: list[str] = []
        part = 0
        for i, step in enumerate(self.steps, 1):
            lines.append(f"{i}. {step.render(lang)}")
            if step.kind is StepKind.COUNT and part < len(self.parts):
                lines += [f"   {j}. {s.render(lang)}" for j, s in enumerate(self.parts[part].steps, 1)]
                part += 1
        return "\n".join(lines)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """A JSON-ready mapping: the combined due date, the rule, how the parts combine
        and each part's own computation."""
        langs: tuple[Lang, ...] = ("zh", "en") if lang is None else (require_lang(lang),)
        assert self.rule.composite is not None
        return {
            "rule": self.rule.id,
            "combine": self.rule.composite.combine.value,
            "due_date": self.due_date.isoformat(),
            "due_at": self.due_at.isoformat(),
            "provisional": self.provisional,
            "chosen": self.rule.composite.limbs[self.chosen].event,
            "parts": [
                {"event": event, **part.to_dict(lang)}
                for (event, _), part in zip(self.starts, self.parts, strict=True)
            ],
            "steps": [{"kind": s.kind.value, **{lg: s.render(lg) for lg in langs}} for s in self.steps],
        }


@_within_representable_dates
def compute_composite(
    starts: Mapping[str, dt.date | dt.datetime],
    rule: StatuteRule,
    *,
    calendar: WorkCalendar | None = None,
    business_close: dt.time | None = None,
) -> CompositeDeadline:
    """Compute a composite limit: each of the rule's periods from its own start event,
    then the earliest (or latest) due date.

    Args:
        starts: the start of each limb by its event name, e.g. for
            ``review.application_uninformed``: ``{"knew_of_right": …, "knew_of_act": …}``.
        rule: a rule with a :class:`~govefficiency.deadlines.CompositeLimit`.
        calendar: the working-day calendar (default: :func:`china_calendar`).
        business_close: the close of business, as for :func:`compute_deadline`.

    Raises:
        InvalidInputError: the rule is not composite, or an event is missing or unknown.

    Example:
        >>> import datetime as dt
        >>> from govefficiency.deadlines import get_rule
        >>> d = compute_composite(
        ...     {"knew_of_right": dt.date(2026, 10, 9), "knew_of_act": dt.date(2025, 11, 20)},
        ...     get_rule("review.application_uninformed"),
        ... )
        >>> d.due_date  # one year from learning of the act comes before the 60 days
        datetime.date(2026, 11, 20)
    """
    composite = _check_starts(starts, rule)
    cal = _calendar(calendar)
    _check_close(business_close)
    parts = tuple(
        compute_deadline(starts[limb.event], limb.period, calendar=cal, business_close=business_close)
        for limb in composite.limbs
    )
    ends = [part.due_at for part in parts]
    assert all(end is not None for end in ends)  # no suspensions: always determined
    pick = min if composite.combine is Combine.EARLIEST else max
    chosen = ends.index(pick(e for e in ends if e is not None))
    steps = _part_steps(rule, composite, starts, parts, cal)
    due = parts[chosen].due_date
    due_at = parts[chosen].due_at
    assert due is not None
    assert due_at is not None
    steps.append(
        Step(
            StepKind.COMBINE,
            Text(
                f"{composite.combine.label.zh}：期间{chosen + 1}的届满日 {_fmt(due, cal, 'zh')}为期限届满日",
                f"{composite.combine.label.en}: period {chosen + 1} governs; the limit ends on {_fmt(due, cal, 'en')}",
            ),
            rule.citation,
        )
    )
    provisional = any(part.provisional for part in parts)
    if provisional:
        steps.append(_provisional_step(cal))
    return CompositeDeadline(
        rule=rule,
        starts=tuple((limb.event, starts[limb.event]) for limb in composite.limbs),
        parts=parts,
        chosen=chosen,
        due_date=due,
        due_at=due_at,
        provisional=provisional,
        steps=tuple(steps),
    )


def _check_starts(starts: object, rule: object) -> CompositeLimit:
    """The rule's composite limit, once ``rule`` is a composite rule and ``starts`` names
    the start of each of its events, and no other."""
    if not isinstance(rule, StatuteRule):
        raise InvalidTypeError(
            f"compute_composite needs a StatuteRule, not {type(rule).__name__}",
            "compute_composite 需要 StatuteRule",
        )
    composite = rule.composite
    if composite is None:
        raise InvalidInputError(
            f"rule {rule.id} is a single period: use compute_deadline(start, rule)",
            f"规则 {rule.id} 是单一期间：请使用 compute_deadline(start, rule)",
        )
    if not isinstance(starts, Mapping):
        raise InvalidTypeError(
            f"starts must map each event ({', '.join(composite.events)}) to its date",
            f"starts 必须把每个起算事件（{'、'.join(composite.events)}）映射到日期",
        )
    missing = [e for e in composite.events if e not in starts]
    unknown = sorted(str(e) for e in starts if e not in composite.events)
    if missing or unknown:
        detail_en = "; ".join(
            ([f"missing: {', '.join(missing)}"] if missing else [])
            + ([f"unknown: {', '.join(unknown)}"] if unknown else [])
        )
        detail_zh = "；".join(
            ([f"缺少：{'、'.join(missing)}"] if missing else [])
            + ([f"未知：{'、'.join(unknown)}"] if unknown else [])
        )
        raise InvalidInputError(
            f"rule {rule.id} needs the start of each of {', '.join(composite.events)} ({detail_en})",
            f"规则 {rule.id} 需要以下每个事件的起算日：{'、'.join(composite.events)}（{detail_zh}）",
        )
    return composite


def _part_steps(
    rule: StatuteRule,
    composite: CompositeLimit,
    starts: Mapping[str, dt.date | dt.datetime],
    parts: tuple[Deadline, ...],
    cal: WorkCalendar,
) -> list[Step]:
    """The rule's step and one step per part, with its own due date."""
    steps = [
        Step(
            StepKind.RULE,
            Text(
                f"适用规则 {rule.id}：{rule.title.zh}，由 {len(parts)} 个分别起算的期间组成，"
                f"{composite.combine.label.zh}",
                f"rule {rule.id}: {rule.title.en}, {len(parts)} periods each from its own event, "
                f"{composite.combine.label.en}",
            ),
            rule.citation,
        )
    ]
    for i, (limb, part) in enumerate(zip(composite.limbs, parts, strict=True), 1):
        assert part.due_date is not None
        start = starts[limb.event]
        steps.append(
            Step(
                StepKind.COUNT,
                Text(
                    f"期间{i}：自{limb.starts_from.zh}（{start.isoformat()}）起{limb.period.describe('zh')}，"
                    f"届满日为 {_fmt(part.due_date, cal, 'zh')}",
                    f"period {i}: {limb.period.describe('en')} from {limb.starts_from.en} "
                    f"({start.isoformat()}), due {_fmt(part.due_date, cal, 'en')}",
                ),
            )
        )
    return steps
