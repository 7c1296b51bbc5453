"""The approvals commands take --patch and --provisional like every command that counts
working days: past the published calendar, the answer is undetermined (exit 3) until
next year's arrangement is given."""

from __future__ import annotations

from pathlib import Path

from govefficiency.testing import run_cli

ROOT = Path(__file__).resolve().parents[2]
FLOW = str(ROOT / "examples" / "data" / "approvals" / "industrial_flow.toml")
PROJECT = str(ROOT / "examples" / "data" / "approvals" / "project.toml")
FIXTURE = str(ROOT / "tests" / "calendar" / "data" / "cn-2027-test-fixture.toml")  # invented 2027


def test_year_boundary_undetermined_then_decided():
    plain = run_cli("approvals", "track", FLOW, PROJECT, "--at", "2027-01-04T09:00", "--lang", "en")
    # the eia step, overdue since 2026-10-30, stays overdue past the calendar's end: the
    # error is reported (exit 1 wins over 3), its count a lower bound; the projection is
    # undetermined
    assert plain.code == 1
    assert "STEP_OVERDUE" in plain.out
    assert "overdue by at least" in plain.out
    assert "counted to 2026-12-31" in plain.out
    assert "undetermined" in plain.out
    provisional = run_cli(
        "approvals", "track", FLOW, PROJECT, "--at", "2027-01-04T09:00", "--lang", "en", "--provisional"
    )
    patched = run_cli(
        "approvals", "track", FLOW, PROJECT, "--at", "2027-01-04T09:00", "--lang", "en", "--patch", FIXTURE
    )
    # the eia step, overdue since 2026-10-30, is reported as such once the days can be counted
    assert provisional.code == patched.code == 1
    assert "STEP_OVERDUE" in provisional.out
    assert "STEP_OVERDUE" in patched.out
    # the invented 2027 Spring Festival moves the projection
    assert "2027-02-12" in provisional.out
    assert "2027-02-15" in patched.out


def test_a_bad_patch_is_bad_input():
    result = run_cli("approvals", "check", FLOW, "--start", "2026-09-01", "--patch", "/nonexistent.toml")
    assert result.code == 2
