"""``govefficiency calendar impact``: from files, as a user runs it."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import DeadlineBatch
from govefficiency.calendar._impact_io import load_stored
from govefficiency.errors import GovEfficiencyError
from govefficiency.testing import at, run_cli, sample_item
from strategies import file_at

from .conftest import FIXTURE_2027, PATCH_TYPHOON, TEMPLATE_2027

DEADLINES = """
[[deadlines]]
id = "XK-1"                       # 5 working days from Tue 2027-02-02: 02-15 -> 02-16
start = 2027-02-02
period = { unit = "working_days", n = 5 }
parties = ["market-bureau", "officer-li"]

[[deadlines]]
id = "XK-2"                       # 5 working days from Mon 2027-01-04: 01-11, unchanged
start = 2027-01-04
period = { unit = "working_days", n = 5 }

[[deadlines]]
id = "XK-3"                       # 行政许可法 art. 42, 20 working days from Mon 2027-02-01:
start = 2027-02-01                # 03-05 under both calendars (two days lost, two worked)
rule = "licensing.decision"
"""


@pytest.fixture
def deadlines(tmp_path: Path) -> Path:
    path = tmp_path / "deadlines.toml"
    path.write_text(DEADLINES, encoding="utf-8")
    return path


def test_lists_what_changes_and_exits_1(deadlines: Path) -> None:
    """The invented 2027 fixture moves XK-1 only; the line names the cause and whom to tell."""
    code, out, err = run_cli(
        "calendar", "impact", "--patch", str(FIXTURE_2027), str(deadlines), "--lang", "en"
    )
    assert (code, err) == (1, "")
    changed = [line.strip() for line in out.splitlines() if line.startswith("  XK-")]
    assert changed == [
        "XK-1: 2027-02-15 -> 2027-02-16 (+1 days); because 2027-02-11 is now an in-lieu rest day (was a working "
        "day); 2027-02-12 is now an in-lieu rest day (was a working day); 2027-02-13 is now a make-up working day "
        "(was a weekend); tell market-bureau, officer-li"
    ]
    assert "checked 3, changed 1, provisional and now confirmed unchanged 2" in out


def test_json(deadlines: Path) -> None:
    """--json prints one document with both calendar versions and the entries."""
    code, out, _ = run_cli("calendar", "impact", "--patch", str(FIXTURE_2027), str(deadlines), "--json")
    assert code == 1
    doc = json.loads(out)
    assert [e["id"] for e in doc["entries"]] == ["XK-1"]
    assert doc["entries"][0]["new_due"] == "2027-02-16"
    assert doc["new_calendar"]["patches"][0]["published_on"] == "2026-11-05"
    assert doc["old_calendar"]["official_through"] == "2026-12-31"


def test_chinese_by_default(deadlines: Path) -> None:
    """Without --lang the report is in Chinese."""
    code, out, _ = run_cli("calendar", "impact", "--patch", str(FIXTURE_2027), str(deadlines))
    assert code == 1
    assert "XK-1：2027-02-15 → 2027-02-16（+1 天）" in out


def test_nothing_changes_exits_0(deadlines: Path) -> None:
    """A 2026 typhoon closure changes no 2027 deadline: exit 0."""
    code, out, _ = run_cli(
        "calendar", "impact", "--patch", str(PATCH_TYPHOON), str(deadlines), "--lang", "en"
    )
    assert code == 0
    assert "changed 0" in out


def test_cases_file(tmp_path: Path) -> None:
    """An escalation cases file: a stored due date on Thu 2027-02-11 is now a rest day."""
    path = file_at(
        tmp_path,
        "cases.toml",
        '[[cases]]\nid = "T1"\ntitle = "修路"\ndue = 2027-02-11\nlead_unit = "housing"\n'
        '[[cases]]\nid = "T2"\ntitle = "x"\ndue = 2027-03-01\n',
    )
    code, out, _ = run_cli("calendar", "impact", "--patch", str(FIXTURE_2027), str(path), "--json")
    assert code == 1
    (entry,) = json.loads(out)["entries"]
    assert (entry["id"], entry["old_status"], entry["new_status"], entry["parties"]) == (
        "T1",
        "working_day",
        "rest_day",
        ["housing"],
    )


def test_ledger(tmp_path: Path) -> None:
    """A SQLite ledger: an item whose time node falls on Fri 2027-02-12 is listed."""
    from govefficiency.ledger import Ledger, SqliteStore, TimeNode

    db = tmp_path / "ledger.sqlite"
    node = TimeNode(dt.date(2027, 2, 12), 20)
    item = sample_item("K1", year=2027, deadline=dt.date(2027, 12, 31), time_nodes=(node,))
    with Ledger(SqliteStore(str(db))) as ledger:
        ledger.open_items([item], at=at(2027, 1, 4))
    code, out, _ = run_cli("calendar", "impact", "--patch", str(FIXTURE_2027), str(db), "--json")
    assert code == 1
    assert [e["id"] for e in json.loads(out)["entries"]] == ["K1@2027-02-12"]


def test_uncovered_everywhere_exits_3(tmp_path: Path) -> None:
    """With --strict, a 2029 deadline is outside both calendars: reported, exit 3."""
    path = tmp_path / "late.toml"
    path.write_text(
        '[[deadlines]]\nid = "L"\nstart = 2029-03-01\nperiod = { unit = "days", n = 10 }\n', encoding="utf-8"
    )
    code, out, _ = run_cli(
        "calendar", "impact", "--strict", "--patch", str(FIXTURE_2027), str(path), "--lang", "en"
    )
    assert code == 3
    assert "cannot compute L:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--patch", str(TEMPLATE_2027), "{deadlines}"], "unfilled patch template"),
        (["--patch", "missing.toml", "{deadlines}"], "missing.toml"),
        (["--patch", str(FIXTURE_2027), "missing.toml"], "missing.toml"),
        (["--patch", str(FIXTURE_2027), "{bad}"], "give exactly one of rule"),
        (["--patch", str(FIXTURE_2027), "{badrule}"], "no-such-rule"),
        (["--patch", str(FIXTURE_2027), "{dup}"], "used twice"),
        (["--patch", str(FIXTURE_2027), "{badparties}"], "parties"),
    ],
)
def test_bad_input_exits_2(deadlines: Path, tmp_path: Path, argv: list[str], message: str) -> None:
    """Bad files print one line on stderr and exit 2, never a traceback."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[[deadlines]]\nid = "B"\nstart = 2027-02-02\n', encoding="utf-8")
    badrule = tmp_path / "badrule.toml"
    badrule.write_text(
        '[[deadlines]]\nid = "B"\nstart = 2027-02-02\nrule = "no-such-rule"\n', encoding="utf-8"
    )
    dup = tmp_path / "dup.toml"
    dup.write_text(DEADLINES.replace('id = "XK-2"', 'id = "XK-1"'), encoding="utf-8")
    badparties = tmp_path / "badparties.toml"
    badparties.write_text(
        DEADLINES.replace('parties = ["market-bureau", "officer-li"]', 'parties = "x"'), encoding="utf-8"
    )
    paths = {
        "{deadlines}": str(deadlines),
        "{bad}": str(bad),
        "{badrule}": str(badrule),
        "{dup}": str(dup),
        "{badparties}": str(badparties),
    }
    code, out, err = run_cli("calendar", "impact", *[paths.get(a, a) for a in argv], "--lang", "en")
    assert (code, out) == (2, "")
    assert err.startswith("govefficiency: error: ")
    assert err.count("\n") == 1
    assert message in err


def test_usage_errors_exit_2(deadlines: Path) -> None:
    """A missing --patch or an unknown option is a usage error (exit 2)."""
    code, _, err = run_cli("calendar", "impact", str(deadlines))
    assert code == 2
    assert "--patch" in err
    code, _, _ = run_cli("calendar", "impact", "--patch", str(FIXTURE_2027), str(deadlines), "--bogus")
    assert code == 2


def test_error_in_chinese(deadlines: Path) -> None:
    """--lang zh after the word impact gives the Chinese message."""
    code, _, err = run_cli(
        "calendar", "impact", "--patch", str(TEMPLATE_2027), str(deadlines), "--lang", "zh"
    )
    assert code == 2
    assert "未填写的补丁模板" in err


def test_show_still_works_with_options_after_the_date() -> None:
    """The plain 'calendar DATE' command is unchanged."""
    code, out, _ = run_cli("calendar", "2026-10-10", "--lang", "en")
    assert code == 0
    assert out.startswith("2026-10-10  Sat  make-up working day")


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=400),
    st.text(max_size=12),
    st.sampled_from(["2027-02-02", "licensing.decision", "working_days", "days", "2027-13-40"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.fixed_dictionaries(
        {"unit": st.sampled_from(["working_days", "days", "hours", "x"]), "n": st.integers(-2, 50)}
    ),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["id", "start", "rule", "period", "parties", "extra"]), _VALUES),
        max_size=3,
    )
)
def test_fuzz_deadlines_file(tables: list[dict[str, object]]) -> None:
    """Any deadlines document either loads or raises a library error — never anything else."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.json"
        path.write_text(json.dumps({"deadlines": tables}), encoding="utf-8")
        try:
            items = load_stored(path)
        except GovEfficiencyError:
            return
        assert all(isinstance(i, DeadlineBatch) for i in items)
