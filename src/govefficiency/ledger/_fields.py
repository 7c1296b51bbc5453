"""Private field validators and converters shared by the ledger's value classes (the
ledger's findings are in ``_codes``; this module only checks values).

Each raises a specific library error with a bilingual message that says what to do.
They are deliberately small: some run on every entry appended or loaded.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar, cast

import attrs

from govefficiency._time import require_aware, require_date
from govefficiency._validators import check_id as _shared_check_id
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Text

if TYPE_CHECKING:
    from govefficiency._format import Format

#: Ledgers written before the one id rule (0.1) allowed inner spaces and up to 200
#: characters. Entries read back from a store or a JSONL file keep such ids readable
#: (their hash covers them); new entries must follow the one id rule.
_LEGACY_FORBIDDEN = frozenset('"\\')
_LEGACY_MAX_ID = 200
_READING_STORED: ContextVar[bool] = ContextVar("govefficiency_reading_stored_entry", default=False)

_T = TypeVar("_T")


def expect(value: object, cls: type[_T] | tuple[type, ...], en: str, zh: str) -> _T:
    """``value`` when it is a ``cls``; else an :class:`InvalidTypeError` whose message is
    ``en`` (``zh``) followed by the type found ("…, not list" / "…，而不是 list")."""
    if not isinstance(value, cls):
        raise InvalidTypeError(f"{en}, not {type(value).__name__}", f"{zh}，而不是 {type(value).__name__}")
    return cast(_T, value)


def listed(value: object, what: str, of_en: str, of_zh: str) -> tuple[Any, ...]:
    """The items of a list or tuple (a lone string is an error, not a tuple of
    characters): "``what`` must be a list or tuple of ``of_en``"."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"{what} must be a list or tuple of {of_en}, not {type(value).__name__}",
            f"{what} 必须是{of_zh}列表或元组，而不是 {type(value).__name__}",
        )
    return tuple(value)


@contextmanager
def reading_stored() -> Iterator[None]:
    """Within this block, ids that were valid under the 0.1 ledger rule are accepted."""
    token = _READING_STORED.set(True)
    try:
        yield
    finally:
        _READING_STORED.reset(token)


def _legacy_id(value: object) -> bool:
    return (
        type(value) is str
        and 0 < len(value) <= _LEGACY_MAX_ID
        and value == value.strip()
        and value.isprintable()
        and _LEGACY_FORBIDDEN.isdisjoint(value)
    )


def check_id(value: object, what: str) -> str:
    """``value`` if it is a valid id under the library's one id rule
    (:func:`govefficiency._validators.check_id`); while reading stored entries, an id
    valid under the 0.1 ledger rule is also accepted."""
    if _READING_STORED.get() and _legacy_id(value):
        return cast(str, value)
    return _shared_check_id(value, what)


def id_validator(what: str) -> Any:
    """An attrs validator around :func:`check_id`."""

    def validate(instance: object, attribute: object, value: object) -> None:
        check_id(value, what)

    return validate


def check_text(value: object, what: str, *, empty: bool = False) -> str:
    """``value`` if it is a string (non-blank unless ``empty``)."""
    if type(value) is not str:
        raise InvalidTypeError(
            f"{what} must be a string, not {type(value).__name__}",
            f"{what} 必须是字符串，而不是 {type(value).__name__}",
        )
    if not empty and not value.strip():
        raise InvalidInputError(f"{what} must not be empty", f"{what} 不能为空")
    return value


def text_validator(what: str, *, empty: bool = False) -> Any:
    """An attrs validator around :func:`check_text`."""

    def validate(instance: object, attribute: object, value: object) -> None:
        check_text(value, what, empty=empty)

    return validate


def to_share(value: object, what: str = "share") -> float:
    """A share complete in percent (0–100) as a float; ints are accepted."""
    if type(value) is float:
        share = value
    elif type(value) is int:
        share = float(value)
    else:
        raise InvalidTypeError(
            f"{what} must be a number of percent from 0 to 100, not {type(value).__name__} ({value!r})",
            f"{what} 必须是 0 到 100 之间的百分数，而不是 {type(value).__name__}（{value!r}）",
        )
    if not 0.0 <= share <= 100.0:  # also rejects NaN
        raise InvalidInputError(
            f"{what} must lie between 0 and 100 (percent complete); got {value!r}",
            f"{what} 必须在 0 到 100（完成百分比）之间，实际为 {value!r}",
        )
    return share


def to_percent_points(value: object, what: str) -> float:
    """A non-negative finite number of percentage points, as a float."""
    if type(value) not in (int, float):
        raise InvalidTypeError(
            f"{what} must be a number of percentage points, not {type(value).__name__}",
            f"{what} 必须是百分点数值，而不是 {type(value).__name__}",
        )
    points = float(cast(float, value))
    if not math.isfinite(points) or not 0.0 <= points <= 100.0:
        raise InvalidInputError(
            f"{what} must be between 0 and 100 percentage points; got {value!r}",
            f"{what} 必须在 0 到 100 个百分点之间，实际为 {value!r}",
        )
    return points


def as_strs(value: Iterable[str], what: str) -> tuple[str, ...]:
    """An iterable of non-blank strings as a tuple (a lone string is an error, not a
    tuple of characters)."""
    items = listed(value, what, "strings", "字符串")
    for item in items:
        check_text(item, f"each of {what}")
    return items


def as_ids(value: Iterable[str], what: str) -> tuple[str, ...]:
    """An iterable of ids as a tuple without duplicates."""
    items = listed(value, what, "ids", " id 的")
    seen: set[str] = set()
    for item in items:
        check_id(item, f"each of {what}")
        if item in seen:
            raise InvalidInputError(f"{what} lists {item!r} twice", f"{what} 中 {item!r} 出现了两次")
        seen.add(item)
    return items


def date_validator(what: str) -> Any:
    """An attrs validator: a ``datetime.date`` that is not a ``datetime``."""

    def validate(instance: object, attribute: object, value: object) -> None:
        if type(value) is not dt.date:
            require_date(value, what)

    return validate


def as_date(value: object, what: str) -> dt.date:
    """A plain ``datetime.date`` (subclasses such as pendulum.Date become plain dates so
    that equality and hashing never depend on the class)."""
    if type(value) is dt.date:
        return value
    return require_date(value, what)


def as_optional_date(value: object, what: str) -> dt.date | None:
    """``None`` or a plain date."""
    return None if value is None else as_date(value, what)


def aware_validator(what: str) -> Any:
    """An attrs validator: a timezone-aware datetime."""

    def validate(instance: object, attribute: object, value: object) -> None:
        require_aware(value, what)

    return validate


def _whole(what: str, minimum: int, en: str, zh: str, *, optional: bool = False) -> Any:
    """An attrs validator: an int of at least ``minimum`` (or ``None`` when
    ``optional``); "``what`` must be ``en``; got …"."""

    def validate(instance: object, attribute: object, value: object) -> None:
        if (value is not None or not optional) and (type(value) is not int or value < minimum):
            raise InvalidInputError(
                f"{what} must be {en}; got {value!r}", f"{what} 必须是{zh}，而不是 {value!r}"
            )

    return validate


_SEQ_EN = "the sequence number (a positive int) of an entry"
_SEQ_ZH = "某条记录的序号（正整数）"


def optional_seq(what: str) -> Any:
    """An attrs validator: ``None`` or a positive entry sequence number."""
    return _whole(what, 1, _SEQ_EN + ", or None", _SEQ_ZH + "或 None", optional=True)


def seq_validator(what: str) -> Any:
    """An attrs validator: a positive entry sequence number."""
    return _whole(what, 1, _SEQ_EN, _SEQ_ZH)


def count_validator(what: str) -> Any:
    """An attrs validator: a non-negative int."""
    return _whole(what, 0, "a non-negative integer", "非负整数")


def _json_value(instance: object, field: object, value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Text):
        return {"zh": value.zh, "en": value.en}
    return value


def json_ready(record: Any) -> dict[str, Any]:
    """The JSON-ready mapping of an attrs record, in field order: enums as their values,
    dates and instants in ISO form, texts as ``{"zh": …, "en": …}``."""
    return attrs.asdict(record, value_serializer=_json_value)


class JsonReady:
    """``to_dict()`` of a report (an attrs record): :func:`json_ready`."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return json_ready(self)


class StoredForm:
    """``to_json()``/``from_json()`` of a value class, from its stored form declared once as
    the class attribute ``STORED`` (a :class:`~govefficiency._format.Format`; ``WHAT``
    names the value in errors). A stored form's canonical encoding may be covered by the
    hash chain: see tests/ledger/test_golden_encoding.py."""

    __slots__ = ()
    STORED: ClassVar[Format]
    WHAT: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates in ISO form), as stored."""
        return self.STORED.to_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The inverse of :meth:`to_json`."""
        value: Self = cls.STORED.from_json(data, cls.WHAT)
        return value
