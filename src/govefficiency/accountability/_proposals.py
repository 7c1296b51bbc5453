"""Accountability proposals (问责建议): the library proposes, with the cause; a person decides.

Three sources, each read from the seed that makes it a ground for accountability:

* **decision findings** — seed 002 §4 names three decision triggers: 不按规则议事决策
  (情节较重并造成后果), 决策严重失误或久拖不决 (造成重大损失、恶劣影响), and 超越法定权限、
  未经领导班子集体讨论等违反法定程序作出决策. :data:`DECISION_TRIGGERS` maps the decision
  validator's finding codes onto them; what the seed adds as a condition (情节较重并造成
  后果 …) is carried in :attr:`Proposal.conditions` for the person who decides;
* **slow progress in a quarter** — seed 003 §1(4)3: 每季度对推进重点工作、重大项目进展
  缓慢、成效较差的，实行专项问责并予以通报 — from a ledger check at the quarter's end;
* **escalation levels declared accountable** — an action whose level has
  ``accountable = true`` (seed 003 §1(4)3: 行动迟缓、落实不力的，实行重点问责并予以通报).

The sources are read through small protocols (:class:`ProgressCheck`,
:class:`AccountableAction`) so that this module imports neither the ledger nor escalation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from govefficiency._deprecation import warn_old_form
from govefficiency._time import require_date
from govefficiency._validators import (
    check_id,
    check_ids,
    check_iterable,
)
from govefficiency.accountability._grounds import (
    _decided,
    _from_actions,
    _from_findings,
    _from_progress,
    _progress_checks,
)
from govefficiency.accountability._proposal_model import (
    NOT_DECIDED_CODE,
    AccountableAction,
    DecisionRecordLike,
    ProgressCheck,
    ProgressReview,
    Proposal,
    Proposals,
)
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.responsibility import ResponsibilityGraph
from govefficiency.text import Text

__all__ = ["propose_accountability"]


def propose_accountability(
    *,
    on: dt.date,
    decision_findings: Iterable[Finding] = (),
    decision_id: str | None = None,
    decision_makers: Iterable[str] = (),
    decision_record: DecisionRecordLike | None = None,
    decided_on: dt.date | None = None,
    progress_checks: ProgressReview | Iterable[ProgressCheck] = (),
    quarter: tuple[int, int] | None = None,
    actions: Iterable[AccountableAction] = (),
    graph: ResponsibilityGraph | None = None,
) -> Proposals:
    """Turn facts into accountability proposals, in a deterministic order (by id).

    Args:
        on: the day of the proposals.
        decision_findings: the decision validator's findings on one decision; with
            ``decision_id`` and the ``decision_makers`` (person ids) they concern. Only
            error findings whose code :data:`DECISION_TRIGGERS` maps count, and only for a
            decision made: seed 002 §4 holds to account for *making* a decision against the
            procedure, and a step not done yet in a procedure still running is no breach.
        decision_record: the decision's record (e.g. the ``DecisionRecord`` the findings
            came from): the decision is made once it has a collective discussion,
            publication, archiving or post-evaluation (:data:`DECIDING_STEPS`) dated on or
            before ``on``. For a decision not made yet no proposal is made; each finding
            that would have counted is reported in :attr:`Proposals.findings`
            (``DECISION_NOT_MADE``).
        decided_on: the day the decision was made, when the record cannot show it (e.g.
            a decision made without a collective discussion and not yet published); it
            takes precedence over ``decision_record``. With neither, a
            ``RECORD_NOT_DECIDED`` notice among the findings (the validator's, for a record
            not decided) means not made; otherwise the decision findings still give proposals (for one release, with a ``DeprecationWarning``),
            on the condition, stated in :attr:`Proposal.conditions`, that the decision
            was made.
        progress_checks: a ledger check made at the end of ``quarter`` (e.g.
            ``june_check(ledger, at=quarter_end(2026, 3))``); items behind or without a
            report give 专项问责 proposals for their lead unit. The check's review day
            must be the end of ``quarter``. The bare items of a check (``….items``, the
            old form) carry no review day: they still work for one release, with a
            ``DeprecationWarning``, and are refused when a report they use is dated
            after the quarter's end.
        quarter: ``(year, quarter)`` of ``progress_checks``; with a check report it may be
            left out when the check was made at a quarter's end.
        actions: escalation actions; those of accountable levels give 重点问责 proposals
            for the units concerned.
        graph: an org chart: the units a ledger names as people write them (市教育局)
            are resolved to unit ids through its names and aliases.

    Returns:
        :class:`Proposals`: a tuple of :class:`Proposal` by id, with the ``findings``
        that explain facts which gave no proposal.

    Raises:
        AccountabilityError: findings without a decision id or makers, checks without a
            quarter or made on another day than the quarter's end, a decision made after
            ``on``, a bad date.
        InvalidTypeError: a value of the wrong kind.
    """
    day = require_date(on, "on")
    findings, makers = _decision_inputs(decision_findings, decision_id, decision_makers)
    decided, why = _decision_made(decision_record, decided_on, day, findings)
    checks, checked_quarter = _progress_checks(progress_checks, quarter, day)
    if graph is not None and not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
    proposals: list[Proposal] = []
    notices: list[Finding] = []
    if findings:
        assert decision_id is not None  # checked above
        proposals += _from_findings(findings, decision_id, makers, day, decided, why, notices)
    if checks:
        assert checked_quarter is not None
        proposals += _from_progress(checks, checked_quarter, day, graph)
    proposals += _from_actions(actions, day)
    unique = {p.id: p for p in proposals}
    return Proposals((unique[k] for k in sorted(unique)), sort_findings(notices))


def _decision_inputs(
    decision_findings: object, decision_id: object, decision_makers: object
) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """The decision findings and the makers, checked: findings need an id and makers."""
    if decision_id is not None:
        check_id(decision_id, "decision_id")
    findings = check_iterable(decision_findings, "decision_findings")
    if isinstance(decision_makers, str):
        raise InvalidTypeError(
            "decision_makers is a list of person ids, not a str", "decision_makers 必须是人员 id 的列表"
        )
    makers = check_ids(check_iterable(decision_makers, "decision_makers"), "decision_makers")
    if findings and (decision_id is None or not makers):
        raise AccountabilityError(
            "decision findings need decision_id= and decision_makers= (who decided)",
            "决策问题需要给出 decision_id= 与 decision_makers=（决策者）",
        )
    return tuple(findings), tuple(makers)


def _decision_made(
    record: object, decided_on: object, day: dt.date, findings: tuple[Finding, ...]
) -> tuple[bool | None, Text | None]:
    """Whether the decision was made by ``day`` (``None``: nobody said), and why not: from
    ``decided_on``, the record, or the validator's ``RECORD_NOT_DECIDED`` notice."""
    decided, why = _decided(record, decided_on, day)
    if decided is None and any(getattr(f, "code", None) == NOT_DECIDED_CODE for f in findings):
        return False, Text(
            f"决策检查报告 {NOT_DECIDED_CODE}：记录中尚无决定", f"the validator reports {NOT_DECIDED_CODE}"
        )
    if decided is None and findings:
        warn_old_form(
            "propose_accountability(decision_findings=...) without decision_record= or decided_on=",
            "say whether the decision was made: pass decision_record=<the record> or decided_on=<the day>",
            stacklevel=4,  # the caller of propose_accountability
        )
    return decided, why
