"""Shared records for the decision tests: a complete, compliant bus-fare decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.decisions import DecisionRecord
from govefficiency.testing import bus_fare_decision

DATA = Path(__file__).parent / "data"

COMPLIANT = bus_fare_decision()


@pytest.fixture
def compliant() -> DecisionRecord:
    """A complete bus-fare decision that satisfies both presets."""
    return COMPLIANT


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    """The official PRC calendar."""
    return china_calendar()


@pytest.fixture
def data() -> Path:
    """The folder of record and spec files used by the tests."""
    return DATA
