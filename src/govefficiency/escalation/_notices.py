"""The notices of cases the engine did not (fully) escalate, in zh and en."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from govefficiency.calendar import WorkCalendar
from govefficiency.errors import GovEfficiencyError
from govefficiency.escalation import _fast
from govefficiency.escalation._actions import CaseNotice, NoticeCode
from govefficiency.escalation._cases import CaseState
from govefficiency.escalation._policy import FALLBACK_ROLES, Level
from govefficiency.text import Text

__all__: list[str] = []

_DAY = dt.timedelta(days=1)


def duplicate_notice(case_id: str) -> CaseNotice:
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(
            f"事项 id {case_id} 重复，后一项未督办",
            f"case id {case_id} appears twice: the later one is not escalated",
        ),
        NoticeCode.DUPLICATE_CASE,
    )


def feedback_notice(
    case_id: str, state: CaseState, level: Level, fired_on: dt.date, feedback_due: dt.date
) -> CaseNotice:
    zh, en = _feedback_texts(level.title, fired_on, feedback_due)
    return _fast.notice(
        case_id,
        state,
        _fast.text(f"事项 {case_id}：{zh}", f"case {case_id}: {en}"),
        NoticeCode.FEEDBACK_OVERDUE,
        level.id,
        None,
    )


@functools.lru_cache(maxsize=1024)
def _feedback_texts(title: Text, fired_on: dt.date, feedback_due: dt.date) -> tuple[str, str]:
    """The part of a feedback notice shared by the cases of one level and day (a daily job
    reports thousands of them)."""
    return (
        f"{title.zh}（{fired_on}）要求于 {feedback_due} 前反馈，尚未收到",
        f"feedback on {title.en} ({fired_on}) was due by {feedback_due} and has not been received",
    )


def unaddressed_notice(case_id: str, state: CaseState, level: Level) -> CaseNotice:
    roles = ", ".join(r.value for r in (*level.recipients, *FALLBACK_ROLES))
    return CaseNotice(
        case_id,
        state,
        Text(
            f"事项 {case_id}：{level.title.zh} 无法确定任何接收方（{roles}），未发出；请补充组织架构",
            f"case {case_id}: {level.title.en} has no resolvable recipient ({roles}); not sent — "
            "complete the org chart",
        ),
        NoticeCode.UNADDRESSED,
        level.id,
    )


def unknown_unit_notice(case_id: str, state: CaseState, reasons: Sequence[Text]) -> CaseNotice:
    """A case naming units the org chart does not have: their roles were unresolved."""
    return CaseNotice(
        case_id,
        state,
        Text(
            f"事项 {case_id}：所列单位不在组织架构中，相关接收方未能确定——"
            + "；".join(r.zh for r in reasons),
            f"case {case_id}: a unit it names is not in the org chart, so its roles were not resolved — "
            + "; ".join(r.en for r in reasons),
        ),
        NoticeCode.UNKNOWN_UNIT,
    )


def state_notice(case_id: str, state: CaseState) -> CaseNotice:
    if state is CaseState.SUSPENDED:
        return CaseNotice(
            case_id,
            state,
            Text(f"事项 {case_id} 处于中止状态，暂不督办", f"case {case_id} is suspended: no escalation"),
            NoticeCode.SUSPENDED,
        )
    if state is CaseState.NOT_STARTED:
        return CaseNotice(
            case_id,
            state,
            Text(
                f"事项 {case_id} 的计时尚未开始，暂不督办",
                f"case {case_id}: its clock has not started yet; no escalation",
            ),
            NoticeCode.NOT_STARTED,
        )
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(
            f"事项 {case_id} 的期限尚未确定，未作推算",
            f"case {case_id} has no determined deadline: not guessed",
        ),
        NoticeCode.NO_DUE_DATE,
    )


def uncovered_notice(
    case_id: str, due: dt.date, cal: WorkCalendar, levels: Sequence[str], partial: bool
) -> CaseNotice:
    year = (cal.last + _DAY).year
    which = ", ".join(levels)
    if partial:
        zh = (
            f"事项 {case_id}（截止 {due}）：级别 {which} 在 {cal.last} 之后是否（再次）触发无法判断——"
            f"{year} 年放假安排未载入；请以补丁加入国务院办公厅通知（--patch FILE）"
        )
        en = (
            f"case {case_id} (due {due}): whether level(s) {which} fire (again) after {cal.last} cannot be "
            f"decided — the {year} holiday arrangement is not loaded; add the State Council notice as a "
            f"patch (--patch FILE)"
        )
    else:
        zh = (
            f"事项 {case_id}（截止 {due}）：级别 {which} 的触发日超出工作日历范围（至 {cal.last}），未作推算；"
            f"请以补丁加入 {year} 年国务院办公厅放假通知（--patch FILE）"
        )
        en = (
            f"case {case_id} (due {due}): the trigger day of level(s) {which} lies beyond the working-day "
            f"calendar (through {cal.last}); not guessed — add the State Council's {year} holiday notice as "
            f"a patch (--patch FILE)"
        )
    return CaseNotice(case_id, CaseState.UNDETERMINED, Text(zh, en), NoticeCode.OUTSIDE_CALENDAR, None, year)


def malformed_notice(case_id: str, exc: Exception) -> CaseNotice:
    zh = exc.zh if isinstance(exc, GovEfficiencyError) and exc.zh else str(exc)
    en = exc.en if isinstance(exc, GovEfficiencyError) else str(exc)
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(f"事项 {case_id} 数据有误，未督办：{zh}", f"case {case_id} is malformed, not escalated: {en}"),
        NoticeCode.MALFORMED,
    )
