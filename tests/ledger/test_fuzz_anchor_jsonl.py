"""Fuzzing what parses input in the ledger's anchor and JSON Lines paths: every failure is
a library error (no bare TypeError/ValueError/RecursionError), whatever comes in. No
timing assertions."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govefficiency.errors import GovEfficiencyError, InvalidInputError
from govefficiency.ledger import GENESIS, KeyedAnchor, Ledger, parse_anchor

CST = dt.timezone(dt.timedelta(hours=8))
KEY = b"k" * 32

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=80),
    st.binary(max_size=80),
    st.just(GENESIS),
    st.text("0123456789abcdefABCDEF", min_size=60, max_size=68),
)
_anchors = st.one_of(
    _scalars,
    st.tuples(_scalars, _scalars),
    st.tuples(_scalars, _scalars, _scalars),
    st.lists(_scalars, max_size=3),
    st.tuples(st.integers(-3, 10), st.sampled_from([GENESIS, "a" * 64, "A" * 64, "x"])),
)


@pytest.fixture(scope="module")
def small_ledger(make_item) -> Ledger:
    led = Ledger()
    led.open_items([make_item("T1")], at=dt.datetime(2026, 1, 5, 9, tzinfo=CST))
    led.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=dt.datetime(2026, 3, 1, 9, tzinfo=CST))
    return led


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=200), st.from_regex(r"-?[0-9]{0,25}(:[0-9a-fA-F]{0,66}){0,3}")))
def test_parse_anchor_text(text):
    """Any text: an anchor, or InvalidInputError."""
    with contextlib.suppress(InvalidInputError):
        parse_anchor(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anchor=_anchors, key=st.one_of(st.none(), st.just(KEY), st.binary(max_size=40), st.text(max_size=20)))
def test_verify_with_any_anchor_and_key(small_ledger, anchor, key):
    """Ledger.verify with any anchor and key: a report, or InvalidInputError; an odd
    value is never taken for a good anchor."""
    try:
        report = small_ledger.verify(anchor=anchor, key=key)
    except InvalidInputError:
        return
    real = {(0, GENESIS), *((e.seq, e.hash) for e in small_ledger.entries())}
    if report.ok and anchor is not None:
        assert anchor in real


@settings(max_examples=200, deadline=None)
@given(fields=st.tuples(_scalars, _scalars, _scalars))
def test_keyed_anchor_fields(fields):
    """KeyedAnchor(...) with any fields: made, or InvalidInputError."""
    with contextlib.suppress(InvalidInputError):
        KeyedAnchor(*fields)


def _export(led: Ledger) -> list[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.jsonl"
        led.to_jsonl(path)
        return path.read_bytes().splitlines(keepends=True)


_edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "flip", "insert", "truncate"]),
        st.integers(0, 10_000),
        st.binary(max_size=30),
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=_edits)
def test_import_of_a_damaged_export(small_ledger, tmp_path_factory, edits):
    """A valid export with lines deleted, duplicated, swapped, bytes flipped, garbage
    inserted or cut short: the import gives an intact ledger or a library error."""
    lines = _export(small_ledger)
    for op, at, junk in edits:
        i = at % max(len(lines), 1)
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = (i + 1) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip" and lines and lines[i]:
            k = at % len(lines[i])
            lines[i] = lines[i][:k] + bytes([lines[i][k] ^ 0x5A]) + lines[i][k + 1 :]
        elif op == "insert":
            lines.insert(i, junk + b"\n")
        elif op == "truncate" and lines:
            lines[i] = lines[i][: at % (len(lines[i]) + 1)]
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_bytes(b"".join(lines))
    try:
        led = Ledger.from_jsonl(path)
    except GovEfficiencyError:
        return
    assert led.verify().ok
