"""Reading and writing decision records (TOML/JSON), with located errors.

The format (documented in ``docs/decisions.md``)::

    alternatives = 2                       # optional, default 1

    [matter]
    title = "市区公交票价调整"
    category = "public_policy"             # see Category
    flags = ["public_interest", "livelihood"]
    departments = ["市财政局", "市交通运输局"]   # whose duties are touched; optional

    [[steps]]
    kind = "public_comment"                # see StepKind
    published = 2026-09-10
    closed = 2026-10-10                    # optional while open
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govefficiency._file_api import FileApi
from govefficiency._format import (
    Bool,
    Choice,
    Date,
    Format,
    Int,
    Key,
    ListOf,
    SetOf,
    Str,
    Table,
    Tables,
    Tagged,
    first_repeat,
)
from govefficiency._loading import Fields
from govefficiency.decisions._record import DecisionRecord, Matter
from govefficiency.decisions._steps import STEP_TYPES, DepartmentOpinion
from govefficiency.decisions._vocab import (
    Category,
    Flag,
    MeetingType,
    ParticipationForm,
    Position,
    ReviewResult,
    StepKind,
)
from govefficiency.errors import DecisionRecordFileError

__all__ = ["RECORD", "dump_record", "dumps_record", "load_record", "loads_record", "record_to_dict"]


def _unique_steps(doc: Fields, values: dict[str, Any]) -> dict[str, Any]:
    """Each step kind recorded once (located at the second one's ``kind``)."""
    steps = values["steps"]
    if repeat := first_repeat(steps, lambda step: step.kind):
        i, first = repeat
        kind = steps[i].kind
        raise doc.fail(
            f"steps[{i}].kind",
            f"the step {kind.value!r} already appears at steps[{first}]; record each step once",
            f"步骤“{kind.label.zh}”已在 steps[{first}] 出现；每个步骤只记录一次",
        )
    return values


_NOTE = Key("note", Str(), default=None)
_DATE = Key("date", Date())


def _step(kind: StepKind, *keys: Key) -> Format:
    return Format(
        f"step-{kind.value.replace('_', '-')}", kind.label.en, keys, build=STEP_TYPES[kind], error=_ERROR
    )


_ERROR = DecisionRecordFileError

_OPINION = Format(
    "department-opinion",
    "a consulted department's opinion",
    (
        Key("department", Str()),
        Key("agreed", Bool()),
        Key("reasoning", Str(), default=None),
        Key("lead_reasoning", Str(), default=None),
    ),
    build=DepartmentOpinion,
)

_STEPS: Mapping[StepKind, Format] = {
    StepKind.PUBLIC_COMMENT: _step(
        StepKind.PUBLIC_COMMENT,
        Key("published", Date()),
        Key("closed", Date(), default=None),
        Key("shortened_reason", Str(), default=None),
        _NOTE,
    ),
    StepKind.HEARING: _step(StepKind.HEARING, _DATE, Key("materials_sent", Date(), default=None), _NOTE),
    StepKind.PARTICIPATION: _step(
        StepKind.PARTICIPATION, _DATE, Key("forms", ListOf(Choice(ParticipationForm))), _NOTE
    ),
    StepKind.EXPERT_EVALUATION: _step(StepKind.EXPERT_EVALUATION, _DATE, _NOTE),
    StepKind.RISK_ASSESSMENT: _step(
        StepKind.RISK_ASSESSMENT,
        _DATE,
        Key("controllable", Bool()),
        Key("measures", ListOf(Str()), default=(), dump_default=False),
        _NOTE,
    ),
    StepKind.CONSULTATION: _step(
        StepKind.CONSULTATION,
        _DATE,
        Key("opinions", Tables(_OPINION), default=(), dump_default=False),
        _NOTE,
    ),
    StepKind.SUPERVISING_OPINION: _step(
        StepKind.SUPERVISING_OPINION, _DATE, Key("leader", Str(), default=None), _NOTE
    ),
    StepKind.LEGALITY_REVIEW: _step(
        StepKind.LEGALITY_REVIEW,
        Key("sent", Date()),
        Key("opinion", Date(), default=None),
        Key("result", Choice(ReviewResult), default=None),
        Key("via_comments", Bool(), default=False),
        _NOTE,
        Key("shortened_reason", Str(), default=None),
    ),
    StepKind.COLLECTIVE_DISCUSSION: _step(
        StepKind.COLLECTIVE_DISCUSSION,
        _DATE,
        Key("meeting", Choice(MeetingType)),
        Key("head", Str()),
        Key("decision", Choice(Position)),
        Key("speakers", ListOf(Str()), default=(), dump_default=False),
        Key("majority_view", Choice(Position), default=None),
        Key("reasons_stated", Bool(), default=False),
        Key("dissenters", ListOf(Str()), default=(), dump_default=False),
        Key("dissent_recorded", Bool(), default=False),
        Key("citizen_representatives", Int(0), default=0),
        _NOTE,
    ),
    StepKind.PUBLICATION: _step(StepKind.PUBLICATION, _DATE, Key("channel", Str(), default=None), _NOTE),
    StepKind.ARCHIVING: _step(StepKind.ARCHIVING, _DATE, _NOTE),
    StepKind.POST_EVALUATION: _step(StepKind.POST_EVALUATION, _DATE, _NOTE),
}

_MATTER = Format(
    "matter",
    "the matter decided",
    (
        Key("title", Str()),
        Key("category", Choice(Category)),
        Key("flags", SetOf(Choice(Flag)), default=frozenset()),
        Key("departments", ListOf(Str()), default=(), dump_default=False),
    ),
    build=Matter,
)

#: The decision record file format (``govefficiency schema decision-record``).
RECORD = Format(
    "decision-record",
    "the record of a major administrative decision (重大行政决策)",
    (
        Key("matter", Table(_MATTER)),
        Key("alternatives", Int(1), default=1, description="how many alternative plans were compared"),
        Key("steps", Tagged("kind", StepKind, _STEPS), default=(), description="the steps taken, each once"),
    ),
    build=DecisionRecord,
    error=_ERROR,
    prepare=_unique_steps,
)


#: The file API of decision records (docs/conventions.md), generated from :data:`RECORD`.
load_record, loads_record, dump_record, dumps_record = FileApi(
    RECORD, DecisionRecord, "record", "a decision record", "govefficiency.decisions"
).functions()


def record_to_dict(record: DecisionRecord) -> dict[str, Any]:
    """``record`` in the file format, JSON-ready (dates as ISO strings)."""
    return RECORD.dump(record)
