"""JSON Lines export and import."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govefficiency.errors import InvalidTypeError, LedgerFileError, LedgerIntegrityError, StoreError
from govefficiency.ledger import ChainFault, Ledger, SqliteStore, read_jsonl, verify_entries, write_jsonl


@pytest.fixture
def exported(ledger, when, tmp_path):
    """The fixture ledger with two reports and a correction, exported to a file."""
    report = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1), narrative="征地")
    ledger.report_progress("T2", date=dt.date(2026, 3, 1), share=20, at=when(3, 1))
    ledger.correct(report.seq, type(report.payload)(dt.date(2026, 3, 1), 15), at=when(3, 2))
    path = tmp_path / "ledger.jsonl"
    assert ledger.to_jsonl(path) == 5
    return ledger, path


def test_round_trip(exported):
    """Export then import gives the same entries, hashes and state."""
    ledger, path = exported
    back = Ledger.from_jsonl(path)
    assert back.entries() == ledger.entries()
    assert back.anchor == ledger.anchor
    assert back.state("T1").share == 15.0


def test_lines_are_canonical_json(exported):
    """Each line is one compact JSON object with sorted keys, Chinese kept as UTF-8."""
    _, path = exported
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    first = json.loads(lines[2])
    assert list(first) == sorted(first)
    assert first["kind"] == "progress_reported"
    assert "征地" in lines[2]
    assert ", " not in lines[2]


def test_import_into_sqlite(exported, tmp_path):
    """An export can be imported into an empty SQLite database."""
    ledger, path = exported
    with Ledger.from_jsonl(path, SqliteStore(tmp_path / "imported.sqlite")) as back:
        assert back.verify().ok
        assert back.anchor == ledger.anchor


def test_import_refuses_a_broken_chain(exported, tmp_path):
    """A file whose chain is broken is refused and nothing is imported."""
    _, path = exported
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"share":10.0', '"share":99.0')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert verify_entries(read_jsonl(path)).problem.fault is ChainFault.MODIFIED
    with SqliteStore(tmp_path / "target.sqlite") as store:
        with pytest.raises(LedgerIntegrityError, match="entry 3"):
            Ledger.from_jsonl(path, store)
        assert len(store) == 0


def test_reordered_lines_are_named(exported):
    """Lines swapped in the file are reported as reordered."""
    _, path = exported
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2], lines[3] = lines[3], lines[2]
    path.write_text("\n".join(lines), encoding="utf-8")
    problem = verify_entries(read_jsonl(path)).problem
    assert (problem.fault, problem.seq) == (ChainFault.REORDERED, 3)


def test_import_into_a_store_that_has_entries(exported, tmp_path, make_item, when):
    """Import only goes into an empty store."""
    _, path = exported
    store = SqliteStore(tmp_path / "busy.sqlite")
    Ledger(store).open_items([make_item("X")], at=when(1, 5))
    with pytest.raises(StoreError, match="empty store"):
        Ledger.from_jsonl(path, store)
    store.close()


def test_malformed_line(exported):
    """A line that is not an entry is named by number."""
    _, path = exported
    with path.open("a", encoding="utf-8") as out:
        out.write("\n{not json}\n")
    with pytest.raises(LedgerFileError, match="line 7: invalid JSON") as info:
        read_jsonl(path)
    assert info.value.location == "line 7"


def test_line_with_a_bad_field(exported):
    """A line with a bad field is named with the problem."""
    _, path = exported
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"kind":"item_opened"', '"kind":"gossip"')
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LedgerFileError, match="line 2: unknown entry kind 'gossip'"):
        read_jsonl(path)


def test_missing_file(tmp_path):
    """Reading a missing file is a LedgerFileError."""
    with pytest.raises(LedgerFileError, match="cannot read"):
        read_jsonl(tmp_path / "missing.jsonl")


def test_write_needs_entries(tmp_path):
    """write_jsonl only writes entries."""
    with pytest.raises(InvalidTypeError):
        write_jsonl(["entry"], tmp_path / "out.jsonl")


def test_write_to_a_bad_place(ledger, tmp_path):
    """An unwritable target is a LedgerFileError."""
    with pytest.raises(LedgerFileError, match="cannot write"):
        ledger.to_jsonl(tmp_path / "no" / "such" / "dir.jsonl")


def test_ledgers_written_under_the_old_id_rule_stay_readable(make_item, when, tmp_path):
    """0.1 ledgers allowed inner spaces in ids; their hash covers them, so reading them
    back still works, while a new item with such an id is refused."""
    from govefficiency._validators import check_id
    from govefficiency.errors import InvalidInputError
    from govefficiency.ledger._checks import reading_stored

    with reading_stored():  # write a file as 0.1 would have written it
        old = Ledger()
        old.open_items([make_item("T 1")], at=when(1, 5))
        old.report_progress("T 1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
    path = tmp_path / "old.jsonl"
    old.to_jsonl(path)
    back = Ledger.from_jsonl(path)
    assert back.anchor == old.anchor
    assert back.state("T 1").share == 10.0
    with pytest.raises(InvalidInputError):
        check_id("T 1", "id")
    with pytest.raises(InvalidInputError):
        Ledger().open_items([make_item("T 1")], at=when(1, 5))
