"""``inline_keyword_only`` + ``keywords_of``: keyword_only without a wrapper, for a hot path
(govefficiency._deprecation; used by DeadlineClock's events)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from govefficiency._deprecation import REQUIRED, inline_keyword_only, keywords_of
from govefficiency.errors import InvalidInputError


@inline_keyword_only
def window(subject: str, *old: Any, at: int = REQUIRED, span: int = REQUIRED, note: str | None = None) -> Any:
    if old or at is REQUIRED or span is REQUIRED:
        at, span, note = keywords_of(
            "window", ("at", "span", "note"), old, at, span, note or REQUIRED, defaults=(None,)
        )
    return subject, at, span, note


def test_the_signature_is_the_conventions() -> None:
    assert (
        str(inspect.signature(window))
        == "(subject: 'str', *, at: 'int', span: 'int', note: 'str | None' = None) -> 'Any'"
    )
    assert inspect.unwrap(window) is window  # no wrapper: one Python call


def test_the_new_form_is_silent(recwarn: pytest.WarningsRecorder) -> None:
    assert window("T", at=1, span=2) == ("T", 1, 2, None)
    assert not recwarn.list


def test_the_old_form_warns_at_the_caller() -> None:
    with pytest.warns(
        DeprecationWarning, match=r"window\(\): passing at, span by position.*at=, span="
    ) as caught:
        assert window("T", 1, 2, note="n") == ("T", 1, 2, "n")
    assert caught[0].filename == __file__
    with pytest.warns(DeprecationWarning, match=r"passing the time by position"):
        assert window("T", 1, span=2) == ("T", 1, 2, None)


def test_given_twice_missing_or_too_many() -> None:
    with pytest.raises(InvalidInputError, match="at is given twice"):
        window("T", 1, at=1, span=2)
    with pytest.raises(TypeError, match="missing required keyword-only argument"):
        window("T", at=1)
    with pytest.raises(TypeError, match="at most 3 positional"):
        window("T", 1, 2, "n", 4)


def test_a_function_without_the_shape_is_refused() -> None:
    with pytest.raises(TypeError, match="needs \\*old"):
        inline_keyword_only(lambda *, at: at)
