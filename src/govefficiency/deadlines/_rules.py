"""Statute rules (法定期限): named, cited time limits that can be loaded from TOML/JSON.

A rule says how long a limit is and in which unit, what it counts from, whether and by
whom it may be extended, what time is not counted, and what happens when it expires
(视为受理, 视为准予延续, 视为同意). The shipped presets live in ``presets.toml`` beside
this module; a locality can load its own file with :meth:`RuleRegistry.load` and extend
the registry.
"""

from __future__ import annotations

import enum
import importlib.resources
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._loading import Fields, parse_document, read_document
from govefficiency.citation import Citation
from govefficiency.deadlines._periods import Period, PeriodUnit, period_from
from govefficiency.errors import InvalidTypeError, RuleError
from govefficiency.text import Text

__all__ = [
    "Consequence",
    "Direction",
    "ExtensionAllowance",
    "RuleRegistry",
    "StatuteRule",
    "default_rules",
    "get_rule",
]


class Direction(enum.Enum):
    """Whether a limit runs forward from its start or ends before an event."""

    FORWARD = "forward"
    BEFORE = "before"


@attrs.frozen
class Consequence:
    """What the law says happens when a limit expires without action.

    Attributes:
        code: a stable code, e.g. ``DEEMED_ACCEPTED``.
        text: what happens, in zh and en.
        citation: the provision that says so.
    """

    code: str
    text: Text
    citation: Citation


@attrs.frozen
class ExtensionAllowance:
    """How far a limit may be extended (延长) and by whom.

    Attributes:
        max: the most it may be extended in total (a working-day or calendar-day period).
        times: how many extensions are allowed (行政许可法 art. 42: once).
        approver: who must approve, e.g. ``Text("本行政机关负责人", "the agency head")``.
    """

    max: Period
    approver: Text
    times: int = 1


def _to_texts(value: Iterable[Text]) -> tuple[Text, ...]:
    return tuple(value)


@attrs.frozen
class StatuteRule:
    """A named statutory time limit with its citation.

    Attributes:
        id: a stable dotted id, e.g. ``licensing.decision``.
        title: what the limit is for, in zh and en.
        citation: the provision that sets it (law, article, version year).
        period: its length and unit (working days or calendar days as the statute says).
        starts_from: the event it counts from (e.g. 受理申请之日) or, for
            ``Direction.BEFORE``, the event it ends before.
        direction: forward from ``starts_from``, or before it (e.g. a hearing notice at
            least 7 working days before the hearing).
        extension: the allowed extension, or ``None`` if the statute allows none.
        not_counted: the kinds of time the statute excludes (中止, 不计算在期限内);
            ``()`` when none.
        restart: the events after which the period counts afresh (重新计算); ``()``
            when none.
        consequence: what happens on expiry, or ``None`` when the statute is silent.
    """

    id: str
    title: Text
    citation: Citation
    period: Period
    starts_from: Text
    direction: Direction = Direction.FORWARD
    extension: ExtensionAllowance | None = None
    not_counted: tuple[Text, ...] = attrs.field(default=(), converter=_to_texts)
    restart: tuple[Text, ...] = attrs.field(default=(), converter=_to_texts)
    consequence: Consequence | None = None


_DAY_UNITS = (PeriodUnit.WORKING_DAYS, PeriodUnit.CALENDAR_DAYS)


def _citation(fields: Fields) -> Citation:
    cite = Citation(
        law=fields.text("law"),
        article=str(fields.raw("article", "")),
        year=fields.integer("year", None, minimum=1949, maximum=2200),
        note=fields.text("note", None),
    )
    fields.finish()
    return cite


def _period(fields: Fields, unit_key: str, n_key: str) -> Period:
    unit = fields.string(unit_key, choices=tuple(u.value for u in PeriodUnit))
    n = fields.integer(n_key, minimum=0)
    return period_from(unit, n)


def _rule_from_fields(rule: Fields) -> StatuteRule:
    rule_id = rule.string("id")
    period = _period(rule, "unit", "length")
    extension = None
    if "extension" in rule:
        ext = rule.table("extension")
        max_period = _period(ext, "unit", "max")
        ext.check(
            "unit",
            max_period.unit in _DAY_UNITS,
            "an extension is counted in working_days or days",
            "延长期限须以工作日（working_days）或日（days）计",
        )
        extension = ExtensionAllowance(
            max=max_period, approver=ext.text("approver"), times=ext.integer("times", 1, minimum=1)
        )
        ext.finish()
    consequence = None
    if "consequence" in rule:
        con = rule.table("consequence")
        consequence = Consequence(
            code=con.string("code"), text=con.text("text"), citation=_citation(con.table("citation"))
        )
        con.finish()
    texts = rule.tables("not_counted", [])
    restarts = rule.tables("restart", [])
    built = StatuteRule(
        id=rule_id,
        title=rule.text("title"),
        citation=_citation(rule.table("citation")),
        period=period,
        starts_from=rule.text("starts_from"),
        direction=rule.member("direction", Direction, Direction.FORWARD),
        extension=extension,
        not_counted=[_plain_text(t) for t in texts],
        restart=[_plain_text(t) for t in restarts],
        consequence=consequence,
    )
    rule.finish()
    return built


def _plain_text(fields: Fields) -> Text:
    text = Text(fields.string("zh"), fields.string("en"))
    fields.finish()
    return text


def _to_rules(value: Iterable[StatuteRule]) -> tuple[StatuteRule, ...]:
    rules = tuple(value)
    seen: set[str] = set()
    for rule in rules:
        if not isinstance(rule, StatuteRule):
            raise InvalidTypeError(
                f"a registry holds StatuteRule values, not {type(rule).__name__}",
                "规则库只能包含 StatuteRule",
            )
        if rule.id in seen:
            raise RuleError(f"rule id {rule.id!r} is defined twice", f"规则 id {rule.id!r} 重复定义")
        seen.add(rule.id)
    return rules


@attrs.frozen
class RuleRegistry:
    """An immutable, ordered set of statute rules, looked up by id.

    Attributes:
        rules: the rules, in the order they were defined.
    """

    rules: tuple[StatuteRule, ...] = attrs.field(converter=_to_rules)
    _by_id: dict[str, StatuteRule] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.rules})

    def get(self, rule_id: str) -> StatuteRule:
        """The rule ``rule_id``; :class:`RuleError` listing the known ids otherwise."""
        if not isinstance(rule_id, str):
            raise InvalidTypeError(
                f"a rule id is a str, not {type(rule_id).__name__}", "规则 id 必须是字符串"
            )
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise RuleError(
                f"unknown rule {rule_id!r}; known rules: {', '.join(self._by_id)}",
                f"未知规则 {rule_id!r}；已知规则：{', '.join(self._by_id)}",
            ) from None

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def __iter__(self) -> Iterator[StatuteRule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def extended(self, other: RuleRegistry | Iterable[StatuteRule]) -> RuleRegistry:
        """A registry with ``other``'s rules added; an id defined in both is an error
        (a locality names its own rules rather than silently replacing national ones)."""
        return RuleRegistry((*self.rules, *other))

    @classmethod
    def load(cls, source: str | Path | Mapping[str, Any]) -> RuleRegistry:
        """Read rules from a TOML/JSON file (format in ``docs/deadlines.md``)."""
        return _registry_from_fields(read_document(source, error=RuleError))


def _registry_from_fields(doc: Fields) -> RuleRegistry:
    rules = [_rule_from_fields(table) for table in doc.tables("rules")]
    doc.finish()
    try:
        return RuleRegistry(rules)
    except RuleError as exc:
        raise doc.fail("rules", exc.en, exc.zh or exc.en) from None


_DEFAULT: list[RuleRegistry] = []


def default_rules() -> RuleRegistry:
    """The shipped statute presets (``presets.toml``), loaded once."""
    if not _DEFAULT:
        text = (
            importlib.resources.files("govefficiency.deadlines")
            .joinpath("presets.toml")
            .read_text(encoding="utf-8")
        )
        _DEFAULT.append(
            _registry_from_fields(parse_document(text, fmt="toml", origin="presets.toml", error=RuleError))
        )
    return _DEFAULT[0]


def get_rule(rule_id: str) -> StatuteRule:
    """The shipped preset ``rule_id`` (see ``govefficiency rules`` for the list)."""
    return default_rules().get(rule_id)
