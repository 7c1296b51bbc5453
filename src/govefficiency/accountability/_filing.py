"""Filing (备案) of accountability decisions with the supervision department (seed 001).

Seed 001 二(二): 完善行政过错责任追究的备案备查、统计分析等制度；各级政府部门要及时将行政
问责和过错责任追究工作情况报送同级监察部门备案. "及时" gives no number of days: the
default of :data:`DEFAULT_FILING_DAYS` working days is a **local choice**.

:class:`Filing` records one decision and the day it was filed; :func:`check_filings`
returns findings for filings overdue or late (a clock on the filing);
:func:`filing_counts` gives the statistics (统计分析) by form, unit or period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from govefficiency._records import calendar_or_default, checked
from govefficiency._time import require_date
from govefficiency._validators import instance_of, optional, valid_date, valid_id
from govefficiency.accountability._codes import FILING_LATE, FILING_MISSING, FILING_UNDETERMINED
from govefficiency.accountability._ladder import AccountabilityForm
from govefficiency.calendar import WorkCalendar
from govefficiency.errors import AccountabilityError, CalendarCoverageError, InvalidTypeError
from govefficiency.findings import Finding

__all__ = ["DEFAULT_FILING_DAYS", "Filing", "check_filings", "filing_counts", "filing_due"]

#: Working days after the decision by which it is filed. Seed 001 says 及时 (promptly)
#: without a number: 5 working days is a local choice.
DEFAULT_FILING_DAYS = 5


@attrs.frozen
class Filing:
    """One accountability decision and its filing (备案).

    Attributes:
        id: the decision's id (e.g. the proposal id it followed).
        subject: the unit or person held accountable.
        unit: the unit the statistics count it under (the subject's unit).
        form: the form of accountability decided.
        decided_on: the day of the decision.
        filed_on: the day it was filed with the supervision department, or ``None``
            while not filed.
    """

    id: str = attrs.field(validator=valid_id())
    subject: str = attrs.field(validator=valid_id())
    unit: str = attrs.field(validator=valid_id())
    form: AccountabilityForm = attrs.field(validator=instance_of(AccountabilityForm))
    decided_on: dt.date = attrs.field(validator=valid_date())
    filed_on: dt.date | None = attrs.field(default=None, validator=optional(valid_date()))

    def __attrs_post_init__(self) -> None:
        if self.filed_on is not None and self.filed_on < self.decided_on:
            raise AccountabilityError(
                f"filing {self.id}: filed on {self.filed_on}, before the decision of {self.decided_on}",
                f"备案 {self.id}：备案日 {self.filed_on} 早于决定日 {self.decided_on}",
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "unit": self.unit,
            "form": self.form.value,
            "decided_on": self.decided_on.isoformat(),
            "filed_on": None if self.filed_on is None else self.filed_on.isoformat(),
        }


def _within(value: object) -> int:
    if type(value) is not int or value < 1:
        raise AccountabilityError(
            f"within is a positive number of working days, not {value!r}",
            f"within 必须是正整数（工作日），而不是 {value!r}",
        )
    return value


def filing_due(
    decided_on: dt.date, *, within: int = DEFAULT_FILING_DAYS, calendar: WorkCalendar | None = None
) -> dt.date:
    """The day a decision taken on ``decided_on`` is due to be filed: ``within`` working
    days later (the decision day not counted)."""
    cal = calendar_or_default(calendar)
    return cal.add_working_days(require_date(decided_on, "decided_on"), _within(within))


def _filings(filings: Iterable[Filing]) -> tuple[Filing, ...]:
    if isinstance(filings, Filing) or not isinstance(filings, Iterable):
        raise InvalidTypeError("filings must be a list of Filing values", "filings 必须是 Filing 的列表")
    return tuple(checked(filings, Filing, "filings are Filing values, not {kind}", "filings 只能包含 Filing"))


def check_filings(
    filings: Iterable[Filing],
    *,
    on: dt.date,
    within: int = DEFAULT_FILING_DAYS,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """Findings for decisions not filed by their due day (``FILING_MISSING``, an error)
    or filed after it (``FILING_LATE``, a warning), as of ``on``.

    A due day past the calendar's last day (next year's holiday arrangement not loaded)
    is not an error for the batch: it lies after that day, so a decision filed by then,
    or asked about by then, is known to be in time (no finding); one filed or asked about
    later gets ``FILING_UNDETERMINED`` (a warning saying which year is missing and how to
    add it), and the other decisions are answered."""
    day = require_date(on, "on")
    within = _within(within)
    cal = calendar_or_default(calendar)
    out = []
    for f in _filings(filings):
        if f.decided_on > day:
            continue
        try:
            due = filing_due(f.decided_on, within=within, calendar=cal)
        except CalendarCoverageError as exc:
            if f.decided_on < cal.first:
                raise
            undetermined = _undetermined(f, day, cal, exc)
            if undetermined is not None:
                out.append(undetermined)
            continue
        if f.filed_on is None or f.filed_on > day:
            if due < day:
                out.append(
                    FILING_MISSING(
                        f.id,
                        f.subject,
                        subject=f.subject,
                        decided_on=f.decided_on,
                        form_zh=f.form.label.zh,
                        form_en=f.form.label.en,
                        due=due,
                        on=day,
                    )
                )
        elif f.filed_on > due:
            out.append(
                FILING_LATE(
                    f.id, f.subject, subject=f.subject, decided_on=f.decided_on, filed_on=f.filed_on, due=due
                )
            )
    return out


def _undetermined(f: Filing, day: dt.date, cal: WorkCalendar, exc: CalendarCoverageError) -> Finding | None:
    """A filing whose due day lies past the calendar's last day: ``None`` when what
    happened by that day decides it (filed by then, or asked about by then), else the
    ``FILING_UNDETERMINED`` finding."""
    last = cal.last
    filed = f.filed_on is not None and f.filed_on <= day
    if (filed and f.filed_on is not None and f.filed_on <= last) or (not filed and day <= last):
        return None
    return FILING_UNDETERMINED(
        f.id,
        f.subject,
        subject=f.subject,
        decided_on=f.decided_on,
        last=last,
        what_zh=f"其于 {f.filed_on} 备案是否逾期" if filed else f"至 {day} 仍未备案，是否已逾期",
        what_en=f"was filed in time (filed on {f.filed_on})"
        if filed
        else f"is overdue (still not filed on {day})",
        why=exc.zh or exc.en,
        why_en=exc.en,
    )


_PERIODS = ("year", "quarter", "month")


def _period(day: dt.date, period: str) -> str:
    if period == "year":
        return str(day.year)
    if period == "quarter":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def filing_counts(filings: Iterable[Filing], *, by: str, period: str = "quarter") -> Mapping[str, int]:
    """How many decisions (统计分析), by ``"form"``, ``"unit"`` or ``"period"`` (of the
    decision day: ``"year"``, ``"quarter"`` or ``"month"``), sorted by key."""
    items = _filings(filings)
    if by not in ("form", "unit", "period"):
        raise AccountabilityError(
            f"by is 'form', 'unit' or 'period', not {by!r}",
            f"by 只能是 'form'、'unit' 或 'period'，而不是 {by!r}",
        )
    if period not in _PERIODS:
        raise AccountabilityError(
            f"period is 'year', 'quarter' or 'month', not {period!r}",
            "period 只能是 'year'、'quarter' 或 'month'",
        )
    if by == "form":
        counts = Counter(f.form.value for f in items)
    elif by == "unit":
        counts = Counter(f.unit for f in items)
    else:
        counts = Counter(_period(f.decided_on, period) for f in items)
    return dict(sorted(counts.items()))
