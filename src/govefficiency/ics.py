"""iCalendar (RFC 5545) files: deadlines, ledger time nodes and decision plans in a
calendar app.

Each date becomes an all-day event (``DTSTART;VALUE=DATE``) with a stable ``UID``, so
that re-importing an updated file updates the events instead of duplicating them.
A provisional date (beyond the published holiday data) says so in its summary.

The ``icalendar`` package writes the file; install it with ``pip install
'govefficiency[ics]'``. It is imported only when a file is written.

::

    from govefficiency.deadlines import compute_deadline, get_rule
    from govefficiency.ics import deadline_event, to_ics

    d = compute_deadline(dt.date(2026, 9, 28), get_rule("licensing.decision"))
    data = to_ics([deadline_event(d, "licence-2026-0931")], stamp=at)   # bytes
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._optional import import_optional
from govefficiency._time import require_aware
from govefficiency._validators import check_id, instances_of, valid_bool, valid_date, valid_id
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Lang, Text, require_lang

__all__ = ["CalendarEvent", "deadline_event", "plan_events", "time_node_events", "to_ics"]

_ONE_DAY = dt.timedelta(days=1)
_PRODID = "-//govefficiency//working-day deadlines//ZH"
_DOMAIN = "govefficiency.invalid"


def _text(value: object) -> Text:
    if not isinstance(value, Text):
        raise InvalidTypeError(
            f"an event's summary must be a Text(zh, en), not {type(value).__name__}",
            f"事件标题必须是 Text(zh, en)，而不是 {type(value).__name__}",
        )
    return value


@attrs.frozen
class CalendarEvent:
    """One all-day event.

    Attributes:
        uid: a stable id (an id under the library's id rule); the file's ``UID`` is
            ``uid@govefficiency.invalid``.
        day: the day of the event.
        summary: the title, in zh and en.
        description: more detail (the rule, the basis), in zh and en; ``None`` for none.
        provisional: the day depends on holiday data not yet published.
    """

    uid: str = attrs.field(validator=valid_id())
    day: dt.date = attrs.field(validator=valid_date())
    summary: Text = attrs.field(converter=_text)
    description: Text | None = attrs.field(default=None)
    provisional: bool = attrs.field(default=False, validator=valid_bool())

    def __attrs_post_init__(self) -> None:
        if self.description is not None and not isinstance(self.description, Text):
            raise InvalidTypeError(
                "an event's description must be a Text(zh, en) or None", "事件说明必须是 Text(zh, en) 或 None"
            )


def deadline_event(deadline: Any, uid: str, summary: Text | None = None) -> CalendarEvent:
    """The event on a :class:`~govefficiency.deadlines.Deadline`'s due date.

    Raises:
        InvalidInputError: the deadline has no due date yet (it is suspended): a calendar
            entry would state a date the law does not give.
    """
    from govefficiency.deadlines import Deadline

    if not isinstance(deadline, Deadline):
        raise InvalidTypeError(
            f"deadline_event needs a Deadline, not {type(deadline).__name__}",
            f"deadline_event 需要 Deadline，而不是 {type(deadline).__name__}",
        )
    check_id(uid, "uid")
    if deadline.due_date is None:
        raise InvalidInputError(
            f"{uid}: the deadline is suspended and has no due date; add it to a calendar once it runs again",
            f"{uid}：期限已中止，尚无截止日期；恢复计算后再加入日历",
        )
    rule = deadline.rule
    if summary is None:
        summary = (
            Text(f"期限届满：{rule.title.zh}", f"Deadline: {rule.title.en}")
            if rule is not None
            else Text(
                f"期限届满（{deadline.period.describe('zh')}）",
                f"Deadline ({deadline.period.describe('en')})",
            )
        )
    basis = Text(
        f"{deadline.period.describe('zh')}，自 {_start_day(deadline.start)} 起算",
        f"{deadline.period.describe('en')} from {_start_day(deadline.start)}",
    )
    if rule is not None:
        basis = Text(f"{basis.zh}；{rule.citation.render('zh')}", f"{basis.en}; {rule.citation.render('en')}")
    return CalendarEvent(uid, deadline.due_date, summary, basis, deadline.provisional)


def _start_day(start: dt.date | dt.datetime) -> str:
    return start.date().isoformat() if isinstance(start, dt.datetime) else start.isoformat()


def time_node_events(items: Iterable[Any]) -> tuple[CalendarEvent, ...]:
    """The events of checklist items' time nodes (and each item's deadline)."""
    from govefficiency.ledger import ChecklistItem

    out: list[CalendarEvent] = []
    for item in instances_of(_sequence(items, "items"), ChecklistItem, "time_node_events items"):
        for i, node in enumerate(item.time_nodes, start=1):
            note = f"：{node.note}" if node.note else ""
            note_en = f": {node.note}" if node.note else ""
            out.append(
                CalendarEvent(
                    f"{item.id}-node-{i}",
                    node.date,
                    Text(
                        f"{item.title} 时间节点 {node.share:g}%{note}",
                        f"{item.title} time node {node.share:g}%{note_en}",
                    ),
                    Text(
                        f"责任单位 {item.lead_unit}，责任人 {item.officer}",
                        f"lead unit {item.lead_unit}, officer {item.officer}",
                    ),
                )
            )
        out.append(
            CalendarEvent(
                f"{item.id}-deadline",
                item.deadline,
                Text(f"{item.title} 完成时限", f"{item.title} deadline"),
                Text(f"责任单位 {item.lead_unit}", f"lead unit {item.lead_unit}"),
            )
        )
    return tuple(out)


def plan_events(plan: Any, uid_prefix: str) -> tuple[CalendarEvent, ...]:
    """The events of a :class:`~govefficiency.decisions.DecisionPlan`: each step on its
    latest lawful date, or its earliest when no latest is fixed (steps with neither are
    left out: the plan gives them no date)."""
    from govefficiency.decisions import DecisionPlan

    if not isinstance(plan, DecisionPlan):
        raise InvalidTypeError(
            f"plan_events needs a DecisionPlan, not {type(plan).__name__}",
            f"plan_events 需要 DecisionPlan，而不是 {type(plan).__name__}",
        )
    check_id(uid_prefix, "uid_prefix")
    out = []
    for i, item in enumerate(plan.items, start=1):
        day = item.latest or item.earliest
        if day is None:
            continue
        which = Text("最迟", "latest") if item.latest else Text("最早", "earliest")
        out.append(
            CalendarEvent(
                f"{uid_prefix}-{i}-{item.step}",
                day,
                Text(
                    f"{plan.title}：{item.action.zh}（{which.zh}）",
                    f"{plan.title}: {item.action.en} ({which.en})",
                ),
                item.basis,
            )
        )
    return tuple(out)


def to_ics(
    events: Iterable[CalendarEvent], *, stamp: dt.datetime, lang: Lang = "zh", name: str = "govefficiency"
) -> bytes:
    """The events as an iCalendar file (UTF-8 bytes, CRLF lines, RFC 5545).

    Args:
        events: the events.
        stamp: the ``DTSTAMP`` of every event: when the file is made (an aware instant;
            the library never reads the clock).
        lang: the language of summaries and descriptions.
        name: the calendar's display name (``X-WR-CALNAME``).
    """
    lang = require_lang(lang)
    stamp = require_aware(stamp, "stamp")
    chosen = instances_of(_sequence(events, "events"), CalendarEvent, "to_ics events")
    icalendar = import_optional("icalendar")
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    try:
        utc = stamp.astimezone(dt.UTC)
    except OverflowError:  # an instant early on 0001-01-01 east of UTC has no UTC value
        raise InvalidInputError(
            f"the stamp {stamp.isoformat()} falls before the year 1 in UTC: give a later instant",
            f"时间戳 {stamp.isoformat()} 换算为 UTC 后早于公元 1 年：请给出更晚的时刻",
        ) from None
    for event in chosen:
        item = icalendar.Event()
        item.add("uid", f"{event.uid}@{_DOMAIN}")
        item.add("dtstamp", utc)
        item.add("dtstart", event.day)
        item.add("dtend", event.day + _ONE_DAY)
        mark = ("（暂定）" if lang == "zh" else " (provisional)") if event.provisional else ""
        item.add("summary", event.summary.get(lang) + mark)
        if event.description is not None:
            item.add("description", event.description.get(lang))
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    data: bytes = calendar.to_ical()
    return data


def _sequence(values: Iterable[Any], what: str) -> tuple[Any, ...]:
    if isinstance(values, str | bytes | CalendarEvent) or not isinstance(values, Iterable):
        raise InvalidTypeError(
            f"{what} must be a list of values, not {type(values).__name__}",
            f"{what} 必须是列表，而不是 {type(values).__name__}",
        )
    return tuple(values)
