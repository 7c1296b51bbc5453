"""The escalation policy file format, declared once (:data:`POLICY`): the loader, the
dumper and the JSON Schema come from the declaration; and the shipped presets.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._deprecation import keyword_fmt, renamed
from govefficiency._format import (
    Bilingual,
    Bool,
    Choice,
    Format,
    Int,
    Key,
    ListOf,
    Num,
    Str,
    Table,
    Tables,
)
from govefficiency._loading import Fields, parse_document, read_document
from govefficiency._write import dumps_document, write_document
from govefficiency.deadlines._rules import CITATION
from govefficiency.errors import InvalidTypeError, PolicyError
from govefficiency.escalation._policy import (
    FALLBACK_ROLES,
    AckEffect,
    AckKind,
    AckRule,
    ActionKind,
    Level,
    Policy,
    Role,
    StopCondition,
    Trigger,
    TriggerKind,
)

__all__ = [
    "POLICY",
    "dump_policy",
    "dumps_policy",
    "get_policy",
    "load_policy",
    "loads_policy",
    "policy_presets",
    "preset_policies",
]


# -- the policy file format, declared once ------------------------------------------------------


@attrs.frozen
class _Fallback:
    """The fallback role: ``supervision_office`` or ``lead_unit`` (see :data:`FALLBACK_ROLES`)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        role = fields.member(key, Role, default)
        if role is not default and role not in FALLBACK_ROLES:
            raise fields.fail(
                key,
                f"must be supervision_office or lead_unit, not {role.value!r}",
                f"只能是 supervision_office 或 lead_unit，而不是 {role.value!r}",
            )
        return role

    def dump(self, value: Any) -> Any:
        assert isinstance(value, Role)
        return value.value

    def schema(self) -> dict[str, Any]:
        return {"enum": [role.value for role in FALLBACK_ROLES]}


_ROLES = ListOf(Choice(Role))

TRIGGER = Format(
    "trigger",
    "When a level fires, relative to a case's due date (counted in working days).",
    (
        Key("kind", Choice(TriggerKind), description="before_due, at_due, overdue or share_elapsed"),
        Key(
            "working_days",
            Int(0),
            default=0,
            dump_default=False,
            description="N for before_due (N >= 0) and overdue (N >= 1)",
        ),
        Key("share", Num(0, 1), default=None, description="for share_elapsed: 0 < share <= 1"),
    ),
    build=Trigger,
    error=PolicyError,
)

ACK = Format(
    "ack",
    "How a level treats acknowledgements of its actions (签收 / 反馈).",
    (
        Key(
            "requires",
            Choice(AckKind),
            default=AckKind.FEEDBACK,
            description="signed (签收) or feedback (反馈)",
        ),
        Key("effect", Choice(AckEffect), default=None, description="stop or restart the repetitions"),
        Key("feedback_within", Int(1), default=None, description="feedback due within N working days"),
    ),
    build=AckRule,
    error=PolicyError,
)


def _level_values(level: Level) -> dict[str, Any]:
    values = {field.name: getattr(level, field.name) for field in attrs.fields(Level)}
    values["stop_on"] = tuple(stop for stop in StopCondition if stop in level.stop_on)
    return values


LEVEL = Format(
    "level",
    "One level of an escalation policy: trigger, action, sender and recipients.",
    (
        Key("id", Str(), description="unique in the policy (e.g. yellow)"),
        Key("title", Bilingual()),
        Key("trigger", Table(TRIGGER)),
        Key("action", Choice(ActionKind)),
        Key("recipients", _ROLES, description="the roles it is addressed to (送)"),
        Key("copy_to", _ROLES, default=(), dump_default=False, description="the roles copied (抄送)"),
        Key(
            "stop_on",
            ListOf(Choice(StopCondition)),
            default=tuple(StopCondition),
            dump_default=False,
            description="case states in which it no longer fires (default: all)",
        ),
        Key("repeat_every", Int(1), default=None, description="fire again every N working days"),
        Key("sender", Choice(Role), default=None, description="the role that sends it (发文)"),
        Key("report_to", _ROLES, default=(), dump_default=False, description="the roles reported to (报)"),
        Key("ack", Table(ACK), default=None),
        Key(
            "accountable", Bool(), default=False, dump_default=False, description="a fact for accountability"
        ),
    ),
    build=Level,
    error=PolicyError,
    unbuild=_level_values,
)

#: The escalation policy file format (``govefficiency schema escalation-policy``).
POLICY = Format(
    "escalation-policy",
    "An escalation policy: ordered levels of trigger, action and recipients (督办).",
    (
        Key("id", Str(), description="the policy's id"),
        Key("title", Bilingual()),
        Key("citation", Table(CITATION), default=None, description="the document it implements"),
        Key(
            "fallback",
            _Fallback(),
            default=None,
            description="who receives an action no addressee can (default supervision_office)",
        ),
        Key("extends", Str(), default=None, description="the id of a preset (or base policy) to build on"),
        Key(
            "remove",
            ListOf(Str()),
            default=(),
            dump_default=False,
            description="level ids of the base to drop",
        ),
        Key("levels", Tables(LEVEL), default=(), description="the levels, in escalation order"),
    ),
    error=PolicyError,
    unbuild=lambda policy: {
        "id": policy.id,
        "title": policy.title,
        "citation": policy.citation,
        "fallback": policy.fallback,
        "levels": policy.levels,
    },
)


def _check_base(base: object) -> Mapping[str, Policy] | None:
    """``base`` is None or a mapping of policy ids to :class:`Policy` values."""
    if base is None:
        return None
    if not isinstance(base, Mapping) or not all(
        isinstance(k, str) and isinstance(v, Policy) for k, v in base.items()
    ):
        raise InvalidTypeError(
            f"base must be a mapping of policy ids to Policy values (e.g. policy_presets()), not "
            f"{type(base).__name__}",
            f"base 必须是策略 id 到 Policy 的映射（如 policy_presets()），而不是 {type(base).__name__}",
        )
    return base


def _policy_from_fields(doc: Fields, base: Mapping[str, Policy] | None) -> Policy:
    values = POLICY.read(doc)
    extends, remove, fallback = values["extends"], values["remove"], values["fallback"]
    if extends is None:
        if remove:
            raise doc.fail(
                "remove",
                "only a policy that extends another can remove levels",
                "只有扩展其他策略的策略才能删除级别",
            )
        return doc.build(
            Policy,
            values["id"],
            values["title"],
            values["levels"],
            values["citation"],
            fallback or Role.SUPERVISION_OFFICE,
        )
    known = dict(policy_presets()) if base is None else dict(base)
    if extends not in known:
        raise doc.fail(
            "extends",
            f"unknown policy {extends!r}; known: {', '.join(sorted(known))}",
            f"未知策略 {extends!r}；已知：{', '.join(sorted(known))}",
        )
    return doc.build(
        known[extends].extended,
        id=values["id"],
        title=values["title"],
        levels=values["levels"],
        remove=remove,
        citation=values["citation"],
        fallback=fallback,
    )


def load_policy(
    source: str | Path | Mapping[str, Any], *, base: Mapping[str, Policy] | None = None
) -> Policy:
    """Read a policy from a TOML/JSON file (or a parsed mapping). A policy with
    ``extends = "ID"`` builds on the preset (or the entry of ``base``) with that id.

    Raises:
        PolicyError: a malformed policy, located (``levels[1].recipients[0]``) in zh and en.
    """
    base = _check_base(base)
    return _policy_from_fields(read_document(source, error=PolicyError), base)


def loads_policy(
    text: str, *, fmt: str = "toml", base: Mapping[str, Policy] | None = None, origin: str = "<string>"
) -> Policy:
    """Read a policy from TOML or JSON text (see :func:`load_policy`)."""
    if not isinstance(text, str):
        raise PolicyError(
            f"a policy text is a str, not {type(text).__name__}",
            f"策略文本必须是字符串，而不是 {type(text).__name__}",
        )
    base = _check_base(base)
    return _policy_from_fields(parse_document(text, fmt=fmt, origin=origin, error=PolicyError), base)


def _require_policy(policy: object) -> Policy:
    if not isinstance(policy, Policy):
        raise InvalidTypeError(
            f"expected a Policy, not {type(policy).__name__}", f"需要 Policy，而不是 {type(policy).__name__}"
        )
    return policy


@keyword_fmt
def dumps_policy(policy: Policy, *, fmt: str = "toml") -> str:
    """The policy as TOML or JSON text, read back by :func:`loads_policy` to an equal
    policy (an extended policy is written whole, with its base's levels)."""
    return dumps_document(_require_policy(policy).to_dict(), fmt, error=PolicyError)


def dump_policy(policy: Policy, path: str | Path) -> None:
    """Write the policy to ``path``; the suffix (``.toml`` or ``.json``) picks the format."""
    write_document(_require_policy(policy).to_dict(), path, error=PolicyError)


_PRESETS: list[dict[str, Policy]] = []


def policy_presets() -> Mapping[str, Policy]:
    """The shipped policies by id (``presets.toml``); :func:`get_policy` gives one."""
    if not _PRESETS:
        text = (
            importlib.resources.files("govefficiency.escalation")
            .joinpath("presets.toml")
            .read_text(encoding="utf-8")
        )
        doc = parse_document(text, fmt="toml", origin="escalation/presets.toml", error=PolicyError)
        policies: dict[str, Policy] = {}
        for table in doc.tables("policies"):
            policy = _policy_from_fields(table, policies)
            policies[policy.id] = policy
        doc.finish()
        _PRESETS.append(policies)
    return dict(_PRESETS[0])


preset_policies = renamed(
    policy_presets,
    "preset_policies",
    "govefficiency.escalation.preset_policies() is deprecated: use policy_presets()",
)


def get_policy(policy_id: str) -> Policy:
    """The shipped policy ``policy_id``."""
    presets = policy_presets()
    if not isinstance(policy_id, str):
        raise InvalidTypeError("a policy id is a str", "策略 id 必须是字符串")
    if policy_id not in presets:
        raise PolicyError(
            f"unknown policy {policy_id!r}; shipped: {', '.join(presets)}",
            f"未知策略 {policy_id!r}；内置：{', '.join(presets)}",
        )
    return presets[policy_id]
