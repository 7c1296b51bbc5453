"""The API bad-input harness (issue 16, "Done when" 2): every public callable of every
subpackage, each parameter fed every bad value of ``_bad.BAD_VALUES`` in an otherwise
valid call. Whatever is raised must be a ``GovEfficiencyError``; a value that is wrong for
its annotation (a bool for an int, a naive datetime for an instant, …) must be refused.

``python tests/reliability/_harness.py`` prints the counts and every failure.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness
import _samples

from conftest import COUNTS
from govefficiency.errors import GovEfficiencyError

#: Classes the library builds and returns (reports, statuses, rows of a result): they are
#: called with every bad value and must raise only library errors, but they are not
#: inputs, so they are not required to refuse a value of the wrong type.
RESULT_TYPES = frozenset(
    {
        "govefficiency.DayInfo",
        "govefficiency.Deadline",
        "govefficiency.accountability.LadderResult",
        "govefficiency.approvals.ProjectStatus",
        "govefficiency.approvals.StepParties",
        "govefficiency.approvals.StepStatus",
        "govefficiency.assessment.GapLine",
        "govefficiency.assessment.IndicatorScore",
        "govefficiency.assessment.OfficerResult",
        "govefficiency.assessment.Ranking",
        "govefficiency.assessment.Reach",
        "govefficiency.assessment.ReachOption",
        "govefficiency.assessment.UnitResult",
        "govefficiency.assessment.VetoHit",
        "govefficiency.calendar.CalendarArrays",
        "govefficiency.calendar.CalendarImpact",
        "govefficiency.calendar.CalendarVersion",
        "govefficiency.calendar.DayChange",
        "govefficiency.calendar.ImpactEntry",
        "govefficiency.calendar.ImpactError",
        "govefficiency.calendar.Notice",
        "govefficiency.deadlines.AlternativeDue",
        "govefficiency.deadlines.ClockStatus",
        "govefficiency.deadlines.ColumnDueDates",
        "govefficiency.deadlines.CompositeDeadline",
        "govefficiency.deadlines.DueDates",
        "govefficiency.decisions.PlanItem",
        "govefficiency.escalation.Action",
        "govefficiency.escalation.CaseNotice",
        "govefficiency.escalation.Evaluation",
        "govefficiency.escalation.Reason",
        "govefficiency.escalation.Recipient",
        "govefficiency.ledger.ChainProblem",
        "govefficiency.ledger.ChainReport",
        "govefficiency.ledger.CheckReport",
        "govefficiency.ledger.ItemCheck",
        "govefficiency.ledger.ItemSettlement",
        "govefficiency.ledger.ItemState",
        "govefficiency.ledger.ItemView",
        "govefficiency.ledger.Migration",
        "govefficiency.ledger.MonthlyReview",
        "govefficiency.ledger.OfficerMonth",
        "govefficiency.ledger.PgMigration",
        "govefficiency.ledger.Rate",
        "govefficiency.ledger.RatesReport",
        "govefficiency.ledger.Reconciliation",
        "govefficiency.ledger.Recorded",
        "govefficiency.ledger.SettlementReport",
        "govefficiency.ledger.SignatureProblem",
        "govefficiency.ledger.SignatureReport",
        "govefficiency.ledger.UnitCheck",
        "govefficiency.ledger.UnitMonth",
        "govefficiency.ledger.UnitRates",
        "govefficiency.ledger.UnitSettlement",
        "govefficiency.responsibility.Coordination",
        "govefficiency.responsibility.DelayImpact",
        "govefficiency.responsibility.ReminderRouting",
        "govefficiency.responsibility.Workload",
        "govefficiency.services.ApplicationStatus",
        "govefficiency.services.ComplaintReport",
        "govefficiency.services.ComplaintStats",
        "govefficiency.services.MetricGap",
        "govefficiency.services.MetricRow",
        "govefficiency.services.SatisfactionResult",
        "govefficiency.services.ServiceParties",
        "govefficiency.services.StatusBoard",
        "govefficiency.testing.CliResult",
    }
)

#: Callables for which the samples cannot build a *valid* call (every other one is
#: called with valid arguments except the one bad value). They are still called with
#: every bad value (the other arguments set to "T1"), so a bad value meets the callable,
#: but it may be refused for another argument first. A new public callable that the
#: samples cannot build makes ``test_callables_without_a_valid_sample_are_listed`` fail:
#: add a sample (``_samples.OVERRIDES``) or list it here with the reason.
WITHOUT_VALID_SAMPLE: dict[str, str] = {
    "govefficiency.CalendarPatch": "the generic sample is refused (PatchError)",
    "govefficiency.ChecklistItem": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ClockCase": "no sample for a required argument",
    "govefficiency.Deadline": "no sample for a required argument",
    "govefficiency.DeadlineClock": "no sample for a required argument",
    "govefficiency.Extension": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.Policy": "the generic sample is refused (PolicyError)",
    "govefficiency.StatuteRule": "no sample for a required argument",
    "govefficiency.compute_deadline": "no sample for a required argument",
    "govefficiency.country_calendar": "the generic sample is refused (InvalidInputError)",
    "govefficiency.delay_impact": "the generic sample is refused (UnknownNodeError)",
    "govefficiency.dispute_coordinator": "the generic sample is refused (InvalidInputError)",
    "govefficiency.due_dates": "no sample for a required argument",
    "govefficiency.escalation_chain": "the generic sample is refused (UnknownNodeError)",
    "govefficiency.evaluate": "no sample for a required argument",
    "govefficiency.get_policy": "the generic sample is refused (PolicyError)",
    "govefficiency.get_rule": "the generic sample is refused (RuleError)",
    "govefficiency.latest_date_before": "no sample for a required argument",
    "govefficiency.load_org": "the generic sample is refused (OrgChartError)",
    "govefficiency.get_procedure": "the generic sample is refused (ProcedureSpecError)",
    "govefficiency.preset_procedure": "the generic sample is refused (ProcedureSpecError)",
    "govefficiency.route_reminder": "the generic sample is refused (UnknownNodeError)",
    "govefficiency.accountability.DueSanction": "no sample for a required argument",
    "govefficiency.accountability.Threshold": "the generic sample is refused (AccountabilityError)",
    "govefficiency.accountability.filing_counts": "the generic sample is refused (AccountabilityError)",
    "govefficiency.approvals.Flow": "the generic sample is refused (RuleError)",
    "govefficiency.approvals.JointReview": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.approvals.ParallelGroup": "the generic sample is refused (RuleError)",
    "govefficiency.approvals.ProjectEvent": "the generic sample is refused (InvalidInputError)",
    "govefficiency.approvals.ProjectStatus": "no sample for a required argument",
    "govefficiency.approvals.StepCase": "no sample for a required argument",
    "govefficiency.approvals.check_flow": "no sample for a required argument",
    "govefficiency.approvals.dump_flow": "no sample for a required argument",
    "govefficiency.approvals.dumps_flow": "no sample for a required argument",
    "govefficiency.approvals.flow_gantt": "no sample for a required argument",
    "govefficiency.approvals.project_gantt": "no sample for a required argument",
    "govefficiency.approvals.resolve_limit": "the generic sample is refused (RuleError)",
    "govefficiency.approvals.step_cases": "no sample for a required argument",
    "govefficiency.approvals.track": "no sample for a required argument",
    "govefficiency.approvals.track_many": "no sample for a required argument",
    "govefficiency.assessment.Appraisal": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.AssessmentReport": "no sample for a required argument",
    "govefficiency.assessment.Bands": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.Bonus": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.Category": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.Deduction": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.Indicator": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.Linear": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.MetricRow": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.Period": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.RaterGroup": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.Scheme": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.assessment.VetoRule": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.accountability_metrics": "no sample for a required argument",
    "govefficiency.assessment.appraise_officers": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.assess": "no sample for a required argument",
    "govefficiency.assessment.check_scheme": "no sample for a required argument",
    "govefficiency.assessment.dump_scheme": "no sample for a required argument",
    "govefficiency.assessment.dumps_scheme": "no sample for a required argument",
    "govefficiency.assessment.escalation_metrics": "no sample for a required argument",
    "govefficiency.assessment.explain_gap": "no sample for a required argument",
    "govefficiency.assessment.get_scheme": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.ledger_metrics": "the generic sample is refused (AssessmentError)",
    "govefficiency.assessment.resolve_names": "no sample for a required argument",
    "govefficiency.assessment.to_reach": "no sample for a required argument",
    "govefficiency.calendar.CalendarArrays": "no sample for a required argument",
    "govefficiency.calendar.DeadlineBatch": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.calendar.recompute_as_known_on": "no sample for a required argument",
    "govefficiency.deadlines.AlternativeDue": "no sample for a required argument",
    "govefficiency.deadlines.AlternativeReading": "no sample for a required argument",
    "govefficiency.deadlines.ColumnDueDates": "no sample for a required argument",
    "govefficiency.deadlines.CompositeDeadline": "no sample for a required argument",
    "govefficiency.deadlines.CompositeLimit": "the generic sample is refused (RuleError)",
    "govefficiency.deadlines.ExtensionAllowance": "no sample for a required argument",
    "govefficiency.deadlines.Limb": "no sample for a required argument",
    "govefficiency.deadlines.Period": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.deadlines.compute_composite": "no sample for a required argument",
    "govefficiency.deadlines.deadline_gantt": "no sample for a required argument",
    "govefficiency.deadlines.plan_gantt": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.decisions.Exemption": "no sample for a required argument",
    "govefficiency.decisions.FieldRef": "the generic sample is refused (ProcedureSpecError)",
    "govefficiency.decisions.IntervalRule": "no sample for a required argument",
    "govefficiency.decisions.LegalityReview": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.decisions.MeetingRule": "no sample for a required argument",
    "govefficiency.decisions.OrderRule": "no sample for a required argument",
    "govefficiency.decisions.Participation": "the generic sample is refused (DecisionRecordError)",
    "govefficiency.decisions.PublicComment": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.decisions.RequiredStep": "no sample for a required argument",
    "govefficiency.escalation.Level": "the generic sample is refused (PolicyError)",
    "govefficiency.ics.CalendarEvent": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.ics.deadline_event": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.ics.plan_events": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.ledger.EXECUTION_RATE_BELOW_TARGET": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.ITEM_BEHIND_SCHEDULE": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.ITEM_COMPLETED_LATE": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.ITEM_NOT_REPORTED": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.ITEM_UNFINISHED": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.ITEM_UNKNOWN_REFERENCE": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.MONTHLY_REPORT_MISSING": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.RECTIFICATION_RATE_BELOW_TARGET": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.REPORTING_RATE_BELOW_TARGET": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.TIME_NODE_MISSED": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.Draft": "no sample for a required argument",
    "govefficiency.ledger.Entry": "no sample for a required argument",
    "govefficiency.ledger.ItemView": "not built directly: Ledger.views() wraps the ledger's private fold",
    "govefficiency.ledger.KeyedAnchor": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.Migration": "no sample for a required argument",
    "govefficiency.ledger.PostgresStore": "the generic sample is refused (InvalidInputError)",
    "govefficiency.ledger.Recorded": "no sample for a required argument",
    "govefficiency.ledger.Review": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.ledger.Settlement": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.ledger.SupervisionNotice": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.ledger.copy_store": "no sample for a required argument",
    "govefficiency.ledger.read_jsonl": "the generic sample is refused (LedgerFileError)",
    "govefficiency.responsibility.save_org": "the generic sample is refused (InvalidInputError)",
    "govefficiency.services.CorrectionNotice": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.services.CountingRule": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.services.Survey": "no sample for a required argument",
    "govefficiency.services.SuspensionRecord": "the generic sample is refused (InvalidTypeError)",
    "govefficiency.services.commitment_excess": "no sample for a required argument",
    "govefficiency.services.loads_applications": "the generic sample is refused (CatalogueFileError)",
}

_OUTCOMES: list[_harness.Outcome] | None = None


def outcomes() -> list[_harness.Outcome]:
    global _OUTCOMES
    if _OUTCOMES is None:
        _OUTCOMES = _harness.run_all()
        COUNTS["API bad calls"] = len(_OUTCOMES)
        COUNTS["API callables covered"] = (
            f"{len(_harness.callables())} (+ {len(_harness.enums())} enum parsers)"
        )
        COUNTS["API library errors"] = sum(o.library_error for o in _OUTCOMES)
        COUNTS["API non-library exceptions"] = sum(o.foreign for o in _OUTCOMES)
    return _OUTCOMES


def test_the_harness_makes_at_least_the_issues_238_bad_calls() -> None:
    assert len(outcomes()) >= 238


#: Test helpers whose job is to fail a test: a well-typed value that does not match raises
#: ``AssertionError`` (as pytest expects); a wrongly typed value is still a library error.
ASSERTION_HELPERS = frozenset({"govefficiency.testing.refused"})


def test_every_exception_is_a_library_error() -> None:
    foreign = [
        o
        for o in outcomes()
        if o.foreign and not (o.call.name in ASSERTION_HELPERS and type(o.raised) is AssertionError)
    ]
    shown = sorted(
        {
            f"{o.call.name}({o.call.parameter}={o.call.bad}): {type(o.raised).__name__}: {o.raised}"[:200]
            for o in foreign
        }
    )
    assert not foreign, f"{len(foreign)} non-library exceptions:\n" + "\n".join(shown[:40])


def test_no_silent_coercion_of_an_input() -> None:
    coerced = [o for o in outcomes() if o.coerced and o.call.name not in RESULT_TYPES]
    COUNTS["API silent coercions of inputs"] = len(coerced)
    shown = sorted({f"{o.call.name}({o.call.parameter}={o.call.bad}) accepted" for o in coerced})
    assert not coerced, "\n".join(shown[:40])


def test_result_types_are_public_classes() -> None:
    names = set(_harness.callables())
    assert names >= RESULT_TYPES, RESULT_TYPES - names


def test_every_public_name_is_called_or_exempt_with_a_reason() -> None:
    called = set(_harness.callables()) | set(_harness.enums())
    public = _samples.public_names()
    missing = [
        name
        for name, obj in public.items()
        if name not in called
        and name not in _harness.EXEMPT
        and _harness._kind(obj) is None
        and not any(obj is public[c] for c in called if c in public)
    ]
    assert not missing, f"public names neither called by the harness nor exempt: {missing}"
    assert set(_harness.EXEMPT) <= set(public), set(_harness.EXEMPT) - set(public)
    assert all(reason.strip() for reason in _harness.EXEMPT.values())


def test_callables_without_a_valid_sample_are_listed() -> None:
    without: set[str] = set()
    with (
        warnings.catch_warnings(),
        tempfile.TemporaryDirectory(prefix="govefficiency-harness-") as scratch,
        contextlib.chdir(scratch),
    ):
        warnings.simplefilter("ignore")
        for name, target in _harness.callables().items():
            arguments = _harness.good_call(name, target)
            if arguments is None:
                without.add(name)
                continue
            try:
                target(*arguments[0], **arguments[1])
            except GovEfficiencyError:
                without.add(name)
    COUNTS["API callables called with a valid sample"] = len(_harness.callables()) - len(without)
    new = sorted(without - set(WITHOUT_VALID_SAMPLE))
    fixed = sorted(set(WITHOUT_VALID_SAMPLE) - without)
    assert not new, f"no valid sample for {new}: add one to _samples.OVERRIDES or list it with the reason"
    assert not fixed, f"these now have a valid sample: remove them from WITHOUT_VALID_SAMPLE: {fixed}"


# --- the harness itself can fail ----------------------------------------------------------


def _leaky(count: int) -> int:
    return count + 1  # a str makes this a bare TypeError


def _coercing(count: int) -> int:
    return int(count)  # accepts True: a silent coercion


@pytest.mark.parametrize(
    ("target", "bad", "foreign", "coerced"),
    [(_leaky, "string", True, False), (_coercing, "bool-true", False, True)],
)
def test_the_harness_catches_a_leak_and_a_coercion(target, bad, foreign, coerced) -> None:
    call = _harness.Call("demo", "count", bad, "int", target, (_harness._bad.BAD_VALUES[bad](),), {})
    outcome = _harness.run(call)
    assert outcome.foreign is foreign
    assert outcome.coerced is coerced
