"""How each source gives proposals (see :func:`propose_accountability`): decision
findings for a decision made, a quarter's ledger check, and accountable escalation
actions; and the checks that a check was made at the named quarter's end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from govefficiency._deprecation import warn_old_form
from govefficiency._time import require_date
from govefficiency._validators import (
    check_id,
    check_iterable,
)
from govefficiency.accountability._codes import (
    DECISION_NOT_MADE,
    SEED_002_DECISIONS,
    SEED_003_KEY,
    SEED_003_SPECIAL,
)
from govefficiency.accountability._ladder import AccountabilityForm, SubjectKind
from govefficiency.accountability._proposal_model import (
    _TRIGGER_TERMS,
    DECIDING_STEPS,
    DECISION_TRIGGERS,
    AccountableAction,
    DecisionTrigger,
    Liability,
    ProgressCheck,
    Proposal,
    ProposalSource,
    quarter_end,
)
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.findings import Finding, Severity
from govefficiency.responsibility import ResponsibilityGraph, resolve_unit
from govefficiency.text import Text


def _from_findings(
    findings: Iterable[Finding],
    decision_id: str,
    makers: tuple[str, ...],
    on: dt.date,
    decided: bool | None,
    why: Text | None,
    notices: list[Finding],
) -> list[Proposal]:
    """Proposals for a decision made (``decided`` true); for one not made yet, a
    ``DECISION_NOT_MADE`` notice per finding instead; when nobody said (``decided`` None),
    proposals on condition that the decision was made."""
    grouped: dict[DecisionTrigger, list[Finding]] = {}
    for finding in findings:
        if not isinstance(finding, Finding):
            raise InvalidTypeError(
                f"decision findings are Finding values, not {type(finding).__name__}",
                "决策问题必须是 Finding",
            )
        trigger = DECISION_TRIGGERS.get(finding.code)
        if trigger is not None and finding.severity is Severity.ERROR:
            grouped.setdefault(trigger, []).append(finding)
    if decided is False:
        assert why is not None
        for trigger in DecisionTrigger:
            for f in grouped.get(trigger, ()):
                notices.append(
                    DECISION_NOT_MADE(
                        decision_id,
                        f.code,
                        *f.subject,
                        decision=decision_id,
                        on=on.isoformat(),
                        why=why.zh,
                        why_en=why.en,
                        code=f.code,
                    )
                )
        return []
    unknown = None
    if decided is None:
        unknown = Text(
            "该决策已经作出（未给出决策记录 decision_record= 或 decided_on=）",
            "that the decision was made (neither decision_record= nor decided_on= was given)",
        )
    out = []
    for trigger in DecisionTrigger:
        found = grouped.get(trigger)
        if not found:
            continue
        liability, conditions = _TRIGGER_TERMS[trigger]
        if unknown is not None:
            conditions = (
                unknown
                if conditions is None
                else Text(f"{unknown.zh}；{conditions.zh}", f"{unknown.en}; {conditions.en}")
            )
        codes = sorted({f.code for f in found})
        evidence = tuple(dict.fromkeys(f"{decision_id}:{f.code}" for f in found))
        cause = Text(
            f"决策 {decision_id}：{trigger.label.zh}（{'、'.join(codes)}）",
            f"decision {decision_id}: {trigger.label.en} ({', '.join(codes)})",
        )
        for maker in makers:
            out.append(
                Proposal(
                    f"decision:{decision_id}:{trigger.value}:{maker}",
                    ProposalSource.DECISION,
                    maker,
                    SubjectKind.PERSON,
                    liability,
                    None,
                    cause,
                    evidence,
                    SEED_002_DECISIONS,
                    on,
                    conditions,
                )
            )
    return out


def _decided(record: object, decided_on: object, on: dt.date) -> tuple[bool | None, Text | None]:
    """Whether the decision is made by ``on`` (None: nobody said), and the words why."""
    if decided_on is not None:
        day = require_date(decided_on, "decided_on")
        if day > on:
            raise AccountabilityError(
                f"decided_on {day} is after the day of the proposals {on}: a proposal rests on a decision "
                "already made; propose on or after the day of the decision",
                f"decided_on {day} 晚于问责建议日期 {on}：问责建议只能针对已经作出的决策；请在决策作出之日或之后提出",
            )
        return True, Text(f"于 {day} 作出", f"made on {day}")
    if record is None:
        return None, None
    steps = getattr(record, "steps", None)
    if steps is None or isinstance(steps, str | bytes):
        raise InvalidTypeError(
            f"decision_record must be a decision record (with steps), not {type(record).__name__}",
            f"decision_record 必须是决策记录（含 steps），而不是 {type(record).__name__}",
        )
    made = [
        step.date
        for step in check_iterable(steps, "decision_record.steps")
        if getattr(getattr(step, "kind", None), "value", None) in DECIDING_STEPS
        and isinstance(getattr(step, "date", None), dt.date)
        and step.date <= on
    ]
    if made:
        return True, Text(f"于 {min(made)} 作出", f"made on {min(made)}")
    return False, Text(
        "记录中没有集体讨论决定、决策公布、归档或决策后评估",
        "the record has no collective discussion, publication, archiving or post-evaluation",
    )


def _review_day(review: object) -> dt.date | None:
    """The day a check reviewed (its ``day``, else the date of its ``at``), or None for bare
    items."""
    if not hasattr(review, "items") or isinstance(review, Mapping):
        return None
    day = getattr(review, "day", None)
    if day is None:
        at = getattr(review, "at", None)
        day = at.date() if isinstance(at, dt.datetime) else at
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidTypeError(
            f"progress_checks: a check report needs its review day (day=), not {day!r}",
            f"progress_checks：检查报告需要其检查日期（day），而不是 {day!r}",
        )
    return day


def _quarter_of(day: dt.date) -> tuple[int, int] | None:
    q = (day.month - 1) // 3 + 1
    return (day.year, q) if quarter_end(day.year, q) == day else None


def _check_quarter(quarter: object) -> tuple[int, int]:
    if not isinstance(quarter, tuple) or len(quarter) != 2:
        raise AccountabilityError(
            f"quarter is (year, quarter), not {quarter!r}", f"quarter 应为 (年份, 季度)，而不是 {quarter!r}"
        )
    quarter_end(*quarter)  # validates
    return quarter


def _progress_checks(
    progress_checks: object, quarter: object, on: dt.date
) -> tuple[tuple[ProgressCheck, ...], tuple[int, int] | None]:
    """The items of the check and its quarter, checked against each other: a check report
    must have been made at the end of the named quarter; bare items (the old form) warn."""
    day = _review_day(progress_checks)
    if day is not None:
        items = check_iterable(progress_checks.items, "progress_checks.items")  # type: ignore[attr-defined]
        named = _quarter_of(day)
        if quarter is None:
            if named is None:
                raise AccountabilityError(
                    f"the progress checks were made on {day}, which ends no quarter: run the check at a "
                    "quarter's end (at=quarter_end(year, quarter)) or give quarter=(year, quarter)",
                    f"进展检查日期为 {day}，不是季度末：请在季度末检查（at=quarter_end(年份, 季度)）或给出 quarter=(年份, 季度)",
                )
            quarter = named
        year, q = _check_quarter(quarter)
        end = quarter_end(year, q)
        if day != end:
            where = f"the end of {named[0]} Q{named[1]}" if named else "not a quarter's end"
            where_zh = f"{named[0]} 年第 {named[1]} 季度末" if named else "不是季度末"
            raise AccountabilityError(
                f"the progress checks were made on {day} ({where}), not at the end of {year} Q{q} ({end}): "
                f"run the check at quarter_end({year}, {q}), or name the quarter the checks were made for",
                f"进展检查日期为 {day}（{where_zh}），不是 {year} 年第 {q} 季度末（{end}）："
                f"请以 quarter_end({year}, {q}) 重新检查，或给出检查所对应的季度",
            )
        if on < day:
            raise AccountabilityError(
                f"proposals on {on} cannot rest on a check made later, on {day}",
                f"{on} 的问责建议不能依据其后 {day} 的检查",
            )
        return _items(items), (year, q)
    items = check_iterable(progress_checks, "progress_checks")
    if not items:
        return (), None
    warn_old_form(
        "propose_accountability(progress_checks=<the items of a check>)",
        "pass the check itself, progress_checks=june_check(ledger, at=quarter_end(year, quarter)), "
        "so that its review day can be checked against quarter=",
        stacklevel=4,
    )
    if quarter is None:
        raise AccountabilityError(
            "progress checks need quarter=(year, quarter)", "进展检查需要给出 quarter=(年份, 季度)"
        )
    year, q = _check_quarter(quarter)
    end = quarter_end(year, q)
    checked = _items(items)
    later = sorted(
        {
            i.item_id
            for i in checked
            if isinstance(rd := getattr(i, "report_date", None), dt.date) and rd > end
        }
    )
    if later:
        raise AccountabilityError(
            f"the progress checks use reports dated after the end of {year} Q{q} ({end}) for {', '.join(later)}: "
            f"they are not a check at that quarter's end; pass the check itself "
            f"(progress_checks=june_check(ledger, at=quarter_end({year}, {q})))",
            f"进展检查中 {'、'.join(later)} 依据的进度报告晚于 {year} 年第 {q} 季度末（{end}），不是该季度末的检查；"
            f"请传入检查本身（progress_checks=june_check(ledger, at=quarter_end({year}, {q}))）",
        )
    return checked, (year, q)


def _items(items: tuple[Any, ...]) -> tuple[ProgressCheck, ...]:
    for i in items:
        if not all(hasattr(i, name) for name in ("item_id", "title", "unit", "status", "gap")):
            raise InvalidTypeError(
                f"progress checks are ledger check items (item_id, title, unit, status, gap), not {type(i).__name__}",
                f"进展检查必须是台账检查条目（item_id、title、unit、status、gap），而不是 {type(i).__name__}",
            )
    return items


def _from_progress(
    checks: Iterable[ProgressCheck], quarter: tuple[int, int], on: dt.date, graph: ResponsibilityGraph | None
) -> list[Proposal]:
    year, q = quarter
    out = []
    for check in checks:
        status = getattr(check, "status", None)
        value = getattr(status, "value", status)
        if value not in ("behind", "no_report", "overdue"):
            continue
        item, unit = check_id(check.item_id, "item_id"), check_id(check.unit, "unit")
        if graph is not None:
            unit = resolve_unit(graph, unit)
        why_zh = "进展缓慢" if value == "behind" else "未报送进展"
        why_en = "progressing slowly" if value == "behind" else "no progress reported"
        out.append(
            Proposal(
                f"progress:{year}Q{q}:{item}",
                ProposalSource.SLOW_PROGRESS,
                unit,
                SubjectKind.ORGAN,
                Liability.SPECIAL,
                AccountabilityForm.CIRCULATED_CRITICISM,
                Text(
                    f"{year} 年第 {q} 季度重点工作“{check.title}”{why_zh}（落后 {check.gap:.1f} 个百分点）",
                    f"key task “{check.title}” {why_en} in {year} Q{q} ({check.gap:.1f} points behind)",
                ),
                (item,),
                SEED_003_SPECIAL,
                on,
            )
        )
    return out


def _from_actions(actions: Iterable[AccountableAction], on: dt.date) -> list[Proposal]:
    out = []
    for action in check_iterable(actions, "actions"):
        if getattr(action, "accountable", None) is not True:
            if not hasattr(action, "accountable"):
                raise InvalidTypeError(
                    f"actions are escalation Action values, not {type(action).__name__}",
                    "actions 必须是督办动作",
                )
            continue
        key = action.key
        ref = f"{key.case_id}:{key.level_id}:{key.due_date.isoformat()}:{key.occurrence}"
        for unit in action.units:
            out.append(
                Proposal(
                    f"escalation:{ref}:{unit}",
                    ProposalSource.ESCALATION,
                    unit,
                    SubjectKind.ORGAN,
                    Liability.KEY,
                    AccountabilityForm.CIRCULATED_CRITICISM,
                    Text(
                        f"“{action.title.zh}”落实迟缓，已至督办级别“{action.level.zh}”（截止 {key.due_date}）",
                        f"“{action.title.en}” slow to implement; escalation reached “{action.level.en}” "
                        f"(due {key.due_date})",
                    ),
                    (ref,),
                    SEED_003_KEY,
                    on,
                )
            )
    return out
