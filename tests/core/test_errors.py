"""The exception hierarchy (``govefficiency.errors``)."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import govefficiency.errors as errors
from govefficiency.errors import (
    CalendarCoverageError,
    CalendarError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    LoadError,
    NaiveDatetimeError,
    PatchError,
)

ALL = [getattr(errors, name) for name in errors.__all__]


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and lists every exception class the module defines."""
    assert errors.__all__ == sorted(errors.__all__)
    defined = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, Exception) and value.__module__ == errors.__name__
    }
    assert defined == set(errors.__all__)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_every_error_is_a_bilingual_library_error(cls: type[GovEfficiencyError]) -> None:
    """Each class derives from GovEfficiencyError and takes (en, zh)."""
    assert issubclass(cls, GovEfficiencyError)
    err = cls("what went wrong", "出了什么问题")
    assert str(err) == "what went wrong"
    assert (err.en, err.zh) == ("what went wrong", "出了什么问题")
    assert err.message("zh") == "出了什么问题"
    assert err.message("en") == "what went wrong"


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_every_error_pickles_with_its_details(cls: type[GovEfficiencyError]) -> None:
    """Errors raised in worker processes arrive with both messages intact."""
    back = pickle.loads(pickle.dumps(cls("en", "中文")))
    assert type(back) is cls
    assert (back.en, back.zh) == ("en", "中文")


def test_message_falls_back_to_english() -> None:
    """Without a Chinese message, message('zh') gives the English one."""
    assert GovEfficiencyError("only English").message("zh") == "only English"


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (InvalidInputError, ValueError),
        (InvalidTypeError, TypeError),
        (NaiveDatetimeError, ValueError),
        (LoadError, ValueError),
        (CalendarCoverageError, LookupError),
        (PatchError, ValueError),
    ],
)
def test_errors_subclass_the_matching_builtin(cls: type[Exception], builtin: type[Exception]) -> None:
    """Code that catches the builtin keeps working."""
    assert issubclass(cls, builtin)


def test_specific_relations() -> None:
    """A naive datetime is invalid input; a patch error is both a load and a calendar error."""
    assert issubclass(NaiveDatetimeError, InvalidInputError)
    assert issubclass(PatchError, LoadError)
    assert issubclass(PatchError, CalendarError)
    assert issubclass(CalendarCoverageError, CalendarError)


def test_load_error_carries_origin_and_location() -> None:
    """LoadError records where the bad data is; both default to ''."""
    err = LoadError("bad", "坏", origin="rules.toml", location="rules[3].days")
    assert (err.origin, err.location) == ("rules.toml", "rules[3].days")
    assert (LoadError("x").origin, LoadError("x").location) == ("", "")
    back = pickle.loads(pickle.dumps(err))
    assert (back.origin, back.location) == ("rules.toml", "rules[3].days")


def test_coverage_error_carries_the_date_and_range() -> None:
    """CalendarCoverageError records the date asked about and the covered range."""
    err = CalendarCoverageError(
        "x", date=dt.date(2027, 1, 4), first=dt.date(2001, 1, 1), last=dt.date(2026, 12, 31)
    )
    assert (err.date, err.first, err.last) == (
        dt.date(2027, 1, 4),
        dt.date(2001, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert pickle.loads(pickle.dumps(err)).date == dt.date(2027, 1, 4)
