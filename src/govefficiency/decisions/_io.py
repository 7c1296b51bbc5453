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

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from govefficiency._loading import Fields, read_document
from govefficiency.decisions._record import (
    Archiving,
    Category,
    CollectiveDiscussion,
    Consultation,
    DecisionRecord,
    DepartmentOpinion,
    ExpertEvaluation,
    Flag,
    Hearing,
    LegalityReview,
    Matter,
    MeetingType,
    Participation,
    ParticipationForm,
    Position,
    PostEvaluation,
    Publication,
    PublicComment,
    ReviewResult,
    RiskAssessment,
    Step,
    StepKind,
    SupervisingOpinion,
)
from govefficiency.errors import DecisionRecordFileError

__all__ = ["load_record", "record_to_dict"]

_NONE: Any = None
T = TypeVar("T")


def _members(fields: Fields, key: str, cls: type[Flag]) -> frozenset[Flag]:
    names = fields.strs(key, ())
    out: set[Flag] = set()
    allowed = {m.value: m for m in cls}
    for i, name in enumerate(names):
        if name not in allowed:
            raise fields.fail(
                f"{key}[{i}]",
                f"unknown flag {name!r}; use one of {', '.join(allowed)}",
                f"未知标记 {name!r}；可用：{', '.join(allowed)}",
            )
        out.add(allowed[name])
    return frozenset(out)


def _note(t: Fields) -> str | None:
    value: str | None = t.string("note", _NONE)
    return value


def _public_comment(t: Fields) -> Step:
    published = t.date("published")
    closed = t.date("closed", _NONE)
    reason = t.string("shortened_reason", _NONE)
    note = _note(t)
    return t.build(PublicComment, published, closed, reason, note)


def _hearing(t: Fields) -> Step:
    date = t.date("date")
    sent = t.date("materials_sent", _NONE)
    note = _note(t)
    return t.build(Hearing, date, sent, note)


def _participation(t: Fields) -> Step:
    date = t.date("date")
    names = t.strs("forms")
    allowed = {m.value: m for m in ParticipationForm}
    forms = []
    for i, name in enumerate(names):
        if name not in allowed:
            raise t.fail(
                f"forms[{i}]",
                f"unknown participation form {name!r}; use one of {', '.join(allowed)}",
                f"未知的公众参与方式 {name!r}；可用：{', '.join(allowed)}",
            )
        forms.append(allowed[name])
    note = _note(t)
    return t.build(Participation, date, tuple(forms), note)


def _expert(t: Fields) -> Step:
    date = t.date("date")
    note = _note(t)
    return t.build(ExpertEvaluation, date, note)


def _risk(t: Fields) -> Step:
    date = t.date("date")
    controllable = t.boolean("controllable")
    measures = t.strs("measures", ())
    note = _note(t)
    return t.build(RiskAssessment, date, controllable, measures, note)


def _consultation(t: Fields) -> Step:
    date = t.date("date")
    opinions = []
    for o in t.tables("opinions", []):
        department = o.string("department")
        agreed = o.boolean("agreed")
        reasoning = o.string("reasoning", _NONE)
        lead = o.string("lead_reasoning", _NONE)
        o.finish()
        opinions.append(o.build(DepartmentOpinion, department, agreed, reasoning, lead))
    note = _note(t)
    return t.build(Consultation, date, tuple(opinions), note)


def _supervising(t: Fields) -> Step:
    date = t.date("date")
    leader = t.string("leader", _NONE)
    note = _note(t)
    return t.build(SupervisingOpinion, date, leader, note)


def _legality(t: Fields) -> Step:
    sent = t.date("sent")
    opinion = t.date("opinion", _NONE)
    result = t.member("result", ReviewResult, _NONE)
    via_comments = t.boolean("via_comments", False)
    note = _note(t)
    reason = t.string("shortened_reason", _NONE)
    return t.build(LegalityReview, sent, opinion, result, via_comments, note, reason)


def _discussion(t: Fields) -> Step:
    date = t.date("date")
    meeting = t.member("meeting", MeetingType)
    head = t.string("head")
    decision = t.member("decision", Position)
    speakers = t.strs("speakers", ())
    majority = t.member("majority_view", Position, _NONE)
    reasons = t.boolean("reasons_stated", False)
    dissenters = t.strs("dissenters", ())
    recorded = t.boolean("dissent_recorded", False)
    citizens = t.integer("citizen_representatives", 0, minimum=0)
    note = _note(t)
    return t.build(
        CollectiveDiscussion,
        date=date,
        meeting=meeting,
        head=head,
        decision=decision,
        speakers=speakers,
        majority_view=majority,
        reasons_stated=reasons,
        dissenters=dissenters,
        dissent_recorded=recorded,
        citizen_representatives=citizens,
        note=note,
    )


def _publication(t: Fields) -> Step:
    date = t.date("date")
    channel = t.string("channel", _NONE)
    note = _note(t)
    return t.build(Publication, date, channel, note)


def _archiving(t: Fields) -> Step:
    date = t.date("date")
    note = _note(t)
    return t.build(Archiving, date, note)


def _post_evaluation(t: Fields) -> Step:
    date = t.date("date")
    note = _note(t)
    return t.build(PostEvaluation, date, note)


_PARSERS: Mapping[StepKind, Callable[[Fields], Step]] = {
    StepKind.PUBLIC_COMMENT: _public_comment,
    StepKind.HEARING: _hearing,
    StepKind.PARTICIPATION: _participation,
    StepKind.EXPERT_EVALUATION: _expert,
    StepKind.RISK_ASSESSMENT: _risk,
    StepKind.CONSULTATION: _consultation,
    StepKind.SUPERVISING_OPINION: _supervising,
    StepKind.LEGALITY_REVIEW: _legality,
    StepKind.COLLECTIVE_DISCUSSION: _discussion,
    StepKind.PUBLICATION: _publication,
    StepKind.ARCHIVING: _archiving,
    StepKind.POST_EVALUATION: _post_evaluation,
}


def load_record(source: str | Path | Mapping[str, Any]) -> DecisionRecord:
    """Read a :class:`DecisionRecord` from a TOML/JSON file or a parsed mapping."""
    doc = read_document(source, error=DecisionRecordFileError)
    m = doc.table("matter")
    title = m.string("title")
    category = m.member("category", Category)
    flags = _members(m, "flags", Flag)
    departments = m.strs("departments", ())
    m.finish()
    matter = m.build(Matter, title, category, flags, departments)
    alternatives = doc.integer("alternatives", 1, minimum=1)
    steps: list[Step] = []
    seen: dict[StepKind, str] = {}
    for t in doc.tables("steps", []):
        kind = t.member("kind", StepKind)
        if kind in seen:
            raise t.fail(
                "kind",
                f"the step {kind.value!r} already appears at {seen[kind]}; record each step once",
                f"步骤“{kind.label.zh}”已在 {seen[kind]} 出现；每个步骤只记录一次",
            )
        seen[kind] = t.path()
        steps.append(_PARSERS[kind](t))
        t.finish()
    doc.finish()
    return doc.build(DecisionRecord, matter, tuple(steps), alternatives)


# --- writing ----------------------------------------------------------------------------


def _value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Flag | Category | MeetingType | Position | ReviewResult | ParticipationForm):
        return value.value
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def _step_to_dict(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": step.kind.value}
    for name, value in attrs.asdict(step, recurse=False).items():
        if value is None or value == ():
            continue
        if isinstance(value, tuple) and isinstance(value[0], DepartmentOpinion):
            out[name] = [{k: v for k, v in attrs.asdict(o).items() if v is not None} for o in value]
        else:
            out[name] = _value(value)
    return out


def record_to_dict(record: DecisionRecord) -> dict[str, Any]:
    """``record`` in the file format, JSON-ready (dates as ISO strings)."""
    matter: dict[str, Any] = {
        "title": record.matter.title,
        "category": record.matter.category.value,
        "flags": sorted(f.value for f in record.matter.flags),
    }
    if record.matter.departments:
        matter["departments"] = list(record.matter.departments)
    return {
        "matter": matter,
        "alternatives": record.alternatives,
        "steps": [_step_to_dict(s) for s in record.steps],
    }
