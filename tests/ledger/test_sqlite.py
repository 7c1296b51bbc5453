"""The SQLite store's own behaviour: WAL, restarts, schema migration, read-only opening and
the bulk verification. Appends, atomic batches, concurrent processes, tampering, migration
and read-only refusal are tested against both stores in test_stores.py."""

from __future__ import annotations

import datetime as dt
import pickle
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from govefficiency._cli_util import EXIT_STORE_DAMAGED
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
    StoreDamagedError,
    StoreError,
)
from govefficiency.ledger import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ChainFault,
    Ledger,
    SqliteStore,
)
from govefficiency.ledger._chain import verify_canonical
from govefficiency.ledger._entries import body, digest
from govefficiency.ledger._store import APPLICATION_ID

from ._stores import fill

WORKER = Path(__file__).parent / "_worker.py"


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), *args], capture_output=True, text=True, timeout=120, check=check
    )


@pytest.fixture
def db(tmp_path, make_item, when) -> Path:
    """A ledger database with items T1 and T2 and two progress reports (6 entries)."""
    path = tmp_path / "ledger.sqlite"
    fill(SqliteStore(path), make_item, when)
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
            assert store.schema_version == SCHEMA_VERSION == 3
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


class TestReadOnly:
    def test_reads_a_ledger(self, db):
        """A read-only open reads and verifies, and pickles as read-only."""
        with SqliteStore(db, read_only=True) as store:
            assert store.read_only
            assert len(store) == 6
            assert store.verify().ok
            copy = pickle.loads(pickle.dumps(store))
        assert copy.read_only
        copy.close()

    def test_missing_file(self, tmp_path):
        """A read-only open never creates the file."""
        with pytest.raises(StoreError, match="ledger init"):
            SqliteStore(tmp_path / "none.sqlite", read_only=True)
        assert not (tmp_path / "none.sqlite").exists()

    def test_old_schema_needs_a_writable_open(self, tmp_path):
        """A version-1 file cannot be upgraded read-only; the message says what to run."""
        path = tmp_path / "v1.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        MIGRATIONS[0].apply(conn)
        conn.execute("PRAGMA user_version = 1")
        conn.close()
        with pytest.raises(StoreError, match=r"version 1 and needs upgrading.*ledger init"):
            SqliteStore(path, read_only=True)

    def test_bad_flag(self, tmp_path):
        """read_only must be a bool."""
        with pytest.raises(InvalidTypeError):
            SqliteStore(tmp_path / "x.sqlite", read_only="yes")  # type: ignore[arg-type]


class TestMigration:
    def test_migrations_are_ordered(self):
        """Each migration step raises the version by one, starting at 1."""
        assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
        assert all(m.description for m in MIGRATIONS)


class TestTampering:
    def test_deleted_and_renumbered(self, db):
        """Deleting a row and renumbering the rest is still named as a deletion."""
        _sql(db, "DELETE FROM entries WHERE seq = 3")
        for seq in (4, 5, 6):
            _sql(db, "UPDATE entries SET seq = ? WHERE seq = ?", seq - 1, seq)
        with SqliteStore(db) as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq, problem.found) == (ChainFault.DELETED, 3, 4)

    def test_unreadable_row(self, db):
        """A row too damaged to parse is still named by verify; loading it says to verify."""
        _sql(db, "UPDATE entries SET canonical = 'garbage' WHERE seq = 2")
        with SqliteStore(db) as store:
            assert store.verify().problem.seq == 2
            with pytest.raises(StoreError, match=r"entry 2 cannot be read.*ledger verify"):
                Ledger(store)

    def test_bulk_and_row_by_row_agree(self, db):
        """The bulk check and the row-by-row walk give the same report on an intact file."""
        with SqliteStore(db) as store:
            rows = [(s, h, c.encode()) for s, h, c in store.rows()]
            assert store.verify() == verify_canonical(rows)
            assert store.verify(anchor=(3, rows[2][1])).ok

    def test_chunks_are_checked_across_boundaries(self, tmp_path, make_item, when, monkeypatch):
        """With several chunks, a modification in a later chunk is still found."""
        from govefficiency.ledger import _bulk

        monkeypatch.setattr(_bulk, "_CHUNK", 3)
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


# -- damage and forgery (issue 16 §3) ----------------------------------------------------------


def _forge(db: Path, kind: str | None = None, payload: tuple[str, str] | None = None) -> None:
    """Append a row after entry 6 with a correctly recomputed hash, as someone with the
    file (but not the library) could: an unknown ``kind`` or an altered payload."""
    with Ledger(SqliteStore(db)) as led:
        last = led.entry(6)
    text = last.payload_json if payload is None else last.payload_json.replace(*payload)
    canonical = body(7, last.item_id, kind or last.kind.value, last.recorded_iso, text, None, last.hash)
    _sql(db, "INSERT INTO entries (seq, hash, canonical) VALUES (7, ?, ?)", digest(canonical), canonical)


class TestDamage:
    def test_new_file_is_marked_as_a_ledger(self, db):
        """A ledger file carries the library's SQLite application id."""
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        conn.close()

    @pytest.mark.parametrize(
        ("statement", "read_only", "error", "message"),
        [
            # a SQLite file with other tables, opened read-only
            ("CREATE TABLE people (name TEXT)", True, StoreError, "not a govefficiency ledger"),
            # a file of another application (its application id), even if empty
            ("PRAGMA application_id = 1234", False, StoreDamagedError, "application id is 0x4d2"),
            ("PRAGMA application_id = 1234", True, StoreDamagedError, "application id is 0x4d2"),
        ],
    )
    def test_a_foreign_file_is_refused_untouched(self, tmp_path, statement, read_only, error, message):
        """A SQLite file that is not a ledger is refused and left byte for byte as it was."""
        path = tmp_path / "other.sqlite"
        _sql(path, statement)
        before = path.read_bytes()
        with pytest.raises(error, match=message):
            SqliteStore(path, read_only=read_only)
        assert path.read_bytes() == before

    @pytest.mark.parametrize("read_only", [False, True])
    def test_schema_version_without_tables(self, tmp_path, read_only):
        """An empty file claiming user_version 2 is named as not a ledger, not a raw error."""
        path = tmp_path / "empty-v2.sqlite"
        _sql(path, "PRAGMA user_version = 2")
        with pytest.raises(StoreDamagedError, match="the table 'meta' is missing"):
            SqliteStore(path, read_only=read_only)

    def test_dropped_table(self, db):
        """A ledger whose entries table was dropped is damaged."""
        _sql(db, "DROP TABLE entries")
        with pytest.raises(StoreDamagedError, match=r"'entries' is missing.*restore the ledger"):
            SqliteStore(db)

    def test_corrupted_page(self, db, make_item, when):
        """Bytes overwritten in the middle of the file: a library error naming the file,
        never a raw sqlite3 error, from opening, reading or verifying."""
        with Ledger(SqliteStore(db)) as led:  # enough rows for several pages
            for k in range(200):
                led.report_progress(
                    "T1", date=dt.date(2026, 5, 1), share=40, at=when(5, 1), narrative="进" * 40 + str(k)
                )
        data = bytearray(db.read_bytes())
        data[8192:12288] = b"\xff" * 4096
        db.write_bytes(bytes(data))

        def read_everything() -> None:
            with SqliteStore(db, read_only=True) as store:
                store.verify()
                Ledger(store)

        with pytest.raises(StoreError, match=re.escape(str(db))):
            read_everything()

    def test_ledger_does_not_skip_a_row_numbered_zero(self, db):
        """Issue 16: a Ledger built on a file with a row numbered 0 used to load the other
        rows and ignore it. It is refused: neither a copy of row 1 as row 0 nor a row 0
        forged with its own text and hash can be read as an entry (verify names it)."""
        _sql(
            db,
            "INSERT INTO entries (seq, hash, canonical) SELECT 0, hash, canonical FROM entries WHERE seq = 1",
        )
        with (
            SqliteStore(db, read_only=True) as store,
            pytest.raises(StoreError, match="entry 0 cannot be read"),
        ):
            Ledger(store)
        _sql(db, "DELETE FROM entries WHERE seq = 0")
        conn = sqlite3.connect(db)
        (text,) = conn.execute("SELECT canonical FROM entries WHERE seq = 1").fetchone()
        conn.close()
        text = text.replace(',"seq":1}', ',"seq":0}')
        _sql(db, "INSERT INTO entries (seq, hash, canonical) VALUES (0, ?, ?)", digest(text), text)
        with SqliteStore(db, read_only=True) as store:
            with pytest.raises(StoreError, match=r"entry 0 cannot be read .*seq must be a positive"):
                Ledger(store)
            assert "numbered 0" in store.verify().problem.message.en

    _ZERO = "INSERT INTO entries (seq, hash, canonical) SELECT 0, hash, canonical FROM entries WHERE seq = 1"
    _TWICE = (  # a table rebuilt without its key to hold a seq twice
        "ALTER TABLE entries RENAME TO old",
        "CREATE TABLE entries (seq INTEGER, hash TEXT, canonical TEXT)",
        "INSERT INTO entries SELECT * FROM old",
        "INSERT INTO entries SELECT * FROM old WHERE seq = 3",
        "DROP TABLE old",
    )

    @pytest.mark.parametrize(
        ("statements", "named", "head", "words"),
        [
            # a row numbered 0 (which reading would skip) is an insertion
            ((_ZERO,), (ChainFault.INSERTED, 1, 0), 0, "numbered 0"),
            # so is a negative one
            (("UPDATE entries SET seq = -6 WHERE seq = 6",), (ChainFault.INSERTED, 1, -6), 0, "numbered -6"),
            # and a seq held twice
            (_TWICE, (ChainFault.INSERTED, 4, 3), 3, ""),
            # a row rewritten as a BLOB with the same bytes passes the hash but is named
            (
                ("UPDATE entries SET canonical = CAST(canonical AS BLOB) WHERE seq = 4",),
                (ChainFault.MODIFIED, 4, 4),
                3,
                "as a BLOB",
            ),
        ],
    )
    def test_a_row_changed_around_the_schema_is_named(self, db, statements, named, head, words):
        """Rows the schema's key and types would refuse, stored around them, are named."""
        for statement in statements:
            _sql(db, statement)
        with SqliteStore(db, read_only=True) as store:
            report = store.verify()
        assert (report.problem.fault, report.problem.seq, report.problem.found) == named
        assert report.head_seq == head
        assert words in report.problem.message.en

    def test_forged_unknown_kind(self, db):
        """A forged row with an unknown kind and a recomputed hash: the chain alone holds,
        reading every entry names it."""
        _forge(db, kind="entry_deleted")
        with SqliteStore(db, read_only=True) as store:
            assert store.verify().ok  # the chain has no secret (see the keyed anchor, issue 16 §4)
            problem = store.verify(entries=True).problem
        assert (problem.fault, problem.seq) == (ChainFault.MODIFIED, 7)
        assert "matches its hash but is not a valid ledger entry" in problem.message.en
        assert "entry_deleted" in problem.message.en

    def test_forged_invalid_payload(self, db):
        """A forged progress report of 150% is named the same way."""
        _forge(db, payload=('"share":40.0', '"share":150.0'))
        with SqliteStore(db, read_only=True) as store:
            problem = store.verify(entries=True).problem
        assert problem.seq == 7
        assert "150" in problem.message.en

    def test_bad_entries_flag(self, db):
        """entries must be a bool."""
        with SqliteStore(db) as store, pytest.raises(InvalidTypeError):
            store.verify(entries="yes")  # type: ignore[arg-type]


class TestDamageFromTheCommandLine:
    @pytest.mark.parametrize(
        "command", [["report", "--at", "2026-06-30"], ["verify"], ["settle", "--at", "2026-12-31"]]
    )
    def test_a_text_file_is_refused_untouched(self, tmp_path, run, command):
        """report/verify/settle on an empty notes.md: exit 4, one line, the file untouched."""
        path = tmp_path / "notes.md"
        path.write_bytes(b"")
        code, _, err = run("ledger", command[0], str(path), *command[1:], "--lang", "en")
        assert code == EXIT_STORE_DAMAGED
        assert "is not a govefficiency ledger" in err
        assert err.count("\n") == 1
        assert path.read_bytes() == b""

    def test_garbage_file(self, tmp_path, run):
        """A file that is not SQLite at all: exit 4 from every reading command."""
        path = tmp_path / "junk.sqlite"
        path.write_bytes(b"not a database " * 200)
        for argv in (["verify"], ["report", "--at", "2026-06-30"], ["export", str(tmp_path / "x.jsonl")]):
            code, _, err = run("ledger", argv[0], str(path), *argv[1:], "--lang", "en")
            assert code == EXIT_STORE_DAMAGED, (argv, err)
            assert "Traceback" not in err

    def test_verify_names_a_forged_row(self, db, run):
        """The CLI's verify reads every entry: a forged row exits 1 and is named."""
        _forge(db, kind="entry_deleted")
        code, out, _ = run("ledger", "verify", str(db), "--lang", "en")
        assert code == 1
        assert "entry 7 matches its hash but is not a valid ledger entry" in out

    def test_unreadable_row_exits_4(self, db, run):
        """A row too damaged to read: report exits 4 and says to run verify; verify names it (exit 1)."""
        _sql(db, "UPDATE entries SET canonical = 'garbage' WHERE seq = 2")
        code, _, err = run("ledger", "report", str(db), "--at", "2026-06-30", "--lang", "en")
        assert code == EXIT_STORE_DAMAGED
        assert "entry 2 cannot be read" in err
        code, out, _ = run("ledger", "verify", str(db), "--lang", "en")
        assert code == 1
        assert "entry 2" in out
