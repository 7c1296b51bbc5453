"""Keyed anchors (HMAC-SHA256 over the head): what only a secret key can catch — a forged
append with recomputed hashes, and an anchor forged to match a forged chain — besides the
truncation and tail rewrite that any anchor catches. And malformed anchors are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.errors import InvalidInputError, LedgerIntegrityError
from govefficiency.ledger import (
    GENESIS,
    ChainFault,
    Draft,
    KeyedAnchor,
    Ledger,
    MemoryStore,
    ProgressReport,
    SqliteStore,
    parse_anchor,
    verify_entries,
)
from govefficiency.ledger._chain import sign_anchor
from govefficiency.ledger._entries import seal

from .conftest import edit_database

KEY = b"k" * 32
OTHER_KEY = b"o" * 32


@pytest.fixture
def reported(ledger, when) -> Ledger:
    """The fixture ledger with four progress reports (six entries)."""
    for k in range(4):
        ledger.report_progress("T1", date=dt.date(2026, 3, 1 + k), share=10 * k, at=when(3, 1 + k))
    return ledger


def _forge(store_entries: list, share: float, *, after: int | None = None) -> list:
    """A forger's chain: the entries up to ``after`` (all by default) followed by a progress
    report sealed with correctly recomputed hashes, as anyone with the library can."""
    kept = list(store_entries if after is None else store_entries[:after])
    prev = kept[-1].hash if kept else GENESIS
    draft = Draft("T1", kept[-1].recorded_at, ProgressReport(dt.date(2026, 3, 1), share))
    return [*kept, seal(draft, len(kept) + 1, prev)]


def test_keyed_anchor_verifies(reported):
    """A keyed anchor made now verifies with its key and attests every entry."""
    anchor = reported.keyed_anchor(KEY)
    assert (anchor.seq, anchor.head_hash) == reported.anchor
    assert len(anchor.mac) == 64
    report = reported.verify(anchor=anchor, key=KEY)
    assert report.ok
    assert report.attested == 6
    assert "entries 1–6 attested" in report.render("en")
    assert "密钥锚点证明第 1–6 条" in report.render("zh")


def test_text_form_round_trips(reported):
    """str() gives SEQ:HASH:MAC, and parse reads it back."""
    anchor = reported.keyed_anchor(KEY)
    text = str(anchor)
    assert text.count(":") == 2
    assert KeyedAnchor.parse(text) == anchor
    assert parse_anchor(text) == anchor
    assert parse_anchor(f"{reported.head_seq}:{reported.head_hash}") == reported.anchor


def test_forged_append_passes_a_plain_anchor_but_not_a_keyed_one(reported):
    """The threat the key answers: an entry appended with recomputed hashes extends the
    chain consistently, so a plain anchor is satisfied; a keyed anchor is not."""
    plain, keyed = reported.anchor, reported.keyed_anchor(KEY)
    forged = Ledger(MemoryStore(_forge(list(reported.entries()), 100)))
    assert forged.verify().ok  # the chain alone cannot tell
    assert forged.verify(anchor=plain).ok  # nor can a plain anchor
    report = forged.verify(anchor=keyed, key=KEY)
    assert (report.problem.fault, report.problem.seq) == (ChainFault.UNATTESTED, 7)
    assert "entry 7 after the keyed anchor" in report.render("en")
    assert not report.ok
    assert report.attested == 6


def test_allow_later_keeps_later_entries_unattested(reported, when):
    """Entries legitimately appended after the anchor can be accepted, but are reported
    as unattested, never as vouched for."""
    keyed = reported.keyed_anchor(KEY)
    reported.report_progress("T2", date=dt.date(2026, 4, 1), share=30, at=when(4, 1))
    report = reported.verify(anchor=keyed, key=KEY, allow_later=True)
    assert report.ok
    assert (report.attested, report.head_seq) == (6, 7)
    assert "entry 7 not attested" in report.render("en")
    assert reported.verify(anchor=reported.keyed_anchor(KEY), key=KEY).attested == 7


def test_forged_anchor_is_named(reported):
    """A forger who rewrites the chain cannot make a matching anchor without the key:
    one made with another key, or an anchor edited by hand, is named as forged."""
    entries = list(reported.entries())
    forged = Ledger(MemoryStore(_forge(entries, 100, after=4)))
    own = sign_anchor(forged.anchor, OTHER_KEY)
    report = forged.verify(anchor=own, key=KEY)
    assert report.problem.fault is ChainFault.ANCHOR_FORGED
    assert "does not match the key" in report.render("en")
    real = reported.keyed_anchor(KEY)
    edited = KeyedAnchor(forged.head_seq, forged.head_hash, real.mac)
    assert forged.verify(anchor=edited, key=KEY).problem.fault is ChainFault.ANCHOR_FORGED
    assert reported.verify(anchor=real, key=OTHER_KEY).problem.fault is ChainFault.ANCHOR_FORGED


def test_rewritten_tail_is_named(reported):
    """Entries 5–6 replaced by a consistently re-hashed forgery of the same length."""
    keyed = reported.keyed_anchor(KEY)
    entries = list(reported.entries())
    forged = _forge(entries, 99, after=4)
    forged = _forge(forged, 98)
    assert verify_entries(forged).ok
    report = Ledger(MemoryStore(forged)).verify(anchor=keyed, key=KEY)
    assert (report.problem.fault, report.problem.seq) == (ChainFault.REWRITTEN, 6)


def test_truncation_is_named(reported):
    """The last two entries removed: the chain is consistent, the keyed anchor is not met."""
    keyed = reported.keyed_anchor(KEY)
    short = Ledger(MemoryStore(list(reported.entries())[:4]))
    assert short.verify().ok
    report = short.verify(anchor=keyed, key=KEY)
    assert (report.problem.fault, report.problem.seq) == (ChainFault.TRUNCATED, 5)


def test_forged_row_in_a_sqlite_file(tmp_path, make_item, when):
    """On disk: a row inserted with SQL, its hashes recomputed, is caught by the keyed
    anchor only."""
    db = tmp_path / "ledger.sqlite"
    with Ledger(SqliteStore(db)) as led:
        led.open_items([make_item("T1")], at=when(1, 5))
        led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        plain, keyed = led.anchor, led.keyed_anchor(KEY)
        forged = _forge(list(led.entries()), 100)[-1]
    edit_database(
        db, ("INSERT INTO entries (seq, hash, canonical) VALUES (?, ?, ?)", (3, forged.hash, forged._body))
    )
    with SqliteStore(db, read_only=True) as store:
        led = Ledger(store)
        assert len(led) == 3
        assert led.verify(anchor=plain).ok
        assert led.verify(anchor=keyed, key=KEY).problem.fault is ChainFault.UNATTESTED


def test_keyed_anchor_refuses_a_broken_chain(reported):
    """The key holder never signs a broken chain."""
    entries = list(reported.entries())
    store = MemoryStore(entries)
    led = Ledger(store)
    store._entries[2] = store._entries[3]
    with pytest.raises(LedgerIntegrityError):
        led.keyed_anchor(KEY)


def test_empty_ledger_anchor():
    """An empty ledger has the anchor (0, GENESIS), keyed too."""
    led = Ledger()
    keyed = led.keyed_anchor(KEY)
    assert keyed.unkeyed == (0, GENESIS)
    assert led.verify(anchor=keyed, key=KEY).ok


@pytest.mark.parametrize(
    "anchor",
    [
        (1, "x"),
        (1, "A" * 64),
        (1, "g" * 64),
        (0, "1" * 64),
        (True, GENESIS),
        (1.0, GENESIS),
        (-1, GENESIS),
        (1, GENESIS, "extra"),
        "1:" + GENESIS,
        None.__class__,
    ],
)
def test_malformed_plain_anchors(reported, anchor):
    """Wrong types, a hash that is not 64 lowercase hex digits, or seq 0 with another
    hash than GENESIS: a library error, never accepted."""
    with pytest.raises(InvalidInputError, match="anchor"):
        reported.verify(anchor=anchor)


@pytest.mark.parametrize(
    "fields",
    [
        (1, GENESIS, "x"),
        (1, GENESIS, "a" * 63),
        (1, GENESIS, "a" * 65),
        (1, GENESIS, b"a" * 64),
        ("1", GENESIS, "a" * 64),
        (1, "x", "a" * 64),
    ],
)
def test_malformed_keyed_anchors(fields):
    """A keyed anchor's fields are checked when it is made."""
    with pytest.raises(InvalidInputError, match="anchor"):
        KeyedAnchor(*fields)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1",
        "x:" + GENESIS,
        "1:x",
        "1:" + GENESIS + ":x",
        "1:2:3:4",
        "١:" + GENESIS,
        "9" * 30 + ":" + GENESIS,
    ],
)
def test_malformed_anchor_texts(text):
    """parse_anchor reads SEQ:HASH or SEQ:HASH:MAC and nothing else."""
    with pytest.raises(InvalidInputError, match="anchor"):
        parse_anchor(text)


def test_long_bad_anchor_is_cut_in_the_message():
    """A huge bad anchor is not echoed back whole."""
    with pytest.raises(InvalidInputError) as info:
        parse_anchor("z" * 100_000)
    assert len(str(info.value)) < 400


def test_key_and_anchor_must_go_together(reported):
    """A keyed anchor without its key, or a key with a plain anchor (or none), is a
    library error: silently skipping the MAC check would defeat it."""
    keyed = reported.keyed_anchor(KEY)
    with pytest.raises(InvalidInputError, match="key"):
        reported.verify(anchor=keyed)
    with pytest.raises(InvalidInputError, match="keyed anchor"):
        reported.verify(anchor=reported.anchor, key=KEY)
    with pytest.raises(InvalidInputError, match="keyed anchor"):
        reported.verify(key=KEY)
    with pytest.raises(InvalidInputError, match="key"):
        reported.verify(anchor=keyed, allow_later=True)
    with pytest.raises(InvalidInputError, match="allow_later"):
        reported.verify(anchor=keyed, key=KEY, allow_later="yes")
    with pytest.raises(InvalidInputError, match="allow_later"):
        reported.verify(anchor=keyed, allow_later=1)
    with pytest.raises(InvalidInputError, match="keyed anchor is checked with its key"):
        reported.store.verify(anchor=keyed)


@pytest.mark.parametrize("key", [b"short", "k" * 32, None, 12345])
def test_bad_keys(reported, key):
    """A key is bytes of at least 16 bytes."""
    with pytest.raises(InvalidInputError, match="key"):
        reported.keyed_anchor(key)
    with pytest.raises(InvalidInputError, match="key"):
        reported.verify(anchor=sign_anchor(reported.anchor, KEY), key=key)


def test_render_names_ranges():
    """Several unattested entries are named as a range, in both languages."""
    led = Ledger()
    keyed = led.keyed_anchor(KEY)
    report = led.verify(anchor=keyed, key=KEY)
    assert "attests an empty ledger" in report.render("en")
    assert "台账为空" in report.render("zh")


def test_several_unattested_entries(reported, when):
    """Two entries after the keyed anchor: named as a range."""
    keyed = reported.keyed_anchor(KEY)
    reported.report_progress("T2", date=dt.date(2026, 4, 1), share=30, at=when(4, 1))
    reported.report_progress("T2", date=dt.date(2026, 4, 2), share=35, at=when(4, 2))
    report = reported.verify(anchor=keyed, key=KEY)
    assert "entries 7–8 after the keyed anchor (entry 6)" in report.render("en")
    assert "第 7–8 条记录在密钥锚点" in report.render("zh")
    later = reported.verify(anchor=keyed, key=KEY, allow_later=True)
    assert "entries 7–8 not attested" in later.render("en")
    assert "第 7–8 条没有密钥锚点证明" in later.render("zh")
