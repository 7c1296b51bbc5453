"""What only the PostgreSQL store has: roles and grants, the append-only trigger, many
ledgers in one database, URLs and credentials, and copying to and from SQLite (against a
real server; see tests/_pgserver.py)."""

from __future__ import annotations

import datetime as dt
import pickle
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.errors import InvalidInputError, InvalidTypeError, StoreError
from govefficiency.ledger import (
    PG_MIGRATIONS,
    PG_SCHEMA_VERSION,
    ChainFault,
    EntryKind,
    Ledger,
    MemoryStore,
    PostgresStore,
    SqliteStore,
    copy_store,
    open_store,
    role_grants,
)

from ._stores import run_workers

WRITER, READER = "ledger_writer", "ledger_reader"


def _admin(server: Any, database: str) -> Any:
    import psycopg

    return psycopg.connect(server.conninfo(database), autocommit=True)


def _as(server: Any, database: str, role: str) -> Any:
    import psycopg

    return psycopg.connect(server.conninfo(database, user=role), autocommit=True)


@pytest.fixture
def shared(pg_server, pg_database, make_item, when) -> str:
    """The writer's URL of ledger nanyang-2026 with items T1, T2 and two progress reports."""
    url = pg_server.url(pg_database, user=WRITER, ledger="nanyang-2026")
    with Ledger(PostgresStore(url)) as led:
        led.open_items([make_item("T1"), make_item("T2", lead_unit="transport")], at=when(1, 5))
        led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        led.report_progress("T2", date=dt.date(2026, 3, 1), share=20, at=when(3, 1))
    return url


class TestAppendOnly:
    @pytest.mark.parametrize(
        "statement",
        [
            "UPDATE govefficiency.entries SET hash = 'x' WHERE seq = 2",
            "DELETE FROM govefficiency.entries WHERE seq = 4",
            "TRUNCATE govefficiency.entries",
        ],
    )
    def test_the_writer_role_may_not_change_entries(self, pg_server, pg_database, shared, statement):
        """The writer role has no UPDATE, DELETE or TRUNCATE privilege on the entries."""
        import psycopg

        with _as(pg_server, pg_database, WRITER) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement.encode())

    @pytest.mark.parametrize(
        "statement",
        [
            "UPDATE govefficiency.entries SET hash = 'x' WHERE seq = 2",
            "DELETE FROM govefficiency.entries WHERE seq = 4",
            "TRUNCATE govefficiency.entries",
        ],
    )
    def test_the_trigger_refuses_even_the_owner(self, pg_server, pg_database, shared, statement):
        """The owner (here a superuser) is refused by the trigger unless it deliberately
        switches triggers off, which the shared suite shows verify still catches."""
        import psycopg

        with _admin(pg_server, pg_database) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                conn.execute(statement.encode())
            row = conn.execute("SELECT count(*) FROM govefficiency.entries").fetchone()
        assert row == (4,)
        with PostgresStore(shared) as store:
            assert store.verify().ok

    def test_a_superuser_row_numbered_zero_is_named(self, pg_server, pg_database, shared):
        """A superuser who drops the CHECK constraint and inserts a row numbered 0 (which
        reading would skip) is still named by verify."""
        with _admin(pg_server, pg_database) as conn:
            conn.execute("ALTER TABLE govefficiency.entries DROP CONSTRAINT entries_seq_check")
            conn.execute(
                "INSERT INTO govefficiency.entries (ledger, seq, hash, canonical) "
                "SELECT ledger, 0, hash, canonical FROM govefficiency.entries WHERE seq = 1"
            )
        with PostgresStore(shared) as store:
            problem = store.verify().problem
        assert (problem.fault, problem.seq, problem.found) == (ChainFault.INSERTED, 1, 0)

    def test_the_reader_role_may_only_select(self, pg_server, pg_database, shared):
        """The reporting role reads the entries and the entry_fields view, and may insert nothing."""
        import psycopg

        with _as(pg_server, pg_database, READER) as conn:
            rows = conn.execute(
                "SELECT ledger_id, seq, item_id, kind, corrects FROM govefficiency.entry_fields ORDER BY seq"
            ).fetchall()
            assert rows[:2] == [
                ("nanyang-2026", 1, "T1", "item_opened", None),
                ("nanyang-2026", 2, "T2", "item_opened", None),
            ]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(
                    "INSERT INTO govefficiency.entries (ledger, seq, hash, canonical) VALUES (1, 99, 'x', 'y')"
                )

    def test_the_reader_role_may_not_create_a_ledger(self, pg_server, pg_database, shared):
        """Opening an unknown ledger as the reporting role names the missing privilege."""
        url = pg_server.url(pg_database, user=READER, ledger="new-ledger")
        with pytest.raises(StoreError, match="may not create the ledger 'new-ledger'"):
            PostgresStore(url)

    def test_the_writer_may_not_set_up_the_schema(self, pg_server):
        """A database without the ledger schema needs its owner for the first init."""
        from psycopg import sql

        with _admin(pg_server, "postgres") as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier("bare_db")))
        try:
            with pytest.raises(StoreError, match=r"may not set up the ledger schema.*database owner"):
                PostgresStore(pg_server.url("bare_db", user=WRITER, ledger="x"))
            with pytest.raises(StoreError, match=r"holds no ledgers.*ledger init"):
                PostgresStore(pg_server.url("bare_db", ledger="x"), read_only=True)
        finally:
            with _admin(pg_server, "postgres") as conn:
                conn.execute("DROP DATABASE bare_db WITH (FORCE)")


class TestManyLedgers:
    def test_ledgers_are_independent(self, pg_server, pg_database, shared, make_item, when):
        """Two ledgers in one database number their entries from 1 and chain separately."""
        other = pg_server.url(pg_database, user=WRITER, ledger="jiangning-2026")
        with Ledger(PostgresStore(other)) as b, Ledger(PostgresStore(shared)) as a:
            b.open_items([make_item("T1", lead_unit="planning")], at=when(1, 6))
            a.report_progress("T1", date=dt.date(2026, 4, 1), share=30, at=when(4, 1))
            b.report_progress("T1", date=dt.date(2026, 4, 1), share=5, at=when(4, 1))
            assert [e.seq for e in a.entries()] == [1, 2, 3, 4, 5]
            assert [e.seq for e in b.entries()] == [1, 2]
            assert a.verify().ok
            assert b.verify().ok
            assert a.state("T1").share == 30.0
            assert b.state("T1").share == 5.0
            assert a.store.ledger_ids() == ["jiangning-2026", "nanyang-2026"]

    def test_unknown_ledger_without_create(self, pg_server, pg_database, shared):
        """create=False refuses an unknown ledger, names the ones there and says how to create it."""
        url = pg_server.url(pg_database, user=WRITER, ledger="nanyang-2027")
        with pytest.raises(
            StoreError, match=r"no ledger 'nanyang-2027' \(ledgers there: nanyang-2026\).*ledger init"
        ):
            PostgresStore(url, create=False)

    def test_four_processes_on_two_ledgers(self, pg_server, pg_database, shared, tmp_path):
        """Four processes, two per ledger, append at once: each ledger gets all of its
        own entries, none of the other's, without gaps."""
        other = pg_server.url(pg_database, user=WRITER, ledger="jiangning-2026")
        _copy_items(shared, other)
        batches, size = 10, 5
        jobs = [(shared, "A"), (shared, "B"), (other, "C"), (other, "D")]
        run_workers(jobs, tmp_path / "go", batches, size)
        for url, tags in ((shared, "AB"), (other, "CD")):
            with Ledger(PostgresStore(url)) as led:
                assert led.verify().ok
                assert [e.seq for e in led.entries()] == list(range(1, len(led) + 1))
                narratives = [
                    e.payload.narrative
                    for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)
                    if e.payload.narrative[:1] in "ABCD" and "-" in e.payload.narrative
                ]
                expected = {f"{t}-{b}-{i}" for t in tags for b in range(batches) for i in range(size)}
                assert sorted(narratives) == sorted(expected)


def _copy_items(source: str, target: str) -> None:
    """Open the source ledger's items in the target ledger too."""
    with Ledger(PostgresStore(source)) as a, Ledger(PostgresStore(target)) as b:
        opened = list(a.entries(kind=EntryKind.ITEM_OPENED))
        b.open_items([e.payload for e in opened], at=opened[0].recorded_at)


class TestUrls:
    @pytest.mark.parametrize(
        "url",
        [
            "postgresql://writer:s3cret-pw@db.example/ledgers?ledger=a",
            "postgresql://writer@db.example/ledgers?ledger=a&password=s3cret-pw",
            "postgresql://writer@db.example/ledgers?ledger=a&sslpassword=s3cret-pw",
        ],
    )
    def test_a_password_in_the_url_is_refused_and_never_shown(self, url):
        """Credentials come from libpq's environment; the error does not repeat the password."""
        with pytest.raises(InvalidInputError, match=r"PGPASSWORD, a \.pgpass file or a service file") as info:
            PostgresStore(url)
        assert "s3cret-pw" not in str(info.value)
        assert "s3cret-pw" not in info.value.zh

    @pytest.mark.parametrize(
        ("url", "message"),
        [
            ("postgresql://db.example/ledgers", r"\?ledger=ID"),
            ("postgresql://db.example/ledgers?ledger=a&ledger=b", "once"),
            ("postgresql://db.example/ledgers?ledger=bad%20id", "not a valid id"),
            ("mysql://db.example/ledgers?ledger=a", "postgresql://"),
            ("postgresql://db.example:99999/ledgers?ledger=a", "cannot be parsed"),
        ],
    )
    def test_bad_urls(self, url, message):
        """A URL without a ledger, with two, with a bad id or of another scheme is refused."""
        with pytest.raises(InvalidInputError, match=message):
            PostgresStore(url)

    def test_bad_arguments(self):
        """Flags and timeouts are checked before connecting."""
        with pytest.raises(InvalidTypeError):
            PostgresStore("postgresql://h/d?ledger=a", create="yes")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            PostgresStore("postgresql://h/d?ledger=a", connect_timeout=0)
        with pytest.raises(InvalidTypeError):
            PostgresStore(42)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            PostgresStore("postgresql://h/d?ledger=a", ledger="b")

    def test_wrong_password_names_server_and_database_not_password(self, pg_server, pg_database, monkeypatch):
        """A failed login names the server and the database; the password never appears."""
        monkeypatch.setenv("PGPASSFILE", "/nonexistent")
        monkeypatch.setenv("PGPASSWORD", "wrong-Pa55word")
        with pytest.raises(StoreError) as info:
            PostgresStore(pg_server.url(pg_database, user=WRITER, ledger="x"))
        text = str(info.value) + info.value.zh
        assert f"PostgreSQL server {pg_server.socket_dir}:5432, database {pg_database}" in str(info.value)
        assert "password authentication failed" in text
        assert "wrong-Pa55word" not in text

    def test_ledger_keyword(self, pg_server, pg_database, shared):
        """The ledger id may be given as a keyword instead of in the URL."""
        url = pg_server.url(pg_database, user=WRITER)
        with PostgresStore(url, ledger="nanyang-2026", create=False) as store:
            assert len(store) == 4
            assert store.ledger_id == "nanyang-2026"
            assert "ledger=nanyang-2026" in store.url

    def test_pickles_as_its_url(self, shared):
        """A pickled store reconnects to the same ledger."""
        with PostgresStore(shared) as store:
            copy = pickle.loads(pickle.dumps(store))
        assert copy.url == store.url
        assert len(copy) == 4
        copy.close()


class TestSchema:
    def test_newer_schema_is_refused(self, pg_server, pg_database, shared):
        """A database set up by a newer release is refused, not damaged."""
        with _admin(pg_server, pg_database) as conn:
            conn.execute(
                "INSERT INTO govefficiency.schema_migrations (version, description) VALUES (99, 'future')"
            )
        with pytest.raises(StoreError, match="version 99, newer"):
            PostgresStore(shared)

    def test_migrations_are_ordered(self):
        """Each step raises the version by one, starting at 1."""
        assert [m.version for m in PG_MIGRATIONS] == list(range(1, PG_SCHEMA_VERSION + 1))
        assert all(m.description and m.statements for m in PG_MIGRATIONS)

    def test_not_a_ledger_schema(self, pg_server):
        """A database whose 'govefficiency' schema holds something else is not taken for a ledger."""
        with _admin(pg_server, "postgres") as conn:
            conn.execute("CREATE SCHEMA govefficiency")
        try:
            with pytest.raises(StoreError, match="holds no govefficiency ledger tables"):
                PostgresStore(pg_server.url("postgres", ledger="x"))
        finally:
            with _admin(pg_server, "postgres") as conn:
                conn.execute("DROP SCHEMA govefficiency")

    def test_version_2_is_migrated_and_the_roles_keep_their_access(self, pg_server, make_item, when):
        """A version-2 database (no snapshots; the roles granted as then): a writer opens it
        as it is and appends; the owner's open migrates it to version 3 and gives the roles
        the snapshot tables; the writer's next ledger writes every snapshot, which the
        reader then opens from."""
        source = Ledger()
        source.open_items([make_item("T1"), make_item("T2")], at=when(1, 5))
        source.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        database = _v2_database(pg_server, source.entries())
        writer = pg_server.url(database, user=WRITER, ledger="nanyang-2026")
        with Ledger(PostgresStore(writer)) as led:
            assert (led.store.schema_version, led.store.snapshots()) == (2, None)
            led.report_progress("T2", date=dt.date(2026, 3, 2), share=20, at=when(3, 2))
        with PostgresStore(pg_server.url(database, ledger="nanyang-2026")) as owner:
            assert owner.schema_version == PG_SCHEMA_VERSION == 3
            assert owner.snapshots().seq == 0
        with Ledger(PostgresStore(writer)) as led:  # replays once, writes every snapshot
            expected = Ledger(MemoryStore(led.entries())).states()
        with Ledger(
            PostgresStore(pg_server.url(database, user=READER, ledger="nanyang-2026"), create=False)
        ) as led:
            assert led.store.snapshots().seq == 4
            assert led.states() == expected
            assert led.store.verify(entries=True).ok

    def test_role_grants_checks_names(self):
        """Role names are plain identifiers; anything else is refused, not quoted into SQL."""
        assert "REVOKE UPDATE, DELETE, TRUNCATE" in role_grants("w")
        with pytest.raises(InvalidInputError):
            role_grants('w"; DROP TABLE x; --')
        with pytest.raises(InvalidInputError):
            role_grants("w", "")


def _v2_database(server: Any, entries: Any) -> str:
    """A new database at schema version 2 holding ``entries`` as ledger nanyang-2026, the
    writer and reader granted what version 2's role_grants() gave."""
    from psycopg import sql

    database = "v2_" + str(time.monotonic_ns())
    with _admin(server, "postgres") as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    with _admin(server, database) as conn:
        for step in PG_MIGRATIONS[:2]:
            for statement in step.statements:
                conn.execute(statement.encode())
            conn.execute(
                "INSERT INTO govefficiency.schema_migrations (version, description) VALUES (%s, %s)",
                (step.version, step.description),
            )
        grants = [line for line in role_grants(WRITER, READER).splitlines() if "snapshot" not in line]
        conn.execute("\n".join(grants).encode())
        conn.execute("INSERT INTO govefficiency.ledgers (ledger_id) VALUES ('nanyang-2026')")
        with (
            conn.cursor() as cur,
            cur.copy("COPY govefficiency.entries (ledger, seq, hash, canonical) FROM STDIN") as copy,
        ):
            for e in entries:
                copy.write_row((1, e.seq, e.hash, e._body))
    return database


class TestCopy:
    def test_sqlite_to_postgres_and_back_keeps_the_anchor(self, tmp_path, shared, pg_server, pg_database):
        """A ledger copied PostgreSQL -> SQLite -> another PostgreSQL ledger has the same
        anchor at every step, and refuses a non-empty target."""
        with Ledger(PostgresStore(shared)) as source:
            anchor = source.anchor
        path = tmp_path / "copy.sqlite"
        with PostgresStore(shared, read_only=True) as src, SqliteStore(path) as dst:
            report = copy_store(src, dst)
        assert (report.head_seq, report.head_hash) == anchor
        back = pg_server.url(pg_database, user=WRITER, ledger="back")
        with SqliteStore(path) as src, PostgresStore(back) as dst:
            assert copy_store(src, dst).head_hash == anchor[1]
            with pytest.raises(StoreError, match="already holds 4 entries"):
                copy_store(src, dst)
        with Ledger(open_store(back)) as led:
            assert led.anchor == anchor
            assert led.state("T2").share == 20.0

    def test_jsonl_export_imports_with_the_same_anchor(self, tmp_path, shared):
        """An export from PostgreSQL imported into SQLite gives the same anchor."""
        with Ledger(PostgresStore(shared)) as source:
            source.to_jsonl(tmp_path / "x.jsonl")
            anchor = source.anchor
        with Ledger.from_jsonl(tmp_path / "x.jsonl", SqliteStore(tmp_path / "x.sqlite")) as copy:
            assert copy.anchor == anchor


def test_docs_show_the_grants_the_code_makes():
    """The grants in docs/ledger.md are exactly role_grants()'s statements."""
    import re

    page = (Path(__file__).resolve().parents[2] / "docs" / "ledger.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```sql\n(.*?)```", page, re.S)
    statements = [line for line in block.splitlines() if line.startswith(("GRANT", "REVOKE"))]
    assert statements == role_grants("ledger_writer", "ledger_reader").splitlines()


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda user, secret, rest: f"postgresql://{user}:Pw-{secret}@{rest}",
            st.text(alphabet=st.characters(blacklist_characters=":@/?#"), max_size=10),
            st.text(alphabet="abcdefghXYZ0123456789_-.!~*'()", min_size=3, max_size=16),
            st.text(max_size=40),
        ),
        st.builds(lambda q: f"postgresql://h/db?{q}", st.text(max_size=60)),
    )
)
def test_url_parsing_fuzz(text):
    """Any text: a parsed target or a library error, and a password is never repeated."""
    from govefficiency.errors import GovEfficiencyError
    from govefficiency.ledger._postgres import _parse_url

    message = ""
    try:
        target = _parse_url(text, None)
    except GovEfficiencyError as exc:
        message = exc.en + (exc.zh or "")
    secret = text.split("Pw-", 1)[1].split("@", 1)[0] if "Pw-" in text else ""
    if message:
        if len(secret) >= 3:
            assert "Pw-" + secret not in message
        return
    assert target.ledger_id
    assert "ledger=" not in target.conninfo.split("?", 1)[0]
