"""Entries and payloads: kinds, canonical encoding and hashes, bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle

import attrs
import pytest

from govefficiency import ledger as lg
from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError
from govefficiency.testing import at, sample_item


def _notice() -> lg.SupervisionNotice:
    return lg.SupervisionNotice(
        item_id="T1",
        title="重点任务 T1",
        unit="housing",
        leader="vm-wang",
        officer="li-ming",
        node=lg.TimeNode(dt.date(2026, 9, 30), 80),
        actual_share=60,
        shortfall=20,
        days_late=0,
        working_days_late=0,
        issued_on=dt.date(2026, 9, 30),
        reply_by=dt.date(2026, 10, 13),
        assisting_units=("finance",),
    )


PAYLOADS = {
    lg.EntryKind.MILESTONE_SET: lg.MilestoneChange(
        (lg.TimeNode(dt.date(2026, 7, 31), 60),), "汛期停工", "vm-wang", dt.date(2026, 12, 20)
    ),
    lg.EntryKind.PROGRESS_REPORTED: lg.ProgressReport(
        dt.date(2026, 6, 30), 55, "主体过半", ("宛住建〔2026〕8号",)
    ),
    lg.EntryKind.NOTICE_ISSUED: _notice(),
    lg.EntryKind.RECTIFICATION_REQUIRED: lg.RectificationOrder("补齐进度", dt.date(2026, 10, 31), 3),
    lg.EntryKind.RECTIFICATION_DONE: lg.RectificationDone(4, "已补齐", ("照片",)),
    lg.EntryKind.REVIEWED: lg.Review(
        lg.ReviewKind.JUNE_CHECK, lg.CheckStatus.BEHIND, 48.4, 30, "滞后", "gov-office"
    ),
    lg.EntryKind.SETTLED: lg.Settlement(
        lg.Outcome.COMPLETED_LATE, 100, dt.date(2027, 1, 5) - dt.timedelta(10), "逾期"
    ),
}


class TestPayloads:
    @pytest.mark.parametrize("kind", list(PAYLOADS))
    def test_json_round_trip(self, kind):
        """Each payload kind round-trips through to_json/from_json."""
        payload = PAYLOADS[kind]
        assert type(payload).from_json(json.loads(json.dumps(payload.to_json()))) == payload

    @pytest.mark.parametrize("kind", list(PAYLOADS))
    def test_kind_of_payload(self, kind):
        """A draft's kind is given by its payload's type."""
        assert lg.Draft("T1", at(2026, 10, 1, 0), PAYLOADS[kind]).kind is kind

    def test_every_kind_has_a_bilingual_label(self):
        """Every entry kind has a Chinese and English label."""
        assert {k.label.zh for k in lg.EntryKind} >= {"建账", "进度报告", "下发督查通知", "交账"}
        assert len({k.label.en for k in lg.EntryKind}) == len(lg.EntryKind)

    def test_notice_render_names_who_and_how_much(self):
        """A notice renders the unit, leader, officer, node and shortfall."""
        text = _notice().render("zh")
        for part in ("housing", "vm-wang", "li-ming", "2026-09-30", "80%", "差 20 个百分点", "2026-10-13"):
            assert part in text
        assert "20 points behind" in _notice().render("en")

    @pytest.mark.parametrize(
        ("build", "error"),
        [
            (lambda: lg.MilestoneChange((), " ", "vm"), InvalidInputError),
            (lambda: lg.MilestoneChange((), "why", ""), InvalidInputError),
            (lambda: lg.ProgressReport(dt.date(2026, 6, 1), 101), InvalidInputError),
            (lambda: lg.ProgressReport("2026-06-01", 50), InvalidTypeError),
            (lambda: lg.ProgressReport(dt.date(2026, 6, 1), 5, evidence="doc"), InvalidTypeError),
            (lambda: lg.RectificationOrder("fix", dt.date(2026, 6, 1), 0), InvalidInputError),
            (lambda: lg.RectificationDone(0, "done"), InvalidInputError),
            (lambda: lg.Review("june_check", lg.CheckStatus.BEHIND, 50, 40), InvalidTypeError),
            (lambda: lg.Review(lg.ReviewKind.OTHER, lg.CheckStatus.BEHIND, 50, 140), InvalidInputError),
            (lambda: lg.Settlement("completed", 100), InvalidTypeError),
            (lambda: attrs.evolve(_notice(), reply_by=dt.date(2026, 9, 1)), InvalidInputError),
            (lambda: attrs.evolve(_notice(), shortfall=-3), InvalidInputError),
            (lambda: attrs.evolve(_notice(), days_late=-1), InvalidInputError),
            (lambda: attrs.evolve(_notice(), node=(dt.date(2026, 9, 30), 80)), InvalidTypeError),
        ],
    )
    def test_bad_payloads(self, build, error):
        """Each payload rejects bad values with a specific error."""
        with pytest.raises(error):
            build()

    def test_from_json_rejects_unknown_enum_values(self):
        """from_json names the allowed values of an enum field."""
        data = {**PAYLOADS[lg.EntryKind.SETTLED].to_json(), "outcome": "done"}
        with pytest.raises(InvalidInputError, match="completed, completed_late"):
            lg.Settlement.from_json(data)


class TestCanonicalEncoding:
    def test_golden_entry(self):
        """The hash is sha256 of the documented compact, sorted, UTF-8 JSON encoding."""
        led = lg.Ledger()
        opened = led.open_items([], at=at(2026, 1, 5, 0))
        assert opened == ()
        led.open_items([sample_item("T1")], at=at(2026, 1, 5, 9))
        entry = led.report_progress(
            "T1",
            date=dt.date(2026, 6, 30),
            share=55,
            at=at(2026, 6, 30, 17),
            narrative="完成主体",
            evidence=["文件1"],
        )
        # Written out by hand from the format in docs/ledger.md: keys sorted, no spaces,
        # Chinese kept as UTF-8, the share as a float, prev = the opening entry's hash.
        expected = (
            '{"corrects":null,"item":"T1","kind":"progress_reported","payload":'
            '{"date":"2026-06-30","evidence":["文件1"],"narrative":"完成主体","share":55.0},'
            f'"prev":"{led.entry(1).hash}","recorded":"2026-06-30T17:00:00+08:00","seq":2}}'
        )
        assert entry.canonical() == expected.encode("utf-8")
        assert entry.hash == hashlib.sha256(expected.encode("utf-8")).hexdigest()
        assert expected == json.dumps(
            json.loads(expected), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        assert led.entry(1).prev_hash == lg.GENESIS
        assert (
            entry.payload_json
            == '{"date":"2026-06-30","evidence":["文件1"],"narrative":"完成主体","share":55.0}'
        )
        assert entry.recorded_iso == "2026-06-30T17:00:00+08:00"

    def test_entry_json_round_trip(self, ledger, when):
        """Entry.to_json/from_json keeps every field and the hash."""
        entry = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 2))
        back = lg.Entry.from_json(json.loads(json.dumps(entry.to_json())))
        assert back == entry
        assert back.canonical() == entry.canonical()

    def test_evolve_recomputes_the_encoding(self, ledger, when):
        """A changed copy of an entry has a different encoding, so its hash no longer fits."""
        entry = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 2))
        forged = attrs.evolve(entry, payload=lg.ProgressReport(dt.date(2026, 3, 1), 90))
        assert forged.canonical() != entry.canonical()
        assert hashlib.sha256(forged.canonical()).hexdigest() != forged.hash

    def test_entries_pickle(self, ledger, when):
        """Entries survive pickling with their encoding."""
        entry = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 2))
        back = pickle.loads(pickle.dumps(entry))
        assert back == entry
        assert back.canonical() == entry.canonical()


class TestBadInput:
    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"seq": 0}, InvalidInputError),
            ({"item_id": ""}, InvalidInputError),
            ({"recorded_at": dt.datetime(2026, 1, 1)}, NaiveDatetimeError),
            ({"recorded_at": dt.date(2026, 1, 1)}, InvalidTypeError),
            ({"payload": "progress"}, InvalidTypeError),
            ({"corrects": 0}, InvalidInputError),
            ({"hash": 5}, InvalidTypeError),
        ],
    )
    def test_entry_fields(self, ledger, changes, error):
        """Entry rejects fields of the wrong type or form."""
        entry = ledger.entry(1)
        with pytest.raises(error):
            attrs.evolve(entry, **changes)

    @pytest.mark.parametrize(
        ("args", "error"),
        [
            (("T1", dt.datetime(2026, 1, 1), lg.ProgressReport(dt.date(2026, 1, 1), 1)), NaiveDatetimeError),
            (("T1", at(2026, 1, 1, 0), {"share": 1}), InvalidTypeError),
            (
                ("", at(2026, 1, 1, 0), lg.ProgressReport(dt.date(2026, 1, 1), 1)),
                InvalidInputError,
            ),
        ],
    )
    def test_draft_fields(self, args, error):
        """Draft rejects a naive instant, a foreign payload and a bad item id."""
        with pytest.raises(error):
            lg.Draft(*args)

    @pytest.mark.parametrize(
        "data",
        [
            [],
            {"seq": 1},
            {
                "corrects": None,
                "hash": "x",
                "item": "T1",
                "kind": "gossip",
                "payload": {},
                "prev": "",
                "recorded": "",
                "seq": 1,
            },
        ],
    )
    def test_entry_from_json(self, data):
        """Entry.from_json rejects what is not an entry."""
        with pytest.raises((InvalidInputError, InvalidTypeError)):
            lg.Entry.from_json(data)
