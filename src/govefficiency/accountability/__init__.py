"""Accountability (问责): the ladder, proposals and filing — a separate mechanism from
reminding (escalation), as the seeds keep them apart.

* :class:`AccountabilityLadder` — seed 003's thresholds (two accountability events in a
  year: admonishment talk; three: administrative sanction and organisational handling)
  over seed 002's forms;
* :func:`propose_accountability` — :class:`Proposal` values from decision findings (seed
  002 §4), slow quarterly progress (seed 003 专项问责) and escalation levels declared
  accountable; a person decides, and :meth:`Proposal.to_event` feeds the ladder;
* :class:`Filing`, :func:`check_filings`, :func:`filing_counts` — filing (备案) with the
  supervision department, with a clock and statistics (seed 001).
"""

from govefficiency.accountability._codes import CODES
from govefficiency.accountability._filing import (
    DEFAULT_FILING_DAYS,
    Filing,
    check_filings,
    filing_counts,
    filing_due,
)
from govefficiency.accountability._ladder import (
    AccountabilityEvent,
    AccountabilityForm,
    AccountabilityLadder,
    DueSanction,
    LadderResult,
    SanctionKind,
    SubjectKind,
    Threshold,
    Window,
)
from govefficiency.accountability._proposal_model import (
    DECIDING_STEPS,
    DECISION_TRIGGERS,
    AccountableAction,
    DecisionRecordLike,
    DecisionTrigger,
    Liability,
    ProgressCheck,
    ProgressReview,
    Proposal,
    Proposals,
    ProposalSource,
    quarter_end,
)
from govefficiency.accountability._proposals import propose_accountability

__all__ = [
    "CODES",
    "DECIDING_STEPS",
    "DECISION_TRIGGERS",
    "DEFAULT_FILING_DAYS",
    "AccountabilityEvent",
    "AccountabilityForm",
    "AccountabilityLadder",
    "AccountableAction",
    "DecisionRecordLike",
    "DecisionTrigger",
    "DueSanction",
    "Filing",
    "LadderResult",
    "Liability",
    "ProgressCheck",
    "ProgressReview",
    "Proposal",
    "ProposalSource",
    "Proposals",
    "SanctionKind",
    "SubjectKind",
    "Threshold",
    "Window",
    "check_filings",
    "filing_counts",
    "filing_due",
    "propose_accountability",
    "quarter_end",
]
