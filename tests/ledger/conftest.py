"""Shared builders for the ledger tests: instants in Beijing time, items and small ledgers."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from govefficiency.calendar import WorkCalendar
from govefficiency.ledger import ChecklistItem, Ledger, PostgresStore, role_grants
from govefficiency.testing import CliResult, at, run_cli, sample_item

DATA = Path(__file__).parent / "data"


def _when(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> dt.datetime:
    return at(year, month, day, hour, minute)


def _item(ident: str = "T1", **changes: Any) -> ChecklistItem:
    item: ChecklistItem = sample_item(ident, **changes)
    return item


def edit_database(path: str | Path, *statements: str | tuple[str, tuple[object, ...]]) -> None:
    """Run SQL statements (text, or text and parameters) on a SQLite ledger file behind the
    library's back, and commit: how the tests damage a stored ledger."""
    conn = sqlite3.connect(path)
    for statement in statements:
        text, params = (statement, ()) if isinstance(statement, str) else statement
        conn.execute(text, params)
    conn.commit()
    conn.close()


@pytest.fixture(scope="session")
def when() -> Callable[..., dt.datetime]:
    """``when(month, day, hour=9)``: an instant in 2026, Beijing time."""
    return _when


@pytest.fixture(scope="session")
def make_item() -> Callable[..., ChecklistItem]:
    """``make_item(id, **changes)``: a valid 2026 item with three time nodes."""
    return _item


@pytest.fixture
def ledger() -> Ledger:
    """An in-memory ledger with items T1 (housing) and T2 (transport) opened on 5 January."""
    led = Ledger()
    led.open_items(
        [_item("T1"), _item("T2", lead_unit="transport", officer="zhao-lei", assisting_units=())],
        at=_when(1, 5),
    )
    return led


@pytest.fixture(scope="session")
def weekdays() -> WorkCalendar:
    """A plain Monday–Friday calendar for 2025–2026 with no holidays (easy hand counts)."""
    return WorkCalendar.custom(dt.date(2025, 1, 1), dt.date(2026, 12, 31), name="weekdays")


@pytest.fixture(scope="session")
def run() -> Callable[..., CliResult]:
    """``run(*argv)``: :func:`govefficiency.testing.run_cli`, as a fixture."""
    return run_cli


@pytest.fixture(scope="session")
def data() -> Path:
    """The folder of test data files."""
    return DATA


# -- PostgreSQL: a real server for the store tests (tests/_pgserver.py) ----------------------

WRITER = "ledger_writer"
READER = "ledger_reader"
TEMPLATE = "ledger_template"


def _no_server(reason: str) -> None:
    """Skip locally; with CI=true a missing server is a failure, never a silent skip."""
    message = f"no PostgreSQL server for the PostgreSQL store tests: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A throwaway server with the roles ``ledger_writer`` and ``ledger_reader`` and a
    template database whose ledger schema grants them what docs/ledger.md says."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        _no_server("psycopg is not installed (pip install '.[test]')")
    import _pgserver

    try:
        server = _pgserver.start()
    except _pgserver.UnavailableError as exc:
        _no_server(str(exc))
    saved = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = server.passfile
    try:
        with psycopg.connect(server.conninfo(), autocommit=True) as conn:
            for role in (WRITER, READER):
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(role), sql.Literal(server.password)
                    )
                )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
        with PostgresStore(server.url(TEMPLATE, ledger="setup")):
            pass  # creates the schema
        with psycopg.connect(server.conninfo(TEMPLATE), autocommit=True) as conn:
            conn.execute("DELETE FROM govefficiency.ledgers")
            conn.execute(role_grants(WRITER, READER).encode())
        yield server
    finally:
        if saved is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = saved
        _pgserver.stop(server)


_DATABASES = itertools.count(1)


@pytest.fixture
def pg_database(pg_server: Any) -> Iterator[str]:
    """A new database with the ledger schema and grants (from the template), dropped after."""
    import psycopg
    from psycopg import sql

    name = f"t{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(TEMPLATE))
        )
    yield name
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
