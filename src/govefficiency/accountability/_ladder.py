"""The accountability ladder (问责): events, forms and the thresholds that follow from them.

Seed 002 (延寿县, 2018) lists the forms of accountability: 责令限期整改, 通报批评,
取消评先资格, 责令辞职, 建议免职. Seed 003 (南阳市, 2014) sets the thresholds: an organ
held accountable twice within one year — its principal and supervising leaders get an
admonishment talk (诫勉谈话); three times — an administrative sanction (行政处分) and a
recommendation to the party committee for organisational handling (组织处理).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from govefficiency._deprecation import keyword_only, renamed_keyword
from govefficiency._records import bilingual, checked
from govefficiency._time import require_date
from govefficiency._validators import check_iterable, instance_of
from govefficiency.citation import Citation
from govefficiency.deadlines import add_months
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.text import LabelledEnum, Lang, Text, require_lang

__all__ = [
    "AccountabilityEvent",
    "AccountabilityForm",
    "AccountabilityLadder",
    "DueSanction",
    "LadderResult",
    "SanctionKind",
    "SubjectKind",
    "Threshold",
    "Window",
]

SEED_002 = Citation(
    Text(
        "延寿县人民政府关于进一步提升政府执行力的意见",
        "Yanshou County Government opinion on raising execution",
    ),
    "",
    2018,
    Text("十三、严格执行行政问责制度", "§13 accountability"),
)
SEED_003 = Citation(
    Text(
        "南阳市人民政府关于加强政府效能建设的意见",
        "Nanyang City Government opinion on strengthening government efficiency",
    ),
    "",
    2014,
    Text(
        "对一年内被问责两次的单位主要领导、分管领导进行诫勉谈话；三次的给予行政处分，并建议市委进行组织处理",
        "an organ held accountable twice within one year: admonishment talk for its principal and "
        "supervising leaders; three times: administrative sanction and a recommendation for organisational handling",
    ),
)


_PRINCIPALS = Text("单位主要领导、分管领导", "the organ's principal and supervising leaders")


class AccountabilityForm(LabelledEnum):
    """The forms of accountability (seed 002 §13)."""

    RECTIFY_WITHIN_LIMIT = ("rectify_within_limit", "责令限期整改", "order to rectify within a time limit")
    CIRCULATED_CRITICISM = ("circulated_criticism", "通报批评", "circulated criticism")
    LOSS_OF_AWARD_ELIGIBILITY = ("loss_of_award_eligibility", "取消评先资格", "loss of award eligibility")
    ORDERED_RESIGNATION = ("ordered_resignation", "责令辞职", "ordered resignation")
    RECOMMENDED_DISMISSAL = ("recommended_dismissal", "建议免职", "recommended dismissal")


class SubjectKind(enum.Enum):
    """Whether an event concerns an organ (unit) or a person."""

    ORGAN = "organ"
    PERSON = "person"


class SanctionKind(LabelledEnum):
    """What a threshold calls for."""

    ADMONISHMENT_TALK = ("admonishment_talk", "诫勉谈话", "admonishment talk")
    ADMINISTRATIVE_SANCTION = ("administrative_sanction", "行政处分", "administrative sanction")
    ORGANISATIONAL_HANDLING = (
        "organisational_handling",
        "建议组织处理",
        "recommendation for organisational handling",
    )


class Window(enum.Enum):
    """How events are counted: within the calendar year of the date asked about, or in
    the rolling 12 months ending on it."""

    CALENDAR_YEAR = "calendar_year"
    ROLLING_12_MONTHS = "rolling_12_months"


def _subject(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AccountabilityError(
            f"an accountability event needs the subject's id, not {value!r}",
            f"问责事件必须写明对象 id，而不是 {value!r}",
        )
    return value


def _cause(value: Text | str) -> Text:
    return bilingual(
        value,
        lambda: AccountabilityError(
            "an accountability event needs its cause (a non-empty str or Text)", "问责事件必须写明事由"
        ),
    )


def _date(value: object) -> dt.date:
    return require_date(value, "AccountabilityEvent.date")


@attrs.frozen
class AccountabilityEvent:
    """One accountability decision (问责).

    Attributes:
        subject: the organ's or person's id (as in the responsibility graph).
        date: the day of the decision.
        form: the form of accountability.
        cause: why, in zh and en.
        subject_kind: organ or person.
    """

    subject: str = attrs.field(converter=_subject)
    date: dt.date = attrs.field(converter=_date)
    form: AccountabilityForm = attrs.field(validator=instance_of(AccountabilityForm))
    cause: Text = attrs.field(converter=_cause)
    subject_kind: SubjectKind = attrs.field(default=SubjectKind.ORGAN, validator=instance_of(SubjectKind))


def _sanctions(value: Iterable[SanctionKind]) -> tuple[SanctionKind, ...]:
    items = check_iterable(value, "Threshold.sanctions")
    if not items or not all(isinstance(s, SanctionKind) for s in items):
        raise AccountabilityError(
            "a threshold needs one or more SanctionKind values", "阈值至少需要一种处理方式"
        )
    return items


@attrs.frozen
class Threshold:
    """``count`` events within the window call for ``sanctions`` for ``targets``."""

    count: int
    sanctions: tuple[SanctionKind, ...] = attrs.field(converter=_sanctions)
    targets: Text = _PRINCIPALS
    citation: Citation = SEED_003

    def __attrs_post_init__(self) -> None:
        if type(self.count) is not int or self.count < 1:
            raise AccountabilityError(
                f"a threshold count is a positive int, not {self.count!r}",
                f"阈值次数必须是正整数，而不是 {self.count!r}",
            )


def _thresholds(value: Iterable[Threshold]) -> tuple[Threshold, ...]:
    items = check_iterable(value, "AccountabilityLadder.thresholds")
    if not items or not all(isinstance(t, Threshold) for t in items):
        raise AccountabilityError("a ladder needs one or more Threshold values", "问责阶梯至少需要一个阈值")
    items = tuple(sorted(items, key=lambda t: t.count))
    if len({t.count for t in items}) != len(items):
        raise AccountabilityError("two thresholds have the same count", "两个阈值的次数相同")
    return items


SEED_003_THRESHOLDS = (
    Threshold(2, (SanctionKind.ADMONISHMENT_TALK,)),
    Threshold(3, (SanctionKind.ADMINISTRATIVE_SANCTION, SanctionKind.ORGANISATIONAL_HANDLING)),
)


@attrs.frozen
class DueSanction:
    """A sanction the ladder calls for, with the events that caused it."""

    kind: SanctionKind
    threshold: Threshold
    caused_by: tuple[AccountabilityEvent, ...]

    def render(self, lang: Lang = "zh") -> str:
        lang = require_lang(lang)
        n = len(self.caused_by)
        dates = (
            "、".join(str(e.date) for e in self.caused_by)
            if lang == "zh"
            else ", ".join(str(e.date) for e in self.caused_by)
        )
        if lang == "zh":
            return f"{self.kind.label.zh}（对象：{self.threshold.targets.zh}；{n} 次问责：{dates}）"
        return f"{self.kind.label.en} (for {self.threshold.targets.en}; {n} accountability events: {dates})"


@attrs.frozen
class LadderResult:
    """What the ladder says about one subject at one date."""

    subject: str
    at: dt.date
    window_start: dt.date
    events: tuple[AccountabilityEvent, ...]
    sanctions: tuple[DueSanction, ...]

    def render(self, lang: Lang = "zh") -> str:
        lang = require_lang(lang)
        head = (
            f"{self.subject}：{self.window_start} 至 {self.at} 被问责 {len(self.events)} 次"
            if lang == "zh"
            else f"{self.subject}: {len(self.events)} accountability events from {self.window_start} to {self.at}"
        )
        return "\n".join([head, *(("  - " + s.render(lang)) for s in self.sanctions)])


@attrs.frozen
class AccountabilityLadder:
    """Thresholds over a counting window.

    Attributes:
        thresholds: the thresholds, lowest count first (default: seed 003's 2 and 3).
        window: calendar year or rolling 12 months (seed 003 says "一年内"; which reading
            applies is a local choice, hence configurable).
    """

    thresholds: tuple[Threshold, ...] = attrs.field(default=SEED_003_THRESHOLDS, converter=_thresholds)
    window: Window = attrs.field(default=Window.CALENDAR_YEAR, validator=instance_of(Window))

    @renamed_keyword("at", "on")
    @keyword_only("on", 1, what="the day")
    def window_start(self, *, on: dt.date) -> dt.date:
        """The first day counted for a question asked on ``on`` (a date: the ladder counts
        whole days; a datetime is refused)."""
        on = require_date(on, "on")
        if self.window is Window.CALENDAR_YEAR:
            return dt.date(on.year, 1, 1)
        return add_months(on, -12) + dt.timedelta(days=1)

    @renamed_keyword("at", "on")
    @keyword_only(("on", "events"), 2, what="the day and events")
    def due_for(self, subject: str, *, on: dt.date, events: Iterable[AccountabilityEvent]) -> LadderResult:
        """The sanctions due for ``subject`` on the day ``on``, with the events that caused
        them: the events dated from :meth:`window_start` to ``on``, both included.

        ``on`` is a date, not an instant: events carry dates and the window counts whole
        days, so a datetime is refused rather than truncated (the caller says which day
        it means in which zone).

        Only the highest threshold reached applies (three events call for sanction and
        organisational handling, not also the admonishment talk of two).
        """
        if not isinstance(subject, str) or not subject:
            raise InvalidTypeError("subject must be a non-empty id", "subject 必须是非空 id")
        on = require_date(on, "on")
        start = self.window_start(on=on)
        mine = []
        for event in checked(
            events,
            AccountabilityEvent,
            "events must be AccountabilityEvent values, not {kind}",
            "events 必须是 AccountabilityEvent",
        ):
            if event.subject == subject and start <= event.date <= on:
                mine.append(event)
        mine.sort(key=lambda e: e.date)
        reached = [t for t in self.thresholds if len(mine) >= t.count]
        sanctions: tuple[DueSanction, ...] = ()
        if reached:
            top = reached[-1]
            sanctions = tuple(DueSanction(kind, top, tuple(mine)) for kind in top.sanctions)
        return LadderResult(subject, on, start, tuple(mine), sanctions)
