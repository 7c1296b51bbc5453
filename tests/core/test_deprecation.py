"""The one way to keep an old name or call form for a release (govefficiency._deprecation)."""

from __future__ import annotations

import pytest

from govefficiency._deprecation import keyword_only, old_form, renamed, renamed_keyword, replaced_by_keyword
from govefficiency.errors import InvalidInputError


def _window(subject: str, *, on: int, events: tuple[int, ...] = ()) -> tuple[str, int, tuple[int, ...]]:
    return subject, on, events


#: The shape of a real migration: a date once named ``at`` and passed by position.
window = renamed_keyword("at", "on")(keyword_only(("on", "events"), 1, what="the day")(_window))


def test_the_new_form_is_silent(recwarn: pytest.WarningsRecorder) -> None:
    assert window("T1", on=3, events=(1,)) == ("T1", 3, (1,))
    assert not recwarn.list


def test_the_old_keyword_warns_and_maps() -> None:
    with pytest.warns(DeprecationWarning, match=r"the keyword at= is deprecated .* pass it as on="):
        assert window("T1", at=3) == ("T1", 3, ())


def test_the_old_position_warns_and_maps() -> None:
    with pytest.warns(DeprecationWarning, match="passing the day by position"):
        assert window("T1", 3, (2,)) == ("T1", 3, (2,))


def test_old_and_new_names_together_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"give on= only \(at= is its old name\)") as caught:
        window("T1", at=3, on=4)
    assert "只需给出 on=" in caught.value.zh


def test_position_and_keyword_together_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="given twice"):
        window("T1", 3, on=4)


def test_replaced_by_keyword_converts_the_old_arguments() -> None:
    review = replaced_by_keyword("month", 0, 2, lambda y, m: f"{y:04d}-{m:02d}")(lambda *, month: month)
    with pytest.warns(DeprecationWarning, match="with 2 arguments by position"):
        assert review(2026, 5) == "2026-05"
    with pytest.raises(TypeError):
        review(2026)


def test_old_form_runs_the_old_meaning() -> None:
    def dump(value: int, path: str) -> str:
        return f"wrote {value} to {path}"

    kept = old_form(lambda *a, **k: len(a) + len(k) == 1, lambda value: {"value": value}, "use to_dict()")(
        dump
    )
    with pytest.warns(DeprecationWarning, match="use to_dict"):
        assert kept(1) == {"value": 1}
    assert kept(1, "f.toml") == "wrote 1 to f.toml"


def test_renamed_keeps_the_old_name() -> None:
    old = renamed(_window, "old_window", "use _window")
    assert old.__name__ == "old_window"
    with pytest.warns(DeprecationWarning, match="use _window"):
        assert old("T1", on=1) == ("T1", 1, ())
