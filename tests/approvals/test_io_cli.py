"""Flow and project files, Mermaid charts and the command line, end to end from files."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.approvals import (
    FlowError,
    ProjectError,
    check_flow,
    dump_flow,
    dumps_flow,
    flow_gantt,
    load_flow,
    load_project,
    loads_flow,
    loads_project,
    project_gantt,
    track,
)
from govefficiency.errors import GovEfficiencyError
from govefficiency.testing import CST, run_cli
from strategies import fuzz_text

DATA = Path(__file__).parents[2] / "examples" / "data" / "approvals"
FLOW = DATA / "industrial_flow.toml"
DEFECTIVE = DATA / "industrial_flow_defective.toml"
PROJECT = DATA / "project.toml"


class TestFiles:
    def test_round_trip_toml_and_json(self, tmp_path: Path) -> None:
        """A flow dumped as TOML or JSON loads back equal."""
        flow = load_flow(FLOW)
        assert loads_flow(dumps_flow(flow)) == flow
        assert loads_flow(dumps_flow(flow, fmt="json"), fmt="json") == flow
        dump_flow(flow, tmp_path / "f.json")
        assert load_flow(tmp_path / "f.json") == flow

    def test_errors_are_located(self) -> None:
        """A misspelt key, an unknown preset and a bad prerequisite name their key path."""
        text = FLOW.read_text(encoding="utf-8")
        with pytest.raises(FlowError) as exc:
            loads_flow(
                text.replace(
                    'requires = ["land"]\ntitle = { zh = "建设用地',
                    'require = ["land"]\ntitle = { zh = "建设用地',
                    1,
                )
            )
        assert "steps[1]" in exc.value.en
        with pytest.raises(FlowError) as exc:
            loads_flow(text.replace('limit = "licensing.decision"', 'limit = "licensing.nope"', 1))
        assert "licensing.nope" in exc.value.en
        assert exc.value.zh
        with pytest.raises(FlowError) as exc:
            loads_flow(text.replace('requires = ["planning"]', 'requires = ["plannin"]', 1))
        assert "plannin" in exc.value.en
        with pytest.raises(FlowError) as exc:
            loads_flow(text.replace("{ working_days = 15 }", "{ weeks = 3 }", 1))
        assert "working_days" in exc.value.en

    def test_project_file(self) -> None:
        """The example project loads with its suspension basis and agent."""
        project = load_project(PROJECT)
        assert project.agent == "agent-officer-wang"
        assert project.investment_yuan == 350_000_000
        [suspend] = [e for e in project.events if e.kind.value == "suspend"]
        assert suspend.basis is not None
        assert suspend.basis.article == "45"
        with pytest.raises(ProjectError) as exc:
            loads_project(
                'id = "p"\nflow = "f"\n[[events]]\nstep = "a"\nkind = "start"\nat = 2026-09-01T09:00:00\n'
            )
        assert "events[0].at" in exc.value.en

    @settings(max_examples=150, deadline=None)
    @given(st.text(max_size=300))
    def test_fuzz_flow_text(self, text: str) -> None:
        """Any text either loads or raises a library error (never anything else)."""
        fuzz_text(text, loads_flow)

    @settings(max_examples=150, deadline=None)
    @given(
        st.dictionaries(
            st.sampled_from(["id", "flow", "events", "agent", "investment_yuan", "title", "x"]),
            st.one_of(
                st.none(),
                st.integers(),
                st.text(max_size=5),
                st.lists(st.dictionaries(st.text(max_size=4), st.text(max_size=4))),
            ),
        )
    )
    def test_fuzz_project_mapping(self, data: dict[str, object]) -> None:
        """Any mapping either loads or raises a library error."""
        with contextlib.suppress(GovEfficiencyError):
            load_project(data)


class TestGantt:
    def test_flow_gantt(self) -> None:
        """Dates from the real calendar, the critical path tagged, the committed due."""
        text = flow_gantt(load_flow(FLOW), dt.date(2026, 9, 1), lang="en")
        assert text.startswith("gantt\n")
        assert ":crit, land, 2026-09-02, 28d" in text  # land ends 09-29 (20 wd over Mid-Autumn)
        assert "committed_due, 2026-12-28" in text

    def test_project_gantt(self) -> None:
        """Done, active and critical tags; the projected completion as a milestone."""
        flow, project = load_flow(FLOW), load_project(PROJECT)
        text = project_gantt(flow, project, at=dt.datetime(2026, 10, 12, 17, tzinfo=CST), lang="zh")
        assert ":done, land, 2026-09-02" in text
        assert ":crit, active, eia" in text
        assert "projected, 2026-12-04" in text


def run(*argv: str) -> tuple[int, str]:
    """The exit status and what was printed (standard output, then standard error)."""
    result = run_cli(*argv)
    return result.code, result.out + result.err


class TestCli:
    def test_check_defective_flow_exits_1(self) -> None:
        """The mutual prerequisite is reported and the exit status is 1."""
        code, out = run("approvals", "check", str(DEFECTIVE), "--lang", "en")
        assert code == 1
        assert "MUTUAL_PREREQUISITE" in out
        assert "fire → construction → fire" in out

    def test_check_fixed_flow_json(self) -> None:
        """The fixed flow passes; --json prints a document."""
        code, out = run(
            "approvals",
            "check",
            str(FLOW),
            "--start",
            "2026-09-01",
            "--catalogue",
            str(DATA / "catalogue.json"),
            "--json",
        )
        assert code == 0
        assert json.loads(out)["findings"] == []

    def test_check_unlisted_item(self, tmp_path: Path) -> None:
        """An item missing from the catalogue file is an error."""
        (tmp_path / "c.toml").write_text('items = ["land-use-preapproval"]\n', encoding="utf-8")
        code, out = run("approvals", "check", str(FLOW), "--catalogue", str(tmp_path / "c.toml"))
        assert code == 1
        assert out.count("ITEM_NOT_IN_CATALOGUE") == 5

    def test_check_undetermined_exits_3(self) -> None:
        """A start late in 2026 runs the path past the published calendar: status 3."""
        code, out = run("approvals", "check", str(FLOW), "--start", "2026-12-01", "--lang", "en")
        assert code == 3
        assert "CRITICAL_PATH_UNDETERMINED" in out
        assert "2026-12-31" in out

    def test_track_across_national_day(self) -> None:
        """On 10-12 the suspended-then-resumed assessment holds the path; exit 0."""
        code, out = run("approvals", "track", str(FLOW), str(PROJECT), "--at", "2026-10-12T17:00", "--json")
        assert code == 0
        doc = json.loads(out)
        assert doc["projected_completion"] == "2026-12-04"
        assert doc["joint_review"] is True
        assert doc["agent"] == "agent-officer-wang"

    def test_track_overdue_exits_1(self) -> None:
        """On 12-01 the assessment is overdue: STEP_OVERDUE names its unit, exit 1."""
        code, out = run(
            "approvals", "track", str(FLOW), str(PROJECT), "--at", "2026-12-01T09:00", "--lang", "en"
        )
        assert code == 1
        assert "held by ecology-environment-bureau" in out

    def test_track_into_an_unpublished_year_exits_3(self, tmp_path: Path) -> None:
        """At 2027-01-04 (2027 not published) the answer is undetermined and says why."""
        flow = tmp_path / "f.toml"
        shutil.copy(FLOW, flow)
        project = tmp_path / "p.toml"
        text = PROJECT.read_text(encoding="utf-8")
        project.write_text(
            text.replace('step = "eia"\nkind = "resume"', 'step = "eia"\nkind = "complete"'), encoding="utf-8"
        )
        code, out = run("approvals", "track", str(flow), str(project), "--at", "2027-01-04", "--lang", "en")
        assert code == 3
        assert "2027" in out
        assert "Traceback" not in out

    def test_bad_input_exits_2_without_traceback(self, tmp_path: Path) -> None:
        """A missing file, a broken file and a bad instant: one line, status 2."""
        code, out = run("approvals", "track", str(FLOW), str(tmp_path / "none.toml"), "--at", "2026-10-12")
        assert code == 2
        (tmp_path / "bad.toml").write_text("id = 'f'\n", encoding="utf-8")
        code, out = run("approvals", "check", str(tmp_path / "bad.toml"), "--lang", "zh")
        assert code == 2
        assert "缺少必填项" in out
        code, out = run("approvals", "track", str(FLOW), str(PROJECT), "--at", "2026-13-01")
        assert code == 2
        assert "Traceback" not in out

    def test_gantt_command(self) -> None:
        """gantt prints Mermaid for a flow and for a project; --start or --project is required."""
        code, out = run("approvals", "gantt", str(FLOW), "--start", "2026-09-01")
        assert code == 0
        assert out.startswith("gantt")
        code, out = run(
            "approvals",
            "gantt",
            str(FLOW),
            "--project",
            str(PROJECT),
            "--at",
            "2026-10-12T17:00",
            "--json",
        )
        assert code == 0
        assert json.loads(out)["mermaid"].startswith("gantt")
        code, _ = run("approvals", "gantt", str(FLOW))
        assert code == 2


def test_the_example_data_tells_the_story() -> None:
    """Defective flow: one mutual prerequisite and two needless chains; fixed flow: clean."""
    findings = check_flow(load_flow(DEFECTIVE))
    assert [(f.code, f.subject) for f in findings] == [
        ("MUTUAL_PREREQUISITE", ("fire", "construction")),
        ("SERIAL_STEPS_COULD_BE_PARALLEL", ("eia", "planning")),
        ("SERIAL_STEPS_COULD_BE_PARALLEL", ("energy", "eia")),
    ]
    assert check_flow(load_flow(FLOW), start=dt.date(2026, 9, 1)) == []
    status = track(load_flow(FLOW), load_project(PROJECT), at=dt.datetime(2026, 10, 12, 17, tzinfo=CST))
    assert status.findings == ()
