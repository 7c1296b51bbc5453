"""``govefficiency ledger …`` with a PostgreSQL URL wherever it takes a ledger file, and
``ledger copy`` between SQLite and PostgreSQL (against a real server)."""

from __future__ import annotations

import json

import pytest

from govefficiency.ledger import Ledger, PostgresStore, SqliteStore

WRITER, READER = "ledger_writer", "ledger_reader"


@pytest.fixture
def url(pg_server, pg_database, data, run) -> str:
    """The writer's URL of a ledger opened from the test checklist."""
    location = pg_server.url(pg_database, user=WRITER, ledger="nanyang-2026")
    assert run("ledger", "init", location, "--lang", "en")[0] == 0
    assert run("ledger", "open-items", location, str(data / "checklist.toml"))[0] == 0
    return location


def test_init_and_open(pg_server, pg_database, run, url):
    """init names the schema version; open records one entry per item."""
    code, out, _ = run("ledger", "init", url, "--lang", "en")
    assert code == 0
    assert "schema version 3 (current 3), 2 entries" in out
    with Ledger(PostgresStore(url)) as led:
        assert led.item_ids() == ("2026-01", "2026-02")


def test_report_check_and_verify_by_url(pg_server, pg_database, run, url):
    """The review commands take the URL; the reporting role may report and verify
    (read-only) but a recording check is refused without writing."""
    # The June check as of 30 June 2026: neither item has reported, so both are
    # ITEM_NOT_REPORTED errors (exit 1) and two review entries are recorded.
    code, out, _ = run("ledger", "june-check", url, "--at", "2026-06-30", "--lang", "en")
    assert code == 1
    assert "2 without a report" in out
    assert "recorded 2 entries (#3–#4)" in out
    reader = pg_server.url(pg_database, user=READER, ledger="nanyang-2026")
    code, out, _ = run("ledger", "report", reader, "--at", "2026-10-09", "--json")
    assert code == 1  # still no report from either item: ITEM_NOT_REPORTED errors
    assert [i["item_id"] for i in json.loads(out)["items"]] == ["2026-01", "2026-02"]
    code, out, _ = run("ledger", "verify", reader, "--lang", "en")
    assert code == 0
    assert "chain intact: 4 entries" in out
    code, _, err = run("ledger", "june-check", reader, "--at", "2026-07-01", "--lang", "en")
    assert code == 2
    assert "may not write" in err
    assert "nothing was written" in err
    code, out, _ = run("ledger", "june-check", reader, "--at", "2026-07-01", "--dry-run", "--lang", "en")
    assert code == 1
    assert "recorded" not in out


def test_copy_both_ways_keeps_the_head(tmp_path, pg_server, pg_database, run, url):
    """copy PostgreSQL -> SQLite -> another PostgreSQL ledger: the same head everywhere;
    a non-empty target is refused."""
    with Ledger(PostgresStore(url)) as led:
        head = led.anchor
    path = str(tmp_path / "copy.sqlite")
    code, out, _ = run("ledger", "copy", url, path, "--json")
    assert code == 0
    assert json.loads(out)["head_hash"] == head[1]
    with Ledger(SqliteStore(path)) as led:
        assert led.anchor == head
    back = pg_server.url(pg_database, user=WRITER, ledger="back-2026")
    code, out, _ = run("ledger", "copy", path, back, "--lang", "en")
    assert code == 0
    assert f"both have the head {head[0]}:{head[1]}" in out
    code, _, err = run("ledger", "copy", path, back, "--lang", "en")
    assert code == 2
    assert "already holds 2 entries" in err
    code, out, _ = run("ledger", "verify", back, "--anchor", f"{head[0]}:{head[1]}", "--lang", "en")
    assert code == 0


def test_export_and_import_by_url(tmp_path, pg_server, pg_database, run, url):
    """export from PostgreSQL and import into another ledger of the database."""
    out_file = str(tmp_path / "x.jsonl")
    assert run("ledger", "export", url, out_file)[0] == 0
    other = pg_server.url(pg_database, user=WRITER, ledger="imported")
    code, out, _ = run("ledger", "import", other, out_file, "--lang", "en")
    assert code == 0
    assert "imported 2 entries" in out


def test_password_in_the_url_is_refused(run):
    """A URL with a password exits 2 and the password is not printed."""
    code, out, err = run(
        "ledger", "report", "postgresql://w:hunter2@db.example/x?ledger=a", "--at", "2026-06-30"
    )
    assert code == 2
    assert "PGPASSWORD" in err
    assert "hunter2" not in out + err


def test_unreachable_server_names_server_and_database(tmp_path, run):
    """An unreachable server is one line naming the server and the database."""
    location = f"postgresql:///ledgers?host={tmp_path}&port=5999&ledger=a&connect_timeout=2"
    code, _, err = run("ledger", "verify", location, "--lang", "en")
    assert code == 2
    assert f"PostgreSQL server {tmp_path}:5999, database ledgers" in err
    assert "Traceback" not in err
