"""Shared fixtures for the calendar tests: the official calendar, its variants and patches."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from govefficiency.calendar import CalendarPatch, WorkCalendar, china_calendar

ROOT = Path(__file__).resolve().parents[2]
#: The example patch files shipped in examples/patches/ (also used by the docs).
PATCH_2027 = ROOT / "examples" / "patches" / "cn-2027-hypothetical.toml"
PATCH_TYPHOON = ROOT / "examples" / "patches" / "typhoon-closure-2026.json"


def modules_loaded_by(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported once it has run ``code``."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = ast.literal_eval(out.stdout.strip())
    return loaded


@pytest.fixture(scope="session")
def patch_2027_path() -> Path:
    """Path of the hypothetical 2027 arrangement (TOML)."""
    return PATCH_2027


@pytest.fixture(scope="session")
def patch_typhoon_path() -> Path:
    """Path of the illustrative typhoon closure (JSON)."""
    return PATCH_TYPHOON


@pytest.fixture(scope="session")
def cn() -> WorkCalendar:
    """The strict official PRC calendar (2001-01-01 .. official_through)."""
    return china_calendar()


@pytest.fixture(scope="session")
def cn_provisional() -> WorkCalendar:
    """The PRC calendar extended by five provisional years."""
    return china_calendar(provisional=True)


@pytest.fixture(scope="session")
def cn_no_makeup() -> WorkCalendar:
    """The PRC calendar for sectors that do not work make-up weekends."""
    return china_calendar(makeup_workdays=False)


@pytest.fixture(scope="session")
def patch_2027() -> CalendarPatch:
    """The hypothetical complete 2027 arrangement from examples/patches/."""
    return CalendarPatch.load(PATCH_2027)


@pytest.fixture(scope="session")
def patch_typhoon() -> CalendarPatch:
    """The illustrative typhoon closure of Tue 2026-09-15 from examples/patches/."""
    return CalendarPatch.load(PATCH_TYPHOON)


#: An INVENTED complete 2027 patch (notice number 国办发明电〔2026〕TEST号, published
#: 2026-11-05) for the version and impact tests. A test fixture, not a prediction.
FIXTURE_2027 = Path(__file__).parent / "data" / "cn-2027-test-fixture.toml"
TEMPLATE_2027 = ROOT / "examples" / "patches" / "cn-2027-template.toml"


@pytest.fixture(scope="session")
def fixture_2027() -> CalendarPatch:
    """The invented 2027 test fixture (see tests/calendar/data/cn-2027-test-fixture.toml)."""
    return CalendarPatch.load(FIXTURE_2027)


@pytest.fixture(scope="session")
def cn_2027(fixture_2027: CalendarPatch) -> WorkCalendar:
    """The provisional PRC calendar with the invented 2027 fixture applied."""
    return china_calendar(provisional=True, patches=[fixture_2027])
