"""The impact of a new calendar (next year's notice, a correction, a local closure).

:func:`calendar_impact` answers the three questions asked the day the State Council
publishes next year's arrangement: which deadlines change, by how many days, and who
must be told. Each changed deadline is listed with its old and new due dates (or
status) and the days that caused the change ("2027-02-13 is now a make-up working
day"); unchanged ones are only counted, and provisional ones that the notice confirmed
are counted apart.

Deadlines and clocks are recomputed with each calendar — nothing stored is rewritten:
a deadline keeps the calendar version it was computed with.

The module sits in ``calendar`` but recomputes through ``govefficiency.deadlines``,
which it imports only when called (deadlines depends on calendar, not the reverse).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from govefficiency._gc import gc_paused
from govefficiency._time import require_aware
from govefficiency._validators import check_id
from govefficiency.calendar._calendar import WorkCalendar
from govefficiency.calendar._kinds import KINDS_BY_CODE, DayKind
from govefficiency.calendar._version import CalendarVersion
from govefficiency.errors import (
    CalendarCoverageError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
)
from govefficiency.text import Lang, Text, check_lang

if TYPE_CHECKING:
    from govefficiency.deadlines import Deadline, DeadlineClock, Period, StatuteRule

__all__ = [
    "CalendarImpact",
    "DayChange",
    "DeadlineBatch",
    "DueDate",
    "ImpactEntry",
    "ImpactError",
    "calendar_impact",
    "day_changes",
    "recompute_as_known_on",
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
        lang = check_lang(lang)
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


def _opt_day(value: object) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    raise InvalidTypeError(
        f"a due date must be a datetime.date or None, not {type(value).__name__}",
        f"截止日期必须是 datetime.date 或 None，而不是 {type(value).__name__}",
    )


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
    due: dt.date | None = attrs.field(converter=_opt_day)
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
        lang = check_lang(lang)
        old = self.old_due.isoformat() if self.old_due else _status(self.old_status, lang)
        new = self.new_due.isoformat() if self.new_due else _status(self.new_status, lang)
        shift = self.shift
        if lang == "zh":
            line = f"{self.id}：{old} → {new}"
            if shift:
                line += f"（{shift:+d} 天）"
            if self.old_status != self.new_status:
                line += f"，状态 {_status(self.old_status, lang)} → {_status(self.new_status, lang)}"
            if self.causes:
                line += "；原因：" + "；".join(c.describe("zh") for c in self.causes)
            if self.parties:
                line += "；应通知：" + "、".join(self.parties)
            return line
        line = f"{self.id}: {old} -> {new}"
        if shift:
            line += f" ({shift:+d} days)"
        if self.old_status != self.new_status:
            line += f", status {_status(self.old_status, lang)} -> {_status(self.new_status, lang)}"
        if self.causes:
            line += "; because " + "; ".join(c.describe("en") for c in self.causes)
        if self.parties:
            line += "; tell " + ", ".join(self.parties)
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
        lang = check_lang(lang)
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


# --- the computation --------------------------------------------------------------------------


def day_changes(old: WorkCalendar, new: WorkCalendar) -> tuple[DayChange, ...]:
    """The days both calendars cover whose kind or working status differs, in order.

    Compares the two day-kind tables directly (one pass over the bytes, no per-day
    calendar call).
    """
    _check_calendar(old, "old_calendar")
    _check_calendar(new, "new_calendar")
    lo = max(old.first, new.first).toordinal()
    hi = min(old.last, new.last).toordinal()
    if hi < lo:
        return ()
    oi, ni = lo - old._ord0, lo - new._ord0
    n = hi - lo + 1
    ok, nk = old._kinds[oi : oi + n], new._kinds[ni : ni + n]
    ocum, ncum = old._cum, new._cum
    out: list[DayChange] = []
    for i, (a, b) in enumerate(zip(ok, nk, strict=True)):
        ow = ocum[oi + i + 1] != ocum[oi + i]
        nw = ncum[ni + i + 1] != ncum[ni + i]
        if a != b or ow != nw:
            out.append(DayChange(dt.date.fromordinal(lo + i), KINDS_BY_CODE[a], KINDS_BY_CODE[b], ow, nw))
    return tuple(out)


def _check_calendar(value: object, what: str) -> None:
    if not isinstance(value, WorkCalendar):
        raise InvalidTypeError(
            f"{what} must be a WorkCalendar (e.g. china_calendar()), not {type(value).__name__}",
            f"{what} 必须是 WorkCalendar（如 china_calendar()），而不是 {type(value).__name__}",
        )


class _Causes:
    """The working-status changes, searchable by date range (bisect, not a scan)."""

    def __init__(self, changes: tuple[DayChange, ...]) -> None:
        self.moving = [c for c in changes if c.moves_deadlines]
        self.dates = [c.date for c in self.moving]
        self._seen: dict[tuple[dt.date | None, dt.date | None], tuple[DayChange, ...]] = {}

    def between(self, after: dt.date | None, through: dt.date | None) -> tuple[DayChange, ...]:
        key = (after, through)
        found = self._seen.get(key)
        if found is None:
            if through is None:
                found = ()
            else:
                lo = 0 if after is None else bisect.bisect_right(self.dates, after)
                found = tuple(self.moving[lo : bisect.bisect_right(self.dates, through)])
            self._seen[key] = found
        return found


def calendar_impact(
    old_calendar: WorkCalendar,
    new_calendar: WorkCalendar,
    deadlines_or_clocks: Iterable[Any] | Mapping[str, Any],
    *,
    at: dt.datetime | None = None,
) -> CalendarImpact:
    """Which deadlines change when ``old_calendar`` is replaced by ``new_calendar``.

    Args:
        old_calendar: the calendar the deadlines were computed with (e.g.
            ``china_calendar(provisional=True)``).
        new_calendar: the new one (e.g. the same with next year's patch).
        deadlines_or_clocks: the items to re-evaluate — :class:`~govefficiency.deadlines.Deadline`
            values (recomputed from their start and period; one with suspensions or
            extensions must be given as its clock), :class:`~govefficiency.deadlines.DeadlineClock`
            values (compared at ``at``), :class:`DeadlineBatch` (the bulk path) and
            :class:`DueDate` values (stored dates: status only). A mapping gives each
            item its id; otherwise deadlines are numbered ``#1``, ``#2``…
        at: the aware instant at which clock states are compared (required with clocks).

    Returns:
        A :class:`CalendarImpact`: the changed deadlines with old and new dates and the
        days that caused the change; unchanged ones are counted, not listed.

    Raises:
        InvalidTypeError: a calendar is not a WorkCalendar, or an item of an unknown type.
        InvalidInputError: clocks without ``at``.
    """
    with gc_paused():  # see govefficiency._gc: a bulk report allocates, it leaves no garbage
        return _impact(old_calendar, new_calendar, deadlines_or_clocks, at)


def _impact(
    old_calendar: WorkCalendar,
    new_calendar: WorkCalendar,
    deadlines_or_clocks: Iterable[Any] | Mapping[str, Any],
    at: dt.datetime | None,
) -> CalendarImpact:
    from govefficiency.deadlines import Deadline, DeadlineClock  # deadlines depends on calendar

    changes = day_changes(old_calendar, new_calendar)
    if at is not None:
        at = require_aware(at, "at")
    if isinstance(deadlines_or_clocks, Mapping):
        pairs: Iterable[tuple[str | None, Any]] = deadlines_or_clocks.items()
    elif isinstance(deadlines_or_clocks, str | bytes) or not isinstance(deadlines_or_clocks, Iterable):
        raise InvalidTypeError(
            "deadlines_or_clocks must be a list (or a mapping id -> item) of deadlines, clocks, "
            f"DeadlineBatch or DueDate values, not {type(deadlines_or_clocks).__name__}",
            "deadlines_or_clocks 必须是期限、计时器、DeadlineBatch 或 DueDate 的列表（或 id -> 项目 的映射）",
        )
    else:
        pairs = ((None, item) for item in deadlines_or_clocks)
    causes = _Causes(changes)
    entries: list[ImpactEntry] = []
    errors: list[ImpactError] = []
    checked = confirmed = 0
    for n, (key, item) in enumerate(pairs, 1):
        ident = key if key is not None else f"#{n}"
        if isinstance(item, DeadlineBatch):
            c, k = _batch(old_calendar, new_calendar, item, causes, entries, errors)
            checked += c
            confirmed += k
            continue
        if isinstance(item, DeadlineClock):
            if at is None:
                raise InvalidInputError(
                    "clocks are compared at an instant: pass at= (an aware datetime)",
                    "计时器需在某一时刻比较：请传入 at=（带时区的 datetime）",
                )
            old, new = _clock(item, old_calendar, at), _clock(item, new_calendar, at)
            ident = key if key is not None else item.id
            source = "clock"
        elif isinstance(item, Deadline):
            if any(
                s.kind.value in ("suspension", "restart", "extension", "undetermined") for s in item.steps
            ):
                errors.append(
                    ImpactError(
                        ident,
                        Text(
                            "该期限含中止或延长，无法仅凭计算结果重算；请传入其 DeadlineClock",
                            "this deadline has suspensions or extensions and cannot be recomputed from "
                            "its result alone; pass its DeadlineClock instead",
                        ),
                    )
                )
                continue
            old, new = _deadline(item, old_calendar), _deadline(item, new_calendar)
            source = "deadline"
        elif isinstance(item, DueDate):
            old, new = _dated(item, old_calendar), _dated(item, new_calendar)
            ident = key if key is not None else item.id
            source = "due_date"
        else:
            raise InvalidTypeError(
                f"cannot evaluate {type(item).__name__}: give Deadline, DeadlineClock, "
                f"DeadlineBatch or DueDate values",
                f"无法评估 {type(item).__name__}：请提供 Deadline、DeadlineClock、DeadlineBatch 或 DueDate",
            )
        checked += 1
        (old_due, old_status, old_prov, old_err), (new_due, new_status, new_prov, new_err) = old, new
        if old_err is not None and new_err is not None:
            errors.append(ImpactError(ident, new_err))
            continue
        if old_due == new_due and old_status == new_status:
            confirmed += old_prov and not new_prov
            continue
        start = _start_of(item, old_calendar)
        later = max((d for d in (old_due, new_due) if d is not None), default=None)
        entries.append(
            ImpactEntry(
                ident,
                source,
                old_due,
                new_due,
                old_status,
                new_status,
                old_prov,
                new_prov,
                causes.between(start, later),
                item.parties if isinstance(item, DueDate) else (),
            )
        )
    return CalendarImpact(
        old_calendar.version,
        new_calendar.version,
        changes,
        tuple(entries),
        checked,
        confirmed,
        tuple(errors),
        at,
    )


_Answer = tuple[dt.date | None, str, bool, Text | None]
_NOT_RECOMPUTABLE = ("suspension", "restart", "extension", "undetermined")


def recompute_as_known_on(
    deadline: Deadline,
    *,
    on: dt.date,
    provisional: bool = True,
    patches: Iterable[Any] = (),
) -> Deadline:
    """``deadline`` recomputed with the PRC calendar as known on ``on`` — what the agency
    knew the day it first computed it (see ``china_calendar(as_known_on=…)``).

    The result records that calendar's version; compare its ``content_hash`` with the
    stored deadline's to see whether the stored one was computed on the same day-kind
    table.

    Args:
        deadline: a deadline computed by ``compute_deadline`` or ``latest_date_before``
            without suspensions or extensions (those are recomputed from their clock).
        on: the day it was first computed.
        provisional: answer beyond the notices known then from the statutory rules
            (default), as a calendar in provisional mode did.
        patches: patches the agency had applied (each with ``published_on``; later ones
            are left out).

    Raises:
        InvalidTypeError: ``deadline`` is not a Deadline.
        InvalidInputError: it has suspensions or extensions.
        CalendarError: ``on`` is before the earliest notice date in the data.
    """
    from govefficiency.calendar._china import china_calendar
    from govefficiency.deadlines import Deadline, compute_deadline, latest_date_before

    if not isinstance(deadline, Deadline):
        raise InvalidTypeError(
            f"expected a Deadline, not {type(deadline).__name__}",
            f"需要 Deadline，而不是 {type(deadline).__name__}",
        )
    if any(s.kind.value in _NOT_RECOMPUTABLE for s in deadline.steps):
        raise InvalidInputError(
            "this deadline has suspensions or extensions and cannot be recomputed from its result "
            "alone; recompute it from its DeadlineClock with the calendar as known on that day",
            "该期限含中止或延长，无法仅凭计算结果重算；请用当日已知的日历由其 DeadlineClock 重算",
        )
    cal = china_calendar(as_known_on=on, provisional=provisional, patches=patches)
    basis: Period | StatuteRule = deadline.rule if deadline.rule is not None else deadline.period
    fn = latest_date_before if deadline.backward else compute_deadline
    return fn(deadline.start, basis, calendar=cal)


def _uncovered(exc: GovEfficiencyError) -> _Answer:
    return None, _UNCOVERED, False, Text(exc.zh or exc.en, exc.en)


def _deadline(item: Deadline, cal: WorkCalendar) -> _Answer:
    from govefficiency.deadlines import compute_deadline, latest_date_before

    basis: Period | StatuteRule = item.rule if item.rule is not None else item.period
    try:
        fn = latest_date_before if item.backward else compute_deadline
        result = fn(item.start, basis, calendar=cal)
    except CalendarCoverageError as exc:
        return _uncovered(exc)
    return result.due_date, result.status.value, result.provisional, None


def _clock(item: DeadlineClock, cal: WorkCalendar, at: dt.datetime) -> _Answer:
    try:
        status = attrs.evolve(item, calendar=cal).status(at)
    except CalendarCoverageError as exc:
        return _uncovered(exc)
    return status.due_date, status.state.value, status.provisional, None


def _dated(item: DueDate, cal: WorkCalendar) -> _Answer:
    if item.due is None:
        return None, "undetermined", False, Text("截止日期未确定", "the due date is not determined")
    if not cal.covers(item.due):
        return (
            None,
            _UNCOVERED,
            False,
            Text(
                f"{item.due} 不在日历覆盖范围（{cal.first}..{cal.last}）内",
                f"{item.due} is outside the calendar's range {cal.first}..{cal.last}",
            ),
        )
    status = "working_day" if cal.is_working_day(item.due) else "rest_day"
    return item.due, status, cal.is_provisional(item.due), None


def _start_of(item: Any, cal: WorkCalendar) -> dt.date | None:
    """The day counting starts from (causes are looked for after it)."""
    from govefficiency._time import local_date
    from govefficiency.deadlines import DeadlineClock

    if isinstance(item, DeadlineClock):
        return local_date(item.events[0].at, item.calendar.zone)
    if isinstance(item, DueDate):
        return None if item.due is None else item.due - dt.timedelta(days=1)
    start = item.start
    if isinstance(start, dt.datetime):
        return local_date(start, cal.zone)
    if item.backward:
        return None  # counted backwards from the event: any earlier day may matter
    return start if isinstance(start, dt.date) else None


def _batch(
    old: WorkCalendar,
    new: WorkCalendar,
    batch: DeadlineBatch,
    causes: _Causes,
    entries: list[ImpactEntry],
    errors: list[ImpactError],
) -> tuple[int, int]:
    """The bulk path. A due date depends only on the start (the period is shared), so the
    distinct starts — a few hundred days for a million stored deadlines — go through
    ``due_dates`` once per calendar, and the rows are then selected in C (``Counter``,
    ``compress``), not compared one by one in Python."""
    from govefficiency.deadlines import due_dates

    starts = batch.starts
    counts = collections.Counter(starts)
    uniq = list(counts)
    old_answers = _bulk_answers(old, uniq, batch.period, due_dates)
    new_answers = _bulk_answers(new, uniq, batch.period, due_dates)
    moved: dict[dt.date, tuple[_Answer, _Answer]] = {}
    confirmed = 0
    for start, x, y in zip(uniq, old_answers, new_answers, strict=True):
        if x[0] != y[0] or x[1] != y[1] or (x[3] is not None and y[3] is not None):
            moved[start] = (x, y)
        elif x[2] and not y[2]:
            confirmed += counts[start]
    if not moved:
        return len(starts), confirmed
    ids, parties, between = batch.ids, batch.parties, causes.between
    for i in itertools.compress(range(len(starts)), map(moved.__contains__, starts)):
        start = starts[i]
        (a, sa, pa, ea), (b, sb, pb, eb) = moved[start]
        if ea is not None and eb is not None:
            errors.append(ImpactError(str(ids[i]), eb))
            continue
        later = a if b is None or (a is not None and a > b) else b
        entries.append(
            ImpactEntry(
                str(ids[i]),
                "batch",
                a,
                b,
                sa,
                sb,
                pa,
                pb,
                between(start, later),
                tuple(parties[i]) if parties else (),
            )
        )
    return len(starts), confirmed


def _bulk_answers(cal: WorkCalendar, starts: list[dt.date], period: Any, due_dates: Any) -> list[_Answer]:
    """One answer per start: ``due_dates`` in one call, or start by start when the
    calendar cannot cover them all (each uncovered start is then an answer too)."""
    try:
        result = due_dates(starts, period, calendar=cal)
    except CalendarCoverageError:
        return [_one(cal, start, period, due_dates) for start in starts]
    through = cal.official_through
    return [(d, "determined", d > through, None) for d in result.dates]


def _one(cal: WorkCalendar, start: dt.date, period: Any, due_dates: Any) -> _Answer:
    try:
        result = due_dates([start], period, calendar=cal)
    except CalendarCoverageError as exc:
        return _uncovered(exc)
    return result.dates[0], "determined", result.is_provisional(0), None
