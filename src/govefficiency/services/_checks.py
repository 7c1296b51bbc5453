"""Catalogue checks: small pure functions from a catalogue to findings.

:func:`check_catalogue` runs the tuple :data:`CATALOGUE_CHECKS` and returns the findings
sorted (errors first). Nothing here raises for a defect of the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from govefficiency._records import calendar_or_default
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import Direction, Hours, Period, StatuteRule, due_dates
from govefficiency.errors import CalendarCoverageError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.services import _codes as codes
from govefficiency.services._catalogue import Catalogue

__all__ = ["CATALOGUE_CHECKS", "CatalogueCheck", "check_catalogue", "commitment_excess"]

#: A catalogue check: a pure function from a catalogue and a calendar to findings.
CatalogueCheck = Callable[[Catalogue, WorkCalendar], list[Finding]]


def _suitable(rule: StatuteRule) -> str | None:
    if rule.direction is not Direction.FORWARD:
        return "before"
    if isinstance(rule.period, Hours):
        return "hours"
    return None


_WHY = {
    "before": ("该规则是事件前的倒数期限", "it counts backwards before an event"),
    "hours": ("该规则以小时计", "it is counted in hours"),
}


def check_rules(catalogue: Catalogue, calendar: WorkCalendar) -> list[Finding]:
    """``UNKNOWN_RULE``, ``UNSUITABLE_RULE``: each item's rule is a known forward day limit."""
    out = []
    for item in catalogue.items:
        if item.rule not in catalogue.rules:
            out.append(codes.UNKNOWN_RULE(item.id, item.rule, item=item.id, rule=item.rule))
            continue
        why = _suitable(catalogue.rule_of(item))
        if why is not None:
            zh, en = _WHY[why]
            out.append(
                codes.UNSUITABLE_RULE(item.id, item.rule, item=item.id, rule=item.rule, why=zh, why_en=en)
            )
    return out


def commitment_excess(
    committed: Period, statutory: Period, calendar: WorkCalendar
) -> tuple[dt.date, dt.date, dt.date] | None:
    """The first start (within the calendar's coverage) from which ``committed`` ends after
    ``statutory``, with both end dates; ``None`` when it never does.

    Both periods are counted from the same start (the day of acceptance, not counted), so
    25 working days against 20 working days always exceeds, while 30 calendar days against
    20 working days exceeds only from some starts (holidays make the difference)."""
    if not isinstance(committed, Period) or not isinstance(statutory, Period):
        raise InvalidTypeError("commitment_excess compares two periods", "commitment_excess 需要两个期间")
    if not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
    # Calendar days a period can take at most: working days are padded for the longest
    # holidays (Spring Festival and National Day weeks), months and years taken long.
    factor = {"working_days": 2, "days": 1, "months": 31, "years": 366}
    span = max(
        p.n * factor.get(p.unit.value, 1) + (21 if p.unit.value == "working_days" else 7)
        for p in (committed, statutory)
    )
    first, last = calendar.first, calendar.last - dt.timedelta(days=span)
    if last < first:
        raise CalendarCoverageError(
            f"calendar {calendar.name!r} ({calendar.first}..{calendar.last}) is too short to compare "
            f"{committed.describe('en')} with {statutory.describe('en')}",
            f"日历 {calendar.name!r}（{calendar.first}..{calendar.last}）太短，无法比较"
            f"{committed.describe('zh')}与{statutory.describe('zh')}",
        )
    starts = [dt.date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]
    if committed.unit is statutory.unit and committed.unit.value in ("working_days", "days"):
        # Same unit: the same number of units from the same start ends later iff it is longer;
        # only the first start is needed to show the dates.
        if committed.n <= statutory.n:
            return None
        starts = [max(first, calendar.official_through - dt.timedelta(days=span))]
    a = due_dates(starts, committed, calendar=calendar).dates
    b = due_dates(starts, statutory, calendar=calendar).dates
    for start, x, y in zip(starts, a, b, strict=True):
        if x > y:
            return start, x, y
    return None


def check_commitments(catalogue: Catalogue, calendar: WorkCalendar) -> list[Finding]:
    """``COMMITMENT_EXCEEDS_STATUTE``: the committed limit, counted from the same start as the
    statutory one, never ends later."""
    out = []
    for item in catalogue.items:
        if item.rule not in catalogue.rules:
            continue
        rule = catalogue.rule_of(item)
        if _suitable(rule) is not None:
            continue
        try:
            excess = commitment_excess(item.committed, rule.period, calendar)
        except CalendarCoverageError as exc:
            out.append(
                codes.COMPARISON_UNDETERMINED(item.id, item=item.id, why=exc.zh or exc.en, why_en=exc.en)
            )
            continue
        if excess is None:
            continue
        start, c_end, s_end = excess
        out.append(
            codes.COMMITMENT_EXCEEDS_STATUTE(
                item.id,
                item=item.id,
                rule=rule.id,
                committed=item.committed.describe("zh"),
                statutory=rule.period.describe("zh"),
                committed_en=item.committed.describe("en"),
                statutory_en=rule.period.describe("en"),
                detail=f"例如自 {start} 起算，承诺时限至 {c_end}，法定时限至 {s_end}",
                detail_en=f"e.g. counted from {start}, the commitment ends on {c_end} and the statute on {s_end}",
            )
        )
    return out


def check_units(catalogue: Catalogue, calendar: WorkCalendar) -> list[Finding]:
    """``ITEM_WITHOUT_COMPETENT_UNIT``, ``ITEM_WITHOUT_MATERIALS``."""
    out = []
    for item in catalogue.items:
        if item.competent_unit is None:
            out.append(codes.ITEM_WITHOUT_UNIT(item.id, item=item.id))
        if not item.materials:
            out.append(codes.NO_MATERIALS(item.id, item=item.id))
    return out


def check_posts(catalogue: Catalogue, calendar: WorkCalendar) -> list[Finding]:
    """``POST_WITHOUT_B_OFFICER``, ``A_OFFICER_IS_B_OFFICER``, ``UNKNOWN_POST``,
    ``ITEM_WITHOUT_POST``."""
    out = []
    for post in catalogue.posts:
        if post.b_officer is None:
            out.append(codes.POST_WITHOUT_B(post.id, post=post.id, a=post.a_officer))
        elif post.b_officer == post.a_officer:
            out.append(codes.A_IS_B(post.id, post.id, officer=post.a_officer, post=post.id))
    for item in catalogue.items:
        if item.post is None:
            out.append(codes.ITEM_WITHOUT_POST(item.id, item=item.id))
        elif catalogue.post(item.post) is None:
            out.append(codes.UNKNOWN_POST(item.id, item.post, item=item.id, post=item.post))
    return out


#: The catalogue checks, in the order they run (a tuple: not extensible by accident).
CATALOGUE_CHECKS: tuple[CatalogueCheck, ...] = (check_rules, check_commitments, check_units, check_posts)


def check_catalogue(catalogue: Catalogue, *, calendar: WorkCalendar | None = None) -> list[Finding]:
    """All catalogue findings, errors first."""
    if not isinstance(catalogue, Catalogue):
        raise InvalidTypeError(f"expected a Catalogue, not {type(catalogue).__name__}", "需要 Catalogue")
    cal = calendar_or_default(calendar)
    return sort_findings(f for check in CATALOGUE_CHECKS for f in check(catalogue, cal))
