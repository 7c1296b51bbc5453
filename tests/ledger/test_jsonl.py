"""JSON Lines export and import."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govefficiency.errors import InvalidTypeError, LedgerFileError, LedgerIntegrityError, StoreError
from govefficiency.ledger import (
    ChainFault,
    Ledger,
    MemoryStore,
    SqliteStore,
    dump_ledger,
    load_ledger,
    read_jsonl,
    verify_entries,
    write_jsonl,
)


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


def test_load_and_dump_ledger(exported, tmp_path):
    """load_ledger/dump_ledger, the convention's names, are the same import and export."""
    ledger, path = exported
    with load_ledger(path, store=SqliteStore(tmp_path / "via-load.sqlite")) as back:
        assert back.entries() == ledger.entries()
        again = tmp_path / "again.jsonl"
        assert dump_ledger(back, again) == 5
    assert again.read_bytes() == path.read_bytes()
    assert load_ledger(again).state("T1").share == 15.0


@pytest.mark.parametrize("value", [None, "ledger.jsonl", MemoryStore()])
def test_dump_ledger_needs_a_ledger(value, tmp_path):
    """dump_ledger() names what it needs; nothing is written."""
    with pytest.raises(InvalidTypeError, match="dump_ledger\\(\\) needs a Ledger"):
        dump_ledger(value, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_load_ledger_bad_input(tmp_path):
    """A missing file and a store that is not a store are library errors."""
    with pytest.raises(LedgerFileError):
        load_ledger(tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InvalidTypeError, match="store must be"):
        load_ledger(tmp_path / "empty.jsonl", store="ledger.db")


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
    from govefficiency.ledger._fields import reading_stored

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


def test_streaming_import_matches_the_whole_file_read(exported, tmp_path):
    """The line-by-line import gives exactly the entries read_jsonl reads at once, the
    same anchor and the same state, into memory and into SQLite."""
    ledger, path = exported
    whole = read_jsonl(path)
    back = Ledger.from_jsonl(path)
    assert back.entries() == whole == ledger.entries()
    assert back.states() == ledger.states()
    assert isinstance(back.store, MemoryStore)
    assert len(back.store) == 5
    with Ledger.from_jsonl(path, SqliteStore(tmp_path / "s.sqlite")) as into:
        assert into.entries() == whole
        assert into.verify(anchor=ledger.anchor).ok
        into.report_progress(
            "T2", date=dt.date(2026, 4, 1), share=30, at=dt.datetime.fromisoformat("2026-04-01T09:00+08:00")
        )
    with Ledger(SqliteStore(tmp_path / "s.sqlite")) as reopened:
        assert len(reopened) == 6


def test_import_names_the_bad_line(exported, tmp_path):
    """A bad line met while streaming is named by its line number (blank lines count),
    and nothing is imported into the target."""
    _, path = exported
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "")
    lines[4] = lines[4][:-5]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with SqliteStore(tmp_path / "t.sqlite") as store:
        with pytest.raises(LedgerFileError, match="line 5: invalid JSON") as info:
            Ledger.from_jsonl(path, store)
        assert info.value.location == "line 5"
        assert len(store) == 0


def test_chain_break_names_the_line_and_fault(exported, tmp_path):
    """A chain broken at line 4 (entry 4 deleted): the line, the fault as verify_entries
    names it, nothing imported."""
    _, path = exported
    lines = path.read_text(encoding="utf-8").splitlines()
    del lines[3]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with SqliteStore(tmp_path / "t.sqlite") as store:
        with pytest.raises(LedgerIntegrityError, match=r"line 4: .*entry 4 is missing.*nothing was imported"):
            Ledger.from_jsonl(path, store)
        assert len(store) == 0


def test_rule_break_names_the_line(exported, tmp_path, make_item, when):
    """A file whose chain is intact but that breaks a ledger rule (an item opened twice,
    re-hashed by a forger): the line is named, nothing is imported."""
    ledger, _ = exported
    forged = Ledger(MemoryStore(list(ledger.entries())[:2]))
    from govefficiency.ledger import Draft
    from govefficiency.ledger._entries import seal

    first = forged.entries()[0]
    twice = seal(Draft("T1", when(3, 5), first.payload), 3, forged.head_hash)
    path = tmp_path / "twice.jsonl"
    write_jsonl([*forged.entries(), twice], path)
    with SqliteStore(tmp_path / "t.sqlite") as store:
        with pytest.raises(
            StoreError, match=r"line 3: entry 3 breaks a ledger rule: item T1 is already open"
        ):
            Ledger.from_jsonl(path, store)
        assert len(store) == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested more than"),
        ('{"seq": ' + "9" * 5000 + "}", "too large"),
        ('{"a":' * 40 + "1" + "}" * 40, "nested more than"),
    ],
)
def test_bombs_are_refused_with_the_line(exported, line, message):
    """A deeply nested or huge-integer line is a located library error, not a crash."""
    _, path = exported
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    with pytest.raises(LedgerFileError, match=f"line 6: .*{message}") as info:
        read_jsonl(path)
    assert info.value.location == "line 6"


def test_not_utf8_names_the_line(exported):
    """A line that is not UTF-8 is named exactly."""
    _, path = exported
    with path.open("ab") as out:
        out.write(b'{"x": "\xff\xfe"}\n')
    with pytest.raises(LedgerFileError, match="line 6: not UTF-8"):
        read_jsonl(path)


class _FullDisk:
    """A text file whose writes fail with ENOSPC after ``room`` characters."""

    def __init__(self, real, room: int) -> None:
        self.real, self.room = real, room

    def write(self, text: str) -> int:
        if len(text) > self.room:
            import errno

            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(text)
        return self.real.write(text)

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()


def test_export_to_a_full_disk_leaves_the_old_file(exported, monkeypatch, tmp_path):
    """The disk fills half-way through an export: a LedgerFileError, the previous export
    is intact (not empty, not cut short), and no temporary file is left behind."""
    from govefficiency.ledger import _jsonl

    ledger, path = exported
    before = path.read_bytes()
    real_fdopen = _jsonl._fdopen
    monkeypatch.setattr(_jsonl, "_fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k), 600))
    with pytest.raises(LedgerFileError, match=r"No space left.*left as it was"):
        ledger.to_jsonl(path)
    assert path.read_bytes() == before
    new = tmp_path / "new.jsonl"
    with pytest.raises(LedgerFileError):
        ledger.to_jsonl(new)
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.jsonl"]


def test_export_keeps_the_mode_and_replaces_atomically(exported, tmp_path):
    """A successful export replaces the file (keeping its permissions); a new one is 0644."""
    import stat

    ledger, path = exported
    path.chmod(0o600)
    path.write_text("old\n", encoding="utf-8")
    assert ledger.to_jsonl(path) == 5
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_jsonl(path) == ledger.entries()
    new = tmp_path / "fresh.jsonl"
    ledger.to_jsonl(new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


def test_bad_entry_leaves_no_file(ledger, tmp_path):
    """A value that is not an entry half-way: nothing is written, no temporary file."""
    out = tmp_path / "out.jsonl"
    with pytest.raises(InvalidTypeError):
        write_jsonl([*ledger.entries(), "entry"], out)
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_device_that_is_full(ledger):
    """/dev/full is not a regular file: written directly, and its ENOSPC is a library
    error that does not claim a file was kept."""
    import os

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with pytest.raises(LedgerFileError, match="No space left") as info:
        ledger.to_jsonl("/dev/full")
    assert "left as it was" not in str(info.value)
