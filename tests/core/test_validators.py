"""The one id rule and the shared field validators (``govefficiency._validators``)."""

from __future__ import annotations

import contextlib
import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govefficiency._validators import (
    MAX_ID_LENGTH,
    check_bool,
    check_count,
    check_id,
    check_ids,
    check_text,
    optional,
    tuple_of,
    valid_date,
    valid_id,
    valid_instant,
)
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError, NaiveDatetimeError


@pytest.mark.parametrize("good", ["transport-bureau", "市交通局", "T2026-01", 'a"b', "x" * MAX_ID_LENGTH])
def test_valid_ids(good):
    assert check_id(good, "id") == good


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "transport bureau",  # inner space: once valid in the ledger and in escalation
        " lead",
        "tab\there",
        "new\nline",
        "\u200b",  # zero-width space only
        "a\u200bb",
        "\u202eabc",  # bidi override
        "nul\x00",
        "x" * (MAX_ID_LENGTH + 1),
    ],
)
def test_invalid_ids(bad):
    with pytest.raises(InvalidInputError, match="not a valid id"):
        check_id(bad, "id")


def _reference_id_problem(value: str) -> str | None:
    """The id rule read straight from its definition, one character at a time."""
    if not value:
        return "it is empty"
    if len(value) > MAX_ID_LENGTH:
        return f"it has {len(value)} characters (at most {MAX_ID_LENGTH})"
    for ch in value:
        if ch.isspace():
            return f"it contains whitespace ({ch!r})"
        if (
            ch
            in "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        ):
            return f"it contains the invisible character U+{ord(ch):04X}"
        if not ch.isprintable():
            return f"it contains the control character U+{ord(ch):04X}"
    return None


_TRICKY = st.sampled_from(
    list(" \t\n\x00\x85\xa0\u2028\u3000\u200b\u200d\u2060\ufeff\u202a\u202e\u2066\u2069\u200e\u061c\ue000")
)


@given(st.lists(st.one_of(st.characters(), _TRICKY, st.sampled_from("ab市-_"))).map("".join))
def test_fast_id_check_agrees_with_the_reference(value):
    """check_id's fast path (isprintable, in C) accepts and refuses exactly what the
    character-by-character rule does, with the same message."""
    from govefficiency._validators import id_problem

    expected = _reference_id_problem(value)
    assert id_problem(value) == expected
    if expected is None:
        assert check_id(value, "id") == value
    else:
        with pytest.raises(InvalidInputError, match="not a valid id") as caught:
            check_id(value, "id")
        assert expected in str(caught.value)


@pytest.mark.parametrize("bad", [None, 7, True, b"abc", ["a"]])
def test_non_string_ids(bad):
    with pytest.raises(InvalidTypeError):
        check_id(bad, "id")


def test_the_same_rule_in_every_module():
    """An id refused by one module is refused by all (org chart, ledger, cases, specs)."""
    from govefficiency.escalation import CaseParties
    from govefficiency.ledger._fields import check_id as ledger_id
    from govefficiency.responsibility import Unit
    from govefficiency.text import Text

    for bad in ("transport bureau", "\u200b", "x" * 129):
        with pytest.raises(GovEfficiencyError):
            ledger_id(bad, "id")
        with pytest.raises(GovEfficiencyError):
            Unit(bad, Text("甲", "A"))
        with pytest.raises(GovEfficiencyError):
            CaseParties(lead_unit=bad)


def test_check_ids_refuses_a_lone_string_and_repeats():
    assert check_ids(["a", "b"], "units") == ("a", "b")
    with pytest.raises(InvalidTypeError):
        check_ids("ab", "units")
    with pytest.raises(InvalidInputError, match="twice"):
        check_ids(["a", "a"], "units")
    assert check_ids(["a", "a"], "units", unique=False) == ("a", "a")


@pytest.mark.parametrize("bad", ["", "   ", "\u200b\u202e", "a\x00b"])
def test_check_text_refuses_blank_invisible_and_nul(bad):
    with pytest.raises(InvalidInputError):
        check_text(bad, "narrative")


def test_check_text_allows_newlines_and_empty_when_asked():
    assert check_text("第一行\n第二行", "t") == "第一行\n第二行"
    assert check_text("", "t", empty=True) == ""
    with pytest.raises(InvalidInputError, match="at most 3"):
        check_text("abcd", "t", max_length=3)


def test_counts_and_bools_are_strict():
    assert check_count(3, "n", minimum=1) == 3
    with pytest.raises(InvalidTypeError):
        check_count(True, "n")
    with pytest.raises(InvalidTypeError):
        check_count(0.9, "n")
    with pytest.raises(InvalidInputError):
        check_count(0, "n", minimum=1)
    with pytest.raises(InvalidInputError):
        check_count(11, "n", maximum=10)
    assert check_bool(False, "b") is False
    with pytest.raises(InvalidTypeError):
        check_bool("no", "b")


def test_validator_factories_name_the_field():
    @attrs.frozen
    class Thing:
        id: str = attrs.field(validator=valid_id())
        on: dt.date | None = attrs.field(default=None, validator=optional(valid_date()))
        at: tuple[dt.datetime, ...] = attrs.field(default=(), validator=tuple_of(valid_instant()))

    Thing("a", dt.date(2026, 1, 1))
    with pytest.raises(InvalidInputError, match=r"Thing\.id"):
        Thing("a b")
    with pytest.raises(GovEfficiencyError):
        Thing("a", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(NaiveDatetimeError):
        Thing("a", at=(dt.datetime(2026, 1, 1),))
    with pytest.raises(InvalidTypeError):
        Thing("a", at=[])  # type: ignore[arg-type]


@given(st.text(max_size=140))
def test_fuzz_check_id_raises_only_library_errors(text):
    with contextlib.suppress(GovEfficiencyError):
        assert check_id(text, "id") == text
