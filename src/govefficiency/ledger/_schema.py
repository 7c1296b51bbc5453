"""The SQLite ledger's schema: its migrations, version and application id, and the checks
that a file is a ledger (made without writing to it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import attrs

from govefficiency.errors import StoreDamagedError, StoreError
from govefficiency.ledger._entries import body
from govefficiency.ledger._snapshots import create_v3

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "check_ledger",
    "check_read_only",
    "migrate",
    "newer_schema",
    "not_a_ledger",
    "refuse_foreign",
]


@attrs.frozen
class Migration:
    """One step of the SQLite schema: run on databases whose ``user_version`` is below
    ``version``, inside the same transaction that sets ``user_version``.

    Attributes:
        version: the schema version after this step.
        description: what the step changes.
        apply: the function that changes an open connection (no COMMIT).
    """

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None] = attrs.field(eq=False)


def _create_v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,   -- 1, 2, 3... without gaps
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            recorded TEXT NOT NULL,    -- ISO 8601 with offset, exactly as hashed
            payload TEXT NOT NULL,     -- canonical JSON, exactly as hashed
            corrects INTEGER,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("format", "govefficiency-ledger"), ("hash", "sha256 over canonical JSON (docs/ledger.md)")],
    )


def _upgrade_v2(conn: sqlite3.Connection) -> None:
    # v2 stores, for each entry, exactly the canonical text its hash covers, instead of
    # its fields in separate columns: verification hashes what is stored (no re-assembly,
    # no way for a column to disagree with the hash), and the fields are offered to SQL
    # readers through the `entry_fields` view. The v1 hashes stay valid: the canonical
    # text is re-assembled from the v1 columns exactly as it was hashed.
    conn.execute(
        "CREATE TABLE entries_v2 (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, canonical TEXT NOT NULL)"
    )
    rows = conn.execute(
        "SELECT seq, item_id, kind, recorded, payload, corrects, prev_hash, hash FROM entries ORDER BY seq"
    )
    conn.executemany(
        "INSERT INTO entries_v2 (seq, hash, canonical) VALUES (?, ?, ?)",
        (
            (seq, h, body(seq, item, kind, recorded, payload, corrects, prev))
            for seq, item, kind, recorded, payload, corrects, prev, h in rows
        ),
    )
    conn.execute("DROP TABLE entries")
    conn.execute("ALTER TABLE entries_v2 RENAME TO entries")
    conn.execute(
        """
        CREATE VIEW entry_fields AS
        SELECT seq,
               json_extract(canonical, '$.item') AS item_id,
               json_extract(canonical, '$.kind') AS kind,
               json_extract(canonical, '$.recorded') AS recorded,
               json_extract(canonical, '$.payload') AS payload,
               json_extract(canonical, '$.corrects') AS corrects,
               json_extract(canonical, '$.prev') AS prev_hash,
               hash
        FROM entries
        """
    )
    conn.execute("UPDATE meta SET value = 'sha256 of entries.canonical (docs/ledger.md)' WHERE key = 'hash'")


#: The schema's history, oldest first. A new version appends a step; never edit one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "entries (one column per field) and meta tables", _create_v1),
    Migration(
        2, "entries keep the exact canonical text hashed; fields via the entry_fields view", _upgrade_v2
    ),
    Migration(
        3, "per-item state snapshots beside the entries, each naming the entry it folds up to", create_v3
    ),
)

#: The schema version this release writes.
SCHEMA_VERSION = MIGRATIONS[-1].version

#: SQLite's ``application_id`` header field of a govefficiency ledger ('GVLD'): set when a
#: file is created or opened for writing, checked on every open (0 is an older ledger).
APPLICATION_ID = 0x47564C44


def check_read_only(conn: sqlite3.Connection, path: str) -> None:
    """Opened read-only: the file must already be a ledger of the current schema."""
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app not in (0, APPLICATION_ID):
        raise not_a_ledger(path, f"its SQLite application id is {app:#x}, not {APPLICATION_ID:#x}")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise newer_schema(path, version, SCHEMA_VERSION)
    if version == 0:
        raise not_a_ledger(path, "it has no ledger schema")
    if version < 2:
        raise StoreError(
            f"{path} has ledger schema version {version} and needs upgrading to "
            f"{SCHEMA_VERSION}, which a read-only open cannot do: run "
            f"`govefficiency ledger init {path}` once",
            f"{path} 的台账结构版本为 {version}，需升级到 {SCHEMA_VERSION}，只读打开无法升级："
            f"请先运行一次 `govefficiency ledger init {path}`",
        )
    check_ledger(conn, path)


def refuse_foreign(conn: sqlite3.Connection, path: str, create: bool) -> None:
    """Refuse, without writing, a file of another application, or (``create=False``)
    a file without a ledger schema."""
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app not in (0, APPLICATION_ID):
        raise not_a_ledger(path, f"its SQLite application id is {app:#x}, not {APPLICATION_ID:#x}")
    if not create and int(conn.execute("PRAGMA user_version").fetchone()[0]) == 0:
        raise not_a_ledger(
            path, f"it has no ledger schema; create a ledger with `govefficiency ledger init {path}`"
        )


def migrate(conn: sqlite3.Connection, path: str) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise newer_schema(path, version, SCHEMA_VERSION)
    if version == 2:  # a v2 file must be a ledger before it is migrated
        check_ledger(conn, path)
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise StoreError(
                f"{path} is a SQLite database but not a govefficiency ledger; choose another file",
                f"{path} 是 SQLite 数据库，但不是 govefficiency 台账；请换一个文件",
            )
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current < step.version:  # another process may have just done it
                step.apply(conn)
                conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = step.version


def newer_schema(where: str, version: int, supported: int) -> StoreError:
    """The error for a store (a SQLite file, a PostgreSQL database) of a newer release."""
    return StoreError(
        f"{where} has ledger schema version {version}, newer than this release "
        f"supports ({supported}); upgrade govefficiency to open it",
        f"{where} 的台账结构版本为 {version}，高于本版本支持的 {supported}；请升级 govefficiency",
    )


def not_a_ledger(path: str, why: str) -> StoreDamagedError:
    return StoreDamagedError(
        f"{path} is not a govefficiency ledger ({why}; nothing was written to it); "
        f"choose another file, or restore the ledger from a good copy",
        f"{path} 不是 govefficiency 台账（{why}；未对其写入任何内容）；请换一个文件或从完好副本恢复",
    )


def check_ledger(conn: sqlite3.Connection, path: str) -> None:
    """The open file must be a ledger of the current schema: its application id, the
    ``meta`` format row and the ``entries`` columns."""
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app not in (0, APPLICATION_ID):
        raise not_a_ledger(path, f"its SQLite application id is {app:#x}, not {APPLICATION_ID:#x}")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("meta", "entries"):
        if table not in tables:
            raise not_a_ledger(path, f"the table {table!r} is missing")
    columns = [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
    if columns != ["seq", "hash", "canonical"]:
        raise not_a_ledger(path, f"the entries table has the columns {columns}, not seq, hash, canonical")
    row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if row is None or row[0] != "govefficiency-ledger":
        raise not_a_ledger(path, "its meta table does not name the govefficiency-ledger format")
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= 3 and "snapshots" not in tables:
        raise not_a_ledger(path, "the table 'snapshots' is missing")
