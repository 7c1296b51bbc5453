"""Satisfaction surveys (满意度测评) with a declared counting rule and a Wilson interval.

Window samples are small, so each rate comes with its Wilson score 95 % interval. Seed
004 sets the target (窗口行业风气社会满意度达到90%以上). Findings:

* ``SATISFACTION_BELOW_TARGET`` (warning): the rate is below the target;
* ``SATISFACTION_CLEARLY_BELOW_TARGET`` (error): even the interval's upper bound is below
  the target — the data show the target is missed, whatever the sample size;
* ``SATISFACTION_TARGET_NOT_SHOWN`` (info): the rate reaches the target but the lower
  bound does not — the data cannot yet show the target is met.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from govefficiency._deprecation import renamed
from govefficiency._format import Format, Id, Int, Key, ListOf, Num, Table, Tables
from govefficiency._records import checked, sequence
from govefficiency._validators import check_count, check_ids, instance_of, valid_id
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.services import _codes as codes
from govefficiency.services._catalogue import CatalogueFileError, services_file_api

if TYPE_CHECKING:
    from govefficiency._loading import Fields

__all__ = [
    "SURVEY",
    "CountingRule",
    "SatisfactionResult",
    "Survey",
    "SurveyResponse",
    "check_survey",
    "dump_survey",
    "dumps_survey",
    "load_survey",
    "loads_survey",
    "survey_results",
    "wilson_interval",
]

_Z95 = 1.959963984540054


def wilson_interval(satisfied: int, n: int, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval for ``satisfied`` successes out of ``n`` (95 % by default)."""
    check_count(n, "n", minimum=1)
    check_count(satisfied, "satisfied", minimum=0, maximum=n)
    if isinstance(z, bool) or not isinstance(z, int | float) or not z > 0 or math.isinf(z):
        raise InvalidInputError(f"z must be a positive number, not {z!r}", f"z 必须是正数，而不是 {z!r}")
    p = satisfied / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    # At 0 or n successes the bound is exactly 0 or 1 (rounding would leave 1e-16 off).
    low = 0.0 if satisfied == 0 else max(0.0, centre - half)
    high = 1.0 if satisfied == n else min(1.0, centre + half)
    return low, high


def _ids(value: object) -> tuple[str, ...]:
    return check_ids(value, "answers")


@attrs.frozen
class CountingRule:
    """Which answers count as satisfied (declared, e.g. 满意 + 基本满意).

    Attributes:
        answers: every answer the questionnaire allows.
        satisfied: the answers that count as satisfied (a non-empty subset of ``answers``).
    """

    answers: tuple[str, ...] = attrs.field(converter=_ids)
    satisfied: tuple[str, ...] = attrs.field(converter=_ids)

    def __attrs_post_init__(self) -> None:
        if not self.satisfied:
            raise InvalidInputError(
                "the counting rule names no satisfied answer", "计数规则未列出“满意”的答案"
            )
        stray = [a for a in self.satisfied if a not in self.answers]
        if stray:
            raise InvalidInputError(
                f"satisfied answers {stray} are not among the answers {list(self.answers)}",
                f"“满意”答案 {stray} 不在可选答案 {list(self.answers)} 中",
            )


@attrs.frozen
class SurveyResponse:
    """Responses of one kind: ``count`` people gave ``answer`` about ``unit``'s ``window``.

    Attributes:
        unit: the unit.
        window: the window (or post).
        period: the period label (e.g. ``"2026-Q3"``).
        answer: the answer given.
        count: how many gave it (default 1).
    """

    unit: str = attrs.field(validator=valid_id())
    window: str = attrs.field(validator=valid_id())
    period: str = attrs.field(validator=valid_id())
    answer: str = attrs.field(validator=valid_id())
    count: int = attrs.field(default=1)

    def __attrs_post_init__(self) -> None:
        check_count(self.count, "SurveyResponse.count", minimum=1)


def _target(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise InvalidInputError(
            f"the target is a share in (0, 1], e.g. 0.9, not {value!r}",
            f"目标须为 (0, 1] 之间的比例（如 0.9），而不是 {value!r}",
        )
    return float(value)


def _responses(value: Iterable[SurveyResponse]) -> tuple[SurveyResponse, ...]:
    out = sequence(
        value, "responses must be a sequence of SurveyResponse", "responses 必须是 SurveyResponse 的序列"
    )
    return tuple(
        checked(out, SurveyResponse, "expected SurveyResponse values, not {kind}", "需要 SurveyResponse")
    )


@attrs.frozen
class Survey:
    """A satisfaction survey: its counting rule, target and responses.

    Attributes:
        rule: the declared counting rule.
        responses: the responses.
        target: the target share (seed 004: 0.9).
    """

    rule: CountingRule = attrs.field(validator=instance_of(CountingRule))
    responses: tuple[SurveyResponse, ...] = attrs.field(converter=_responses)
    target: float = attrs.field(default=0.9, converter=_target)

    def __attrs_post_init__(self) -> None:
        for index, r in enumerate(self.responses):
            if r.answer not in self.rule.answers:
                en, zh = _undeclared_answer(r, self.rule)
                raise InvalidInputError(f"responses[{index}]: {en}", f"responses[{index}]：{zh}")


def _undeclared_answer(response: SurveyResponse, rule: CountingRule) -> tuple[str, str]:
    """What is wrong with a response whose answer the counting rule does not declare, and
    how to fix it (en, zh)."""
    declared = list(rule.answers)
    return (
        f"answer {response.answer!r} ({response.unit}/{response.window} {response.period}) is not one "
        f"of the declared answers {declared}: add it to counting_rule.answers (and to "
        f"counting_rule.satisfied if it counts as satisfied), or correct the answer in that response",
        f"答案 {response.answer!r}（{response.unit}/{response.window} {response.period}）不在声明的答案 "
        f"{declared} 中：请将其加入 counting_rule.answers（若计为满意，同时加入 counting_rule.satisfied），"
        f"或更正该条答卷的答案",
    )


def _check_answers(fields: Fields, values: dict[str, Any]) -> dict[str, Any]:
    """The ``prepare`` hook of a survey file: a response whose answer is not declared is
    reported at its own key (``responses[2].answer``), not at the top level."""
    rule = values.get("rule")
    if isinstance(rule, CountingRule):
        for index, r in enumerate(values.get("responses", ())):
            if isinstance(r, SurveyResponse) and r.answer not in rule.answers:
                en, zh = _undeclared_answer(r, rule)
                raise fields.fail(f"responses[{index}].answer", en, zh)
    return values


@attrs.frozen
class SatisfactionResult:
    """The satisfaction of one unit's window in one period.

    Attributes:
        unit, window, period: what was measured.
        n: responses.
        satisfied: responses counted as satisfied.
        rate: ``satisfied / n``.
        low, high: the Wilson 95 % interval.
    """

    unit: str
    window: str
    period: str
    n: int
    satisfied: int
    rate: float
    low: float
    high: float

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def survey_results(survey: Survey) -> tuple[tuple[SatisfactionResult, ...], list[Finding]]:
    """The rate and interval per (unit, window, period), and the findings against the target."""
    if not isinstance(survey, Survey):
        raise InvalidTypeError(f"expected a Survey, not {type(survey).__name__}", "需要 Survey")
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    satisfied = set(survey.rule.satisfied)
    for r in survey.responses:
        c = counts[(r.unit, r.window, r.period)]
        c[0] += r.count
        if r.answer in satisfied:
            c[1] += r.count
    results = []
    findings: list[Finding] = []
    target = survey.target
    for (unit, window, period), (n, s) in sorted(counts.items()):
        lo, hi = wilson_interval(s, n)
        res = SatisfactionResult(unit, window, period, n, s, s / n, lo, hi)
        results.append(res)
        params: Any = {
            "unit": unit,
            "window": window,
            "period": period,
            "rate": _pct(res.rate),
            "satisfied": str(s),
            "n": str(n),
            "lo": _pct(lo),
            "hi": _pct(hi),
            "target": _pct(target),
        }
        if res.rate < target:
            findings.append(codes.SATISFACTION_BELOW_TARGET(unit, window, period, **params))
            if hi < target:
                findings.append(codes.SATISFACTION_CLEARLY_BELOW(unit, window, period, **params))
        elif lo < target:
            findings.append(codes.SATISFACTION_NOT_SHOWN(unit, window, period, **params))
    return tuple(results), sort_findings(findings)


check_survey = renamed(
    survey_results,
    "check_survey",
    "govefficiency.services.check_survey() is deprecated: use survey_results()",
)


#: The declared counting rule: ``{answers = [...], satisfied = [...]}``.
COUNTING_RULE = Format(
    "counting-rule",
    "Which answers count as satisfied (declared, e.g. 满意 + 基本满意).",
    (
        Key("answers", ListOf(Id()), description="every answer the questionnaire allows"),
        Key("satisfied", ListOf(Id()), description="the answers that count as satisfied (a subset)"),
    ),
    build=CountingRule,
    error=CatalogueFileError,
)

#: Responses of one kind (``[[responses]]``).
RESPONSE = Format(
    "survey-response",
    "Responses of one kind: `count` people gave `answer` about `unit`'s `window` in `period`.",
    (
        Key("unit", Id()),
        Key("window", Id(), description="the window (or post)"),
        Key("period", Id(), description='the period label, e.g. "2026Q4"'),
        Key("answer", Id(), description="one of the counting rule's answers"),
        Key("count", Int(1), default=1, description="how many gave it"),
    ),
    build=SurveyResponse,
    error=CatalogueFileError,
)

#: A survey file: the ``target``, the ``[counting_rule]`` and the ``[[responses]]``.
SURVEY = Format(
    "survey",
    "A satisfaction survey (满意度测评): its declared counting rule, target and responses.",
    (
        Key("target", Num(0.0, 1.0), default=0.9, description="the target share in (0, 1] (seed 004: 0.9)"),
        Key("counting_rule", Table(COUNTING_RULE), attr="rule"),
        Key("responses", Tables(RESPONSE)),
    ),
    build=Survey,
    error=CatalogueFileError,
    prepare=_check_answers,
)


load_survey, loads_survey, dump_survey, dumps_survey = services_file_api(
    SURVEY,
    Survey,
    "survey",
    "a satisfaction survey (counting rule, target, responses; ``govefficiency schema survey``)",
    __name__,
    value_name="survey",
).functions()
