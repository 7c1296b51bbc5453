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
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from govefficiency._deprecation import renamed
from govefficiency._filed import Filed
from govefficiency._format import Bilingual, Choice, Format, Int, Key, Str, Table, Tables
from govefficiency._loading import Fields
from govefficiency._validators import (
    Validator,
    check_instances,
    check_iterable,
    first_repeat,
    instance_of,
    optional_instance_of,
    valid_count,
)
from govefficiency.citation import Citation
from govefficiency.deadlines._periods import Period, PeriodUnit, period_from
from govefficiency.errors import InvalidTypeError, RuleError
from govefficiency.text import Text

__all__ = [
    "AlternativeReading",
    "Combine",
    "CompositeLimit",
    "Consequence",
    "Direction",
    "ExtensionAllowance",
    "Limb",
    "RuleRegistry",
    "StatuteRule",
    "default_rules",
    "get_rule",
    "rule_presets",
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
    text: Text = attrs.field(validator=instance_of(Text))
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
    approver: Text = attrs.field(validator=instance_of(Text))
    times: int = attrs.field(default=1, validator=valid_count(minimum=1))


def _to_texts(value: Iterable[Text]) -> tuple[Text, ...]:
    return check_iterable(value, "texts")


_is_period = instance_of(
    Period,
    "{owner} must be a Period such as WorkingDays(5), not {type}",
    "{owner} 必须是期间（如 WorkingDays(5)）",
)


def _day_unit(instance: object, attribute: attrs.Attribute[Period], value: Period) -> None:
    if value.unit is PeriodUnit.HOURS:
        raise RuleError(
            f"{type(instance).__name__}.{attribute.name}: an hour period has no rival day-counting reading",
            f"{type(instance).__name__}.{attribute.name}：小时期间没有按日计算的另一种读法",
        )


_check_day_period: list[Validator] = [_is_period, _day_unit]


_check_reason = instance_of(
    Text, "{owner} must be a Text (zh and en), not {type}", "{owner} 必须是 Text（中英文）"
)


@attrs.frozen
class AlternativeReading:
    """A second reading of a limit whose counting unit the texts leave open.

    The rule's own period is the *primary* reading: the one that is safe for the party
    who must act (the earlier due date). The alternative is computed alongside it and
    shown with its reason, so that a user sees both and can defend either.

    Attributes:
        period: the period under the alternative reading (e.g. ``WorkingDays(5)`` where
            the primary reads ``CalendarDays(5)``).
        reason: why the alternative is plausible, in zh and en.
    """

    period: Period = attrs.field(validator=_check_day_period)
    reason: Text = attrs.field(validator=_check_reason)


class Combine(enum.Enum):
    """How a composite limit combines its periods: the earliest or the latest due date."""

    EARLIEST = "earliest"
    LATEST = "latest"

    @property
    def label(self) -> Text:
        return (
            Text("以较早者为准", "whichever is earlier")
            if self is Combine.EARLIEST
            else Text("以较晚者为准", "whichever is later")
        )


@attrs.frozen
class Limb:
    """One period of a composite limit, counted from its own start event.

    Attributes:
        event: the key naming the start event, e.g. ``"knew_of_right"``; the caller
            passes the start of each limb under this key.
        period: the period counted from that event.
        starts_from: the event in words, in zh and en.
    """

    event: str = attrs.field()
    period: Period = attrs.field(validator=_check_day_period)
    starts_from: Text = attrs.field(validator=_check_reason)

    @event.validator
    def _check_event(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or not value.isidentifier():
            raise RuleError(
                f"Limb.event must be a name such as 'knew_of_right', not {value!r}",
                f"Limb.event 必须是名称（如 knew_of_right），而不是 {value!r}",
            )


def _to_limbs(value: Iterable[Limb]) -> tuple[Limb, ...]:
    limbs = check_instances(value, Limb, "CompositeLimit.limbs")
    if len(limbs) < 2:
        raise RuleError(
            "a composite limit combines at least two periods",
            "组合期限至少由两个期间组成",
        )
    events = [limb.event for limb in limbs]
    if len(set(events)) != len(events):
        raise RuleError(
            f"a composite limit names each start event once: {', '.join(events)}",
            f"组合期限中每个起算事件只能出现一次：{'、'.join(events)}",
        )
    return limbs


@attrs.frozen
class CompositeLimit:
    """The earliest (or latest) of several periods, each from its own start event.

    E.g. 行政复议法 (2023) art. 20 ¶3: 60 days from learning of the right to apply, but
    at most one year from learning of the act — the earlier of the two.

    Attributes:
        combine: earliest or latest.
        limbs: the periods, at least two, each with its own start event.
    """

    combine: Combine = attrs.field(validator=instance_of(Combine))
    limbs: tuple[Limb, ...] = attrs.field(converter=_to_limbs)

    @property
    def events(self) -> tuple[str, ...]:
        """The start events the caller must give, in order."""
        return tuple(limb.event for limb in self.limbs)


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
        alternative: the rival reading of the counting unit, computed and shown beside
            the primary one, or ``None`` when the unit is not in doubt.
        composite: for a limit made of several periods from different events, how they
            combine (``period`` and ``starts_from`` are then the first limb's), or
            ``None`` for an ordinary single period.
    """

    id: str
    title: Text = attrs.field(validator=instance_of(Text))
    citation: Citation
    period: Period
    starts_from: Text = attrs.field(validator=instance_of(Text))
    direction: Direction = Direction.FORWARD
    extension: ExtensionAllowance | None = None
    not_counted: tuple[Text, ...] = attrs.field(default=(), converter=_to_texts)
    restart: tuple[Text, ...] = attrs.field(default=(), converter=_to_texts)
    consequence: Consequence | None = None
    alternative: AlternativeReading | None = attrs.field(
        default=None, validator=optional_instance_of(AlternativeReading)
    )
    composite: CompositeLimit | None = attrs.field(
        default=None, validator=optional_instance_of(CompositeLimit)
    )

    def __attrs_post_init__(self) -> None:
        if self.alternative is not None:
            if self.alternative.period == self.period:
                raise RuleError(
                    f"rule {self.id}: the alternative reading repeats the primary period {self.period}",
                    f"规则 {self.id}：另一种读法与主读法的期间相同（{self.period.describe('zh')}）",
                )
            if self.period.unit is PeriodUnit.HOURS:
                raise RuleError(
                    f"rule {self.id}: an hour period has no alternative day-counting reading",
                    f"规则 {self.id}：小时期间没有按日计算的另一种读法",
                )
        if self.composite is not None:
            if (
                self.alternative is not None
                or self.extension is not None
                or self.direction is Direction.BEFORE
            ):
                raise RuleError(
                    f"rule {self.id}: a composite limit runs forward and takes no alternative reading "
                    f"or extension",
                    f"规则 {self.id}：组合期限只能向后计算，且不设另一种读法或延长",
                )
            first = self.composite.limbs[0]
            if (first.period, first.starts_from) != (self.period, self.starts_from):
                raise RuleError(
                    f"rule {self.id}: period and starts_from of a composite rule are its first limb's",
                    f"规则 {self.id}：组合规则的 period 与 starts_from 须为第一个期间的值",
                )


_DAY_UNITS = (PeriodUnit.WORKING_DAYS, PeriodUnit.CALENDAR_DAYS)
_UNITS = tuple(u.value for u in PeriodUnit)
_DAY_COUNTED = tuple(u.value for u in PeriodUnit if u is not PeriodUnit.HOURS)


def _unit(units: tuple[str, ...] = _UNITS, description: str = "the counting unit") -> Key:
    return Key("unit", Str(choices=units), description=description)


def _day_counted(fields: Fields, values: dict[str, Any], en: str, zh: str) -> dict[str, Any]:
    fields.check("unit", values["unit"] != PeriodUnit.HOURS.value, en, zh)
    return values


@attrs.frozen
class _Article:
    """A provision number: a string (``"42"``, ``"3(2)"``, ``""`` for the whole instrument)
    or, as rule files have always allowed, a whole number (``article = 42``)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        value = fields.raw(key, default)
        if type(value) is int:
            return str(value)
        return Str(empty=True).read(fields, key, default)

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "integer"]}


CITATION = Format(
    "citation",
    "the provision that sets a rule",
    (
        Key("law", Bilingual(), description="the instrument's name"),
        Key("article", _Article(), default="", dump_default=False, description='the provision, e.g. "42"'),
        Key("year", Int(1949, 2200), default=None, description="the version year"),
        Key("note", Bilingual(), default=None, description="a short gloss of the provision"),
    ),
    build=Citation,
)

PLAIN_TEXT = Format(
    "plain-text",
    "a text in both languages",
    (Key("zh", Str()), Key("en", Str())),
    build=Text,
)

ALTERNATIVE = Format(
    "alternative-reading",
    "the rival reading of a rule's counting unit, computed beside the primary one",
    (_unit(_UNITS), Key("length", Int(0)), Key("reason", Bilingual())),
    build=lambda unit, length, reason: AlternativeReading(period_from(unit, length), reason),
    prepare=lambda fields, values: _day_counted(
        fields,
        values,
        "an alternative reading is counted in days (working_days, days, months or years)",
        "另一种读法须按日、月、年或工作日计算",
    ),
    unbuild=lambda alt: {"unit": alt.period.unit.value, "length": alt.period.n, "reason": alt.reason},
)

LIMB = Format(
    "limb",
    "one period of a composite limit, counted from its own start event",
    (
        Key("event", Str(), description="the key naming the start event, e.g. knew_of_right"),
        _unit(_UNITS),
        Key("length", Int(0)),
        Key("starts_from", Bilingual()),
    ),
    build=lambda event, unit, length, starts_from: Limb(event, period_from(unit, length), starts_from),
    prepare=lambda fields, values: _day_counted(
        fields,
        values,
        "a limb of a composite limit is counted in days, months or years",
        "组合期限的各期间须按日、月、年或工作日计算",
    ),
    unbuild=lambda limb: {
        "event": limb.event,
        "unit": limb.period.unit.value,
        "length": limb.period.n,
        "starts_from": limb.starts_from,
    },
)


def _extension_prepare(fields: Fields, values: dict[str, Any]) -> dict[str, Any]:
    fields.check(
        "unit",
        PeriodUnit.of(values["unit"]) in _DAY_UNITS,
        "an extension is counted in working_days or days",
        "延长期限须以工作日（working_days）或日（days）计",
    )
    return values


EXTENSION = Format(
    "extension",
    "how far a limit may be extended and by whom",
    (
        _unit(_UNITS, "working_days or days"),
        Key("max", Int(0), description="the most it may be extended in total"),
        Key("approver", Bilingual(), description="who must approve"),
        Key("times", Int(1), default=1, description="how many extensions are allowed"),
    ),
    build=lambda unit, max, approver, times: ExtensionAllowance(period_from(unit, max), approver, times),
    prepare=_extension_prepare,
    unbuild=lambda ext: {
        "unit": ext.max.unit.value,
        "max": ext.max.n,
        "approver": ext.approver,
        "times": ext.times,
    },
)

CONSEQUENCE = Format(
    "consequence",
    "what the law says happens when a limit expires without action",
    (
        Key("code", Str(), description="a stable code, e.g. DEEMED_ACCEPTED"),
        Key("text", Bilingual()),
        Key("citation", Table(CITATION)),
    ),
    build=Consequence,
)


def _rule_prepare(rule: Fields, values: dict[str, Any]) -> dict[str, Any]:
    """Period and start from ``unit``/``length``/``starts_from``, or from the limbs of a
    composite rule (which takes none of those three at the top level)."""
    out = {k: v for k, v in values.items() if k not in ("unit", "length", "combine", "limbs")}
    if values["combine"] is not None:
        rule.raw("limbs")  # required with combine
        out["composite"] = rule.build_at("limbs", CompositeLimit, values["combine"], values["limbs"])
        for key in ("unit", "length", "starts_from"):
            rule.check(
                key,
                key not in rule,
                f"a composite rule takes no top-level {key}: each limb has its own",
                f"组合规则不设顶层 {key}：每个期间各自设定",
            )
        out["period"] = out["composite"].limbs[0].period
        out["starts_from"] = out["composite"].limbs[0].starts_from
        return out
    for key in ("unit", "length", "starts_from"):
        rule.raw(key)  # required without combine
    if values["limbs"] is not None:
        rule.check("limbs", False, "limbs need combine = earliest or latest", "limbs 须与 combine 一同设定")
    out["period"] = period_from(values["unit"], values["length"])
    return out


def _rule_values(rule: StatuteRule) -> dict[str, Any]:
    values = {name: getattr(rule, name) for name in attrs.fields_dict(StatuteRule)}
    if rule.composite is None:
        values.update(unit=rule.period.unit.value, length=rule.period.n)
    else:
        values.update(combine=rule.composite.combine, limbs=rule.composite.limbs, starts_from=None)
    return values


RULE = Format(
    "rule",
    "a named statutory time limit with its citation",
    (
        Key("id", Str(), description="a stable dotted id, e.g. licensing.decision"),
        Key("title", Bilingual()),
        Key("citation", Table(CITATION)),
        Key("unit", Str(choices=_UNITS), default=None, description="the counting unit (not with combine)"),
        Key("length", Int(0), default=None, description="how many units (not with combine)"),
        Key(
            "starts_from",
            Bilingual(),
            default=None,
            description="the event it counts from (not with combine)",
        ),
        Key("direction", Choice(Direction), default=Direction.FORWARD, dump_default=False),
        Key("extension", Table(EXTENSION), default=None),
        Key("not_counted", Tables(PLAIN_TEXT), default=(), dump_default=False),
        Key("restart", Tables(PLAIN_TEXT), default=(), dump_default=False),
        Key("consequence", Table(CONSEQUENCE), default=None),
        Key("alternative", Table(ALTERNATIVE), default=None),
        Key(
            "combine", Choice(Combine), default=None, description="earliest or latest, for a composite limit"
        ),
        Key("limbs", Tables(LIMB), default=None, description="the periods of a composite limit"),
    ),
    build=StatuteRule,
    prepare=_rule_prepare,
    unbuild=_rule_values,
)


def _rules_prepare(doc: Fields, values: dict[str, Any]) -> dict[str, Any]:
    return {"rules": doc.build_at("rules", _to_rules, values["rules"])}


def _to_rules(value: Iterable[StatuteRule]) -> tuple[StatuteRule, ...]:
    rules = check_iterable(value, "RuleRegistry.rules")
    for rule in rules:
        if not isinstance(rule, StatuteRule):
            raise InvalidTypeError(
                f"a registry holds StatuteRule values, not {type(rule).__name__}",
                "规则库只能包含 StatuteRule",
            )
    twice = first_repeat(rule.id for rule in rules)
    if twice is not None:
        raise RuleError(f"rule id {twice!r} is defined twice", f"规则 id {twice!r} 重复定义")
    return rules


@attrs.frozen
class RuleRegistry(Filed):
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


#: The rule file format (``govefficiency schema rules``).
RULES = Format(
    "rules",
    "statute deadline rules (a local rule file or the shipped presets)",
    (Key("rules", Tables(RULE)),),
    build=RuleRegistry,
    error=RuleError,
    prepare=_rules_prepare,
)
RuleRegistry._file_format = RULES


_DEFAULT: list[RuleRegistry] = []


def rule_presets() -> RuleRegistry:
    """The shipped statute presets (``presets.toml``), loaded once."""
    if not _DEFAULT:
        text = (
            importlib.resources.files("govefficiency.deadlines")
            .joinpath("presets.toml")
            .read_text(encoding="utf-8")
        )
        _DEFAULT.append(RULES.loads(text, origin="presets.toml"))
    return _DEFAULT[0]


default_rules = renamed(
    rule_presets,
    "default_rules",
    "govefficiency.deadlines.default_rules() is deprecated: use rule_presets()",
)


def get_rule(rule_id: str) -> StatuteRule:
    """The shipped preset ``rule_id`` (see ``govefficiency rules`` for the list)."""
    return rule_presets().get(rule_id)
