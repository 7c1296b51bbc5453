"""Procedure specs: the major-decision procedure as data (rules are data).

A :class:`ProcedureSpec` is a tuple of rules. Each rule has an ``id``, a ``type`` from a
small closed vocabulary, a condition (``when``) over the matter, a citation, and the
parameters of its type:

=====================  ==================================================================
``exemption``          the matter is not subject to the procedure (``NOT_APPLICABLE``)
``required``           one of ``steps`` must be in the record
``order``              every step of ``before`` is complete before any of ``after`` starts
``interval``           at least ``minimum`` days / working days from one date to another,
                       optionally waived by a stated reason (with a floor)
``minimum``            a count (``alternatives``, ``citizen_representatives``) is at least
                       ``minimum``
``consultation``       every department whose duties are touched was consulted (and agreed,
                       and disputes carry each side's reasoning)
``meeting``            the collective discussion is held at one of ``allowed`` meetings
``check``              a fixed statutory check (``risk_controllable``, ``genuine_review``,
                       ``lawful_draft_only``, ``head_speaks_last``, ``head_states_reasons``,
                       ``dissent_recorded``)
=====================  ==================================================================

One interpreter (:mod:`govefficiency.decisions._validate`) evaluates every rule; presets
are TOML files, not code. A spec can ``extends`` another: its rules replace the parent's
rules of the same id (only to tighten them — checked) or are added after them.
"""

from __future__ import annotations

import graphlib
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._records import lookup
from govefficiency._validators import check_iterable, first_repeat, instance_of
from govefficiency.decisions._conditions import Source, _spec_error
from govefficiency.decisions._convert import items_of, moved
from govefficiency.decisions._rules import _RULE_TYPES, Exemption, IntervalRule, OrderRule, Rule, _check_id
from govefficiency.decisions._steps import DATE_FIELDS
from govefficiency.decisions._vocab import StepKind
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Text

__all__ = ["ProcedureSpec", "time_graph"]

# --- the spec -------------------------------------------------------------------------------


def _to_rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    items = items_of(value, _RULE_TYPES, "ProcedureSpec.rules", "rule (RequiredStep, OrderRule, …)")
    twice = first_repeat(item.id for item in items)
    if twice is not None:
        raise _spec_error(f"the rule id {twice!r} is used twice", f"规则 id {twice!r} 重复")
    return items


def _to_sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return items_of(value, Source, "ProcedureSpec.sources")


def _to_lineage(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in check_iterable(value, "ProcedureSpec.lineage"))


def _node(kind: StepKind, field: str) -> str:
    return f"{kind.value}.{field}"


def time_graph(rules: Iterable[Rule]) -> dict[str, set[str]]:
    """The precedence graph over every step's date fields that ``rules`` imply: for each
    node, the nodes that must come no later than it."""
    graph: dict[str, set[str]] = {}
    for kind, fields in DATE_FIELDS.items():
        for i, field in enumerate(fields):
            graph.setdefault(_node(kind, field), set())
            if i:
                graph[_node(kind, field)].add(_node(kind, fields[i - 1]))
    for rule in rules:
        if isinstance(rule, OrderRule):
            for before, after in itertools.product(rule.before, rule.after):
                graph[_node(after, DATE_FIELDS[after][0])].add(_node(before, DATE_FIELDS[before][-1]))
        elif isinstance(rule, IntervalRule):
            graph[str(rule.end)].add(str(rule.start))
    return graph


@attrs.frozen
class ProcedureSpec:
    """A major-decision procedure: a named tuple of rules, validated on construction.

    Build one by loading a file (:meth:`load`), from a preset
    (:func:`~govefficiency.decisions.get_procedure`), or by extending another
    (:meth:`extend`).

    Attributes:
        id: a short identifier (``"national"``, ``"seed-practice"``).
        title: the procedure's name in zh and en.
        rules: the rules, in evaluation order; ids are unique.
        lineage: the ids of the specs this one extends, nearest first; ``()`` for a
            root spec.
        sources: the documents the spec's citations refer to (by key), inherited ones
            included.
        description: a paragraph about the spec, or ``None``.
    """

    id: str = attrs.field(validator=_check_id)
    title: Text = attrs.field(validator=instance_of(Text))
    rules: tuple[Rule, ...] = attrs.field(converter=_to_rules)
    lineage: tuple[str, ...] = attrs.field(default=(), converter=_to_lineage)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)
    description: Text | None = None

    def __attrs_post_init__(self) -> None:
        try:
            tuple(graphlib.TopologicalSorter(time_graph(self.rules)).static_order())
        except graphlib.CycleError as exc:
            cycle = " -> ".join(exc.args[1])
            raise _spec_error(
                f"procedure {self.id!r}: its order and time rules form a cycle ({cycle}); "
                f"no record could satisfy them",
                f"程序 {self.id!r}：顺序与时间规则构成循环（{cycle}），任何记录都无法满足",
            ) from None

    def rule(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``."""
        listed = ", ".join(r.id for r in self.rules)
        en = f"procedure {self.id!r} has no rule {rule_id!r}; its rules are {listed}"
        zh = f"程序 {self.id!r} 中没有规则 {rule_id!r}"
        return lookup(self.rules, lambda rule: rule.id == rule_id, InvalidInputError, en, zh)

    def extend(self, child: ProcedureSpec) -> ProcedureSpec:
        """This spec extended by ``child``: ``child``'s rules replace the rules of the same
        id (they must be of the same type and only tighten them) or are appended; a child
        may not add exemptions. The result takes ``child``'s id, title and description.

        Raises:
            ProcedureSpecError: a child rule loosens its parent rule, changes its type or
                adds an exemption, or the child has the parent's id.
        """
        if not isinstance(child, ProcedureSpec):
            raise InvalidTypeError(
                f"child must be a ProcedureSpec, not {type(child).__name__}",
                f"child 必须是 ProcedureSpec，而不是 {type(child).__name__}",
            )
        if child.id == self.id or child.id in self.lineage:
            raise _spec_error(
                f"a spec cannot extend a spec with its own id {child.id!r}",
                f"程序不能继承与自身同名（{child.id!r}）的程序",
            )
        merged: dict[str, Rule] = {rule.id: rule for rule in self.rules}
        for rule in child.rules:
            parent = merged.get(rule.id)
            if parent is None:
                if isinstance(rule, Exemption):
                    raise _spec_error(
                        f"{child.id!r} adds the exemption {rule.id!r}: a spec that extends "
                        f"{self.id!r} may add and tighten rules, not exempt more matters",
                        f"{child.id!r} 新增了豁免规则 {rule.id!r}：继承 {self.id!r} 的程序只能新增或收紧规则，"
                        f"不能扩大豁免范围",
                    )
                merged[rule.id] = rule
                continue
            if type(rule) is not type(parent):
                raise _spec_error(
                    f"{child.id!r} redefines rule {rule.id!r} as type {rule.type!r}; in "
                    f"{self.id!r} it is {parent.type!r}: use a new id for a new rule",
                    f"{child.id!r} 将规则 {rule.id!r} 的类型改为 {rule.type!r}（原为 {parent.type!r}）；"
                    f"新规则请使用新的 id",
                )
            why = rule.loosens(parent)
            if why is not None:
                raise _spec_error(
                    f"{child.id!r} loosens the rule {rule.id!r} of {self.id!r} ({why.en}); "
                    f"a locality may only tighten it",
                    f"{child.id!r} 放宽了 {self.id!r} 的规则 {rule.id!r}（{why.zh}）；地方只能收紧规则",
                )
            merged[rule.id] = rule
        sources = {s.key: s for s in self.sources}
        sources.update({s.key: s for s in child.sources})
        return ProcedureSpec(
            id=child.id,
            title=child.title,
            rules=tuple(merged.values()),
            lineage=(self.id, *self.lineage),
            sources=tuple(sources.values()),
            description=child.description,
        )

    @classmethod
    def load(
        cls,
        source: str | Path | Mapping[str, Any],
        *,
        base: ProcedureSpec | None = None,
    ) -> ProcedureSpec:
        """Read a spec from a ``.toml``/``.json`` file or a parsed mapping.

        A spec with ``extends = "<id>"`` is composed with its parent: ``base`` when its id
        matches, else the preset of that id, else (for a file) the ``.toml``/``.json`` file
        named relative to this one. Errors are :class:`ProcedureSpecError` naming the file
        and the key path.
        """
        from govefficiency.decisions._presets import load_spec

        return load_spec(source, base=base)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, base: ProcedureSpec | None = None) -> ProcedureSpec:
        """The spec of a mapping in the file format (as :meth:`to_dict` gives it)."""
        if not isinstance(data, Mapping):
            raise InvalidTypeError(
                f"from_dict() needs a mapping, not {type(data).__name__}",
                f"from_dict() 需要映射，而不是 {type(data).__name__}",
            )
        return cls.load(data, base=base)

    def to_dict(self, *, base: ProcedureSpec | None = None) -> dict[str, Any]:
        """The spec in the file format, JSON-ready: :meth:`from_dict` (or :meth:`load`) of it
        gives back an equal spec. A spec extending a preset (or ``base``) is written as
        ``extends`` plus the rules and sources it adds or replaces; one whose parent is
        neither is written whole, without ``extends``."""
        from govefficiency.decisions._presets import dump_spec

        return dump_spec(self, base=base)


def __getattr__(name: str) -> Any:
    """The names this module held before it was split (into ``_conditions`` and ``_rules``): an old
    ``from govefficiency.decisions._spec import X`` keeps working."""
    from govefficiency.decisions import _conditions, _rules

    return moved(__name__, name, _conditions, _rules)
