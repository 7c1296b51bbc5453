"""The PostgreSQL ledger schema: its migrations and version, the SQL of the per-item
snapshots (shared logic in :mod:`._snapshots`), and the grants a database owner runs for
the writer and reader roles."""

from __future__ import annotations

import re

import attrs

from govefficiency.errors import InvalidInputError
from govefficiency.ledger._snapshots import SnapshotSql

__all__ = ["PG_MIGRATIONS", "PG_SCHEMA_VERSION", "PG_SQL", "SCHEMA", "PgMigration", "role_grants"]

#: The PostgreSQL schema (namespace) that holds every ledger of a database.
SCHEMA = "govefficiency"


@attrs.frozen
class PgMigration:
    """One step of the PostgreSQL schema: its statements run, with the row recording it
    in ``govefficiency.schema_migrations``, in one transaction.

    Attributes:
        version: the schema version after this step.
        description: what the step changes.
        statements: the SQL statements of the step.
    """

    version: int
    description: str
    statements: tuple[str, ...] = attrs.field(eq=False)


_V1 = (
    f"CREATE SCHEMA {SCHEMA}",
    f"""CREATE TABLE {SCHEMA}.schema_migrations (
        version integer PRIMARY KEY,
        description text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
    )""",
    f"""CREATE TABLE {SCHEMA}.ledgers (
        num serial PRIMARY KEY,
        ledger_id text NOT NULL UNIQUE
    )""",
    # One row per entry: the ledger, seq 1, 2, 3... without gaps, the hash and exactly
    # the canonical text it covers.
    f"""CREATE TABLE {SCHEMA}.entries (
        ledger integer NOT NULL REFERENCES {SCHEMA}.ledgers (num),
        seq bigint NOT NULL CHECK (seq > 0),
        hash text NOT NULL,
        canonical text NOT NULL,
        PRIMARY KEY (ledger, seq)
    )""",
    f"REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM PUBLIC",
)

_V2 = (
    f"""CREATE FUNCTION {SCHEMA}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'govefficiency ledger entries are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'record a correction entry instead (台账只能追加，请记录更正)';
    END
    $$""",
    f"""CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON {SCHEMA}.entries
        FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change()""",
    f"""CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON {SCHEMA}.entries
        FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change()""",
    f"""CREATE VIEW {SCHEMA}.entry_fields AS
        SELECT l.ledger_id, e.seq,
               (e.canonical::jsonb) ->> 'item' AS item_id,
               (e.canonical::jsonb) ->> 'kind' AS kind,
               (e.canonical::jsonb) ->> 'recorded' AS recorded,
               (e.canonical::jsonb) -> 'payload' AS payload,
               ((e.canonical::jsonb) ->> 'corrects')::bigint AS corrects,
               (e.canonical::jsonb) ->> 'prev' AS prev_hash,
               e.hash
        FROM {SCHEMA}.entries e JOIN {SCHEMA}.ledgers l ON l.num = e.ledger""",
)

_SNAPSHOT_TABLES = f"{SCHEMA}.snapshots, {SCHEMA}.snapshot_heads"

_V3 = (
    # Per ledger and item, the fold as sequence numbers and the entry it folds up to (the
    # same rows as a SQLite file's, docs/ledger.md); a snapshot_heads row per ledger names
    # the head all its snapshots are up to date with. Rewritten by every append, so not
    # append-only: every read checks them against the entries' hashes instead.
    f"""CREATE TABLE {SCHEMA}.snapshots (
        ledger integer NOT NULL REFERENCES {SCHEMA}.ledgers (num),
        item_id text NOT NULL,
        opened bigint NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        state text NOT NULL,
        seqs bytea NOT NULL,
        PRIMARY KEY (ledger, item_id)
    )""",
    f"""CREATE TABLE {SCHEMA}.snapshot_heads (
        ledger integer PRIMARY KEY REFERENCES {SCHEMA}.ledgers (num),
        seq bigint NOT NULL,
        hash text NOT NULL
    )""",
    f"REVOKE ALL ON {_SNAPSHOT_TABLES} FROM PUBLIC",
    # The roles already granted what role_grants() gives keep working: a role that may
    # insert entries may write the snapshots, one that may read them may read these too.
    f"""DO $$
    DECLARE r record;
    BEGIN
        FOR r IN SELECT DISTINCT a.grantee::regrole::text AS name, a.privilege_type AS what
                 FROM pg_class c, aclexplode(c.relacl) a
                 WHERE c.oid = '{SCHEMA}.entries'::regclass AND a.grantee <> 0
                   AND a.grantee <> c.relowner AND a.privilege_type IN ('INSERT', 'SELECT')
        LOOP
            EXECUTE format('GRANT %s ON {_SNAPSHOT_TABLES} TO %s',
                CASE r.what WHEN 'INSERT' THEN 'SELECT, INSERT, UPDATE, DELETE' ELSE 'SELECT' END, r.name);
        END LOOP;
    END
    $$""",
)

#: The PostgreSQL schema's history, oldest first. A new version appends a step; never
#: edit one.
PG_MIGRATIONS: tuple[PgMigration, ...] = (
    PgMigration(1, "ledgers, entries (exact canonical text) and schema_migrations tables", _V1),
    PgMigration(2, "append-only trigger on entries; entry_fields view for SQL readers", _V2),
    PgMigration(3, "per-item state snapshots beside the entries, each naming the entry it folds up to", _V3),
)

#: The PostgreSQL schema version this release writes.
PG_SCHEMA_VERSION = PG_MIGRATIONS[-1].version

_ROLE = re.compile(r"[A-Za-z_][A-Za-z0-9_$-]{0,62}")


def role_grants(writer: str, reader: str | None = None) -> str:
    """The SQL that a database owner runs once (after the first
    ``govefficiency ledger init``) to let ``writer`` append to ledgers and ``reader``
    only read them. The writer gets SELECT and INSERT on the entries, never UPDATE,
    DELETE or TRUNCATE (revoked explicitly, and refused by a trigger besides), and may
    rewrite the per-item snapshots (checked against the entries on every read).

    Raises:
        InvalidInputError: a role name that is not a plain SQL identifier.
    """
    names = [writer] + ([] if reader is None else [reader])
    for name in names:
        if type(name) is not str or not _ROLE.fullmatch(name):
            raise InvalidInputError(
                f"a role name is a letter or '_' then up to 62 letters, digits, '_', '$' or '-', not {name!r}",
                f"角色名须以字母或 '_' 开头，后接至多 62 个字母、数字、'_'、'$' 或 '-'，而不是 {name!r}",
            )
    w = '"' + writer + '"'
    lines = [
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {w};",
        f"GRANT SELECT ON {SCHEMA}.schema_migrations TO {w};",
        f"GRANT SELECT, INSERT ON {SCHEMA}.ledgers, {SCHEMA}.entries TO {w};",
        f"GRANT USAGE ON SEQUENCE {SCHEMA}.ledgers_num_seq TO {w};",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_SNAPSHOT_TABLES} TO {w};",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {SCHEMA}.entries FROM {w};",
    ]
    if reader is not None:
        r = '"' + reader + '"'
        lines += [
            f"GRANT USAGE ON SCHEMA {SCHEMA} TO {r};",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {r};",
        ]
    return "\n".join(lines) + "\n"


_SNAPSHOTS = f"{SCHEMA}.snapshots"
_ENTRIES = f"{SCHEMA}.entries"

#: The snapshots' SQL in PostgreSQL (the logic is :class:`._snapshots.SnapshotTable`'s).
PG_SQL = SnapshotSql(
    head=f"SELECT seq, hash FROM {SCHEMA}.snapshot_heads WHERE ledger = %(ledger)s",
    set_head=f"INSERT INTO {SCHEMA}.snapshot_heads (ledger, seq, hash) VALUES (%(ledger)s, %(seq)s, %(hash)s) "
    "ON CONFLICT (ledger) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash",
    entry_hash=f"SELECT hash FROM {_ENTRIES} WHERE ledger = %(ledger)s AND seq = %(seq)s",
    mismatch=f"SELECT s.item_id, s.seq FROM {_SNAPSHOTS} s "
    f"LEFT JOIN {_ENTRIES} e ON e.ledger = s.ledger AND e.seq = s.seq WHERE s.ledger = %(ledger)s "
    "AND (e.hash IS NULL OR e.hash != s.hash OR s.seq > %(seq)s) ORDER BY s.seq LIMIT 1",
    rows=f"SELECT item_id, state, seqs FROM {_SNAPSHOTS} WHERE ledger = %(ledger)s ORDER BY opened",
    upsert=f"INSERT INTO {_SNAPSHOTS} (ledger, item_id, opened, seq, hash, state, seqs) "
    f"SELECT %(ledger)s, %(item)s, %(opened)s, seq, hash, %(state)s, %(seqs)s FROM {_ENTRIES} "
    "WHERE ledger = %(ledger)s AND seq = %(last)s ON CONFLICT (ledger, item_id) DO UPDATE SET "
    "opened = EXCLUDED.opened, seq = EXCLUDED.seq, hash = EXCLUDED.hash, state = EXCLUDED.state, seqs = EXCLUDED.seqs",
    delete=f"DELETE FROM {_SNAPSHOTS} WHERE ledger = %(ledger)s",
    store="PostgresStore(url)",
    store_zh="PostgresStore(url)",
)
