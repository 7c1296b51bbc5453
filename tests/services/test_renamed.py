"""The window-services names renamed by the API convention (a ``check…`` function returns
findings) keep working for one release, each with a DeprecationWarning naming its
replacement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govefficiency.services import (
    check_complaints,
    check_survey,
    complaint_report,
    load_complaints,
    load_survey,
    survey_results,
)

DATA = Path(__file__).parents[2] / "examples" / "data" / "services"
AT = dt.datetime(2026, 11, 30, 17, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_check_complaints_is_complaint_report() -> None:
    rules, complaints = load_complaints(DATA / "complaints.toml")
    with pytest.warns(DeprecationWarning, match=r"use complaint_report\(complaints, rules, at=at\)"):
        old = check_complaints(complaints, rules, AT, period="quarter")
    assert old == complaint_report(complaints, rules, at=AT, period="quarter")


def test_check_survey_is_survey_results() -> None:
    survey = load_survey(DATA / "survey.toml")
    with pytest.warns(DeprecationWarning, match=r"use survey_results\(\)"):
        old = check_survey(survey)
    assert old == survey_results(survey)


def test_complaint_report_takes_at_by_keyword_only() -> None:
    rules, complaints = load_complaints(DATA / "complaints.toml")
    with pytest.raises(TypeError):
        complaint_report(complaints, rules, AT)  # type: ignore[misc]
