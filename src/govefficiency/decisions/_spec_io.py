"""Reading procedure specs from TOML/JSON, with located errors.

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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from govefficiency._loading import Fields, read_document
from govefficiency.citation import Citation
from govefficiency.decisions._codes import code_by_name
from govefficiency.decisions._conditions import Condition, FieldRef, Source, Unit
from govefficiency.decisions._rules import (
    CheckKind,
    CheckRule,
    ConsultationRule,
    Exemption,
    IntervalRule,
    MeetingRule,
    MinimumRule,
    OrderRule,
    RequiredStep,
    Rule,
    Target,
)
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._vocab import Category, MeetingType, StepKind
from govefficiency.errors import InvalidInputError, InvalidTypeError, ProcedureSpecError
from govefficiency.findings import Severity

__all__ = ["PresetResolver", "load_spec", "parse_spec"]

_NONE: Any = None
_REQUIRED: Any = object()
T = TypeVar("T")
_TYPES = ("exemption", "required", "order", "interval", "minimum", "consultation", "meeting", "check")

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


def _enum_list(fields: Fields, key: str, cls: type[Any], default: Any = _REQUIRED) -> Any:
    if key not in fields and default is not _REQUIRED:
        return default
    names = fields.strs(key)
    allowed = {m.value: m for m in cls}
    out = []
    for i, name in enumerate(names):
        if name not in allowed:
            raise fields.fail(
                f"{key}[{i}]",
                f"unknown value {name!r}; use one of {', '.join(allowed)}",
                f"未知取值 {name!r}；可用：{', '.join(allowed)}",
            )
        out.append(allowed[name])
    return tuple(out)


def _condition(fields: Fields, key: str) -> Condition | None:
    table = fields.table(key, _NONE)
    if table is None:
        return None
    any_of = table.strs("any", ())
    all_of = table.strs("all", ())
    none_of = table.strs("none", ())
    categories = _enum_list(table, "categories", Category, ())
    table.finish()
    return fields.build_at(key, Condition, any_of, all_of, none_of, categories)


def _code(fields: Fields, key: str, default: Any = _REQUIRED) -> Any:
    if key not in fields and default is not _REQUIRED:
        return default
    name = fields.string(key)
    code = code_by_name(name)
    if code is None:
        raise fields.fail(
            key,
            f"unknown finding code {name!r}; see the code table in docs/decisions.md",
            f"未知问题代码 {name!r}；请查阅 docs/decisions.md 中的代码表",
        )
    return code


def _citation(fields: Fields, key: str, sources: Mapping[str, Source], default: Any = _REQUIRED) -> Any:
    if key not in fields and default is not _REQUIRED:
        return default
    table = fields.table(key)
    law = table.string("law")
    if law not in sources:
        raise table.fail(
            "law",
            f"unknown source {law!r}; declare it under [sources.{law}] (known: "
            f"{', '.join(sources) or 'none'})",
            f"未知出处 {law!r}；请在 [sources.{law}] 中声明（已有：{', '.join(sources) or '无'}）",
        )
    article = table.string("article", "")
    note = table.text("note", _NONE)
    table.finish()
    source = sources[law]
    return Citation(source.name, article, source.year, note)


def _sources(doc: Fields, inherited: Mapping[str, Source]) -> tuple[dict[str, Source], list[Source]]:
    known = dict(inherited)
    own: list[Source] = []
    table = doc.table("sources", _NONE)
    if table is None:
        return known, own
    for key in table.keys():  # noqa: SIM118 - Fields is not a mapping
        entry = table.table(key)
        name = entry.text("name")
        year = entry.integer("year", _NONE, minimum=1949, maximum=2200)
        entry.finish()
        source = Source(key, name, year)
        known[key] = source
        own.append(source)
    table.finish()
    return known, own


def _rule(t: Fields, sources: Mapping[str, Source]) -> Rule:
    rule_id = t.string("id")
    kind = t.string("type", choices=_TYPES)
    common: dict[str, Any] = {"id": rule_id, "citation": _citation(t, "citation", sources)}
    when = _condition(t, "when")
    if when is not None:
        common["when"] = when
    severity = t.member("severity", Severity, _NONE)
    if severity is not None:
        common["severity"] = severity
    description = t.text("description", _NONE)
    if description is not None or kind == "exemption":
        common["description"] = t.text("description") if description is None else description
    rule: Rule
    if kind == "exemption":
        if when is None:
            raise t.fail(
                "when",
                "an exemption needs a condition (when), else it would exempt every matter",
                "豁免规则必须有适用条件（when），否则所有事项都会被豁免",
            )
        rule = t.build(Exemption, **common)
    elif kind == "required":
        steps = _enum_list(t, "steps", StepKind)
        rule = t.build(RequiredStep, steps=steps, code=_code(t, "code"), **common)
    elif kind == "order":
        before = _enum_list(t, "before", StepKind)
        after = _enum_list(t, "after", StepKind)
        extra = {"code": _code(t, "code")} if "code" in t else {}
        rule = t.build(OrderRule, before=before, after=after, **extra, **common)
    elif kind == "interval":
        start = t.build_at("from", FieldRef.parse, t.string("from"))
        end = t.build_at("to", FieldRef.parse, t.string("to"))
        waiver_name = t.string("waiver", _NONE)
        waiver = (
            None if waiver_name is None else t.build_at("waiver", FieldRef.parse, waiver_name, waiver=True)
        )
        rule = t.build(
            IntervalRule,
            start=start,
            end=end,
            minimum=t.integer("minimum", minimum=0),
            unit=t.member("unit", Unit, Unit.DAYS),
            code=_code(t, "code"),
            waiver=waiver,
            waived_minimum=t.integer("waived_minimum", _NONE, minimum=0),
            waived_code=_code(t, "waived_code", None),
            **common,
        )
    elif kind == "minimum":
        rule = t.build(
            MinimumRule,
            target=t.member("target", Target),
            minimum=t.integer("minimum", minimum=1),
            code=_code(t, "code"),
            **common,
        )
    elif kind == "consultation":
        rule = t.build(
            ConsultationRule,
            require_agreement=t.boolean("require_agreement", True),
            require_reasons=t.boolean("require_reasons", True),
            agreement_citation=_citation(t, "agreement_citation", sources, None),
            reasons_citation=_citation(t, "reasons_citation", sources, None),
            **common,
        )
    elif kind == "meeting":
        allowed = _enum_list(t, "allowed", MeetingType)
        rule = t.build(MeetingRule, allowed=allowed, **common)
    else:
        rule = t.build(
            CheckRule,
            check=t.member("check", CheckKind),
            allow_legal_risk_when=_condition(t, "allow_legal_risk_when"),
            **common,
        )
    t.finish()
    return rule


def parse_spec(doc: Fields, resolve: Resolver) -> ProcedureSpec:
    """Build a spec from a parsed document, composing it with its parent."""
    spec_id = doc.string("id")
    title = doc.text("title")
    description = doc.text("description", _NONE)
    parent = resolve(doc, doc.string("extends")) if "extends" in doc else None
    known, own = _sources(doc, {s.key: s for s in parent.sources} if parent else {})
    rules = [_rule(t, known) for t in doc.tables("rules")]
    doc.finish()
    spec = doc.build(ProcedureSpec, spec_id, title, tuple(rules), sources=tuple(own), description=description)
    if parent is None:
        return spec
    return doc.build(parent.extend, spec)


def load_spec(
    source: str | Path | Mapping[str, Any], *, presets: PresetResolver, base: ProcedureSpec | None = None
) -> ProcedureSpec:
    """Read a spec from a file or mapping (see :meth:`ProcedureSpec.load`); ``extends``
    names ``base``, one of ``presets`` or a file relative to this one."""
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

    doc = read_document(source, error=ProcedureSpecError)
    chain: tuple[Path, ...] = () if isinstance(source, Mapping) else (Path(source).resolve(),)
    spec = parse_spec(doc, resolver(chain))
    if base is not None and not used:
        raise InvalidInputError(
            f"base={base.id!r} was given but the spec does not extend it",
            f"传入了 base={base.id!r}，但该程序并未继承它",
        )
    return spec
