"""Findings and finding codes (``govefficiency.findings``)."""

from __future__ import annotations

import json
import pickle

import pytest

from govefficiency.citation import Citation
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.findings import Finding, FindingCode, Severity, has_errors, sort_findings
from govefficiency.text import Text

CITE = Citation(Text("行政许可法", "Administrative Licensing Law"), "42", 2019)
LATE = FindingCode(
    "DECISION_LATE",
    Severity.ERROR,
    Text("决定逾期", "decision late"),
    Text(
        "申请 {app} 的决定逾期 {days} 个工作日",
        "the decision on application {app} is {days} working days late",
    ),
    CITE,
)
NO_NOTE = FindingCode(
    "NO_NOTE",
    Severity.WARNING,
    Text("缺少说明", "missing note"),
    Text("缺少说明", "a note is missing"),
)


class TestFindingCode:
    def test_call_builds_a_finding(self) -> None:
        """Calling a code fills both templates, sets the subject and copies the citation."""
        finding = LATE("A-17", app="A-17", days=3)
        assert finding == Finding(
            code="DECISION_LATE",
            severity=Severity.ERROR,
            subject=("A-17",),
            message=Text(
                "申请 A-17 的决定逾期 3 个工作日", "the decision on application A-17 is 3 working days late"
            ),
            citation=CITE,
        )

    def test_severity_can_be_overridden(self) -> None:
        """severity= overrides the code's default severity."""
        assert LATE("A", app="A", days=1, severity=Severity.INFO).severity is Severity.INFO

    def test_missing_parameter(self) -> None:
        """A template parameter left out raises InvalidInputError naming it."""
        with pytest.raises(InvalidInputError, match="finding DECISION_LATE needs the parameter 'days'"):
            LATE("A", app="A")

    @pytest.mark.parametrize("code", ["late", "Decision_Late", "DECISION__LATE", "_LATE", "", 5])
    def test_code_must_be_upper_snake_case(self, code: object) -> None:
        """Codes are stable UPPER_SNAKE_CASE identifiers."""
        with pytest.raises(InvalidInputError, match="must be UPPER_SNAKE_CASE"):
            FindingCode(code, Severity.ERROR, Text("a", "a"), Text("b", "b"))  # type: ignore[arg-type]

    def test_severity_must_be_a_severity(self) -> None:
        """A string severity is refused with InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="severity must be Severity"):
            FindingCode("X", "error", Text("a", "a"), Text("b", "b"))  # type: ignore[arg-type]


class TestFinding:
    def test_render_with_citation(self) -> None:
        """render() gives severity, code, message and citation on one line."""
        finding = LATE("A-17", app="A-17", days=3)
        assert finding.render("en") == (
            "ERROR DECISION_LATE: the decision on application A-17 is 3 working days late "
            "[Administrative Licensing Law (2019), art. 42]"
        )
        assert finding.render("zh").endswith("[《行政许可法》（2019）第42条]")
        assert str(finding) == finding.render("en")

    def test_render_without_citation(self) -> None:
        """A good-practice finding has no citation bracket."""
        assert NO_NOTE().render("en") == "WARNING NO_NOTE: a note is missing"

    def test_to_dict_is_json_ready(self) -> None:
        """to_dict() has both languages and survives json.dumps."""
        doc = LATE("A-17", "B", app="A-17", days=3).to_dict()
        assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
        assert doc["subject"] == ["A-17", "B"]
        assert doc["severity"] == "error"
        assert doc["citation"]["en"] == "Administrative Licensing Law (2019), art. 42"
        assert NO_NOTE().to_dict()["citation"] is None

    def test_subject_forms(self) -> None:
        """A single id becomes a 1-tuple; any iterable of ids becomes a tuple."""
        base = {"code": "X", "severity": Severity.INFO, "message": Text("a", "a")}
        assert Finding(subject="u1", **base).subject == ("u1",)
        assert Finding(subject=["u1", "u2"], **base).subject == ("u1", "u2")
        assert Finding(subject=(), **base).subject == ()

    @pytest.mark.parametrize(
        ("subject", "fragment"), [(5, "must be a string or an iterable"), ([1], "must be ids")]
    )
    def test_bad_subject(self, subject: object, fragment: str) -> None:
        """Subjects are ids (str)."""
        with pytest.raises(InvalidTypeError, match=fragment):
            Finding("X", Severity.INFO, subject, Text("a", "a"))  # type: ignore[arg-type]

    def test_message_must_be_text(self) -> None:
        """A plain string message is refused: findings are bilingual."""
        with pytest.raises(InvalidTypeError):
            Finding("X", Severity.INFO, (), "message")  # type: ignore[arg-type]

    def test_findings_are_values(self) -> None:
        """Findings hash, compare and pickle as values."""
        a, b = LATE("A", app="A", days=1), LATE("A", app="A", days=1)
        assert a == b
        assert len({a, b}) == 1
        assert pickle.loads(pickle.dumps(a)) == a


class TestHelpers:
    def test_severity_rank(self) -> None:
        """Errors rank before warnings before info."""
        assert [s.rank for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)] == [0, 1, 2]

    def test_has_errors(self) -> None:
        """has_errors is true only when some finding is an error."""
        assert has_errors([NO_NOTE(), LATE("A", app="A", days=1)])
        assert not has_errors([NO_NOTE()])
        assert not has_errors([])

    def test_sort_findings(self) -> None:
        """Errors first, then by code and subject, whatever the input order."""
        info = NO_NOTE("z", severity=Severity.INFO)
        warn = NO_NOTE("a")
        late_b, late_a = LATE("B", app="B", days=1), LATE("A", app="A", days=1)
        assert sort_findings([info, warn, late_b, late_a]) == [late_a, late_b, warn, info]
