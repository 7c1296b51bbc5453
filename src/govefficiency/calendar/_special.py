"""The special days of a working-day calendar and the checks of the calendar's fields."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping

import attrs

from govefficiency._time import require_date
from govefficiency._validators import Validator, instance_of, instances_of, optional_instance_of
from govefficiency.calendar._kinds import DayKind
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Text

__all__ = ["SpecialDay"]


def _to_date(value: object) -> dt.date:
    return require_date(value, "SpecialDay.date")


@attrs.frozen
class SpecialDay:
    """A date whose kind differs from the weekly pattern (or that carries a name).

    Attributes:
        date: the date.
        kind: its kind.
        name: its name in zh and en; ``None`` lets the calendar describe it by kind.
    """

    date: dt.date = attrs.field(converter=_to_date)
    kind: DayKind = attrs.field(
        validator=instance_of(
            DayKind,
            "SpecialDay.kind must be a DayKind (e.g. DayKind.PUBLIC_HOLIDAY), not {value!r}",
            "SpecialDay.kind 必须是 DayKind（如 DayKind.PUBLIC_HOLIDAY），而不是 {value!r}",
        )
    )
    name: Text | None = attrs.field(
        default=None,
        validator=optional_instance_of(
            Text,
            "SpecialDay.name must be a Text(zh, en) or None, not {type}",
            "SpecialDay.name 必须是 Text(zh, en) 或 None，而不是 {type}",
        ),
    )


def _iterable(value: object, what: str) -> Iterable[object]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"{what} must be a collection (list, tuple, set), not {type(value).__name__}",
            f"{what} 必须是集合（list、tuple、set），而不是 {type(value).__name__}",
        )
    return value


def _to_weekdays(value: Iterable[int]) -> frozenset[int]:
    days: set[int] = set()
    for d in _iterable(value, "rest_weekdays"):
        if type(d) is not int or not 0 <= d <= 6:
            raise InvalidInputError(
                f"rest weekdays are integers 0 (Monday) to 6 (Sunday); got {d!r}",
                f"每周休息日必须是 0（周一）到 6（周日）之间的整数，而不是 {d!r}",
            )
        days.add(d)
    return frozenset(days)


def _to_specials(value: Iterable[SpecialDay]) -> tuple[SpecialDay, ...]:
    items = sorted(
        instances_of(tuple(_iterable(value, "special")), SpecialDay, Text("特殊日期", "special days")),
        key=lambda s: s.date,
    )
    for a, b in itertools.pairwise(items):
        if a.date == b.date:
            raise InvalidInputError(
                f"the date {a.date} is listed twice among the special days",
                f"特殊日期中 {a.date} 出现了两次",
            )
    return tuple(items)


def _to_kinds(value: Iterable[DayKind]) -> frozenset[DayKind]:
    return frozenset(instances_of(tuple(_iterable(value, "working_kinds")), DayKind, "working_kinds"))


def _to_strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in _iterable(value, "sources"))


_is_str = instance_of(
    str,
    "a calendar's name must be a str such as 'CN', not {type}",
    "日历名称必须是字符串（如 'CN'），而不是 {type}",
)


def _not_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidInputError("a calendar's name must not be empty", "日历名称不能为空")


_check_name: list[Validator] = [_is_str, _not_blank]


def _as_text(name: Text | str) -> Text:
    if isinstance(name, Text):
        return name
    if isinstance(name, str):
        return Text(name, name)
    raise InvalidTypeError(
        f"a day name must be a str or Text, not {type(name).__name__}",
        "日期名称必须是字符串或 Text",
    )


def _mapping(value: Mapping[dt.date, Text | str] | None, what: str) -> Mapping[dt.date, Text | str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"{what} must be a mapping {{date: name}}, not {type(value).__name__}",
            f"{what} 必须是 {{日期: 名称}} 形式的映射，而不是 {type(value).__name__}",
        )
    return value
