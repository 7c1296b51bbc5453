"""``govefficiency.testing``: the builders are valid and the CLI runner captures output."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError
from govefficiency.responsibility import check
from govefficiency.testing import (
    CliResult,
    at,
    dated_case,
    mini_city,
    refused,
    run_cli,
    sample_item,
    sample_ledger,
    text,
)


def test_at_is_aware_in_shanghai():
    instant = at(2026, 10, 8)
    assert instant.utcoffset() == dt.timedelta(hours=8)
    assert (instant.hour, instant.minute) == (9, 0)
    with pytest.raises(GovEfficiencyError):
        at(2026, 10, 8, tz="Mars/Olympus")


def test_mini_city_is_sound():
    assert check(mini_city()) == []


def test_sample_ledger_and_items():
    ledger = sample_ledger()
    assert ledger.item_ids() == ("T1", "T2")
    assert sample_item("X9", lead_unit="nrp").lead_unit == "nrp"
    with pytest.raises(GovEfficiencyError):
        sample_item("bad id")


def test_dated_case_and_text():
    case = dated_case("C7", dt.date(2026, 10, 31), assisting_units=("nrp",))
    assert case.due == dt.date(2026, 10, 31)
    assert case.parties.assisting_units == ("nrp",)
    assert text("甲") == text("甲", "甲")
    with pytest.raises(GovEfficiencyError):
        dated_case("")


def test_run_cli_captures_code_and_streams():
    ok = run_cli("calendar", "2026-10-10", "--lang", "en")
    assert (ok.code, ok.err) == (0, "")
    assert "make-up working day" in ok.out
    bad = run_cli("calendar", "2026-02-30", "--lang", "en")
    assert (bad.code, bad.out) == (2, "")
    assert "error:" in bad.err
    code, out, err = bad  # a tuple too, unpacked in one line
    assert (code, out, err) == (bad.code, bad.out, bad.err)


def test_refused_returns_stderr_and_fails_a_mismatch():
    # no such day: a usage error, exit 2, nothing on stdout
    err = refused(run_cli("deadline", "2026-02-30", "--days", "3", "--lang", "en"), 2)
    assert "2026-02-30" in err
    with pytest.raises(AssertionError, match="expected exit 3"):
        refused(run_cli("deadline", "2026-02-30", "--days", "3"), 3)
    with pytest.raises(AssertionError):  # undetermined (exit 3) prints what was decided: no refusal
        refused(run_cli("calendar", "2027-01-04"), 3)
    with pytest.raises(AssertionError):  # exit 0 with output is not a refusal
        refused(run_cli("calendar", "2026-10-10"), 0)
    with pytest.raises(AssertionError):  # a traceback is never a proper refusal
        refused(CliResult(2, "", "Traceback (most recent call last):\n"), 2)


@pytest.mark.parametrize(
    ("result", "status", "error"),
    [
        ((2, "", "error"), 2, InvalidTypeError),  # a plain tuple is not a run
        (CliResult(2, "", "error"), True, InvalidTypeError),
        (CliResult(2, "", "error"), -1, InvalidInputError),
        (CliResult(2, "", "error"), "2", InvalidTypeError),
    ],
)
def test_refused_bad_input(result, status, error):
    with pytest.raises(error):
        refused(result, status)
