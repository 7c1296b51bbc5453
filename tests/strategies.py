"""Shared hypothesis strategies and constants for the test suite (importable as `strategies`)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from govefficiency import Citation, Text, WorkCalendar, china_calendar
from govefficiency.testing import CST

#: Beijing time (the suite's older name for ``govefficiency.testing.CST``).
SHANGHAI = CST
BASIS = Citation(Text("行政许可法", "Administrative Licensing Law"), "45", 2019)


def cal() -> WorkCalendar:
    return china_calendar()


#: Start dates well inside the published data, leaving room for long periods.
starts = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2024, 6, 30))
