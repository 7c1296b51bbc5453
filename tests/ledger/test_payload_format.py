"""The ledger payloads declared once: the stored form of each entry kind, its generated
codec, and the JSON Schema of a JSON Lines export line (``ledger-entry``).

The bytes themselves are pinned by test_golden_encoding.py; here the declarations are
checked against the classes, and the schema against the loader."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency._format import Format, Key, Str
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError, LedgerFileError
from govefficiency.ledger import EntryKind, ProgressReport, TimeNode, read_jsonl, verify_entries, write_jsonl
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._export_schema import LEDGER_ENTRY
from govefficiency.ledger._payloads import KIND_OF, PAYLOAD_FORMATS
from govefficiency.testing import run_cli

from .test_golden_encoding import DRAFTS, GOLDEN, _chain

EXAMPLE_EXPORT = Path(__file__).parents[2] / "examples" / "data" / "assessment" / "q3-ledger.jsonl"
VALIDATOR = jsonschema.Draft202012Validator(LEDGER_ENTRY.json_schema())


def test_every_entry_kind_has_a_declaration() -> None:
    assert set(PAYLOAD_FORMATS) == set(EntryKind)
    for cls, kind in KIND_OF.items():
        assert PAYLOAD_FORMATS[kind].build is cls


@pytest.mark.parametrize("index", range(len(DRAFTS)))
def test_the_declaration_is_the_codec(index: int) -> None:
    """The generated codec, the generic dumper and the class agree on every payload."""
    payload = DRAFTS[index][0]
    fmt = PAYLOAD_FORMATS[KIND_OF[type(payload)]]
    stored = payload.to_json()
    assert fmt.to_json(payload) == stored
    assert fmt.dump(payload) == stored
    assert sorted(stored) == [key.name for key in fmt.keys]  # declared in the sorted order
    assert type(payload).from_json(json.loads(json.dumps(stored))) == payload


def test_the_schema_is_valid_and_every_line_of_every_export_satisfies_it(tmp_path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(LEDGER_ENTRY.json_schema())
    path = tmp_path / "chain.jsonl"
    write_jsonl(_chain(), path)
    for export in (path, EXAMPLE_EXPORT):
        lines = export.read_text("utf-8").splitlines()
        assert lines
        for line in lines:
            VALIDATOR.validate(json.loads(line))


def _line(seq: int = 4) -> dict[str, Any]:
    """Line ``seq`` of the golden chain's export (a progress report)."""
    _, text, digest = GOLDEN[seq - 1]
    return json.loads(text) | {"hash": digest}


def _loads(lines: list[dict[str, Any]], tmp_path: Path) -> None:
    """What ``govefficiency validate`` does with an export: read every line, verify the chain."""
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    verify_entries(read_jsonl(path)).raise_if_broken()


@pytest.mark.parametrize(
    "change",
    [
        {"payload": {"share": 500}},
        {"payload": {"share": "45"}},
        {"payload": {"colour": "red"}},
        {"payload": {"date": "30/06/2026"}},
        {"payload": {"evidence": "doc"}},
        {"kind": "settled"},
        {"kind": "gossip"},
        {"hash": "x"},
        {"prev": "0"},
        {"seq": 0},
        {"corrects": "2"},
        {"item": ""},
        {"signature": "none"},
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(change: dict[str, Any], tmp_path: Path) -> None:
    lines = [json.loads(text) | {"hash": digest} for _, text, digest in GOLDEN]
    line = lines[3]
    for key, value in change.items():
        if key == "payload":
            line["payload"].update(value)
        else:
            line[key] = value
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(line)
    with pytest.raises(GovEfficiencyError):
        _loads(lines, tmp_path)


def test_a_missing_payload_key_is_refused_by_both(tmp_path: Path) -> None:
    lines = [json.loads(text) | {"hash": digest} for _, text, digest in GOLDEN]
    del lines[3]["payload"]["narrative"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(lines[3])
    with pytest.raises(LedgerFileError, match="missing keys"):
        _loads(lines, tmp_path)


def test_stored_forms_keep_their_errors() -> None:
    """The generated reader raises the errors the hand-written one did."""
    stored = ProgressReport(dt.date(2026, 6, 30), 45).to_json()
    with pytest.raises(InvalidInputError, match=r"unknown keys \['colour'\]"):
        ProgressReport.from_json(stored | {"colour": 1})
    with pytest.raises(InvalidTypeError, match="JSON object"):
        ProgressReport.from_json([stored])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="ISO date string"):
        ProgressReport.from_json(stored | {"date": 20260630})
    with pytest.raises(InvalidTypeError, match="JSON array"):
        ProgressReport.from_json(stored | {"evidence": "doc"})
    with pytest.raises(InvalidInputError, match="between 0 and 100"):
        TimeNode.from_json({"date": "2026-06-30", "note": "", "share": 101})


def test_only_a_stored_form_has_the_strict_codec() -> None:
    optional = Format("loose", "a format with an optional key", (Key("a", Str(), default="x"),))
    with pytest.raises(TypeError, match="not a stored form"):
        optional.to_json({"a": "y"})


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(range(len(DRAFTS))), st.data())
def test_fuzz_the_stored_forms(index: int, data: st.DataObject) -> None:
    """A stored payload with one value replaced by garbage: a library error or a payload
    that writes back the same (never a bare exception)."""
    payload = DRAFTS[index][0]
    stored = copy.deepcopy(payload.to_json())
    key = data.draw(st.sampled_from(sorted(stored)))
    stored[key] = data.draw(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=6)
        | st.lists(st.integers())
    )
    try:
        back = type(payload).from_json(stored)
    except GovEfficiencyError:
        return
    assert back.to_json() == type(back).from_json(back.to_json()).to_json()


def _export(tmp_path: Path, line: int | None = None, old: str = "", new: str = "") -> Path:
    """The test chain exported as JSON Lines; with ``line``, that line (1-based) edited."""
    path = tmp_path / "ledger.jsonl"
    write_jsonl(_chain(), path)
    if line is not None:
        lines = path.read_text("utf-8").splitlines()
        lines[line - 1] = lines[line - 1].replace(old, new)
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


class TestValidate:
    def test_an_intact_export_and_the_example(self, tmp_path: Path) -> None:
        path = _export(tmp_path)
        result = run_cli("validate", str(path), str(EXAMPLE_EXPORT), "--lang", "en")
        assert (result.code, result.out) == (0, "2 file(s) valid\n")

    def test_a_modified_entry_is_located(self, tmp_path: Path) -> None:
        path = _export(tmp_path, 4, '"share":45.0', '"share":55.0')
        result = run_cli("validate", str(path), "--lang", "en")
        assert result.code == 1
        assert result.out == f"{path}:4:1: CHAIN_MODIFIED entry 4 does not match its hash: it was modified\n"

    def test_a_bad_line_is_located(self, tmp_path: Path) -> None:
        path = _export(tmp_path, 5, '"narrative":""', '"narative":""')
        result = run_cli("validate", str(path), "--lang", "en", "--json")
        assert result.code == 1
        (problem,) = json.loads(result.out)["problems"]
        assert (problem["line"], problem["code"]) == (5, "INVALID_ENTRY")
        assert "unknown keys ['narative']" in problem["message"]

    def test_unreadable_and_one_entry_json(self, tmp_path: Path) -> None:
        missing = run_cli("validate", str(tmp_path / "nope.jsonl"), "--lang", "en")
        assert (missing.code, "UNREADABLE" in missing.out) == (2, True)
        one = tmp_path / "entry.json"
        one.write_text(json.dumps(_line()), "utf-8")
        assert run_cli("validate", str(one), "--lang", "en").code == 0
        one.write_text(json.dumps(_line() | {"seq": "4"}), "utf-8")
        bad = run_cli("validate", str(one), "--lang", "en")
        assert (bad.code, "INVALID_FILE" in bad.out) == (1, True)

    def test_schema(self) -> None:
        result = run_cli("schema", "ledger-entry")
        assert result.code == 0
        assert json.loads(result.out)["title"] == "ledger-entry"


def test_entries_read_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    write_jsonl(_chain(), path)
    back = read_jsonl(path)
    assert [e.payload for e in back] == [d[0] for d in DRAFTS]
    assert all(isinstance(e, Entry) for e in back)
