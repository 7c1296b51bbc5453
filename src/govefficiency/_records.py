"""Small checks shared by the record modules (services, approvals, assessment,
accountability, escalation, responsibility): lists of records, bilingual texts and
look-ups by id, each written once.

Messages are passed in by the caller, so that every module keeps its own wording; a
message may name the offending value's type as ``{kind}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import attrs

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.errors import GovEfficiencyError, InvalidTypeError
from govefficiency.text import Text

__all__ = [
    "Parties",
    "as_tuple",
    "bilingual",
    "calendar_or_default",
    "checked",
    "lookup",
    "sequence",
    "unique",
]

T = TypeVar("T")


def _kind(value: object) -> str:
    return type(value).__name__


def sequence(value: object, en: str, zh: str) -> tuple[Any, ...]:
    """The items of ``value`` as a tuple; a lone string or a value that is not iterable is
    refused with ``en``/``zh``."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(en.format(kind=_kind(value)), zh.format(kind=_kind(value)))
    return tuple(value)


def as_tuple(value: object) -> tuple[Any, ...]:
    """An attrs converter: a list or tuple (any iterable but a string) as a tuple."""
    return sequence(value, "expected a list or tuple, not {kind}", "需要列表或元组，而不是 {kind}")


def checked(items: Iterable[Any], cls: type[T], en: str, zh: str) -> Iterator[T]:
    """Each of ``items`` in turn, refusing the first that is not a ``cls`` with ``en``/``zh``."""
    for item in items:
        if not isinstance(item, cls):
            raise InvalidTypeError(en.format(kind=_kind(item)), zh.format(kind=_kind(item)))
        yield item


def unique(
    items: Iterable[T],
    twice: Callable[[Any], GovEfficiencyError],
    key: Callable[[T], Any] = lambda item: item,
) -> tuple[T, ...]:
    """``items`` as a tuple; the first whose ``key`` was seen before raises ``twice(key)``."""
    out: list[T] = []
    seen: set[Any] = set()
    for item in items:
        k = key(item)
        if k in seen:
            raise twice(k)
        seen.add(k)
        out.append(item)
    return tuple(out)


def calendar_or_default(calendar: object, en: str = "calendar must be a WorkCalendar") -> WorkCalendar:
    """``calendar``, or the official PRC calendar for ``None``; anything else is refused
    with ``en`` (which may name the type as ``{kind}``)."""
    cal = china_calendar() if calendar is None else calendar
    if not isinstance(cal, WorkCalendar):
        raise InvalidTypeError(en.format(kind=_kind(cal)), "calendar 必须是 WorkCalendar")
    return cal


def bilingual(value: object, error: Callable[[], GovEfficiencyError]) -> Text:
    """``value`` as a :class:`Text`: a Text as it is, a non-blank string in both languages;
    anything else raises ``error()``."""
    if isinstance(value, Text):
        return value
    if isinstance(value, str) and value.strip():
        return Text(value, value)
    raise error()


def text_of(value: Text | str) -> Text:
    """``value`` as a :class:`Text` (see :func:`bilingual`); anything else is an
    :class:`InvalidTypeError` asking for a non-empty str or Text (an attrs converter)."""
    return bilingual(
        value,
        lambda: InvalidTypeError(f"expected a non-empty str or Text, not {value!r}", "需要非空字符串或 Text"),
    )


def optional_text_of(value: Text | str | None) -> Text | None:
    """``None``, or :func:`text_of` ``value``."""
    return None if value is None else text_of(value)


def lookup(
    items: Iterable[T], found: Callable[[T], bool], error: type[GovEfficiencyError], en: str, zh: str
) -> T:
    """The first of ``items`` that is ``found``; ``error(en, zh)`` when none is."""
    for item in items:
        if found(item):
            return item
    raise error(en, zh)


@attrs.frozen
class Parties:
    """Who answers for a record that is not a responsibility-graph task, in the shape of
    escalation's ``CaseParties`` (structurally: escalation is not imported). Subclassed
    by ``approvals.StepParties`` and ``services.ServiceParties``."""

    lead_unit: str | None = None
    officer: str | None = None
    task: str | None = None
    assisting_units: tuple[str, ...] = ()
    slow_units: tuple[str, ...] = ()

    @property
    def late_units(self) -> tuple[str, ...]:
        return self.slow_units or self.assisting_units
