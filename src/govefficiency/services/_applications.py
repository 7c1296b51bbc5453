"""Applications (办件): their records, findings and two-level clocks.

An application's events: first contact (首问), an optional referral to the competent unit,
receipt of the materials, correction notices (补正告知), the acceptance decision (受理),
suspensions (art. 45 time not counted), extensions (art. 42), the decision and delivery.

The decision period runs from acceptance. When neither an acceptance decision nor a
correction notice reaches the applicant within 5 working days of receipt, the
application counts as accepted from the day of receipt (行政许可法 art. 32 ¶1(4); art. 82:
the agency's limits are working days) and the period runs from that day.

Each open application has a two-level clock for the e-supervision screen (电子监察): yellow
once the committed limit (承诺时限) has passed, red once the statutory limit has passed.
:func:`status_board` computes it for many applications with the deadline engine's bulk
path (:func:`govefficiency.deadlines.due_dates`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._records import checked, sequence, text_of, unique
from govefficiency._time import require_aware
from govefficiency._validators import (
    check_ids,
    check_optional_id,
    instance_of,
    optional_instance_of,
    valid_id,
)
from govefficiency.citation import Citation
from govefficiency.deadlines import (
    CalendarDays,
    WorkingDays,
)
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
)
from govefficiency.text import Text

__all__ = [
    "Absence",
    "Application",
    "ApplicationRegister",
    "CorrectionNotice",
    "ExtensionRecord",
    "FirstContact",
    "Referral",
    "SuspensionRecord",
]

#: 行政许可法 art. 45: time for hearings, tendering, inspection, testing, appraisal and expert
#: review is not counted (the default basis of a suspension).
ART_45 = Citation(
    Text("行政许可法", "Administrative Licensing Law"),
    "45",
    2019,
    Text(
        "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在期限内",
        "time for hearings, tendering, auctions, inspection, testing, quarantine, appraisal and "
        "expert review is not counted",
    ),
)
_NOTICE_RULE = "licensing.completeness_notice"


def _aware(value: object) -> dt.datetime:
    return require_aware(value, "an event time")


def _opt_aware(value: object) -> dt.datetime | None:
    return None if value is None else require_aware(value, "an event time")


@attrs.frozen
class FirstContact:
    """The first officer asked (首问负责人).

    Attributes:
        officer: the officer's id.
        unit: the officer's unit.
        at: when (aware).
    """

    officer: str = attrs.field(validator=valid_id())
    unit: str = attrs.field(validator=valid_id())
    at: dt.datetime = attrs.field(converter=_aware)


@attrs.frozen
class Referral:
    """A referral (转办) of the applicant to the competent unit.

    Attributes:
        to: the unit referred to.
        at: when (aware).
    """

    to: str = attrs.field(validator=valid_id())
    at: dt.datetime = attrs.field(converter=_aware)


def _missing(value: object) -> tuple[str, ...]:
    out = check_ids(value, "CorrectionNotice.missing")
    if not out:
        raise InvalidInputError(
            "a correction notice lists at least one missing material", "补正告知至少列出一项需补正的材料"
        )
    return out


@attrs.frozen
class CorrectionNotice:
    """A correction notice (补正告知) listing the missing materials.

    Attributes:
        at: when it was given (aware).
        missing: the materials it asks for (at least one).
    """

    at: dt.datetime = attrs.field(converter=_aware)
    missing: tuple[str, ...] = attrs.field(converter=_missing)


@attrs.frozen
class SuspensionRecord:
    """Time not counted (art. 45: expert review, inspection, hearing…).

    Attributes:
        start: when it began (aware).
        end: when it ended, or ``None`` while it lasts.
        basis: its legal basis (default: 行政许可法 art. 45).
    """

    start: dt.datetime = attrs.field(converter=_aware)
    end: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)
    basis: Citation = attrs.field(default=ART_45, validator=instance_of(Citation))

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidInputError(
                f"a suspension ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})",
                f"中止的结束时间（{self.end.isoformat()}）早于开始时间（{self.start.isoformat()}）",
            )


def _extension_length(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, WorkingDays | CalendarDays):
        raise InvalidTypeError(
            "an extension is WorkingDays(n) or CalendarDays(n)",
            "延长期限必须是 WorkingDays(n) 或 CalendarDays(n)",
        )


@attrs.frozen
class ExtensionRecord:
    """An approved extension of the statutory limit (art. 42: +10 working days with the
    agency head's approval). The committed limit is a promise and is not extended.

    Attributes:
        at: when it was approved (aware).
        length: how much longer.
        authority: who approved it.
    """

    at: dt.datetime = attrs.field(converter=_aware)
    length: WorkingDays | CalendarDays = attrs.field(validator=_extension_length)
    authority: Text = attrs.field(converter=text_of)


def _seq(value: object, cls: type, what: str) -> tuple[Any, ...]:
    out = sequence(
        value, f"{what} must be a sequence of {cls.__name__}", f"{what} 必须是 {cls.__name__} 的序列"
    )
    bad = f"{what} must hold {cls.__name__} values, not {{kind}}", f"{what} 只能包含 {cls.__name__}"
    return tuple(checked(out, cls, *bad))


def _corrections(value: object) -> tuple[CorrectionNotice, ...]:
    return _seq(value, CorrectionNotice, "Application.corrections")


def _suspensions(value: object) -> tuple[SuspensionRecord, ...]:
    return _seq(value, SuspensionRecord, "Application.suspensions")


def _extensions(value: object) -> tuple[ExtensionRecord, ...]:
    return _seq(value, ExtensionRecord, "Application.extensions")


def _submitted(value: object) -> tuple[str, ...]:
    return check_ids(value, "Application.submitted")


def _absences(value: object) -> tuple[Absence, ...]:
    return _seq(value, Absence, "absences")


_opt_referral = optional_instance_of(
    Referral, "{owner} must be a Referral or None, not {type}", "{owner} 必须是 Referral 或 None"
)


@attrs.frozen
class Application:
    """One application (办件) and its events.

    Attributes:
        id: the application's id.
        item: the catalogue item applied for.
        received: when the competent unit received the materials (收到申请材料).
        first_contact: the first officer asked (首问).
        submitted: the materials handed in at receipt; ``()`` when none.
        referral: the referral to the competent unit, or ``None``.
        handled_by: the window officer who handled it, or ``None`` (then the first contact).
        corrections: the correction notices, in time order; ``()`` when none.
        accepted: the acceptance decision (受理), or ``None``.
        suspensions: time not counted; ``()`` when none.
        extensions: approved extensions of the statutory limit; ``()`` when none.
        decided: the decision (办结), or ``None`` while open.
        delivered: delivery to the applicant (送达), or ``None``.
    """

    id: str = attrs.field(validator=valid_id())
    item: str = attrs.field(validator=valid_id())
    received: dt.datetime = attrs.field(converter=_aware)
    first_contact: FirstContact = attrs.field(validator=instance_of(FirstContact))
    submitted: tuple[str, ...] = attrs.field(default=(), converter=_submitted)
    referral: Referral | None = attrs.field(default=None, validator=_opt_referral)
    handled_by: str | None = attrs.field(default=None, converter=check_optional_id)
    corrections: tuple[CorrectionNotice, ...] = attrs.field(default=(), converter=_corrections)
    accepted: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)
    suspensions: tuple[SuspensionRecord, ...] = attrs.field(default=(), converter=_suspensions)
    extensions: tuple[ExtensionRecord, ...] = attrs.field(default=(), converter=_extensions)
    decided: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)
    delivered: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)
    _last: dt.datetime = attrs.field(init=False, eq=False, repr=False)
    _notified: dt.datetime | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        def before(a: dt.datetime | None, b: dt.datetime | None, en: str, zh: str) -> None:
            if a is not None and b is not None and b < a:
                raise InvalidInputError(
                    f"application {self.id}: {en} ({b.isoformat()}) is before {a.isoformat()}",
                    f"办件 {self.id}：{zh}（{b.isoformat()}）早于 {a.isoformat()}",
                )

        before(self.received, self.accepted, "the acceptance", "受理时间")
        before(self.accepted or self.received, self.decided, "the decision", "办结时间")
        before(self.decided, self.delivered, "the delivery", "送达时间")
        for c in self.corrections:
            before(self.received, c.at, "a correction notice", "补正告知时间")
        for a, b in zip(self.corrections, self.corrections[1:], strict=False):
            before(
                a.at,
                b.at,
                "a correction notice (notices are listed in time order)",
                "补正告知时间（须按时间顺序）",
            )
        # Suspensions and extensions can only follow receipt; whether they fall inside the
        # decision period (which may start on a deemed acceptance) is for the deadline
        # rules to say (EVENTS_NOT_ALLOWED), not a format error.
        for s in self.suspensions:
            before(self.received, s.start, "a suspension", "中止开始时间")
        for e in self.extensions:
            before(self.received, e.at, "an extension", "延长批准时间")
        times = [self.received, self.first_contact.at]
        times += [t for t in (self.accepted, self.decided, self.delivered) if t is not None]
        times += [self.referral.at] if self.referral is not None else []
        times += [c.at for c in self.corrections] + [e.at for e in self.extensions]
        times += [t for s in self.suspensions for t in (s.start, s.end) if t is not None]
        object.__setattr__(self, "_last", max(times))
        first = self.corrections[0].at if self.corrections else None
        notified = (
            self.accepted if first is None else first if self.accepted is None else min(first, self.accepted)
        )
        object.__setattr__(self, "_notified", notified)

    @property
    def notified(self) -> dt.datetime | None:
        """The first notice on completeness: the acceptance decision or the first
        correction notice, whichever came first; ``None`` when neither."""
        return self._notified

    @at_by_keyword(1)
    def as_of(self, *, at: dt.datetime) -> Application:
        """The application as it was known at ``at``: later events are dropped."""
        at = require_aware(at, "at")
        if self._last <= at:
            return self
        return attrs.evolve(
            self,
            corrections=tuple(c for c in self.corrections if c.at <= at),
            accepted=self.accepted if self.accepted is not None and self.accepted <= at else None,
            referral=self.referral if self.referral is not None and self.referral.at <= at else None,
            suspensions=tuple(
                s if s.end is None or s.end <= at else attrs.evolve(s, end=None)
                for s in self.suspensions
                if s.start <= at
            ),
            extensions=tuple(e for e in self.extensions if e.at <= at),
            decided=self.decided if self.decided is not None and self.decided <= at else None,
            delivered=self.delivered if self.delivered is not None and self.delivered <= at else None,
        )


@attrs.frozen
class Absence:
    """An officer's recorded absence (请假、外出), whole days inclusive.

    Attributes:
        officer: who.
        start: the first day absent.
        end: the last day absent.
    """

    officer: str = attrs.field(validator=valid_id())
    start: dt.date = attrs.field()
    end: dt.date = attrs.field()

    def __attrs_post_init__(self) -> None:
        from govefficiency._time import require_date

        require_date(self.start, "Absence.start")
        require_date(self.end, "Absence.end")
        if self.end < self.start:
            raise InvalidInputError(
                f"officer {self.officer}: an absence ends ({self.end}) before it starts ({self.start})",
                f"人员 {self.officer}：缺席结束日期（{self.end}）早于开始日期（{self.start}）",
            )


def _apps(value: Iterable[Application]) -> tuple[Application, ...]:
    return unique(
        _seq(value, Application, "applications"),
        lambda ident: InvalidInputError(f"application id {ident!r} is used twice", f"办件 id {ident!r} 重复"),
        key=lambda a: a.id,
    )


@attrs.frozen
class ApplicationRegister:
    """The applications of a service centre and the officers' absences.

    Attributes:
        applications: the applications (ids unique).
        absences: recorded absences; ``()`` when none.
    """

    applications: tuple[Application, ...] = attrs.field(converter=_apps)
    absences: tuple[Absence, ...] = attrs.field(default=(), converter=_absences)
    _absent: dict[str, list[tuple[int, int]]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for a in self.absences:
            index[a.officer].append((a.start.toordinal(), a.end.toordinal()))
        for ranges in index.values():
            ranges.sort()
        object.__setattr__(self, "_absent", dict(index))

    def is_absent(self, officer: str, day: dt.date) -> bool:
        """Whether ``officer`` is recorded absent on ``day``."""
        ranges = self._absent.get(officer)
        if not ranges:
            return False
        o = day.toordinal()
        i = bisect.bisect_right(ranges, (o, 1 << 62)) - 1
        return any(s <= o <= e for s, e in ranges[max(0, i - 8) : i + 1])

    def __len__(self) -> int:
        return len(self.applications)
