"""Major administrative decisions (重大行政决策): records, procedure specs, validator, planner.

A :class:`DecisionRecord` documents a decision: the :class:`Matter` and the steps taken
(public comment, hearing, expert evaluation, risk assessment, consultation, legality
review, collective discussion, publication, archiving, post-evaluation). A
:class:`ProcedureSpec` is the procedure as data (rules with conditions and citations),
loaded from TOML/JSON or taken from a preset (``national`` = State Council decree 713,
``seed-practice`` = the seed documents' practice on top of it).

* :func:`validate_decision` checks a record like a linter and returns
  :class:`~govefficiency.findings.Finding` values (codes in :data:`DECISION_CODES`);
* :func:`plan_decision` lists what a decision in progress still requires and the
  earliest lawful date of each step.
"""

import warnings
from typing import Any

from govefficiency.decisions._codes import DECISION_CODES
from govefficiency.decisions._conditions import Condition, FieldRef, Source, Unit
from govefficiency.decisions._io import dump_record, dumps_record, load_record, loads_record
from govefficiency.decisions._planner import DecisionPlan, PlanItem, PlanStatus, plan_decision
from govefficiency.decisions._presets import (
    get_procedure,
    preset_procedure,
    procedure_presets,
)
from govefficiency.decisions._procedure_io import (
    dump_procedure,
    dumps_procedure,
    load_procedure,
    loads_procedure,
)
from govefficiency.decisions._record import DecisionRecord, Matter
from govefficiency.decisions._rules import (
    CheckKind,
    CheckRule,
    ConsultationRule,
    Exemption,
    IntervalRule,
    MeetingRule,
    MinimumRule,
    OrderRule,
    RequiredStep,
    Rule,
    Target,
)
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._steps import (
    Archiving,
    CollectiveDiscussion,
    Consultation,
    DepartmentOpinion,
    ExpertEvaluation,
    Hearing,
    LegalityReview,
    Participation,
    PostEvaluation,
    Publication,
    PublicComment,
    RiskAssessment,
    Step,
    SupervisingOpinion,
)
from govefficiency.decisions._validate import validate_decision
from govefficiency.decisions._vocab import (
    Category,
    Flag,
    MeetingType,
    ParticipationForm,
    Position,
    ReviewResult,
    StepKind,
)

__all__ = [
    "DECISION_CODES",
    "Archiving",
    "Category",
    "CheckKind",
    "CheckRule",
    "CollectiveDiscussion",
    "Condition",
    "Consultation",
    "ConsultationRule",
    "DecisionPlan",
    "DecisionRecord",
    "DepartmentOpinion",
    "Exemption",
    "ExpertEvaluation",
    "FieldRef",
    "Flag",
    "Hearing",
    "IntervalRule",
    "LegalityReview",
    "Matter",
    "MeetingRule",
    "MeetingType",
    "MinimumRule",
    "OrderRule",
    "Participation",
    "ParticipationForm",
    "PlanItem",
    "PlanStatus",
    "Position",
    "PostEvaluation",
    "ProcedureSpec",
    "PublicComment",
    "Publication",
    "RequiredStep",
    "ReviewResult",
    "RiskAssessment",
    "Rule",
    "Source",
    "Step",
    "StepKind",
    "SupervisingOpinion",
    "Target",
    "Unit",
    "dump_procedure",
    "dump_record",
    "dumps_procedure",
    "dumps_record",
    "get_procedure",
    "load_procedure",
    "load_record",
    "loads_procedure",
    "loads_record",
    "plan_decision",
    "preset_procedure",
    "procedure_presets",
    "validate_decision",
]


def __getattr__(name: str) -> Any:
    """``PROCEDURE_PRESETS``, the constant behind :func:`procedure_presets` (deprecated)."""
    if name == "PROCEDURE_PRESETS":
        warnings.warn(
            "govefficiency.decisions.PROCEDURE_PRESETS is deprecated: use procedure_presets()",
            DeprecationWarning,
            stacklevel=2,
        )
        return procedure_presets()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
