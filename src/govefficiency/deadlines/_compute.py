"""The deadline computations, gathered (the package imports its public names from here).

Each lives in its own module:

* :mod:`._forward` — :func:`compute_deadline`, a limit counted forward from a start;
* :mod:`._backward` — :func:`latest_date_before`, a limit counted back from an event;
* :mod:`._composite` — :func:`compute_composite`, several periods combined;
* :mod:`._bulk` — :func:`due_dates`, many starts without explanations;
* :mod:`._deadline` — the result, :class:`Deadline`, and its explanation's steps;
* :mod:`._adjustments` — :class:`Suspension` and :class:`Extension`;
* :mod:`._explain` and :mod:`._counting` — the explained and the plain count.
"""

from __future__ import annotations

from govefficiency.deadlines._adjustments import Extension, Suspension, SuspensionMode
from govefficiency.deadlines._backward import latest_date_before
from govefficiency.deadlines._bulk import DueDates, due_dates
from govefficiency.deadlines._composite import CompositeDeadline, compute_composite
from govefficiency.deadlines._deadline import AlternativeDue, Deadline, DeadlineStatus, Step, StepKind
from govefficiency.deadlines._forward import compute_deadline

__all__ = [
    "AlternativeDue",
    "CompositeDeadline",
    "Deadline",
    "DeadlineStatus",
    "DueDates",
    "Extension",
    "Step",
    "StepKind",
    "Suspension",
    "SuspensionMode",
    "compute_composite",
    "compute_deadline",
    "due_dates",
    "latest_date_before",
]
