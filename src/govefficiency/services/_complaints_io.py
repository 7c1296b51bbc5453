"""The complaints file: the locality's ``[rules]`` and the complaints, declared once
(:data:`COMPLAINTS`): loader, dumper and JSON Schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._deprecation import keyword_fmt
from govefficiency._format import Bool, Format, Id, Instant, Int, Key, Str, Table, Tables, first_repeat
from govefficiency._loading import Fields
from govefficiency._validators import check_items
from govefficiency._write import dumps_document
from govefficiency.citation import Citation
from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.deadlines._rules import CITATION
from govefficiency.errors import InvalidTypeError
from govefficiency.services._catalogue import CatalogueFileError, write_services_file
from govefficiency.services._complaints import (
    _FROM,
    Complaint,
    ComplaintRules,
    ComplaintStep,
    StepLimit,
)

__all__ = ["COMPLAINTS", "dump_complaints", "dumps_complaints", "load_complaints", "loads_complaints"]


# --- the file -------------------------------------------------------------------------------------


def _step_limit(unit: str, length: int, counts_from: str) -> StepLimit:
    return StepLimit(WorkingDays(length) if unit == "working_days" else CalendarDays(length), counts_from)


#: One step's limit: ``{unit = "working_days" | "days", length = n, from = "received" | "accepted"}``.
STEP_LIMIT = Format(
    "step-limit",
    "One step's limit, counted from receipt or from the acceptance decision (start day not counted).",
    (
        Key("unit", Str(choices=("working_days", "days")), description="working_days or days"),
        Key("length", Int(0, 3660), description="how many units"),
        Key(
            "from",
            Str(choices=_FROM),
            default="received",
            attr="counts_from",
            description="received or accepted",
        ),
    ),
    build=_step_limit,
    error=CatalogueFileError,
    unbuild=lambda limit: {
        "unit": limit.period.unit.value,
        "length": limit.period.n,
        "counts_from": limit.counts_from,
    },
)


def _complaint_rules(source: Citation, **limits: StepLimit | None) -> ComplaintRules:
    set_limits: dict[ComplaintStep, StepLimit] = {}
    for step in ComplaintStep:
        limit = limits.get(step.value)
        if limit is not None:
            set_limits[step] = limit
    return ComplaintRules(source, set_limits)


#: The locality's ``[rules]``: the instrument (``source``) and the limit of each step it sets.
COMPLAINT_RULES = Format(
    "complaint-rules",
    "The locality's complaint rules (效能投诉办理办法): its instrument and the limit of each step it sets.",
    (
        Key("source", Table(CITATION), description="the local instrument that sets the limits"),
        *(
            Key(
                step.value,
                Table(STEP_LIMIT),
                default=None,
                description=f"the limit of the {step.label.en} (unset: undetermined)",
            )
            for step in ComplaintStep
        ),
    ),
    build=_complaint_rules,
    error=CatalogueFileError,
    unbuild=lambda rules: {
        "source": rules.source,
        **{step.value: rules.limits.get(step) for step in ComplaintStep},
    },
)

#: The acceptance decision of a complaint: ``{at = …, accepted = true | false}``.
DECISION = Format(
    "complaint-decision",
    "The decision whether to accept a complaint, and when it was made.",
    (Key("at", Instant()), Key("accepted", Bool())),
    error=CatalogueFileError,
)


def _complaint(
    id: str,
    unit: str,
    received: dt.datetime,
    decision: Mapping[str, Any] | None,
    handled: dt.datetime | None,
    replied: dt.datetime | None,
) -> Complaint:
    at, accepted = (None, None) if decision is None else (decision["at"], decision["accepted"])
    return Complaint(id, unit, received, at, accepted, handled, replied)


def _complaint_values(c: Complaint) -> dict[str, Any]:
    decision = None if c.decided is None else {"at": c.decided, "accepted": c.accepted}
    return {**attrs.asdict(c, recurse=False), "decision": decision}


COMPLAINT = Format(
    "complaint",
    "An efficiency complaint (效能投诉) and its events.",
    (
        Key("id", Id()),
        Key("unit", Id(), description="the unit complained about"),
        Key("received", Instant()),
        Key("decision", Table(DECISION), default=None, description="whether it was accepted, and when"),
        Key("handled", Instant(), default=None, description="when handling ended"),
        Key("replied", Instant(), default=None, description="when the complainant was told the result"),
    ),
    build=_complaint,
    error=CatalogueFileError,
    unbuild=_complaint_values,
)


def _unique_complaints(fields: Fields, values: dict[str, Any]) -> dict[str, Any]:
    complaints = values["complaints"]
    if repeat := first_repeat(complaints, lambda c: c.id):
        ident = complaints[repeat[0]].id
        raise fields.fail("complaints", f"complaint id {ident!r} is used twice", f"投诉 id {ident!r} 重复")
    return values


#: A complaints file: the locality's ``[rules]`` and the ``[[complaints]]``.
COMPLAINTS = Format(
    "complaints",
    "Efficiency complaints (效能投诉) with the locality's rules that set their limits.",
    (Key("rules", Table(COMPLAINT_RULES)), Key("complaints", Tables(COMPLAINT))),
    build=lambda rules, complaints: (rules, complaints),
    error=CatalogueFileError,
    prepare=_unique_complaints,
    unbuild=lambda pair: {"rules": pair[0], "complaints": pair[1]},
)


def load_complaints(source: str | Path | Mapping[str, Any]) -> tuple[ComplaintRules, tuple[Complaint, ...]]:
    """Read the locality's complaint rules (``[rules]``) and the complaints from a file
    (format in ``docs/services.md``; ``govefficiency schema complaints``).

    Raises:
        CatalogueFileError: a malformed file, located (``complaints[2].decision.at``).
    """
    out: tuple[ComplaintRules, tuple[Complaint, ...]] = COMPLAINTS.load(source)
    return out


@keyword_fmt
def loads_complaints(text: str, *, fmt: str = "toml") -> tuple[ComplaintRules, tuple[Complaint, ...]]:
    """Read complaint rules and complaints from TOML or JSON text."""
    if not isinstance(text, str):
        raise InvalidTypeError(f"text must be a str, not {type(text).__name__}", "text 必须是字符串")
    out: tuple[ComplaintRules, tuple[Complaint, ...]] = COMPLAINTS.loads(text, fmt=fmt)
    return out


def _complaints_doc(rules: ComplaintRules, complaints: Iterable[Complaint]) -> dict[str, Any]:
    if not isinstance(rules, ComplaintRules):
        raise InvalidTypeError(f"expected ComplaintRules, not {type(rules).__name__}", "需要 ComplaintRules")
    items = check_items(complaints, Complaint, "complaints")
    return COMPLAINTS.dump((rules, items))


@keyword_fmt
def dumps_complaints(rules: ComplaintRules, complaints: Iterable[Complaint], *, fmt: str = "toml") -> str:
    """The complaints file of ``rules`` and ``complaints`` as TOML or JSON text (read back by
    :func:`loads_complaints` to equal values)."""
    return dumps_document(_complaints_doc(rules, complaints), fmt, error=CatalogueFileError)


def dump_complaints(rules: ComplaintRules, complaints: Iterable[Complaint], path: str | Path) -> None:
    """Write the complaints file to ``path`` (``.toml`` or ``.json``)."""
    write_services_file(_complaints_doc(rules, complaints), path)
