"""Shared records for the decision tests: a complete, compliant bus-fare decision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.decisions import DecisionRecord, ProcedureSpec, get_procedure
from govefficiency.testing import bus_fare_decision

DATA = Path(__file__).parent / "data"

COMPLIANT = bus_fare_decision()


def local_spec(
    ident: str, title: tuple[str, str], source: tuple[str, str, str], rule: dict[str, Any]
) -> ProcedureSpec:
    """A locality's procedure: the national preset plus one ``rule`` (an extra one, or one
    replacing the national rule of the same id), citing ``source`` = (key, zh, en name)."""
    key, zh, en = source
    return ProcedureSpec.load(
        {
            "id": ident,
            "extends": "national",
            "title": {"zh": title[0], "en": title[1]},
            "sources": {key: {"name": {"zh": zh, "en": en}}},
            "rules": [rule],
        }
    )


def national_rule(ident: str) -> dict[str, Any]:
    """The national preset's rule ``ident`` as it stands in a procedure file."""
    [rule] = [r for r in get_procedure("national").to_dict()["rules"] if r["id"] == ident]
    return dict(rule)


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
