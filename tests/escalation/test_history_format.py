"""The escalation history file format (``history``): one declaration for the loader, the
writer and the JSON Schema, byte-compatible with the files written before it existed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.errors import EscalationError, HistoryFileError, InvalidTypeError
from govefficiency.escalation import (
    AckKind,
    Acknowledgement,
    ActionKey,
    dump_history,
    dumps_history,
    load_acknowledgements,
    load_history,
    loads_history,
    save_history,
)
from govefficiency.escalation._history import HISTORY
from govefficiency.testing import run_cli
from strategies import json_garbage

D = dt.date

# -- golden: save_history's bytes (written before the format was declared; must not change) --

K_T2 = ActionKey("T2", "red", D(2026, 10, 12), 1)
K_T1Y = ActionKey("T1", "yellow", D(2026, 10, 12), 0)
K_CN = ActionKey("市住建局-改造", "red", D(2026, 9, 30), 0)
K_T1R = ActionKey("T1", "red", D(2026, 10, 12), 0)
K_T9 = ActionKey("T9", "red", D(2027, 1, 4), 2)
GOLDEN_ACKS = (
    Acknowledgement(K_T1R, AckKind.SIGNED, D(2026, 10, 14)),
    Acknowledgement(K_T1R, AckKind.FEEDBACK, D(2026, 10, 16)),
    Acknowledgement(K_CN, AckKind.FEEDBACK, D(2026, 10, 9)),
    Acknowledgement(K_T9, AckKind.SIGNED, D(2027, 1, 5)),  # a key known only by its acknowledgement
)
GOLDEN = (
    "[\n"
    " {\n"
    '  "case": "T1",\n'
    '  "level": "red",\n'
    '  "due_date": "2026-10-12",\n'
    '  "occurrence": 0,\n'
    '  "signed_on": "2026-10-14",\n'
    '  "feedback_on": "2026-10-16"\n'
    " },\n"
    " {\n"
    '  "case": "T1",\n'
    '  "level": "yellow",\n'
    '  "due_date": "2026-10-12",\n'
    '  "occurrence": 0\n'
    " },\n"
    " {\n"
    '  "case": "T2",\n'
    '  "level": "red",\n'
    '  "due_date": "2026-10-12",\n'
    '  "occurrence": 1\n'
    " },\n"
    " {\n"
    '  "case": "T9",\n'
    '  "level": "red",\n'
    '  "due_date": "2027-01-04",\n'
    '  "occurrence": 2,\n'
    '  "signed_on": "2027-01-05"\n'
    " },\n"
    " {\n"
    '  "case": "市住建局-改造",\n'
    '  "level": "red",\n'
    '  "due_date": "2026-09-30",\n'
    '  "occurrence": 0,\n'
    '  "feedback_on": "2026-10-09"\n'
    " }\n"
    "]\n"
)


def test_golden_bytes_of_save_history(tmp_path: Path) -> None:
    """Sorted by (case, level, due date, occurrence), duplicates once, one-space indent,
    Chinese kept as written (not \\u escapes), a final newline: the bytes of 0.1's files."""
    path = tmp_path / "sent.json"
    save_history(path, [K_T2, K_T1Y, K_CN, K_T1R, K_T2], acknowledgements=GOLDEN_ACKS)
    assert path.read_bytes() == GOLDEN.encode("utf-8")
    save_history(path, [])
    assert path.read_bytes() == b"[]\n"


def test_dump_history_writes_the_golden_bytes(tmp_path: Path) -> None:
    """dump_history(keys, path) is save_history(path, keys) under the file API's name and
    argument order: the same bytes, read back by load_history/load_acknowledgements."""
    path = tmp_path / "sent.json"
    dump_history([K_T2, K_T1Y, K_CN, K_T1R, K_T2], path, acknowledgements=GOLDEN_ACKS)
    assert path.read_bytes() == GOLDEN.encode("utf-8")
    assert load_history(path) == (K_T1R, K_T1Y, K_T2, K_T9, K_CN)
    assert set(load_acknowledgements(path)) == set(GOLDEN_ACKS)


def test_golden_file_reads_back(tmp_path: Path) -> None:
    """The golden file reads back to its keys, in the order written."""
    path = tmp_path / "sent.json"
    path.write_text(GOLDEN, encoding="utf-8")
    assert load_history(path) == (K_T1R, K_T1Y, K_T2, K_T9, K_CN)


def test_dumps_history_is_the_text_save_history_writes(tmp_path: Path) -> None:
    """dumps_history gives the bytes save_history writes."""
    text = dumps_history([K_T2, K_T1Y, K_CN, K_T1R, K_T2], acknowledgements=GOLDEN_ACKS)
    assert text == GOLDEN
    assert loads_history(text) == (K_T1R, K_T1Y, K_T2, K_T9, K_CN)


def test_acknowledgement_order_does_not_change_the_bytes() -> None:
    """The keys of an entry are written in one order (signed_on, then feedback_on) whatever
    the order the acknowledgements come in; of two of one kind, the later counts (as before)."""
    later = Acknowledgement(K_T1R, AckKind.SIGNED, D(2026, 10, 15))
    swapped = dumps_history([], acknowledgements=[GOLDEN_ACKS[1], GOLDEN_ACKS[0], later])
    row = json.loads(swapped)[0]
    assert list(row) == ["case", "level", "due_date", "occurrence", "signed_on", "feedback_on"]
    assert row["signed_on"] == "2026-10-15"


# -- the shipped example, round trips -----------------------------------------------------------

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "data" / "escalation" / "history.json"


def test_the_shipped_example_round_trips_byte_for_byte() -> None:
    """load∘dump is the identity on the shipped history, down to its bytes."""
    keys, acks = load_history(EXAMPLE), load_acknowledgements(EXAMPLE)
    assert [a.kind for a in acks] == [AckKind.SIGNED, AckKind.FEEDBACK]
    assert dumps_history(keys, acknowledgements=acks) == EXAMPLE.read_text("utf-8")
    assert HISTORY.load(EXAMPLE) == HISTORY.load(HISTORY.dump(HISTORY.load(EXAMPLE)))


def test_the_shipped_example_satisfies_the_shipped_schema() -> None:
    shipped = json.loads((ROOT / "src" / "govefficiency" / "schemas" / "history.json").read_text("utf-8"))
    assert shipped == HISTORY.json_schema()
    jsonschema.Draft202012Validator(shipped).validate(json.loads(EXAMPLE.read_text("utf-8")))


_ID = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters="\u2028\u2029"),
    min_size=1,
    max_size=12,
)
_DAY = st.dates(D(2001, 1, 1), D(2035, 12, 31))
_KEYS = st.builds(ActionKey, _ID, _ID, _DAY, st.integers(0, 10**6))


@st.composite
def _histories(draw: st.DrawFn) -> tuple[list[ActionKey], list[Acknowledgement]]:
    keys = draw(st.lists(_KEYS, max_size=6, unique=True))
    acks = [Acknowledgement(key, kind, draw(_DAY)) for key in keys for kind in AckKind if draw(st.booleans())]
    return keys, acks


@given(_histories())
@settings(max_examples=150, deadline=None)
def test_round_trip_on_built_histories(history: tuple[list[ActionKey], list[Acknowledgement]]) -> None:
    """Any keys and acknowledgements survive the text: the sorted keys, and the same
    acknowledgements; the text satisfies the schema; writing it again gives the same text."""
    keys, acks = history
    text = dumps_history([*keys, *keys[:1]], acknowledgements=acks)  # a key given twice is written once
    assert loads_history(text) == tuple(sorted(set(keys)))
    entries = HISTORY.loads(text)
    assert {a for _, marks in entries for a in marks} == set(acks)
    _VALIDATOR.validate(json.loads(text))
    back = [a for _, marks in entries for a in marks]
    assert dumps_history(loads_history(text), acknowledgements=back) == text


_VALIDATOR = jsonschema.Draft202012Validator(HISTORY.json_schema(), format_checker=None)
GOOD = {"case": "T1", "level": "red", "due_date": "2026-10-12"}


@pytest.mark.parametrize(
    "document",
    [
        {"case": "T1"},  # an object, not a list
        [GOOD, 3],
        [{**GOOD, "occurrence": 0.9}],
        [{**GOOD, "occurrence": "1"}],
        [{**GOOD, "occurrence": -1}],
        [{**GOOD, "case": ""}],
        [{**GOOD, "case": 1}],
        [{**GOOD, "level": None}],
        [{"case": "T1", "level": "red"}],
        [{**GOOD, "due_date": 20261012}],
        [{**GOOD, "due_date": "20261012"}],  # date.fromisoformat would take it: the loader does not
        [{**GOOD, "due_date": "2026-W42-1"}],
        [{**GOOD, "signed_on": "soon"}],
        [{**GOOD, "feedback_on": 1}],
        [{**GOOD, "extra": 1}],
        [{**GOOD, "$schema": "https://govefficiency.invalid/schemas/history.json"}],
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(document: object) -> None:
    assert not _VALIDATOR.is_valid(document)
    with pytest.raises(HistoryFileError):
        HISTORY.load(document) if isinstance(document, list) else HISTORY.read(document)


def test_null_acknowledgement_dates_mean_none() -> None:
    """``"signed_on": null`` reads as no acknowledgement (as before), and the schema agrees."""
    document = [{**GOOD, "signed_on": None, "feedback_on": None}]
    assert _VALIDATOR.is_valid(document)
    ((key, acks),) = HISTORY.load(document)
    assert (key, acks) == (ActionKey("T1", "red", D(2026, 10, 12), 0), ())


class TestLocatedErrors:
    def _error(self, tmp_path: Path, text: str) -> HistoryFileError:
        path = tmp_path / "sent.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(HistoryFileError) as info:
            load_history(path)
        assert isinstance(info.value, EscalationError)  # what callers catch
        assert str(path) in info.value.en
        assert str(path) in (info.value.zh or "")
        assert "docs/escalation.md" in info.value.en
        return info.value

    def test_the_entry_and_key_are_named(self, tmp_path: Path) -> None:
        exc = self._error(tmp_path, json.dumps([GOOD, {**GOOD, "occurrence": "1"}]))
        assert exc.location == "[1].occurrence"
        assert "must be an integer" in exc.en
        assert "必须是整数" in (exc.zh or "")

    def test_a_blank_case_is_located_not_a_bare_constructor_error(self, tmp_path: Path) -> None:
        """A case id of one space was refused by ActionKey with no file or entry (an
        InvalidInputError, not an EscalationError): now it is located like any other value."""
        assert self._error(tmp_path, json.dumps([{**GOOD, "case": " "}])).location == "[0].case"
        assert self._error(tmp_path, json.dumps([{**GOOD, "level": "\u200b"}])).location == "[0].level"

    def test_syntax_and_shape(self, tmp_path: Path) -> None:
        assert "invalid JSON at line 1" in self._error(tmp_path, "[").en
        assert "must be a list" in self._error(tmp_path, "{}").en
        assert self._error(tmp_path, "[1]").location == "[0]"

    def test_a_missing_file_is_an_empty_history_but_a_directory_is_an_error(self, tmp_path: Path) -> None:
        assert load_history(tmp_path / "none.json") == ()
        with pytest.raises(HistoryFileError, match="cannot read"):
            load_history(tmp_path)


class TestBadInput:
    def test_loads_history(self) -> None:
        with pytest.raises(HistoryFileError):
            loads_history(b"[]")  # type: ignore[arg-type]
        with pytest.raises(HistoryFileError, match="TOML"):
            HISTORY.loads("[]", fmt="toml")
        with pytest.raises(HistoryFileError):
            HISTORY.load(3)  # type: ignore[arg-type]

    def test_dumps_history(self) -> None:
        with pytest.raises(InvalidTypeError, match="dumps_history"):
            dumps_history(K_T1R)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            dumps_history(["T1|red"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            dumps_history([], acknowledgements=[K_T1R])  # type: ignore[list-item]

    def test_dump_history(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidTypeError, match="dump_history"):
            dump_history(K_T1R, tmp_path / "h.json")  # type: ignore[arg-type]
        with pytest.raises(EscalationError, match="history path"):
            dump_history([K_T1R], 3)  # type: ignore[arg-type]
        with pytest.raises(EscalationError, match="cannot be written"):
            dump_history([K_T1R], tmp_path / "missing" / "h.json")
        assert not (tmp_path / "h.json").exists()


_GARBAGE = json_garbage(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | _DAY.map(str),
    st.sampled_from(["case", "level", "due_date", "occurrence", "signed_on", "feedback_on", "$schema", "x"]),
    max_keys=6,
    max_leaves=16,
)


@given(st.lists(_GARBAGE, max_size=4) | _GARBAGE)
@settings(max_examples=300, deadline=None)
def test_fuzz_structure_aware(document: object) -> None:
    """Any JSON document loads or raises HistoryFileError, never anything else; what loads
    satisfies the schema."""
    try:
        entries = HISTORY.loads(json.dumps(document))
    except HistoryFileError:
        return
    assert _VALIDATOR.is_valid(document)
    assert all(type(key) is ActionKey for key, _ in entries)


@given(st.binary(max_size=200))
@settings(max_examples=200, deadline=None)
def test_fuzz_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("h") / "h.json"
    path.write_bytes(data)
    with contextlib.suppress(HistoryFileError):
        load_history(path)


# -- validate and schema on the command line -----------------------------------------------------


class TestCommands:
    def test_validate_recognises_a_history_by_its_records(self) -> None:
        result = run_cli("validate", str(EXAMPLE), "--lang", "en")
        assert (result.code, result.out) == (0, "1 file(s) valid\n")

    def test_validate_reports_the_line_of_a_bad_entry(self, tmp_path: Path) -> None:
        bad = tmp_path / "sent.json"
        bad.write_text(
            EXAMPLE.read_text("utf-8").replace('"occurrence": 0\n }\n]', '"occurrence": "1"\n }\n]')
        )
        result = run_cli("validate", str(bad), "--lang", "en")
        assert result.code == 1
        assert result.out.startswith(f"{bad}:14:3: INVALID_FILE [1].occurrence: must be an integer")
        zh = run_cli("validate", str(bad), "--lang", "zh")
        assert "[1].occurrence: 必须是整数" in zh.out

    def test_an_empty_history_needs_its_suffix_or_kind(self, tmp_path: Path) -> None:
        """[] could be any list: recognised by name.history.json or --kind history only."""
        plain = tmp_path / "sent.json"
        plain.write_text("[]\n")
        assert "UNKNOWN_KIND" in run_cli("validate", str(plain), "--lang", "en").out
        assert run_cli("validate", str(plain), "--kind", "history").code == 0
        named = tmp_path / "sent.history.json"
        named.write_text("[]\n")
        assert run_cli("validate", str(named)).code == 0

    def test_the_suffix_wins_over_the_shape(self, tmp_path: Path) -> None:
        """A name.history.json file holding an object is a history with the wrong top level."""
        named = tmp_path / "sent.history.json"
        named.write_text('{"cases": []}\n')
        result = run_cli("validate", str(named), "--lang", "en")
        assert result.code == 1
        assert "INVALID_FILE <top level>: must be a list, not an object" in result.out

    def test_a_list_of_other_records_is_not_a_history(self, tmp_path: Path) -> None:
        other = tmp_path / "rows.json"
        other.write_text(json.dumps([GOOD, {"case": "T2"}]))
        assert "UNKNOWN_KIND" in run_cli("validate", str(other), "--lang", "en").out
        scalar = tmp_path / "n.json"
        scalar.write_text("3")
        assert "SYNTAX_ERROR" in run_cli("validate", str(scalar), "--lang", "en").out

    def test_schema_history(self) -> None:
        result = run_cli("schema", "history", "--lang", "en")
        assert result.code == 0
        schema = json.loads(result.out)
        assert (schema["type"], schema["title"]) == ("array", "history")
        assert schema["$defs"]["history-entry"]["required"] == ["case", "level", "due_date"]


def test_a_path_the_file_system_refuses_is_a_library_error() -> None:
    with pytest.raises(HistoryFileError, match="cannot read"):
        load_history("x" * 5000 + ".json")
