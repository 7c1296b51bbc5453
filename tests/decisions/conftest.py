"""Shared records for the decision tests: a complete, compliant bus-fare decision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.decisions import DecisionRecord, ProcedureSpec
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


def interval_rule(
    ident: str, span: tuple[str, str], minimum: int, code: str, cites: tuple[str, str], **more: Any
) -> dict[str, Any]:
    """An ``interval`` rule of a procedure file: at least ``minimum`` working days from
    ``span[0]`` to ``span[1]`` (step fields), else ``code``; ``cites`` = (law key, article);
    ``more`` adds keys (``waiver``, ``severity``, …)."""
    law, article = cites
    return {
        "id": ident,
        "type": "interval",
        "from": span[0],
        "to": span[1],
        "minimum": minimum,
        "unit": "working_days",
        "code": code,
        "citation": {"law": law, "article": article},
        **more,
    }


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
