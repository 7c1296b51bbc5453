"""ResponsibilityGraph: construction, look-ups, value semantics and the networkx view."""

from __future__ import annotations

import pickle

import networkx as nx
import pytest

from govefficiency.errors import InvalidInputError, InvalidTypeError, UnknownNodeError
from govefficiency.responsibility import (
    Duty,
    Leader,
    NodeKind,
    Officer,
    ResponsibilityGraph,
    SupervisionOffice,
    Task,
    Unit,
)
from govefficiency.text import Text

NAME = Text("名称", "name")


class TestConstruction:
    def test_empty_graph(self) -> None:
        """A graph may be empty (check() then reports what is missing)."""
        graph = ResponsibilityGraph()
        assert graph.units == graph.tasks == ()
        assert graph.supervision_office is None

    def test_ids_share_one_namespace(self) -> None:
        """A unit and a task may not have the same id."""
        with pytest.raises(InvalidInputError, match="'x' is used twice"):
            ResponsibilityGraph(units=[Unit("x", NAME)], tasks=[Task("x", NAME)])

    def test_supervision_office_id_is_in_the_namespace(self) -> None:
        """The supervision office's id may not be reused."""
        with pytest.raises(InvalidInputError, match="supervision office"):
            ResponsibilityGraph(units=[Unit("x", NAME)], supervision_office=SupervisionOffice("x", NAME))

    def test_duplicate_duty(self) -> None:
        """The same unit listing the same duty twice is rejected."""
        with pytest.raises(InvalidInputError, match="twice"):
            ResponsibilityGraph(units=[Unit("u", NAME)], duties=[Duty("u", "k"), Duty("u", "k")])

    def test_wrong_record_type(self) -> None:
        """Each collection holds records of its own type."""
        with pytest.raises(InvalidTypeError, match="only Unit records"):
            ResponsibilityGraph(units=[Task("t", NAME)])  # type: ignore[list-item]

    def test_collection_must_be_iterable(self) -> None:
        """A single record is not a collection."""
        with pytest.raises(InvalidTypeError, match="iterable of Unit"):
            ResponsibilityGraph(units=Unit("u", NAME))  # type: ignore[arg-type]

    def test_string_is_not_a_collection(self) -> None:
        """A string is rejected rather than iterated."""
        with pytest.raises(InvalidTypeError):
            ResponsibilityGraph(tasks="t1")  # type: ignore[arg-type]

    def test_bad_office_and_name(self) -> None:
        """The supervision office and the name have their own types."""
        with pytest.raises(InvalidTypeError, match="SupervisionOffice"):
            ResponsibilityGraph(supervision_office=Unit("u", NAME))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="name"):
            ResponsibilityGraph(name="示例市")  # type: ignore[arg-type]

    def test_unknown_references_are_accepted(self) -> None:
        """References to missing ids are findings, not construction errors."""
        graph = ResponsibilityGraph(tasks=[Task("t", NAME, leads=("ghost",), parent="nowhere")])
        assert graph.task("t").leads == ("ghost",)


class TestLookups:
    def test_records_by_id(self, city: ResponsibilityGraph) -> None:
        """unit(), leader(), officer() and task() return the records."""
        assert city.unit("finance").name.zh == "市财政局"
        assert city.leader("zhang").reports_to == "mayor"
        assert city.officer("o-plan").unit == "transport-planning"
        assert city.task("road").leads == ("transport",)

    @pytest.mark.parametrize("method", ["unit", "leader", "officer", "task", "kind"])
    def test_unknown_id(self, city: ResponsibilityGraph, method: str) -> None:
        """Asking for an id the graph does not hold raises UnknownNodeError."""
        with pytest.raises(UnknownNodeError, match="ghost"):
            getattr(city, method)("ghost")

    def test_lookup_of_the_wrong_kind(self, city: ResponsibilityGraph) -> None:
        """A leader's id is not a unit."""
        with pytest.raises(UnknownNodeError, match="unit"):
            city.unit("zhang")

    def test_non_string_id(self, city: ResponsibilityGraph) -> None:
        """A non-string id is simply not in the graph."""
        with pytest.raises(UnknownNodeError):
            city.task(3)  # type: ignore[arg-type]
        assert 3 not in city

    def test_kind_and_contains(self, city: ResponsibilityGraph) -> None:
        """Every id has one kind."""
        assert city.kind("duchashi") is NodeKind.SUPERVISION_OFFICE
        assert city.kind("o-nrp") is NodeKind.OFFICER
        assert "road" in city
        assert "ghost" not in city

    def test_name_of(self, city: ResponsibilityGraph) -> None:
        """name_of gives each node's display name, and the id for unknown ids."""
        assert city.name_of("road").en == "Build the ring expressway"
        assert city.name_of("duchashi").zh == "市政府督查室"
        assert city.name_of("mayor").en == "Mayor Wang"
        assert city.name_of("o-nrp").zh == "孙三"
        assert city.name_of("finance").zh == "市财政局"
        assert city.name_of("ghost") == Text("ghost", "ghost")

    def test_subtasks(self, city: ResponsibilityGraph) -> None:
        """subtasks() lists a task's direct sub-projects in list order."""
        assert city.subtasks("road") == ("road-land", "road-design")
        assert city.subtasks("road-land") == ()
        with pytest.raises(UnknownNodeError):
            city.subtasks("ghost")

    def test_supervisors_of(self, city: ResponsibilityGraph) -> None:
        """supervisors_of() lists who names the unit in their portfolio."""
        assert city.supervisors_of("nrp") == ("zhang",)
        assert city.supervisors_of("transport-planning") == ()
        with pytest.raises(UnknownNodeError):
            city.supervisors_of("zhang")


class TestValueSemantics:
    def test_equal_graphs_from_equal_records(self, city: ResponsibilityGraph) -> None:
        """Two graphs built from the same records are equal and hash alike."""
        again = city.replace()
        assert again == city
        assert hash(again) == hash(city)
        assert city != "not a graph"

    def test_replace_changes_one_collection(self, city: ResponsibilityGraph) -> None:
        """replace() builds a new graph and leaves the old one alone."""
        smaller = city.replace(tasks=city.tasks[:1])
        assert len(smaller.tasks) == 1
        assert len(city.tasks) == 4
        assert smaller != city

    def test_replace_rejects_unknown_arguments(self, city: ResponsibilityGraph) -> None:
        """A misspelt argument is an error."""
        with pytest.raises(InvalidInputError, match="task"):
            city.replace(task=())

    def test_pickle_round_trip(self, city: ResponsibilityGraph) -> None:
        """The graph pickles and unpickles to an equal, working graph."""
        clone = pickle.loads(pickle.dumps(city))
        assert clone == city
        assert clone.subtasks("road") == ("road-land", "road-design")

    def test_records_are_immutable(self, city: ResponsibilityGraph) -> None:
        """The graph has no setters."""
        with pytest.raises(AttributeError):
            city.units = ()  # type: ignore[misc]

    def test_repr(self, city: ResponsibilityGraph) -> None:
        """The repr names the organisation and its size."""
        assert repr(city) == "<ResponsibilityGraph '示例市人民政府': 6 units, 3 leaders, 4 tasks>"


class TestToNetworkx:
    def test_typed_nodes(self, city: ResponsibilityGraph) -> None:
        """Every record is a node with its kind and bilingual name."""
        g = city.to_networkx()
        assert isinstance(g, nx.MultiDiGraph)
        assert g.nodes["zhang"]["kind"] == "leader"
        assert g.nodes["transport"]["duties"] == ("road-maintenance",)
        assert g.nodes["road-land"]["due"] == "2026-06-30"
        assert g.nodes["o-plan"]["post_zh"] == "规划科科长"
        assert g.number_of_nodes() == 6 + 3 + 1 + 5 + 4

    def test_typed_edges(self, city: ResponsibilityGraph) -> None:
        """Edges carry their relation as key and attribute."""
        g = city.to_networkx()
        assert g.has_edge("road", "transport", key="lead")
        assert g.has_edge("road", "nrp", key="assist")
        assert g.has_edge("zhang", "nrp", key="supervises")
        assert g.has_edge("zhang", "mayor", key="reports_to")
        assert g.has_edge("transport-planning", "transport", key="part_of")
        assert g.has_edge("road-land", "road", key="subtask_of")
        assert g.has_edge("o-nrp", "nrp", key="works_in")
        assert g.edges["road-land", "o-nrp", "officer"]["rel"] == "officer"

    def test_unknown_references_are_left_out(self) -> None:
        """An edge to a missing id does not create a phantom node."""
        graph = ResponsibilityGraph(
            units=[Unit("u", NAME)],
            leaders=[Leader("l", NAME, supervises={"u", "ghost"})],
            officers=[Officer("o", "ghost-unit", NAME)],
        )
        g = graph.to_networkx()
        assert set(g.nodes) == {"u", "l", "o"}
        assert g.number_of_edges() == 1

    def test_returns_a_fresh_copy(self, city: ResponsibilityGraph) -> None:
        """Changing the returned graph does not change the next one."""
        g = city.to_networkx()
        g.remove_node("mayor")
        assert "mayor" in city.to_networkx()


def test_deeply_nested_offices_load_and_check():
    """5,000 internal offices each inside the previous one: the hierarchy is resolved in
    linear time (it used to be cubic: 4,000 levels took about a minute) and lines are
    built only when asked for. No timing is asserted; the size alone would hang the
    old code."""
    from govefficiency.responsibility import check
    from govefficiency.testing import org_chart

    n = 5_000
    ids = [f"u{i}" for i in range(n)]
    graph = org_chart(
        ("市", "City"),
        ("duchashi", ("督查室", "Supervision")),
        {"mayor": ("市长", "Mayor")} | {key: (key, key) for key in ids},
        leaders=[("mayor", {"u0"}, None)],
        units=[("u0",)] + [(ids[i], ids[i - 1]) for i in range(1, n)],
    )
    assert check(graph) == []
    ix = graph._ix
    assert len(ix.unit_line[f"u{n - 1}"]) == n
    assert ix.chain[f"u{n - 1}"][-2:] == ("u0", "mayor")
