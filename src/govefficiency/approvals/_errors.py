"""The errors of approval flows (kept beside the module until they move to ``errors.py``)."""

from __future__ import annotations

from govefficiency.errors import GovEfficiencyError, LoadError

__all__ = ["ApprovalError", "FlowError", "ProjectError"]


class ApprovalError(GovEfficiencyError):
    """Base class of approval-flow errors."""


class FlowError(LoadError, ApprovalError):
    """An approval flow that is malformed in itself: a prerequisite naming no step, a step
    defined twice, a parallel group whose members require each other, an unknown preset.
    (A mutual prerequisite is *not* an error: ``check_flow`` reports it as a finding.)"""


class ProjectError(LoadError, ApprovalError):
    """A project record that does not fit its flow: an event for an unknown step, events
    out of time order, a step completed before it started or started before its
    prerequisites were completed."""
