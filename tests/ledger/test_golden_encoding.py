"""The canonical encoding of every entry kind, byte for byte (the hash chain depends on it).

Fixed payloads, instants and chain positions → the exact canonical bytes and their exact
sha256, then the exact JSON Lines export line. These literals were produced by the 0.1
codec and must never change: a ledger written by any release has to verify under every
later one. If this test fails, the encoding changed — fix the code, not the literals.

What the literals pin down: keys sorted, compact separators, non-ASCII kept (not
``\\u`` escaped), every key written even when ``null`` or ``[]``, shares and points as
floats (``20.0``), counts as ints, dates as ``YYYY-MM-DD``, instants in ISO 8601 with
their offset (microseconds kept), ``"`` escaped inside a title.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from govefficiency import ledger as lg
from govefficiency.ledger._entries import entry_from_canonical, seal

# A fixed offset, not a zone database entry: nothing outside this file may change the bytes.
BEIJING = dt.timezone(dt.timedelta(hours=8))


def _at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=BEIJING)  # type: ignore[misc]


ITEM = lg.ChecklistItem(
    id="T1",
    title='老旧小区改造 "二期"',
    category="重点工作",
    year=2026,
    target="完成 120 个小区",
    standard="通过验收",
    deadline=dt.date(2026, 12, 31),
    leader="vm-wang",
    lead_unit="housing",
    officer="li-ming",
    projects=("项目A", "项目B"),
    time_nodes=(
        lg.TimeNode(dt.date(2026, 3, 31), 20, "完成设计"),
        lg.TimeNode(dt.date(2026, 6, 30), 50.5, ""),
    ),
    assisting_units=("finance", "nrp"),
    start=dt.date(2026, 1, 5),
)


def _notice(node: lg.TimeNode, **fields: Any) -> lg.SupervisionNotice:
    """A supervision notice on ITEM (its unit, leader and officer; the short title) at ``node``."""
    return lg.SupervisionNotice(
        item_id=ITEM.id,
        title="老旧小区改造",
        unit=ITEM.lead_unit,
        leader=ITEM.leader,
        officer=ITEM.officer,
        node=node,
        **fields,
    )


#: (payload, recorded at, corrects) of entries 1, 2, 3… of one chain: every entry kind,
#: with and without its optional values.
DRAFTS = (
    (ITEM, _at(2026, 1, 5, 9), None),
    (
        lg.MilestoneChange(
            (lg.TimeNode(dt.date(2026, 10, 9), 60, "国庆后复工"),),
            "节假日顺延",
            "vm-wang",
            dt.date(2027, 1, 29),
        ),
        _at(2026, 9, 28, 17),
        None,
    ),
    (lg.MilestoneChange((), "取消中间节点", "vm-wang"), _at(2026, 9, 29, 17), 2),
    (
        lg.ProgressReport(dt.date(2026, 6, 30), 45, "主体施工", ("市住建〔2026〕12号",)),
        _at(2026, 6, 30, 17, 30),
        None,
    ),
    (lg.ProgressReport(dt.date(2026, 7, 1), 47.25), _at(2026, 7, 1, 8, 0, 0, 123456), None),
    (
        _notice(
            lg.TimeNode(dt.date(2026, 6, 30), 50, "主体过半"),
            actual_share=45,
            shortfall=5,
            days_late=3,
            working_days_late=1,
            issued_on=dt.date(2026, 7, 3),
            reply_by=dt.date(2026, 7, 10),
            assisting_units=("finance",),
            reported=True,
        ),
        _at(2026, 7, 3, 10),
        None,
    ),
    (
        _notice(
            lg.TimeNode(dt.date(2026, 9, 30), 80, ""),
            actual_share=0,
            shortfall=80.0,
            days_late=12,
            working_days_late=None,
            issued_on=dt.date(2026, 10, 12),
            reply_by=dt.date(2026, 10, 12),
            reported=False,
        ),
        _at(2026, 10, 12, 9),
        None,
    ),
    (lg.RectificationOrder("补报进度并说明原因", dt.date(2026, 10, 16), 7), _at(2026, 10, 12, 9, 5), None),
    (lg.RectificationOrder("补齐档案", dt.date(2026, 11, 2)), _at(2026, 10, 13, 9), None),
    (
        lg.RectificationDone(8, "已补报", ("照片1", "https://example.org/a?b=1&c=\u00e9")),
        _at(2026, 10, 16, 16),
        None,
    ),
    (lg.RectificationDone(9, "档案已补齐"), _at(2026, 11, 2, 9), None),
    (
        lg.Review(lg.ReviewKind.JUNE_CHECK, lg.CheckStatus.BEHIND, 50, 45, "差5个百分点", "gov-office"),
        _at(2026, 7, 1, 9),
        None,
    ),
    (
        lg.Review(lg.ReviewKind.RECONCILIATION, lg.CheckStatus.NO_REPORT, 80.0, None),
        _at(2026, 9, 30, 18),
        None,
    ),
    (
        lg.Review(lg.ReviewKind.MONTHLY, lg.CheckStatus.ON_TRACK, 100, 100.0, "", ""),
        _at(2026, 11, 30, 18),
        None,
    ),
    (
        lg.Settlement(lg.Outcome.COMPLETED_LATE, 100, dt.date(2026, 12, 30), "逾期一天"),
        _at(2026, 12, 31, 18),
        None,
    ),
    (lg.Settlement(lg.Outcome.NOT_REPORTED, 0), _at(2026, 12, 31, 18, 1), None),
)

#: (kind, canonical text, sha256) of each entry, as written by the 0.1 codec.
GOLDEN: tuple[tuple[str, str, str], ...] = (
    (
        "item_opened",
        '{"corrects":null,"item":"T1","kind":"item_opened","payload":{"assisting_units":["finance","nrp"],"category":"重点工作","deadline":"2026-12-31","id":"T1","lead_unit":"housing","leader":"vm-wang","officer":"li-ming","projects":["项目A","项目B"],"standard":"通过验收","start":"2026-01-05","target":"完成 120 个小区","time_nodes":[{"date":"2026-03-31","note":"完成设计","share":20.0},{"date":"2026-06-30","note":"","share":50.5}],"title":"老旧小区改造 \\"二期\\"","year":2026},"prev":"0000000000000000000000000000000000000000000000000000000000000000","recorded":"2026-01-05T09:00:00+08:00","seq":1}',
        "64b8f9be7d442ed1523cb8638d240781548334cac9be8b42b6fb38526fea0ef9",
    ),
    (
        "milestone_set",
        '{"corrects":null,"item":"T1","kind":"milestone_set","payload":{"approver":"vm-wang","deadline":"2027-01-29","reason":"节假日顺延","time_nodes":[{"date":"2026-10-09","note":"国庆后复工","share":60.0}]},"prev":"64b8f9be7d442ed1523cb8638d240781548334cac9be8b42b6fb38526fea0ef9","recorded":"2026-09-28T17:00:00+08:00","seq":2}',
        "32aa7031dd393c87222f3149bdc4f763cd3a0b1e3a8c0d6e27b4a4df7228459b",
    ),
    (
        "milestone_set",
        '{"corrects":2,"item":"T1","kind":"milestone_set","payload":{"approver":"vm-wang","deadline":null,"reason":"取消中间节点","time_nodes":[]},"prev":"32aa7031dd393c87222f3149bdc4f763cd3a0b1e3a8c0d6e27b4a4df7228459b","recorded":"2026-09-29T17:00:00+08:00","seq":3}',
        "eca58a2cd6d456a519fdaf9960978de913aba1bfa64d4bf242f31491624aedfd",
    ),
    (
        "progress_reported",
        '{"corrects":null,"item":"T1","kind":"progress_reported","payload":{"date":"2026-06-30","evidence":["市住建〔2026〕12号"],"narrative":"主体施工","share":45.0},"prev":"eca58a2cd6d456a519fdaf9960978de913aba1bfa64d4bf242f31491624aedfd","recorded":"2026-06-30T17:30:00+08:00","seq":4}',
        "5a2467274d646d0825f50ec2ab951efa9db8b8047a5fcd19fde7669dbc914696",
    ),
    (
        "progress_reported",
        '{"corrects":null,"item":"T1","kind":"progress_reported","payload":{"date":"2026-07-01","evidence":[],"narrative":"","share":47.25},"prev":"5a2467274d646d0825f50ec2ab951efa9db8b8047a5fcd19fde7669dbc914696","recorded":"2026-07-01T08:00:00.123456+08:00","seq":5}',
        "2e79b28ecff9fbd9f76b6e45f187f1751aa993c34a7cf2661223271d269ef3ea",
    ),
    (
        "notice_issued",
        '{"corrects":null,"item":"T1","kind":"notice_issued","payload":{"actual_share":45.0,"assisting_units":["finance"],"days_late":3,"issued_on":"2026-07-03","item_id":"T1","leader":"vm-wang","node":{"date":"2026-06-30","note":"主体过半","share":50.0},"officer":"li-ming","reply_by":"2026-07-10","reported":true,"shortfall":5.0,"title":"老旧小区改造","unit":"housing","working_days_late":1},"prev":"2e79b28ecff9fbd9f76b6e45f187f1751aa993c34a7cf2661223271d269ef3ea","recorded":"2026-07-03T10:00:00+08:00","seq":6}',
        "37e748f41df7e0a2fecf5a1a434375026bb38a970ad5007a85c9d3fa7f75b75f",
    ),
    (
        "notice_issued",
        '{"corrects":null,"item":"T1","kind":"notice_issued","payload":{"actual_share":0.0,"assisting_units":[],"days_late":12,"issued_on":"2026-10-12","item_id":"T1","leader":"vm-wang","node":{"date":"2026-09-30","note":"","share":80.0},"officer":"li-ming","reply_by":"2026-10-12","reported":false,"shortfall":80.0,"title":"老旧小区改造","unit":"housing","working_days_late":null},"prev":"37e748f41df7e0a2fecf5a1a434375026bb38a970ad5007a85c9d3fa7f75b75f","recorded":"2026-10-12T09:00:00+08:00","seq":7}',
        "5ffb85aa2e0674019445feb10e92d8f8bbaf209a3597d85273c12077aef2b3f4",
    ),
    (
        "rectification_required",
        '{"corrects":null,"item":"T1","kind":"rectification_required","payload":{"description":"补报进度并说明原因","due":"2026-10-16","notice":7},"prev":"5ffb85aa2e0674019445feb10e92d8f8bbaf209a3597d85273c12077aef2b3f4","recorded":"2026-10-12T09:05:00+08:00","seq":8}',
        "9b6204e8f032b59f3406889c93d557eaa1ad53728e964fdf1d17cdea03fc7e39",
    ),
    (
        "rectification_required",
        '{"corrects":null,"item":"T1","kind":"rectification_required","payload":{"description":"补齐档案","due":"2026-11-02","notice":null},"prev":"9b6204e8f032b59f3406889c93d557eaa1ad53728e964fdf1d17cdea03fc7e39","recorded":"2026-10-13T09:00:00+08:00","seq":9}',
        "e558c0d3b59305e57386c9cacfdac8a3cddae6aaf69a397210159a80a01c511e",
    ),
    (
        "rectification_done",
        '{"corrects":null,"item":"T1","kind":"rectification_done","payload":{"description":"已补报","evidence":["照片1","https://example.org/a?b=1&c=é"],"order":8},"prev":"e558c0d3b59305e57386c9cacfdac8a3cddae6aaf69a397210159a80a01c511e","recorded":"2026-10-16T16:00:00+08:00","seq":10}',
        "fb5fe390b6333d6a918227a3522eacd1c04ddf7ac1c902d9e3d5aa61783cf097",
    ),
    (
        "rectification_done",
        '{"corrects":null,"item":"T1","kind":"rectification_done","payload":{"description":"档案已补齐","evidence":[],"order":9},"prev":"fb5fe390b6333d6a918227a3522eacd1c04ddf7ac1c902d9e3d5aa61783cf097","recorded":"2026-11-02T09:00:00+08:00","seq":11}',
        "d7461c423053d749cd13cbf707ee85ff5d39ba7b45b6e1b7542caf76a72bfc7d",
    ),
    (
        "reviewed",
        '{"corrects":null,"item":"T1","kind":"reviewed","payload":{"expected_share":50.0,"kind":"june_check","note":"差5个百分点","reviewer":"gov-office","status":"behind","work_share":45.0},"prev":"d7461c423053d749cd13cbf707ee85ff5d39ba7b45b6e1b7542caf76a72bfc7d","recorded":"2026-07-01T09:00:00+08:00","seq":12}',
        "589b4f30acfa310b0c15c6dd9c9f9b9bb1742b6bc889c51e6141e95cac82e8ac",
    ),
    (
        "reviewed",
        '{"corrects":null,"item":"T1","kind":"reviewed","payload":{"expected_share":80.0,"kind":"reconciliation","note":"","reviewer":"","status":"no_report","work_share":null},"prev":"589b4f30acfa310b0c15c6dd9c9f9b9bb1742b6bc889c51e6141e95cac82e8ac","recorded":"2026-09-30T18:00:00+08:00","seq":13}',
        "f7e9b9ae90c8e720e94ce601cd19f7ff932abd206e2a206582a9ed7fbc2de992",
    ),
    (
        "reviewed",
        '{"corrects":null,"item":"T1","kind":"reviewed","payload":{"expected_share":100.0,"kind":"monthly","note":"","reviewer":"","status":"on_track","work_share":100.0},"prev":"f7e9b9ae90c8e720e94ce601cd19f7ff932abd206e2a206582a9ed7fbc2de992","recorded":"2026-11-30T18:00:00+08:00","seq":14}',
        "1cd494002c477b7fa657c4022376993050662085f6a73dec8cd1418678ce3454",
    ),
    (
        "settled",
        '{"corrects":null,"item":"T1","kind":"settled","payload":{"completed_on":"2026-12-30","final_share":100.0,"note":"逾期一天","outcome":"completed_late"},"prev":"1cd494002c477b7fa657c4022376993050662085f6a73dec8cd1418678ce3454","recorded":"2026-12-31T18:00:00+08:00","seq":15}',
        "a28c424db2b7eacc03309f37bab417c4035a9c3b37b36af48db81627e0b5a5c2",
    ),
    (
        "settled",
        '{"corrects":null,"item":"T1","kind":"settled","payload":{"completed_on":null,"final_share":0.0,"note":"","outcome":"not_reported"},"prev":"a28c424db2b7eacc03309f37bab417c4035a9c3b37b36af48db81627e0b5a5c2","recorded":"2026-12-31T18:01:00+08:00","seq":16}',
        "51905e1086757f52e43925fcdfc24f999e0853a82a4224b365b885cf44aa2641",
    ),
)


def _chain() -> list[lg.Entry]:
    entries: list[lg.Entry] = []
    prev = lg.GENESIS
    for seq, (payload, recorded, corrects) in enumerate(DRAFTS, 1):
        entry = seal(lg.Draft("T1", recorded, payload, corrects), seq, prev)
        entries.append(entry)
        prev = entry.hash
    return entries


def test_every_entry_kind_is_covered() -> None:
    from govefficiency.ledger import EntryKind

    assert {kind for kind, _, _ in GOLDEN} == {kind.value for kind in EntryKind}
    assert len(GOLDEN) == len(DRAFTS)


@pytest.mark.parametrize("seq", range(1, len(GOLDEN) + 1))
def test_canonical_bytes_and_hash(seq: int) -> None:
    """Fixed inputs give exactly these bytes and exactly this sha256."""
    kind, text, digest = GOLDEN[seq - 1]
    entry = _chain()[seq - 1]
    assert entry.kind.value == kind
    assert entry.canonical() == text.encode("utf-8")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest
    assert entry.hash == digest
    assert entry.prev_hash == (lg.GENESIS if seq == 1 else GOLDEN[seq - 2][2])


@pytest.mark.parametrize("seq", range(1, len(GOLDEN) + 1))
def test_stored_text_reads_back_to_the_same_payload_and_bytes(seq: int) -> None:
    """Reading the stored canonical text gives the payload sealed, and the same bytes."""
    _, text, digest = GOLDEN[seq - 1]
    entry = entry_from_canonical(seq, digest, text)
    assert entry.payload == DRAFTS[seq - 1][0]
    assert entry.canonical() == text.encode("utf-8")
    again = seal(lg.Draft("T1", entry.recorded_at, entry.payload, entry.corrects), seq, entry.prev_hash)
    assert again.canonical() == text.encode("utf-8")


def test_the_json_lines_export_byte_for_byte(tmp_path: Path) -> None:
    """Each exported line is the canonical object with ``hash`` added (keys sorted)."""
    path = tmp_path / "ledger.jsonl"
    lg.write_jsonl(_chain(), path)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    for line, (_, text, digest) in zip(lines[:-1], GOLDEN, strict=True):
        corrects, rest = text.split(',"item":', 1)
        assert line == f'{corrects},"hash":"{digest}","item":{rest}'.encode()
        assert json.loads(line)["hash"] == digest
    assert [e.canonical() for e in lg.read_jsonl(path)] == [text.encode("utf-8") for _, text, _ in GOLDEN]
