"""Escalation policies as data: ordered levels of trigger, action, recipients and repeats.

A policy is loaded from TOML/JSON (format in ``docs/escalation.md``; the declaration, the
loader, the dumper and the presets are in :mod:`._policy_io`), validated on load, and can
extend another policy: a locality keeps the national levels and adds or replaces some by
id. The presets from the seed documents are shipped in ``presets.toml``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._records import checked, lookup, unique
from govefficiency._validators import check_iterable, instance_of, optional, valid_bool
from govefficiency.citation import Citation
from govefficiency.errors import InvalidTypeError, PolicyError
from govefficiency.text import LabelledEnum, Lang, Text, en_count, require_lang

__all__ = [
    "AckEffect",
    "AckKind",
    "AckRule",
    "ActionKind",
    "Level",
    "Policy",
    "Role",
    "StopCondition",
    "Trigger",
    "TriggerKind",
]


class TriggerKind(enum.Enum):
    """When a level fires, relative to a case's deadline.

    ``BEFORE_DUE``: N working days before the due date (yellow light, 黄灯);
    ``AT_DUE``: on the due date; ``OVERDUE``: N working days after it (red light, 红灯);
    ``SHARE_ELAPSED``: once a share of the period has been used (时间过半).
    """

    BEFORE_DUE = "before_due"
    AT_DUE = "at_due"
    OVERDUE = "overdue"
    SHARE_ELAPSED = "share_elapsed"


class ActionKind(LabelledEnum):
    """What a level does."""

    REMINDER = ("reminder", "提醒", "Reminder")
    REMINDER_LETTER = ("reminder_letter", "提醒函", "Reminder letter")
    SUPERVISION_NOTICE = ("supervision_notice", "督查通知", "Supervision notice")
    PUBLIC_CIRCULATION = ("public_circulation", "通报", "Public circulation")
    ACCOUNTABILITY = ("accountability", "问责", "Accountability")


class Role(LabelledEnum):
    """Who receives an action, resolved per case through the responsibility graph."""

    LEAD_UNIT = ("lead_unit", "牵头单位", "lead unit")
    ASSISTING_UNIT = ("assisting_unit", "配合单位", "assisting unit")
    OFFICER = ("officer", "具体责任人", "named officer")
    SUPERVISING_LEADER = ("supervising_leader", "分管领导", "supervising leader")
    MAYOR = ("mayor", "市长", "mayor")
    SUPERVISION_OFFICE = ("supervision_office", "督查室", "supervision office")
    GOVERNMENT_OFFICE = ("government_office", "市政府办公室", "government general office")


#: The roles a policy may name as the fallback recipient of an action whose addressees
#: cannot be resolved (no action goes to nobody).
FALLBACK_ROLES = (Role.SUPERVISION_OFFICE, Role.LEAD_UNIT)


class AckKind(enum.Enum):
    """An acknowledgement of an action: signed for (签收) or feedback received (反馈)."""

    SIGNED = "signed"
    FEEDBACK = "feedback"

    @property
    def label(self) -> Text:
        return Text("签收", "signed for") if self is AckKind.SIGNED else Text("反馈", "feedback received")


class AckEffect(enum.Enum):
    """What an acknowledgement does to a repeating level.

    ``STOP``: no further repetitions for this due date; ``RESTART``: repetitions are counted
    afresh from the day of the acknowledgement (the next one ``repeat_every`` working days
    after it).
    """

    STOP = "stop"
    RESTART = "restart"


class StopCondition(enum.Enum):
    """Case states in which a level no longer fires."""

    COMPLETED = "completed"
    SUSPENDED = "suspended"


def _check_trigger(trigger: Trigger) -> None:
    if type(trigger.working_days) is not int or trigger.working_days < 0:
        raise PolicyError(
            f"trigger working_days must be a non-negative int, not {trigger.working_days!r}",
            f"触发条件 working_days 必须是非负整数，而不是 {trigger.working_days!r}",
        )
    if trigger.kind is TriggerKind.SHARE_ELAPSED:
        if (
            not isinstance(trigger.share, int | float)
            or isinstance(trigger.share, bool)
            or not 0 < trigger.share <= 1
        ):
            raise PolicyError(
                f"a share_elapsed trigger needs 0 < share <= 1, not {trigger.share!r}",
                f"share_elapsed 触发条件需要 0 < share <= 1，而不是 {trigger.share!r}",
            )
    elif trigger.share is not None:
        raise PolicyError(
            f"only share_elapsed triggers take a share ({trigger.kind.value} given)",
            "只有 share_elapsed 触发条件可以设置 share",
        )
    if trigger.kind is TriggerKind.OVERDUE and trigger.working_days == 0:
        raise PolicyError(
            "an overdue trigger needs working_days >= 1 (use at_due for the due date itself)",
            "overdue 触发条件需要 working_days >= 1（到期当日请用 at_due）",
        )
    if trigger.kind is TriggerKind.AT_DUE and trigger.working_days != 0:
        raise PolicyError("an at_due trigger takes no working_days", "at_due 触发条件不设 working_days")


@attrs.frozen
class Trigger:
    """When a level fires.

    Attributes:
        kind: before due, at due, overdue, or share elapsed.
        working_days: N for ``BEFORE_DUE`` (N ≥ 0) and ``OVERDUE`` (N ≥ 1); 0 otherwise.
        share: the share of the period (0 < share ≤ 1) for ``SHARE_ELAPSED``; ``None``
            otherwise.
    """

    kind: TriggerKind = attrs.field(validator=instance_of(TriggerKind))
    working_days: int = 0
    share: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_trigger(self)

    def describe(self, lang: Lang = "zh") -> str:
        lang = require_lang(lang)
        n = self.working_days
        if self.kind is TriggerKind.BEFORE_DUE:
            return f"到期前{n}个工作日" if lang == "zh" else f"{en_count(n, 'working day')} before due"
        if self.kind is TriggerKind.AT_DUE:
            return "到期当日" if lang == "zh" else "on the due date"
        if self.kind is TriggerKind.OVERDUE:
            return f"逾期{n}个工作日" if lang == "zh" else f"{en_count(n, 'working day')} overdue"
        share = f"{(self.share or 0) * 100:g}%"
        return f"期限已过{share}" if lang == "zh" else f"{share} of the period elapsed"


def _to_roles(value: Iterable[Role]) -> tuple[Role, ...]:
    roles = check_iterable(value, "recipients")
    for role in roles:
        if not isinstance(role, Role):
            raise InvalidTypeError(
                f"recipients are Role values, not {role!r}", f"接收方必须是 Role，而不是 {role!r}"
            )
    return roles


def _to_stops(value: Iterable[StopCondition]) -> frozenset[StopCondition]:
    stops = frozenset(check_iterable(value, "Level.stop_on", hashable=True))
    for stop in stops:
        if not isinstance(stop, StopCondition):
            raise InvalidTypeError(
                f"stop conditions are StopCondition values, not {stop!r}", "停止条件必须是 StopCondition"
            )
    return stops


_ALL_STOPS = frozenset(StopCondition)


@attrs.frozen
class AckRule:
    """How a level treats acknowledgements of its actions (签收 / 反馈).

    Attributes:
        requires: the acknowledgement that counts: signed for (签收) or feedback (反馈).
        effect: stop the level's repetitions, or restart them from the acknowledgement day;
            ``None`` when acknowledgement only records receipt (a one-off letter).
        feedback_within: feedback is due this many working days after the action fired
            (shown on the action; a missing feedback after it is reported); ``None`` when
            no feedback is asked for.
    """

    requires: AckKind = attrs.field(default=AckKind.FEEDBACK, validator=instance_of(AckKind))
    effect: AckEffect | None = attrs.field(default=None)
    feedback_within: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.effect is not None and not isinstance(self.effect, AckEffect):
            raise InvalidTypeError(
                f"effect must be an AckEffect or None, not {self.effect!r}", "effect 必须是 AckEffect 或 None"
            )
        if self.feedback_within is not None and (
            type(self.feedback_within) is not int or self.feedback_within < 1
        ):
            raise PolicyError(
                f"feedback_within must be a positive int of working days, not {self.feedback_within!r}",
                f"feedback_within 必须是正整数（工作日），而不是 {self.feedback_within!r}",
            )


@attrs.frozen
class Level:
    """One level of a policy.

    Attributes:
        id: the level's id, unique in its policy (e.g. ``"yellow"``).
        title: its name in zh and en (e.g. 黄灯 / yellow light).
        trigger: when it fires.
        action: what it does.
        recipients: the roles it is addressed to.
        copy_to: the roles copied (抄送); ``()`` when none.
        repeat_every: fire again every N working days while the condition holds;
            ``None`` to fire once per deadline.
        stop_on: the case states in which it no longer fires (default: completed and
            suspended; a completed case always stops).
        sender: the role that sends it (e.g. the lead unit writes a reminder letter);
            ``None`` when the supervision system itself sends it.
        report_to: the roles it is reported to (报), kept apart from ``copy_to``
            (抄送); ``()`` when none.
        ack: how acknowledgements (签收 / 反馈) stop or restart it; ``None`` when the
            level asks for none.
        accountable: whether a firing of this level is a fact that calls for an
            accountability proposal (see :mod:`govefficiency.accountability`).
    """

    id: str
    title: Text = attrs.field(validator=instance_of(Text))
    trigger: Trigger = attrs.field(validator=instance_of(Trigger))
    action: ActionKind = attrs.field(validator=instance_of(ActionKind))
    recipients: tuple[Role, ...] = attrs.field(converter=_to_roles)
    copy_to: tuple[Role, ...] = attrs.field(default=(), converter=_to_roles)
    repeat_every: int | None = None
    stop_on: frozenset[StopCondition] = attrs.field(default=_ALL_STOPS, converter=_to_stops)
    sender: Role | None = attrs.field(default=None, validator=optional(instance_of(Role)))
    report_to: tuple[Role, ...] = attrs.field(default=(), converter=_to_roles)
    ack: AckRule | None = attrs.field(default=None, validator=optional(instance_of(AckRule)))
    accountable: bool = attrs.field(default=False, validator=valid_bool())

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise PolicyError("a level needs a non-empty id", "级别必须有非空 id")
        if self.ack is not None and self.ack.effect is not None and self.repeat_every is None:
            raise PolicyError(
                f"level {self.id!r}: an acknowledgement can stop or restart only a repeating level "
                "(set repeat_every, or drop ack.effect)",
                f"级别 {self.id!r}：签收／反馈只能停止或重启重复触发的级别（请设置 repeat_every，或删除 ack.effect）",
            )
        if not self.recipients:
            raise PolicyError(f"level {self.id!r} has no recipients", f"级别 {self.id!r} 没有接收方")
        if self.repeat_every is not None and (type(self.repeat_every) is not int or self.repeat_every < 1):
            raise PolicyError(
                f"level {self.id!r}: repeat_every must be a positive int of working days",
                f"级别 {self.id!r}：repeat_every 必须是正整数（工作日）",
            )


def _to_levels(value: Iterable[Level]) -> tuple[Level, ...]:
    levels = unique(
        checked(
            check_iterable(value, "Policy.levels"),
            Level,
            "a policy's levels are Level values, not {kind}",
            "策略的级别必须是 Level",
        ),
        lambda ident: PolicyError(f"level id {ident!r} appears twice", f"级别 id {ident!r} 重复"),
        key=lambda level: level.id,
    )
    if not levels:
        raise PolicyError("a policy needs at least one level", "策略至少需要一个级别")
    return levels


@attrs.frozen
class Policy:
    """An ordered list of escalation levels.

    Attributes:
        id: the policy's id.
        title: its name in zh and en.
        levels: the levels, in escalation order.
        citation: the document the policy implements, or ``None`` for a local policy.
        fallback: where an action goes when none of its addressees can be resolved: the
            supervision office (default) or the lead unit; the other one is tried next, and
            an action neither can receive is reported, never sent to nobody.
    """

    id: str
    title: Text = attrs.field(validator=instance_of(Text))
    levels: tuple[Level, ...] = attrs.field(converter=_to_levels)
    citation: Citation | None = None
    fallback: Role = attrs.field(default=Role.SUPERVISION_OFFICE)

    def __attrs_post_init__(self) -> None:
        if self.fallback not in FALLBACK_ROLES:
            raise PolicyError(
                f"a policy's fallback is supervision_office or lead_unit, not {self.fallback!r}",
                f"策略的兜底接收方只能是 supervision_office 或 lead_unit，而不是 {self.fallback!r}",
            )

    def level(self, level_id: str) -> Level:
        en, zh = f"policy {self.id!r} has no level {level_id!r}", f"策略 {self.id!r} 没有级别 {level_id!r}"
        return lookup(self.levels, lambda level: level.id == level_id, PolicyError, en, zh)

    def extended(
        self,
        *,
        id: str,
        title: Text,
        levels: Iterable[Level] = (),
        remove: Iterable[str] = (),
        citation: Citation | None = None,
        fallback: Role | None = None,
    ) -> Policy:
        """A new policy built on this one: levels with a known id replace it in place,
        new ones are appended, and ``remove`` drops levels by id."""
        dropped = set(remove)
        for level_id in dropped:
            self.level(level_id)  # unknown ids are an error, not silently ignored
        new = {lv.id: lv for lv in levels}
        merged = [new.pop(lv.id, lv) for lv in self.levels if lv.id not in dropped]
        merged.extend(new.values())
        return Policy(
            id=id,
            title=title,
            levels=merged,
            citation=citation or self.citation,
            fallback=fallback or self.fallback,
        )

    @classmethod
    def load(
        cls, source: str | Path | Mapping[str, Any], *, base: Mapping[str, Policy] | None = None
    ) -> Policy:
        """Read a policy from TOML/JSON (the same as :func:`load_policy`)."""
        from govefficiency.escalation._policy_io import load_policy

        return load_policy(source, base=base)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, base: Mapping[str, Policy] | None = None) -> Policy:
        """The policy of a mapping in the policy file format (the reverse of :meth:`to_dict`)."""
        if not isinstance(data, Mapping):
            raise PolicyError(
                f"a policy is a mapping, not {type(data).__name__}",
                f"策略必须是映射，而不是 {type(data).__name__}",
            )
        from govefficiency.escalation._policy_io import load_policy

        return load_policy(data, base=base)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready policy file of this policy (read back by :meth:`from_dict`); an
        extended policy is written whole, without ``extends``."""
        from govefficiency.escalation._policy_io import POLICY

        dumped: dict[str, Any] = POLICY.dump(self)
        return dumped
