"""The exception hierarchy of govefficiency.

Every error the library raises on purpose is a subclass of :class:`GovEfficiencyError`.
Like attrs' ``FrozenInstanceError(AttributeError)``, each one also subclasses the
matching builtin (``ValueError``, ``TypeError``, ``LookupError``), so code that catches
the builtin keeps working.

Exceptions are for *invalid input* or questions the library cannot answer honestly
(a date outside the published holiday data, an impossible clock event). A rule broken
by the administrative record being checked is not an exception: checkers return
:class:`govefficiency.findings.Finding` values instead.

Every message says what was wrong and what the caller can do about it. Messages are in
English (``str(error)``, ``error.en``) and, where given, Chinese (``error.zh``).
"""

from __future__ import annotations

__all__ = [
    "AccountabilityError",
    "AmbiguousNameError",
    "AssessmentError",
    "CalendarCoverageError",
    "CalendarError",
    "ClockEventError",
    "DeadlineError",
    "DecisionError",
    "DecisionRecordError",
    "DecisionRecordFileError",
    "EscalationError",
    "ExtensionError",
    "GovEfficiencyError",
    "HistoryFileError",
    "InvalidInputError",
    "InvalidTypeError",
    "LedgerEntryError",
    "LedgerError",
    "LedgerFileError",
    "LedgerIntegrityError",
    "LoadError",
    "NaiveDatetimeError",
    "OrgChartError",
    "OrgStructureError",
    "PatchError",
    "PolicyError",
    "ProcedureSpecError",
    "ResponsibilityError",
    "RuleError",
    "SchemeError",
    "StoreDamagedError",
    "StoreError",
    "SuspensionError",
    "UnknownItemError",
    "UnknownNodeError",
]


class GovEfficiencyError(Exception):
    """Root of every error raised by govefficiency.

    Args:
        en: the message in English; ``str(error)`` returns it.
        zh: the same message in Chinese, when the caller may show it to a person.
    """

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` ("zh" or "en"); English when no Chinese was given."""
        if lang == "zh" and self.zh:
            return self.zh
        return self.en


# --- generic input errors ---------------------------------------------------------------


class InvalidInputError(GovEfficiencyError, ValueError):
    """A value of the right type that is not acceptable (negative count, unknown name…)."""


class InvalidTypeError(GovEfficiencyError, TypeError):
    """A value of the wrong type (a string where a date is needed, a float for a count…)."""


class NaiveDatetimeError(InvalidInputError):
    """A datetime without a time zone where an instant is needed.

    The library never guesses a zone for an instant: attach one (for example with
    ``pendulum.instance(dt, tz="Asia/Shanghai")``) before calling.
    """


class LoadError(GovEfficiencyError, ValueError):
    """A file or mapping (TOML, JSON) that does not match its documented format.

    Attributes:
        origin: where the data came from (a path, or ``"<mapping>"``).
        location: the key path inside it (``"days[2].date"``), or ``""`` for the whole
            document. TOML/JSON syntax errors carry the line in the message.
    """

    def __init__(self, en: str, zh: str | None = None, *, origin: str = "", location: str = "") -> None:
        super().__init__(en, zh)
        self.origin = origin
        self.location = location


# --- calendar ---------------------------------------------------------------------------


class CalendarError(GovEfficiencyError):
    """Base class of working-day calendar errors."""


class CalendarCoverageError(CalendarError, LookupError):
    """A date outside the range the calendar has data for.

    Attributes:
        date: the date asked about.
        first: the first date the calendar covers.
        last: the last date the calendar covers.
    """

    def __init__(
        self,
        en: str,
        zh: str | None = None,
        *,
        date: object = None,
        first: object = None,
        last: object = None,
    ) -> None:
        super().__init__(en, zh)
        self.date = date
        self.first = first
        self.last = last


class PatchError(LoadError, CalendarError):
    """A calendar patch (a newly published year, local closures) that is malformed."""


# --- deadlines --------------------------------------------------------------------------


class DeadlineError(GovEfficiencyError):
    """Base class of deadline-engine errors."""


class SuspensionError(DeadlineError, ValueError):
    """A suspension (中止) that cannot apply: it starts after the deadline passed, it is
    longer than its legal maximum, or its dates are reversed."""


class ExtensionError(DeadlineError, ValueError):
    """An extension (延长) that cannot apply: approved after the deadline had passed, or
    beyond the rule's cap."""


class ClockEventError(DeadlineError, ValueError):
    """A live clock was given an event out of time order or impossible in its state
    (resume while running, complete twice)."""


class RuleError(LoadError, DeadlineError):
    """A statute rule (preset) that is malformed, or an unknown rule id."""


# --- responsibility ---------------------------------------------------------------------


class ResponsibilityError(GovEfficiencyError):
    """Base class of responsibility-graph errors."""


class UnknownNodeError(ResponsibilityError, LookupError):
    """A unit, leader, officer or task id that the graph does not contain."""


class OrgChartError(LoadError, ResponsibilityError):
    """An org-chart / key-task file (TOML, JSON) that does not match its documented format."""


class OrgStructureError(ResponsibilityError, ValueError):
    """The org chart lacks what a query needs (a head, a supervising leader, a supervision
    office, a single lead unit). ``check()`` reports the same defect as a finding.

    Attributes:
        code: the finding code that ``check()`` reports for this defect
            (e.g. ``"UNIT_WITHOUT_SUPERVISOR"``), or ``""``.
    """

    def __init__(self, en: str, zh: str | None = None, *, code: str = "") -> None:
        super().__init__(en, zh)
        self.code = code


class AmbiguousNameError(ResponsibilityError, LookupError):
    """A unit name (as people write it) that fits several units of the org chart.

    Attributes:
        candidates: the ids of the units that carry the name.
    """

    def __init__(self, en: str, zh: str | None = None, *, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(en, zh)
        self.candidates = candidates


# --- decisions --------------------------------------------------------------------------


class DecisionError(GovEfficiencyError):
    """Base class of major-decision errors."""


class DecisionRecordError(DecisionError, ValueError):
    """A decision record that is malformed in itself (a close date before its publish
    date, an unknown step kind) — not a procedural defect, which is a Finding."""


class DecisionRecordFileError(DecisionRecordError, LoadError):
    """A decision-record file (TOML, JSON) that does not match its documented format or
    describes a record malformed in itself; carries ``origin`` and ``location``."""


class ProcedureSpecError(LoadError, DecisionError):
    """A procedure spec that is malformed or cannot be composed."""


# --- ledger -----------------------------------------------------------------------------


class LedgerError(GovEfficiencyError):
    """Base class of checklist-ledger errors."""


class LedgerIntegrityError(LedgerError):
    """The ledger's hash chain is broken (an entry was modified, deleted, inserted or
    reordered). ``verify()`` reports it as a value; this is raised when an operation
    needs an intact chain."""


class StoreError(LedgerError):
    """A ledger store that cannot be opened, migrated or written."""


class StoreDamagedError(StoreError):
    """A ledger store that is damaged or is not a ledger (the CLI exits 4)."""


class LedgerEntryError(LedgerError, ValueError):
    """An entry the ledger refuses because of what is already recorded: an item opened
    twice, a correction of another item or kind, an entry recorded before its item was
    opened, a rectification completed twice."""


class UnknownItemError(LedgerError, LookupError):
    """An item id (or entry sequence number) that the ledger does not contain."""


class LedgerFileError(LoadError, LedgerError):
    """A checklist file (TOML/JSON) or a JSON Lines export that is malformed."""


# --- escalation -------------------------------------------------------------------------


class EscalationError(GovEfficiencyError):
    """Base class of escalation errors."""


class PolicyError(LoadError, EscalationError):
    """An escalation policy that is malformed."""


class HistoryFileError(LoadError, EscalationError):
    """An escalation history file (the actions already carried out) that is malformed."""


class AccountabilityError(EscalationError, ValueError):
    """An accountability event or ladder question that is malformed."""


# --- assessment ---------------------------------------------------------------------------


class AssessmentError(GovEfficiencyError, ValueError):
    """Assessment input that cannot be scored: a rate above 100 %, a negative count, a
    metric row for a unit not on the roster, a malformed period."""


class SchemeError(LoadError, AssessmentError):
    """An assessment scheme (TOML/JSON) that does not match its documented format."""
