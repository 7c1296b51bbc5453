"""The two SQL stores as the shared store suite drives them (tests/ledger/test_stores.py):
what someone with direct access to the database could do (edit, delete or swap rows,
bypassing the PostgreSQL trigger as a superuser can), a filled ledger, and worker
processes appending at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from govefficiency.ledger import (
    MIGRATIONS,
    PG_MIGRATIONS,
    PG_SCHEMA_VERSION,
    SCHEMA_VERSION,
    Ledger,
    LedgerStore,
    PostgresStore,
    SqliteStore,
    open_store,
)

WORKER = Path(__file__).parent / "_worker.py"
LEDGER_ID = "nanyang-2026"
READER = "ledger_reader"  # the reporting role (tests/ledger/conftest.py)


class SqliteBackend:
    name = "sqlite"
    version = SCHEMA_VERSION
    snapshots = "snapshots"

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "ledger.sqlite"
        self.location = str(self.path)

    def open(self) -> LedgerStore:
        return open_store(self.location, create=True)

    def reader(self) -> LedgerStore:
        """The store as a reporting user sees it: a read-only open (SQLite has no roles)."""
        return SqliteStore(self.path, read_only=True)

    def sql(self, statement: str, *params: object) -> None:
        conn = sqlite3.connect(self.path)
        conn.execute(statement, params)
        conn.commit()
        conn.close()

    def modify(self, seq: int, old: str, new: str) -> None:
        self.sql("UPDATE entries SET canonical = replace(canonical, ?, ?) WHERE seq = ?", old, new, seq)

    def delete(self, seq: int) -> None:
        self.sql("DELETE FROM entries WHERE seq = ?", seq)

    def swap(self, a: int, b: int) -> None:
        conn = sqlite3.connect(self.path)
        rows = {s: (h, c) for s, h, c in conn.execute("SELECT seq, hash, canonical FROM entries")}
        conn.execute("UPDATE entries SET hash = ?, canonical = ? WHERE seq = ?", (*rows[b], a))
        conn.execute("UPDATE entries SET hash = ?, canonical = ? WHERE seq = ?", (*rows[a], b))
        conn.commit()
        conn.close()

    def rewrite(self, rows: list[tuple[int, str, str]]) -> None:
        """Store these rows ``(seq, hash, canonical)`` in place of those with their seqs."""
        conn = sqlite3.connect(self.path)
        conn.executemany(
            "UPDATE entries SET hash = ?, canonical = ? WHERE seq = ?", [(h, c, s) for s, h, c in rows]
        )
        conn.commit()
        conn.close()

    def count(self) -> int:
        conn = sqlite3.connect(self.path)
        (n,) = conn.execute("SELECT count(*) FROM entries").fetchone()
        conn.close()
        return int(n)

    def refuse_inserts_containing(self, marker: str) -> None:
        self.sql(
            f"CREATE TRIGGER boom BEFORE INSERT ON entries WHEN NEW.canonical LIKE '%{marker}%' "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )

    def make_v1(self, entries: Any) -> None:
        """A file of schema version 1 (one column per field) holding ``entries``."""
        conn = sqlite3.connect(self.path, isolation_level=None)
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
                for e in entries
            ],
        )
        conn.close()

    def open_v1(self) -> LedgerStore:
        return SqliteStore(self.path)

    def fields(self) -> list[tuple[Any, ...]]:
        """Some columns of the ``entry_fields`` view offered to SQL readers."""
        conn = sqlite3.connect(self.path)
        rows = conn.execute("SELECT seq, item_id, kind, corrects FROM entry_fields ORDER BY seq").fetchall()
        conn.close()
        return rows


class PostgresBackend:
    name = "postgres"
    version = PG_SCHEMA_VERSION
    snapshots = "govefficiency.snapshots"

    def __init__(self, server: Any, database: str) -> None:
        self.server = server
        self.database = database
        # The writers connect as the unprivileged writer role, as an office's units would.
        self.location = server.url(database, user="ledger_writer", ledger=LEDGER_ID)

    def open(self) -> LedgerStore:
        return open_store(self.location, create=True)

    def reader(self) -> LedgerStore:
        """The store as the reporting role sees it (SELECT only; no read-only flag)."""
        return PostgresStore(self.server.url(self.database, user=READER, ledger=LEDGER_ID), create=False)

    def sql(self, statement: str, *params: object) -> None:
        """Run ``statement`` as a superuser who bypasses the append-only trigger."""
        import psycopg

        with psycopg.connect(self.server.conninfo(self.database), autocommit=True) as conn:
            conn.execute("SET session_replication_role = replica")  # triggers off: superuser only
            conn.execute(statement.encode(), params)

    _WHERE = "ledger = (SELECT num FROM govefficiency.ledgers WHERE ledger_id = %s)"

    def modify(self, seq: int, old: str, new: str) -> None:
        self.sql(
            f"UPDATE govefficiency.entries SET canonical = replace(canonical, %s, %s) WHERE seq = %s AND {self._WHERE}",
            old,
            new,
            seq,
            LEDGER_ID,
        )

    def delete(self, seq: int) -> None:
        self.sql(f"DELETE FROM govefficiency.entries WHERE seq = %s AND {self._WHERE}", seq, LEDGER_ID)

    def swap(self, a: int, b: int) -> None:
        self.sql(
            f"""UPDATE govefficiency.entries e SET hash = o.hash, canonical = o.canonical
                FROM govefficiency.entries o
                WHERE e.ledger = o.ledger AND e.{self._WHERE}
                  AND ((e.seq = %s AND o.seq = %s) OR (e.seq = %s AND o.seq = %s))""",
            LEDGER_ID,
            a,
            b,
            b,
            a,
        )

    def rewrite(self, rows: list[tuple[int, str, str]]) -> None:
        """Store these rows in place of those with their seqs, as a superuser around the trigger."""
        for seq, hash_, canonical in rows:
            self.sql(
                f"UPDATE govefficiency.entries SET hash = %s, canonical = %s WHERE seq = %s AND {self._WHERE}",
                hash_,
                canonical,
                seq,
                LEDGER_ID,
            )

    def count(self) -> int:
        import psycopg

        with psycopg.connect(self.server.conninfo(self.database), autocommit=True) as conn:
            row = conn.execute(
                f"SELECT count(*) FROM govefficiency.entries WHERE {self._WHERE}", (LEDGER_ID,)
            ).fetchone()
        assert row is not None
        return int(row[0])

    def refuse_inserts_containing(self, marker: str) -> None:
        self.sql(
            "CREATE FUNCTION public.boom() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'boom'; END $$"
        )
        self.sql(
            "CREATE TRIGGER boom BEFORE INSERT ON govefficiency.entries FOR EACH ROW "
            f"WHEN (NEW.canonical LIKE '%%{marker}%%') EXECUTE FUNCTION public.boom()"
        )

    def make_v1(self, entries: Any) -> None:
        """Rebuild the database at schema version 1 (tables only, no trigger) with ``entries``."""
        import psycopg
        from psycopg import sql

        self.database = self.database + "_v1"
        with psycopg.connect(self.server.conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database)))
        with psycopg.connect(self.server.conninfo(self.database), autocommit=True) as conn:
            for statement in PG_MIGRATIONS[0].statements:
                conn.execute(statement.encode())
            conn.execute(
                "INSERT INTO govefficiency.schema_migrations (version, description) VALUES (1, %s)",
                (PG_MIGRATIONS[0].description,),
            )
            conn.execute("INSERT INTO govefficiency.ledgers (ledger_id) VALUES (%s)", (LEDGER_ID,))
            with (
                conn.cursor() as cur,
                cur.copy("COPY govefficiency.entries (ledger, seq, hash, canonical) FROM STDIN") as copy,
            ):
                for e in entries:
                    copy.write_row((1, e.seq, e.hash, e._body))

    def open_v1(self) -> LedgerStore:
        """The database owner opens it (the writer role may not change the schema)."""
        return PostgresStore(self.server.url(self.database, ledger=LEDGER_ID))

    def fields(self) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.server.conninfo(self.database), autocommit=True) as conn:
            return conn.execute(
                "SELECT seq, item_id, kind, corrects FROM govefficiency.entry_fields WHERE ledger_id = %s "
                "ORDER BY seq",
                (LEDGER_ID,),
            ).fetchall()


def fill(store: LedgerStore, make_item: Any, when: Any) -> None:
    """Items T1 and T2 and four progress reports (6 entries) into ``store``, closed after."""
    with Ledger(store) as led:
        led.open_items([make_item("T1"), make_item("T2", lead_unit="transport")], at=when(1, 5))
        led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        led.report_progress("T2", date=dt.date(2026, 3, 1), share=20, at=when(3, 1))
        led.report_progress("T1", date=dt.date(2026, 4, 1), share=30, at=when(4, 1))
        led.report_progress("T2", date=dt.date(2026, 4, 1), share=40, at=when(4, 1))


def run_workers(jobs: list[tuple[str, str]], go: Path, batches: int, size: int) -> None:
    """Start a worker process per ``(location, tag)`` that appends ``batches`` batches of
    ``size`` entries, release them together once all have started, and wait for them."""
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "append", location, tag, str(batches), str(size), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for location, tag in jobs
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.{tag}.ready").exists() for _, tag in jobs):  # all started
        for worker in workers:
            assert worker.poll() is None, worker.communicate()[1]
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.01)
    go.touch()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
