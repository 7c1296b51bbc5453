"""The escalation history file format (``history``): one declaration for the loader, the
writer and the JSON Schema, byte-compatible with the files written before it existed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govefficiency.escalation import AckKind, Acknowledgement, ActionKey, load_history, save_history

D = dt.date

# -- golden: save_history's bytes (written before the format was declared; must not change) --

K_T2 = ActionKey("T2", "red", D(2026, 10, 12), 1)
K_T1Y = ActionKey("T1", "yellow", D(2026, 10, 12), 0)
K_CN = ActionKey("市住建局-改造", "red", D(2026, 9, 30), 0)
K_T1R = ActionKey("T1", "red", D(2026, 10, 12), 0)
K_T9 = ActionKey("T9", "red", D(2027, 1, 4), 2)
GOLDEN_ACKS = (
    Acknowledgement(K_T1R, AckKind.SIGNED, D(2026, 10, 14)),
    Acknowledgement(K_T1R, AckKind.FEEDBACK, D(2026, 10, 16)),
    Acknowledgement(K_CN, AckKind.FEEDBACK, D(2026, 10, 9)),
    Acknowledgement(K_T9, AckKind.SIGNED, D(2027, 1, 5)),  # a key known only by its acknowledgement
)
GOLDEN = (
    "[\n"
    " {\n"
    '  "case": "T1",\n'
    '  "level": "red",\n'
    '  "due_date": "2026-10-12",\n'
    '  "occurrence": 0,\n'
    '  "signed_on": "2026-10-14",\n'
    '  "feedback_on": "2026-10-16"\n'
    " },\n"
    " {\n"
    '  "case": "T1",\n'
    '  "level": "yellow",\n'
    '  "due_date": "2026-10-12",\n'
    '  "occurrence": 0\n'
    " },\n"
    " {\n"
    '  "case": "T2",\n'
    '  "level": "red",\n'
    '  "due_date": "2026-10-12",\n'
    '  "occurrence": 1\n'
    " },\n"
    " {\n"
    '  "case": "T9",\n'
    '  "level": "red",\n'
    '  "due_date": "2027-01-04",\n'
    '  "occurrence": 2,\n'
    '  "signed_on": "2027-01-05"\n'
    " },\n"
    " {\n"
    '  "case": "市住建局-改造",\n'
    '  "level": "red",\n'
    '  "due_date": "2026-09-30",\n'
    '  "occurrence": 0,\n'
    '  "feedback_on": "2026-10-09"\n'
    " }\n"
    "]\n"
)


def test_golden_bytes_of_save_history(tmp_path: Path) -> None:
    """Sorted by (case, level, due date, occurrence), duplicates once, one-space indent,
    Chinese kept as written (not \\u escapes), a final newline: the bytes of 0.1's files."""
    path = tmp_path / "sent.json"
    save_history(path, [K_T2, K_T1Y, K_CN, K_T1R, K_T2], acknowledgements=GOLDEN_ACKS)
    assert path.read_bytes() == GOLDEN.encode("utf-8")
    save_history(path, [])
    assert path.read_bytes() == b"[]\n"


def test_golden_file_reads_back(tmp_path: Path) -> None:
    """The golden file reads back to its keys, in the order written."""
    path = tmp_path / "sent.json"
    path.write_text(GOLDEN, encoding="utf-8")
    assert load_history(path) == (K_T1R, K_T1Y, K_T2, K_T9, K_CN)
