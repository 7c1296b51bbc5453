"""Approval flows (审批流程): order and time limits, mutual prerequisites, parallel and
joint approval, project tracking.

A :class:`Flow` is data (TOML/JSON or the API): steps with their item, responsible unit,
time limit and prerequisites; parallel groups (并联审批) sharing one limit; joint review
(联审联批) for projects above an investment threshold; a committed total limit.
:func:`check_flow` reports its defects as findings (seed 003: "明确各部门办理时序、办结时限
……杜绝互为前置条件的审批"); :func:`track` follows a :class:`Project` through it at an
instant; :func:`step_cases` hands its steps to escalation through the ``Case`` protocol.
"""

from govefficiency.approvals._checks import CHECKS, ItemCatalogue, check_flow
from govefficiency.approvals._codes import CODES
from govefficiency.approvals._errors import ApprovalError, FlowError, ProjectError
from govefficiency.approvals._io import (
    dump_catalogue,
    dump_flow,
    dump_project,
    dumps_catalogue,
    dumps_flow,
    dumps_project,
    flow_gantt,
    load_catalogue,
    load_flow,
    load_project,
    loads_catalogue,
    loads_flow,
    loads_project,
    project_gantt,
)
from govefficiency.approvals._model import (
    DEFAULT_JOINT_THRESHOLD,
    Flow,
    JointReview,
    Limit,
    ParallelGroup,
    Step,
    resolve_limit,
)
from govefficiency.approvals._project import EventKind, Project, ProjectEvent, StepState
from govefficiency.approvals._status import ProjectStatus, StepStatus
from govefficiency.approvals._step_cases import StepCase, StepParties, StepView, step_cases
from govefficiency.approvals._track import track, track_many

__all__ = [
    "CHECKS",
    "CODES",
    "DEFAULT_JOINT_THRESHOLD",
    "ApprovalError",
    "EventKind",
    "Flow",
    "FlowError",
    "ItemCatalogue",
    "JointReview",
    "Limit",
    "ParallelGroup",
    "Project",
    "ProjectError",
    "ProjectEvent",
    "ProjectStatus",
    "Step",
    "StepCase",
    "StepParties",
    "StepState",
    "StepStatus",
    "StepView",
    "check_flow",
    "dump_catalogue",
    "dump_flow",
    "dump_project",
    "dumps_catalogue",
    "dumps_flow",
    "dumps_project",
    "flow_gantt",
    "load_catalogue",
    "load_flow",
    "load_project",
    "loads_catalogue",
    "loads_flow",
    "loads_project",
    "project_gantt",
    "resolve_limit",
    "step_cases",
    "track",
    "track_many",
]
