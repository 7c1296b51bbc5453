"""The catalogue: model, files, checks and the lookup protocol."""

from __future__ import annotations

import json

import pytest

from govefficiency.deadlines import CalendarDays, RuleRegistry, WorkingDays, rule_presets
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.services import (
    Catalogue,
    CatalogueFileError,
    ItemLookup,
    Post,
    UnknownServiceItemError,
    check_catalogue,
    dumps_catalogue,
    load_catalogue,
    loads_catalogue,
)
from strategies import rule_doc

from .conftest import DATA, catalogue, file_error, item


def codes(cat: Catalogue) -> list[str]:
    return sorted(f.code for f in check_catalogue(cat))


class TestChecks:
    def test_example_catalogue_is_clean(self) -> None:
        """The example catalogue has no findings."""
        assert check_catalogue(load_catalogue(DATA / "catalogue.toml")) == []

    def test_commitment_longer_than_statute(self) -> None:
        """25 working days committed against 20 statutory is an error naming both dates."""
        found = check_catalogue(catalogue(item(committed=WorkingDays(25))))
        assert [f.code for f in found] == ["COMMITMENT_EXCEEDS_STATUTE"]
        assert "20" in found[0].message.en
        assert "e.g. counted from" in found[0].message.en

    def test_equal_commitment_is_fine(self) -> None:
        """A commitment equal to the statute is allowed (≤)."""
        assert codes(catalogue(item(committed=WorkingDays(20)))) == []

    def test_calendar_day_commitment_compared_from_same_start(self) -> None:
        """30 calendar days against 20 working days ends later from some starts: an error;
        20 calendar days never does."""
        assert codes(catalogue(item(committed=CalendarDays(30)))) == ["COMMITMENT_EXCEEDS_STATUTE"]
        assert codes(catalogue(item(committed=CalendarDays(20)))) == []

    def test_comparison_undetermined_on_a_short_calendar(self) -> None:
        """A calendar too short to compare the limits gives an info finding, not a guess."""
        import datetime as dt

        from govefficiency.calendar import WorkCalendar

        short = WorkCalendar.custom(dt.date(2026, 1, 1), dt.date(2026, 2, 28), name="short")
        found = check_catalogue(catalogue(item(committed=CalendarDays(30))), calendar=short)
        assert [f.code for f in found] == ["COMPARISON_UNDETERMINED"]

    def test_item_without_unit(self) -> None:
        assert codes(catalogue(item(unit=None))) == ["ITEM_WITHOUT_COMPETENT_UNIT"]

    def test_post_without_b(self) -> None:
        assert codes(catalogue(item(), posts=(Post("w1", "wang"),))) == ["POST_WITHOUT_B_OFFICER"]

    def test_a_is_b(self) -> None:
        assert codes(catalogue(item(), posts=(Post("w1", "wang", "wang"),))) == ["A_OFFICER_IS_B_OFFICER"]

    def test_unknown_rule(self) -> None:
        """An unknown rule id is a finding, not an exception (and no comparison is attempted)."""
        assert codes(catalogue(item(rule="licensing.nope"))) == ["UNKNOWN_RULE"]

    def test_backward_rule_is_unsuitable(self) -> None:
        assert codes(catalogue(item(rule="licensing.renewal_decision"))) == ["UNSUITABLE_RULE"]

    def test_posts_and_materials(self) -> None:
        assert codes(catalogue(item(post="nowhere"))) == ["UNKNOWN_POST"]
        assert codes(catalogue(item(post=None))) == ["ITEM_WITHOUT_POST"]
        assert codes(catalogue(item(materials=()))) == ["ITEM_WITHOUT_MATERIALS"]

    def test_commitment_excess_bad_input(self) -> None:
        from govefficiency import china_calendar
        from govefficiency.errors import CalendarCoverageError
        from govefficiency.services import commitment_excess

        with pytest.raises(InvalidTypeError):
            commitment_excess(20, WorkingDays(20), china_calendar())  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            commitment_excess(WorkingDays(20), WorkingDays(20), "CN")  # type: ignore[arg-type]
        with pytest.raises(CalendarCoverageError):
            commitment_excess(WorkingDays(9000), WorkingDays(20), china_calendar())

    def test_bad_input(self) -> None:
        with pytest.raises(InvalidTypeError):
            check_catalogue("catalogue.toml")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            check_catalogue(catalogue(), calendar="CN")  # type: ignore[arg-type]


class TestProtocol:
    def test_contains_and_get(self) -> None:
        """The approvals module's protocol: membership and look-up."""
        cat = catalogue()
        assert isinstance(cat, ItemLookup)
        assert "food" in cat
        assert "nope" not in cat
        assert 3 not in cat
        assert cat.get("food").id == "food"
        with pytest.raises(UnknownServiceItemError) as err:
            cat.get("nope")
        assert isinstance(err.value, LookupError)
        assert "清单" in (err.value.zh or "")
        with pytest.raises(InvalidTypeError):
            cat.get(3)  # type: ignore[arg-type]


class TestModel:
    def test_duplicate_ids(self) -> None:
        with pytest.raises(InvalidInputError):
            Catalogue((item(), item()))
        with pytest.raises(InvalidInputError):
            Catalogue((item(),), (Post("w1", "a", "b"), Post("w1", "c", "d")))

    def test_bad_fields(self) -> None:
        with pytest.raises(InvalidTypeError):
            item(committed=20)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            Post("w 1", "a", "b")
        with pytest.raises(InvalidTypeError):
            Catalogue(("food",))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            Catalogue((item(),), rules="presets")  # type: ignore[arg-type]


class TestFiles:
    def test_round_trip_json(self) -> None:
        cat = load_catalogue(DATA / "catalogue.toml")
        again = loads_catalogue(dumps_catalogue(cat), fmt="json")
        assert again == cat

    def test_located_errors(self) -> None:
        """A misspelt key and a bad unit are reported with the key path."""
        assert "items[0]" in file_error(
            loads_catalogue, '[[items]]\nid = "x"\nname = "X"\nrule = "licensing.decision"\ncommited = 3\n'
        )
        assert "items[0].committed.unit" in file_error(
            loads_catalogue,
            '[[items]]\nid = "x"\nname = "X"\nrule = "r"\ncommitted = { unit = "weeks", length = 3 }\n',
        )
        with pytest.raises(CatalogueFileError):
            loads_catalogue(
                '[[items]]\nid = "x y"\nname = "X"\nrule = "r"\ncommitted = { unit = "days", length = 3 }\n'
            )
        with pytest.raises(CatalogueFileError):
            load_catalogue(DATA / "missing.toml")
        with pytest.raises(InvalidTypeError):
            loads_catalogue(b"x")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            dumps_catalogue("x")  # type: ignore[arg-type]

    def test_local_rules(self, tmp_path: object) -> None:
        """A locality's own rule is found when its registry is passed."""
        rules = rule_presets().extended(
            RuleRegistry.load(
                {
                    "rules": [
                        rule_doc(
                            "county.certificate",
                            ("证明", "certificate"),
                            ("县规定", "county rule"),
                            "working_days",
                            3,
                            ("受理", "acceptance"),
                        )
                    ]
                }
            )
        )
        data = json.loads(
            dumps_catalogue(catalogue(item(rule="county.certificate", committed=WorkingDays(2))))
        )
        assert check_catalogue(load_catalogue(data, rules=rules)) == []
        assert [f.code for f in check_catalogue(load_catalogue(data))] == ["UNKNOWN_RULE"]
        with pytest.raises(InvalidTypeError):
            load_catalogue(data, rules={})  # type: ignore[arg-type]
