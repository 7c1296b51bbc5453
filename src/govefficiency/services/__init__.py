"""Window services (窗口服务): the service catalogue, applications, two-level clocks,
efficiency complaints, satisfaction surveys and assessment inputs.

Seeds 002, 003 and 004 name the window rules — 服务承诺制, 首问负责制, 一次性告知制, AB岗,
限时办结制; seed 001 asks for an efficiency-complaint procedure with a reply to the
complainant; seed 004 sets window satisfaction at 90 % or more. 行政许可法 (2019) art. 32
¶1(4) gives the one-time notice and the deemed acceptance, art. 42 the decision period.

Other modules use a :class:`Catalogue` through the :class:`ItemLookup` protocol
(``item_id in catalogue``, ``catalogue.get(item_id)``), and applications reach escalation
through its structural ``Case`` protocol (:class:`ApplicationCase`) without an import.
"""

from govefficiency.services._applications import (
    ART_45,
    Absence,
    Application,
    ApplicationRegister,
    CorrectionNotice,
    ExtensionRecord,
    FirstContact,
    Referral,
    SuspensionRecord,
)
from govefficiency.services._applications_io import (
    dump_applications,
    dumps_applications,
    load_applications,
    loads_applications,
)
from govefficiency.services._board import (
    ApplicationStatus,
    Light,
    StatusBoard,
    application_status,
    check_applications,
    status_board,
)
from govefficiency.services._cases import (
    ApplicationCase,
    CaseLimit,
    ServiceCaseState,
    ServiceCaseView,
    ServiceParties,
    application_cases,
)
from govefficiency.services._catalogue import (
    Catalogue,
    CatalogueFileError,
    ItemLookup,
    Post,
    ServiceItem,
    UnknownServiceItemError,
    dump_catalogue,
    dumps_catalogue,
    load_catalogue,
    loads_catalogue,
)
from govefficiency.services._checks import CATALOGUE_CHECKS, check_catalogue, commitment_excess
from govefficiency.services._codes import CODES
from govefficiency.services._complaints import (
    Complaint,
    ComplaintReport,
    ComplaintRules,
    ComplaintStats,
    ComplaintStep,
    StepLimit,
    StepState,
    StepStatus,
    check_complaints,
    complaint_report,
    period_of,
)
from govefficiency.services._complaints_io import (
    dump_complaints,
    dumps_complaints,
    load_complaints,
    loads_complaints,
)
from govefficiency.services._metrics import (
    INDICATORS,
    MetricGap,
    MetricRow,
    application_metrics,
    complaint_metrics,
    survey_metrics,
)
from govefficiency.services._surveys import (
    CountingRule,
    SatisfactionResult,
    Survey,
    SurveyResponse,
    check_survey,
    dump_survey,
    dumps_survey,
    load_survey,
    loads_survey,
    survey_results,
    wilson_interval,
)

__all__ = [
    "ART_45",
    "CATALOGUE_CHECKS",
    "CODES",
    "INDICATORS",
    "Absence",
    "Application",
    "ApplicationCase",
    "ApplicationRegister",
    "ApplicationStatus",
    "CaseLimit",
    "Catalogue",
    "CatalogueFileError",
    "Complaint",
    "ComplaintReport",
    "ComplaintRules",
    "ComplaintStats",
    "ComplaintStep",
    "CorrectionNotice",
    "CountingRule",
    "ExtensionRecord",
    "FirstContact",
    "ItemLookup",
    "Light",
    "MetricGap",
    "MetricRow",
    "Post",
    "Referral",
    "SatisfactionResult",
    "ServiceCaseState",
    "ServiceCaseView",
    "ServiceItem",
    "ServiceParties",
    "StatusBoard",
    "StepLimit",
    "StepState",
    "StepStatus",
    "Survey",
    "SurveyResponse",
    "SuspensionRecord",
    "UnknownServiceItemError",
    "application_cases",
    "application_metrics",
    "application_status",
    "check_applications",
    "check_catalogue",
    "check_complaints",
    "check_survey",
    "commitment_excess",
    "complaint_metrics",
    "complaint_report",
    "dump_applications",
    "dump_catalogue",
    "dump_complaints",
    "dump_survey",
    "dumps_applications",
    "dumps_catalogue",
    "dumps_complaints",
    "dumps_survey",
    "load_applications",
    "load_catalogue",
    "load_complaints",
    "load_survey",
    "loads_applications",
    "loads_catalogue",
    "loads_complaints",
    "loads_survey",
    "period_of",
    "status_board",
    "survey_metrics",
    "survey_results",
    "wilson_interval",
]
