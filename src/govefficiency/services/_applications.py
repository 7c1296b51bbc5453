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
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from govefficiency._gc import gc_paused
from govefficiency._loading import Fields, parse_document, read_document
from govefficiency._time import local_date, require_aware
from govefficiency._time import zone as zone_of
from govefficiency._validators import check_id, check_ids, instance_of, valid_id
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines import (
    CalendarDays,
    Extension,
    Suspension,
    WorkingDays,
    compute_deadline,
    due_dates,
    get_rule,
)
from govefficiency.errors import (
    CalendarCoverageError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
)
from govefficiency.findings import Finding, FindingCode, sort_findings
from govefficiency.services import _codes as codes
from govefficiency.services._catalogue import Catalogue, CatalogueFileError, ServiceItem
from govefficiency.text import LabelledEnum, Lang, Text, check_lang

__all__ = [
    "Absence",
    "Application",
    "ApplicationRegister",
    "ApplicationStatus",
    "CorrectionNotice",
    "ExtensionRecord",
    "FirstContact",
    "Light",
    "Referral",
    "StatusBoard",
    "SuspensionRecord",
    "application_status",
    "check_applications",
    "load_applications",
    "loads_applications",
    "status_board",
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


def _text(value: object) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str) and value.strip():
        return Text(value, value)
    raise InvalidTypeError(f"expected a non-empty str or Text, not {value!r}", "需要非空字符串或 Text")


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
    authority: Text = attrs.field(converter=_text)


def _seq(value: object, cls: type, what: str) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"{what} must be a sequence of {cls.__name__}", f"{what} 必须是 {cls.__name__} 的序列"
        )
    out = tuple(value)
    for v in out:
        if not isinstance(v, cls):
            raise InvalidTypeError(
                f"{what} must hold {cls.__name__} values, not {type(v).__name__}",
                f"{what} 只能包含 {cls.__name__}",
            )
    return out


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


def _opt_id(value: object) -> str | None:
    return None if value is None else check_id(value, "an id")


def _opt_referral(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Referral):
        raise InvalidTypeError(
            f"Application.referral must be a Referral or None, not {type(value).__name__}",
            "Application.referral 必须是 Referral 或 None",
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
    handled_by: str | None = attrs.field(default=None, converter=_opt_id)
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

    def as_of(self, at: dt.datetime) -> Application:
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
    out: tuple[Application, ...] = _seq(value, Application, "applications")
    seen: set[str] = set()
    for a in out:
        if a.id in seen:
            raise InvalidInputError(f"application id {a.id!r} is used twice", f"办件 id {a.id!r} 重复")
        seen.add(a.id)
    return out


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


# --- the two-level clock ------------------------------------------------------------------------


class Light(LabelledEnum):
    """An application's light on the e-supervision screen (电子监察)."""

    NOT_RECEIVED = ("not_received", "尚未收到材料", "materials not yet received")
    PENDING = ("pending", "待受理", "awaiting acceptance")
    GREEN = ("green", "绿灯", "green")
    YELLOW = ("yellow", "黄灯（超过承诺时限）", "yellow (past the committed limit)")
    RED = ("red", "红灯（超过法定时限）", "red (past the statutory limit)")
    SUSPENDED = ("suspended", "中止", "suspended")
    DONE = ("done", "已办结", "decided")
    UNDETERMINED = ("undetermined", "无法确定", "undetermined")


class ApplicationStatus(NamedTuple):
    """An application's two-level clock at one instant.

    Attributes:
        application: the application's id.
        item: its item id.
        unit: the item's competent unit, or ``None``.
        light: not received yet, pending (awaiting acceptance), green, yellow, red,
            suspended, done or undetermined.
        received: the day the materials were received.
        notice_due: the last day for the completeness notice (5 working days), or ``None``
            when it cannot be computed.
        start: the day the decision period counts from (acceptance, or receipt when
            deemed accepted), or ``None`` while awaiting acceptance.
        deemed: whether acceptance is deemed (art. 32 ¶1(4)).
        committed_due: the committed limit's last day (yellow after it), or ``None``.
        statutory_due: the statutory limit's last day (red after it), or ``None``.
        decided: the day of the decision, or ``None`` while open.
        provisional: whether a date depends on provisional calendar data.
        reason: why the light is undetermined, or a note on a limit that has no date yet
            (it ends after the calendar's last day); ``None`` otherwise.
        corrections: how many correction notices were given by the instant.
        rejected: the deadline engine refused the record's suspensions or extensions (e.g.
            an extension beyond the statute's cap, a suspension after the limit expired);
            the light is then undetermined and ``EVENTS_NOT_ALLOWED`` is reported.
    """

    application: str
    item: str
    unit: str | None
    light: Light
    received: dt.date
    notice_due: dt.date | None
    start: dt.date | None
    deemed: bool
    committed_due: dt.date | None
    statutory_due: dt.date | None
    decided: dt.date | None
    provisional: bool = False
    reason: Text | None = None
    corrections: int = 0
    rejected: bool = False

    def to_dict(self) -> dict[str, Any]:
        def d(x: dt.date | None) -> str | None:
            return None if x is None else x.isoformat()

        return {
            "application": self.application,
            "item": self.item,
            "unit": self.unit,
            "light": self.light.value,
            "received": self.received.isoformat(),
            "notice_due": d(self.notice_due),
            "start": d(self.start),
            "deemed_accepted": self.deemed,
            "committed_due": d(self.committed_due),
            "statutory_due": d(self.statutory_due),
            "decided": d(self.decided),
            "provisional": self.provisional,
            "reason": None if self.reason is None else {"zh": self.reason.zh, "en": self.reason.en},
            "corrections": self.corrections,
            "rejected": self.rejected,
        }

    def render(self, lang: Lang = "zh") -> str:
        """One line: id, light, item, start and both limits."""
        lg = check_lang(lang)
        parts = [f"{self.application}", self.light.label.get(lg), self.item]
        if lg == "zh":
            if self.start is not None:
                parts.append(f"起算 {self.start}" + ("（视为受理）" if self.deemed else ""))
            if self.committed_due is not None:
                parts.append(f"承诺 {self.committed_due}")
            if self.statutory_due is not None:
                parts.append(f"法定 {self.statutory_due}")
        else:
            if self.start is not None:
                parts.append(f"from {self.start}" + (" (deemed accepted)" if self.deemed else ""))
            if self.committed_due is not None:
                parts.append(f"committed {self.committed_due}")
            if self.statutory_due is not None:
                parts.append(f"statutory {self.statutory_due}")
        if self.provisional:
            parts.append("（暂定）" if lg == "zh" else "(provisional)")
        if self.reason is not None:
            parts.append(self.reason.get(lg))
        return "  ".join(parts)


@attrs.frozen
class StatusBoard:
    """The e-supervision screen at one instant: every application's light and the findings.

    Attributes:
        at: the instant.
        statuses: one status per application, in input order.
        findings: the findings of the applications as known at ``at`` (errors first); built
            on first access, so that a screen that only shows the lights does not pay for
            the wording of thousands of findings.
    """

    at: dt.datetime
    statuses: tuple[ApplicationStatus, ...]
    _record: Callable[[], list[Finding]] | None = attrs.field(
        default=None, eq=False, repr=False, alias="record"
    )
    _cache: list[tuple[Finding, ...]] = attrs.field(init=False, factory=list, eq=False, repr=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        if not self._cache:
            found = [] if self._record is None else self._record()
            self._cache.append(tuple(sort_findings(found)))
        return self._cache[0]

    def by_light(self, light: Light) -> tuple[ApplicationStatus, ...]:
        """The statuses with ``light``."""
        return tuple(s for s in self.statuses if s.light is light)

    @property
    def undetermined(self) -> tuple[ApplicationStatus, ...]:
        return self.by_light(Light.UNDETERMINED)

    def counts(self) -> dict[str, int]:
        out = {light.value: 0 for light in Light}
        for s in self.statuses:
            out[s.light.value] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "counts": self.counts(),
            "statuses": [s.to_dict() for s in self.statuses],
            "findings": [f.to_dict() for f in self.findings],
        }


# --- evaluation -------------------------------------------------------------------------------


def _check_inputs(catalogue: object, at: object, calendar: object) -> tuple[dt.datetime, WorkCalendar]:
    if not isinstance(catalogue, Catalogue):
        raise InvalidTypeError(f"expected a Catalogue, not {type(catalogue).__name__}", "需要 Catalogue")
    instant = require_aware(at, "at")
    cal = china_calendar() if calendar is None else calendar
    if not isinstance(cal, WorkCalendar):
        raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
    return instant, cal


def _register(value: object) -> ApplicationRegister:
    if isinstance(value, ApplicationRegister):
        return value
    if isinstance(value, Application):
        return ApplicationRegister((value,))
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return ApplicationRegister(tuple(value))
    raise InvalidTypeError(
        f"expected an ApplicationRegister or applications, not {type(value).__name__}",
        "需要 ApplicationRegister 或办件序列",
    )


def _coverage_text(exc: CalendarCoverageError) -> Text:
    return Text(exc.zh or exc.en, exc.en)


class _Row:
    """Mutable working state of one application during evaluation (private)."""

    __slots__ = (
        "app",
        "c_beyond",
        "committed",
        "decided",
        "deemed",
        "item",
        "light",
        "notice_due",
        "provisional",
        "reason",
        "received",
        "rejected",
        "s_beyond",
        "simple",
        "start",
        "statutory",
    )

    def __init__(self, app: Application, item: ServiceItem | None, received: dt.date) -> None:
        self.app = app
        self.item = item
        self.received = received
        self.notice_due: dt.date | None = None
        self.start: dt.date | None = None
        self.deemed = False
        self.committed: dt.date | None = None
        self.statutory: dt.date | None = None
        self.decided: dt.date | None = None
        self.reason: Text | None = None
        self.simple = not app.suspensions and not app.extensions
        self.light: Light | None = None
        self.provisional = False
        self.rejected = False
        self.s_beyond = False
        self.c_beyond = False


def _bulk(days: list[dt.date], period: Any, cal: WorkCalendar) -> list[dt.date | Text]:
    """Due dates for ``days``; a day whose limit leaves the calendar gets the reason instead."""
    try:
        return due_dates(days, period, calendar=cal).dates  # type: ignore[return-value]
    except CalendarCoverageError:
        out: list[dt.date | Text] = []
        for d in days:
            try:
                out.append(due_dates([d], period, calendar=cal).dates[0])
            except CalendarCoverageError as exc:
                out.append(_coverage_text(exc))
        return out


def _cited(code: FindingCode, citation: Citation, subject: str, **params: Any) -> Finding:
    found: Finding = attrs.evolve(code(subject, **params), citation=citation)
    return found


def _evaluate(
    register: ApplicationRegister, catalogue: Catalogue, at: dt.datetime, cal: WorkCalendar
) -> list[_Row]:
    zone = cal.zone
    tz = zone_of(zone)
    at_day = local_date(at, zone)
    rows: list[_Row] = []
    live: list[_Row] = []
    get = catalogue._by_id.get
    usable = {i.id for i in catalogue.items if i.rule in catalogue.rules}
    append, live_append = rows.append, live.append
    for original in register.applications:
        # Hot loop: one dict look-up and one zone conversion per application.
        app = original if original._last <= at else original.as_of(at)
        item = get(app.item)
        row = _Row(app, item, app.received.astimezone(tz).date())
        append(row)
        if app.item in usable:
            if app.received <= at:
                live_append(row)
            else:
                row.light = Light.NOT_RECEIVED
        elif item is None:
            row.light, row.reason = Light.UNDETERMINED, Text("事项不在清单中", "item not in the catalogue")
        else:
            row.light, row.reason = (
                Light.UNDETERMINED,
                Text(f"未知规则 {item.rule}", f"unknown rule {item.rule}"),
            )
    # A limit that leaves the calendar ends after its last day: what happened on or before
    # that day is still decided (on time, not yet overdue); only later instants are not.
    last = cal.last
    official = cal.official_through
    beyond_note = Text(
        f"时限届满日晚于日历覆盖范围（至 {last}），具体日期待公布放假安排后确定",
        f"the limit ends after the calendar's last day ({last}); its date awaits the published arrangement",
    )
    # 1. the completeness notice: 5 working days from receipt (art. 32 ¶1(4), art. 82).
    notice_rule = get_rule(_NOTICE_RULE)
    pending, undetermined = Light.PENDING, Light.UNDETERMINED
    for r, due in zip(live, _bulk([r.received for r in live], notice_rule, cal), strict=True):
        beyond = isinstance(due, Text)
        if isinstance(due, Text):
            r.reason = beyond_note
            bound = last
        else:
            r.notice_due = bound = due
            if due > official:
                r.provisional = True
        notified = r.app._notified
        if notified is not None:
            if notified.astimezone(tz).date() <= bound:
                if r.app.accepted is not None:
                    r.start = r.app.accepted.astimezone(tz).date()
                else:
                    r.light = pending  # corrections asked for in time; awaiting the materials
                continue
        elif at_day <= bound:
            r.light = pending
            continue
        if beyond:  # notified, or asked about, after the calendar's last day: not known
            r.light = undetermined
            continue
        r.deemed, r.start = True, r.received
    # 2. the committed and statutory limits, from the (deemed) acceptance.
    running = [r for r in live if r.light is None and r.start is not None]
    groups: dict[str, list[_Row]] = defaultdict(list)  # by item: each item has one rule and one commitment
    for r in running:
        if r.simple:
            groups[r.app.item].append(r)
        else:
            _complex(r, catalogue, cal)
    for item_id, members in groups.items():
        item = catalogue._by_id[item_id]
        starts = [r.start for r in members]
        stat = _bulk(starts, catalogue.rules.get(item.rule), cal)  # type: ignore[arg-type]
        comm = _bulk(starts, item.committed, cal)  # type: ignore[arg-type]
        for r, st, c in zip(members, stat, comm, strict=True):
            if isinstance(st, Text):
                r.s_beyond, r.reason = True, beyond_note
            else:
                r.statutory = st
            if isinstance(c, Text):
                r.c_beyond, r.reason = True, beyond_note
            else:
                r.committed = c
    # 3. the lights (the findings are derived from the statuses on demand: StatusBoard.findings).
    for r in running:
        if r.light is not None:
            continue
        app = r.app
        statutory, committed = r.statutory, r.committed
        if (statutory is not None and statutory > official) or (
            committed is not None and committed > official
        ):
            r.provisional = True
        if app.decided is not None:
            decided = r.decided = app.decided.astimezone(tz).date()
            r.light = Light.UNDETERMINED if (r.s_beyond or r.c_beyond) and decided > last else Light.DONE
        elif r.s_beyond or r.c_beyond:
            if statutory is not None and at_day > statutory:
                r.light = Light.RED
            elif at_day > last:
                r.light = Light.UNDETERMINED
            elif committed is not None and at_day > committed:
                r.light = Light.YELLOW
            else:
                r.light = Light.GREEN
        elif statutory is None:
            r.light = Light.SUSPENDED
        elif at_day > statutory:
            r.light = Light.RED
        elif committed is not None and at_day > committed:
            r.light = Light.YELLOW
        else:
            r.light = Light.GREEN
    return rows


def _status_findings(statuses: Iterable[ApplicationStatus], catalogue: Catalogue) -> list[Finding]:
    """The findings that follow from the lights: deemed acceptance, late decisions, yellow
    and red lights, unknown items, undetermined limits."""
    out: list[Finding] = []
    by_id = catalogue._by_id
    for s in statuses:
        app_id = s.application
        item = by_id.get(s.item)
        if item is None:
            out.append(codes.UNKNOWN_ITEM(app_id, s.item, app=app_id, item=s.item))
            continue
        if s.deemed:
            out.append(
                codes.ACCEPTANCE_NOTICE_LATE(app_id, app=app_id, received=s.received, due=s.notice_due)
            )
        light = s.light
        if light is Light.DONE and s.decided is not None:
            if s.statutory_due is not None and s.decided > s.statutory_due:
                citation = catalogue.rules.get(item.rule).citation
                out.append(
                    _cited(
                        codes.DECIDED_AFTER_STATUTE,
                        citation,
                        app_id,
                        app=app_id,
                        decided=s.decided,
                        due=s.statutory_due,
                    )
                )
            elif s.committed_due is not None and s.decided > s.committed_due:
                out.append(
                    codes.DECIDED_AFTER_COMMITMENT(app_id, app=app_id, decided=s.decided, due=s.committed_due)
                )
        elif light is Light.RED:
            citation = catalogue.rules.get(item.rule).citation
            out.append(_cited(codes.OPEN_PAST_STATUTE, citation, app_id, app=app_id, due=s.statutory_due))
        elif light is Light.YELLOW:
            out.append(codes.OPEN_PAST_COMMITMENT(app_id, app=app_id, due=s.committed_due))
        elif light is Light.UNDETERMINED and s.reason is not None and s.rejected:
            citation = catalogue.rules.get(item.rule).citation
            out.append(
                _cited(
                    codes.EVENTS_NOT_ALLOWED,
                    citation,
                    app_id,
                    app=app_id,
                    why=s.reason.zh,
                    why_en=s.reason.en,
                )
            )
        elif light is Light.UNDETERMINED and s.reason is not None:
            out.append(
                codes.UNDETERMINED_LIMIT(
                    app_id,
                    app=app_id,
                    which="办理时限",
                    which_en="handling limits",
                    why=s.reason.zh,
                    why_en=s.reason.en,
                )
            )
    return out


def _board_findings(
    statuses: tuple[ApplicationStatus, ...],
    register: ApplicationRegister,
    catalogue: Catalogue,
    at: dt.datetime,
    zone: str,
) -> list[Finding]:
    return _status_findings(statuses, catalogue) + _record_findings(register, catalogue, at, zone)


def _complex(r: _Row, catalogue: Catalogue, cal: WorkCalendar) -> None:
    """Limits of an application with suspensions or extensions: the explained engine."""
    assert r.item is not None
    assert r.start is not None
    zone = cal.zone
    app = r.app
    suspensions = [
        Suspension(local_date(s.start, zone), None if s.end is None else local_date(s.end, zone), s.basis)
        for s in app.suspensions
    ]
    extensions = [Extension(e.length, e.authority, local_date(e.at, zone)) for e in app.extensions]
    rule = catalogue.rules.get(r.item.rule)
    try:
        stat = compute_deadline(r.start, rule, calendar=cal, suspensions=suspensions, extensions=extensions)
        comm = compute_deadline(r.start, r.item.committed, calendar=cal, suspensions=suspensions)
    except CalendarCoverageError as exc:
        r.light, r.reason = Light.UNDETERMINED, _coverage_text(exc)
        return
    except GovEfficiencyError as exc:  # a suspension or extension the law does not allow
        r.light, r.reason, r.rejected = Light.UNDETERMINED, Text(exc.zh or exc.en, exc.en), True
        return
    r.statutory, r.committed = stat.due_date, comm.due_date
    if r.statutory is None and app.decided is None:
        r.light = Light.SUSPENDED


def _record_findings(
    register: ApplicationRegister, catalogue: Catalogue, at: dt.datetime, zone: str
) -> list[Finding]:
    """First contact, one-time notice and A/B cover: findings that need no clock."""
    out: list[Finding] = []
    for original in register.applications:
        app = original.as_of(at)
        if app.received > at:
            continue
        item = catalogue._by_id.get(app.item)
        if item is None:
            continue
        fc = app.first_contact
        competent = item.competent_unit
        if competent is not None and fc.unit != competent:
            if app.referral is None:
                out.append(
                    codes.FIRST_CONTACT_NOT_ROUTED(
                        app.id, fc.officer, app=app.id, officer=fc.officer, unit=fc.unit, competent=competent
                    )
                )
            elif app.referral.to != competent:
                out.append(
                    codes.REFERRED_TO_WRONG_UNIT(
                        app.id,
                        fc.officer,
                        app=app.id,
                        officer=fc.officer,
                        to=app.referral.to,
                        competent=competent,
                    )
                )
        if len(app.corrections) > 1:
            already = set(item.materials) - set(app.submitted)
            first = set(app.corrections[0].missing)
            for n, notice in enumerate(app.corrections[1:], 2):
                bad = [m for m in notice.missing if m in already and m not in first]
                if bad:
                    out.append(
                        codes.CORRECTION_NOT_ONE_TIME(
                            app.id, app=app.id, n=n, at=notice.at.isoformat(), materials=", ".join(bad)
                        )
                    )
        post = None if item.post is None else catalogue.post(item.post)
        if post is not None:
            day = local_date(app.received, zone)
            if register.is_absent(post.a_officer, day):
                acted = app.handled_by or fc.officer
                if post.b_officer is None or acted != post.b_officer:
                    out.append(
                        codes.NO_BACKUP_COVER(
                            app.id,
                            post.id,
                            app=app.id,
                            day=day.isoformat(),
                            post=post.id,
                            a=post.a_officer,
                            acted=acted,
                            b=post.b_officer or "—",
                        )
                    )
    return out


_new_status = tuple.__new__


def _status(r: _Row) -> ApplicationStatus:
    return _new_status(
        ApplicationStatus,
        (
            r.app.id,
            r.app.item,
            None if r.item is None else r.item.competent_unit,
            r.light,
            r.received,
            r.notice_due,
            r.start,
            r.deemed,
            r.committed,
            r.statutory,
            r.decided,
            r.provisional,
            r.reason,
            len(r.app.corrections),
            r.rejected,
        ),
    )


def status_board(
    applications: ApplicationRegister | Iterable[Application],
    catalogue: Catalogue,
    at: dt.datetime,
    *,
    calendar: WorkCalendar | None = None,
) -> StatusBoard:
    """Every application's two-level clock at ``at`` and the findings of the records as
    known at ``at`` (events after ``at`` are ignored). Limits are computed in bulk per
    (rule, committed limit) with :func:`govefficiency.deadlines.due_dates`; applications
    with suspensions or extensions go through :func:`~govefficiency.deadlines.compute_deadline`.
    A limit that leaves the calendar's coverage ends after its last day: what happened by
    then is decided; a later instant or decision against it is ``UNDETERMINED``, with the
    reason, never a guess."""
    instant, cal = _check_inputs(catalogue, at, calendar)
    register = _register(applications)
    with gc_paused():  # see govefficiency._gc: the rows and statuses are not garbage
        statuses = tuple(_status(r) for r in _evaluate(register, catalogue, instant, cal))
    record = partial(_board_findings, statuses, register, catalogue, instant, cal.zone)
    return StatusBoard(instant, statuses, record=record)


def application_status(
    application: Application, catalogue: Catalogue, at: dt.datetime, *, calendar: WorkCalendar | None = None
) -> ApplicationStatus:
    """One application's two-level clock at ``at``."""
    if not isinstance(application, Application):
        raise InvalidTypeError(
            f"expected an Application, not {type(application).__name__}", "需要 Application"
        )
    return status_board((application,), catalogue, at, calendar=calendar).statuses[0]


def check_applications(
    applications: ApplicationRegister | Iterable[Application],
    catalogue: Catalogue,
    at: dt.datetime,
    *,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """The findings of the applications as known at ``at``, errors first."""
    return list(status_board(applications, catalogue, at, calendar=calendar).findings)


# --- files ---------------------------------------------------------------------------------------


def _first_contact(f: Fields) -> FirstContact:
    fc = f.table("first_contact")
    out: FirstContact = fc.build(
        FirstContact, officer=fc.string("officer"), unit=fc.string("unit"), at=fc.instant("at")
    )
    fc.finish()
    return out


def _application(f: Fields) -> Application:
    referral = None
    if "referral" in f:
        t = f.table("referral")
        referral = t.build(Referral, to=t.string("to"), at=t.instant("at"))
        t.finish()
    corrections = []
    for t in f.tables("corrections", []):
        corrections.append(t.build(CorrectionNotice, at=t.instant("at"), missing=t.strs("missing")))
        t.finish()
    suspensions = []
    for t in f.tables("suspensions", []):
        basis = ART_45
        if "basis" in t:
            b = t.table("basis")
            basis = Citation(
                b.text("law"),
                str(b.raw("article", "")),
                b.integer("year", None, minimum=1949, maximum=2200),
                b.text("note", None),
            )
            b.finish()
        suspensions.append(
            t.build(SuspensionRecord, start=t.instant("start"), end=t.instant("end", None), basis=basis)
        )
        t.finish()
    extensions = []
    for t in f.tables("extensions", []):
        n = t.integer("working_days", minimum=1, maximum=365)
        authority = t.raw("authority")
        extensions.append(
            t.build(
                ExtensionRecord,
                at=t.instant("at"),
                length=WorkingDays(n),
                authority=authority if isinstance(authority, str) else t.text("authority"),
            )
        )
        t.finish()
    app = f.build(
        Application,
        id=f.string("id"),
        item=f.string("item"),
        received=f.instant("received"),
        first_contact=_first_contact(f),
        submitted=f.strs("submitted", ()),
        referral=referral,
        handled_by=f.string("handled_by", None),
        corrections=corrections,
        accepted=f.instant("accepted", None),
        suspensions=suspensions,
        extensions=extensions,
        decided=f.instant("decided", None),
        delivered=f.instant("delivered", None),
    )
    f.finish()
    return app


def _register_from(doc: Fields) -> ApplicationRegister:
    absences = []
    for t in doc.tables("absences", []):
        absences.append(
            t.build(Absence, officer=t.string("officer"), start=t.date("start"), end=t.date("end"))
        )
        t.finish()
    apps = [_application(t) for t in doc.tables("applications")]
    doc.finish()
    return doc.build(ApplicationRegister, apps, absences)


def load_applications(source: str | Path | Mapping[str, Any]) -> ApplicationRegister:
    """Read applications (and absences) from a ``.toml``/``.json`` file or a parsed mapping
    (format in ``docs/services.md``)."""
    return _register_from(read_document(source, error=CatalogueFileError))


def loads_applications(text: str, fmt: str = "toml") -> ApplicationRegister:
    """Read applications from TOML or JSON text."""
    if not isinstance(text, str):
        raise InvalidTypeError(f"text must be a str, not {type(text).__name__}", "text 必须是字符串")
    return _register_from(parse_document(text, fmt=fmt, error=CatalogueFileError))
