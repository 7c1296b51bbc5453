"""The hash chain: verify() names the first modified, deleted, inserted or reordered entry."""

from __future__ import annotations

import datetime as dt
import hashlib

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.errors import InvalidInputError, LedgerIntegrityError
from govefficiency.ledger import (
    GENESIS,
    ChainFault,
    Entry,
    Ledger,
    MemoryStore,
    ProgressReport,
    verify_entries,
)


@pytest.fixture
def chain(ledger, when) -> list[Entry]:
    """Ten entries: two openings and eight progress reports."""
    for k in range(8):
        ledger.report_progress(
            "T1" if k % 2 else "T2", date=dt.date(2026, 3, 1 + k), share=5 * k, at=when(3, 1 + k)
        )
    return list(ledger.entries())


def _rehash(entry: Entry, **changes: object) -> Entry:
    """A changed entry whose own hash is recomputed (as a careful forger would)."""
    changed = attrs.evolve(entry, **changes)
    return attrs.evolve(changed, hash=hashlib.sha256(changed.canonical()).hexdigest())


def test_intact_chain(chain):
    """An untouched chain verifies, and its head is the last entry."""
    report = verify_entries(chain)
    assert report.ok
    assert bool(report)
    assert (report.checked, report.head_seq, report.head_hash) == (10, 10, chain[-1].hash)
    assert report.problem is None
    assert "10" in report.render("en")


def test_empty_chain():
    """An empty chain is intact, with the genesis hash as head."""
    report = verify_entries([])
    assert report.ok
    assert report.head_hash == GENESIS


def test_modified_entry(chain):
    """A modified entry is named as modified."""
    chain[4] = attrs.evolve(chain[4], payload=ProgressReport(dt.date(2026, 3, 3), 99))
    problem = verify_entries(chain).problem
    assert problem.fault is ChainFault.MODIFIED
    assert (problem.seq, problem.found, problem.position) == (5, 5, 4)
    assert "entry 5" in problem.message.en
    assert "第 5 条" in problem.message.zh


def test_modified_instant(chain):
    """Back-dating an entry's recorded instant is a modification."""
    chain[6] = attrs.evolve(chain[6], recorded_at=chain[6].recorded_at - dt.timedelta(days=30))
    assert verify_entries(chain).problem.fault is ChainFault.MODIFIED


def test_deleted_entry(chain):
    """A deleted entry leaves a gap that names the missing number."""
    del chain[3]
    problem = verify_entries(chain).problem
    assert problem.fault is ChainFault.DELETED
    assert (problem.seq, problem.found) == (4, 5)
    assert "entry 4 is missing" in problem.message.en


def test_several_deleted_entries(chain):
    """A run of deleted entries is named as a range."""
    del chain[3:6]
    problem = verify_entries(chain).problem
    assert problem.fault is ChainFault.DELETED
    assert "4–6" in problem.message.en


def test_inserted_duplicate(chain):
    """An entry inserted with a number already used is named as inserted."""
    chain.insert(3, chain[2])
    problem = verify_entries(chain).problem
    assert problem.fault is ChainFault.INSERTED
    assert (problem.seq, problem.found) == (4, 3)


def test_inserted_and_renumbered(chain):
    """An entry inserted with the following ones renumbered breaks the next entry's hash."""
    forged = _rehash(chain[3], payload=ProgressReport(dt.date(2026, 3, 3), 77))
    renumbered = [attrs.evolve(e, seq=e.seq + 1) for e in chain[3:]]
    tampered = [*chain[:3], forged, *renumbered]
    problem = verify_entries(tampered).problem
    assert problem.seq == 5
    assert problem.fault in (ChainFault.MODIFIED, ChainFault.UNLINKED)


def test_reordered_entries(chain):
    """Two swapped entries are named as reordered."""
    chain[4], chain[5] = chain[5], chain[4]
    problem = verify_entries(chain).problem
    assert problem.fault is ChainFault.REORDERED
    assert (problem.seq, problem.found) == (5, 6)


def test_modified_and_rehashed(chain):
    """An entry altered and re-hashed is caught at the next entry, which no longer links."""
    chain[4] = _rehash(chain[4], payload=ProgressReport(dt.date(2026, 3, 3), 99))
    problem = verify_entries(chain).problem
    assert problem.fault is ChainFault.UNLINKED
    assert problem.seq == 6
    assert "re-hashed" in problem.message.en


def test_truncation_needs_an_anchor(chain):
    """Dropping the last entries is invisible to the chain alone but not to an anchor."""
    anchor = (10, chain[-1].hash)
    short = chain[:7]
    assert verify_entries(short).ok
    problem = verify_entries(short, anchor=anchor).problem
    assert problem.fault is ChainFault.TRUNCATED
    assert problem.seq == 8


def test_rewrite_needs_an_anchor(chain):
    """A tail rewritten and re-hashed consistently is caught by an anchor inside it."""
    anchor = (8, chain[7].hash)
    rewritten = chain[:6]
    prev = chain[5].hash
    for e in chain[6:]:
        forged = _rehash(e, prev_hash=prev, payload=ProgressReport(e.payload.date, 100))
        rewritten.append(forged)
        prev = forged.hash
    assert verify_entries(rewritten).ok
    problem = verify_entries(rewritten, anchor=anchor).problem
    assert problem.fault is ChainFault.REWRITTEN
    assert problem.seq == 8
    assert verify_entries(chain, anchor=anchor).ok


@pytest.mark.parametrize("anchor", [(1,), ("1", "x"), (-1, "x"), [1, "x"]])
def test_bad_anchor(chain, anchor):
    """An anchor is a (seq, hash) tuple."""
    with pytest.raises(InvalidInputError, match="anchor"):
        verify_entries(chain, anchor=anchor)


def test_not_entries():
    """verify_entries checks Entry values."""
    with pytest.raises(InvalidInputError):
        verify_entries(["entry"])


def test_raise_if_broken(chain):
    """raise_if_broken returns an intact report and raises LedgerIntegrityError otherwise."""
    assert verify_entries(chain).raise_if_broken().ok
    del chain[0]
    with pytest.raises(LedgerIntegrityError, match="entry 1 is missing"):
        verify_entries(chain).raise_if_broken()


def test_ledger_refuses_a_broken_store(chain):
    """A ledger cannot be built on a store whose chain is broken."""
    chain[2] = attrs.evolve(chain[2], payload=ProgressReport(dt.date(2026, 3, 1), 1))
    with pytest.raises(LedgerIntegrityError, match=r"broken at entry 3.*modified"):
        Ledger(MemoryStore(chain))


def test_ledger_verify_reads_the_store(ledger, when):
    """Ledger.verify checks the store; verify_loaded the entries in memory."""
    ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
    assert ledger.verify(anchor=ledger.anchor).ok
    assert ledger.verify_loaded().ok


@settings(deadline=None, max_examples=30)
@given(position=st.integers(0, 9), share=st.floats(0, 100).filter(lambda s: s != 35.0))
def test_any_modification_is_found_where_it_is(make_item, position, share):
    """Whichever entry is modified, verify names exactly that one."""
    when = dt.datetime(2026, 1, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    led = Ledger()
    led.open_items([make_item("T1")], at=when)
    for k in range(9):
        led.report_progress("T1", date=dt.date(2026, 2, 1 + k), share=35, at=when + dt.timedelta(days=30 + k))
    entries = list(led.entries())
    target = entries[position]
    if position == 0:
        entries[0] = attrs.evolve(target, payload=make_item("T1", title=f"title {share}"))
    else:
        entries[position] = attrs.evolve(target, payload=ProgressReport(target.payload.date, share))
    problem = verify_entries(entries).problem
    assert problem.fault is ChainFault.MODIFIED
    assert problem.seq == position + 1
