"""Performance assessment (绩效考评): the incentive mechanism of seed 000 — schemes as
data, one-vote vetoes (一票否决), ranking, grades with quotas, and officer appraisal from
the ledger (seed 003 part 2(3)), each result explained down to the arithmetic.

Start with :func:`load_scheme` (or a preset: :func:`get_scheme`), build
:class:`Inputs` from a metrics table (:func:`load_metrics`) and the adapters, and call
:func:`assess`; see ``docs/assessment.md``.
"""

from govefficiency.assessment._adapters import (
    accountability_metrics,
    decision_metrics,
    escalation_metrics,
    ledger_metrics,
    satisfaction_metrics,
)
from govefficiency.assessment._assess import (
    SCHEMA_VERSION,
    AssessmentReport,
    Gap,
    GapLine,
    IndicatorScore,
    Reach,
    ReachOption,
    UnitResult,
    VetoHit,
    assess,
    explain_gap,
    to_reach,
)
from govefficiency.assessment._codes import ASSESSMENT_FINDING_CODES
from govefficiency.assessment._inputs import (
    AssessedUnit,
    Inputs,
    MetricLike,
    MetricRow,
    load_metrics,
    resolve_names,
)
from govefficiency.assessment._io import dump_scheme, dumps_scheme, load_scheme, loads_scheme
from govefficiency.assessment._officers import (
    CivilServantGrade,
    OfficerAppraisal,
    OfficerGrading,
    OfficerResult,
    SettledItem,
    appraise_officers,
)
from govefficiency.assessment._period import Period, PeriodKind
from govefficiency.assessment._presets import get_scheme, scheme_presets
from govefficiency.assessment._rules import (
    Appraisal,
    Bands,
    Bonus,
    Deduction,
    Linear,
    Measure,
    Proportional,
    RaterGroup,
    Rule,
)
from govefficiency.assessment._scheme import (
    Category,
    EffectKind,
    Fact,
    Grade,
    Indicator,
    Ranking,
    RankMethod,
    Rounding,
    Scheme,
    TriggerKind,
    VetoRule,
    check_scheme,
)

__all__ = [
    "ASSESSMENT_FINDING_CODES",
    "SCHEMA_VERSION",
    "Appraisal",
    "AssessedUnit",
    "AssessmentReport",
    "Bands",
    "Bonus",
    "Category",
    "CivilServantGrade",
    "Deduction",
    "EffectKind",
    "Fact",
    "Gap",
    "GapLine",
    "Grade",
    "Indicator",
    "IndicatorScore",
    "Inputs",
    "Linear",
    "Measure",
    "MetricLike",
    "MetricRow",
    "OfficerAppraisal",
    "OfficerGrading",
    "OfficerResult",
    "Period",
    "PeriodKind",
    "Proportional",
    "RankMethod",
    "Ranking",
    "RaterGroup",
    "Reach",
    "ReachOption",
    "Rounding",
    "Rule",
    "Scheme",
    "SettledItem",
    "TriggerKind",
    "UnitResult",
    "VetoHit",
    "VetoRule",
    "accountability_metrics",
    "appraise_officers",
    "assess",
    "check_scheme",
    "decision_metrics",
    "dump_scheme",
    "dumps_scheme",
    "escalation_metrics",
    "explain_gap",
    "get_scheme",
    "ledger_metrics",
    "load_metrics",
    "load_scheme",
    "loads_scheme",
    "resolve_names",
    "satisfaction_metrics",
    "scheme_presets",
    "to_reach",
]
