"""What changes a running deadline: suspensions (中止, 重新计算) and extensions (延长),
and the checks of their own limits (a suspension's maximum, a rule's extension cap)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

import attrs

from govefficiency._records import optional_text_of, text_of
from govefficiency._time import require_date
from govefficiency._validators import instance_of
from govefficiency.calendar import WorkCalendar
from govefficiency.citation import Citation
from govefficiency.deadlines._common import _ONE_DAY
from govefficiency.deadlines._periods import CalendarDays, WorkingDays
from govefficiency.deadlines._rules import StatuteRule
from govefficiency.errors import ExtensionError, InvalidTypeError, SuspensionError
from govefficiency.text import Text


class SuspensionMode(enum.Enum):
    """``PAUSE``: the suspended days do not count and the clock resumes afterwards.
    ``RESTART``: the period counts afresh from the suspension's end (政府信息公开条例
    art. 30: from receipt of the corrected request)."""

    PAUSE = "pause"
    RESTART = "restart"


def _day_period(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, WorkingDays | CalendarDays):
        raise InvalidTypeError(
            f"{attribute.name} must be WorkingDays(n) or CalendarDays(n), not {value!r}",
            f"{attribute.name} 必须是 WorkingDays(n) 或 CalendarDays(n)",
        )


def _start_date(value: object) -> dt.date:
    return require_date(value, "Suspension.start")


def _end_date(value: object) -> dt.date | None:
    return None if value is None else require_date(value, "Suspension.end")


def _approved_date(value: object) -> dt.date:
    return require_date(value, "Extension.approved_on")


@attrs.frozen
class Suspension:
    """Days that do not count against a deadline (中止 / 不计算在期限内).

    Attributes:
        start: the first suspended day.
        end: the last suspended day (inclusive), or ``None`` while the suspension is
            still open — the deadline is then not yet determined.
        basis: the legal basis, e.g. 行政许可法 art. 45 (expert review).
        mode: ``PAUSE`` (resume afterwards) or ``RESTART`` (count afresh from ``end``).
        ordered_by: who ordered it, or ``None`` when not recorded.
        max_length: the longest it may lawfully last (working or calendar days), or
            ``None`` when the basis sets no maximum.
    """

    start: dt.date = attrs.field(converter=_start_date)
    end: dt.date | None = attrs.field(converter=_end_date)
    basis: Citation = attrs.field(validator=instance_of(Citation))
    mode: SuspensionMode = attrs.field(default=SuspensionMode.PAUSE, validator=instance_of(SuspensionMode))
    ordered_by: Text | None = attrs.field(default=None, converter=optional_text_of)
    max_length: WorkingDays | CalendarDays | None = attrs.field(default=None, validator=_day_period)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise SuspensionError(
                f"a suspension ends ({self.end}) before it starts ({self.start})",
                f"中止的结束日期（{self.end}）早于开始日期（{self.start}）",
            )


@attrs.frozen
class Extension:
    """An approved lengthening of a deadline (延长).

    Attributes:
        length: how much longer (``WorkingDays`` or ``CalendarDays``).
        authority: who approved it (e.g. 本行政机关负责人).
        approved_on: the day of approval; it must not be after the deadline in force.
        basis: the provision allowing it, or ``None`` to use the rule's citation.
    """

    length: WorkingDays | CalendarDays = attrs.field(validator=_day_period)
    authority: Text = attrs.field(converter=text_of)
    approved_on: dt.date = attrs.field(converter=_approved_date)
    basis: Citation | None = None


def _check_max_length(cal: WorkCalendar, sus: Suspension) -> None:
    if sus.max_length is None or sus.end is None:
        return
    if isinstance(sus.max_length, WorkingDays):
        used = cal.working_days_between(sus.start - _ONE_DAY, sus.end)
    else:
        used = (sus.end - sus.start).days + 1
    if used > sus.max_length.n:
        raise SuspensionError(
            f"the suspension {sus.start}..{sus.end} lasts {used} "
            f"{sus.max_length.unit.label.en}, more than its maximum of {sus.max_length.n} "
            f"({sus.basis.render('en')})",
            f"中止 {sus.start}..{sus.end} 持续 {used}{sus.max_length.unit.label.zh}，"
            f"超过上限 {sus.max_length.n}（{sus.basis.render('zh')}）",
        )


def _check_extensions(rule: StatuteRule | None, extensions: Sequence[Extension]) -> None:
    if rule is None or not extensions:
        return
    allowance = rule.extension
    if allowance is None:
        raise ExtensionError(
            f"rule {rule.id} ({rule.citation.render('en')}) allows no extension",
            f"规则 {rule.id}（{rule.citation.render('zh')}）不允许延长",
        )
    if len(extensions) > allowance.times:
        raise ExtensionError(
            f"rule {rule.id} allows {allowance.times} extension(s), {len(extensions)} given "
            f"({rule.citation.render('en')})",
            f"规则 {rule.id} 只允许延长 {allowance.times} 次，实际 {len(extensions)} 次（{rule.citation.render('zh')}）",
        )
    total = 0
    for ext in extensions:
        if ext.length.unit is not allowance.max.unit:
            raise ExtensionError(
                f"rule {rule.id} is extended in {allowance.max.unit.label.en}, not "
                f"{ext.length.unit.label.en}",
                f"规则 {rule.id} 的延长以{allowance.max.unit.label.zh}计，而不是{ext.length.unit.label.zh}",
            )
        total += ext.length.n
    if total > allowance.max.n:
        raise ExtensionError(
            f"rule {rule.id} allows at most {allowance.max.describe('en')} of extension "
            f"(approved by {allowance.approver.en}); {total} requested ({rule.citation.render('en')})",
            f"规则 {rule.id} 最多延长{allowance.max.describe('zh')}（须经{allowance.approver.zh}批准），"
            f"实际申请 {total}（{rule.citation.render('zh')}）",
        )
