"""``govefficiency decision check|plan``: output, JSON and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from govefficiency.testing import run_cli


class TestCheck:
    def test_compliant_exits_zero(self, data: Path) -> None:
        """A compliant record prints no finding and exits 0."""
        code, out, _ = run_cli("decision", "check", str(data / "fares.toml"), "--procedure", "seed-practice")
        assert code == 0
        assert "未发现问题" in out

    def test_defects_exit_one(self, data: Path) -> None:
        """A defective record prints its findings in English and exits 1."""
        code, out, _ = run_cli("decision", "check", str(data / "defective.toml"), "--lang", "en")
        assert code == 1
        for expected in ("SHORTENED_WITHOUT_REASON", "LEGALITY_REVIEW_TOO_SHORT", "HEAD_NOT_LAST", "art. 26"):
            assert expected in out

    def test_json(self, data: Path) -> None:
        """--json prints one document with every finding in both languages."""
        code, out, _ = run_cli("decision", "check", str(data / "defective.toml"), "--json")
        document = json.loads(out)
        assert code == 1
        assert document["errors"] is True
        assert {f["code"] for f in document["findings"]} == {
            "SHORTENED_WITHOUT_REASON",
            "LEGALITY_REVIEW_TOO_SHORT",
            "HEAD_NOT_LAST",
        }
        assert all(f["message"]["zh"] and f["citation"]["en"] for f in document["findings"])

    def test_spec_file(self, data: Path) -> None:
        """--procedure also takes a spec file."""
        code, out, _ = run_cli(
            "decision", "check", str(data / "fares.toml"), "--procedure", str(data / "city.toml")
        )
        assert code == 1
        assert "SHORTENED_WITHOUT_REASON" in out
        assert "STEP_MISSING" in out

    def test_bad_file_exits_two(self, tmp_path: Path) -> None:
        """A malformed record is one located error line and exit 2, never a traceback."""
        path = tmp_path / "bad.toml"
        path.write_text('[matter]\ntitle = "t"\ncategory = "pricing"\n', encoding="utf-8")
        code, _, err = run_cli("decision", "check", str(path), "--lang", "en")
        assert code == 2
        assert "matter.category" in err
        assert "Traceback" not in err

    def test_unknown_procedure_exits_two(self, data: Path) -> None:
        """An unknown preset id is reported in Chinese by default."""
        code, _, err = run_cli("decision", "check", str(data / "fares.toml"), "--procedure", "hunan")
        assert code == 2
        assert "未知的程序预置" in err


class TestPlan:
    def test_plan_text(self, data: Path) -> None:
        """plan prints the earliest dates of the issue's two examples."""
        code, out, _ = run_cli("decision", "plan", str(data / "in_progress.toml"), "--lang", "en")
        assert code == 0
        assert "close the public comment: earliest 2026-10-10" in out
        code, out, _ = run_cli("decision", "plan", str(data / "review_pending.toml"), "--lang", "en")
        assert code == 0
        assert "receive the legality review opinion: earliest 2026-10-15" in out

    def test_plan_json(self, data: Path) -> None:
        """plan --json prints the plan as data."""
        code, out, _ = run_cli(
            "decision", "plan", str(data / "review_pending.toml"), "--json", "--on", "2026-09-15"
        )
        document = json.loads(out)
        assert code == 0
        assert document["on"] == "2026-09-15"
        assert any(i["earliest"] == "2026-10-15" for i in document["items"])

    def test_plan_bad_date(self, data: Path) -> None:
        """A malformed --on date is an argument error (exit 2)."""
        code, _, err = run_cli("decision", "plan", str(data / "in_progress.toml"), "--on", "15/09/2026")
        assert code == 2
        assert "--on" in err
