"""Keyed anchors: catching a forged append that a plain hash chain cannot see.

The supervision office keeps a secret key (here a key file in a temporary folder). After
the June check it signs the ledger's head (``Ledger.keyed_anchor``) and files the
``SEQ:HASH:MAC`` text in its report. Someone with write access to the SQLite file, but
not the key, then appends a "100% done" report with correctly recomputed hashes. The hash
chain and a plain anchor are satisfied; the keyed anchor is not. With ``allow_later=True``
(for reports legitimately recorded since the signature) the entry is accepted but stays
"not attested" until the office checks it and signs again.

Run: ``.venv/bin/python examples/keyed_anchor.py``
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import tempfile
from pathlib import Path

from govefficiency.ledger import Draft, KeyedAnchor, Ledger, ProgressReport, SqliteStore
from govefficiency.ledger._entries import seal
from govefficiency.testing import CST, checklist_item


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key_file = folder / "ledger.key"
        key_file.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
        key = key_file.read_bytes().removesuffix(b"\n")
        db = folder / "ledger.sqlite"

        # Key task K09 (智慧政务平台) of the digital-government list, led by the big-data
        # bureau (dsj), officer wu-di, supervised by vice mayor Zhao.
        item = checklist_item(
            "K09", "智慧政务平台", "dsj", "wu-di", category="数字政府", target="上线运行", leader="vm-zhao"
        )
        with Ledger(SqliteStore(db)) as ledger:
            ledger.open_items([item], at=dt.datetime(2026, 1, 5, 9, tzinfo=CST))
            ledger.report_progress(
                "K09", date=dt.date(2026, 6, 30), share=40, at=dt.datetime(2026, 6, 30, 17, tzinfo=CST)
            )
            plain = ledger.anchor
            filed = str(ledger.keyed_anchor(key))  # filed in the June check report
        print(f"June anchor filed: {filed[:24]}…")

        # The forger: a 100% report sealed with recomputed hashes, inserted with SQL.
        with Ledger(SqliteStore(db, read_only=True)) as ledger:
            last = ledger.entries()[-1]
        at = dt.datetime(2026, 7, 1, 9, tzinfo=CST)
        forged = seal(Draft("K09", at, ProgressReport(dt.date(2026, 7, 1), 100)), last.seq + 1, last.hash)
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO entries VALUES (?, ?, ?)", (forged.seq, forged.hash, forged._body))
        conn.close()

        anchor = KeyedAnchor.parse(filed)
        with Ledger(SqliteStore(db, read_only=True)) as ledger:
            print("chain alone:  ", ledger.verify().render("en"))
            print("plain anchor: ", "intact" if ledger.verify(anchor=plain).ok else "broken")
            keyed = ledger.verify(anchor=anchor, key=key)
            print("keyed anchor: ", keyed.render("en"))
            assert keyed.problem is not None
            assert keyed.problem.fault.value == "unattested"
            later = ledger.verify(anchor=anchor, key=key, allow_later=True)
            print("allow later:  ", later.render("en"))


if __name__ == "__main__":
    main()
