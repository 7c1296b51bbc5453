"""Bad input for every public function and constructor: a specific, bilingual error."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import Citation, Text, approvals, china_calendar
from govefficiency.deadlines import Months, WorkingDays
from govefficiency.errors import (
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    NaiveDatetimeError,
    RuleError,
)
from govefficiency.testing import CST

AT = dt.datetime(2026, 9, 14, 9, tzinfo=CST)
FLOW = approvals.Flow(
    "f", Text("流程", "flow"), [approvals.Step("a", "i", "u", WorkingDays(5))], WorkingDays(10)
)
PROJECT = approvals.Project("p", "f", [approvals.ProjectEvent("a", "start", AT)])
BASIS_45 = Citation(Text("行政许可法", "Administrative Licensing Law"), "45", 2019)


def bilingual(exc: pytest.ExceptionInfo[GovEfficiencyError]) -> None:
    assert exc.value.zh
    assert exc.value.en


class TestModel:
    def test_resolve_limit(self) -> None:
        """Unknown presets, backward presets, months and wrong types are refused."""
        with pytest.raises(RuleError):
            approvals.resolve_limit("no.such.rule")
        with pytest.raises(approvals.FlowError):
            approvals.resolve_limit("penalty.hearing_notice")  # a "before" limit
        with pytest.raises(approvals.FlowError):
            approvals.resolve_limit("litigation.filing")  # six months
        with pytest.raises(InvalidTypeError):
            approvals.resolve_limit(Months(1))
        with pytest.raises(InvalidTypeError):
            approvals.resolve_limit(20)

    def test_step(self) -> None:
        """Bad ids, a lone string of prerequisites, a non-Text title."""
        with pytest.raises(InvalidInputError):
            approvals.Step("a b", "i", "u", WorkingDays(1))
        with pytest.raises(InvalidTypeError):
            approvals.Step("a", "i", "u", WorkingDays(1), "b")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.Step("a", "i", "u", WorkingDays(1), title="title")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            approvals.Step("a", "i", "u", WorkingDays(1), needs=["x", "x"])

    def test_flow(self) -> None:
        """Unknown prerequisites, duplicates, missing limits and group misuse are refused."""
        t = Text("流程", "flow")
        cases = [
            lambda: approvals.Flow("f", t, [], WorkingDays(1)),
            lambda: approvals.Flow("f", t, [approvals.Step("a", "i", "u", WorkingDays(1), ["z"])], WorkingDays(1)),
            lambda: approvals.Flow("f", t, [approvals.Step("a", "i", "u", WorkingDays(1))] * 2, WorkingDays(1)),
            lambda: approvals.Flow("f", t, [approvals.Step("a", "i", "u")], WorkingDays(1)),
            lambda: approvals.Flow("f", t, [approvals.Step("a", "i", "u", group="g"), approvals.Step("b", "i", "u", group="g")], WorkingDays(1)),
            lambda: approvals.Flow(
                "f",
                t,
                [approvals.Step("a", "i", "u", group="g"), approvals.Step("b", "i", "u", None, ["a"], group="g")],
                WorkingDays(1),
                [approvals.ParallelGroup("g", WorkingDays(1))],
            ),
            lambda: approvals.Flow(
                "f", t, [approvals.Step("a", "i", "u", group="g"), approvals.Step("b", "i", "u", WorkingDays(1))], WorkingDays(1),
                [approvals.ParallelGroup("g", WorkingDays(1))],
            ),
            lambda: approvals.Flow(
                "f", t, [approvals.Step("a", "i", "u", WorkingDays(1, ), group="g"), approvals.Step("b", "i", "u", group="g")],
                WorkingDays(1), [approvals.ParallelGroup("g", WorkingDays(1))],
            ),
            lambda: approvals.Flow(
                "f", t, [approvals.Step("a", "i", "u", WorkingDays(1))], WorkingDays(1),
                joint_review=approvals.JointReview(["a", "z"], WorkingDays(1)),
            ),
        ]  # fmt: skip
        for make in cases:
            with pytest.raises(approvals.FlowError) as exc:
                make()
            bilingual(exc)
        with pytest.raises(InvalidTypeError):
            approvals.Flow("f", "flow", [approvals.Step("a", "i", "u", WorkingDays(1))], WorkingDays(1))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.Flow("f", t, "steps", WorkingDays(1))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.Flow(
                "f", t, [approvals.Step("a", "i", "u", WorkingDays(1))], WorkingDays(1), agency_service="yes"
            )  # type: ignore[arg-type]
        with pytest.raises(approvals.FlowError):
            FLOW.step("zz")
        with pytest.raises(approvals.FlowError):
            FLOW.group("zz")

    def test_joint_review(self) -> None:
        """One step, a zero or bool threshold, a negative investment are refused."""
        with pytest.raises(approvals.FlowError):
            approvals.JointReview(["a"], WorkingDays(1))
        with pytest.raises(InvalidInputError):
            approvals.JointReview(["a", "b"], WorkingDays(1), threshold_yuan=0)
        with pytest.raises(InvalidTypeError):
            approvals.JointReview(["a", "b"], WorkingDays(1), threshold_yuan=True)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            approvals.JointReview(["a", "b"], WorkingDays(1)).applies(-1)

    def test_events_and_projects(self) -> None:
        """Naive instants, unknown kinds, a suspension without basis, events out of order."""
        with pytest.raises(NaiveDatetimeError):
            approvals.ProjectEvent("a", "start", dt.datetime(2026, 9, 14))
        with pytest.raises(InvalidInputError):
            approvals.ProjectEvent("a", "begin", AT)
        with pytest.raises(approvals.ProjectError):
            approvals.ProjectEvent("a", "suspend", AT)
        with pytest.raises(approvals.ProjectError):
            approvals.ProjectEvent("a", "complete", AT, basis=object())  # type: ignore[arg-type]
        later = AT + dt.timedelta(days=1)
        with pytest.raises(approvals.ProjectError) as exc:
            approvals.Project(
                "p",
                "f",
                [approvals.ProjectEvent("a", "start", later), approvals.ProjectEvent("a", "complete", AT)],
            )
        bilingual(exc)
        with pytest.raises(approvals.ProjectError):
            approvals.Project("p", "f", [approvals.ProjectEvent("a", "complete", AT)])
        with pytest.raises(approvals.ProjectError):
            approvals.Project(
                "p",
                "f",
                [approvals.ProjectEvent("a", "start", AT), approvals.ProjectEvent("a", "resume", later)],
            )
        with pytest.raises(InvalidTypeError):
            approvals.Project("p", "f", ["start"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            approvals.Project("p", "f", investment_yuan=1.5)  # type: ignore[arg-type]


class TestFunctions:
    def test_check_flow(self) -> None:
        """Not a flow, a datetime start, a bad calendar, a bad investment."""
        with pytest.raises(InvalidTypeError):
            approvals.check_flow("flow.toml")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.check_flow(FLOW, start=AT)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.check_flow(FLOW, calendar="CN")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            approvals.check_flow(FLOW, investment_yuan=-5)
        with pytest.raises(InvalidTypeError):
            approvals.check_flow(FLOW, catalogue=42)  # type: ignore[arg-type]

    def test_track(self) -> None:
        """Naive instants, the wrong flow, unknown steps, a cyclic flow, wrong types."""
        with pytest.raises(NaiveDatetimeError):
            approvals.track(FLOW, PROJECT, at=dt.datetime(2026, 9, 14))
        with pytest.raises(approvals.ProjectError):
            approvals.track(FLOW, approvals.Project("p", "other"), at=AT)
        with pytest.raises(approvals.ProjectError):
            approvals.track(
                FLOW, approvals.Project("p", "f", [approvals.ProjectEvent("zz", "start", AT)]), at=AT
            )
        cyclic = approvals.Flow(
            "f", Text("流程", "flow"),
            [approvals.Step("a", "i", "u", WorkingDays(1), ["b"]), approvals.Step("b", "i", "u", WorkingDays(1), ["a"])],
            WorkingDays(1),
        )  # fmt: skip
        with pytest.raises(approvals.ProjectError) as exc:
            approvals.track(cyclic, approvals.Project("p", "f"), at=AT)
        bilingual(exc)
        with pytest.raises(InvalidTypeError):
            approvals.track(FLOW, "p", at=AT)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.track("f", PROJECT, at=AT)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.track(FLOW, PROJECT, at=AT, calendar="CN")  # type: ignore[arg-type]

    def test_track_many(self) -> None:
        """A naive instant or a non-project in the batch."""
        with pytest.raises(NaiveDatetimeError):
            approvals.track_many(FLOW, [PROJECT], at=dt.datetime(2026, 9, 14))
        with pytest.raises(InvalidTypeError):
            approvals.track_many(FLOW, [PROJECT, "p"], at=AT)  # type: ignore[list-item]

    def test_status_step_lookup(self) -> None:
        """Asking a status for an unknown step."""
        with pytest.raises(approvals.ProjectError):
            approvals.track(FLOW, PROJECT, at=AT).step("zz")

    def test_cases(self) -> None:
        """A case for an unknown step, a naive view instant, the wrong project."""
        with pytest.raises(approvals.FlowError):
            approvals.StepCase(FLOW, PROJECT, "zz")
        with pytest.raises(NaiveDatetimeError):
            approvals.StepCase(FLOW, PROJECT, "a").view(at=dt.datetime(2026, 9, 14))
        with pytest.raises(approvals.ProjectError):
            approvals.step_cases(FLOW, approvals.Project("p", "other"))
        with pytest.raises(InvalidTypeError):
            approvals.step_cases(FLOW, PROJECT, calendar="CN")  # type: ignore[arg-type]

    def test_gantt(self) -> None:
        """A datetime start, an unknown language, a cyclic flow."""
        with pytest.raises(InvalidTypeError):
            approvals.flow_gantt(FLOW, AT)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            approvals.flow_gantt(FLOW, dt.date(2026, 9, 14), lang="fr")
        with pytest.raises(InvalidInputError):
            approvals.project_gantt(FLOW, PROJECT, at=AT, lang="fr")
        with pytest.raises(InvalidTypeError):
            approvals.flow_gantt("f", dt.date(2026, 9, 14))  # type: ignore[arg-type]

    def test_io(self, tmp_path: object) -> None:
        """Missing files, wrong suffixes, unknown formats, not-a-flow values."""
        with pytest.raises(approvals.FlowError):
            approvals.load_flow("/nonexistent/flow.toml")
        with pytest.raises(approvals.ProjectError):
            approvals.load_project("/nonexistent/project.toml")
        with pytest.raises(approvals.FlowError):
            approvals.loads_flow("id = ", fmt="toml")
        with pytest.raises(approvals.FlowError):
            approvals.loads_flow("{}", fmt="yaml")
        with pytest.raises(approvals.ProjectError):
            approvals.loads_project("[", fmt="json")
        with pytest.raises(InvalidInputError):
            approvals.dumps_flow(FLOW, fmt="yaml")
        with pytest.raises(InvalidTypeError):
            approvals.dumps_flow("flow")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            approvals.dump_flow(FLOW, "flow.yaml")
        with pytest.raises(InvalidTypeError):
            approvals.dump_flow(FLOW, 42)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            approvals.load_flow({"id": "f"}, rules="national")  # type: ignore[arg-type]


def test_calendar_used_is_the_real_one() -> None:
    """Sanity: the default calendar is the official one (tests depend on it)."""
    assert china_calendar().name == "CN"


def test_track_many_details_must_be_a_bool() -> None:
    """details='yes' is refused."""
    with pytest.raises(InvalidTypeError):
        approvals.track_many(FLOW, [PROJECT], at=AT, details="yes")  # type: ignore[arg-type]


def test_small_methods() -> None:
    """Bad arguments to the flow's and the status's own methods."""
    with pytest.raises(InvalidTypeError):
        FLOW.cycles(limit="all")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        FLOW.cycles(limit=0)
    with pytest.raises(InvalidTypeError):
        FLOW.longest_path_working_days(joint="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        FLOW.joint_applies(-3)
    with pytest.raises(InvalidInputError):
        approvals.track(FLOW, PROJECT, at=AT).render("fr")  # type: ignore[arg-type]
    with pytest.raises(RuleError):
        approvals.ParallelGroup("g", "two weeks")  # a string is a preset id
    with pytest.raises(InvalidTypeError):
        approvals.ParallelGroup("g", 14)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        approvals.ParallelGroup("g g", WorkingDays(1))


def test_a_suspension_after_the_limit_expired_is_refused() -> None:
    """5 wd from Mon 09-14 end Sun 09-20 (make-up day); a suspension on 09-22 cannot revive it."""
    basis = approvals.ProjectEvent("a", "suspend", dt.datetime(2026, 9, 22, 9, tzinfo=CST), BASIS_45).basis
    project = approvals.Project(
        "p",
        "f",
        [
            approvals.ProjectEvent("a", "start", AT),
            approvals.ProjectEvent("a", "suspend", dt.datetime(2026, 9, 22, 9, tzinfo=CST), basis),
        ],
    )
    with pytest.raises(approvals.ProjectError) as exc:
        approvals.track(FLOW, project, at=dt.datetime(2026, 9, 25, 9, tzinfo=CST))
    assert "p" in exc.value.en
    assert exc.value.zh
