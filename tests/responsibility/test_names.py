"""Unit names as people write them (aliases) resolved to ids through the org chart."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govefficiency import Text, responsibility
from govefficiency.errors import AmbiguousNameError, InvalidTypeError, OrgChartError, UnknownNodeError
from strategies import UNITS_WITH_ALIASES

ORG = UNITS_WITH_ALIASES


def graph() -> responsibility.ResponsibilityGraph:
    return responsibility.loads_org(ORG)


class TestResolveUnit:
    def test_id_name_and_alias(self) -> None:
        """An id, a name in either language and an alias all resolve to the unit id."""
        g = graph()
        for name in ("edu", "南阳市教育局", "Education Bureau", "市教育局", " 教育局 "):
            assert responsibility.resolve_unit(g, name) == "edu"
        assert responsibility.resolve_units(g, ["市教育局", "南阳市财政局"]) == ("edu", "finance")

    def test_unknown_name_suggests(self) -> None:
        """An unknown name is an error naming the closest known names."""
        with pytest.raises(UnknownNodeError, match="市教育局"):
            responsibility.resolve_unit(graph(), "市教育")

    def test_ambiguous_name(self) -> None:
        """A name two units carry lists both."""
        g = responsibility.ResponsibilityGraph(
            units=[
                responsibility.Unit("a", Text("甲", "A"), aliases=("局",)),
                responsibility.Unit("b", Text("乙", "B"), aliases=("局",)),
            ]
        )
        with pytest.raises(AmbiguousNameError, match="a \\(甲\\), b \\(乙\\)"):
            responsibility.resolve_unit(g, "局")
        assert responsibility.unit_names(g)["局"] == ("a", "b")

    def test_bad_input(self) -> None:
        """A non-string, a blank name, a non-graph and a lone string list are refused."""
        g = graph()
        with pytest.raises(InvalidTypeError):
            responsibility.resolve_unit(g, 3)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            responsibility.resolve_unit(g, "  ")
        with pytest.raises(InvalidTypeError):
            responsibility.resolve_unit("org", "edu")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            responsibility.resolve_units(g, "edu")
        with pytest.raises(InvalidTypeError):
            responsibility.Unit("x", Text("x", "x"), aliases="单一")  # type: ignore[arg-type]

    @given(st.text(max_size=12))
    def test_any_text_resolves_or_raises_a_library_error(self, name: str) -> None:
        """Fuzz: any string either resolves to a unit id or raises a library error."""
        g = graph()
        with contextlib.suppress(UnknownNodeError, InvalidTypeError, AmbiguousNameError):
            assert responsibility.resolve_unit(g, name) in ("edu", "finance")


class TestAliasFiles:
    def test_round_trip(self) -> None:
        """Aliases are written and read back by the org-chart format."""
        g = graph()
        again = responsibility.loads_org(responsibility.dumps_org(g))
        assert again.unit("edu").aliases == ("市教育局", "教育局")
        assert again == g

    def test_bad_alias_in_file(self) -> None:
        """An alias list that is not a list of names is a located file error."""
        with pytest.raises(OrgChartError, match="aliases"):
            responsibility.loads_org('[[units]]\nid = "a"\nname = "甲"\naliases = "甲局"\n')
