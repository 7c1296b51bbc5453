"""The ledger from the command line, and escalation built from its time nodes (issue 11 §3).

Runs the CLI as a user would, in a temporary directory, on examples/data/loop-*.toml."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govefficiency.errors import AmbiguousNameError, InvalidTypeError
from govefficiency.escalation import evaluate, get_policy, ledger_cases
from govefficiency.ledger import Ledger, SqliteStore, load_checklist
from govefficiency.responsibility import load_org
from govefficiency.testing import at, run_cli

DATA = Path(__file__).parents[2] / "examples" / "data"
OPENED = at(2026, 1, 5, 9)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ledger.db")
    assert run_cli("ledger", "init", path)[0] == 0
    assert run_cli("ledger", "open-items", path, str(DATA / "loop-checklist.toml"))[0] == 0
    return path


class TestProgressCommands:
    def test_progress_appends_an_entry(self, db: str) -> None:
        """progress records the share, the day and the evidence as a new entry."""
        code, out, _ = run_cli(
            "ledger",
            "progress",
            db,
            "K-01",
            "--percent",
            "20",
            "--at",
            "2026-03-30T17:00",
            "--evidence",
            "photo-1",
            "--evidence",
            "minutes-3",
            "--json",
        )
        assert code == 0
        assert json.loads(out)["seq"] == 4
        with Ledger(SqliteStore(db)) as led:
            state = led.state("K-01", at=at(2026, 4, 1, 0))
            assert state.share == 20
            assert state.latest is not None
            assert state.latest.value.evidence == ("photo-1", "minutes-3")

    def test_complete_is_100_percent(self, db: str) -> None:
        """complete records 100% as of the day of --at; the item then leaves escalation."""
        assert run_cli("ledger", "complete", db, "K-02", "--at", "2026-10-09T17:00")[0] == 0
        with Ledger(SqliteStore(db)) as led:
            cases = ledger_cases(led, at=at(2026, 10, 20, 9))
        k02 = next(c for c in cases if c.case_id == "K-02")
        assert k02.completed_on == dt.date(2026, 10, 9)

    def test_correct_appends_and_keeps_the_original(self, db: str) -> None:
        """correct appends a correction; the original entry is still in the ledger."""
        run_cli("ledger", "progress", db, "K-01", "--percent", "45", "--at", "2026-06-30T17:00")
        code, out, _ = run_cli(
            "ledger",
            "correct",
            db,
            "4",
            "--percent",
            "50",
            "--at",
            "2026-07-01T09:00",
            "--lang",
            "en",
        )
        assert code == 0
        assert "#5" in out
        with Ledger(SqliteStore(db)) as led:
            assert len(led) == 5
            assert led.entry(4).payload.share == 45  # type: ignore[union-attr]
            assert led.state("K-01", at=at(2026, 7, 2, 0)).share == 50

    @pytest.mark.parametrize(
        "args",
        [
            ("progress", "K-01", "--percent", "120", "--at", "2026-03-30T17:00"),
            ("progress", "K-01", "--percent", "x", "--at", "2026-03-30T17:00"),
            ("progress", "K-01", "--percent", "nan", "--at", "2026-03-30T17:00"),
            ("progress", "K-01", "--percent", "20"),
            ("progress", "K-01", "--percent", "20", "--at", "2026-03-30T17:00+25:00"),
            ("progress", "NO-SUCH", "--percent", "20", "--at", "2026-03-30T17:00"),
            ("correct", "0", "--percent", "20", "--at", "2026-03-30T17:00"),
            ("correct", "1", "--percent", "20", "--at", "2026-03-30T17:00"),
            ("correct", "99", "--percent", "20", "--at", "2026-03-30T17:00"),
            ("complete", "K-01", "--at", "2026-13-01"),
        ],
    )
    def test_bad_input_exits_2(self, db: str, args: tuple[str, ...]) -> None:
        """A bad share, instant, item or entry number is one error line and exit 2, never a traceback."""
        code, out, err = run_cli("ledger", args[0], db, *args[1:])
        assert code == 2, (out, err)
        assert "Traceback" not in err

    def test_missing_database(self, tmp_path: Path) -> None:
        """progress on a missing database is an error, not a new empty ledger."""
        code, _, _ = run_cli(
            "ledger",
            "progress",
            str(tmp_path / "none.db"),
            "K-01",
            "--percent",
            "1",
            "--at",
            "2026-03-30T17:00",
        )
        assert code != 0
        assert not (tmp_path / "none.db").exists()


class TestEscalateFromTheLedger:
    def test_cases_come_from_time_nodes_with_names_resolved(self, db: str) -> None:
        """escalate --ledger --graph: K-01's 06-30 node (45% < 50%) is overdue; units resolved from 市教育局."""
        # Recorded in time order (the ledger refuses an entry recorded before its latest one).
        assert (
            run_cli("ledger", "progress", db, "K-02", "--percent", "40", "--at", "2026-05-29T17:00").code == 0
        )
        assert (
            run_cli("ledger", "progress", db, "K-03", "--percent", "50", "--at", "2026-06-29T12:00").code == 0
        )
        assert (
            run_cli("ledger", "progress", db, "K-01", "--percent", "45", "--at", "2026-06-30T17:00").code == 0
        )
        code, out, err = run_cli(
            "escalate",
            "reminder-letter-flow",
            "--ledger",
            db,
            "--graph",
            str(DATA / "loop-org.toml"),
            "--at",
            "2026-07-01T09:00",
            "--json",
        )
        data = json.loads(out)
        assert code == 0, err
        notice = next(
            a for a in data["actions"] if a["key"]["case"] == "K-01" and a["key"]["level"] == "notice"
        )
        assert notice["key"]["due_date"] == "2026-06-30"
        assert {r["id"] for r in notice["to"]} == {"finance", "edu"}
        assert [r["id"] for r in notice["copy_to"]] == ["dep-li", "duchashi"]

    def test_without_graph_the_names_stay_and_leaders_are_unresolved(self, db: str) -> None:
        """Without --graph, the written names are used as they are and leaders are unresolved: exit 5."""
        code, out, _ = run_cli("escalate", "reminder-letter-flow", "--ledger", db, "--at", "2026-07-01T09:00")
        assert code == 5
        assert "市教育局" in out

    def test_an_unknown_name_lists_candidates(self, tmp_path: Path) -> None:
        """A ledger unit the org chart does not know is kept as written: its roles are
        unresolved, an UNKNOWN_UNIT notice lists the closest names, and the other items
        are escalated (defect 15 of stop 24: it used to raise for the whole batch)."""
        org = (
            (DATA / "loop-org.toml")
            .read_text(encoding="utf-8")
            .replace('aliases = ["市教育局", "教育局"]', "")
        )
        (tmp_path / "org.toml").write_text(org, encoding="utf-8")
        path = tmp_path / "l.db"
        with Ledger(SqliteStore(path)) as led:
            led.open_items(load_checklist(DATA / "loop-checklist.toml"), at=OPENED)
            graph = load_org(tmp_path / "org.toml")
            cases = ledger_cases(led, at=at(2026, 7, 1, 0), graph=graph)
            assert any(c.parties.lead_unit == "市教育局" for c in cases)  # kept as written
            result = evaluate(get_policy("reminder-letter-flow"), cases, at=at(2026, 7, 1, 9), graph=graph)
            unknown = [n for n in result.notices if n.code.value == "UNKNOWN_UNIT"]
            assert unknown
            assert all("市教育局" in n.text.en for n in unknown)
            assert result.unresolved
            assert any(not a.unresolved for a in result.actions)  # the other items: addressed
            assert all(a.to for a in result.actions)
            with pytest.raises(InvalidTypeError):
                ledger_cases(led, at=at(2026, 7, 1, 0), graph="org")  # type: ignore[arg-type]

    def test_year_boundary_from_the_ledger(self, db: str) -> None:
        """At 2027-01-04 an overdue ledger node still escalates; the rest is undetermined (exit 3)."""
        code, out, _err = run_cli(
            "escalate",
            "e-supervision-lights",
            "--ledger",
            db,
            "--graph",
            str(DATA / "loop-org.toml"),
            "--at",
            "2027-01-04T09:00",
            "--json",
        )
        assert code == 3
        data = json.loads(out)
        assert any(a["key"]["level"] == "red" for a in data["actions"])
        assert data["missing_years"] == [2027]


def test_ambiguous_name(tmp_path: Path) -> None:
    """Two units sharing an alias: the name is ambiguous and both candidates are listed."""
    from govefficiency.responsibility import loads_org, resolve_unit

    graph = loads_org(
        """
[[units]]
id = "a"
name = "甲局"
aliases = ["局"]
[[units]]
id = "b"
name = "乙局"
aliases = ["局"]
"""
    )
    with pytest.raises(AmbiguousNameError) as info:
        resolve_unit(graph, "局")
    assert info.value.candidates == ("a", "b")


def test_policy_evaluates_ledger_cases_in_python() -> None:
    """The same joint from Python: ledger_cases(graph=...) feeds evaluate()."""
    with Ledger(SqliteStore(":memory:")) as led:
        led.open_items(load_checklist(DATA / "loop-checklist.toml"), at=OPENED)
        graph = load_org(DATA / "loop-org.toml")
        cases = ledger_cases(led, at=at(2026, 4, 1, 9), graph=graph)
        result = evaluate(get_policy("e-supervision-lights"), cases, at=at(2026, 4, 1, 9), graph=graph)
    assert {a.case_id for a in result.actions} == {"K-01"}  # the 03-31 node (20%) was not reported
