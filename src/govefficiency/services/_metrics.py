"""Assessment inputs: plain metric rows ``(unit, indicator, period, value, source)``.

The performance-assessment module reads these rows as data; nothing here imports it. The
rows follow its conventions: rates are in percent (0–100), periods are written ``2026-10``,
``2026Q4`` or ``2026``, and each row also answers to ``metric`` (the indicator), ``group``
(``None``) and ``refs`` (the evidence: the ids of the applications or complaints that
failed), so it satisfies the assessment's structural ``MetricLike`` protocol.
Satisfaction is written under the assessment's own id ``satisfaction.rate``.

A unit and period with nothing to measure (no decided application, no accepted
complaint) yields no row and a :class:`MetricGap` saying why — never a silent zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency.errors import InvalidTypeError
from govefficiency.services._board import Light, StatusBoard
from govefficiency.services._complaints import ComplaintReport, period_of
from govefficiency.services._surveys import SatisfactionResult
from govefficiency.text import Text

__all__ = [
    "INDICATORS",
    "MetricGap",
    "MetricRow",
    "application_metrics",
    "complaint_metrics",
    "survey_metrics",
]

#: The indicators produced, with their meaning.
INDICATORS: dict[str, Text] = {
    "services.committed_compliance": Text("承诺时限内办结率（%）", "% decided within the committed limit"),
    "services.statutory_compliance": Text("法定时限内办结率（%）", "% decided within the statutory limit"),
    "services.one_time_notice_compliance": Text(
        "一次性告知合规率（%）", "% of applications with corrections told everything at one time"
    ),
    "services.complaint_reply_rate": Text("效能投诉答复率（%）", "% of accepted complaints replied to"),
    "satisfaction.rate": Text("窗口满意率（%）", "window satisfaction rate (%)"),
}


@attrs.frozen
class MetricRow:
    """One metric value.

    Attributes:
        unit: the unit measured.
        indicator: the indicator id (see :data:`INDICATORS`).
        period: the period label (``"2026-10"``, ``"2026Q4"``, ``"2026"``).
        value: the value, a rate in percent (0–100).
        source: where it comes from (e.g. ``"services.status_board@2026-11-30T17:00:00+08:00"``).
        refs: the evidence: ids of the applications that failed the indicator; ``()``
            when none failed, and for complaints and satisfaction.
    """

    unit: str
    indicator: str
    period: str
    value: float
    source: str
    refs: tuple[str, ...] = ()

    @property
    def metric(self) -> str:
        """The indicator, under the name the assessment module reads."""
        return self.indicator

    @property
    def group(self) -> None:
        """No rater group (the assessment's ``group`` is for appraisal scores)."""
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "indicator": self.indicator,
            "period": self.period,
            "value": self.value,
            "source": self.source,
            "refs": list(self.refs),
        }


@attrs.frozen
class MetricGap:
    """A metric that has no value, and why.

    Attributes:
        unit, indicator, period: the metric.
        reason: why there is no value.
    """

    unit: str
    indicator: str
    period: str
    reason: Text

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "indicator": self.indicator,
            "period": self.period,
            "reason": {"zh": self.reason.zh, "en": self.reason.en},
        }


def _rows(
    counts: dict[tuple[str, str], list[int]],
    indicator: str,
    source: str,
    why: Text,
    failed: dict[tuple[str, str], list[str]] | None = None,
) -> tuple[list[MetricRow], list[MetricGap]]:
    rows, gaps = [], []
    for (unit, period), (good, total) in sorted(counts.items()):
        if total == 0:
            gaps.append(MetricGap(unit, indicator, period, why))
        else:
            refs = tuple(sorted((failed or {}).get((unit, period), ())))
            rows.append(MetricRow(unit, indicator, period, 100.0 * good / total, source, refs))
    return rows, gaps


def application_metrics(
    board: StatusBoard, *, period: str = "month"
) -> tuple[list[MetricRow], list[MetricGap]]:
    """Committed-limit and statutory-limit compliance (by period of decision) and
    one-time-notice compliance (by period of receipt, over applications with a correction
    notice) per unit, in percent; ``refs`` names the applications that failed."""
    if not isinstance(board, StatusBoard):
        raise InvalidTypeError(f"expected a StatusBoard, not {type(board).__name__}", "需要 StatusBoard")
    period_of(board.at.date(), period)
    source = f"services.status_board@{board.at.isoformat()}"
    committed: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    statutory: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    one_time: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    broken = {f.subject[0] for f in board.findings if f.code == "CORRECTION_NOT_ONE_TIME"}
    failed: dict[str, dict[tuple[str, str], list[str]]] = {
        name: defaultdict(list) for name in ("committed", "statutory", "one_time")
    }
    for s in board.statuses:
        if s.unit is None:
            continue
        if s.light is Light.DONE and s.decided is not None:
            key = (s.unit, period_of(s.decided, period))
            if s.committed_due is not None:
                committed[key][1] += 1
                committed[key][0] += s.decided <= s.committed_due
                if s.decided > s.committed_due:
                    failed["committed"][key].append(s.application)
            if s.statutory_due is not None:
                statutory[key][1] += 1
                statutory[key][0] += s.decided <= s.statutory_due
                if s.decided > s.statutory_due:
                    failed["statutory"][key].append(s.application)
        key = (s.unit, period_of(s.received, period))
        # A unit with applications in a period has an entry for each indicator: with
        # nothing to measure it becomes a MetricGap rather than a silently missing row.
        committed[key][1] += 0
        statutory[key][1] += 0
        one_time[key][1] += 0
        if s.corrections:
            one_time[key][1] += 1
            one_time[key][0] += s.application not in broken
            if s.application in broken:
                failed["one_time"][key].append(s.application)
    no_decided = Text("该期间无已办结办件", "no application decided in the period")
    rows, gaps = _rows(committed, "services.committed_compliance", source, no_decided, failed["committed"])
    r2, g2 = _rows(statutory, "services.statutory_compliance", source, no_decided, failed["statutory"])
    r3, g3 = _rows(
        one_time,
        "services.one_time_notice_compliance",
        source,
        Text("该期间无补正告知", "no correction notice in the period"),
        failed["one_time"],
    )
    return rows + r2 + r3, gaps + g2 + g3


def complaint_metrics(report: ComplaintReport) -> tuple[list[MetricRow], list[MetricGap]]:
    """The complaint reply rate per unit and period."""
    if not isinstance(report, ComplaintReport):
        raise InvalidTypeError(
            f"expected a ComplaintReport, not {type(report).__name__}", "需要 ComplaintReport"
        )
    source = f"services.complaints@{report.at.isoformat()}"
    counts = {(s.unit, s.period): [s.replied, s.accepted] for s in report.stats}
    return _rows(
        counts,
        "services.complaint_reply_rate",
        source,
        Text("该期间无受理的投诉", "no complaint accepted in the period"),
    )


def survey_metrics(
    results: Iterable[SatisfactionResult], *, source: str = "services.survey"
) -> list[MetricRow]:
    """The satisfaction rate per unit and period (windows pooled)."""
    if isinstance(results, str | bytes) or not isinstance(results, Iterable):
        raise InvalidTypeError(
            "results must be a sequence of SatisfactionResult", "results 必须是 SatisfactionResult 的序列"
        )
    pooled: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        if not isinstance(r, SatisfactionResult):
            raise InvalidTypeError(
                f"expected SatisfactionResult values, not {type(r).__name__}", "需要 SatisfactionResult"
            )
        pooled[(r.unit, r.period)][0] += r.satisfied
        pooled[(r.unit, r.period)][1] += r.n
    rows, _ = _rows(pooled, "satisfaction.rate", source, Text("无答卷", "no responses"))
    return rows
