"""Per-item snapshots of a SQLite ledger (schema v3): a reopened ledger shows what a full
replay shows, without decoding entries; snapshots follow appends and corrections, never
let a tampered entry pass, and a v2 file is migrated (or read without writing)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from govefficiency.errors import LedgerIntegrityError, StoreDamagedError, StoreError
from govefficiency.ledger import (
    ChainFault,
    Ledger,
    MemoryStore,
    ProgressReport,
    SqliteStore,
    TimeNode,
    _schema,
    _snapshots,
    _sql_store,
)
from govefficiency.ledger import _import as import_module
from govefficiency.ledger._entries import digest

from ._histories import history, operations
from .conftest import edit_database

AT = dt.date(2026, 6, 30)


def _fill(led: Ledger, make_item, when) -> None:
    """Two items with progress, a correction of a correction, a plan change, an order
    done and then corrected, and a settlement."""
    led.open_items([make_item("T1"), make_item("T2")], at=when(1, 5))
    first = led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
    led.report_progress("T2", date=dt.date(2026, 3, 2), share=15, at=when(3, 2))
    second = led.correct(first.seq, ProgressReport(dt.date(2026, 3, 1), 12), at=when(3, 3))
    led.correct(second.seq, ProgressReport(dt.date(2026, 3, 1), 13), at=when(3, 4))
    led.report_progress("T1", date=dt.date(2026, 5, 1), share=30, at=when(5, 1))
    led.set_milestones(
        "T2",
        [TimeNode(dt.date(2026, 9, 30), 60.0, "调整"), TimeNode(dt.date(2026, 12, 31), 100.0, "完成")],
        reason="征地延期",
        approver="vm-wang",
        at=when(5, 2),
    )
    order = led.require_rectification("T2", description="补报材料", due=dt.date(2026, 6, 15), at=when(5, 3))
    done = led.complete_rectification("T2", order=order.seq, description="已补报", at=when(5, 20))
    led.correct(done.seq, type(done.payload)(order.seq, "已补报（更正）", ()), at=when(5, 21))
    led.report_progress("T2", date=dt.date(2026, 6, 1), share=40, at=when(6, 1))


def _replayed(led: Ledger) -> Ledger:
    return Ledger(MemoryStore(led.entries()))


@pytest.fixture
def path(tmp_path, make_item, when) -> Path:
    file = tmp_path / "ledger.sqlite"
    with Ledger(SqliteStore(file)) as led:
        _fill(led, make_item, when)
    return file


class TestReopen:
    def test_states_equal_a_full_replay(self, path):
        """A ledger reopened from its snapshots shows, now and as of past instants, what a
        full replay of its entries shows."""
        with Ledger(SqliteStore(path, read_only=True)) as led:
            full = _replayed(led)
            assert led.states() == full.states()
            for day in (dt.date(2026, 3, 3), dt.date(2026, 5, 20), AT):
                assert led.states(at=day) == full.states(at=day)
            assert led.anchor == full.anchor
            assert led.latest_recorded_at == full.latest_recorded_at
            assert led.item_ids(at=dt.date(2026, 1, 5)) == ("T1", "T2")

    def test_headers_are_compact_sorted_json(self, path):
        """Each stored header is the compact JSON object with sorted keys (written by
        hand for speed), and its sequence numbers are 8 bytes each."""
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT state, seqs FROM snapshots").fetchall()
        conn.close()
        assert len(rows) == 2
        for header, seqs in rows:
            data = json.loads(header)
            assert json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False) == header
            counts = sum(n * (1 + corrected) for n, corrected in data["slots"].values())
            assert len(seqs) == 8 * counts

    def test_open_decodes_nothing(self, path, monkeypatch):
        """Opening reads the snapshots and checks the chain in bulk: no entry is decoded
        until a state is asked for."""
        calls = []
        real = _sql_store.entry_from_canonical

        def counting(*args):
            calls.append(args[0])
            return real(*args)

        monkeypatch.setattr(_sql_store, "entry_from_canonical", counting)
        led = Ledger(SqliteStore(path, read_only=True))
        assert calls == []
        assert len(led) == 12
        led.state("T1")
        assert calls  # decoded on demand
        led.close()

    def test_appends_and_corrections_update_the_snapshots(self, path, when):
        """After an append and a correction, the stored snapshot of the item folds up to
        the new entry, and a reopened ledger shows the corrected value."""
        with Ledger(SqliteStore(path)) as led:
            report = led.report_progress("T1", date=dt.date(2026, 6, 20), share=45, at=when(6, 20))
            fixed = led.correct(report.seq, ProgressReport(dt.date(2026, 6, 20), 50), at=when(6, 21))
        conn = sqlite3.connect(path)
        seq, hash_ = conn.execute("SELECT seq, hash FROM snapshots WHERE item_id = 'T1'").fetchone()
        head = conn.execute("SELECT value FROM meta WHERE key = 'snapshot_seq'").fetchone()[0]
        conn.close()
        assert (seq, hash_, int(head)) == (fixed.seq, fixed.hash, fixed.seq)
        with Ledger(SqliteStore(path, read_only=True)) as led:
            assert led.state("T1").share == 50
            assert led.states() == _replayed(led).states()

    def test_two_writers_keep_the_snapshots_right(self, path, when):
        """Two ledgers appending to one file in turn: each takes in the other's entries,
        and the snapshots stay those of a full replay."""
        a, b = Ledger(SqliteStore(path)), Ledger(SqliteStore(path))
        a.report_progress("T1", date=dt.date(2026, 6, 2), share=33, at=when(6, 2))
        b.report_progress("T2", date=dt.date(2026, 6, 3), share=44, at=when(6, 3))
        a.report_progress("T2", date=dt.date(2026, 6, 4), share=45, at=when(6, 4))
        a.close()
        b.close()
        with Ledger(SqliteStore(path, read_only=True)) as led:
            assert len(led) == 15
            assert led.states() == _replayed(led).states()
            assert led.verify().ok

    def test_stale_snapshots_are_rebuilt(self, path):
        """Snapshots behind the head (as after a migration): a read-only open replays
        without writing; a writable open replays once and writes them."""
        edit_database(
            path,
            "DELETE FROM snapshots",
            "UPDATE meta SET value = '0' WHERE key = 'snapshot_seq'",
            f"UPDATE meta SET value = '{'0' * 64}' WHERE key = 'snapshot_hash'",
        )
        before = path.read_bytes()
        with Ledger(SqliteStore(path, read_only=True)) as led:
            assert led.states() == _replayed(led).states()
        assert path.read_bytes() == before
        with Ledger(SqliteStore(path)) as led:
            head = led.head_seq
        conn = sqlite3.connect(path)
        assert int(conn.execute("SELECT value FROM meta WHERE key = 'snapshot_seq'").fetchone()[0]) == head
        conn.close()

    def test_a_failed_write_leaves_the_ledger_as_stored(self, path, when, monkeypatch):
        """When the store fails after the batch was checked, the ledger reloads: it shows
        what is stored, not the batch that was refused."""
        led = Ledger(SqliteStore(path))
        before = led.states()

        def fail(*args):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(_snapshots.SnapshotTable, "write", fail)
        with pytest.raises(StoreError, match="nothing was written"):
            led.report_progress("T1", date=dt.date(2026, 6, 2), share=33, at=when(6, 2))
        assert led.states() == before
        assert len(led) == 12
        led.close()


class TestTampering:
    def test_a_snapshot_with_another_hash_is_named(self, path):
        """A snapshot whose hash is not that of its entry: opening refuses, verify names
        the item (the chain itself is intact)."""
        edit_database(path, f"UPDATE snapshots SET hash = '{'ab' * 32}' WHERE item_id = 'T2'")
        with SqliteStore(path, read_only=True) as store:
            report = store.verify()
            assert report.problem.fault is ChainFault.SNAPSHOT
            assert "item T2" in report.problem.message.en
            with pytest.raises(LedgerIntegrityError, match=r"snapshot of item T2.*reset_snapshots"):
                Ledger(store)
            with pytest.raises(StoreError, match="for writing"):
                store.reset_snapshots()
        with SqliteStore(path) as store:
            store.reset_snapshots()
            assert store.verify().ok
            with Ledger(store) as led:  # replays once, writes them again
                expected = _replayed(led).states()
        with Ledger(SqliteStore(path, read_only=True)) as led:
            assert led.states() == expected

    def test_a_rehashed_rewrite_is_caught_by_the_snapshots(self, path):
        """An entry rewritten and the whole chain re-hashed after it (no anchor kept): the
        snapshots still name the old hashes, so verify reports it."""
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT seq, hash, canonical FROM entries ORDER BY seq").fetchall()
        prev = "0" * 64
        for seq, _old, text in rows:
            if seq == 3:
                text = text.replace('"share":10.0', '"share":90.0')
            text = re.sub(r'"prev":"[0-9a-f]{64}"', f'"prev":"{prev}"', text)
            prev = digest(text)
            conn.execute("UPDATE entries SET hash = ?, canonical = ? WHERE seq = ?", (prev, text, seq))
        conn.commit()
        conn.close()
        with SqliteStore(path, read_only=True) as store:
            problem = store.verify().problem
            assert problem.fault is ChainFault.SNAPSHOT

    def test_a_snapshot_with_other_content_is_named_by_the_deep_check(self, path):
        """A snapshot edited but with its hash left alone: the deep check
        (``entries=True``, what ``ledger verify`` runs) compares it with a replay."""
        conn = sqlite3.connect(path)
        state = conn.execute("SELECT state FROM snapshots WHERE item_id = 'T1'").fetchone()[0]
        conn.execute(
            "UPDATE snapshots SET state = ? WHERE item_id = 'T1'", (state.replace('"done":[]', '"done":[9]'),)
        )
        conn.commit()
        conn.close()
        with SqliteStore(path, read_only=True) as store:
            assert store.verify().ok
            problem = store.verify(entries=True).problem
            assert problem.fault is ChainFault.SNAPSHOT
            assert "item T1" in problem.message.en
            assert "replayed" in problem.message.en

    def test_snapshot_seqs_cut_or_changed_are_named(self, path):
        """The sequence numbers of a snapshot changed (hash left alone): the deep check
        names the item; cut short, opening refuses it as unreadable."""
        conn = sqlite3.connect(path)
        seqs = conn.execute("SELECT seqs FROM snapshots WHERE item_id = 'T2'").fetchone()[0]
        changed = seqs[:-8] + (99).to_bytes(8, "little")
        conn.execute("UPDATE snapshots SET seqs = ? WHERE item_id = 'T2'", (changed,))
        conn.commit()
        with SqliteStore(path, read_only=True) as store:
            assert "item T2" in store.verify(entries=True).problem.message.en
        conn.execute("UPDATE snapshots SET seqs = ? WHERE item_id = 'T2'", (seqs[:-8],))
        conn.commit()
        conn.close()
        with pytest.raises(StoreDamagedError, match="snapshot of item T2 cannot be read"):
            Ledger(SqliteStore(path, read_only=True))

    def test_a_modified_entry_still_fails_the_chain(self, path):
        """Snapshots change nothing for a modified entry: the chain check names it."""
        edit_database(
            path,
            "UPDATE entries SET canonical = replace(canonical, '\"share\":15.0', '\"share\":95.0') WHERE seq = 4",
        )
        with SqliteStore(path, read_only=True) as store:
            problem = store.verify().problem
            assert (problem.fault, problem.seq) == (ChainFault.MODIFIED, 4)
            with pytest.raises(LedgerIntegrityError, match="entry 4"):
                Ledger(store)


class TestMigration:
    @pytest.fixture
    def v2(self, path) -> Path:
        edit_database(
            path,
            "DROP TABLE snapshots",
            "DELETE FROM meta WHERE key IN ('snapshot_seq', 'snapshot_hash')",
            "PRAGMA user_version = 2",
        )
        return path

    def test_read_only_v2_works_without_writing(self, v2):
        """A v2 file opened read-only is replayed in memory; nothing is written."""
        before = v2.read_bytes()
        with SqliteStore(v2, read_only=True) as store:
            assert store.schema_version == 2
            assert store.snapshots() is None
            led = Ledger(store)
            assert led.states() == _replayed(led).states()
            assert store.verify(entries=True).ok
        assert v2.read_bytes() == before

    def test_v2_is_migrated_and_snapshotted(self, v2):
        """A v2 file opened for writing becomes v3 (one transaction), and the first
        ledger on it writes every item's snapshot."""
        with Ledger(SqliteStore(v2)) as led:
            assert led.store.schema_version == 3
            expected = _replayed(led).states()
        with SqliteStore(v2, read_only=True) as store:
            snapshots = store.snapshots()
            assert snapshots is not None
            assert snapshots.seq == 12
            assert [row[0] for row in snapshots.rows] == ["T1", "T2"]
            assert Ledger(store).states() == expected
            assert store.verify(entries=True).ok

    def test_a_failed_migration_changes_nothing(self, v2, monkeypatch):
        """A migration that fails half-way is rolled back: the file stays v2."""

        def fail(conn):
            conn.execute("CREATE TABLE snapshots (x)")
            raise sqlite3.OperationalError("disk I/O error")

        steps = tuple(s if s.version < 3 else type(s)(3, s.description, fail) for s in _schema.MIGRATIONS)
        monkeypatch.setattr(_schema, "MIGRATIONS", steps)
        with pytest.raises(StoreError):
            SqliteStore(v2)
        with SqliteStore(v2, read_only=True) as store:
            assert store.schema_version == 2


class TestStreamingImport:
    def test_import_streams_in_chunks(self, path, tmp_path, monkeypatch):
        """An import into SQLite is written chunk by chunk in one transaction and equals
        the source."""
        monkeypatch.setattr(import_module, "_IMPORT_CHUNK", 3)
        export = tmp_path / "export.jsonl"
        with Ledger(SqliteStore(path, read_only=True)) as source:
            source.to_jsonl(export)
            expected = source.states()
        with Ledger.from_jsonl(export, SqliteStore(tmp_path / "copy.sqlite")) as copy:
            assert copy.states() == expected
        with Ledger(SqliteStore(tmp_path / "copy.sqlite", read_only=True)) as again:
            assert again.states() == expected
            assert again.verify().ok

    def test_a_bad_line_after_a_chunk_imports_nothing(self, path, tmp_path, monkeypatch):
        """A line that breaks the chain after chunks were written: nothing is imported."""
        monkeypatch.setattr(import_module, "_IMPORT_CHUNK", 3)
        export = tmp_path / "export.jsonl"
        with Ledger(SqliteStore(path, read_only=True)) as source:
            source.to_jsonl(export)
        lines = export.read_text(encoding="utf-8").splitlines()
        k = next(i for i, line in enumerate(lines) if '"share":30.0' in line)
        assert k > 3  # after the first chunk
        lines[k] = lines[k].replace('"share":30.0', '"share":31.0')
        export.write_text("\n".join(lines) + "\n", encoding="utf-8")
        target = tmp_path / "copy.sqlite"
        with pytest.raises(
            LedgerIntegrityError, match=f"line {k + 1}: .*entry {k + 1} does not match its hash"
        ):
            Ledger.from_jsonl(export, SqliteStore(target))
        with SqliteStore(target, read_only=True) as store:
            assert len(store) == 0


class TestRandomHistories:
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ops=operations(("progress", "batch", "correct", "order", "done")))
    def test_reopened_equals_replayed(self, ops, make_item, when):
        """Whatever the history (batches, corrections of corrections, orders done), a
        reopened ledger shows what a full replay shows, and the deep check passes."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "random.sqlite"
            with Ledger(SqliteStore(path)) as led:
                led.open_items([make_item(i) for i in ("T0", "T1", "T2")], at=when(1, 5))
                history(led, ops, when)
            with SqliteStore(path, read_only=True) as store:
                assert store.verify(entries=True).ok
                reopened = Ledger(store)
                full = _replayed(reopened)
                assert reopened.states() == full.states()
                middle = when(2, 1) + dt.timedelta(hours=len(ops) // 2)
                assert reopened.states(at=middle) == full.states(at=middle)
