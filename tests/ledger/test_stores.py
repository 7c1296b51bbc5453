"""The shared store suite: the same tests against the SQLite file store and the
PostgreSQL store (a real server started by tests/_pgserver.py; skipped locally when none
can be started, a failure with CI=true).

Each backend (tests/ledger/_stores.py) offers the same handful of raw operations (what
someone with direct access to the database could do: edit, delete or swap rows, bypassing
the PostgreSQL trigger as a superuser can), so each test is written once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from govefficiency.errors import LedgerIntegrityError, StoreDamagedError, StoreError
from govefficiency.ledger import (
    ChainFault,
    Draft,
    EntryKind,
    Ledger,
    MemoryStore,
    ProgressReport,
    _sql_store,
)
from govefficiency.ledger import _import as import_module
from govefficiency.ledger._entries import digest

from ._stores import LEDGER_ID, WORKER, PostgresBackend, SqliteBackend, fill, run_workers


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        return SqliteBackend(tmp_path)
    server = request.getfixturevalue("pg_server")
    return PostgresBackend(server, request.getfixturevalue("pg_database"))


@pytest.fixture
def filled(backend: Any, make_item: Any, when: Any) -> Any:
    """The backend's ledger with items T1 and T2 and four progress reports (6 entries)."""
    fill(backend.open(), make_item, when)
    return backend


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), *args], capture_output=True, text=True, timeout=120, check=check
    )


class TestAppend:
    def test_append_and_reopen(self, filled):
        """Entries appended through one store are read back, in order, by a new one."""
        with Ledger(filled.open()) as led:
            assert len(led) == 6
            assert [e.seq for e in led.entries()] == [1, 2, 3, 4, 5, 6]
            assert led.state("T1").share == 30.0
            assert led.verify().ok
            anchor = led.anchor
        with Ledger(filled.open()) as again:
            assert again.anchor == anchor
            assert again.verify(anchor=anchor).ok
        assert filled.count() == 6

    def test_a_new_store_is_empty(self, backend):
        """A new store holds no entries and verifies."""
        with backend.open() as store:
            assert list(store.read()) == []
            assert store.verify().ok
            assert store.verify().head_seq == 0


class TestAtomicity:
    def test_failure_in_the_middle_of_a_batch(self, filled, when):
        """When the database refuses the third row of a batch, none of the batch is kept."""
        filled.refuse_inserts_containing("boom")
        with Ledger(filled.open()) as led:
            drafts = [
                Draft("T1", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 40, "ok-1")),
                Draft("T2", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 45, "ok-2")),
                Draft("T1", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 50, "boom")),
                Draft("T2", when(5, 1), ProgressReport(dt.date(2026, 5, 1), 55, "ok-4")),
            ]
            with pytest.raises(StoreError, match="nothing was written") as info:
                led.append(drafts)
            assert not isinstance(info.value, StoreDamagedError)  # a refused row is no damage
            assert len(led) == 6
            assert led.state("T1").share == 30.0
            assert filled.count() == 6
            led.append(drafts[:2])  # the ledger goes on from the same head
            assert led.verify().ok
        assert filled.count() == 8

    def test_process_killed_in_the_middle_of_a_batch(self, filled):
        """A process killed after writing half a batch leaves none of it."""
        result = _run("crash", filled.location, check=False)
        assert result.returncode == 3, result.stderr
        assert filled.count() == 6
        with Ledger(filled.open()) as led:
            assert led.verify().ok
            assert not any(
                "lost" in e.payload.narrative for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)
            )
            led.report_progress(
                "T1", date=dt.date(2026, 5, 1), share=50, at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
            )
        assert filled.count() == 7


class TestConcurrency:
    def test_two_processes_append_at_once(self, filled, tmp_path):
        """Two processes, each with its own connection, appending at the same time lose
        nothing, duplicate nothing, leave no gap in seq and keep one valid chain."""
        batches, size = 30, 6
        run_workers([(filled.location, "A"), (filled.location, "B")], tmp_path / "go", batches, size)
        with Ledger(filled.open()) as led:
            assert led.verify().ok
            assert len(led) == 6 + 2 * batches * size
            assert [e.seq for e in led.entries()] == list(range(1, len(led) + 1))
            narratives = [e.payload.narrative for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)][4:]
            expected = {f"{t}-{b}-{i}" for t in "AB" for b in range(batches) for i in range(size)}
            assert len(narratives) == len(expected)
            assert set(narratives) == expected
            # The two processes really did take turns (otherwise this test proves little).
            tags = [n[0] for n in narratives]
            assert sum(a != b for a, b in itertools.pairwise(tags)) >= 3
            # Each batch is contiguous: its entries were written in one transaction.
            for t in "AB":
                for b in range(batches):
                    seqs = [
                        e.seq
                        for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)
                        if e.payload.narrative.startswith(f"{t}-{b}-")
                    ]
                    assert seqs == list(range(seqs[0], seqs[0] + size))
        assert filled.count() == 6 + 2 * batches * size


class TestTampering:
    def test_modified_row(self, filled):
        """A row edited behind the library's back is named as modified; the ledger then
        refuses to load."""
        filled.modify(5, '"share":30.0', '"share":90.0')
        with filled.open() as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq) == (ChainFault.MODIFIED, 5)
            with pytest.raises(LedgerIntegrityError, match="entry 5"):
                Ledger(store)

    def test_deleted_row(self, filled):
        """A deleted row is named as missing."""
        filled.delete(4)
        with filled.open() as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq, problem.found) == (ChainFault.DELETED, 4, 5)

    def test_swapped_rows(self, filled):
        """Two rows whose contents were swapped are named as reordered."""
        filled.swap(4, 5)
        with filled.open() as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq, problem.found) == (ChainFault.REORDERED, 4, 5)

    def test_truncation_and_anchor(self, filled):
        """Dropping the last row is caught with an anchor kept from before."""
        with Ledger(filled.open()) as led:
            anchor = led.anchor
        filled.delete(6)
        with filled.open() as store:
            report = store.verify()
            # the snapshot of the last entry's item names the entry removed
            assert report.problem.fault is ChainFault.SNAPSHOT
            assert report.head_seq == 5
            assert store.verify(anchor=anchor).problem.fault is ChainFault.TRUNCATED

    def test_tampered_entry_of_another_writer(self, filled, when):
        """A ledger refuses to append after another writer's entry that was since
        tampered with, and writes nothing."""
        a = Ledger(filled.open())
        with Ledger(filled.open()) as b:
            b.report_progress("T1", date=dt.date(2026, 5, 1), share=50, at=when(5, 1))
        filled.modify(7, '"share":50.0', '"share":95.0')
        with pytest.raises(LedgerIntegrityError, match=r"broken at entry 7.*modified"):
            a.report_progress("T2", date=dt.date(2026, 5, 2), share=60, at=when(5, 2))
        a.close()
        assert filled.count() == 7


class TestMigration:
    def test_version_1_is_migrated(self, backend, make_item, when):
        """A version-1 store is upgraded to the current version on opening, keeping every
        entry and hash."""
        source = Ledger()
        source.open_items([make_item("T1")], at=when(1, 5))
        report = source.report_progress(
            "T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1), narrative="进展"
        )
        source.correct(report.seq, ProgressReport(dt.date(2026, 3, 1), 12), at=when(3, 2))
        backend.make_v1(source.entries())
        with backend.open_v1() as store:
            assert store.schema_version == backend.version
            assert store.verify().ok
            assert store.verify().head_hash == source.anchor[1]
            led = Ledger(store)
            assert led.entries() == source.entries()
            assert led.state("T1").share == 12.0
            led.report_progress("T1", date=dt.date(2026, 4, 1), share=30, at=when(4, 1))
            assert led.verify().ok
        assert backend.fields() == [
            (1, "T1", "item_opened", None),
            (2, "T1", "progress_reported", None),
            (3, "T1", "progress_reported", 2),
            (4, "T1", "progress_reported", None),
        ]


class TestReadOnly:
    def test_reader_reads_but_cannot_write(self, filled, when):
        """The reporting access reads, reports and verifies, but an append is refused
        and nothing is written."""
        with Ledger(filled.reader()) as led:
            assert len(led) == 6
            assert led.verify().ok
            assert led.state("T2").share == 40.0
            with pytest.raises(StoreError, match="nothing was written"):
                led.report_progress("T1", date=dt.date(2026, 5, 1), share=50, at=when(5, 1))
            assert len(led) == 6
        assert filled.count() == 6


def _replayed(led: Ledger) -> Ledger:
    return Ledger(MemoryStore(led.entries()))


class TestSnapshots:
    """Both stores keep per-item snapshots beside the entries: a reopen decodes nothing,
    and every change the SQLite snapshots catch is caught in PostgreSQL too."""

    def test_reopen_decodes_nothing_and_equals_a_replay(self, filled, monkeypatch):
        calls: list[int] = []
        real = _sql_store.entry_from_canonical

        def counting(*args: Any) -> Any:
            calls.append(args[0])
            return real(*args)

        monkeypatch.setattr(_sql_store, "entry_from_canonical", counting)
        with Ledger(filled.reader()) as led:
            assert calls == []
            assert led.store.snapshots().seq == len(led) == 6
            assert led.states() == _replayed(led).states()
            assert calls  # decoded on demand

    def test_a_snapshot_with_another_hash_is_named_and_rebuilt(self, filled):
        filled.sql(f"UPDATE {filled.snapshots} SET hash = '{'ab' * 32}' WHERE item_id = 'T2'")
        with filled.open() as store:
            report = store.verify()
            assert report.problem.fault is ChainFault.SNAPSHOT
            assert "item T2" in report.problem.message.en
            with pytest.raises(LedgerIntegrityError, match=r"snapshot of item T2.*reset_snapshots"):
                Ledger(store)
            store.reset_snapshots()
            assert store.verify().ok
            with Ledger(store) as led:  # replays once, writes them again
                expected = _replayed(led).states()
        with Ledger(filled.reader()) as led:
            assert led.states() == expected
            assert led.store.snapshots().seq == 6

    def test_a_rehashed_rewrite_is_caught(self, filled):
        """An entry rewritten and the rest of the chain re-hashed after it (no anchor)."""
        with filled.open() as store:
            rows = list(store.rows())
        prev, forged = "0" * 64, []
        for seq, _old, text in rows:
            if seq == 3:
                text = text.replace('"share":10.0', '"share":90.0')
            text = re.sub(r'"prev":"[0-9a-f]{64}"', f'"prev":"{prev}"', text)
            prev = digest(text)
            forged.append((seq, prev, text))
        filled.rewrite(forged)
        with filled.open() as store:
            assert store.verify().problem.fault is ChainFault.SNAPSHOT
            with pytest.raises(LedgerIntegrityError, match="snapshot"):
                Ledger(store)

    def test_a_snapshot_with_other_content_is_named_by_the_deep_check(self, filled):
        filled.sql(f"UPDATE {filled.snapshots} SET state = replace(state, '\"done\":[]', '\"done\":[9]')")
        with filled.reader() as store:
            assert store.verify().ok
            problem = store.verify(entries=True).problem
            assert problem.fault is ChainFault.SNAPSHOT
            assert "replayed" in problem.message.en

    def test_a_reader_replays_snapshots_behind_and_writes_nothing(self, filled, when):
        """Snapshots behind the head (dropped): the reporting access replays in memory
        and writes nothing; the next writer writes them again."""
        with filled.open() as store:
            store.reset_snapshots()
        with Ledger(filled.reader()) as led:
            assert led.state("T2").share == 40.0
            assert led.store.snapshots().seq == 0
            with pytest.raises(StoreError, match="for writing"):
                led.store.reset_snapshots()
        with Ledger(filled.open()) as led:
            led.report_progress("T1", date=dt.date(2026, 5, 1), share=50, at=when(5, 1))
        with filled.reader() as store:
            assert store.snapshots().seq == 7
            assert store.verify(entries=True).ok

    def test_an_import_streams_in_chunks(self, backend, filled, tmp_path, monkeypatch):
        """A JSONL import is written in chunks (memory holds one), with the snapshots,
        keeping the source's anchor."""
        with Ledger(filled.reader()) as source:
            export = tmp_path / "export.jsonl"
            source.to_jsonl(export)
            anchor, states = source.anchor, source.states()
        backend.location = (
            backend.location.replace(LEDGER_ID, "copy")
            if backend.name == "postgres"
            else str(tmp_path / "copy.sqlite")
        )
        monkeypatch.setattr(import_module, "_IMPORT_CHUNK", 4)
        sizes: list[int] = []
        target = backend.open()
        real = target.append_stream

        def recording(chunks: Any, **kw: Any) -> int:
            def seen() -> Any:
                for chunk in chunks():
                    sizes.append(len(chunk))
                    yield chunk

            return int(real(seen, **kw))

        monkeypatch.setattr(target, "append_stream", recording)
        with Ledger.from_jsonl(export, target) as led:
            assert led.anchor == anchor
        assert sizes == [4, 2]
        with Ledger(backend.open()) as again:
            assert again.store.snapshots().seq == 6
            assert again.states() == states
