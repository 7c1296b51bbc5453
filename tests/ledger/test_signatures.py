"""Ed25519 signatures per recording unit (issue 16 §4): a unit signs what it records, so
nobody else can record in its name and it cannot later deny an entry. The keys here are
made by hand (fixed bytes), so every run signs the same way."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from govefficiency.errors import InvalidInputError, InvalidTypeError, LedgerError, LedgerIntegrityError
from govefficiency.ledger import (
    Ledger,
    SignatureFault,
    Signer,
    SqliteStore,
    load_public_keys,
    sign_entries,
    signed_by,
    verify_signatures,
)
from govefficiency.testing import CliResult, at, run_cli, sample_item

from .conftest import edit_database

pytest.importorskip("cryptography")

# Hand-made private keys: 32 fixed bytes each.
HOUSING = Signer("housing", bytes(range(32)))
TRANSPORT = Signer("transport", bytes(range(32, 64)))
OFFICE = Signer("duchashi", bytes(range(64, 96)))
ATTACKER = bytes([7] * 32)
KEYS = {s.unit: s.public_key for s in (HOUSING, TRANSPORT, OFFICE)}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A ledger file: T1 (housing) and T2 (transport) opened and signed by the office."""
    db = tmp_path / "ledger.sqlite"
    with Ledger(SqliteStore(db)) as led, signed_by(led, OFFICE):
        led.open_items([sample_item("T1"), sample_item("T2", lead_unit="transport")], at=at(2026, 1, 5))
    return db


def _report(db: Path, item: str, share: float, signer: Signer | None, day: int = 1) -> int:
    with Ledger(SqliteStore(db)) as led:
        if signer is None:
            return led.report_progress(item, date=dt.date(2026, 3, day), share=share, at=at(2026, 3, day)).seq
        with signed_by(led, signer):
            return led.report_progress(item, date=dt.date(2026, 3, day), share=share, at=at(2026, 3, day)).seq


def _verify(db: Path, keys=KEYS, office: str | None = "duchashi"):
    with Ledger(SqliteStore(db, read_only=True)) as led:
        return verify_signatures(led, keys, office=office)


def test_a_hand_made_key_signs_deterministically() -> None:
    """Ed25519 is deterministic: the same key signs the same entry the same way."""
    led = Ledger()
    entry = led.open_items([sample_item("T1")], at=at(2026, 1, 5))[0]
    assert HOUSING.sign(entry) == Signer("housing", bytes(range(32)).hex()).sign(entry)
    assert len(HOUSING.sign(entry)) == 128
    assert HOUSING.sign(entry) != TRANSPORT.sign(entry)
    assert "private" not in repr(HOUSING)
    assert bytes(range(32)).hex() not in repr(HOUSING)


def test_signed_entries_verify(path: Path) -> None:
    _report(path, "T1", 10, HOUSING)
    _report(path, "T2", 20, TRANSPORT)
    report = _verify(path)
    assert report.ok
    assert (report.checked, report.signed) == (4, 4)
    assert "4 of 4 entries signed" in report.render("en")
    assert report.raise_if_broken() is report


def test_unsigned_entry_of_a_unit_with_a_key_is_named(path: Path) -> None:
    """T1's progress recorded without housing's signature, while housing has a key."""
    seq = _report(path, "T1", 10, None)
    report = _verify(path)
    assert [(p.fault, p.seq, p.recorder) for p in report.problems] == [
        (SignatureFault.UNSIGNED, seq, "housing")
    ]
    assert f"entry {seq} is unsigned: its recording unit housing has a key" in report.render("en")
    with pytest.raises(LedgerIntegrityError, match=f"entry {seq} is unsigned"):
        report.raise_if_broken()


def test_unsigned_entry_of_a_unit_without_a_key_is_not_a_problem(path: Path) -> None:
    _report(path, "T2", 20, None)
    keys = {"housing": HOUSING.public_key, "duchashi": OFFICE.public_key}
    assert _verify(path, keys).ok


def test_entry_signed_by_another_unit_is_named(path: Path) -> None:
    """Transport signs a progress report of housing's item: recorded in another's name."""
    seq = _report(path, "T1", 10, TRANSPORT)
    (problem,) = _verify(path).problems
    assert (problem.fault, problem.seq, problem.signer, problem.recorder) == (
        SignatureFault.WRONG_UNIT,
        seq,
        "transport",
        "housing",
    )
    assert "recorded in another unit's name" in problem.message.en


def test_nobody_else_can_sign_in_a_units_name(path: Path) -> None:
    """An attacker claims to be housing with a key of its own: the signature does not
    verify with housing's public key."""
    seq = _report(path, "T1", 10, Signer("housing", ATTACKER))
    (problem,) = _verify(path).problems
    assert (problem.fault, problem.seq, problem.signer) == (SignatureFault.BAD_SIGNATURE, seq, "housing")
    assert "does not verify with the public key of housing" in problem.message.en


def test_a_signature_edited_in_the_file_is_named(path: Path) -> None:
    seq = _report(path, "T1", 10, HOUSING)
    edit_database(path, ("UPDATE entry_signatures SET signature = ? WHERE seq = ?", ("00" * 64, seq)))
    assert [p.fault for p in _verify(path).problems] == [SignatureFault.BAD_SIGNATURE]


def test_a_signature_moved_to_another_entry_is_named(path: Path) -> None:
    """Housing's signature of entry 3 copied to entry 4 (also housing's): the entry's
    number is signed, so it does not verify there."""
    first = _report(path, "T1", 10, HOUSING)
    second = _report(path, "T1", 20, None, day=2)
    edit_database(
        path,
        (
            "INSERT INTO entry_signatures SELECT ?, hash, unit, signature FROM entry_signatures WHERE seq = ?",
            (second, first),
        ),
    )
    assert [(p.fault, p.seq) for p in _verify(path).problems] == [(SignatureFault.BAD_SIGNATURE, second)]


def test_a_signature_of_another_version_of_the_entry_is_stale(tmp_path: Path) -> None:
    """Two ledgers that agree up to entry 2 and differ at entry 3: housing's signature of
    one entry 3 is valid, but not for the other: the entry was rewritten after signing."""
    signed, rewritten = tmp_path / "signed.sqlite", tmp_path / "rewritten.sqlite"
    for db, share in ((signed, 10), (rewritten, 90)):
        with Ledger(SqliteStore(db)) as led:
            led.open_items([sample_item("T1"), sample_item("T2", lead_unit="transport")], at=at(2026, 1, 5))
            with signed_by(led, HOUSING) if db == signed else _Nothing():
                led.report_progress("T1", date=dt.date(2026, 3, 1), share=share, at=at(2026, 3, 1))
    edit_database(
        rewritten,
        f"ATTACH DATABASE '{signed}' AS other",
        "CREATE TABLE entry_signatures AS SELECT * FROM other.entry_signatures",
    )
    (problem,) = _verify(rewritten, office=None).problems
    assert (problem.fault, problem.seq) == (SignatureFault.STALE, 3)
    assert "rewritten after it was signed" in problem.message.en


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_signer_whose_key_is_not_given_is_named(path: Path) -> None:
    _report(path, "T2", 20, TRANSPORT)
    keys = {"housing": HOUSING.public_key, "duchashi": OFFICE.public_key}
    (problem,) = _verify(path, keys).problems
    assert (problem.fault, problem.signer) == (SignatureFault.UNKNOWN_SIGNER, "transport")


def test_the_office_records_the_other_entries(tmp_path: Path) -> None:
    """Opening items is the office's act: unsigned openings are named when the office
    has a key and is given as the recorder."""
    db = tmp_path / "plain.sqlite"
    with Ledger(SqliteStore(db)) as led:
        led.open_items([sample_item("T1")], at=at(2026, 1, 5))
    assert [p.fault for p in _verify(db).problems] == [SignatureFault.UNSIGNED]
    assert _verify(db, office=None).ok  # no recorder named for openings: not required


def test_a_signature_is_never_replaced_and_late_signing_works(path: Path) -> None:
    """An entry left unsigned (e.g. a crash between the entry and its signature) is signed
    later with sign_entries; an existing signature cannot be replaced."""
    seq = _report(path, "T1", 10, None)
    with Ledger(SqliteStore(path)) as led:
        assert sign_entries(led, HOUSING, [seq]) == 1
        with pytest.raises(LedgerError, match=f"entry {seq} is already signed by housing"):
            sign_entries(led, TRANSPORT, [seq])
    assert _verify(path).ok


def test_in_memory_ledgers_keep_signatures() -> None:
    led = Ledger()
    with signed_by(led, OFFICE):
        led.open_items([sample_item("T1")], at=at(2026, 1, 5))
    with signed_by(led, HOUSING):
        led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=at(2026, 3, 1))
    led.report_progress("T1", date=dt.date(2026, 4, 1), share=20, at=at(2026, 4, 1))
    report = verify_signatures(led, KEYS, office="duchashi")
    assert [(p.fault, p.seq) for p in report.problems] == [(SignatureFault.UNSIGNED, 3)]


def test_signing_stops_with_the_block() -> None:
    led = Ledger()
    with signed_by(led, OFFICE):
        led.open_items([sample_item("T1")], at=at(2026, 1, 5))
    led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=at(2026, 3, 1))
    assert led._signer is None
    assert [p.seq for p in verify_signatures(led, KEYS, office="duchashi").problems] == [2]


def test_key_files_round_trip_and_are_private(tmp_path: Path) -> None:
    key = tmp_path / "housing.key"
    HOUSING.dump(key)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert Signer.load(key) == HOUSING
    with pytest.raises(LedgerError, match="already exists"):
        HOUSING.dump(key)
    junk = tmp_path / "junk.key"
    junk.write_text("not a key", encoding="utf-8")
    with pytest.raises(LedgerError, match="is not a govefficiency signing key"):
        Signer.load(junk)
    with pytest.raises(LedgerError, match="cannot be read"):
        Signer.load(tmp_path / "missing.key")


def test_public_key_files(tmp_path: Path) -> None:
    toml = tmp_path / "keys.toml"
    toml.write_text(
        f'housing = "{HOUSING.public_key_hex}"\n"市交通局" = "{TRANSPORT.public_key_hex}"\n', encoding="utf-8"
    )
    assert load_public_keys(toml) == {"housing": HOUSING.public_key, "市交通局": TRANSPORT.public_key}
    js = tmp_path / "keys.json"
    js.write_text(json.dumps({"housing": HOUSING.public_key_hex}), encoding="utf-8")
    assert load_public_keys(js) == {"housing": HOUSING.public_key}
    bad = tmp_path / "bad.toml"
    bad.write_text('housing = "abc"\n', encoding="utf-8")
    with pytest.raises(LedgerError, match="64 hexadecimal digits"):
        load_public_keys(bad)


@pytest.mark.parametrize(
    ("unit", "key", "error"),
    [
        ("housing", b"short", InvalidInputError),
        ("housing", "zz" * 32, InvalidInputError),
        ("housing", 12, InvalidTypeError),
        ("\u200b", bytes(32), InvalidInputError),
        (True, bytes(32), InvalidTypeError),
    ],
)
def test_bad_signers(unit, key, error) -> None:
    with pytest.raises(error):
        Signer(unit, key)


def test_bad_arguments_to_verify() -> None:
    led = Ledger()
    with pytest.raises(InvalidTypeError):
        verify_signatures(led, [("housing", HOUSING.public_key)])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        verify_signatures(led, {"housing": b"x" * 31})
    with pytest.raises(InvalidTypeError):
        verify_signatures("ledger.db", KEYS)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError), signed_by(led, "housing"):  # type: ignore[arg-type]
        pass


# -- the command line ------------------------------------------------------------------------


def test_the_command_line(tmp_path: Path) -> None:
    """keygen, progress --sign-key, verify --public-keys: a signed entry verifies; one
    signed for another unit's item is refused before anything is written; an unsigned one
    makes verify exit 1."""
    db, data = str(tmp_path / "l.db"), str(Path(__file__).resolve().parents[2] / "examples" / "data")
    keys = tmp_path / "keys.toml"
    assert run_cli("ledger", "init", db).code == 0
    assert (
        run_cli("ledger", "open", db, f"{data}/loop-checklist.toml", "--at", "2026-01-05T09:00+08:00").code
        == 0
    )
    lines = []
    for unit, name in (("市教育局", "edu"), ("市交通局", "tr")):
        result = run_cli("ledger", "keygen", unit, "--out", str(tmp_path / f"{name}.key"))
        assert result.code == 0, result.err
        lines.append(result.out)
    keys.write_text("".join(lines), encoding="utf-8")

    def progress(
        item: str, *more: str, percent: str = "10", when: str = "2026-03-01T09:00+08:00"
    ) -> CliResult:
        return run_cli("ledger", "progress", db, item, "--percent", percent, "--at", when, *more)

    signed = progress("K-01", "--sign-key", str(tmp_path / "edu.key"), "--lang", "en")
    assert signed.code == 0, signed.err
    ok = run_cli("ledger", "verify", db, "--public-keys", str(keys), "--lang", "en")
    assert ok.code == 0, ok.out
    assert "signatures intact: 1 of 4 entries signed" in ok.out
    refused = progress("K-02", "--sign-key", str(tmp_path / "edu.key"), "--lang", "en")
    assert refused.code == 2
    assert "K-02 is led by 市交通局" in refused.err
    unsigned = progress("K-02")
    assert unsigned.code == 0
    broken = run_cli("ledger", "verify", db, "--public-keys", str(keys), "--json")
    assert broken.code == 1
    payload = json.loads(broken.out)
    assert payload["signatures"]["problems"][0]["fault"] == "unsigned"
    assert payload["signatures"]["problems"][0]["seq"] == 5
    bad_key = progress("K-01", "--sign-key", str(keys), "--lang", "en", percent="20", when="2026-03-02")
    assert bad_key.code == 2
    assert "is not a govefficiency signing key" in bad_key.err
