"""Shared values for the escalation tests."""

from __future__ import annotations

import datetime as dt

from govefficiency.escalation import CaseParties
from govefficiency.testing import at as _at

#: The parties of the tests' usual case: transport leads, finance assists, officer o-li.
PARTIES = CaseParties(lead_unit="transport", assisting_units=("finance",), officer="o-li")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """``hour`` o'clock (Beijing time) on ``day``."""
    return _at(day.year, day.month, day.day, hour)
