"""The reward (top) and sanction (bottom) lists: a vetoed unit is never rewarded, and no unit
is on both lists (defect 3 of stop 24). Each test writes the ranking out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment._helpers import ind, inputs, key_work_veto, scheme
from govefficiency import assessment
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.findings import Severity
from govefficiency.text import Text

Q3 = "2026Q3"


def _scheme(top: int, bottom: int) -> assessment.Scheme:
    """One indicator c worth 100 (linear 0→100, so the total is the value), a key-work veto
    capping the grade at pass, and the given list sizes."""
    return scheme(
        [ind("c", 100)],
        vetoes=[key_work_veto("key-work", "pass")],
        facts=[assessment.Fact("key", Text("未完成重点工作", "key work unfinished"))],
        ranking=assessment.Ranking(top=top, bottom=bottom),
    )


def _run(top: int, bottom: int, data: dict[str, tuple[float, int]]) -> assessment.AssessmentReport:
    """``data``: unit → (total, unfinished key items)."""
    return assessment.assess(
        _scheme(top, bottom), inputs({u: {"c": t, "key": k} for u, (t, k) in data.items()}), Q3
    )


def _codes(report: assessment.AssessmentReport) -> list[str]:
    return [f.code for f in report.findings]


class TestTheTutorialCase:
    def test_two_units_top_two_bottom_one_vetoed_second(self) -> None:
        """The defect: a 92.5, b 68.5 vetoed; top 2, bottom 1 named b on both lists."""
        # ranking: a 1, b 2. bottom 1 = {b}. top 2 among the units NOT vetoed = {a} (b is
        # vetoed). Lists: top (a), bottom (b); top + bottom = 3 > 2 ranked → RANK_LISTS_OVERLAP
        # (warning), naming no unit since none is on both after the veto.
        r = _run(2, 1, {"a": (92.5, 0), "b": (68.5, 1)})
        assert r.top["unit"] == ("a",)
        assert r.bottom["unit"] == ("b",)
        overlap = next(f for f in r.findings if f.code == "RANK_LISTS_OVERLAP")
        assert overlap.severity is Severity.WARNING
        assert overlap.subject == ("unit",)
        assert "no unit would be on both lists" in overlap.message.en
        assert "本期没有单位会同时列入两份名单" in overlap.message.zh
        barred = next(f for f in r.findings if f.code == "REWARD_BARRED_BY_VETO")
        assert barred.subject == ("b", "key-work")
        assert "ranks 2, within the top 2" in barred.message.en
        assert barred.citation is not None


class TestVetoBarsReward:
    def test_vetoed_first_is_not_rewarded_and_the_next_fills_the_list(self) -> None:
        """a 95 (vetoed) 1, b 90 2, c 80 3, d 70 4; top 1, bottom 1."""
        # top 1 among units not vetoed: b (rank 2) fills the slot a lost; bottom 1: d.
        # 1 + 1 = 2 ≤ 4 ranked and the lists do not meet: no RANK_LISTS_OVERLAP.
        r = _run(1, 1, {"a": (95, 1), "b": (90, 0), "c": (80, 0), "d": (70, 0)})
        assert r.unit("a").rank == 1  # the veto caps the grade, it does not change the rank
        assert r.unit("a").grade == "pass"
        assert r.top["unit"] == ("b",)
        assert r.bottom["unit"] == ("d",)
        assert "RANK_LISTS_OVERLAP" not in _codes(r)
        assert _codes(r).count("REWARD_BARRED_BY_VETO") == 1

    def test_vetoed_unit_outside_the_top_gets_no_reward_finding(self) -> None:
        """a 95 1, b 90 2, c 80 (vetoed) 3; top 1, bottom 1: c is sanctioned, nothing barred."""
        r = _run(1, 1, {"a": (95, 0), "b": (90, 0), "c": (80, 1)})
        assert r.top["unit"] == ("a",)
        assert r.bottom["unit"] == ("c",)
        assert "REWARD_BARRED_BY_VETO" not in _codes(r)

    def test_every_unit_vetoed_leaves_the_top_list_empty(self) -> None:
        """a 95, b 90, c 80, all vetoed; top 1, bottom 1: nobody rewarded, c sanctioned."""
        r = _run(1, 1, {"a": (95, 1), "b": (90, 1), "c": (80, 1)})
        assert r.top["unit"] == ()
        assert r.bottom["unit"] == ("c",)
        assert _codes(r).count("REWARD_BARRED_BY_VETO") == 1  # only a is within the top 1

    def test_tie_at_the_top_edge_with_a_vetoed_unit(self) -> None:
        """a 90 and b 90 tie at rank 1, b vetoed; c 80 3, d 70 4; top 1, bottom 1."""
        # nominal top 1 = ranks ≤ 1 = {a, b}: b is barred; among units not vetoed the first is
        # a (rank 1): top (a). bottom 1 = rank 4 = {d}.
        r = _run(1, 1, {"a": (90, 0), "b": (90, 1), "c": (80, 0), "d": (70, 0)})
        assert r.top["unit"] == ("a",)
        assert r.bottom["unit"] == ("d",)
        assert _codes(r).count("REWARD_BARRED_BY_VETO") == 1


class TestNeverBothLists:
    def test_more_places_than_units(self) -> None:
        """a 90 1, b 80 2; no veto; top 2, bottom 1."""
        # top 2 = {a, b}; bottom 1 = {b}: b is on both → on neither. Lists: top (a), bottom ().
        r = _run(2, 1, {"a": (90, 0), "b": (80, 0)})
        assert r.top["unit"] == ("a",)
        assert r.bottom["unit"] == ()
        overlap = next(f for f in r.findings if f.code == "RANK_LISTS_OVERLAP")
        assert overlap.subject == ("unit", "b")
        assert "b on neither list; the assessing body decides" in overlap.message.en
        assert "b 不列入任何一份" in overlap.message.zh

    def test_one_unit(self) -> None:
        """A single ranked unit with top 3, bottom 3 (the defaults) is on neither list."""
        r = _run(3, 3, {"a": (90, 0)})
        assert (r.top["unit"], r.bottom["unit"]) == ((), ())
        assert "RANK_LISTS_OVERLAP" in _codes(r)

    def test_ties_make_the_lists_meet(self) -> None:
        """a, b, c all 80, tied at rank 1; top 1, bottom 1 (1 + 1 ≤ 3, but the ties meet)."""
        # top 1 with ties = {a, b, c}; bottom 1 with ties = ranks ≥ 1 = {a, b, c}: all on both.
        r = _run(1, 1, {"a": (80, 0), "b": (80, 0), "c": (80, 0)})
        assert (r.top["unit"], r.bottom["unit"]) == ((), ())
        overlap = next(f for f in r.findings if f.code == "RANK_LISTS_OVERLAP")
        assert "with ties at the edge" in overlap.message.en
        assert overlap.subject == ("unit", "a", "b", "c")

    def test_enough_units_no_finding(self) -> None:
        """a 90, b 80, c 70; top 1, bottom 1: a rewarded, c sanctioned, no finding."""
        r = _run(1, 1, {"a": (90, 0), "b": (80, 0), "c": (70, 0)})
        assert (r.top["unit"], r.bottom["unit"]) == (("a",), ("c",))
        assert "RANK_LISTS_OVERLAP" not in _codes(r)

    def test_no_lists_no_finding(self) -> None:
        """top 0 and bottom 0: no lists, nothing to report, even with one unit."""
        r = _run(0, 0, {"a": (90, 0)})
        assert (r.top["unit"], r.bottom["unit"]) == ((), ())
        assert "RANK_LISTS_OVERLAP" not in _codes(r)

    def test_json_carries_the_corrected_lists(self) -> None:
        r = _run(2, 1, {"a": (92.5, 0), "b": (68.5, 1)})
        cat = r.to_dict()["categories"][0]
        assert (cat["top"], cat["bottom"]) == (["a"], ["b"])


@settings(max_examples=150, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from("abcdefg"),
        st.tuples(st.sampled_from([50.0, 60.0, 70.0, 80.0, 90.0]), st.integers(0, 1)),
        min_size=1,
    ),
    top=st.integers(0, 5),
    bottom=st.integers(0, 5),
)
def test_lists_never_meet_and_never_reward_a_veto(
    data: dict[str, tuple[float, int]], top: int, bottom: int
) -> None:
    r = _run(top, bottom, data)
    rewarded, sanctioned = set(r.top["unit"]), set(r.bottom["unit"])
    assert not rewarded & sanctioned
    assert all(not r.unit(u).vetoes for u in rewarded)
    if top and bottom and top + bottom > len(data):
        assert "RANK_LISTS_OVERLAP" in _codes(r)


@pytest.mark.parametrize(
    ("value", "error"),
    [(-1, InvalidInputError), (1.5, InvalidTypeError), (True, InvalidTypeError), ("2", InvalidTypeError)],
)
def test_ranking_refuses_a_bad_list_size(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"Ranking\.top"):
        assessment.Ranking(top=value)  # type: ignore[arg-type]
    with pytest.raises(error, match=r"Ranking\.bottom"):
        assessment.Ranking(bottom=value)  # type: ignore[arg-type]
