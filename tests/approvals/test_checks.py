"""The flow checks other than the critical path: units, catalogue, serial steps."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import Text
from govefficiency.approvals import CHECKS, CODES, Flow, ItemCatalogue, Step, check_flow
from govefficiency.deadlines import WorkingDays
from govefficiency.errors import InvalidTypeError
from govefficiency.findings import Severity


def flow(*steps: Step) -> Flow:
    return Flow("f", Text("流程", "flow"), steps, WorkingDays(100))


def s(sid: str, *requires: str, unit: str | None = "u", **kw: object) -> Step:
    return Step(sid, f"item-{sid}", unit, WorkingDays(5), requires, **kw)  # type: ignore[arg-type]


class TestUnits:
    def test_a_step_without_a_unit_is_an_error(self) -> None:
        """STEP_WITHOUT_UNIT names the step and its item."""
        [finding] = check_flow(flow(s("a"), s("b", "a", unit=None)))
        assert finding.code == "STEP_WITHOUT_UNIT"
        assert finding.severity is Severity.ERROR
        assert finding.subject == ("b",)
        assert "item-b" in finding.message.zh


class _Published:
    """A catalogue that is not a collection: only ``__contains__`` (the protocol)."""

    def __contains__(self, item_id: object) -> bool:
        return item_id == "item-a"


class TestCatalogue:
    def test_no_catalogue_no_finding(self) -> None:
        """Without a catalogue the check does not run."""
        assert check_flow(flow(s("a"))) == []

    def test_a_plain_set_of_item_ids(self) -> None:
        """An item missing from a set of ids is reported, citing 清单以外不得新设."""
        [finding] = check_flow(flow(s("a"), s("b")), catalogue={"item-a"})
        assert finding.code == "ITEM_NOT_IN_CATALOGUE"
        assert finding.subject == ("b", "item-b")
        assert finding.citation is not None
        assert "清单以外不得新设审批事项" in finding.citation.render("zh")

    def test_any_object_with_contains(self) -> None:
        """An object satisfying the protocol (e.g. a services catalogue) is accepted."""
        assert isinstance(_Published(), ItemCatalogue)
        assert [f.subject for f in check_flow(flow(s("a"), s("b")), catalogue=_Published())] == [
            ("b", "item-b")
        ]

    def test_a_list_is_a_catalogue_too(self) -> None:
        """A list of ids works; an empty one lists nothing."""
        assert len(check_flow(flow(s("a"), s("b")), catalogue=[])) == 2

    def test_a_string_is_refused(self) -> None:
        """A lone string is not a list of items (``'a' in 'item-a'`` would lie)."""
        with pytest.raises(InvalidTypeError):
            check_flow(flow(s("a")), catalogue="item-a")

    def test_a_non_bool_answer_is_refused(self) -> None:
        """A catalogue whose ``in`` answers something else than a bool is refused."""

        class Odd:
            def __contains__(self, item: object) -> bool:
                return "yes"  # type: ignore[return-value]

        with pytest.raises(InvalidTypeError):
            check_flow(flow(s("a")), catalogue=Odd())


class TestSerialSteps:
    def test_a_step_needing_nothing_from_its_prerequisite(self) -> None:
        """b requires a but needs x, which a does not produce: a warning."""
        f = flow(s("a", produces=["y"]), s("b", "a", needs=["x"]))
        [finding] = check_flow(f)
        assert finding.code == "SERIAL_STEPS_COULD_BE_PARALLEL"
        assert finding.severity is Severity.WARNING
        assert finding.subject == ("b", "a")

    def test_a_step_needing_what_its_prerequisite_produces(self) -> None:
        """b needs x from a: the chain is justified."""
        assert check_flow(flow(s("a", produces=["x"]), s("b", "a", needs=["x"]))) == []

    def test_what_comes_through_the_prerequisite_counts(self) -> None:
        """c needs x, produced by a before b: the chain b → c carries it, no warning."""
        f = flow(
            s("a", produces=["x"]), s("b", "a", needs=["x"], produces=["z"]), s("c", "b", needs=["x", "z"])
        )
        assert check_flow(f) == []

    def test_undeclared_needs_are_not_judged(self) -> None:
        """A step that declares no needs is not judged (needs=None)."""
        assert check_flow(flow(s("a", produces=["y"]), s("b", "a"))) == []

    def test_declared_empty_needs(self) -> None:
        """A step declaring it needs nothing flags each prerequisite."""
        assert [f.subject for f in check_flow(flow(s("a"), s("b", "a", needs=[])))] == [("b", "a")]


def test_codes_are_declared_once_with_citations() -> None:
    """Every code is unique and carries a citation."""
    names = [c.code for c in CODES]
    assert len(names) == len(set(names))
    assert all(c.citation is not None for c in CODES)
    assert isinstance(CHECKS, tuple)


def test_findings_are_sorted_errors_first() -> None:
    """check_flow returns errors before warnings."""
    f = flow(s("a", unit=None, produces=["y"]), s("b", "a", needs=["x"]))
    assert [x.severity for x in check_flow(f, start=dt.date(2026, 9, 14))] == [
        Severity.ERROR,
        Severity.WARNING,
    ]
