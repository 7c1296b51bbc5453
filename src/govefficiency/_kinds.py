"""The file kinds govefficiency reads: how to recognise, load, check and describe each.

One row per kind, used by ``govefficiency validate`` and ``govefficiency schema``. The
loaders are imported only when a file of their kind is read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency.errors import InvalidInputError
from govefficiency.findings import Finding

__all__ = ["KINDS", "FileKind", "detect_kind", "get_kind"]


@attrs.frozen
class FileKind:
    """A kind of file.

    Attributes:
        name: the kind's name (``checklist``, ``org-chart``…).
        description: what such a file holds.
        loader: ``module:function`` that reads a path and returns the object.
        format: ``module:NAME`` of its :class:`~govefficiency._format.Format` declaration,
            when it has one (then a JSON Schema exists).
        checker: ``module:function`` returning findings for the loaded object, if any.
        keys: top-level keys that identify the kind when a file does not say.
        item_keys: for a kind whose document is a JSON list of records (a
            :class:`~govefficiency._format.ListDocument`), the keys that every record of a
            file of this kind carries, which identify it when the file does not say.
    """

    name: str
    description: str
    loader: str
    format: str | None = None
    checker: str | None = None
    keys: frozenset[str] = frozenset()
    item_keys: frozenset[str] = frozenset()

    def load(self, path: Path) -> Any:
        return _resolve(self.loader)(path)

    def check(self, value: Any) -> list[Finding]:
        return list(_resolve(self.checker)(value)) if self.checker else []

    def json_schema(self) -> dict[str, Any] | None:
        if self.format is None:
            return None
        schema: dict[str, Any] = _resolve(self.format).json_schema()
        return schema


def _resolve(ref: str) -> Any:
    module, _, name = ref.partition(":")
    value: Any = importlib.import_module(module)
    for part in name.split("."):
        value = getattr(value, part)
    return value


def _first(loaded: Any) -> Any:
    return loaded[0] if isinstance(loaded, tuple) else loaded


#: The kinds, in the order ``validate`` tries to recognise them.
KINDS: tuple[FileKind, ...] = (
    FileKind(
        "checklist",
        "a year's checklist of key tasks (清单) to open in a ledger",
        "govefficiency.ledger._checklist_io:CHECKLIST.load",
        format="govefficiency.ledger._checklist_io:CHECKLIST",
        keys=frozenset({"items"}),
    ),
    FileKind(
        "org-chart",
        "units, leaders, officers, tasks and duties (responsibility graph)",
        "govefficiency.responsibility:load_org",
        format="govefficiency.responsibility._io:ORG_CHART",
        checker="govefficiency.responsibility:check",
        keys=frozenset({"units", "leaders", "tasks", "officers", "duties", "supervision_office"}),
    ),
    FileKind(
        "decision-record",
        "the record of a major administrative decision (重大行政决策)",
        "govefficiency.decisions:DecisionRecord.load",
        format="govefficiency.decisions._io:RECORD",
        keys=frozenset({"matter"}),
    ),
    FileKind(
        "procedure",
        "a decision procedure spec (rules as data)",
        "govefficiency.decisions:ProcedureSpec.load",
        format="govefficiency.decisions._spec_io:SPEC",
        keys=frozenset({"id", "rules", "title"}),
    ),
    FileKind(
        "rules",
        "statute deadline rules (local rule file)",
        "govefficiency.deadlines:RuleRegistry.load",
        format="govefficiency.deadlines._rules:RULES",
        keys=frozenset({"rules"}),
    ),
    FileKind(
        "calendar-patch",
        "a year's holiday arrangement or local closures (calendar patch)",
        "govefficiency.calendar:CalendarPatch.load",
        format="govefficiency.calendar._patch:PATCH",
        keys=frozenset({"days", "blocks", "notice", "template", "source", "year"}),
    ),
    FileKind(
        "assessment-scheme",
        "an assessment scheme (考核方案): indicators and rules, vetoes, grades with quotas",
        "govefficiency.assessment:load_scheme",
        format="govefficiency.assessment._io:SCHEME",
        checker="govefficiency.assessment:check_scheme",
        keys=frozenset({"categories", "grades", "vetoes", "ranking", "rounding"}),
    ),
    FileKind(
        "escalation-policy",
        "an escalation policy (levels, triggers, actions)",
        "govefficiency.escalation:load_policy",
        format="govefficiency.escalation._policy_io:POLICY",
        keys=frozenset({"id", "title", "levels", "policies", "extends"}),
    ),
    FileKind(
        "history",
        "an escalation history: the actions already carried out, with their 签收/反馈 dates (JSON list)",
        "govefficiency.escalation:load_history",
        format="govefficiency.escalation._history:HISTORY",
        item_keys=frozenset({"case", "level", "due_date"}),
    ),
    FileKind(
        "cases",
        "cases to escalate (dated cases with their parties)",
        "govefficiency.escalation:load_cases",
        format="govefficiency.escalation._files:CASES",
        keys=frozenset({"cases"}),
    ),
    FileKind(
        "services-catalogue",
        "a service centre's catalogue (服务事项清单): window posts and service items",
        "govefficiency.services:load_catalogue",
        format="govefficiency.services._catalogue:CATALOGUE",
        checker="govefficiency.services:check_catalogue",
        keys=frozenset({"items", "posts", "name"}),
    ),
    FileKind(
        "applications",
        "a service centre's applications (办件) and its officers' absences",
        "govefficiency.services:load_applications",
        format="govefficiency.services._applications_io:APPLICATIONS",
        keys=frozenset({"applications", "absences"}),
    ),
    FileKind(
        "complaints",
        "efficiency complaints (效能投诉) with the locality's rules that set their limits",
        "govefficiency.services:load_complaints",
        format="govefficiency.services._complaints_io:COMPLAINTS",
        keys=frozenset({"complaints", "rules"}),
    ),
    FileKind(
        "survey",
        "a satisfaction survey (满意度测评): counting rule, target and responses",
        "govefficiency.services:load_survey",
        format="govefficiency.services._surveys:SURVEY",
        keys=frozenset({"counting_rule", "responses", "target"}),
    ),
    FileKind(
        "review-policy",
        "a ledger review policy (June check, reconciliation, settlement)",
        "govefficiency.ledger:ReviewPolicy.load",
        format="govefficiency.ledger._policy:REVIEW_POLICY",
        keys=frozenset({"reply_days", "report_window", "tolerance", "june_threshold"}),
    ),
    FileKind(
        "approval-flow",
        "an approval flow (审批流程): steps, parallel groups, joint review, total limit",
        "govefficiency.approvals:load_flow",
        format="govefficiency.approvals._io:FLOW",
        checker="govefficiency.approvals:check_flow",
        keys=frozenset({"total_limit", "agency_service", "joint_review"}),
    ),
    FileKind(
        "approval-project",
        "a project's events through an approval flow (受理、中止、恢复、办结)",
        "govefficiency.approvals:load_project",
        format="govefficiency.approvals._io:PROJECT",
        keys=frozenset({"flow", "events", "investment_yuan", "agent"}),
    ),
    FileKind(
        "approvals-catalogue",
        "the published list of approval items (审批事项清单); name it with a $schema key",
        "govefficiency.approvals:load_catalogue",
        format="govefficiency.approvals._io:CATALOGUE",
    ),
    FileKind(
        "ledger-entry",
        "one entry of a ledger's JSON Lines export (a .jsonl file is checked line by line)",
        "govefficiency.ledger._export_schema:load_entry_file",
        format="govefficiency.ledger._export_schema:LEDGER_ENTRY",
        keys=frozenset({"seq", "hash", "prev", "payload", "recorded"}),
    ),
)

_BY_NAME = {kind.name: kind for kind in KINDS}

#: Identifying keys that several formats share: not enough on their own to tell a kind.
_GENERIC_KEYS = frozenset({"id", "title", "name", "source", "year", "extends"})


def get_kind(name: str) -> FileKind:
    """The kind called ``name``; an error listing the kinds otherwise."""
    kind = _BY_NAME.get(name)
    if kind is None:
        names = ", ".join(_BY_NAME)
        raise InvalidInputError(
            f"unknown file kind {name!r}: use one of {names}", f"未知的文件类型 {name!r}：请使用 {names} 之一"
        )
    return kind


def detect_kind(data: Mapping[str, Any] | list[Any], path: Path) -> FileKind | None:
    """The kind a parsed document declares (``$schema`` ending in ``/KIND.json``, or a
    ``.KIND.toml`` suffix) or, failing that, the kind whose identifying keys it has most.

    A document that is a list (``[{…}, …]``) is of the list kind whose identifying record
    keys (:attr:`FileKind.item_keys`) every record carries; an empty list only by its
    suffix (``sent.history.json``)."""
    if isinstance(data, list):
        return _detect_list(data, path)
    declared = data.get("$schema")
    if isinstance(declared, str):
        stem = declared.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json").removesuffix(".schema")
        if stem in _BY_NAME:
            return _BY_NAME[stem]
    for suffix in path.suffixes[:-1]:
        if suffix.lstrip(".") in _BY_NAME:
            return _BY_NAME[suffix.lstrip(".")]
    keys = set(data)
    # Most identifying keys present first; on a tie, the kind those keys describe best
    # (a file with only `rules` is a rule file, not a procedure missing its `id`). Keys
    # that many formats share (`id`, `title`, …) count only beside a distinctive one, so
    # that a file of a kind not listed here (an approvals flow, an assessment scheme) is
    # reported as unknown rather than checked against the wrong format.
    scored = [
        (len(kind.keys & keys), len(kind.keys & keys) / len(kind.keys), -i, kind)
        for i, kind in enumerate(KINDS)
        if (kind.keys - _GENERIC_KEYS) & keys
    ]
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    return scored[0][3]


def _detect_list(data: list[Any], path: Path) -> FileKind | None:
    for suffix in path.suffixes[:-1]:
        kind = _BY_NAME.get(suffix.lstrip("."))
        if kind is not None:
            return kind
    if not data or not all(isinstance(record, Mapping) for record in data):
        return None
    for kind in KINDS:
        if kind.item_keys and all(kind.item_keys <= record.keys() for record in data):
            return kind
    return None


Loader = Callable[[Path], Any]
