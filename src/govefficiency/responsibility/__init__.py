"""Lead/assist responsibility (牵头/配合): who owns a task, who must help, who is reminded,
who arbitrates.

Build a :class:`ResponsibilityGraph` from :class:`Unit`, :class:`Leader`,
:class:`Officer`, :class:`Task` and :class:`Duty` records (or :func:`load_org` a TOML/JSON
file), :func:`check` it for defects (findings with the codes in :data:`CODES`), and ask
it questions: :func:`route_reminder` (提醒函), :func:`dispute_coordinator`,
:func:`escalation_chain`, :func:`delay_impact`, :func:`workload`.
"""

from govefficiency.responsibility._checks import CHECKS, Check, check
from govefficiency.responsibility._codes import CODES
from govefficiency.responsibility._graph import ResponsibilityGraph
from govefficiency.responsibility._io import (
    dump_org,
    dumps_org,
    load_org,
    loads_org,
    save_org,
    to_dot,
    to_graphml,
    to_mermaid,
)
from govefficiency.responsibility._model import (
    Duty,
    Leader,
    LeaderRole,
    NodeKind,
    Officer,
    SupervisionOffice,
    Task,
    Unit,
    UnitKind,
)
from govefficiency.responsibility._queries import (
    Coordination,
    DelayImpact,
    ReminderRouting,
    Workload,
    delay_impact,
    dispute_coordinator,
    escalation_chain,
    route_reminder,
    workload,
    workloads,
)

__all__ = [
    "CHECKS",
    "CODES",
    "Check",
    "Coordination",
    "DelayImpact",
    "Duty",
    "Leader",
    "LeaderRole",
    "NodeKind",
    "Officer",
    "ReminderRouting",
    "ResponsibilityGraph",
    "SupervisionOffice",
    "Task",
    "Unit",
    "UnitKind",
    "Workload",
    "check",
    "delay_impact",
    "dispute_coordinator",
    "dump_org",
    "dumps_org",
    "escalation_chain",
    "load_org",
    "loads_org",
    "route_reminder",
    "save_org",
    "to_dot",
    "to_graphml",
    "to_mermaid",
    "workload",
    "workloads",
]
