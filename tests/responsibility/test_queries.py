"""Queries: workload, reminder letters, dispute coordinators, escalation chains, delay impact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from govefficiency import responsibility
from govefficiency.errors import InvalidInputError, InvalidTypeError, OrgStructureError, UnknownNodeError
from govefficiency.text import Text

NAME = Text("名称", "name")


def evolve(
    graph: responsibility.ResponsibilityGraph, kind: str, node_id: str, **changes: Any
) -> responsibility.ResponsibilityGraph:
    records = [attrs.evolve(r, **changes) if r.id == node_id else r for r in getattr(graph, kind)]
    return graph.replace(**{kind: records})


class TestWorkload:
    def test_led_and_assisted(self, city: responsibility.ResponsibilityGraph) -> None:
        """Transport leads the road and assists the land acquisition."""
        load = responsibility.workload(city, "transport")
        assert load.led == ("road",)
        assert load.assisted == ("road-land",)
        assert load.total == 2
        assert load.to_dict() == {"unit": "transport", "led": ["road"], "assisted": ["road-land"]}

    def test_unit_without_tasks(self, city: responsibility.ResponsibilityGraph) -> None:
        """A unit with no task has an empty workload."""
        graph = city.replace(units=[*city.units, responsibility.Unit("idle", NAME)])
        assert responsibility.workload(graph, "idle").total == 0

    def test_all_units_in_order(self, city: responsibility.ResponsibilityGraph) -> None:
        """workloads() covers every unit in the chart's order."""
        loads = responsibility.workloads(city)
        assert [w.unit for w in loads] == [u.id for u in city.units]
        assert {w.unit: w.total for w in loads}["finance"] == 2


class TestRouteReminder:
    def test_worked_example_seed_003(self, city: responsibility.ResponsibilityGraph) -> None:
        """Seed 003 §1(1)2: nrp is slow on the road task led by transport. The letter goes from
        transport to nrp, is reported to nrp's supervising deputy (Zhang) and the mayor (Wang),
        and is copied to the supervision office."""
        letter = responsibility.route_reminder(city, "road", "nrp")
        assert (letter.sender, letter.recipient) == ("transport", "nrp")
        assert letter.supervising_leader == "zhang"
        assert letter.head == "mayor"
        assert letter.report_to == ("zhang", "mayor")
        assert letter.copy_to == ("duchashi",)
        assert letter.render("zh") == (
            "提醒函：市交通运输局（牵头单位）致市自然资源和规划局（配合单位），事由：「建设环城快速路」推进迟缓；"
            "报张副市长、王市长；抄送市政府督查室。"
        )
        assert "reported to Deputy Mayor Zhang and Mayor Wang" in letter.render("en")
        assert "宛政〔2014〕44号" in letter.citation.render("zh")

    def test_assisting_unit_under_another_deputy(self, city: responsibility.ResponsibilityGraph) -> None:
        """Finance is supervised by Li, so the letter about it is reported to Li, not Zhang."""
        assert responsibility.route_reminder(city, "road", "finance").report_to == ("li", "mayor")

    def test_unit_supervised_by_the_head(self, city: responsibility.ResponsibilityGraph) -> None:
        """When the head supervises the slow unit directly, the letter is reported once, to the head."""
        graph = evolve(city, "tasks", "audit-projects", leads=("finance",), assists=("audit",), leader="li")
        letter = responsibility.route_reminder(graph, "audit-projects", "audit")
        assert letter.supervising_leader == letter.head == "mayor"
        assert letter.report_to == ("mayor",)
        assert "报王市长；" in letter.text.zh

    def test_internal_office_goes_to_its_bureau_s_deputy(
        self, city: responsibility.ResponsibilityGraph
    ) -> None:
        """A slow internal office is reported to its bureau's supervising deputy."""
        graph = evolve(city, "tasks", "road-land", assists=("transport-planning",))
        assert responsibility.route_reminder(graph, "road-land", "transport-planning").report_to == (
            "zhang",
            "mayor",
        )

    def test_to_dict(self, city: responsibility.ResponsibilityGraph) -> None:
        """The routing serialises with both languages."""
        data = responsibility.route_reminder(city, "road", "nrp").to_dict()
        assert data["from"] == "transport"
        assert data["copy_to"] == ["duchashi"]
        assert set(data["text"]) == {"zh", "en"}

    def test_slow_unit_must_assist_the_task(self, city: responsibility.ResponsibilityGraph) -> None:
        """Only an assisting unit of the task receives the letter."""
        with pytest.raises(InvalidInputError, match="not an assisting unit"):
            responsibility.route_reminder(city, "road", "audit")

    def test_unknown_ids(self, city: responsibility.ResponsibilityGraph) -> None:
        """Unknown tasks and units raise UnknownNodeError."""
        with pytest.raises(UnknownNodeError):
            responsibility.route_reminder(city, "ghost", "nrp")
        with pytest.raises(UnknownNodeError):
            responsibility.route_reminder(city, "road", "ghost")
        with pytest.raises(InvalidTypeError):
            responsibility.route_reminder(city, None, "nrp")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            responsibility.route_reminder("city", "road", "nrp")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"leads": ()}, "TASK_WITHOUT_LEAD"),
            ({"leads": ("transport", "fgw")}, "TASK_MULTIPLE_LEADS"),
            ({"leads": ("ghost",)}, "UNKNOWN_UNIT"),
            ({"leads": ("nrp",)}, "LEAD_ALSO_ASSISTS"),
        ],
    )
    def test_task_without_a_single_lead(
        self, city: responsibility.ResponsibilityGraph, changes: dict[str, Any], code: str
    ) -> None:
        """No one can send the letter without exactly one known lead (distinct from the slow unit)."""
        with pytest.raises(OrgStructureError) as info:
            responsibility.route_reminder(evolve(city, "tasks", "road", **changes), "road", "nrp")
        assert info.value.code == code

    def test_no_supervision_office(self, city: responsibility.ResponsibilityGraph) -> None:
        """Without a supervision office the letter cannot be copied."""
        with pytest.raises(OrgStructureError) as info:
            responsibility.route_reminder(city.replace(supervision_office=None), "road", "nrp")
        assert info.value.code == "NO_SUPERVISION_OFFICE"

    def test_slow_unit_without_supervisor(self, city: responsibility.ResponsibilityGraph) -> None:
        """A slow unit with no supervising leader has no one to report to."""
        graph = evolve(city, "leaders", "li", supervises={"fgw"})
        with pytest.raises(OrgStructureError, match="finance") as info:
            responsibility.route_reminder(graph, "road", "finance")
        assert info.value.code == "UNIT_WITHOUT_SUPERVISOR"
        assert "没有通往行政首长的升级路径" in (info.value.zh or "")


class TestDisputeCoordinator:
    def test_same_deputy(self, city: responsibility.ResponsibilityGraph) -> None:
        """Seed 002 item 7: transport and nrp disagree; both are Zhang's, so Zhang coordinates."""
        answer = responsibility.dispute_coordinator(city, ["transport", "nrp"])
        assert answer.leader == "zhang"
        assert (answer.common_unit, answer.fallback) == (None, False)
        assert answer.render("zh") == "市交通运输局、市自然资源和规划局之间的分歧：报张副市长协调。"

    def test_different_deputies_go_to_the_head(self, city: responsibility.ResponsibilityGraph) -> None:
        """nrp (Zhang) and finance (Li) meet only at the mayor."""
        answer = responsibility.dispute_coordinator(city, ["nrp", "finance"])
        assert answer.leader == "mayor"
        assert not answer.fallback

    def test_offices_of_one_bureau(self, city: responsibility.ResponsibilityGraph) -> None:
        """A bureau and its own planning section settle it inside the bureau, then with Zhang."""
        answer = responsibility.dispute_coordinator(city, ["transport-planning", "transport"])
        assert answer.common_unit == "transport"
        assert answer.leader == "zhang"
        assert "先由市交通运输局内部协调" in answer.text.zh

    def test_deputies_under_an_executive_deputy(self, city: responsibility.ResponsibilityGraph) -> None:
        """With Zhang reporting to Li (an executive deputy), nrp and finance meet at Li."""
        graph = evolve(city, "leaders", "zhang", reports_to="li")
        assert responsibility.dispute_coordinator(graph, ["nrp", "finance"]).leader == "li"

    def test_one_unit(self, city: responsibility.ResponsibilityGraph) -> None:
        """A single unit's matter goes to its own supervising leader."""
        assert responsibility.dispute_coordinator(city, ("audit",)).leader == "mayor"

    def test_duplicates_are_dropped(self, city: responsibility.ResponsibilityGraph) -> None:
        """The same unit twice is one party."""
        assert responsibility.dispute_coordinator(city, ["nrp", "nrp"]).units == ("nrp",)

    def test_falls_back_to_the_head(self, city: responsibility.ResponsibilityGraph) -> None:
        """A party without an escalation route: the head arbitrates."""
        graph = evolve(city, "leaders", "li", supervises={"fgw"})
        answer = responsibility.dispute_coordinator(graph, ["finance", "nrp"])
        assert (answer.leader, answer.fallback) == ("mayor", True)
        assert answer.to_dict()["fallback"] is True

    def test_no_head_to_fall_back_to(self, city: responsibility.ResponsibilityGraph) -> None:
        """Falling back needs exactly one head."""
        graph = evolve(city, "leaders", "li", reports_to=None)
        graph = graph.replace(leaders=[x for x in graph.leaders if x.id != "mayor"])
        with pytest.raises(OrgStructureError) as info:
            responsibility.dispute_coordinator(graph, ["finance", "nrp"])
        assert info.value.code == "NO_HEAD"

    def test_chains_ending_at_different_heads(self, city: responsibility.ResponsibilityGraph) -> None:
        """Two heads with separate hierarchies have no common coordinator."""
        graph = city.replace(
            leaders=[
                *city.leaders,
                responsibility.Leader("mayor-2", NAME, role=city.leader("mayor").role, supervises={"x"}),
            ],
            units=[*city.units, responsibility.Unit("x", NAME)],
        )
        with pytest.raises(OrgStructureError) as info:
            responsibility.dispute_coordinator(graph, ["x", "nrp"])
        assert info.value.code == "MULTIPLE_HEADS"


class TestEscalationChain:
    def test_internal_office(self, city: responsibility.ResponsibilityGraph) -> None:
        """The planning section escalates through its bureau, its deputy, then the mayor."""
        assert responsibility.escalation_chain(city, "transport-planning") == (
            "transport-planning",
            "transport",
            "zhang",
            "mayor",
        )

    def test_unit_under_the_head(self, city: responsibility.ResponsibilityGraph) -> None:
        """Audit goes straight to the mayor."""
        assert responsibility.escalation_chain(city, "audit") == ("audit", "mayor")

    def test_leader(self, city: responsibility.ResponsibilityGraph) -> None:
        """A deputy's chain is the deputy and the head; the head's is the head."""
        assert responsibility.escalation_chain(city, "li") == ("li", "mayor")
        assert responsibility.escalation_chain(city, "mayor") == ("mayor",)

    def test_supervisor_of_the_office_itself_wins(self, city: responsibility.ResponsibilityGraph) -> None:
        """An office with its own supervising leader escalates to that leader, not via its bureau."""
        graph = evolve(city, "leaders", "li", supervises={"fgw", "finance", "transport-planning"})
        assert responsibility.escalation_chain(graph, "transport-planning") == (
            "transport-planning",
            "li",
            "mayor",
        )

    def test_parent_cycle_broken_by_a_supervisor(self, city: responsibility.ResponsibilityGraph) -> None:
        """Units a ↔ b are each other's parents, but a is Li's: b escalates through a."""
        graph = city.replace(
            units=[
                *city.units,
                responsibility.Unit("a", NAME, parent="b"),
                responsibility.Unit("b", NAME, parent="a"),
            ]
        )
        graph = evolve(graph, "leaders", "li", supervises={"fgw", "finance", "a"})
        assert responsibility.escalation_chain(graph, "b") == ("b", "a", "li", "mayor")

    @pytest.mark.parametrize(
        ("kind", "node", "changes", "asked", "code"),
        [
            ("leaders", "li", {"supervises": {"fgw"}}, "finance", "UNIT_WITHOUT_SUPERVISOR"),
            ("leaders", "li", {"supervises": {"fgw", "finance", "nrp"}}, "nrp", "UNIT_MULTIPLE_SUPERVISORS"),
            ("leaders", "li", {"reports_to": None}, "finance", "DEPUTY_WITHOUT_SUPERIOR"),
            ("leaders", "li", {"reports_to": "governor"}, "fgw", "UNKNOWN_LEADER"),
            ("leaders", "li", {"reports_to": "li"}, "fgw", "SUPERVISION_CYCLE"),
            (
                "units",
                "transport-planning",
                {"parent": "transport-planning"},
                "transport-planning",
                "UNIT_PARENT_CYCLE",
            ),
        ],
    )
    def test_broken_chains(
        self,
        city: responsibility.ResponsibilityGraph,
        kind: str,
        node: str,
        changes: dict[str, Any],
        asked: str,
        code: str,
    ) -> None:
        """A broken chain raises OrgStructureError carrying the finding's code."""
        with pytest.raises(OrgStructureError) as info:
            responsibility.escalation_chain(evolve(city, kind, node, **changes), asked)
        assert info.value.code == code

    def test_cycle_member_itself(self, city: responsibility.ResponsibilityGraph) -> None:
        """A leader on a reports_to cycle has no chain either."""
        graph = evolve(evolve(city, "leaders", "li", reports_to="zhang"), "leaders", "zhang", reports_to="li")
        for node in ("li", "zhang", "nrp"):
            with pytest.raises(OrgStructureError):
                responsibility.escalation_chain(graph, node)


class TestDelayImpact:
    def test_worked_example(self, city: responsibility.ResponsibilityGraph) -> None:
        """The planning section is late: its design project is blocked, and with it the road.
        The earliest time node at risk is the design's 2026-09-30."""
        impact = responsibility.delay_impact(city, "transport-planning")
        assert impact.tasks == ("road-design",)
        assert impact.ancestors == ("road",)
        assert impact.blocked == ("road-design", "road")
        assert impact.earliest_due == dt.date(2026, 9, 30)

    def test_direct_tasks_are_not_repeated_as_ancestors(
        self, city: responsibility.ResponsibilityGraph
    ) -> None:
        """Transport leads the road and assists its land project: both are direct, none is an ancestor."""
        impact = responsibility.delay_impact(city, "transport")
        assert impact.tasks == ("road", "road-land")
        assert impact.ancestors == ()
        assert impact.to_dict()["earliest_due"] == "2026-06-30"

    def test_deep_ancestors(self, city: responsibility.ResponsibilityGraph) -> None:
        """A sub-sub-project blocks every level above it."""
        # fgw assists the audit and leads a survey under the land project under the road.
        deep = responsibility.Task(
            "survey", NAME, leads=("fgw",), leader="li", officer="o-fgw", parent="road-land"
        )
        impact = responsibility.delay_impact(city.replace(tasks=[*city.tasks, deep]), "fgw")
        assert impact.tasks == ("audit-projects", "survey")
        assert impact.ancestors == ("road", "road-land")

    def test_idle_unit(self, city: responsibility.ResponsibilityGraph) -> None:
        """A unit without tasks blocks nothing."""
        graph = city.replace(
            units=[*city.units, responsibility.Unit("idle", NAME, responsibility.UnitKind.INSTITUTION)]
        )
        impact = responsibility.delay_impact(graph, "idle")
        assert impact.blocked == ()
        assert impact.earliest_due is None

    def test_terminates_on_cycles(self, city: responsibility.ResponsibilityGraph) -> None:
        """A parent cycle does not loop forever."""
        graph = evolve(city, "tasks", "road", parent="road-land")
        assert set(responsibility.delay_impact(graph, "transport-planning").blocked) == {
            "road-design",
            "road",
            "road-land",
        }


#: Bad input for each query: the call on the mini city, the error, and what its message says.
BAD_INPUT: dict[
    str, tuple[Callable[[responsibility.ResponsibilityGraph], object], type[Exception], str | None]
] = {
    "workload of an unknown unit": (lambda g: responsibility.workload(g, "ghost"), UnknownNodeError, None),
    "workload of a task": (lambda g: responsibility.workload(g, "road"), UnknownNodeError, None),
    "workload of a number": (lambda g: responsibility.workload(g, 3), InvalidTypeError, None),  # type: ignore[arg-type]
    "workloads of a list": (lambda g: responsibility.workloads([]), InvalidTypeError, None),  # type: ignore[arg-type]
    "dispute of no one": (
        lambda g: responsibility.dispute_coordinator(g, []),
        InvalidInputError,
        "at least one",
    ),
    "dispute with a ghost": (
        lambda g: responsibility.dispute_coordinator(g, ["nrp", "ghost"]),
        UnknownNodeError,
        None,
    ),
    "dispute of a string": (lambda g: responsibility.dispute_coordinator(g, "nrp"), InvalidTypeError, None),
    "chain of a task": (lambda g: responsibility.escalation_chain(g, "road"), UnknownNodeError, None),
    "chain of a ghost": (lambda g: responsibility.escalation_chain(g, "ghost"), UnknownNodeError, None),
    "chain of a list": (lambda g: responsibility.escalation_chain(g, ["nrp"]), InvalidTypeError, None),  # type: ignore[arg-type]
    "delay of a leader": (lambda g: responsibility.delay_impact(g, "zhang"), UnknownNodeError, None),
    "delay in no graph": (lambda g: responsibility.delay_impact(None, "nrp"), InvalidTypeError, None),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input(city: responsibility.ResponsibilityGraph, case: str) -> None:
    """Unknown ids, ids of the wrong kind of node, non-strings and non-graphs are rejected."""
    call, error, match = BAD_INPUT[case]
    with pytest.raises(error, match=match):
        call(city)
