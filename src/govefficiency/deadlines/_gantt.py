"""Mermaid Gantt charts (timelines) of a deadline and of a decision plan.

The text is Mermaid's ``gantt`` syntax, which the docs site (mkdocs-material) and many
Markdown viewers draw. Days are whole days: a bar runs from its first day to its last
day inclusive (written with Mermaid's exclusive end, the day after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from govefficiency._validators import check_instances
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.deadlines._compute import Deadline, Extension, Suspension, compute_deadline
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Lang, require_lang

__all__ = ["deadline_gantt", "plan_gantt"]

_ONE_DAY = dt.timedelta(days=1)
#: Characters that end a Mermaid task name or start a comment: replaced in labels.
_UNSAFE = str.maketrans({":": "：", ";": "；", "#": "＃", "\n": " ", "\r": " "})


def _label(text: str) -> str:
    return text.replace(": ", " - ").translate(_UNSAFE).strip()


def _bar(name: str, tag: str, first: dt.date, last: dt.date, style: str = "") -> str:
    """A task covering ``first``..``last`` inclusive."""
    prefix = f"{style}, " if style else ""
    return f"    {_label(name)} :{prefix}{tag}, {first.isoformat()}, {(last + _ONE_DAY).isoformat()}"


def _milestone(name: str, tag: str, day: dt.date, style: str = "") -> str:
    extra = f"{style}, " if style else ""
    return f"    {_label(name)} :milestone, {extra}{tag}, {day.isoformat()}, 0d"


def _head(title: str) -> list[str]:
    return ["gantt", f"    title {_label(title)}", "    dateFormat YYYY-MM-DD", "    axisFormat %m-%d"]


def deadline_gantt(
    deadline: Deadline,
    *,
    suspensions: Iterable[Suspension] = (),
    extensions: Iterable[Extension] = (),
    calendar: WorkCalendar | None = None,
    lang: Lang = "zh",
) -> str:
    """A Mermaid Gantt chart of a forward deadline: the start day, the period up to its
    last day before any extension (after a rest-day roll), each suspension (not counted),
    each extension (its approval and the days it adds) and the due date.

    Pass the same ``suspensions``, ``extensions`` and ``calendar`` that computed
    ``deadline`` (a :class:`Deadline` keeps only their explanation): the chart recomputes
    the due date without the extensions to show where each extension begins, and
    refuses a set that gives another due date.

    Raises:
        InvalidTypeError: ``deadline`` is not a ``Deadline``, or the lists hold other values.
        InvalidInputError: the deadline is backward or suspended (no due date), or the
            suspensions and extensions given do not produce it.
    """
    if not isinstance(deadline, Deadline):
        raise InvalidTypeError(
            f"deadline_gantt needs a Deadline, not {type(deadline).__name__}",
            f"deadline_gantt 需要 Deadline，而不是 {type(deadline).__name__}",
        )
    lang = require_lang(lang)
    pauses = list(check_instances(suspensions, Suspension, "suspensions"))
    added = list(check_instances(extensions, Extension, "extensions"))
    if deadline.backward:
        raise InvalidInputError(
            "a backward limit has no running period to draw; show its due date instead",
            "倒数期限没有可绘制的计算期间；请直接给出其截止日期",
        )
    if deadline.due_date is None:
        raise InvalidInputError(
            "the deadline is suspended and has no due date yet; draw it once it runs again",
            "期限处于中止状态，尚无截止日期；恢复计算后再绘制",
        )
    cal = calendar if calendar is not None else china_calendar(provisional=deadline.provisional)
    what = deadline.rule if deadline.rule is not None else deadline.period
    again = compute_deadline(deadline.start, what, calendar=cal, suspensions=pauses, extensions=added)
    if again.due_date != deadline.due_date:
        raise InvalidInputError(
            f"the suspensions and extensions given lead to {again.due_date}, not to the deadline's "
            f"{deadline.due_date}; pass the ones that computed it",
            f"所给的中止和延长得出 {again.due_date}，而不是该期限的 {deadline.due_date}；请传入计算该期限时所用的中止和延长",
        )
    nominal = compute_deadline(deadline.start, what, calendar=cal, suspensions=pauses).due_date
    zh = lang == "zh"
    start = deadline.start.date() if isinstance(deadline.start, dt.datetime) else deadline.start
    title = (
        (deadline.rule.title.get(lang) if deadline.rule is not None else deadline.period.describe(lang))
        + ("（" if zh else " (")
        + (f"截止 {deadline.due_date}" if zh else f"due {deadline.due_date}")
        + ("）" if zh else ")")
        + (("（暂定）" if zh else " (provisional)") if deadline.provisional else "")
    )
    lines = _head(title)
    lines.append("    section " + ("期间" if zh else "Period"))
    lines.append(_milestone("起算日（不计入）" if zh else "start day (not counted)", "start", start))
    last = nominal if nominal is not None else deadline.due_date
    lines.append(
        _bar(
            f"{deadline.period.describe(lang)}" + ("计算期间" if zh else " counted"),
            "period",
            start + _ONE_DAY,
            last,
            "active",
        )
    )
    lines += _pause_rows(pauses, deadline.due_date, lang)
    lines += _extension_rows(added, nominal, deadline.due_date, lang)
    lines.append("    section " + ("届满" if zh else "Due"))
    lines.append(_milestone("期限届满" if zh else "due", "due", deadline.due_date, "crit"))
    return "\n".join(lines) + "\n"


def _pause_rows(pauses: list[Suspension], due: dt.date, lang: Lang) -> list[str]:
    """The section of the suspensions (an open one drawn up to the due date)."""
    if not pauses:
        return []
    zh = lang == "zh"
    lines = ["    section " + ("中止（不计入）" if zh else "Suspended (not counted)")]
    for i, pause in enumerate(pauses, start=1):
        end = pause.end if pause.end is not None else due
        law = pause.basis.law.get(lang)
        if pause.basis.article:
            law += f"第{pause.basis.article}条" if zh else f" art. {pause.basis.article}"
        name = ("中止（" if zh else "suspended (") + law + ("）" if zh else ")")
        lines.append(_bar(name, f"pause{i}", pause.start, end, "crit"))
    return lines


def _extension_rows(added: list[Extension], nominal: dt.date | None, due: dt.date, lang: Lang) -> list[str]:
    """The section of the extensions: each approval, and the days they add."""
    if not added:
        return []
    zh = lang == "zh"
    lines = ["    section " + ("延长" if zh else "Extensions")]
    for i, ext in enumerate(added, start=1):
        name = f"批准延长{ext.length.describe('zh')}" if zh else f"{ext.length.describe('en')} approved"
        lines.append(_milestone(name, f"approved{i}", ext.approved_on))
    if nominal is not None and due > nominal:
        lines.append(_bar("延长期间" if zh else "extension", "extended", nominal + _ONE_DAY, due, "active"))
    return lines


def plan_gantt(plan: Any, *, lang: Lang = "zh") -> str:
    """A Mermaid Gantt chart of a :class:`~govefficiency.decisions.DecisionPlan`: each
    step still to take from its earliest lawful date to its latest (a milestone on the
    earliest date when no latest is fixed). Steps the plan gives no date (conditions) are
    left out: the chart says only what the plan says.

    Raises:
        InvalidTypeError: ``plan`` is not a ``DecisionPlan``.
    """
    from govefficiency.decisions import DecisionPlan, PlanStatus

    if not isinstance(plan, DecisionPlan):
        raise InvalidTypeError(
            f"plan_gantt needs a DecisionPlan, not {type(plan).__name__}",
            f"plan_gantt 需要 DecisionPlan，而不是 {type(plan).__name__}",
        )
    lang = require_lang(lang)
    zh = lang == "zh"
    lines = _head(f"{plan.title}（{plan.procedure}）" if zh else f"{plan.title} ({plan.procedure})")
    lines.append("    section " + ("尚需办理" if zh else "Still required"))
    for i, item in enumerate(plan.items, start=1):
        if item.earliest is None:
            continue
        style = "active" if item.status is PlanStatus.IN_PROGRESS else ""
        tag = f"s{i}"
        if item.latest is not None and item.latest >= item.earliest:
            lines.append(_bar(item.action.get(lang), tag, item.earliest, item.latest, style))
        else:
            lines.append(_milestone(item.action.get(lang), tag, item.earliest, style))
    return "\n".join(lines) + "\n"
