"""Reading and writing schemes (TOML/JSON), with located bilingual errors."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import Fields, parse_document, read_document
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
    Rule,
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
)
from govefficiency.errors import InvalidTypeError, SchemeError

__all__ = ["dump_scheme", "dumps_scheme", "load_scheme", "loads_scheme"]

_RULES = ("linear", "bands", "rate", "deduction", "bonus", "appraisal")


def load_scheme(path: str | Path | Mapping[str, Any]) -> Scheme:
    """Read a scheme from a ``.toml``/``.json`` file (or an already parsed mapping).

    Raises:
        SchemeError: the file is missing or malformed, or a value breaks a rule of the
            format; the message names the file, the key path and what to do.
    """
    return _scheme(read_document(path, error=SchemeError))


def loads_scheme(text: str, fmt: str = "toml") -> Scheme:
    """Read a scheme from TOML or JSON text."""
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"loads_scheme needs text, not {type(text).__name__}",
            f"loads_scheme 需要文本，而不是 {type(text).__name__}",
        )
    return _scheme(parse_document(text, fmt=fmt, error=SchemeError))


def dumps_scheme(scheme: Scheme, fmt: str = "json") -> str:
    """The scheme as JSON text (``fmt="json"``), which :func:`loads_scheme` reads back."""
    if not isinstance(scheme, Scheme):
        raise InvalidTypeError(
            f"dumps_scheme needs a Scheme, not {type(scheme).__name__}", "dumps_scheme 需要 Scheme"
        )
    if fmt != "json":
        raise SchemeError(f"schemes are written as JSON, not {fmt!r}", f"方案只能写成 JSON，而不是 {fmt!r}")
    return json.dumps(_strip(scheme.to_dict()), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump_scheme(scheme: Scheme, path: str | Path) -> None:
    """Write the scheme as JSON to ``path``."""
    text = dumps_scheme(scheme)
    if not isinstance(path, str | Path):
        raise InvalidTypeError(
            f"dump_scheme needs a path, not {type(path).__name__}",
            f"dump_scheme 需要文件路径，而不是 {type(path).__name__}",
        )
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SchemeError(
            f"{path}: cannot write the file ({exc})", f"{path}：无法写入文件（{exc}）", origin=str(path)
        ) from None


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _rule(t: Fields) -> Rule:
    kind = t.string("kind", choices=_RULES)
    rule: Rule
    if kind == "linear":
        rule = t.build(Linear, t.number("floor"), t.number("target"))
    elif kind == "bands":
        raw = t.raw("steps")
        rule = t.build_at("steps", Bands, raw)
    elif kind == "rate":
        rule = Proportional()
    elif kind == "deduction":
        rule = t.build(Deduction, t.number("per_event"), t.number("cap", None))
    elif kind == "bonus":
        rule = t.build(Bonus, t.number("per_unit"))
    else:
        groups = []
        for gt in t.tables("groups"):
            groups.append(gt.build(RaterGroup, gt.string("id"), gt.text("name"), gt.number("weight")))
            gt.finish()
        rule = t.build(Appraisal, tuple(groups), t.boolean("trimmed", False))
    t.finish()
    return rule


def _indicator(t: Fields) -> Indicator:
    rule = _rule(t.table("rule"))
    measure = t.member("measure", Measure, None)
    ind = t.build(
        Indicator,
        t.string("id"),
        t.text("name"),
        t.number("points"),
        rule,
        measure,
        t.string("source", ""),
        t.boolean("key", False),
    )
    t.finish()
    return ind


def _scheme(doc: Fields) -> Scheme:
    grades = []
    for t in doc.tables("grades"):
        grades.append(
            t.build(
                Grade, t.string("id"), t.text("name"), t.number("min_score", None), t.number("quota", None)
            )
        )
        t.finish()
    categories = []
    for t in doc.tables("categories"):
        indicators = tuple(_indicator(it) for it in t.tables("indicators", []))
        facts = []
        for ft in t.tables("facts", []):
            facts.append(
                ft.build(Fact, ft.string("id"), ft.text("name"), ft.member("measure", Measure, Measure.COUNT))
            )
            ft.finish()
        categories.append(
            t.build(Category, t.string("id"), t.text("name"), t.number("total"), indicators, tuple(facts))
        )
        t.finish()
    vetoes = []
    for t in doc.tables("vetoes", []):
        vetoes.append(
            t.build(
                VetoRule,
                t.string("id"),
                t.text("name"),
                t.member("trigger", TriggerKind),
                t.string("metric"),
                t.member("effect", EffectKind),
                t.number("threshold", None),
                t.string("grade", None),
                tuple(t.strs("categories", ())),
            )
        )
        t.finish()
    ranking = Ranking()
    if "ranking" in doc:
        r = doc.table("ranking")
        ranking = r.build(
            Ranking,
            r.member("method", RankMethod, RankMethod.COMPETITION),
            tuple(r.strs("tie_break", ())),
            r.integer("top", 3, minimum=0),
            r.integer("bottom", 3, minimum=0),
        )
        r.finish()
    scheme = doc.build(
        Scheme,
        doc.string("id"),
        doc.text("name"),
        doc.member("period", PeriodKind),
        tuple(categories),
        tuple(grades),
        tuple(vetoes),
        doc.member("rounding", Rounding, Rounding.FLOOR),
        ranking,
        doc.text("note", None),
    )
    doc.finish()
    return scheme
