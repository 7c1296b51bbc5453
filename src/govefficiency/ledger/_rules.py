"""The review policy (what "on track" means) and the ledger's finding codes, with the
provisions of seed 003 they follow."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._format import Bool, Choice, Format, Int, Key, Num
from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency.citation import Citation
from govefficiency.errors import InvalidInputError, InvalidTypeError, LedgerFileError
from govefficiency.findings import FindingCode, Severity
from govefficiency.ledger._fields import to_percent_points
from govefficiency.text import Text

__all__ = [
    "EXECUTION_RATE_BELOW_TARGET",
    "ITEM_BEHIND_SCHEDULE",
    "ITEM_COMPLETED_LATE",
    "ITEM_NOT_REPORTED",
    "ITEM_UNFINISHED",
    "ITEM_UNKNOWN_REFERENCE",
    "LEDGER_FINDING_CODES",
    "MONTHLY_REPORT_MISSING",
    "RECTIFICATION_RATE_BELOW_TARGET",
    "REPORTING_RATE_BELOW_TARGET",
    "TIME_NODE_MISSED",
    "Basis",
    "ReviewPolicy",
]


#: Seed 003 part I(1)1: departments report in writing to the city government every month.
MONTHLY_REPORTING = Citation(
    _NANYANG,
    "",
    2014,
    Text("第一部分(一)1：每月向市政府书面报告执行情况", "part I(1)1: report in writing every month"),
)
#: Seed 003 part II(3): the annual ledger cycle.
LEDGER_CYCLE = Citation(
    _NANYANG,
    "",
    2014,
    Text(
        "第二部分(三)：年初建账、6月查账（时间过半、任务过半）、9月对账（下发《督查通知》）、年底交账",
        "part II(3): open in January, check in June (half the time, half the work), reconcile "
        "in September (supervision notices), settle at year end",
    ),
)
#: Seed 003 part II(4): the supervision targets.
SUPERVISION_TARGETS = Citation(
    _NANYANG,
    "",
    2014,
    Text(
        "第二部分(四)：督查执行率100%，被督查事项上报率100%，责任主体整改率100%",
        "part II(4): 100% supervision execution, 100% reporting by supervised items, "
        "100% rectification by responsible parties",
    ),
)

ITEM_BEHIND_SCHEDULE = FindingCode(
    "ITEM_BEHIND_SCHEDULE",
    Severity.WARNING,
    Text("事项进度滞后", "item behind schedule"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）截至 {day} 完成 {work}%，低于应达的 {expected}%（差 {gap} 个百分点）",
        "item {item} ({title}, unit {unit}) is {work}% complete on {day}, below the {expected}% due "
        "({gap} points behind)",
    ),
    LEDGER_CYCLE,
)
ITEM_NOT_REPORTED = FindingCode(
    "ITEM_NOT_REPORTED",
    Severity.ERROR,
    Text("事项未报送进度", "item without a progress report"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}，责任人 {officer}）截至 {day} 未报送进度，应达 {expected}%",
        "item {item} ({title}, unit {unit}, officer {officer}) has reported no progress by {day}; "
        "{expected}% is due",
    ),
    MONTHLY_REPORTING,
)
MONTHLY_REPORT_MISSING = FindingCode(
    "MONTHLY_REPORT_MISSING",
    Severity.WARNING,
    Text("当月未报送进度", "no progress report in the month"),
    Text(
        "事项 {item}（责任单位 {unit}，责任人 {officer}）在 {month} 没有进度报告",
        "item {item} (unit {unit}, officer {officer}) has no progress report dated in {month}",
    ),
    MONTHLY_REPORTING,
)
TIME_NODE_MISSED = FindingCode(
    "TIME_NODE_MISSED",
    Severity.ERROR,
    Text("未按时间节点推进", "time node missed"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}，责任领导 {leader}，责任人 {officer}）未达到时间节点 "
        "{node}（应完成 {expected}%，实际 {actual}%，差 {gap} 个百分点，已过 {days} 天）",
        "item {item} ({title}; unit {unit}, leader {leader}, officer {officer}) missed the time node "
        "{node} ({expected}% due, {actual}% done, {gap} points behind, {days} days ago)",
    ),
    LEDGER_CYCLE,
)
ITEM_UNFINISHED = FindingCode(
    "ITEM_UNFINISHED",
    Severity.ERROR,
    Text("年底未完成", "item unfinished at year end"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）年底交账时完成 {share}%，未完成目标任务",
        "item {item} ({title}, unit {unit}) is {share}% complete at settlement: unfinished",
    ),
    LEDGER_CYCLE,
)
ITEM_COMPLETED_LATE = FindingCode(
    "ITEM_COMPLETED_LATE",
    Severity.WARNING,
    Text("逾期完成", "item completed late"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）于 {done} 完成，晚于完成时限 {deadline}",
        "item {item} ({title}, unit {unit}) was completed on {done}, after its deadline {deadline}",
    ),
    LEDGER_CYCLE,
)
#: Seed 003 part II(1): every task on the list names its responsible leader and unit, and
#: a named officer.
CHECKLIST_PARTIES = Citation(
    _NANYANG,
    "",
    2014,
    Text(
        "第二部分(一)：每项工作均明确……责任领导和责任单位；明确具体责任人",
        "part II(1): every task on the list names its responsible leader and unit, and a named officer",
    ),
)
ITEM_UNKNOWN_REFERENCE = FindingCode(
    "ITEM_UNKNOWN_REFERENCE",
    Severity.ERROR,
    Text("事项所列责任主体不存在", "item names an unknown party"),
    Text(
        "事项 {item}：{role_zh} {ident} 不存在；请核对责任体系（组织结构）中的 id，或先在其中添加",
        "item {item}: the {role_en} {ident} is not known; check the id against the responsibility "
        "graph (org chart), or add the {role_en} there first",
    ),
    CHECKLIST_PARTIES,
)
EXECUTION_RATE_BELOW_TARGET = FindingCode(
    "EXECUTION_RATE_BELOW_TARGET",
    Severity.ERROR,
    Text("督查执行率未达100%", "supervision execution rate below 100%"),
    Text(
        "{scope}督查执行率 {rate}%（{done}/{due}），未下发督查通知的事项：{missing}",
        "{scope_en}supervision execution rate {rate}% ({done}/{due}); items behind without a notice: {missing}",
    ),
    SUPERVISION_TARGETS,
)
REPORTING_RATE_BELOW_TARGET = FindingCode(
    "REPORTING_RATE_BELOW_TARGET",
    Severity.ERROR,
    Text("被督查事项上报率未达100%", "reporting rate below 100%"),
    Text(
        "{scope}被督查事项上报率 {rate}%（{done}/{due}），逾期未上报的事项：{missing}",
        "{scope_en}reporting rate of supervised items {rate}% ({done}/{due}); items that did not report "
        "back in time: {missing}",
    ),
    SUPERVISION_TARGETS,
)
RECTIFICATION_RATE_BELOW_TARGET = FindingCode(
    "RECTIFICATION_RATE_BELOW_TARGET",
    Severity.ERROR,
    Text("责任主体整改率未达100%", "rectification rate below 100%"),
    Text(
        "{scope}责任主体整改率 {rate}%（{done}/{due}），逾期未整改的事项：{missing}",
        "{scope_en}rectification rate {rate}% ({done}/{due}); items with overdue rectifications: {missing}",
    ),
    SUPERVISION_TARGETS,
)

#: Every finding code of the ledger module, for documentation tables and tests.
LEDGER_FINDING_CODES: tuple[FindingCode, ...] = (
    ITEM_BEHIND_SCHEDULE,
    ITEM_NOT_REPORTED,
    MONTHLY_REPORT_MISSING,
    TIME_NODE_MISSED,
    ITEM_UNFINISHED,
    ITEM_COMPLETED_LATE,
    EXECUTION_RATE_BELOW_TARGET,
    REPORTING_RATE_BELOW_TARGET,
    RECTIFICATION_RATE_BELOW_TARGET,
    ITEM_UNKNOWN_REFERENCE,
)


class Basis(enum.Enum):
    """What an item's work share is compared with in a check."""

    #: The share of the item's time elapsed (时间过半、任务过半): working days from its
    #: start to the review day over those from its start to its deadline.
    TIME = "time"
    #: The share its time nodes expect by the review day (interpolated between nodes).
    PLAN = "plan"


def _tolerance(value: object) -> float:
    return to_percent_points(value, "ReviewPolicy.tolerance")


def _positive_days(instance: object, attribute: attrs.Attribute[int], value: Any) -> None:
    if type(value) is not int or value < 1:
        raise InvalidInputError(
            f"ReviewPolicy.{attribute.name} must be a positive number of days, not {value!r}",
            f"ReviewPolicy.{attribute.name} 必须是正整数天数，而不是 {value!r}",
        )


def _optional_days(instance: object, attribute: attrs.Attribute[int | None], value: Any) -> None:
    if value is not None:
        _positive_days(instance, attribute, value)  # type: ignore[arg-type]


def _basis(instance: object, attribute: attrs.Attribute[Basis], value: Any) -> None:
    if not isinstance(value, Basis):
        raise InvalidTypeError(
            f"ReviewPolicy.basis must be Basis.TIME or Basis.PLAN, not {value!r}",
            f"ReviewPolicy.basis 必须是 Basis.TIME 或 Basis.PLAN，而不是 {value!r}",
        )


def _bool(instance: object, attribute: attrs.Attribute[bool], value: Any) -> None:
    if type(value) is not bool:
        raise InvalidTypeError(
            f"ReviewPolicy.{attribute.name} must be True or False, not {value!r}",
            f"ReviewPolicy.{attribute.name} 必须是布尔值，而不是 {value!r}",
        )


@attrs.frozen
class ReviewPolicy:
    """How the reviews judge items — a local rule, loadable from TOML/JSON.

    Attributes:
        tolerance: percentage points an item may fall short of what is due and still
            count as on track (default 0: "half the time, half the work" exactly).
        basis: compare the work share with the time elapsed (default) or with the plan.
        working_days: count time in working days of the review calendar (default), or
            in calendar days.
        reply_days: days (working days when ``working_days``) a unit has to report back
            after a supervision notice; a notice whose reply date has passed without a
            report counts against the reporting rate. Default 5 (one working week).
        report_window: when set, a report dated more than this many calendar days before
            the review day no longer counts: the item shows as "no report".
    """

    tolerance: float = attrs.field(default=0.0, converter=_tolerance)
    basis: Basis = attrs.field(default=Basis.TIME, validator=_basis)
    working_days: bool = attrs.field(default=True, validator=_bool)
    reply_days: int = attrs.field(default=5, validator=_positive_days)
    report_window: int | None = attrs.field(default=None, validator=_optional_days)

    @classmethod
    def load(cls, source: str | Path | Mapping[str, Any]) -> ReviewPolicy:
        """A policy from a TOML/JSON file or mapping with the attribute names as keys
        (``basis = "time"`` or ``"plan"``); missing keys take the defaults.

        Raises:
            LedgerFileError: an unknown key or a bad value, located.
        """
        policy: ReviewPolicy = REVIEW_POLICY.load(source)
        return policy

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, read back by :meth:`load`."""
        return REVIEW_POLICY.dump(self)


#: The review-policy file format, declared once (loader, dumper and JSON Schema).
REVIEW_POLICY = Format(
    "review-policy",
    "How the ledger reviews judge items (a local rule): tolerance, basis, reply days.",
    (
        Key("tolerance", Num(0, 100), default=0.0, description="percentage points an item may fall short"),
        Key("basis", Choice(Basis), default=Basis.TIME, description="compare with time elapsed or the plan"),
        Key("working_days", Bool(), default=True, description="count time in working days"),
        Key("reply_days", Int(1), default=5, description="days a unit has to report back after a notice"),
        Key("report_window", Int(1), default=None, description="days after which a report no longer counts"),
    ),
    build=lambda **values: ReviewPolicy(**{k: v for k, v in values.items() if v is not None}),
    error=LedgerFileError,
)
