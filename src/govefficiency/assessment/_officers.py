"""Officer appraisal from the ledger (seed 003 part 2(3): 年底按照台账结果对干部进行考评).

Each officer's score is computed from the checklist items he or she owns at settlement:
an item completed on time counts 100, completed late ``late_credit`` (default 80), and
an unfinished item its final share of work × ``unfinished_credit`` (default 0.5); the
score is the mean over the officer's items. The grade names are the four grades of the
Civil Servant Law (2018) art. 38 — 优秀、称职、基本称职、不称职 — but the score
thresholds (90 / 70 / 60 by default) and the credits are **local choices**, not law: the
statute defines the grades, not how a ledger maps to them.

The items are read through the :class:`SettledItem` protocol, which the ledger's
``ItemSettlement`` satisfies, so this module does not import the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import attrs

from govefficiency._records import checked
from govefficiency._validators import check_iterable
from govefficiency.assessment._codes import CIVIL_SERVANT_GRADES, NANYANG_OFFICERS
from govefficiency.assessment._rules import g
from govefficiency.citation import Citation
from govefficiency.errors import AssessmentError, InvalidTypeError
from govefficiency.text import LabelledEnum, Lang, Text, require_lang

__all__ = [
    "CivilServantGrade",
    "OfficerAppraisal",
    "OfficerGrading",
    "OfficerResult",
    "SettledItem",
    "appraise_officers",
]


class CivilServantGrade(LabelledEnum):
    """The four grades of the periodic assessment, Civil Servant Law (2018) art. 38."""

    EXCELLENT = ("excellent", "优秀", "excellent")
    COMPETENT = ("competent", "称职", "competent")
    BASICALLY_COMPETENT = ("basically_competent", "基本称职", "basically competent")
    INCOMPETENT = ("incompetent", "不称职", "incompetent")


_NOT_SETTLED = (
    "each item needs item_id, officer, final_share and outcome; got {kind}",
    "每个事项须有 item_id、officer、final_share 和 outcome；而不是 {kind}",
)


@runtime_checkable
class SettledItem(Protocol):
    """A checklist item at settlement, as the ledger's ``ItemSettlement`` gives it."""

    @property
    def item_id(self) -> str: ...
    @property
    def officer(self) -> str: ...
    @property
    def final_share(self) -> float: ...
    @property
    def outcome(self) -> Any: ...


def _positive(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise AssessmentError(
            f"OfficerGrading.{attribute.name} must be a number from 0 to 100, not {value!r}",
            f"OfficerGrading.{attribute.name} 必须是 0 至 100 的数字，而不是 {value!r}",
        )


@attrs.frozen
class OfficerGrading:
    """The local choices that map ledger outcomes to the four grades.

    Attributes:
        excellent, competent, basically_competent: the least score for each grade
            (anything lower is 不称职).
        late_credit: points for an item completed late (on time: 100).
        unfinished_credit: the share of its final progress an unfinished item earns (0–1
            expressed as a percentage: 50 means half).
    """

    excellent: float = attrs.field(default=90.0, validator=_positive)
    competent: float = attrs.field(default=70.0, validator=_positive)
    basically_competent: float = attrs.field(default=60.0, validator=_positive)
    late_credit: float = attrs.field(default=80.0, validator=_positive)
    unfinished_credit: float = attrs.field(default=50.0, validator=_positive)

    def __attrs_post_init__(self) -> None:
        if not self.excellent > self.competent > self.basically_competent:
            raise AssessmentError(
                "grade thresholds must fall: excellent > competent > basically_competent",
                "等次分数线必须递减：优秀 > 称职 > 基本称职",
            )

    def grade(self, score: float) -> CivilServantGrade:
        if score >= self.excellent:
            return CivilServantGrade.EXCELLENT
        if score >= self.competent:
            return CivilServantGrade.COMPETENT
        if score >= self.basically_competent:
            return CivilServantGrade.BASICALLY_COMPETENT
        return CivilServantGrade.INCOMPETENT


@attrs.frozen
class OfficerResult:
    """One officer: the items owned, the score, the grade and the arithmetic."""

    officer: str
    items: tuple[str, ...]
    score: float
    grade: CivilServantGrade
    trace: tuple[Text, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "officer": self.officer,
            "items": list(self.items),
            "score": round(self.score, 4),
            "grade": self.grade.value,
            "grade_name": {"zh": self.grade.label.zh, "en": self.grade.label.en},
            "trace": [{"zh": t.zh, "en": t.en} for t in self.trace],
        }


@attrs.frozen
class OfficerAppraisal:
    """The result of :func:`appraise_officers`, officers sorted by id."""

    officers: tuple[OfficerResult, ...]
    grading: OfficerGrading
    citations: tuple[Citation, ...] = (CIVIL_SERVANT_GRADES, NANYANG_OFFICERS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "officers": [o.to_dict() for o in self.officers],
            "grading": attrs.asdict(self.grading),
            "local_choice": True,
            "citations": [{"zh": c.render("zh"), "en": c.render("en")} for c in self.citations],
        }

    def explain(self, lang: Lang = "zh") -> str:
        lang = require_lang(lang)
        lines = [f"{o.officer}  {g(o.score)}  {o.grade.label.get(lang)}" for o in self.officers]
        lines.append(
            ("等次依据：" if lang == "zh" else "grades: ")
            + CIVIL_SERVANT_GRADES.render(lang)
            + ("；分数线为本地选择" if lang == "zh" else "; the thresholds are a local choice")
        )
        return "\n".join(lines)


def appraise_officers(
    items: Iterable[SettledItem], grading: OfficerGrading | None = None
) -> OfficerAppraisal:
    """Score and grade each officer from the items he or she owns at settlement
    (pass ``settle(ledger, at=at).items``).

    Raises:
        InvalidTypeError: an item without ``item_id``, ``officer``, ``final_share`` and
            ``outcome``, or a grading of the wrong type.
        AssessmentError: no items at all (nothing to appraise), or a share outside 0–100.
    """
    if grading is None:
        grading = OfficerGrading()
    elif not isinstance(grading, OfficerGrading):
        raise InvalidTypeError(
            f"grading must be an OfficerGrading, not {type(grading).__name__}",
            f"grading 必须是 OfficerGrading，而不是 {type(grading).__name__}",
        )
    if isinstance(items, str | bytes):
        raise InvalidTypeError(
            "items must be settled items, not a string", "items 必须是事项结算列表，而不是字符串"
        )
    per: dict[str, list[tuple[str, float, Text]]] = {}
    count = 0
    for it in checked(check_iterable(items, "items"), SettledItem, *_NOT_SETTLED):  # type: ignore[type-abstract]  # a runtime-checkable Protocol
        count += 1
        outcome = getattr(it.outcome, "value", it.outcome)
        share = float(it.final_share)
        if not 0 <= share <= 100:
            raise AssessmentError(
                f"item {it.item_id}: final share {share} is outside 0–100",
                f"事项 {it.item_id}：完成比例 {share} 不在 0–100 之间",
            )
        if outcome == "completed":
            pts, zh, en = 100.0, "按时完成 100", "completed on time 100"
        elif outcome == "completed_late":
            pts = grading.late_credit
            zh, en = f"逾期完成 {g(pts)}", f"completed late {g(pts)}"
        else:
            pts = share * grading.unfinished_credit / 100.0
            zh = f"未完成（{g(share)}%）× {g(grading.unfinished_credit)}% = {g(pts)}"
            en = f"unfinished ({g(share)}%) × {g(grading.unfinished_credit)}% = {g(pts)}"
        per.setdefault(it.officer, []).append(
            (it.item_id, pts, Text(f"{it.item_id}：{zh}", f"{it.item_id}: {en}"))
        )
    if count == 0:
        raise AssessmentError(
            "no settled items: there is nothing to appraise the officers on",
            "没有结算事项，无法对干部进行考评",
        )
    results = []
    for officer in sorted(per):
        rows = per[officer]
        score = sum(p for _, p, _ in rows) / len(rows)
        grade = grading.grade(score)
        trace = (
            *(t for _, _, t in rows),
            Text(
                f"平均 {g(score)} → {grade.label.zh}（本地分数线 {g(grading.excellent)}/{g(grading.competent)}/"
                f"{g(grading.basically_competent)}）",
                f"mean {g(score)} → {grade.label.en} (local thresholds {g(grading.excellent)}/"
                f"{g(grading.competent)}/{g(grading.basically_competent)})",
            ),
        )
        results.append(OfficerResult(officer, tuple(i for i, _, _ in rows), score, grade, trace))
    return OfficerAppraisal(tuple(results), grading)
