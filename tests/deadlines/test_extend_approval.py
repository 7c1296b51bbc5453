"""``deadline --extend N`` needs ``--approved DATE`` (defect 19 of stop 24): the approval date
is never guessed. It decides whether the extension came while the deadline was running
(an extension approved after expiry is refused), so a default would hide that question."""

from __future__ import annotations

import json

import pytest

from govefficiency.testing import run_cli


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "--extend needs --approved DATE"), ("zh", "需要同时给出 --approved")]
)
def test_extend_without_approved_is_a_usage_error(lang: str, words: str) -> None:
    """The user's command: 20 days from 2026-09-30, extended by 10, no approval date."""
    code, out, err = run_cli("deadline", "2026-09-30", "--days", "20", "--extend", "10", "--lang", lang)
    assert (code, out) == (2, "")
    assert words in err
    assert "Traceback" not in err


def test_extend_with_approved() -> None:
    """With the date it is counted as before.

    20 days from Wed 2026-09-30 (start day not counted, 民法典 art. 201): 10-01 is day 1,
    10-20 (Tue) day 20, a working day. The extension, approved on 10-15 while the period
    ran, adds 10 days counted on from the nominal last day 10-20: 10-30 (Fri), a working day.
    """
    argv = ("deadline", "2026-09-30", "--days", "20", "--extend", "10", "--approved", "2026-10-15")
    code, out, _ = run_cli(*argv, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["due_date"] == "2026-10-30"
    assert any("2026-10-15" in step["en"] for step in data["steps"] if step["kind"] == "extension")


def test_extension_approved_after_expiry_is_refused() -> None:
    """Approved on 2026-10-21, the day after the period ended (10-20 at 24:00): refused, exit 2."""
    argv = (
        "deadline",
        "2026-09-30",
        "--days",
        "20",
        "--extend",
        "10",
        "--approved",
        "2026-10-21",
        "--lang",
        "en",
    )
    code, _, err = run_cli(*argv)
    assert code == 2
    assert "2026-10-21" in err


def test_approved_without_extend_is_a_usage_error() -> None:
    """An approval date with no extension would be ignored silently: refused, exit 2."""
    code, out, err = run_cli(
        "deadline", "2026-09-30", "--days", "20", "--approved", "2026-10-15", "--lang", "en"
    )
    assert (code, out) == (2, "")
    assert "--approved dates an extension" in err
