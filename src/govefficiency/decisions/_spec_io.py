"""Procedure spec files (TOML/JSON): one declaration (:data:`SPEC`) gives the structure
the loader checks, the dumper and the JSON Schema (``govefficiency schema procedure``).

The format (documented in ``docs/decisions.md``)::

    id = "my-city"
    extends = "national"              # optional: a preset id or a relative file path
    title = { zh = "…", en = "…" }
    description = { zh = "…", en = "…" }   # optional

    [sources.citydoc]                 # documents the citations below refer to
    name = { zh = "…", en = "…" }
    year = 2024                       # optional

    [[rules]]
    id = "comment-period"             # same id as a parent rule: replaces (tightens) it
    type = "interval"
    from = "public_comment.published"
    to = "public_comment.closed"
    minimum = 30
    unit = "days"                     # or "working_days"
    code = "SHORTENED_WITHOUT_REASON"
    waiver = "public_comment.shortened_reason"
    waived_minimum = 10
    waived_code = "COMMENT_PERIOD_TOO_SHORT"
    when = { any = ["public_interest"] }              # optional
    citation = { law = "citydoc", article = "12", note = { zh = "…", en = "…" } }

The declaration reads each table (types, required and unknown keys, enum values, codes,
field references); what depends on other tables is then resolved here with the same
located errors: the parent named by ``extends`` (resolved by the caller's
:class:`PresetResolver`, so that this module does not import the presets), the source a
citation names (declared here or by the parent), and each rule's own invariants.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._format import (
    Bilingual,
    Bool,
    Choice,
    Format,
    Id,
    Int,
    Key,
    ListOf,
    Named,
    Str,
    Table,
    Tagged,
)
from govefficiency._loading import Fields, read_document
from govefficiency.citation import Citation
from govefficiency.decisions._codes import DECISION_CODES, RECORD_NOT_DECIDED, code_by_name
from govefficiency.decisions._conditions import _ALWAYS, FACTS, Condition, FieldRef, Source, Unit
from govefficiency.decisions._rules import RULE_CLASSES, CheckKind, MeetingRule, Rule, Target
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._steps import DATE_FIELDS, WAIVER_FIELDS
from govefficiency.decisions._vocab import Category, MeetingType, StepKind
from govefficiency.errors import InvalidInputError, InvalidTypeError, ProcedureSpecError
from govefficiency.findings import FindingCode, Severity

__all__ = [
    "SPEC",
    "PresetResolver",
    "dump_spec",
    "load_spec",
    "parse_spec",
]

#: Resolves the id (or relative path) named by ``extends`` to the parent spec.
Resolver = Callable[[Fields, str], ProcedureSpec]


@attrs.frozen
class PresetResolver:
    """The named specs ``extends`` may refer to, passed in by the caller so that the
    parser does not depend on where presets come from (``_presets`` builds on this
    module, not the other way round).

    Attributes:
        names: the preset ids, listed in the error for an unknown parent.
        get: the spec of a preset id (one of ``names``).
    """

    names: tuple[str, ...]
    get: Callable[[str], ProcedureSpec]


# --- value kinds of spec files ---------------------------------------------------------------


@attrs.frozen
class _Code:
    """A finding code, written by its name (``"STEP_MISSING"``)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if default is None and key not in fields:
            return fields.raw(key, None)
        name = fields.string(key)
        code = code_by_name(name)
        if code is RECORD_NOT_DECIDED:
            raise fields.fail(
                key,
                f"{name} is the validator's own notice for a record not yet decided; a rule cannot "
                f"report it: use STEP_MISSING or a code from the table in docs/decisions.md",
                f"{name} 是校验器对尚未作出决定的记录给出的提示，规则不能使用；"
                f"请使用 STEP_MISSING 或 docs/decisions.md 代码表中的其他代码",
            )
        if code is None:
            raise fields.fail(
                key,
                f"unknown finding code {name!r}; see the code table in docs/decisions.md",
                f"未知问题代码 {name!r}；请查阅 docs/decisions.md 中的代码表",
            )
        return code

    def dump(self, value: Any) -> Any:
        assert isinstance(value, FindingCode)
        return value.code

    def schema(self) -> dict[str, Any]:
        return {"enum": [code.code for code in DECISION_CODES if code is not RECORD_NOT_DECIDED]}


@attrs.frozen
class _FieldRef:
    """A step's date field (``"public_comment.closed"``), or with ``waiver`` its text field
    that can waive a time rule."""

    waiver: bool = False

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        text = fields.string(key, None) if default is None else fields.string(key)
        if text is None:
            return None
        return fields.build_at(key, FieldRef.parse, text, waiver=self.waiver)

    def dump(self, value: Any) -> Any:
        return str(value)

    def schema(self) -> dict[str, Any]:
        fields = WAIVER_FIELDS if self.waiver else DATE_FIELDS
        return {"enum": [f"{kind.value}.{name}" for kind, names in fields.items() for name in names]}


@attrs.frozen
class _Facts:
    """A list of condition facts (flag values and ``touches_departments``). An unknown
    fact is reported by :class:`Condition` at the condition's table, as before."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return ListOf(Str()).read(fields, key, default)

    def dump(self, value: Any) -> Any:
        return sorted(value)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"enum": sorted(FACTS)}}


class RuleType(enum.Enum):
    """The ``type`` of a rule table."""

    EXEMPTION = "exemption"
    REQUIRED = "required"
    ORDER = "order"
    INTERVAL = "interval"
    MINIMUM = "minimum"
    CONSULTATION = "consultation"
    MEETING = "meeting"
    CHECK = "check"


# --- the declaration -------------------------------------------------------------------------

_ERROR = ProcedureSpecError


def _optional(name: str, kind: Any, **extra: Any) -> Key:
    """A key that may be left out (``None``; ``()`` for a list), not written when absent."""
    default = () if isinstance(kind, ListOf | _Facts) else None
    return Key(name, kind, default=default, dump_default=False, **extra)


_SOURCE = Format(
    "source",
    "a document the citations refer to",
    (Key("name", Bilingual()), _optional("year", Int(1949, 2200))),
    build=Source,
    error=_ERROR,
)

_CITATION = Format(
    "citation",
    "a declared source and the article followed",
    (
        Key("law", Str(), description="the key of a source declared under [sources] (here or by the parent)"),
        Key("article", Str(), default="", dump_default=False),
        _optional("note", Bilingual()),
    ),
    error=_ERROR,
)

_CONDITION = Format(
    "condition",
    "when a rule applies: every part given must hold",
    (
        _optional("any", _Facts(), attr="any_of", description="at least one of these facts holds"),
        _optional("all", _Facts(), attr="all_of", description="every one of these facts holds"),
        _optional("none", _Facts(), attr="none_of", description="none of these facts holds"),
        _optional(
            "categories", ListOf(Choice(Category)), description="the matter's category is one of these"
        ),
    ),
    build=Condition,
    error=_ERROR,
    unbuild=lambda c: {
        "any_of": tuple(sorted(c.any_of)),
        "all_of": tuple(sorted(c.all_of)),
        "none_of": tuple(sorted(c.none_of)),
        "categories": tuple(x for x in Category if x in c.categories),
    },
)

_STEPS = ListOf(Choice(StepKind))


def _rule_format(kind: RuleType, *keys: Key, description: Key | None = None) -> Format:
    """The table of a rule of ``kind``: its id, its own keys, then what every rule has."""
    common = (
        _optional("when", Table(_CONDITION)),
        _optional("severity", Choice(Severity)),
        description or _optional("description", Bilingual()),
        Key("citation", Table(_CITATION)),
    )
    return Format(
        f"rule-{kind.value}",
        (RULE_CLASSES[kind.value].__doc__ or kind.value).split("\n")[0],
        (Key("id", Id()), *keys, *common),
        build=lambda **values: (kind, values),  # built once the citations are resolved
        error=_ERROR,
    )


_RULES: Mapping[RuleType, Format] = {
    RuleType.EXEMPTION: _rule_format(
        RuleType.EXEMPTION, description=Key("description", Bilingual(), description="why")
    ),
    RuleType.REQUIRED: _rule_format(RuleType.REQUIRED, Key("steps", _STEPS), Key("code", _Code())),
    RuleType.ORDER: _rule_format(
        RuleType.ORDER, Key("before", _STEPS), Key("after", _STEPS), _optional("code", _Code())
    ),
    RuleType.INTERVAL: _rule_format(
        RuleType.INTERVAL,
        Key("from", _FieldRef(), attr="start"),
        Key("to", _FieldRef(), attr="end"),
        Key("minimum", Int(0)),
        Key("unit", Choice(Unit), default=Unit.DAYS, dump_default=False),
        Key("code", _Code()),
        _optional("waiver", _FieldRef(waiver=True)),
        _optional("waived_minimum", Int(0)),
        _optional("waived_code", _Code()),
    ),
    RuleType.MINIMUM: _rule_format(
        RuleType.MINIMUM,
        Key("target", Choice(Target)),
        Key("minimum", Int(1)),
        Key("code", _Code()),
    ),
    RuleType.CONSULTATION: _rule_format(
        RuleType.CONSULTATION,
        Key("require_agreement", Bool(), default=True),
        Key("require_reasons", Bool(), default=True),
        _optional("agreement_citation", Table(_CITATION)),
        _optional("reasons_citation", Table(_CITATION)),
    ),
    RuleType.MEETING: _rule_format(RuleType.MEETING, Key("allowed", ListOf(Choice(MeetingType)))),
    RuleType.CHECK: _rule_format(
        RuleType.CHECK,
        Key("check", Choice(CheckKind)),
        _optional("allow_legal_risk_when", Table(_CONDITION)),
    ),
}
_CITATIONS = ("citation", "agreement_citation", "reasons_citation")

#: ``extends`` left out (a sentinel: JSON ``null`` is refused, as it always was).
_NO_PARENT: Any = object()

#: The procedure spec file format (``govefficiency schema procedure``).
SPEC = Format(
    "procedure",
    "a decision procedure spec (rules as data)",
    (
        Key("id", Id()),
        Key(
            "extends",
            Str(),
            default=_NO_PARENT,
            dump_default=False,
            description="a preset id, or a .toml/.json file relative to this one",
        ),
        Key("title", Bilingual()),
        _optional("description", Bilingual()),
        _optional("sources", Named(_SOURCE, "key"), description="the documents cited, by key"),
        Key("rules", Tagged("type", RuleType, _RULES), description="the rules, in evaluation order"),
    ),
    error=_ERROR,
)


# --- loading ---------------------------------------------------------------------------------


def _citation(doc: Fields, where: str, values: Mapping[str, Any], sources: Mapping[str, Source]) -> Citation:
    law = values["law"]
    if law not in sources:
        known = ", ".join(sources)
        raise doc.fail(
            f"{where}.law",
            f"unknown source {law!r}; declare it under [sources.{law}] (known: {known or 'none'})",
            f"未知出处 {law!r}；请在 [sources.{law}] 中声明（已有：{known or '无'}）",
        )
    source = sources[law]
    return Citation(source.name, values["article"], source.year, values.get("note"))


def _rule(doc: Fields, i: int, kind: RuleType, values: dict[str, Any], sources: Mapping[str, Source]) -> Rule:
    where = f"rules[{i}]"
    for key in _CITATIONS:
        if values.get(key) is not None:
            values[key] = _citation(doc, f"{where}.{key}", values[key], sources)
    if kind is RuleType.EXEMPTION and values.get("when") is None:
        raise doc.fail(
            f"{where}.when",
            "an exemption needs a condition (when), else it would exempt every matter",
            "豁免规则必须有适用条件（when），否则所有事项都会被豁免",
        )
    given = {key: value for key, value in values.items() if value is not None}
    rule: Rule = doc.build_at(where, RULE_CLASSES[kind.value], **given)
    return rule


def parse_spec(doc: Fields, resolve: Resolver) -> ProcedureSpec:
    """Build a spec from a parsed document, composing it with its parent."""
    values = SPEC.read(doc)
    parent = None if values["extends"] is _NO_PARENT else resolve(doc, values["extends"])
    sources = {s.key: s for s in parent.sources} if parent else {}
    own = values["sources"] or ()
    sources.update({s.key: s for s in own})
    rules = tuple(_rule(doc, i, kind, dict(v), sources) for i, (kind, v) in enumerate(values["rules"]))
    spec = doc.build(
        ProcedureSpec,
        values["id"],
        values["title"],
        rules,
        sources=own,
        description=values["description"],
    )
    if parent is None:
        return spec
    return doc.build(parent.extend, spec)


def load_spec(
    source: str | Path | Mapping[str, Any] | Fields,
    *,
    presets: PresetResolver,
    base: ProcedureSpec | None = None,
) -> ProcedureSpec:
    """Read a spec from a file, a mapping or a parsed text (see :meth:`ProcedureSpec.load`);
    ``extends`` names ``base``, one of ``presets`` or a file relative to this one."""
    if base is not None and not isinstance(base, ProcedureSpec):
        raise InvalidTypeError(
            f"base must be a ProcedureSpec or None, not {type(base).__name__}",
            f"base 必须是 ProcedureSpec 或 None，而不是 {type(base).__name__}",
        )
    used: list[bool] = []

    def resolver(chain: tuple[Path, ...]) -> Resolver:
        def resolve(doc: Fields, name: str) -> ProcedureSpec:
            if base is not None and name == base.id:
                used.append(True)
                return base
            if name in presets.names:
                return presets.get(name)
            if name.endswith((".toml", ".json")) and chain:
                path = (chain[-1].parent / name).resolve()
                if path in chain:
                    raise doc.fail(
                        "extends",
                        f"{name!r} extends itself through a cycle of files",
                        f"{name!r} 通过文件链循环继承了自身",
                    )
                parent_doc = read_document(path, error=ProcedureSpecError)
                return parse_spec(parent_doc, resolver((*chain, path)))
            known = ", ".join((*presets.names, *((base.id,) if base is not None else ())))
            raise doc.fail(
                "extends",
                f"unknown parent procedure {name!r}: use a preset ({known}), a .toml/.json path "
                f"relative to this file, or pass base=",
                f"未知的上级程序 {name!r}：请使用预置程序（{known}）、相对本文件的 .toml/.json 路径，或传入 base=",
            )

        return resolve

    doc = source if isinstance(source, Fields) else read_document(source, error=ProcedureSpecError)
    chain: tuple[Path, ...] = (Path(source).resolve(),) if isinstance(source, str | Path) else ()
    spec = parse_spec(doc, resolver(chain))
    if base is not None and not used:
        raise InvalidInputError(
            f"base={base.id!r} was given but the spec does not extend it",
            f"传入了 base={base.id!r}，但该程序并未继承它",
        )
    return spec


# --- dumping ---------------------------------------------------------------------------------


class _Row(dict[str, Any]):
    """A rule's values as the declaration dumps them, tagged with its type."""

    type: RuleType


def _law_keys(sources: tuple[Source, ...]) -> dict[tuple[Any, ...], str]:
    return {(s.name, s.year): s.key for s in reversed(sources)}


def _row(rule: Rule, laws: Mapping[tuple[Any, ...], str], extra: dict[str, Source]) -> _Row:
    row = _Row(attrs.asdict(rule, recurse=False))
    row.type = RuleType(rule.type)
    for key in _CITATIONS:
        citation = row.get(key)
        if isinstance(citation, Citation):
            law = laws.get((citation.law, citation.year))
            if law is None:  # a spec built in code citing an undeclared document
                law = f"source-{len(extra) + 1}"
                extra[law] = Source(law, citation.law, citation.year)
                laws = {**laws, (citation.law, citation.year): law}
            row[key] = {"law": law, "article": citation.article, "note": citation.note}
    if row.get("when") == _ALWAYS:
        row["when"] = None
    if isinstance(rule, MeetingRule):
        row["allowed"] = tuple(m for m in MeetingType if m in rule.allowed)
    return row


def dump_spec(spec: ProcedureSpec, *, parent: ProcedureSpec | None = None) -> dict[str, Any]:
    """``spec`` in the file format, JSON-ready. A spec that extends ``parent`` (its
    ``lineage[0]``) is written as ``extends`` plus the rules and sources it adds or
    replaces, so that loading it (with that parent resolvable) gives ``spec`` back."""
    if not isinstance(spec, ProcedureSpec):
        raise InvalidTypeError(
            f"dump_spec() needs a ProcedureSpec, not {type(spec).__name__}",
            f"dump_spec() 需要 ProcedureSpec，而不是 {type(spec).__name__}",
        )
    rules, sources = spec.rules, spec.sources
    if parent is not None:
        inherited_rules = {r.id: r for r in parent.rules}
        inherited_sources = {s.key: s for s in parent.sources}
        rules = tuple(r for r in rules if inherited_rules.get(r.id) != r)
        sources = tuple(s for s in sources if inherited_sources.get(s.key) != s)
        own = ProcedureSpec(spec.id, spec.title, rules, sources=sources, description=spec.description)
        if not spec.lineage or parent.id != spec.lineage[0] or parent.extend(own) != spec:
            raise InvalidInputError(
                f"procedure {spec.id!r} is not {parent.id!r} extended: dump it without parent=",
                f"程序 {spec.id!r} 并非由 {parent.id!r} 继承而来：请不传 parent= 导出",
            )
    extra: dict[str, Source] = {}
    laws = _law_keys(spec.sources)
    rows = tuple(_row(rule, laws, extra) for rule in rules)
    return SPEC.dump(
        {
            "id": spec.id,
            "extends": None if parent is None else parent.id,
            "title": spec.title,
            "description": spec.description,
            "sources": (*sources, *extra.values()) or None,
            "rules": rows,
        }
    )
