"""Checklist items (清单事项): fields, plan validation, time and planned shares, files."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import china_calendar
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
    LedgerFileError,
    UnknownNodeError,
)
from govefficiency.findings import Severity
from govefficiency.ledger import (
    ChecklistItem,
    TimeNode,
    check_item_references,
    check_item_refs,
    load_checklist,
    require_item_refs,
    schedule_backwards,
)


class TestChecklistItem:
    def test_defaults(self, make_item):
        """An item starts on 1 January of its year and may have no projects or assistants."""
        item = make_item(projects=(), assisting_units=())
        assert item.start == dt.date(2026, 1, 1)
        assert item.projects == ()
        assert item.assisting_units == ()

    def test_collections_become_tuples(self, make_item):
        """Lists given for projects, time nodes and assisting units are stored as tuples."""
        item = make_item(projects=["A", "B"], assisting_units=["x", "y"], time_nodes=[])
        assert item.projects == ("A", "B")
        assert item.assisting_units == ("x", "y")
        assert item.time_nodes == ()

    def test_schedule_adds_the_final_node(self, make_item):
        """The schedule ends with the deadline at 100% even when the nodes stop earlier."""
        item = make_item()
        assert item.schedule[-1] == TimeNode(dt.date(2026, 12, 31), 100)
        assert len(item.schedule) == 4

    def test_schedule_keeps_an_explicit_final_node(self, make_item):
        """A node on the deadline (at 100%) is the last node, not doubled."""
        item = make_item(time_nodes=(TimeNode(dt.date(2026, 12, 31), 100),))
        assert item.schedule == (TimeNode(dt.date(2026, 12, 31), 100),)

    def test_node_after_the_final_date(self, make_item):
        """A time node after the deadline is rejected, naming both dates."""
        with pytest.raises(InvalidInputError, match=r"2026-12-01.*after the final date 2026-11-30"):
            make_item(deadline=dt.date(2026, 11, 30), time_nodes=(TimeNode(dt.date(2026, 12, 1), 90),))

    @pytest.mark.parametrize("share", [-1, 100.5, float("nan"), 1e9])
    def test_share_outside_0_100(self, share):
        """A time node's share must lie between 0 and 100 percent."""
        with pytest.raises(InvalidInputError, match="between 0 and 100"):
            TimeNode(dt.date(2026, 6, 30), share)

    @pytest.mark.parametrize("share", ["50", True, None])
    def test_share_of_the_wrong_type(self, share):
        """A share given as a string, boolean or None is a type error."""
        with pytest.raises(InvalidTypeError):
            TimeNode(dt.date(2026, 6, 30), share)

    def test_nodes_out_of_order(self, make_item):
        """Time nodes must come in strictly increasing date order."""
        nodes = (TimeNode(dt.date(2026, 6, 30), 50), TimeNode(dt.date(2026, 3, 31), 60))
        with pytest.raises(InvalidInputError, match="strictly increasing"):
            make_item(time_nodes=nodes)

    def test_falling_shares(self, make_item):
        """A plan whose expected share falls is rejected."""
        nodes = (TimeNode(dt.date(2026, 3, 31), 50), TimeNode(dt.date(2026, 6, 30), 40))
        with pytest.raises(InvalidInputError, match="never goes backwards"):
            make_item(time_nodes=nodes)

    def test_node_on_the_deadline_below_100(self, make_item):
        """The node on the final date must expect 100%."""
        with pytest.raises(InvalidInputError, match="must be 100%"):
            make_item(time_nodes=(TimeNode(dt.date(2026, 12, 31), 90),))

    def test_node_before_the_start(self, make_item):
        """A node before the item's start is rejected."""
        with pytest.raises(InvalidInputError, match="before the item's start"):
            make_item(start=dt.date(2026, 4, 1))

    def test_deadline_outside_the_year(self, make_item):
        """The deadline must fall in the ledger year (年底交账 closes the year)."""
        with pytest.raises(InvalidInputError, match="not in the ledger year 2026"):
            make_item(deadline=dt.date(2027, 3, 31), time_nodes=())

    def test_start_after_deadline(self, make_item):
        """The start may not be after the deadline."""
        with pytest.raises(InvalidInputError, match="after the deadline"):
            make_item(start=dt.date(2026, 12, 31), deadline=dt.date(2026, 6, 30), time_nodes=())

    def test_lead_unit_also_assisting(self, make_item):
        """The lead unit cannot also be an assisting unit (exactly one lead)."""
        with pytest.raises(InvalidInputError, match="exactly one lead unit"):
            make_item(assisting_units=("housing",))

    def test_duplicate_assisting_units(self, make_item):
        """An assisting unit listed twice is rejected."""
        with pytest.raises(InvalidInputError, match="twice"):
            make_item(assisting_units=("a", "a"))

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("id", "", InvalidInputError),
            ("id", "T 1", InvalidInputError),  # the one id rule: no whitespace
            ("id", "T\u200b1", InvalidInputError),  # nor zero-width characters
            ("id", " T1", InvalidInputError),
            ("id", 7, InvalidTypeError),
            ("title", "  ", InvalidInputError),
            ("target", "", InvalidInputError),
            ("standard", None, InvalidTypeError),
            ("year", 1999, InvalidInputError),
            ("lead_unit", "a\nb", InvalidInputError),
            ("projects", "one project", InvalidTypeError),
            ("deadline", "2026-12-31", InvalidTypeError),
            ("deadline", dt.datetime(2026, 12, 31), InvalidTypeError),
        ],
    )
    def test_bad_fields(self, make_item, field, value, error):
        """Each field rejects values of the wrong type or form with a specific error."""
        with pytest.raises(error):
            make_item(**{field: value})

    def test_time_nodes_must_be_time_nodes(self, make_item):
        """Time nodes given as tuples are a type error that says what to use."""
        with pytest.raises(InvalidTypeError, match="TimeNode"):
            make_item(time_nodes=[(dt.date(2026, 6, 30), 50)])

    def test_picklable_and_hashable(self, make_item):
        """Items survive pickling and can be used as dict keys."""
        item = make_item()
        assert pickle.loads(pickle.dumps(item)) == item
        assert {item: 1}[item] == 1

    def test_json_round_trip(self, make_item):
        """to_json/from_json round-trips an item exactly."""
        item = make_item(start=dt.date(2026, 2, 1))
        assert ChecklistItem.from_json(item.to_json()) == item

    def test_from_json_rejects_unknown_keys(self, make_item):
        """from_json refuses a mapping with an extra key."""
        data = {**make_item().to_json(), "colour": "red"}
        with pytest.raises(InvalidInputError, match="unknown keys"):
            ChecklistItem.from_json(data)


class TestShares:
    def test_time_share_in_working_days(self, make_item, weekdays):
        """Half the working days elapsed is a 50% time share."""
        # Mon 1 June .. Fri 12 June 2026 is 10 working days; by the end of Fri 5 June
        # five of them (1–5 June) have elapsed: 5 / 10 = 50%.
        item = make_item(start=dt.date(2026, 6, 1), deadline=dt.date(2026, 6, 12), time_nodes=())
        assert item.time_share(on=dt.date(2026, 6, 5), calendar=weekdays) == pytest.approx(50.0)
        # The weekend adds no working time: still 50% on Sunday 7 June.
        assert item.time_share(on=dt.date(2026, 6, 7), calendar=weekdays) == pytest.approx(50.0)

    def test_time_share_skips_the_dragon_boat_holiday(self, make_item):
        """The official calendar's holidays do not count as elapsed working time."""
        # 15–26 June 2026: Fri 19 June is the Dragon Boat Festival (端午节), so the span
        # has 9 working days (15–18, 22–26). By the end of Thu 18 June, 4 have elapsed:
        # 4 / 9 = 44.4%. In calendar days it would be 4 / 12 = 33.3%.
        item = make_item(start=dt.date(2026, 6, 15), deadline=dt.date(2026, 6, 26), time_nodes=())
        assert item.time_share(on=dt.date(2026, 6, 18), calendar=china_calendar()) == pytest.approx(400 / 9)
        assert item.time_share(on=dt.date(2026, 6, 18), calendar=None) == pytest.approx(100 / 3)

    def test_half_year_time_share_2026(self, make_item):
        """By 30 June 2026, 120 of the year's 248 working days have elapsed (48.4%)."""
        item = make_item()
        assert item.time_share(on=dt.date(2026, 6, 30), calendar=china_calendar()) == pytest.approx(
            100 * 120 / 248
        )

    def test_time_share_bounds(self, make_item, weekdays):
        """Before the start the time share is 0; from the deadline on, 100."""
        item = make_item(start=dt.date(2026, 6, 1), deadline=dt.date(2026, 6, 12), time_nodes=())
        assert item.time_share(on=dt.date(2026, 5, 31), calendar=weekdays) == 0.0
        assert item.time_share(on=dt.date(2026, 6, 12), calendar=weekdays) == 100.0
        assert item.time_share(on=dt.date(2026, 7, 1), calendar=weekdays) == 100.0

    def test_planned_share_interpolates_between_nodes(self, make_item):
        """The plan expects a share in proportion to the days between two nodes."""
        # 31 March (20%) .. 30 June (50%) is 91 calendar days; 15 May is 45 days in:
        # 20 + 30 * 45 / 91 = 34.835…%.
        item = make_item()
        assert item.planned_share(on=dt.date(2026, 5, 15), calendar=None) == pytest.approx(20 + 30 * 45 / 91)
        assert item.planned_share(on=dt.date(2026, 6, 30), calendar=None) == pytest.approx(50.0)
        assert item.planned_share(on=dt.date(2026, 12, 31), calendar=None) == 100.0

    def test_node_due(self, make_item):
        """node_due gives the latest node due by the end of a day."""
        item = make_item()
        assert item.node_due(on=dt.date(2026, 3, 30)) is None
        assert item.node_due(on=dt.date(2026, 3, 31)).share == 20
        assert item.node_due(on=dt.date(2026, 10, 15)).share == 80

    @settings(deadline=None, max_examples=40)
    @given(a=st.integers(0, 364), b=st.integers(0, 364))
    def test_shares_never_fall(self, make_item, a, b):
        """Time and planned shares grow with the day and stay within 0–100."""
        item = make_item()
        cal = china_calendar()
        first, second = sorted((dt.date(2026, 1, 1) + dt.timedelta(a), dt.date(2026, 1, 1) + dt.timedelta(b)))
        for share in (item.time_share, item.planned_share):
            x, y = share(on=first, calendar=cal), share(on=second, calendar=cal)
            assert 0.0 <= x <= y <= 100.0


class TestScheduleBackwards:
    def test_working_days_before_the_deadline(self):
        """Nodes fall the given number of working days before the deadline (倒排工期)."""
        # From Wed 30 Sep 2026 counting back: 20 working days before is 2 September
        # (September 2026 has no holiday; Sun 20 Sep is a make-up working day).
        cal = china_calendar()
        nodes = schedule_backwards(dt.date(2026, 9, 30), [(20, 60, "主体完工")], cal)
        assert nodes[0] == TimeNode(cal.add_working_days(dt.date(2026, 9, 30), -20), 60, "主体完工")
        assert nodes[-1] == TimeNode(dt.date(2026, 9, 30), 100)

    def test_calendar_days_and_order(self):
        """Steps are sorted by date and the final node is added once."""
        nodes = schedule_backwards(dt.date(2026, 12, 31), [(10, 90), (60, 50), (0, 100)], None)
        assert [n.date for n in nodes] == [dt.date(2026, 11, 1), dt.date(2026, 12, 21), dt.date(2026, 12, 31)]

    @pytest.mark.parametrize("step", [(-1, 50), ("5", 50), (5,), [5, 50]])
    def test_bad_steps(self, step):
        """A step must be (non-negative int, share[, note])."""
        with pytest.raises((InvalidInputError, InvalidTypeError)):
            schedule_backwards(dt.date(2026, 12, 31), [step], None)


class TestRequireItemRefs:
    """The raising guard (named check_item_refs until this release; see TestDeprecatedName)."""

    def test_known_ids_pass(self, make_item):
        """An item whose units, leader and officer are known is returned unchanged."""
        item = make_item()
        assert require_item_refs(item, known_units={"housing", "finance"}, known_leaders={"vm-wang"}) is item

    @pytest.mark.parametrize(
        ("kwargs", "missing"),
        [
            ({"known_units": {"housing"}}, "finance"),
            ({"known_units": {"finance"}}, "housing"),
            ({"known_leaders": set()}, "vm-wang"),
            ({"known_officers": {"x"}}, "li-ming"),
        ],
    )
    def test_unknown_ids(self, make_item, kwargs, missing):
        """An id missing from a given container raises UnknownNodeError naming it."""
        with pytest.raises(UnknownNodeError, match=missing):
            require_item_refs(make_item(), **kwargs)

    def test_not_an_item(self):
        """require_item_refs needs a ChecklistItem."""
        with pytest.raises(InvalidTypeError):
            require_item_refs("T1")  # type: ignore[arg-type]


class TestCheckItemReferences:
    """The convention-conforming check: findings, never an exception for the item's defects."""

    def test_known_ids_give_no_findings(self, make_item):
        item = make_item()
        assert (
            check_item_references(item, known_units={"housing", "finance"}, known_leaders={"vm-wang"}) == []
        )
        assert check_item_references(item) == []  # nothing to check against

    def test_every_unknown_id_is_one_finding(self, make_item):
        """Lead unit housing and assisting unit finance are both unknown to a chart that has
        only transport; the leader vm-wang is unknown too: three findings, not one exception."""
        findings = check_item_references(make_item(), known_units={"transport"}, known_leaders=set())
        assert [(f.code, f.subject) for f in findings] == [
            ("ITEM_UNKNOWN_REFERENCE", ("T1", "housing")),
            ("ITEM_UNKNOWN_REFERENCE", ("T1", "finance")),
            ("ITEM_UNKNOWN_REFERENCE", ("T1", "vm-wang")),
        ]
        assert findings[0].severity is Severity.ERROR
        assert findings[0].message.en.startswith("item T1: the lead unit housing is not known")
        assert findings[2].message.zh.startswith("事项 T1：责任领导 vm-wang 不存在")
        assert findings[0].citation is not None
        assert findings[0].citation.year == 2014

    def test_not_a_record_still_raises(self, make_item):
        """Input that is not a record at all is refused, as the convention says."""
        with pytest.raises(InvalidTypeError):
            check_item_references("T1")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            check_item_references(make_item(), known_units="housing")


class TestDeprecatedName:
    def test_check_item_refs_warns_and_still_raises(self, make_item):
        """The old name keeps its old behaviour for one release, with a DeprecationWarning
        naming both replacements (callers relying on the exception are not silently broken)."""
        item = make_item()
        with pytest.warns(DeprecationWarning, match=r"require_item_refs\(\).*check_item_references\(\)"):
            assert check_item_refs(item, known_units={"housing", "finance"}) is item
        with (
            pytest.warns(DeprecationWarning, match="require_item_refs"),
            pytest.raises(UnknownNodeError, match="finance"),
        ):
            check_item_refs(item, known_units={"housing"})


class TestLoadItems:
    def test_reads_the_checklist(self, data):
        """A TOML checklist gives validated items, with inline or [[...]] time nodes."""
        items = load_checklist(data / "checklist.toml")
        assert [i.id for i in items] == ["2026-01", "2026-02"]
        assert items[0].assisting_units == ("finance", "water")
        assert items[0].time_nodes[0] == TimeNode(dt.date(2026, 3, 31), 20, "完成设计招标")
        assert items[1].time_nodes[1] == TimeNode(dt.date(2026, 9, 30), 70)

    def test_mapping_and_item_year(self, make_item):
        """A mapping works too, and the top-level year is the default for items."""
        data = make_item().to_json()
        data.pop("year")
        data.pop("start")
        items = load_checklist({"year": 2026, "items": [data]})
        assert items == (make_item(),)

    def test_unknown_unit_with_known_units(self, data):
        """load_checklist checks ids against given containers (e.g. a graph's units)."""
        with pytest.raises(UnknownNodeError, match="water"):
            load_checklist(data / "checklist.toml", known_units={"housing", "finance", "gov-service"})

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            ({"time_nodes": [{"date": "2026-12-15", "share": 50}], "deadline": "2026-11-30"}, "items[0]"),
            ({"time_nodes": [{"date": "2026-06-30", "share": 120}]}, "items[0].time_nodes[0].share"),
            ({"colour": "red"}, "items[0].colour"),
            ({"deadline": "2026-13-01"}, "items[0].deadline"),
            ({"id": "a b"}, "items[0].id"),
        ],
    )
    def test_located_errors(self, make_item, change, where):
        """Errors in a checklist name the key path of the bad value."""
        data = make_item().to_json()
        data.pop("year")
        data.update(change)
        with pytest.raises(LedgerFileError) as info:
            load_checklist({"year": 2026, "items": [data]})
        assert info.value.location == where

    def test_duplicate_ids(self, make_item):
        """Two items with the same id are rejected at the second."""
        data = make_item().to_json()
        with pytest.raises(LedgerFileError, match=r"already used by items\[0\]"):
            load_checklist({"items": [data, data]})

    def test_missing_year(self, make_item):
        """Without a year anywhere the item is rejected."""
        data = make_item().to_json()
        data.pop("year")
        with pytest.raises(LedgerFileError, match="year"):
            load_checklist({"items": [data]})

    def test_missing_file(self, tmp_path):
        """A missing file is a LedgerFileError naming it."""
        with pytest.raises(LedgerFileError, match="no such file"):
            load_checklist(tmp_path / "nope.toml")

    def test_evolve_revalidates(self, make_item):
        """attrs.evolve re-runs the checks, so a changed plan cannot become invalid."""
        with pytest.raises(InvalidInputError):
            attrs.evolve(make_item(), deadline=dt.date(2026, 9, 1))
