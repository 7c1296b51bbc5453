"""``govefficiency responsibility …``: check, route, coordinator and export."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from govefficiency.cli import main
from govefficiency.responsibility import ResponsibilityGraph, dump_org, loads_org


def _status(argv: list[str]) -> int:
    """The exit status of a command that fails (errors raise SystemExit, as in argparse)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def city_file(city: ResponsibilityGraph, tmp_path: Path) -> str:
    path = tmp_path / "city.toml"
    dump_org(city, path)
    return str(path)


@pytest.fixture
def defective_file(city: ResponsibilityGraph, tmp_path: Path) -> str:
    """The mini city with a task led by two units."""
    tasks = [
        attrs.evolve(t, leads=("audit", "finance"), assists=("fgw",)) if t.id == "audit-projects" else t
        for t in city.tasks
    ]
    path = tmp_path / "defective.json"
    dump_org(city.replace(tasks=tasks), path)
    return str(path)


class TestCheck:
    def test_sound_file_exits_0(self, city_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A sound file prints that nothing was found and exits 0."""
        assert main(["responsibility", "check", city_file, "--lang", "en"]) == 0
        assert capsys.readouterr().out.strip() == "no findings"

    def test_error_exits_1(self, defective_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """An error finding is printed with its code and the exit code is 1."""
        assert main(["responsibility", "check", defective_file]) == 1
        out = capsys.readouterr().out
        assert out.startswith("ERROR TASK_MULTIPLE_LEADS: 任务 audit-projects 有 2 个牵头单位")

    def test_json(self, defective_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints the findings as one JSON document."""
        assert main(["responsibility", "check", defective_file, "--json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert data["errors"] is True
        assert data["findings"][0]["subject"] == ["audit-projects", "audit", "finance"]

    def test_warnings_only_exit_0(self, city: ResponsibilityGraph, tmp_path: Path) -> None:
        """Warnings alone do not fail the check."""
        path = tmp_path / "no-office.json"
        dump_org(city.replace(supervision_office=None), path)
        assert main(["responsibility", "check", str(path)]) == 0

    def test_bad_file_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed file is one error line and exit 2."""
        path = tmp_path / "bad.toml"
        path.write_text('[[units]]\nid = "a"\n', encoding="utf-8")
        assert _status(["responsibility", "check", str(path), "--lang", "en"]) == 2
        assert "units[0].name: this key is required" in capsys.readouterr().err


class TestRoute:
    def test_text(self, city_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """The routing is printed as one sentence."""
        assert (
            main(["responsibility", "route", city_file, "--task", "road", "--slow", "nrp", "--lang", "en"])
            == 0
        )
        out = capsys.readouterr().out
        assert "reported to Deputy Mayor Zhang and Mayor Wang; copied to Supervision Office." in out

    def test_json(self, city_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives the resolved ids."""
        assert main(["responsibility", "route", city_file, "--task", "road", "--slow", "nrp", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["from"], data["to"], data["report_to"], data["copy_to"]) == (
            "transport",
            "nrp",
            ["zhang", "mayor"],
            ["duchashi"],
        )

    def test_not_assisting_exits_2(self, city_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Asking about a unit that does not assist the task is a usage error (exit 2)."""
        assert _status(["responsibility", "route", city_file, "--task", "road", "--slow", "audit"]) == 2
        assert "不是任务 road 的配合单位" in capsys.readouterr().err

    def test_missing_arguments(self, city_file: str) -> None:
        """--task and --slow are required."""
        assert _status(["responsibility", "route", city_file, "--task", "road"]) == 2


class TestCoordinatorAndExport:
    def test_coordinator(self, city_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        """The coordinator of nrp and finance is the mayor."""
        assert main(["responsibility", "coordinator", city_file, "nrp", "finance", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["leader"] == "mayor"
        assert main(["responsibility", "coordinator", city_file, "nrp", "transport"]) == 0
        assert "张副市长" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("fmt", "start"),
        [("dot", "digraph"), ("mermaid", "flowchart BT"), ("graphml", "<graphml"), ("toml", "version = 1")],
    )
    def test_export(self, city_file: str, capsys: pytest.CaptureFixture[str], fmt: str, start: str) -> None:
        """export prints the chosen format (--format; --to is its old, hidden name)."""
        assert main(["responsibility", "export", city_file, "--format", fmt]) == 0
        assert capsys.readouterr().out.startswith(start)
        assert main(["responsibility", "export", city_file, "--to", fmt]) == 0
        assert capsys.readouterr().out.startswith(start)

    def test_export_needs_a_format(self, city_file: str, capsys: pytest.CaptureFixture[str]) -> None:
        assert _status(["responsibility", "export", city_file, "--lang", "en"]) == 2
        assert "--format" in capsys.readouterr().err
        assert _status(["responsibility", "export", city_file, "--format", "pdf"]) == 2

    def test_export_json_round_trips(
        self, city: ResponsibilityGraph, city_file: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The exported JSON loads back to the same graph."""
        assert main(["responsibility", "export", city_file, "--json"]) == 0
        assert loads_org(capsys.readouterr().out, fmt="json") == city

    def test_action_is_required(self) -> None:
        """`responsibility` alone is a usage error."""
        assert _status(["responsibility"]) == 2
