"""Private helpers for dates, instants and time zones (pendulum stays behind this module).

The library never reads the clock: every function that needs "now" takes it as a
parameter. Calendar dates are ``datetime.date``; instants are timezone-aware
``datetime`` values (pendulum's are fine). A naive datetime is rejected, never guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError

DEFAULT_ZONE = "Asia/Shanghai"


def zone(name: str) -> dt.tzinfo:
    """The IANA time zone ``name`` (e.g. ``"Asia/Shanghai"``)."""
    if not isinstance(name, str):  # checked before the cache, which needs a hashable key
        raise InvalidTypeError(
            f"a time zone must be an IANA name such as 'Asia/Shanghai', not {type(name).__name__}",
            f"时区必须是 IANA 名称（如 'Asia/Shanghai'），而不是 {type(name).__name__}",
        )
    return _zone(name)


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo:
    if not isinstance(name, str):
        raise InvalidTypeError(
            f"a time zone must be an IANA name such as 'Asia/Shanghai', not {type(name).__name__}",
            f"时区必须是 IANA 名称（如 'Asia/Shanghai'），而不是 {type(name).__name__}",
        )
    import pendulum  # here, not at the top: commands that never need a zone do not load it

    try:
        return pendulum.timezone(name)
    except Exception:  # pendulum raises its own InvalidTimezone / ValueError
        raise InvalidInputError(
            f"unknown time zone {name!r}: use an IANA name such as 'Asia/Shanghai'",
            f"未知时区 {name!r}：请使用 IANA 名称，如 'Asia/Shanghai'",
        ) from None


def check_zone(name: str) -> str:
    """Validate a zone name and return it unchanged."""
    zone(name)
    return name


def require_date(value: object, what: str) -> dt.date:
    """``value`` if it is a ``datetime.date`` (and not a ``datetime``); raise otherwise."""
    if type(value) is dt.date:
        return value
    whole_day = _whole_day(value)
    if whole_day is not None:
        return whole_day
    if isinstance(value, dt.datetime):
        raise InvalidTypeError(
            f"{what} must be a calendar date (datetime.date), not a datetime: convert the "
            f"instant to the calendar's zone and take .date() so that the day is not guessed",
            f"{what} 必须是日期（datetime.date），而不是 datetime：请先换算到日历所在时区再取 .date()",
        )
    if isinstance(value, dt.date):  # a date subclass, e.g. pendulum.Date
        return dt.date(value.year, value.month, value.day)
    raise InvalidTypeError(
        f"{what} must be a datetime.date, not {type(value).__name__} ({value!r}); "
        f"parse strings with datetime.date.fromisoformat",
        f"{what} 必须是 datetime.date，而不是 {type(value).__name__}（{value!r}）；"
        f"字符串请用 datetime.date.fromisoformat 解析",
    )


def _whole_day(value: object) -> dt.date | None:
    """The day a pandas ``Timestamp`` or numpy ``datetime64`` stands for, when it is a
    whole day (midnight, no zone, no fraction); ``None`` for anything else.

    Data frames hold days as such values, so a date column can be passed as it is; a
    time of day (or a zone) where a date is meant is still refused, since the day would
    then be a guess. Neither library is imported here."""
    module = type(value).__module__
    if module.startswith("pandas") and isinstance(value, dt.datetime):
        nanosecond = getattr(value, "nanosecond", 0)
        if value.tzinfo is None and value.time() == dt.time(0) and not nanosecond:
            return dt.date(value.year, value.month, value.day)
        return None
    if module == "numpy" and type(value).__name__ == "datetime64":
        day = value.astype("datetime64[D]")  # type: ignore[attr-defined]
        if day == value and str(day) != "NaT":
            return dt.date.fromisoformat(str(day))
    return None


def day_or_instant(value: Any) -> Any:
    """``value``, with a whole-day pandas ``Timestamp`` or numpy ``datetime64`` turned into
    the ``datetime.date`` it stands for (anything else is returned as it is, to be checked
    by the caller)."""
    day = _whole_day(value)
    return value if day is None else day


def require_aware(value: object, what: str) -> dt.datetime:
    """``value`` if it is a timezone-aware ``datetime``; raise otherwise."""
    if not isinstance(value, dt.datetime):
        raise InvalidTypeError(
            f"{what} must be a timezone-aware datetime, not {type(value).__name__} ({value!r})",
            f"{what} 必须是带时区的 datetime，而不是 {type(value).__name__}（{value!r}）",
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{what} is a naive datetime ({value.isoformat()}): attach a time zone, e.g. "
            f"pendulum.instance(value, tz='Asia/Shanghai'); the library never guesses one",
            f"{what} 是不带时区的 datetime（{value.isoformat()}）：请附上时区，"
            f"例如 pendulum.instance(value, tz='Asia/Shanghai')；本库从不猜测时区",
        )
    return value


def local_date(instant: dt.datetime, zone_name: str) -> dt.date:
    """The calendar date of an aware ``instant`` in the zone ``zone_name``."""
    try:
        return instant.astimezone(zone(zone_name)).date()
    except OverflowError:
        raise InvalidInputError(
            f"{instant.isoformat()} is out of the supported range of dates",
            f"{instant.isoformat()} 超出了支持的日期范围",
        ) from None


def end_of_day(day: dt.date, zone_name: str, close: dt.time | None = None) -> dt.datetime:
    """The last instant of ``day`` in ``zone_name``: 23:59:59.999999 (the statutory
    "24:00"), or ``close`` (close of business) when given."""
    at = close if close is not None else dt.time(23, 59, 59, 999999)
    return dt.datetime.combine(day, at, tzinfo=zone(zone_name))


#: ``YYYY-MM-DD`` exactly: the ISO basic (``20260101``) and week (``2026-W01-1``) forms that
#: ``date.fromisoformat`` also accepts are refused, since the help and docs promise this one.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A month, ``YYYY-MM``.
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
#: An instant: ``YYYY-MM-DD``, optionally ``THH:MM[:SS[.ffffff]]`` and an offset or ``Z``.
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?")


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to about ``limit`` characters, for echoing bad input back."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_iso_date(text: object, what: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (exactly that form); raise :class:`InvalidInputError` naming
    ``what`` otherwise (:class:`InvalidTypeError` for a value that is not a string)."""
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"{what} must be an ISO date string (YYYY-MM-DD), not {type(text).__name__}",
            f"{what} 必须是 ISO 日期字符串（YYYY-MM-DD），而不是 {type(text).__name__}",
        )
    try:
        if _DATE.fullmatch(text) is None:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"{what}: {shorten(text)!r} is not a date in the form YYYY-MM-DD",
            f"{what}：{shorten(text)!r} 不是 YYYY-MM-DD 格式的日期",
        ) from None


def parse_month(text: object, what: str) -> tuple[int, int]:
    """Parse a month written ``YYYY-MM`` (e.g. ``2026-10``) into ``(year, month)``; raise
    :class:`InvalidInputError` naming ``what`` otherwise (:class:`InvalidTypeError` for a
    value that is not a string)."""
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"{what} must be a month written YYYY-MM (e.g. 2026-10), not {type(text).__name__}",
            f"{what} 必须是 YYYY-MM 格式的月份（如 2026-10），而不是 {type(text).__name__}",
        )
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1:
        raise InvalidInputError(
            f"{what}: {shorten(text)!r} is not a month in the form YYYY-MM (e.g. 2026-10)",
            f"{what}：{shorten(text)!r} 不是 YYYY-MM 格式的月份（如 2026-10）",
        )
    return int(found.group(1)), int(found.group(2))


def parse_iso_instant(text: str, what: str, default_zone: str = DEFAULT_ZONE) -> dt.datetime:
    """Parse an ISO 8601 instant. A string without an offset is read in ``default_zone``
    (for files and command lines written by people in that zone); a bare date means the
    start of that day."""
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"{what} must be an ISO 8601 date-time string", f"{what} 必须是 ISO 8601 日期时间字符串"
        )
    try:
        if _INSTANT.fullmatch(text) is None:
            raise ValueError(text)
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"{what}: {shorten(text)!r} is not an ISO 8601 date-time such as 2026-10-12T09:00+08:00",
            f"{what}：{shorten(text)!r} 不是 ISO 8601 日期时间（如 2026-10-12T09:00+08:00）",
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(default_zone))
    return value
