"""The SQLite store: WAL, restarts, schema migration, tampering, atomic batches and two
processes appending at once (real processes)."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govefficiency.errors import InvalidInputError, InvalidTypeError, LedgerIntegrityError, StoreError
from govefficiency.ledger import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ChainFault,
    Draft,
    EntryKind,
    Ledger,
    ProgressReport,
    SqliteStore,
)
from govefficiency.ledger._chain import verify_canonical

WORKER = Path(__file__).parent / "_worker.py"


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), *args], capture_output=True, text=True, timeout=120, check=check
    )


@pytest.fixture
def db(tmp_path, make_item, when) -> Path:
    """A ledger database with items T1 and T2 and two progress reports (6 entries)."""
    path = tmp_path / "ledger.sqlite"
    with Ledger(SqliteStore(path)) as led:
        led.open_items([make_item("T1"), make_item("T2", lead_unit="transport")], at=when(1, 5))
        led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        led.report_progress("T2", date=dt.date(2026, 3, 1), share=20, at=when(3, 1))
        led.report_progress("T1", date=dt.date(2026, 4, 1), share=30, at=when(4, 1))
        led.report_progress("T2", date=dt.date(2026, 4, 1), share=40, at=when(4, 1))
    return path


def _sql(path: Path, statement: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    (n,) = conn.execute("SELECT count(*) FROM entries").fetchone()
    conn.close()
    return int(n)


class TestOpening:
    def test_new_database(self, tmp_path):
        """A new file gets the current schema version, WAL mode and no entries."""
        with SqliteStore(tmp_path / "new.sqlite") as store:
            assert store.schema_version == SCHEMA_VERSION == 2
            assert len(store) == 0
            assert store.verify().ok
        conn = sqlite3.connect(tmp_path / "new.sqlite")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()

    def test_survives_a_restart(self, tmp_path):
        """What one process wrote, a new process reads back intact."""
        path = tmp_path / "restart.sqlite"
        _run("write", str(path))
        with Ledger(SqliteStore(path, create=False)) as led:
            assert len(led) == 2
            assert led.state("T1").share == 10.0
            assert led.verify().ok

    def test_reopen_in_process(self, db):
        """Reopening gives the same entries, state and head."""
        with Ledger(SqliteStore(db)) as a:
            anchor, state = a.anchor, a.state("T1")
        with Ledger(SqliteStore(db)) as b:
            assert b.anchor == anchor
            assert b.state("T1") == state

    def test_missing_file_without_create(self, tmp_path):
        """create=False refuses a missing file and says how to create one."""
        with pytest.raises(StoreError, match="ledger init"):
            SqliteStore(tmp_path / "none.sqlite", create=False)

    def test_not_a_ledger(self, tmp_path):
        """A SQLite file with other tables is not taken for a ledger."""
        path = tmp_path / "other.sqlite"
        _sql(path, "CREATE TABLE people (name TEXT)")
        with pytest.raises(StoreError, match="not a govefficiency ledger"):
            SqliteStore(path)

    def test_not_sqlite(self, tmp_path):
        """A file that is not SQLite is a StoreError."""
        path = tmp_path / "junk.sqlite"
        path.write_bytes(b"this is not a database" * 100)
        with pytest.raises(StoreError):
            SqliteStore(path)

    def test_newer_schema(self, db):
        """A file written by a newer release is refused, not damaged."""
        _sql(db, "PRAGMA user_version = 99")
        with pytest.raises(StoreError, match="version 99, newer"):
            SqliteStore(db)

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"synchronous": "OFF"}, InvalidInputError),
            ({"timeout": -1}, InvalidInputError),
            ({"timeout": "5"}, InvalidInputError),
        ],
    )
    def test_bad_options(self, tmp_path, kwargs, error):
        """Bad options are rejected before anything is opened."""
        with pytest.raises(error):
            SqliteStore(tmp_path / "x.sqlite", **kwargs)

    def test_bad_path(self):
        """A path must be a string or path-like."""
        with pytest.raises(InvalidTypeError):
            SqliteStore(42)  # type: ignore[arg-type]

    def test_pickles_as_its_path(self, db):
        """A pickled store reopens the same file."""
        with SqliteStore(db) as store:
            copy = pickle.loads(pickle.dumps(store))
        assert copy.path == str(db)
        assert len(copy) == 6
        copy.close()


class TestMigration:
    def test_version_1_is_migrated(self, tmp_path, make_item, when):
        """A version-1 file (one column per field) is upgraded, keeping every hash valid."""
        source = Ledger()
        source.open_items([make_item("T1")], at=when(1, 5))
        report = source.report_progress(
            "T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1), narrative="进展"
        )
        source.correct(report.seq, ProgressReport(dt.date(2026, 3, 1), 12), at=when(3, 2))
        path = tmp_path / "v1.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        MIGRATIONS[0].apply(conn)
        conn.execute("PRAGMA user_version = 1")
        conn.executemany(
            "INSERT INTO entries (seq, item_id, kind, recorded, payload, corrects, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.seq,
                    e.item_id,
                    e.kind.value,
                    e.recorded_iso,
                    e.payload_json,
                    e.corrects,
                    e.prev_hash,
                    e.hash,
                )
                for e in source.entries()
            ],
        )
        conn.close()
        with SqliteStore(path) as store:
            assert store.schema_version == 2
            assert store.verify().ok
            led = Ledger(store)
            assert led.entries() == source.entries()
            assert led.state("T1").share == 12.0
            rows = store._conn.execute("SELECT seq, item_id, kind, corrects FROM entry_fields").fetchall()
            assert rows == [
                (1, "T1", "item_opened", None),
                (2, "T1", "progress_reported", None),
                (3, "T1", "progress_reported", 2),
            ]

    def test_migrations_are_ordered(self):
        """Each migration step raises the version by one, starting at 1."""
        assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
        assert all(m.description for m in MIGRATIONS)


class TestTampering:
    def test_modified_row(self, db):
        """A row edited with SQL is named as modified; the ledger then refuses to load."""
        _sql(
            db,
            "UPDATE entries SET canonical = replace(canonical, '\"share\":30.0', '\"share\":90.0') WHERE seq = 5",
        )
        with SqliteStore(db) as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq) == (ChainFault.MODIFIED, 5)
            with pytest.raises(LedgerIntegrityError, match="entry 5"):
                Ledger(store)

    def test_deleted_row(self, db):
        """A deleted row is named as missing."""
        _sql(db, "DELETE FROM entries WHERE seq = 4")
        with SqliteStore(db) as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq, problem.found) == (ChainFault.DELETED, 4, 5)

    def test_deleted_and_renumbered(self, db):
        """Deleting a row and renumbering the rest is still named as a deletion."""
        _sql(db, "DELETE FROM entries WHERE seq = 3")
        for seq in (4, 5, 6):
            _sql(db, "UPDATE entries SET seq = ? WHERE seq = ?", seq - 1, seq)
        with SqliteStore(db) as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq, problem.found) == (ChainFault.DELETED, 3, 4)

    def test_swapped_rows(self, db):
        """Two rows whose contents were swapped are named as reordered."""
        conn = sqlite3.connect(db)
        rows = {s: (h, c) for s, h, c in conn.execute("SELECT seq, hash, canonical FROM entries")}
        conn.execute("UPDATE entries SET hash = ?, canonical = ? WHERE seq = 4", rows[5])
        conn.execute("UPDATE entries SET hash = ?, canonical = ? WHERE seq = 5", rows[4])
        conn.commit()
        conn.close()
        with SqliteStore(db) as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq, problem.found) == (ChainFault.REORDERED, 4, 5)

    def test_unreadable_row(self, db):
        """A row too damaged to parse is still named by verify; loading it says to verify."""
        _sql(db, "UPDATE entries SET canonical = 'garbage' WHERE seq = 2")
        with SqliteStore(db) as store:
            assert store.verify().problem.seq == 2
            with pytest.raises(StoreError, match=r"entry 2 cannot be read.*ledger verify"):
                Ledger(store)

    def test_truncation_and_anchor(self, db):
        """Dropping the last rows is caught with an anchor kept from before."""
        with Ledger(SqliteStore(db)) as led:
            anchor = led.anchor
        _sql(db, "DELETE FROM entries WHERE seq = 6")
        with SqliteStore(db) as store:
            assert store.verify().ok
            assert store.verify(anchor=anchor).problem.fault is ChainFault.TRUNCATED

    def test_bulk_and_row_by_row_agree(self, db):
        """The bulk check and the row-by-row walk give the same report on an intact file."""
        with SqliteStore(db) as store:
            rows = [(s, h, c.encode()) for s, h, c in store.rows()]
            assert store.verify() == verify_canonical(rows)
            assert store.verify(anchor=(3, rows[2][1])).ok

    def test_chunks_are_checked_across_boundaries(self, tmp_path, make_item, when, monkeypatch):
        """With several chunks, a modification in a later chunk is still found."""
        from govefficiency.ledger import _store

        monkeypatch.setattr(_store, "_CHUNK", 3)
        path = tmp_path / "chunks.sqlite"
        with Ledger(SqliteStore(path)) as led:
            led.open_items([make_item("T1")], at=when(1, 5))
            for k in range(10):
                led.report_progress("T1", date=dt.date(2026, 2, 1 + k), share=k, at=when(2, 1 + k))
            assert led.verify(anchor=(7, led.entry(7).hash)).ok
        _sql(
            path,
            "UPDATE entries SET canonical = replace(canonical, '\"share\":8.0', '\"share\":80.0') WHERE seq = 10",
        )
        with SqliteStore(path) as store:
            assert store.verify().problem.seq == 10


class TestAtomicity:
    def test_failure_in_the_middle_of_a_batch(self, db, when):
        """When the database refuses the third row of a batch, none of the batch is kept."""
        _sql(
            db,
            "CREATE TRIGGER boom BEFORE INSERT ON entries WHEN NEW.canonical LIKE '%boom%' "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END",
        )
        with Ledger(SqliteStore(db)) as led:
            drafts = [
                Draft("T1", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 40, "ok-1")),
                Draft("T2", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 45, "ok-2")),
                Draft("T1", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 50, "boom")),
                Draft("T2", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 55, "ok-4")),
            ]
            with pytest.raises(StoreError, match="nothing was written"):
                led.append(drafts)
            assert len(led) == 6
            assert led.state("T1").share == 30.0
            assert _count(db) == 6
            led.append(drafts[:2])  # the ledger goes on from the same head
            assert led.verify().ok
        assert _count(db) == 8

    def test_process_killed_in_the_middle_of_a_batch(self, db):
        """A process killed after writing half a batch leaves none of it."""
        result = _run("crash", str(db), check=False)
        assert result.returncode == 3, result.stderr
        assert _count(db) == 6
        with Ledger(SqliteStore(db)) as led:
            assert led.verify().ok
            assert not any(
                "lost" in e.payload.narrative for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)
            )
            led.report_progress(
                "T1", date=dt.date(2026, 5, 1), share=50, at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
            )
        assert _count(db) == 7


class TestConcurrency:
    def test_two_processes_append_at_once(self, db, tmp_path):
        """Two processes appending at the same time lose nothing, duplicate nothing and keep
        one valid chain."""
        go = tmp_path / "go"
        batches, size = 30, 6
        workers = [
            subprocess.Popen(
                [sys.executable, str(WORKER), "append", str(db), tag, str(batches), str(size), str(go)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for tag in ("A", "B")
        ]
        deadline = time.monotonic() + 60
        while not all(Path(f"{go}.{tag}.ready").exists() for tag in "AB"):  # both started
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.01)
        go.touch()
        for worker in workers:
            _, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
        with Ledger(SqliteStore(db)) as led:
            assert led.verify().ok
            assert len(led) == 6 + 2 * batches * size
            assert [e.seq for e in led.entries()] == list(range(1, len(led) + 1))
            narratives = [e.payload.narrative for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)][4:]
            expected = {f"{t}-{b}-{i}" for t in "AB" for b in range(batches) for i in range(size)}
            assert len(narratives) == len(expected)
            assert set(narratives) == expected
            # The two processes really did take turns (otherwise this test proves little).
            tags = [n[0] for n in narratives]
            assert sum(a != b for a, b in itertools.pairwise(tags)) >= 3
            # Each batch is contiguous: its entries were written in one transaction.
            for t in "AB":
                for b in range(batches):
                    seqs = [
                        e.seq
                        for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)
                        if e.payload.narrative.startswith(f"{t}-{b}-")
                    ]
                    assert seqs == list(range(seqs[0], seqs[0] + size))


def test_tampered_entry_of_another_writer(db, when):
    """A ledger refuses to append after another writer's entry that was since tampered with."""
    a = Ledger(SqliteStore(db))
    with Ledger(SqliteStore(db)) as b:
        b.report_progress("T1", date=dt.date(2026, 5, 1), share=50, at=when(5, 1))
    _sql(
        db,
        "UPDATE entries SET canonical = replace(canonical, '\"share\":50.0', '\"share\":95.0') WHERE seq = 7",
    )
    with pytest.raises(LedgerIntegrityError, match=r"broken at entry 7.*modified"):
        a.report_progress("T2", date=dt.date(2026, 5, 2), share=60, at=when(5, 2))
    a.close()
    assert _count(db) == 7
