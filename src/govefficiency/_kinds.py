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


def _kind(
    name: str, loader: str, fmt: str, checker: str | None, keys: str, description: str, *, item_keys: str = ""
) -> FileKind:
    """One row of :data:`KINDS`: references relative to ``govefficiency.``, keys separated by spaces."""
    return FileKind(
        name,
        description,
        f"govefficiency.{loader}",
        format=f"govefficiency.{fmt}",
        checker=None if checker is None else f"govefficiency.{checker}",
        keys=frozenset(keys.split()),
        item_keys=frozenset(item_keys.split()),
    )


#: The kinds, in the order ``validate`` tries to recognise them. A row: the name, the loader,
#: the format, the checker (or None), the identifying keys and what such a file holds.
KINDS: tuple[FileKind, ...] = (
    _kind(
        "checklist",
        "ledger._checklist_io:CHECKLIST.load",
        "ledger._checklist_io:CHECKLIST",
        None,
        "items",
        "a year's checklist of key tasks (清单) to open in a ledger",
    ),
    _kind(
        "org-chart",
        "responsibility:load_org",
        "responsibility._io:ORG_CHART",
        "responsibility:check",
        "units leaders tasks officers duties supervision_office",
        "units, leaders, officers, tasks and duties (responsibility graph)",
    ),
    _kind(
        "decision-record",
        "decisions:DecisionRecord.load",
        "decisions._io:RECORD",
        None,
        "matter",
        "the record of a major administrative decision (重大行政决策)",
    ),
    _kind(
        "procedure",
        "decisions:ProcedureSpec.load",
        "decisions._spec_io:SPEC",
        None,
        "id rules title",
        "a decision procedure spec (rules as data)",
    ),
    _kind(
        "rules",
        "deadlines:RuleRegistry.load",
        "deadlines._rules:RULES",
        None,
        "rules",
        "statute deadline rules (local rule file)",
    ),
    _kind(
        "calendar-patch",
        "calendar:CalendarPatch.load",
        "calendar._patch:PATCH",
        None,
        "days blocks notice template source year",
        "a year's holiday arrangement or local closures (calendar patch)",
    ),
    _kind(
        "assessment-scheme",
        "assessment:load_scheme",
        "assessment._io:SCHEME",
        "assessment:check_scheme",
        "categories grades vetoes ranking rounding",
        "an assessment scheme (考核方案): indicators and rules, vetoes, grades with quotas",
    ),
    _kind(
        "escalation-policy",
        "escalation:load_policy",
        "escalation._policy_io:POLICY",
        None,
        "id title levels policies extends",
        "an escalation policy (levels, triggers, actions)",
    ),
    _kind(
        "history",
        "escalation:load_history",
        "escalation._history:HISTORY",
        None,
        "",
        "an escalation history: the actions already carried out, with their 签收/反馈 dates (JSON list)",
        item_keys="case level due_date",
    ),
    _kind(
        "cases",
        "escalation:load_cases",
        "escalation._files:CASES",
        None,
        "cases",
        "cases to escalate (dated cases with their parties)",
    ),
    _kind(
        "services-catalogue",
        "services:load_catalogue",
        "services._catalogue:CATALOGUE",
        "services:check_catalogue",
        "items posts name",
        "a service centre's catalogue (服务事项清单): window posts and service items",
    ),
    _kind(
        "applications",
        "services:load_applications",
        "services._applications_io:APPLICATIONS",
        None,
        "applications absences",
        "a service centre's applications (办件) and its officers' absences",
    ),
    _kind(
        "complaints",
        "services:load_complaints",
        "services._complaints_io:COMPLAINTS",
        None,
        "complaints rules",
        "efficiency complaints (效能投诉) with the locality's rules that set their limits",
    ),
    _kind(
        "survey",
        "services:load_survey",
        "services._surveys:SURVEY",
        None,
        "counting_rule responses target",
        "a satisfaction survey (满意度测评): counting rule, target and responses",
    ),
    _kind(
        "review-policy",
        "ledger:ReviewPolicy.load",
        "ledger._policy:REVIEW_POLICY",
        None,
        "reply_days report_window tolerance june_threshold",
        "a ledger review policy (June check, reconciliation, settlement)",
    ),
    _kind(
        "approval-flow",
        "approvals:load_flow",
        "approvals._io:FLOW",
        "approvals:check_flow",
        "total_limit agency_service joint_review",
        "an approval flow (审批流程): steps, parallel groups, joint review, total limit",
    ),
    _kind(
        "approval-project",
        "approvals:load_project",
        "approvals._io:PROJECT",
        None,
        "flow events investment_yuan agent",
        "a project's events through an approval flow (受理、中止、恢复、办结)",
    ),
    _kind(
        "approvals-catalogue",
        "approvals:load_catalogue",
        "approvals._io:CATALOGUE",
        None,
        "",
        "the published list of approval items (审批事项清单); name it with a $schema key",
    ),
    _kind(
        "ledger-entry",
        "ledger._export_schema:load_entry_file",
        "ledger._export_schema:LEDGER_ENTRY",
        None,
        "seq hash prev payload recorded",
        "one entry of a ledger's JSON Lines export (a .jsonl file is checked line by line)",
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
