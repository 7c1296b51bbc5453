"""A ledger store in PostgreSQL, for offices that share one ledger (psycopg 3, the
``[postgres]`` extra).

Many ledgers live in one database, each named by a ledger id; entries keep exactly the
canonical text their hash covers, as in the SQLite store, so a ledger copied from one
store to the other keeps its anchor. Appends to one ledger are serialised by a
transaction-scoped advisory lock taken before the head is read; the entries table is
append-only for the roles the library writes with (no UPDATE/DELETE grants, and a
trigger that refuses them), and :meth:`PostgresStore.verify` still catches what a
superuser could change around the trigger. Per-item snapshots let a ledger reopen without
replaying its entries, as in a SQLite file (the shared code is in ``_sql_store.py`` and
``_snapshots.py``; the schema in ``_pg_schema.py``).

Credentials come only from libpq's environment (``PGPASSWORD``, a ``.pgpass`` file, a
service file): a URL with a password is refused, and errors name the server and the
database, never the password.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import attrs

from govefficiency._optional import import_optional
from govefficiency._validators import check_id
from govefficiency.errors import InvalidInputError, InvalidTypeError, StoreDamagedError, StoreError
from govefficiency.ledger._bulk import numbered_below_one, verify_chunks
from govefficiency.ledger._chain import Anchor, ChainReport, verify_canonical
from govefficiency.ledger._entries import GENESIS, Entry
from govefficiency.ledger._pg_schema import (
    PG_MIGRATIONS,
    PG_SCHEMA_VERSION,
    PG_SQL,
    SCHEMA,
    PgMigration,
    role_grants,
)
from govefficiency.ledger._schema import newer_schema
from govefficiency.ledger._snapshots import SnapshotTable
from govefficiency.ledger._sql_store import SqlStore
from govefficiency.ledger._store import is_store_url

if TYPE_CHECKING:
    import psycopg

__all__ = ["PG_MIGRATIONS", "PG_SCHEMA_VERSION", "PgMigration", "PostgresStore", "role_grants"]

#: The first key of the library's advisory locks ('ledg'); the second is the ledger's
#: number (0 for schema migrations).
_LOCK_CLASS = 0x6C656467


#: Rows read per query when entries are read in order.
_PAGE = 5_000

_CHUNK_QUERY = (
    f"SELECT count(*), coalesce(string_agg(hash, '' ORDER BY seq), ''), "
    f"convert_to(coalesce(string_agg(canonical, chr(30) ORDER BY seq), ''), 'UTF8') "
    f"FROM {SCHEMA}.entries WHERE ledger = %s AND seq > %s AND seq <= %s"
)


@attrs.frozen
class _Target:
    """A parsed ledger URL: what libpq gets, the ledger id and how errors name it."""

    conninfo: str
    ledger_id: str
    url: str


def _parse_url(url: str, ledger: str | None) -> _Target:
    if type(url) is not str:
        raise InvalidTypeError(
            f"a PostgreSQL ledger is named by a URL string, not {type(url).__name__}",
            f"PostgreSQL 台账须以 URL 字符串指定，而不是 {type(url).__name__}",
        )
    if not is_store_url(url):  # the text is not repeated: it might hold a password
        raise InvalidInputError(
            "a PostgreSQL ledger is named by a postgresql://HOST[:PORT]/DATABASE?ledger=ID URL",
            "PostgreSQL 台账须以 postgresql://主机[:端口]/数据库?ledger=台账ID 形式的 URL 指定",
        )
    try:
        parts = urlsplit(url)
        has_password = parts.password is not None
        netloc = parts.hostname or ""
        if parts.port is not None:
            netloc += f":{parts.port}"
    except ValueError:
        raise InvalidInputError(
            "the PostgreSQL URL cannot be parsed; write postgresql://HOST[:PORT]/DATABASE?ledger=ID",
            "无法解析该 PostgreSQL URL；请写作 postgresql://主机[:端口]/数据库?ledger=台账ID",
        ) from None
    user = parts.username
    shown_netloc = (f"{user}@" if user else "") + netloc
    params = parse_qsl(parts.query, keep_blank_values=True)
    shown = f"{parts.scheme}://{shown_netloc}{parts.path}"
    if has_password or any(k.lower() in ("password", "sslpassword") for k, _ in params):
        raise InvalidInputError(
            f"{shown}: the URL carries a password; give credentials through PGPASSWORD, a .pgpass "
            f"file or a service file (libpq's environment), never on the command line",
            f"{shown}：URL 中含有密码；请通过 PGPASSWORD、.pgpass 文件或服务文件（libpq 环境）提供凭据，"
            f"不要写在命令行中",
        )
    ids = [v for k, v in params if k == "ledger"]
    rest = [(k, v) for k, v in params if k != "ledger"]
    if len(ids) > 1 or (ids and ledger is not None and ids[0] != ledger):
        raise InvalidInputError(
            f"{shown}: name the ledger once (?ledger=ID), not {[*ids, *([ledger] if ledger else [])]}",
            f"{shown}：台账 ID 只能给出一次（?ledger=ID）",
        )
    ledger_id = ids[0] if ids else ledger
    if ledger_id is None:
        raise InvalidInputError(
            f"{shown}: say which ledger of the database with ?ledger=ID (e.g. ?ledger=nanyang-2026)",
            f"{shown}：请用 ?ledger=ID 指明数据库中的台账（如 ?ledger=nanyang-2026）",
        )
    check_id(ledger_id, "the ledger id")
    base = f"postgresql://{parts.netloc}{parts.path}"  # urlunsplit drops an empty netloc's '//'
    conninfo = base + (f"?{urlencode(rest)}" if rest else "")
    shown_query = urlencode([*rest, ("ledger", ledger_id)], safe="/")
    return _Target(conninfo, ledger_id, f"{base}?{shown_query}")


def _psycopg() -> Any:
    return import_optional("psycopg")


def _reopen(url: str, read_only: bool) -> PostgresStore:
    return PostgresStore(url, create=False, read_only=read_only)


class PostgresStore(SqlStore):
    """Entries of one ledger in a PostgreSQL database shared by many writers.

    * many ledgers in one database, in the schema ``govefficiency``: ``ledgers`` (one
      row per ledger id) and ``entries(ledger, seq, hash, canonical)``, which keeps
      exactly the canonical text each hash covers (the same text as the SQLite store);
    * one transaction per appended batch, inside a transaction-scoped advisory lock per
      ledger taken *before* the head is read: writers on any number of connections and
      machines serialise, nothing is lost or duplicated and ``seq`` has no gaps; a
      failure anywhere in the batch rolls all of it back;
    * a versioned schema (``govefficiency.schema_migrations``) upgraded step by step by
      :data:`PG_MIGRATIONS` when a role allowed to do so opens an older database;
    * the entries are append-only: the roles of :func:`role_grants` have no UPDATE or
      DELETE, and a trigger refuses UPDATE, DELETE and TRUNCATE for everyone else.
      :meth:`verify` checks every stored hash, so what a superuser changes around the
      trigger is still named;
    * per-item snapshots beside the entries (schema 3: ``snapshots`` and
      ``snapshot_heads``, the same rows as a SQLite file's), written with each batch and
      checked on every read against the hashes of the entries they name: a ledger reopens
      without decoding its entries, which are read in pages and fetched when asked. A
      session that may not write them (the reporting role) replays what they lack in
      memory. Everything but the SQL is :class:`SqlStore`'s, shared with SQLite.

    Args:
        url: ``postgresql://[USER@]HOST[:PORT]/DATABASE?ledger=ID`` (other libpq
            parameters such as ``sslmode`` or ``service`` may be added to the query).
            Credentials come from libpq's environment; a URL with a password is refused.
        ledger: the ledger id, when the URL does not carry ``?ledger=``.
        create: create the schema and the ledger when missing (otherwise
            :class:`StoreError`).
        read_only: a read-only session: nothing is created, migrated or written, and
            :meth:`append` raises :class:`StoreError`.
        connect_timeout: seconds to wait for the server.

    A store is used by one thread at a time; open one per thread or process. It pickles
    as its URL (which holds no password) and reconnects on unpickling.

    Raises:
        StoreError: the server cannot be reached, the role may not do what is asked, the
            database holds a newer schema, or the ledger does not exist (the message
            names the server and database, never the password).
    """

    def __init__(
        self,
        url: str,
        *,
        ledger: str | None = None,
        create: bool = True,
        read_only: bool = False,
        connect_timeout: int = 10,
    ) -> None:
        for name, flag in (("create", create), ("read_only", read_only)):
            if type(flag) is not bool:
                raise InvalidTypeError(
                    f"{name} must be True or False, not {flag!r}",
                    f"{name} 必须是 True 或 False，而不是 {flag!r}",
                )
        if type(connect_timeout) is not int or connect_timeout < 1:
            raise InvalidInputError(
                f"connect_timeout must be a whole number of seconds >= 1, not {connect_timeout!r}",
                f"connect_timeout 必须是不小于 1 的整数秒，而不是 {connect_timeout!r}",
            )
        target = _parse_url(url, ledger)
        self._url = self._name = target.url
        self._ledger_id = target.ledger_id
        self._read_only = read_only
        self._where = self._describe(target.conninfo)
        pg = _psycopg()
        self._pg = pg
        self._db_error = pg.Error
        try:
            options: dict[str, Any] = {"application_name": "govefficiency"}
            if "connect_timeout=" not in target.conninfo:
                options["connect_timeout"] = connect_timeout
            self._conn: psycopg.Connection[Any] = pg.connect(target.conninfo, autocommit=True, **options)
        except pg.Error as exc:
            raise self._error("cannot be reached", "无法连接", exc) from None
        info = self._conn.info
        self._where = f"PostgreSQL server {info.host}:{info.port}, database {info.dbname}"
        with self._opening():
            raw = info.parameter_status("server_encoding")
            encoding = raw.decode() if isinstance(raw, bytes) else str(raw)
            if encoding != "UTF8":
                raise StoreError(
                    f"{self._where}: the database encoding is {encoding!r}, not UTF8; "
                    f"keep ledgers in a UTF8 database (CREATE DATABASE … ENCODING 'UTF8')",
                    f"{self._where}：数据库编码为 {encoding!r}，不是 UTF8；请把台账放在 UTF8 数据库中",
                )
            if read_only:
                self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            self._schema = self._migrate(create and not read_only)
            self._num = self._ledger_number(create and not read_only)
            self._table = SnapshotTable(self._conn, self._sql, self._num)
            self._may_write = not read_only and self._schema >= 3 and self._may_write_snapshots()

    @staticmethod
    def _describe(conninfo: str) -> str:
        """'PostgreSQL server HOST:PORT, database DB' before connecting (libpq defaults)."""
        try:
            from psycopg.conninfo import conninfo_to_dict

            params = conninfo_to_dict(conninfo)
        except Exception:
            params = {}
        host = params.get("host") or os.environ.get("PGHOST") or "the default socket"
        port = params.get("port") or os.environ.get("PGPORT") or "5432"
        db = params.get("dbname") or os.environ.get("PGDATABASE") or "(the user's database)"
        return f"PostgreSQL server {host}:{port}, database {db}"

    # -- properties ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The ledger's URL (it never holds a password)."""
        return self._url

    @property
    def ledger_id(self) -> str:
        return self._ledger_id

    @property
    def schema_version(self) -> int:
        """The schema version of the database (``PG_SCHEMA_VERSION`` after opening)."""
        return self._version()

    def __len__(self) -> int:
        row = self._conn.execute(
            f"SELECT count(*) FROM {SCHEMA}.entries WHERE ledger = %s", (self._num,)
        ).fetchone()
        return int(row[0]) if row else 0

    def ledger_ids(self) -> list[str]:
        """The ids of every ledger in the database, sorted."""
        return [r[0] for r in self._conn.execute(f"SELECT ledger_id FROM {SCHEMA}.ledgers ORDER BY 1")]

    # -- schema ------------------------------------------------------------------------------

    def _version(self) -> int:
        conn = self._conn
        row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{SCHEMA}.schema_migrations",)).fetchone()
        if not row or not row[0]:
            exists = conn.execute(
                "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (SCHEMA,)
            ).fetchone()
            if exists and exists[0]:
                raise StoreDamagedError(
                    f"{self._where}: the schema {SCHEMA!r} exists but holds no govefficiency ledger "
                    f"tables; use another database",
                    f"{self._where}：模式 {SCHEMA!r} 已存在，但不是 govefficiency 台账表；请换一个数据库",
                )
            return 0
        row = conn.execute(f"SELECT coalesce(max(version), 0) FROM {SCHEMA}.schema_migrations").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self, may_write: bool) -> int:
        """Bring the database to :data:`PG_SCHEMA_VERSION` when allowed; return the version
        opened. A database of version 2 (no snapshots) is opened as it is by a session that
        may not migrate it: its ledgers are then replayed on opening, as before version 3."""
        version = self._version()
        if version > PG_SCHEMA_VERSION:
            raise newer_schema(self._where, version, PG_SCHEMA_VERSION)
        if version == PG_SCHEMA_VERSION or (version >= 2 and not may_write):
            return version
        if not may_write:
            what = "holds no ledgers" if version == 0 else f"has ledger schema version {version}"
            raise StoreError(
                f"{self._where} {what} and this read-only open cannot set up version "
                f"{PG_SCHEMA_VERSION}: run `govefficiency ledger init {self._url}` once as the "
                f"database owner",
                f"{self._where} 尚无台账或台账结构版本为 {version}，只读打开无法建立版本 {PG_SCHEMA_VERSION}："
                f"请以数据库所有者身份运行一次 `govefficiency ledger init {self._url}`",
            )
        conn = self._conn
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_LOCK_CLASS,))
                current = self._version()  # another process may have just done it
                for step in PG_MIGRATIONS:
                    if step.version <= current:
                        continue
                    for statement in step.statements:
                        conn.execute(statement)
                    conn.execute(
                        f"INSERT INTO {SCHEMA}.schema_migrations (version, description) VALUES (%s, %s)",
                        (step.version, step.description),
                    )
        except self._pg.errors.InsufficientPrivilege:
            if version >= 2:  # a writer before the owner's upgrade: go on without snapshots
                return version
            raise StoreError(
                f"{self._where}: the role {conn.info.user!r} may not set up the ledger schema "
                f"(version {version} -> {PG_SCHEMA_VERSION}); run `govefficiency ledger init` once "
                f"as the database owner",
                f"{self._where}：角色 {conn.info.user!r} 无权建立台账结构（版本 {version} -> {PG_SCHEMA_VERSION}）；"
                f"请以数据库所有者身份运行一次 `govefficiency ledger init`",
            ) from None
        return PG_SCHEMA_VERSION

    def _ledger_number(self, may_write: bool) -> int:
        conn = self._conn
        query = f"SELECT num FROM {SCHEMA}.ledgers WHERE ledger_id = %s"
        row = conn.execute(query, (self._ledger_id,)).fetchone()
        if row is None and may_write:
            try:
                conn.execute(
                    f"INSERT INTO {SCHEMA}.ledgers (ledger_id) VALUES (%s) ON CONFLICT (ledger_id) DO NOTHING",
                    (self._ledger_id,),
                )
            except self._pg.errors.InsufficientPrivilege:
                raise StoreError(
                    f"{self._where}: the role {conn.info.user!r} may not create the ledger "
                    f"{self._ledger_id!r}; ask the database owner to create it or grant INSERT "
                    f"(docs/ledger.md, 'Shared ledgers on PostgreSQL')",
                    f"{self._where}：角色 {conn.info.user!r} 无权创建台账 {self._ledger_id!r}；"
                    f"请数据库所有者创建或授予 INSERT 权限",
                ) from None
            row = conn.execute(query, (self._ledger_id,)).fetchone()
        if row is None:
            known = ", ".join(self.ledger_ids()) or "none"
            raise StoreError(
                f"{self._where} has no ledger {self._ledger_id!r} (ledgers there: {known}); "
                f"create it with `govefficiency ledger init {self._url}`",
                f"{self._where} 中没有台账 {self._ledger_id!r}（现有台账：{known}）；"
                f"请用 `govefficiency ledger init {self._url}` 创建",
            )
        return int(row[0])

    def _may_write_snapshots(self) -> bool:
        row = self._conn.execute(
            "SELECT has_table_privilege(%s, 'INSERT') AND has_table_privilege(%s, 'UPDATE')",
            (f"{SCHEMA}.entries", f"{SCHEMA}.snapshots"),
        ).fetchone()
        return bool(row and row[0])

    # -- what SqlStore needs -----------------------------------------------------------------

    _sql = PG_SQL

    def _snapshot_table(self) -> SnapshotTable | None:
        return self._table if self._schema >= 3 else None

    def _rows(self, after: int = 0) -> Iterator[tuple[Any, ...]]:
        """Pages of rows after the last one read (the entries are append-only, so the
        pages join up): memory holds one page."""
        query = (
            f"SELECT seq, hash, canonical FROM {SCHEMA}.entries WHERE ledger = %s AND seq > %s "
            f"ORDER BY seq LIMIT {_PAGE}"
        )
        while True:
            with self._guard("cannot be read", "无法读取"):
                page = self._conn.execute(query, (self._num, after)).fetchall()
            yield from page
            if len(page) < _PAGE:
                return
            after = page[-1][0]

    def _rows_at(self, seqs: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        with self._guard("cannot be read", "无法读取"):
            return iter(
                self._conn.execute(
                    f"SELECT seq, hash, canonical FROM {SCHEMA}.entries WHERE ledger = %s AND seq = ANY(%s::bigint[])",
                    (self._num, list(seqs)),
                ).fetchall()
            )

    def _head_row(self) -> tuple[int, str]:
        row = self._conn.execute(
            f"SELECT seq, hash FROM {SCHEMA}.entries WHERE ledger = %s ORDER BY seq DESC LIMIT 1",
            (self._num,),
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    @contextmanager
    def _writing(self, en: str, zh: str, busy: tuple[str, str] | None = None) -> Iterator[None]:
        """A transaction holding the ledger's advisory lock (taken before the head is read)."""
        conn, pg = self._conn, self._pg
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_LOCK_CLASS, self._num))
                yield
        except (pg.errors.InsufficientPrivilege, pg.errors.ReadOnlySqlTransaction) as exc:
            raise StoreError(
                f"{self._where}: the role {conn.info.user!r} may not write to the ledger "
                f"{self._ledger_id!r} ({_first_line(exc)}); nothing was written",
                f"{self._where}：角色 {conn.info.user!r} 无权写入台账 {self._ledger_id!r}"
                f"（{_first_line(exc)}），未写入任何记录",
            ) from None
        except pg.OperationalError as exc:
            if conn.closed:
                raise StoreError(
                    f"{self._where}: the connection was lost during the batch ({_first_line(exc)}); "
                    f"it may or may not have been written: reopen the ledger and look",
                    f"{self._where}：写入过程中连接中断（{_first_line(exc)}）；该批记录可能已写入也可能未写入："
                    f"请重新打开台账查看",
                ) from None
            raise self._error(en, zh, exc) from None
        except pg.Error as exc:
            raise self._error(en, zh, exc) from None

    _begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    def _in_transaction(self) -> bool:
        status = self._conn.info.transaction_status
        return status not in (self._pg.pq.TransactionStatus.IDLE, self._pg.pq.TransactionStatus.UNKNOWN)

    def _verify_chain(self, anchor: Anchor | None) -> ChainReport:
        conn: Any = self._conn
        num = self._num
        total, top, low = conn.execute(
            f"SELECT count(*), coalesce(max(seq), 0), min(seq) FROM {SCHEMA}.entries WHERE ledger = %s",
            (num,),
        ).fetchone()
        below = numbered_below_one(low)
        if below is not None:  # only a superuser who dropped the CHECK constraint can store one
            return below

        def fetch(low: int, high: int) -> tuple[Any, ...]:
            return tuple(conn.execute(_CHUNK_QUERY, (num, low, high)).fetchone())

        report = verify_chunks(int(total), int(top), fetch, anchor)
        if report is not None:
            return report
        with conn.cursor(name="govefficiency_verify") as cur:
            cur.itersize = 2000
            cur.execute(
                f"SELECT seq, hash, convert_to(canonical, 'UTF8') FROM {SCHEMA}.entries "
                f"WHERE ledger = %s ORDER BY seq",
                (num,),
            )
            return verify_canonical(((s, h, bytes(c)) for s, h, c in cur), anchor=anchor)

    def _write(self, entries: Sequence[Entry]) -> None:
        num = self._num
        with (
            self._conn.cursor() as cur,
            cur.copy(f"COPY {SCHEMA}.entries (ledger, seq, hash, canonical) FROM STDIN") as copy,
        ):
            for e in entries:
                copy.write_row((num, e.seq, e.hash, e._body))

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_reopen, (self._url, self._read_only))

    def __repr__(self) -> str:
        return f"PostgresStore({self._url!r})"

    def _error(self, en: str, zh: str, exc: BaseException) -> StoreError:
        detail = _first_line(exc)
        return StoreError(
            f"{self._where}, ledger {self._ledger_id!r}: the ledger database {en}: {detail}",
            f"{self._where}，台账 {self._ledger_id!r}：台账数据库{zh}：{detail}",
        )


def _first_line(exc: BaseException) -> str:
    """The server's message on one line (libpq's messages never carry the password)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return "; ".join(lines) if lines else type(exc).__name__
