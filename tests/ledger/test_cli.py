"""``govefficiency ledger …`` on a SQLite file."""

from __future__ import annotations

import json

import pytest

from govefficiency.ledger import EntryKind, Ledger, SqliteStore
from govefficiency.testing import at

from .conftest import edit_database


@pytest.fixture
def db(tmp_path, data, run):
    """A database opened from the test checklist."""
    path = str(tmp_path / "ledger.sqlite")
    assert run("ledger", "init", path)[0] == 0
    assert run("ledger", "open-items", path, str(data / "checklist.toml"))[0] == 0
    return path


def _report(path: str, item: str, share: float, month: int, day: int) -> None:
    with Ledger(SqliteStore(path)) as led:
        instant = at(2026, month, day, 17)
        led.report_progress(item, date=instant.date(), share=share, at=instant)


def test_init(tmp_path, run):
    """init creates an empty ledger database at the current schema version."""
    code, out, _ = run("ledger", "init", str(tmp_path / "new.sqlite"), "--lang", "en")
    assert code == 0
    assert "schema version 3" in out
    assert "0 entries" in out


def test_open(db, run):
    """open records one entry per item, at the file's opened_at."""
    with Ledger(SqliteStore(db)) as led:
        assert led.item_ids() == ("2026-01", "2026-02")
        assert led.entry(1).recorded_at == at(2026, 1, 5, 9)


def test_open_twice(db, data, run):
    """Opening the same items again is refused with exit 2 and a one-line message."""
    code, _, err = run("ledger", "open-items", db, str(data / "checklist.toml"), "--lang", "en")
    assert code == 2
    assert "already open" in err
    assert "Traceback" not in err


def test_open_needs_an_instant(tmp_path, run, make_item):
    """Without --at or opened_at, open asks for the instant."""
    items = tmp_path / "items.json"
    data = make_item().to_json()
    items.write_text(json.dumps({"items": [data]}), encoding="utf-8")
    path = str(tmp_path / "l.sqlite")
    run("ledger", "init", path)
    code, _, err = run("ledger", "open-items", path, str(items))
    assert code == 2
    assert "--at" in err
    assert run("ledger", "open-items", path, str(items), "--at", "2026-01-05T09:00")[0] == 0


@pytest.mark.parametrize(
    ("share", "reported_on", "command", "at", "wanted", "recorded"),
    [
        # june-check prints the June check per unit, records reviews and exits 1 on missing reports.
        pytest.param(
            55,
            (6, 29),
            "june-check",
            "2026-06-30",
            ("2 items, 1 on track, 0 behind, 1 without a report", "ITEM_NOT_REPORTED", "recorded 2 entries"),
            lambda led: len(led.entries(kind=EntryKind.REVIEWED)) == 2,
            id="check",
        ),
        # settle assesses every item, records the settlements and exits 1 on unfinished items.
        pytest.param(
            100,
            (11, 20),
            "settle",
            "2026-12-31",
            ("1 on time", "ITEM_UNFINISHED"),
            lambda led: led.state("2026-01").settled,
            id="settle",
        ),
    ],
)
def test_review_command_records_and_exits_1(db, run, share, reported_on, command, at, wanted, recorded):
    """A review command with a finding: its summary, exit 1, and what it recorded."""
    _report(db, "2026-01", share, *reported_on)
    code, out, _ = run("ledger", command, db, "--at", at, "--lang", "en")
    assert code == 1
    for piece in wanted:
        assert piece in out
    with Ledger(SqliteStore(db)) as led:
        assert recorded(led)


def test_check_options(db, run):
    """Tolerance, basis and --dry-run change the result and record nothing."""
    _report(db, "2026-01", 45, 6, 29)
    _report(db, "2026-02", 45, 6, 29)
    code, out, _ = run("ledger", "june-check", db, "--at", "2026-06-30", "--dry-run", "--lang", "en")
    assert (code, "behind" in out) == (0, True)
    code, out, _ = run(
        "ledger", "june-check", db, "--at", "2026-06-30", "--dry-run", "--tolerance", "10", "--lang", "en"
    )
    assert "0 behind" in out
    assert "no findings" in out
    code, out, _ = run(
        "ledger", "june-check", db, "--at", "2026-06-30", "--json", "--basis", "plan", "--calendar-days"
    )
    data = json.loads(out)
    assert data["check"]["policy"] == {
        "tolerance": 0.0,
        "basis": "plan",
        "working_days": False,
        "reply_days": 5,
        "report_window": None,
    }
    with Ledger(SqliteStore(db)) as led:
        assert len(led.entries(kind=EntryKind.REVIEWED)) == 2  # only the --json run recorded


def test_reconcile(db, run):
    """reconcile issues and records notices once; a second run finds them already issued."""
    _report(db, "2026-01", 85, 9, 29)
    code, out, _ = run("ledger", "reconcile", db, "--at", "2026-09-30")
    assert code == 1
    assert "督查通知 2026-02" in out
    assert "chen-jing" in out
    code, out, _ = run("ledger", "reconcile", db, "--at", "2026-10-09", "--lang", "en", "--json")
    data = json.loads(out)
    assert (code, data["reconciliation"]["notices"], data["errors"]) == (0, [], False)
    assert data["reconciliation"]["already_noticed"] == ["2026-02"]


def test_report(db, run):
    """report prints each item's state and the rates; --json gives the same as data."""
    _report(db, "2026-01", 85, 9, 29)
    run("ledger", "reconcile", db, "--at", "2026-09-30")
    code, out, _ = run("ledger", "report", db, "--at", "2026-10-20", "--lang", "en")
    # 2026-02 reported nothing (ITEM_NOT_REPORTED) and did not answer its notice
    # (REPORTING_RATE_BELOW_TARGET): error findings, exit 1 like june-check.
    assert code == 1
    assert "2026-02  no report  gov-service/chen-jing" in out
    assert "reporting rate 0.0% (0/1)" in out
    assert "ERROR REPORTING_RATE_BELOW_TARGET" in out
    code, out, _ = run("ledger", "report", db, "--at", "2026-10-20", "--json")
    data = json.loads(out)
    assert data["items"][1]["notices"] == 1
    assert data["rates"]["overall"]["reporting"]["missing"] == ["2026-02"]


def test_settle_again_in_json(db, run):
    """A second settle reads the recorded settlement back, as JSON."""
    _report(db, "2026-01", 100, 11, 20)
    run("ledger", "settle", db, "--at", "2026-12-31", "--lang", "en")
    _, out, _ = run("ledger", "settle", db, "--at", "2026-12-31", "--json")
    assert json.loads(out)["settlement"]["items"][0]["settled"] is True


def test_verify(db, run):
    """verify exits 0 on an intact chain and 1, naming the entry, on a tampered one."""
    code, out, _ = run("ledger", "verify", db, "--lang", "en")
    assert (code, "chain intact: 2 entries" in out) == (0, True)
    edit_database(db, "UPDATE entries SET canonical = replace(canonical, '政务服务', '政务' ) WHERE seq = 2")
    code, out, _ = run("ledger", "verify", db, "--lang", "en")
    assert code == 1
    assert "entry 2 does not match its hash: it was modified" in out
    code, out, _ = run("ledger", "verify", db, "--json")
    assert json.loads(out)["problem"]["fault"] == "modified"
    code, _, err = run("ledger", "report", db, "--at", "2026-06-30")
    assert code == 1  # integrity broken (exit statuses: docs/conventions.md)
    assert "哈希链" in err


def test_verify_with_anchor(db, run):
    """An anchor SEQ:HASH detects a truncated database."""
    with Ledger(SqliteStore(db)) as led:
        seq, digest = led.anchor
    edit_database(db, "DELETE FROM entries WHERE seq = 2")
    # Without the anchor, the chain itself is intact, but the snapshot of the item whose
    # last entry was removed names it.
    code, out, _ = run("ledger", "verify", db, "--lang", "en")
    assert code == 1
    assert "snapshot" in out
    code, out, _ = run("ledger", "verify", db, "--anchor", f"{seq}:{digest}", "--lang", "en")
    assert code == 1
    assert "removed" in out
    assert run("ledger", "verify", db, "--anchor", "two:abc")[0] == 2


def test_export_and_import(db, tmp_path, run):
    """export writes JSON Lines that import loads into a new database."""
    out_file = str(tmp_path / "export.jsonl")
    assert run("ledger", "export", db, out_file)[0] == 0
    target = str(tmp_path / "copy.sqlite")
    code, out, _ = run("ledger", "import", target, out_file, "--lang", "en")
    assert (code, "imported 2 entries" in out) == (0, True)
    assert run("ledger", "verify", target)[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ("ledger", "report", "{missing}", "--at", "2026-06-30"),
        ("ledger", "june-check", "{db}", "--at", "30/06/2026"),
        ("ledger", "june-check", "{db}", "--at", "2026-06-30", "--tolerance", "200"),
        ("ledger", "june-check", "{db}"),
    ],
)
def test_bad_arguments(db, tmp_path, run, argv):
    """Bad arguments and missing databases exit 2 with a message, never a traceback."""
    args = [a.format(db=db, missing=tmp_path / "missing.sqlite") for a in argv]
    code, _, err = run(*args)
    assert code == 2
    assert err.strip()
    assert "Traceback" not in err


def _forge_append(path: str) -> None:
    """Append a progress report with SQL, its hashes recomputed as a forger would."""
    from govefficiency.ledger import Draft, ProgressReport
    from govefficiency.ledger._entries import seal

    with Ledger(SqliteStore(path, read_only=True)) as led:
        last = led.entries()[-1]
        forged = seal(
            Draft(last.item_id, last.recorded_at, ProgressReport(last.recorded_at.date(), 100)),
            last.seq + 1,
            last.hash,
        )
    edit_database(path, ("INSERT INTO entries VALUES (?, ?, ?)", (forged.seq, forged.hash, forged._body)))


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "ledger.key"
    path.write_text("0123456789abcdef0123456789abcdef\n", encoding="ascii")
    return str(path)


def test_anchor_and_keyed_verify(db, run, key_file, monkeypatch):
    """`ledger anchor --key-file` prints SEQ:HASH:MAC; `verify --anchor … --key-file`
    (or --key-env) checks it; without a key `anchor` prints SEQ:HASH."""
    code, plain, _ = run("ledger", "anchor", db)
    assert code == 0
    assert plain.strip().count(":") == 1
    code, keyed, _ = run("ledger", "anchor", db, "--key-file", key_file)
    assert code == 0
    keyed = keyed.strip()
    assert keyed.startswith(plain.strip() + ":")
    code, out, _ = run("ledger", "verify", db, "--anchor", keyed, "--key-file", key_file, "--lang", "en")
    assert (code, "entries 1–2 attested by the keyed anchor" in out) == (0, True)
    monkeypatch.setenv("LEDGER_KEY", "0123456789abcdef0123456789abcdef")
    assert run("ledger", "verify", db, "--anchor", keyed, "--key-env", "LEDGER_KEY")[0] == 0
    code, out, _ = run("ledger", "anchor", db, "--key-env", "LEDGER_KEY", "--json")
    assert json.loads(out)["anchor"] == keyed


def test_keyed_anchor_catches_a_forged_append(db, run, key_file):
    """A row appended with SQL and recomputed hashes passes a plain anchor (exit 0) and
    fails a keyed one (exit 1, 'unattested'); --allow-later accepts it as not attested."""
    plain = run("ledger", "anchor", db)[1].strip()
    keyed = run("ledger", "anchor", db, "--key-file", key_file)[1].strip()
    _forge_append(db)
    assert run("ledger", "verify", db, "--anchor", plain)[0] == 0
    code, out, _ = run("ledger", "verify", db, "--anchor", keyed, "--key-file", key_file, "--json")
    data = json.loads(out)
    assert code == 1
    assert (data["problem"]["fault"], data["problem"]["seq"], data["attested"]) == ("unattested", 3, 2)
    code, out, _ = run(
        "ledger", "verify", db, "--anchor", keyed, "--key-file", key_file, "--allow-later", "--lang", "en"
    )
    assert (code, "entry 3 not attested" in out) == (0, True)


def test_forged_keyed_anchor(db, run, key_file, tmp_path):
    """An anchor made with another key for the forged head is named as forged (exit 1)."""
    _forge_append(db)
    other = tmp_path / "other.key"
    other.write_bytes(b"x" * 32)
    forged = run("ledger", "anchor", db, "--key-file", str(other))[1].strip()
    code, out, _ = run("ledger", "verify", db, "--anchor", forged, "--key-file", key_file, "--lang", "en")
    assert (code, "does not match the key" in out) == (1, True)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--anchor", "1:x"], "--anchor must be SEQ:HASH"),
        (["--anchor", "9" * 500], "--anchor must be SEQ:HASH"),
        (["--anchor", "KEYED"], "checked with its key"),
        (["--anchor", "PLAIN", "--key-file", "KEY"], "check a keyed anchor"),
        (["--key-file", "KEY"], "check a keyed anchor"),
        (["--anchor", "KEYED", "--key-file", "missing.key"], "--key-file: cannot read"),
        (["--anchor", "KEYED", "--key-env", "GOVEFFICIENCY_TEST_NO_SUCH_VAR"], "--key-env: the environment"),
        (["--anchor", "KEYED", "--key-file", "SHORT"], "the key has 5 bytes"),
        (["--allow-later"], "--allow-later only applies"),
    ],
)
def test_verify_bad_anchor_and_key_arguments(db, run, key_file, tmp_path, argv, message):
    """Bad anchors and keys: one line naming the flag, exit 2, the input cut short."""
    short = tmp_path / "short.key"
    short.write_bytes(b"short")
    plain = run("ledger", "anchor", db)[1].strip()
    keyed = run("ledger", "anchor", db, "--key-file", key_file)[1].strip()
    names = {"KEYED": keyed, "PLAIN": plain, "KEY": key_file, "SHORT": str(short)}
    argv = [names.get(a, a) for a in argv]
    code, _, err = run("ledger", "verify", db, *argv, "--lang", "en")
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert len(err) < 400
    assert "Traceback" not in err


def test_anchor_key_file_errors(db, run, tmp_path):
    """`ledger anchor` refuses a directory, a huge file or a short key as a key file."""
    big = tmp_path / "big.key"
    big.write_bytes(b"k" * 10_000)
    for path, message in ((str(tmp_path), "cannot read"), (str(big), "larger than 4 KiB")):
        code, _, err = run("ledger", "anchor", db, "--key-file", path, "--lang", "en")
        assert (code, message in err) == (2, True)


def test_failed_import_leaves_no_new_file(db, tmp_path, run):
    """An import that fails (a bad line 2) into a new file names the line, exits 2 and
    leaves no empty ledger behind; into an existing empty ledger, the file stays."""
    out_file = tmp_path / "export.jsonl"
    assert run("ledger", "export", db, str(out_file))[0] == 0
    lines = out_file.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1][:-3]
    out_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "new.sqlite"
    code, _, err = run("ledger", "import", str(target), str(out_file), "--lang", "en")
    assert (code, "line 2: invalid JSON" in err) == (2, True)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("new.sqlite")]
    assert run("ledger", "init", str(target))[0] == 0
    assert run("ledger", "import", str(target), str(out_file))[0] == 2
    assert target.exists()


def test_init_open_export_import_print_json(tmp_path, data, run):
    """Every ledger command takes --json: init, open, export and import print one document."""
    db, copy, out = str(tmp_path / "l.sqlite"), str(tmp_path / "m.sqlite"), str(tmp_path / "o.jsonl")
    code, text, _ = run("ledger", "init", db, "--json")
    assert (code, json.loads(text)) == (0, {"db": db, "schema_version": 3, "current": 3, "entries": 0})
    code, text, _ = run("ledger", "open-items", db, str(data / "checklist.toml"), "--json")
    assert code == 0
    assert json.loads(text)["seqs"] == [1, 2]
    code, text, _ = run("ledger", "export", db, out, "--json")
    assert (code, json.loads(text)["entries"]) == (0, 2)
    code, text, _ = run("ledger", "import", copy, out, "--json")
    assert (code, json.loads(text)) == (0, {"db": copy, "source": out, "entries": 2})
