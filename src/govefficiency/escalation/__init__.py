"""Escalation (督办): what happens when a deadline slips.

Policies are data (yellow and red lights, reminder letters, supervision notices,
circulation, accountability); :func:`evaluate` returns the actions due now, once each,
with sender, addressees (送), report (报) and copy (抄送) resolved through the
responsibility graph.

The accountability ladder moved to :mod:`govefficiency.accountability`; its names are
still importable from here for one release, with a :class:`DeprecationWarning`.
"""

import warnings
from typing import Any

from govefficiency.escalation._actions import (
    Acknowledgement,
    Action,
    ActionKey,
    CaseNotice,
    Evaluation,
    NoticeCode,
    Reason,
    Recipient,
)
from govefficiency.escalation._cases import (
    Case,
    CaseParties,
    CaseState,
    CaseView,
    ClockCase,
    DatedCase,
)
from govefficiency.escalation._engine import evaluate
from govefficiency.escalation._files import dump_cases, dumps_cases, load_cases, loads_cases
from govefficiency.escalation._history import (
    dump_history,
    dumps_history,
    load_acknowledgements,
    load_history,
    loads_history,
    locked_history,
    save_history,
)
from govefficiency.escalation._policy import (
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
from govefficiency.escalation._policy_io import (
    dump_policy,
    dumps_policy,
    get_policy,
    load_policy,
    loads_policy,
    policy_presets,
    preset_policies,
)
from govefficiency.escalation._sources import ledger_cases, plan_cases

__all__ = [
    "AckEffect",
    "AckKind",
    "AckRule",
    "Acknowledgement",
    "Action",
    "ActionKey",
    "ActionKind",
    "Case",
    "CaseNotice",
    "CaseParties",
    "CaseState",
    "CaseView",
    "ClockCase",
    "DatedCase",
    "Evaluation",
    "Level",
    "NoticeCode",
    "Policy",
    "Reason",
    "Recipient",
    "Role",
    "StopCondition",
    "Trigger",
    "TriggerKind",
    "dump_cases",
    "dump_history",
    "dump_policy",
    "dumps_cases",
    "dumps_history",
    "dumps_policy",
    "evaluate",
    "get_policy",
    "ledger_cases",
    "load_acknowledgements",
    "load_cases",
    "load_history",
    "load_policy",
    "loads_cases",
    "loads_history",
    "loads_policy",
    "locked_history",
    "plan_cases",
    "policy_presets",
    "preset_policies",
    "save_history",
]


def __getattr__(name: str) -> Any:
    """The ladder's names, moved to :mod:`govefficiency.accountability` (deprecated here)."""
    from govefficiency.accountability import _ladder

    if not name.startswith("_") and name in _ladder.__all__:
        warnings.warn(
            f"govefficiency.escalation.{name} moved to govefficiency.accountability.{name}; "
            "the old name will be removed in a later release",
            DeprecationWarning,
            stacklevel=2,
        )
        import govefficiency.accountability as accountability

        return getattr(accountability, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
