"""The builders added to ``govefficiency.testing`` for the suite and the examples
(``org_chart``, ``checklist_item``, ``bus_fare_decision``, ``CST``): what they build, and
the library errors they raise for bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from govefficiency.decisions import validate_decision
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError
from govefficiency.responsibility import LeaderRole, UnitKind, check, escalation_chain
from govefficiency.testing import CST, at, bus_fare_decision, checklist_item, mini_city, org_chart

NAMES = {"mayor": ("市长", "Mayor"), "edu": ("教育局", "Education Bureau"), "office": ("办公室", "Office")}


def town(**tables: Any) -> Any:
    """A head, a bureau and its internal office (tables replace the defaults)."""
    default: dict[str, Any] = {"leaders": [("mayor", {"edu"}, None)], "units": [("edu",), ("office", "edu")]}
    return org_chart(
        ("小城", "Small Town"), ("dcs", ("督查室", "Supervision Office")), NAMES, **default | tables
    )


def test_org_chart_reads_the_columns() -> None:
    graph = town()
    assert check(graph) == []
    assert graph.leader("mayor").role is LeaderRole.HEAD
    assert graph.unit("office").kind is UnitKind.INTERNAL_OFFICE
    assert graph.unit("edu").kind is UnitKind.DEPARTMENT
    assert escalation_chain(graph, "office") == ("office", "edu", "mayor")
    assert graph.name_of("office").en == "Office"


def test_mini_city_is_the_tables_of_org_chart() -> None:
    city = mini_city()
    assert check(city) == []
    assert [u.id for u in city.units][-1] == "transport-planning"
    assert city.officer("o-plan").post is not None
    assert city.task("road-land").parent == "road"


@pytest.mark.parametrize(
    ("tables", "error"),
    [
        ({"units": [("edu", "x", "y")]}, InvalidInputError),  # a row too long
        ({"units": [()]}, InvalidInputError),  # a row too short
        ({"units": [("ghost",)]}, InvalidInputError),  # an id with no name
        ({"units": [(["edu"],)]}, InvalidTypeError),  # an id that is not a string
        ({"units": "edu"}, GovEfficiencyError),  # a string is not a table
        ({"units": 3}, InvalidTypeError),
        ({"leaders": [("mayor", {"edu"})]}, InvalidInputError),
        ({"officers": [("o", "edu", ("科长",))]}, InvalidInputError),  # a post needs zh and en
    ],
)
def test_org_chart_refuses_bad_rows(tables: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        town(**tables)


def test_org_chart_refuses_bad_names() -> None:
    with pytest.raises(InvalidTypeError):
        org_chart(("市", "City"), ("dcs", ("督查室", "Office")), [("mayor", "市长")], leaders=[], units=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        org_chart(("市",), ("dcs", ("督查室", "Office")), NAMES, leaders=[], units=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        org_chart(("市", "City"), ("dcs",), NAMES, leaders=[], units=[])  # type: ignore[arg-type]


def test_checklist_item_defaults_and_changes() -> None:
    item = checklist_item("K09", "智慧政务平台", "dsj", "wu-di", target="上线运行")
    assert (item.category, item.year, item.deadline) == ("重点工作", 2026, dt.date(2026, 12, 31))
    assert (item.target, item.standard, item.leader) == ("上线运行", "通过验收", "vm-wang")
    assert (item.projects, item.time_nodes, item.assisting_units) == ((), (), ())
    assert checklist_item("K1", "任务", "edu", "o").target == "任务"


@pytest.mark.parametrize(
    ("args", "changes"),
    [
        (("bad id", "任务", "edu", "o"), {}),
        (("K1", "", "edu", "o"), {}),
        (("K1", "任务", 3, "o"), {}),
        (("K1", "任务", "edu", "o"), {"year": "2026"}),
        (("K1", "任务", "edu", "o"), {"deadline": "2026-12-31"}),
    ],
)
def test_checklist_item_refuses_bad_input(args: tuple[Any, ...], changes: dict[str, Any]) -> None:
    with pytest.raises(GovEfficiencyError):
        checklist_item(*args, **changes)


def test_bus_fare_decision_is_compliant_and_fresh() -> None:
    record = bus_fare_decision()
    assert validate_decision(record, "national") == []
    assert validate_decision(record, "seed-practice") == []
    assert bus_fare_decision() == record


def test_cst_is_beijing_time() -> None:
    assert dt.datetime(2026, 10, 8, 9, tzinfo=CST) == at(2026, 10, 8)
    assert CST.utcoffset(None) == dt.timedelta(hours=8)
