"""The assessment scheme file format, declared once (:data:`SCHEME`): the loader, the
dumper and the JSON Schema (``govefficiency schema assessment-scheme``) come from the
declaration, with located bilingual errors (``categories[0].indicators[2].rule.kind``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from govefficiency._file_api import FileApi
from govefficiency._format import (
    Bilingual,
    Bool,
    Choice,
    Format,
    Id,
    Int,
    Key,
    ListOf,
    Num,
    Str,
    Table,
    Tables,
    TaggedTable,
)
from govefficiency._loading import Fields
from govefficiency._write import write_document
from govefficiency.assessment._period import PeriodKind
from govefficiency.assessment._rules import (
    Appraisal,
    Bands,
    Bonus,
    Deduction,
    Linear,
    Measure,
    Proportional,
    RaterGroup,
)
from govefficiency.assessment._scheme import (
    Category,
    EffectKind,
    Fact,
    Grade,
    Indicator,
    Ranking,
    RankMethod,
    Rounding,
    Scheme,
    TriggerKind,
    VetoRule,
    require,
)
from govefficiency.errors import InvalidTypeError, SchemeError

__all__ = ["SCHEME", "dump_scheme", "dumps_scheme", "load_scheme", "loads_scheme"]


# -- the scoring rules: one table, its ``kind`` picks the format ----------------------------


@attrs.frozen
class _Steps:
    """The steps of a bands rule: ``[[minimum, points], …]``, minimums ascending."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.build_at(key, Bands, fields.raw(key)).steps

    def dump(self, value: Any) -> Any:
        return [list(step) for step in value]

    def schema(self) -> dict[str, Any]:
        number = {"type": "number"}
        pair = {"type": "array", "prefixItems": [number, number], "minItems": 2, "maxItems": 2}
        return {"type": "array", "items": pair, "minItems": 1}


RATER_GROUP = Format(
    "rater-group",
    "A group of raters in an appraisal (评议) and its relative weight.",
    (
        Key("id", Id(), description="e.g. leaders, public, internal, external"),
        Key("name", Bilingual()),
        Key("weight", Num(), description="relative to the other groups (> 0)"),
    ),
    build=RaterGroup,
    error=SchemeError,
)

_RULES: dict[str, Format] = {
    "linear": Format(
        "rule-linear",
        "Linear: 0 at or below the floor, full points at or above the target.",
        (Key("floor", Num()), Key("target", Num(), description="above the floor")),
        build=Linear,
        error=SchemeError,
    ),
    "bands": Format(
        "rule-bands",
        "Thresholds (分档): the points of the highest step the value reaches.",
        (Key("steps", _Steps(), description="[minimum, points] pairs, minimums ascending"),),
        build=Bands,
        error=SchemeError,
    ),
    "rate": Format(
        "rule-rate", "Proportional to a rate: points × rate / 100.", (), build=Proportional, error=SchemeError
    ),
    "deduction": Format(
        "rule-deduction",
        "Deduction per event (扣分) from full points, capped.",
        (
            Key("per_event", Num(), description="points taken per event (> 0)"),
            Key("cap", Num(), default=None, description="the most taken (default: the indicator's points)"),
        ),
        build=Deduction,
        error=SchemeError,
    ),
    "bonus": Format(
        "rule-bonus",
        "Bonus (加分): per unit, at most the indicator's points.",
        (Key("per_unit", Num(), description="points added per unit (> 0)"),),
        build=Bonus,
        error=SchemeError,
    ),
    "appraisal": Format(
        "rule-appraisal",
        "Qualitative appraisal (评议): the groups' mean scores, weighted by group.",
        (
            Key("groups", Tables(RATER_GROUP)),
            Key("trimmed", Bool(), default=False, description="drop one highest and one lowest score"),
        ),
        build=Appraisal,
        error=SchemeError,
    ),
}


# -- the scheme's tables ------------------------------------------------------------------------

INDICATOR = Format(
    "indicator",
    "One scored indicator (考核指标).",
    (
        Key("id", Id(), description="the metric id the inputs use (e.g. ledger.completion_rate)"),
        Key("name", Bilingual()),
        Key("points", Num(), description="its weight (分值); for a bonus, the most it adds"),
        Key(
            "rule",
            TaggedTable("kind", _RULES),
            description="linear, bands, rate, deduction, bonus or appraisal",
        ),
        Key("measure", Choice(Measure), default=None, description="default: the rule's own, else rate"),
        Key(
            "source",
            Str(empty=True),
            default="",
            dump_default=False,
            description="where the value comes from",
        ),
        Key("key", Bool(), default=False, dump_default=False, description="a key indicator (重要指标)"),
    ),
    build=Indicator,
    error=SchemeError,
)

FACT = Format(
    "fact",
    "A metric that is not scored but that a veto reads.",
    (
        Key("id", Id()),
        Key("name", Bilingual()),
        Key("measure", Choice(Measure), default=Measure.COUNT, dump_default=False),
    ),
    build=Fact,
    error=SchemeError,
)

CATEGORY = Format(
    "category",
    "A category of units (分类考核) with its own indicators and total.",
    (
        Key("id", Id()),
        Key("name", Bilingual()),
        Key("total", Num(), description="the declared total of the non-bonus indicators' points"),
        Key("indicators", Tables(INDICATOR), default=()),
        Key("facts", Tables(FACT), default=(), dump_default=False),
    ),
    build=Category,
    error=SchemeError,
)

GRADE = Format(
    "grade",
    "One grade (等次), declared best first.",
    (
        Key("id", Id()),
        Key("name", Bilingual()),
        Key("min_score", Num(), default=None, description="the least total; none for the last grade"),
        Key("quota", Num(), default=None, description="at most this % of a category's ranked units"),
    ),
    build=Grade,
    error=SchemeError,
)

VETO = Format(
    "veto",
    "A one-vote veto rule (一票否决) and its effect.",
    (
        Key("id", Id()),
        Key("name", Bilingual()),
        Key("trigger", Choice(TriggerKind)),
        Key("metric", Id(), description="the indicator or fact it reads"),
        Key("effect", Choice(EffectKind), description="cap_grade, zero_total or exclude"),
        Key("threshold", Num(), default=None, description="below-triggers: fires under it; counts: from it"),
        Key("grade", Id(), default=None, description="for cap_grade: the best grade left"),
        Key("categories", ListOf(Id()), default=(), dump_default=False, description="default: all"),
    ),
    build=VetoRule,
    error=SchemeError,
)

RANKING = Format(
    "ranking",
    "How units are ranked within a category.",
    (
        Key("method", Choice(RankMethod), default=RankMethod.COMPETITION),
        Key("tie_break", ListOf(Id()), default=(), description="indicator ids compared in order"),
        Key("top", Int(0), default=3, description="how many units the top list names"),
        Key("bottom", Int(0), default=3, description="how many units the bottom list names"),
    ),
    build=Ranking,
    error=SchemeError,
)

#: The assessment scheme file format (``govefficiency schema assessment-scheme``).
SCHEME = Format(
    "assessment-scheme",
    "An assessment scheme (考核方案): categories, indicators, vetoes, grades and ranking.",
    (
        Key("id", Id(), description="the scheme's id"),
        Key("name", Bilingual()),
        Key("period", Choice(PeriodKind), description="the length of one assessment period"),
        Key(
            "rounding", Choice(Rounding), default=Rounding.FLOOR, description="how a fractional quota rounds"
        ),
        Key("note", Bilingual(), default=None, description="where the numbers come from"),
        Key("ranking", Table(RANKING), default=Ranking()),
        Key("grades", Tables(GRADE), description="best first; the last is the catch-all"),
        Key("categories", Tables(CATEGORY)),
        Key("vetoes", Tables(VETO), default=(), dump_default=False),
    ),
    build=Scheme,
    error=SchemeError,
)


# -- the public functions -------------------------------------------------------------------


def _text(text: object) -> None:
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"loads_scheme needs text, not {type(text).__name__}",
            f"loads_scheme 需要文本，而不是 {type(text).__name__}",
        )


def _write(doc: dict[str, Any], path: str | Path) -> None:
    if not isinstance(path, str | Path):
        raise InvalidTypeError(
            f"dump_scheme needs a path, not {type(path).__name__}",
            f"dump_scheme 需要文件路径，而不是 {type(path).__name__}",
        )
    write_document(doc, path, error=SchemeError)


load_scheme, loads_scheme, dump_scheme, dumps_scheme = FileApi(
    SCHEME,
    Scheme,
    "scheme",
    "an assessment scheme (errors name the file, the key path and what to do)",
    __name__,
    value_name="scheme",
    source_name="path",
    check_value=require,
    check_text=_text,
    write=_write,
    dumps_fmt="json",
    loads_origin=True,
    positional_fmt=True,
).functions()
