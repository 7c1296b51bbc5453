"""Records: what each must be in itself (defects of the organisation are findings, not errors)."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from govefficiency import responsibility
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Text

NAME = Text("市财政局", "Finance Bureau")


class TestIds:
    @pytest.mark.parametrize("bad", ["", "two words", "tab\there", " lead", "new\nline"])
    def test_rejects_ids_with_spaces_or_empty(self, bad: str) -> None:
        """An id must be a non-empty string without whitespace."""
        with pytest.raises(InvalidInputError, match="not a valid id"):
            responsibility.Unit(bad, NAME)

    def test_rejects_non_string_id(self) -> None:
        """An id of another type is a type error."""
        with pytest.raises(InvalidTypeError, match="id string"):
            responsibility.Unit(42, NAME)  # type: ignore[arg-type]

    def test_accepts_chinese_ids(self) -> None:
        """Ids may be Chinese, as cities often write them."""
        assert responsibility.Unit("财政局", NAME).id == "财政局"

    def test_rejects_bad_reference_ids(self) -> None:
        """Ids naming other records are checked the same way."""
        with pytest.raises(InvalidInputError, match=r"Task\.leader"):
            responsibility.Task("t1", NAME, leader="deputy li")


class TestUnit:
    def test_defaults(self) -> None:
        """A unit is a department directly under the government by default."""
        unit = responsibility.Unit("finance", NAME)
        assert (unit.kind, unit.parent) == (responsibility.UnitKind.DEPARTMENT, None)

    def test_name_must_be_text(self) -> None:
        """A plain string is not a bilingual name."""
        with pytest.raises(InvalidTypeError, match="Text"):
            responsibility.Unit("finance", "市财政局")  # type: ignore[arg-type]

    def test_kind_must_be_unit_kind(self) -> None:
        """The kind is a UnitKind, not its string value."""
        with pytest.raises(InvalidTypeError, match=r"UnitKind\.DEPARTMENT"):
            responsibility.Unit("finance", NAME, "department")  # type: ignore[arg-type]

    def test_every_kind_has_a_bilingual_label(self) -> None:
        """Each kind names itself in Chinese and English."""
        assert responsibility.UnitKind.INTERNAL_OFFICE.label.zh == "内设机构"
        assert all(kind.label.en for kind in responsibility.UnitKind)


class TestLeader:
    def test_supervises_becomes_a_frozenset(self) -> None:
        """A portfolio given as a list is stored as a frozenset."""
        leader = responsibility.Leader("li", NAME, supervises=["a", "b", "a"])
        assert leader.supervises == frozenset({"a", "b"})

    def test_supervises_a_single_string_is_one_unit(self) -> None:
        """A single id is a portfolio of one unit, not a set of characters."""
        assert responsibility.Leader("li", NAME, supervises="finance").supervises == frozenset({"finance"})

    def test_supervises_rejects_non_iterable(self) -> None:
        """A portfolio must be a collection of ids."""
        with pytest.raises(InvalidTypeError, match="set of ids"):
            responsibility.Leader("li", NAME, supervises=3)  # type: ignore[arg-type]

    def test_head_cannot_report_to_anyone(self) -> None:
        """The head answers to no one in the chart (市长负责制)."""
        with pytest.raises(InvalidInputError, match="head"):
            responsibility.Leader("mayor", NAME, responsibility.LeaderRole.HEAD, reports_to="governor")

    def test_is_head(self) -> None:
        """is_head tells the head from a deputy."""
        assert responsibility.Leader("m", NAME, responsibility.LeaderRole.HEAD).is_head
        assert not responsibility.Leader("d", NAME).is_head
        assert responsibility.LeaderRole.DEPUTY.label.zh == "分管领导"

    def test_title_must_be_text(self) -> None:
        """An optional title is bilingual text too."""
        with pytest.raises(InvalidTypeError, match="title"):
            responsibility.Leader("li", NAME, title="常务副市长")  # type: ignore[arg-type]


class TestTask:
    def test_leads_keep_order_and_allow_defects(self) -> None:
        """Several leads can be recorded, so that check() can find the defect."""
        task = responsibility.Task("t", NAME, leads=["b", "a"], assists=["c"])
        assert task.leads == ("b", "a")
        assert task.lead is None

    def test_lead_property(self) -> None:
        """lead is the single lead unit."""
        assert responsibility.Task("t", NAME, leads="a").lead == "a"
        assert responsibility.Task("t", NAME).lead is None

    def test_rejects_a_unit_listed_twice_in_one_role(self) -> None:
        """Listing the same assisting unit twice is a malformed record."""
        with pytest.raises(InvalidInputError, match="twice"):
            responsibility.Task("t", NAME, leads=("a",), assists=("b", "b"))

    def test_rejects_non_iterable_leads(self) -> None:
        """Leads are a sequence of ids."""
        with pytest.raises(InvalidTypeError, match="sequence of ids"):
            responsibility.Task("t", NAME, leads=5)  # type: ignore[arg-type]

    def test_due_rejects_datetime(self) -> None:
        """A time node is a calendar date, not an instant."""
        with pytest.raises(InvalidTypeError, match="calendar date"):
            responsibility.Task("t", NAME, due=dt.datetime(2026, 6, 30, 17, 0))  # type: ignore[arg-type]

    def test_due_rejects_string(self) -> None:
        """A date string must be parsed by the caller."""
        with pytest.raises(InvalidTypeError, match=r"datetime\.date"):
            responsibility.Task("t", NAME, due="2026-06-30")  # type: ignore[arg-type]

    def test_due_normalises_date_subclasses(self) -> None:
        """A pendulum Date is stored as a plain datetime.date."""
        task = responsibility.Task("t", NAME, due=pendulum.date(2026, 6, 30))
        assert type(task.due) is dt.date
        assert task.due == dt.date(2026, 6, 30)


class TestOtherRecords:
    def test_officer(self) -> None:
        """An officer works in a unit and may hold a named post."""
        officer = responsibility.Officer(
            "o1", "finance", Text("张三", "Zhang San"), post=Text("科长", "Section head")
        )
        assert officer.unit == "finance"
        with pytest.raises(InvalidTypeError):
            responsibility.Officer("o1", "finance", Text("张三", "Zhang San"), post="科长")  # type: ignore[arg-type]

    def test_supervision_office(self) -> None:
        """The supervision office has an id and a name."""
        assert responsibility.SupervisionOffice("dcs", NAME).id == "dcs"
        with pytest.raises(InvalidInputError):
            responsibility.SupervisionOffice("", NAME)

    @pytest.mark.parametrize("bad", ["", " budget", "budget ", "   "])
    def test_duty_key_must_be_trimmed_and_non_empty(self, bad: str) -> None:
        """Duty keys are compared exactly, so stray spaces are rejected."""
        with pytest.raises(InvalidInputError, match=r"Duty\.key"):
            responsibility.Duty("finance", bad)

    def test_duty_key_may_contain_inner_spaces(self) -> None:
        """A duty may be keyed by a phrase."""
        assert responsibility.Duty("finance", "budget review").key == "budget review"

    def test_duty_key_must_be_a_string(self) -> None:
        """A non-string key is a type error."""
        with pytest.raises(InvalidTypeError):
            responsibility.Duty("finance", 3)  # type: ignore[arg-type]
