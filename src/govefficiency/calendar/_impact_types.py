"""What :func:`~govefficiency.calendar.calendar_impact` reads and answers: stored due dates,
deadline batches, day changes, and the impact report with its entries and errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from govefficiency._validators import check_id, optional_date_of
from govefficiency.calendar._kinds import DayKind
from govefficiency.calendar._version import CalendarVersion
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
)
from govefficiency.text import Lang, Text, require_lang

if TYPE_CHECKING:
    pass

__all__ = [
    "CalendarImpact",
    "DayChange",
    "DeadlineBatch",
    "DueDate",
    "ImpactEntry",
    "ImpactError",
]

_UNCOVERED = "uncovered"

#: How each status code reads (clock states as in ``deadlines.ClockState``).
_STATUS = {
    "determined": Text("已确定", "determined"),
    "suspended": Text("中止中", "suspended"),
    _UNCOVERED: Text("超出日历范围", "outside the calendar"),
    "working_day": Text("工作日", "a working day"),
    "rest_day": Text("休息日", "a rest day"),
    "undetermined": Text("未确定", "undetermined"),
    "running": Text("进行中", "running"),
    "completed_on_time": Text("按期办结", "completed on time"),
    "completed_late": Text("逾期办结", "completed late"),
    "overdue": Text("已逾期", "overdue"),
}


#: The words that join the parts of a changed due date's line, in each language.
_CHANGE_WORDS = {
    "zh": ("：", " → ", "（{:+d} 天）", "，状态 ", "；原因：", "；", "；应通知：", "、"),
    "en": (": ", " -> ", " ({:+d} days)", ", status ", "; because ", "; ", "; tell ", ", "),
}


def _status(code: str, lang: Lang) -> str:
    text = _STATUS.get(code)
    return code if text is None else text.get(lang)


@attrs.frozen
class DayChange:
    """A day whose kind or working status differs between two calendars.

    Attributes:
        date: the day.
        old_kind: its kind in the old calendar.
        new_kind: its kind in the new calendar.
        old_working: whether offices worked that day in the old calendar.
        new_working: whether they work it in the new one.
    """

    date: dt.date
    old_kind: DayKind
    new_kind: DayKind
    old_working: bool
    new_working: bool

    @property
    def moves_deadlines(self) -> bool:
        """Whether the change turns a working day into a rest day or the reverse (only
        such a change moves a working-day count or a roll-forward)."""
        return self.old_working != self.new_working

    def describe(self, lang: Lang = "zh") -> str:
        """E.g. ``2027-02-13 is now a make-up working day (was a weekend)``."""
        lang = require_lang(lang)
        if lang == "zh":
            return f"{self.date} 现为{self.new_kind.label.zh}（原为{self.old_kind.label.zh}）"
        return f"{self.date} is now {_a(self.new_kind.label.en)} (was {_a(self.old_kind.label.en)})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "date": self.date.isoformat(),
            "old_kind": self.old_kind.value,
            "new_kind": self.new_kind.value,
            "old_working": self.old_working,
            "new_working": self.new_working,
            "zh": self.describe("zh"),
            "en": self.describe("en"),
        }


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


_opt_day = optional_date_of(Text("截止日期", "a due date"))


def _due_id(value: object) -> str:
    return check_id(value, "DueDate.id")


def _parties(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            "parties must be a list of ids (units, officers) to tell", "parties 必须是需通知对象的 id 列表"
        )
    return tuple(check_id(p, "a party id") for p in value)


@attrs.frozen
class DueDate:
    """A stored due date that is not recomputed (an escalation case's due date, a
    ledger item's deadline): only its status can change — a working day that becomes a
    rest day, or a day the new calendar no longer (or now) covers.

    Attributes:
        id: the item's id.
        due: the due date, or ``None`` when not determined (reported, never guessed).
        parties: who must be told (unit and officer ids); ``()`` when unknown.
    """

    id: str = attrs.field(converter=_due_id)
    due: dt.date | None = attrs.field(validator=_opt_day)
    parties: tuple[str, ...] = attrs.field(default=(), converter=_parties)


@attrs.frozen
class DeadlineBatch:
    """Many stored deadlines with one period and no suspensions or extensions — the
    bulk path (:func:`govefficiency.deadlines.due_dates`), e.g. every licence
    application received this year under 行政许可法 art. 42.

    Attributes:
        ids: one id per deadline.
        starts: the start dates, in the order of ``ids``.
        period: the period (``WorkingDays(20)``) or statute rule counted from each start.
        parties: who must be told, one tuple of ids per deadline; ``()`` when unknown.
    """

    ids: Sequence[str] = attrs.field(eq=False)
    starts: Sequence[dt.date] = attrs.field(eq=False)
    period: Any
    parties: Sequence[tuple[str, ...]] = attrs.field(default=(), eq=False)

    def __attrs_post_init__(self) -> None:
        from govefficiency.deadlines import Period, StatuteRule  # deadlines depends on calendar

        if not isinstance(self.period, Period | StatuteRule):
            raise InvalidTypeError(
                f"DeadlineBatch.period must be a Period (e.g. WorkingDays(20)) or a StatuteRule "
                f"(get_rule(...)), not {type(self.period).__name__}",
                f"DeadlineBatch.period 必须是期间（如 WorkingDays(20)）或法定规则（get_rule(...)），"
                f"而不是 {type(self.period).__name__}",
            )
        for what in ("ids", "starts", "parties"):
            value = getattr(self, what)
            if isinstance(value, str | bytes) or not isinstance(value, Sequence):
                raise InvalidTypeError(
                    f"DeadlineBatch.{what} must be a list or tuple, not {type(value).__name__}",
                    f"DeadlineBatch.{what} 必须是 list 或 tuple，而不是 {type(value).__name__}",
                )
        if len(self.ids) != len(self.starts) or (self.parties and len(self.parties) != len(self.ids)):
            raise InvalidInputError(
                f"DeadlineBatch: {len(self.ids)} ids, {len(self.starts)} starts and "
                f"{len(self.parties)} parties; give one start (and one parties tuple) per id",
                f"DeadlineBatch：id {len(self.ids)} 个、起算日 {len(self.starts)} 个、通知对象 "
                f"{len(self.parties)} 组；每个 id 须对应一个起算日（和一组通知对象）",
            )


class ImpactEntry(NamedTuple):
    """One deadline whose due date or status changes (an immutable named tuple: a
    report over a million stored deadlines may hold hundreds of thousands of them).

    Attributes:
        id: the deadline's (clock's, case's) id.
        source: ``"deadline"``, ``"clock"``, ``"batch"`` or ``"due_date"``.
        old_due: the due date with the old calendar (``None``: not determined).
        new_due: the due date with the new calendar.
        old_status: ``"determined"``/``"suspended"`` (deadlines), a clock state
            (``"running"``, ``"overdue"``…), ``"working_day"``/``"rest_day"`` (stored due
            dates), or ``"uncovered"`` when the calendar cannot count to it.
        new_status: the same with the new calendar.
        old_provisional: whether the old answer rested on provisional calendar data.
        new_provisional: the same for the new answer.
        causes: the days whose working status changed between the start and the later
            due date — what moved it.
        parties: who must be told; ``()`` when the input does not say.
    """

    id: str
    source: str
    old_due: dt.date | None
    new_due: dt.date | None
    old_status: str
    new_status: str
    old_provisional: bool
    new_provisional: bool
    causes: tuple[DayChange, ...] = ()
    parties: tuple[str, ...] = ()

    @property
    def shift(self) -> int | None:
        """How many calendar days the due date moved (``None`` unless both are known)."""
        if self.old_due is None or self.new_due is None:
            return None
        return (self.new_due - self.old_due).days

    def describe(self, lang: Lang = "zh") -> str:
        """One line: the id, old → new due date (or status), the causes, who to tell."""
        lang = require_lang(lang)
        old = self.old_due.isoformat() if self.old_due else _status(self.old_status, lang)
        new = self.new_due.isoformat() if self.new_due else _status(self.new_status, lang)
        shift = self.shift
        colon, arrow, days, status, because, semicolon, tell, comma = _CHANGE_WORDS[lang]
        line = f"{self.id}{colon}{old}{arrow}{new}"
        if shift:
            line += days.format(shift)
        if self.old_status != self.new_status:
            line += f"{status}{_status(self.old_status, lang)}{arrow}{_status(self.new_status, lang)}"
        if self.causes:
            line += because + semicolon.join(c.describe(lang) for c in self.causes)
        if self.parties:
            line += tell + comma.join(self.parties)
        return line

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "id": self.id,
            "source": self.source,
            "old_due": None if self.old_due is None else self.old_due.isoformat(),
            "new_due": None if self.new_due is None else self.new_due.isoformat(),
            "shift_days": self.shift,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "old_provisional": self.old_provisional,
            "new_provisional": self.new_provisional,
            "causes": [c.to_dict() for c in self.causes],
            "parties": list(self.parties),
        }


@attrs.frozen
class ImpactError:
    """An item neither calendar could answer for (reported, never dropped).

    Attributes:
        id: the item's id.
        message: why, in zh and en.
    """

    id: str
    message: Text

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "zh": self.message.zh, "en": self.message.en}


@attrs.frozen
class CalendarImpact:
    """What a new calendar changes (see :func:`calendar_impact`).

    Attributes:
        old_version: the old calendar's version.
        new_version: the new calendar's version.
        day_changes: every day whose kind or working status differs (over the range
            both calendars cover), in date order.
        entries: the deadlines whose due date or status changes, in input order.
        checked: how many deadlines were compared.
        confirmed: how many were provisional and keep their due date, now on
            published data (not listed: nothing to tell).
        errors: items neither calendar can answer for.
        at: the instant clock states were compared at, or ``None``.
    """

    old_version: CalendarVersion
    new_version: CalendarVersion
    day_changes: tuple[DayChange, ...]
    entries: tuple[ImpactEntry, ...]
    checked: int
    confirmed: int
    errors: tuple[ImpactError, ...] = ()
    at: dt.datetime | None = None

    @property
    def changed(self) -> bool:
        """Whether any deadline's due date or status changes."""
        return bool(self.entries)

    def render(self, lang: Lang = "zh") -> str:
        """The report as text, one changed deadline per line."""
        lang = require_lang(lang)
        zh = lang == "zh"
        lines = [
            ("原日历：" if zh else "old calendar: ") + self.old_version.describe(lang),
            ("新日历：" if zh else "new calendar: ") + self.new_version.describe(lang),
        ]
        old_v, new_v = self.old_version, self.new_version
        if (old_v.first, old_v.last) != (new_v.first, new_v.last):
            lines.append(
                f"覆盖范围：{old_v.first}..{old_v.last} → {new_v.first}..{new_v.last}"
                if zh
                else f"coverage: {old_v.first}..{old_v.last} -> {new_v.first}..{new_v.last}"
            )
        moving = [c for c in self.day_changes if c.moves_deadlines]
        lines.append(
            f"变化的日期（{len(moving)} 个影响工作日计算）："
            if zh
            else f"days changed ({len(moving)} move deadlines):"
        )
        lines += ["  " + c.describe(lang) for c in self.day_changes] or ["  —"]
        lines.append("变化的期限：" if zh else "deadlines that change:")
        lines += ["  " + e.describe(lang) for e in self.entries] or ["  —"]
        for err in self.errors:
            lines.append(
                ("  无法计算 " if zh else "  cannot compute ") + f"{err.id}: {err.message.get(lang)}"
            )
        lines.append(
            f"共核对 {self.checked} 项，变化 {len(self.entries)} 项，暂定转为正式且日期不变 {self.confirmed} 项，"
            f"无法计算 {len(self.errors)} 项"
            if zh
            else f"checked {self.checked}, changed {len(self.entries)}, provisional and now confirmed "
            f"unchanged {self.confirmed}, cannot compute {len(self.errors)}"
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "old_calendar": self.old_version.to_dict(),
            "new_calendar": self.new_version.to_dict(),
            "at": None if self.at is None else self.at.isoformat(),
            "changed": self.changed,
            "checked": self.checked,
            "confirmed": self.confirmed,
            "day_changes": [c.to_dict() for c in self.day_changes],
            "entries": [e.to_dict() for e in self.entries],
            "errors": [e.to_dict() for e in self.errors],
        }
