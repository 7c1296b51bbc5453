"""The one home of field validators: every module checks ids, texts, counts, dates and
instants here, so that one value is valid (or not) everywhere, with the same bilingual
message.

* ``check_*`` functions check one value and return it (for loaders and converters);
* the factories (:func:`valid_id`, :func:`valid_text`, :func:`optional`, :func:`tuple_of`…)
  give attrs validators that raise the library's own errors naming ``Class.field``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import attrs

from govefficiency._time import require_aware, require_date
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError
from govefficiency.text import Text

_T = TypeVar("_T")


@attrs.frozen(repr=False)
class _InstanceOf:
    cls: type | tuple[type, ...]
    optional: bool
    message: tuple[str, str] | None = None
    exact: bool = False

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        if not (type(value) is self.cls if self.exact else isinstance(value, self.cls)):
            if self.message is not None:
                fields = _fields(instance, attribute, value)
                raise InvalidTypeError(self.message[0].format(**fields), self.message[1].format(**fields))
            names = (
                " or ".join(c.__name__ for c in self.cls)
                if isinstance(self.cls, tuple)
                else self.cls.__name__
            )
            owner = type(instance).__name__
            raise InvalidTypeError(
                f"{owner}.{attribute.name} must be {names}"
                + (" or None" if self.optional else "")
                + f", not {type(value).__name__} ({value!r})",
                f"{owner}.{attribute.name} 必须是 {names}"
                + ("（或 None）" if self.optional else "")
                + f"，而不是 {type(value).__name__}（{value!r}）",
            )

    def __repr__(self) -> str:
        return f"<instance_of {self.cls!r}{' or None' if self.optional else ''}>"


def instance_of(
    cls: type | tuple[type, ...], en: str | None = None, zh: str | None = None, *, exact: bool = False
) -> _InstanceOf:
    """Like ``attrs.validators.instance_of`` but raising :class:`InvalidTypeError`.

    ``en`` and ``zh`` replace the message (both or neither); they are ``str.format``
    templates with the fields ``owner`` (``Class.field``), ``cls`` (``Class``), ``field``,
    ``value`` and ``type`` (the value's type name). With ``exact`` the type must be ``cls`` itself (an
    ``int`` field refuses ``True``, a ``date`` field a ``datetime``)."""
    return _InstanceOf(cls, False, _message(en, zh), exact)


def optional_instance_of(
    cls: type | tuple[type, ...], en: str | None = None, zh: str | None = None, *, exact: bool = False
) -> _InstanceOf:
    """``instance_of`` that also accepts ``None``."""
    return _InstanceOf(cls, True, _message(en, zh), exact)


def _message(en: str | None, zh: str | None) -> tuple[str, str] | None:
    if (en is None) != (zh is None):
        raise TypeError("give both messages (en and zh) or neither")
    return None if en is None or zh is None else (en, zh)


# --- the one id rule ---------------------------------------------------------------------

#: The longest id any module accepts.
MAX_ID_LENGTH = 128

#: Characters no id may contain besides whitespace and controls: zero-width characters and
#: bidirectional overrides/isolates, which make two different ids look the same on screen.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space/non-joiner/joiner, word joiner, BOM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u200e\u200f\u061c"  # directional marks
)

ID_RULE = Text(
    f"1 至 {MAX_ID_LENGTH} 个字符，不含空白、控制字符、零宽字符或双向控制字符"
    "（如 'transport-bureau'、'市交通局'）",
    f"1 to {MAX_ID_LENGTH} characters, with no whitespace, control, zero-width or "
    "bidirectional-override characters (e.g. 'transport-bureau', '市交通局')",
)


def id_problem(value: str) -> str | None:
    """Why ``value`` breaks the id rule (in English), or ``None`` when it is a valid id."""
    if not value:
        return "it is empty"
    if len(value) > MAX_ID_LENGTH:
        return f"it has {len(value)} characters (at most {MAX_ID_LENGTH})"
    # Fast path, in C: every whitespace character but the plain space, every control
    # character and every character of _INVISIBLE (all of category Cf) is unprintable, so
    # a printable id without a space is valid. Only a bad id is read character by character,
    # to name the first offending character.
    if value.isprintable() and " " not in value:
        return None
    for ch in value:
        if ch.isspace():
            return f"it contains whitespace ({ch!r})"
        if ch in _INVISIBLE:
            return f"it contains the invisible character U+{ord(ch):04X}"
        if not ch.isprintable():
            return f"it contains the control character U+{ord(ch):04X}"
    return None


def check_id(value: object, what: str, *, error: type[GovEfficiencyError] = InvalidInputError) -> str:
    """``value`` if it is a valid id under the library's one id rule; raise otherwise.

    The rule (:data:`ID_RULE`): a string of 1 to 128 characters with no whitespace,
    control, zero-width or bidirectional-override characters. Every module (org charts,
    ledgers, cases, procedures, schemes, catalogues, flows) uses this rule, so an id
    valid in one is valid in all.
    """
    if type(value) is not str:
        raise InvalidTypeError(
            f"{what} must be an id string such as 'transport-bureau', not {type(value).__name__}",
            f"{what} 必须是字符串 id（如 'transport-bureau'），而不是 {type(value).__name__}",
        )
    problem = id_problem(value)
    if problem is not None:
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise error(
            f"{what} {shown!r} is not a valid id: {problem}; an id is {ID_RULE.en}",
            f"{what} {shown!r} 不是有效的 id：id 须为{ID_RULE.zh}",
        )
    return value


def check_optional_id(value: object) -> str | None:
    """``None``, or a valid id (the attrs converter of an optional id field: an error
    names it "an id")."""
    return None if value is None else check_id(value, "an id")


def check_ids(value: object, what: str, *, unique: bool = True) -> tuple[str, ...]:
    """A list/tuple of valid ids as a tuple. A lone string is refused (it is not a list of
    ids); with ``unique`` a repeated id is refused."""
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple | frozenset | set):
        raise InvalidTypeError(
            f"{what} must be a list or tuple of ids, not {type(value).__name__}",
            f"{what} 必须是 id 的列表或元组，而不是 {type(value).__name__}",
        )
    items = tuple(sorted(value) if isinstance(value, frozenset | set) else value)
    seen: set[str] = set()
    for item in items:
        check_id(item, f"each of {what}")
        if unique and item in seen:
            raise InvalidInputError(f"{what} lists {item!r} twice", f"{what} 中 {item!r} 出现了两次")
        seen.add(item)
    return items


def check_text(value: object, what: str, *, empty: bool = False, max_length: int | None = None) -> str:
    """``value`` if it is a usable free text: a string that is not blank (unless
    ``empty``), not made only of invisible characters, and without NUL or other control
    characters other than tab and newline."""
    if type(value) is not str:
        raise InvalidTypeError(
            f"{what} must be a string, not {type(value).__name__}",
            f"{what} 必须是字符串，而不是 {type(value).__name__}",
        )
    if any((not ch.isprintable() and ch not in "\t\n\r") for ch in value if ch not in _INVISIBLE):
        raise InvalidInputError(
            f"{what} contains a control character (such as NUL): remove it",
            f"{what} 含有控制字符（如 NUL），请删除",
        )
    visible = "".join(ch for ch in value if ch not in _INVISIBLE).strip()
    if not empty and not visible:
        raise InvalidInputError(
            f"{what} must not be empty or made only of invisible characters",
            f"{what} 不能为空，也不能只由不可见字符组成",
        )
    if max_length is not None and len(value) > max_length:
        raise InvalidInputError(
            f"{what} has {len(value)} characters; at most {max_length} are allowed",
            f"{what} 有 {len(value)} 个字符，最多允许 {max_length} 个",
        )
    return value


def check_count(value: object, what: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """``value`` if it is an int (not a bool) within ``[minimum, maximum]``."""
    if type(value) is not int:
        raise InvalidTypeError(
            f"{what} must be a whole number, not {type(value).__name__} ({value!r})",
            f"{what} 必须是整数，而不是 {type(value).__name__}（{value!r}）",
        )
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"from {minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
        bound_zh = f"{minimum} 至 {maximum}" if maximum is not None else f"不小于 {minimum}"
        raise InvalidInputError(
            f"{what} must be {bound}; got {value}", f"{what} 必须{bound_zh}，实际为 {value}"
        )
    return value


def check_bool(value: object, what: str) -> bool:
    """``value`` if it is exactly ``True`` or ``False`` (no truthy strings or ints)."""
    if type(value) is not bool:
        raise InvalidTypeError(
            f"{what} must be true or false, not {type(value).__name__} ({value!r})",
            f"{what} 必须是 true 或 false，而不是 {type(value).__name__}（{value!r}）",
        )
    return value


def check_iterable(value: object, what: str, *, hashable: bool = False) -> tuple[Any, ...]:
    """The items of a list, tuple, set or other iterable, as a tuple. A lone string (it is
    not a list of anything), a mapping, or a value that cannot be iterated is refused; with
    ``hashable`` (the items go into a set) so is an item such as a list."""
    if isinstance(value, str | bytes | dict):
        raise InvalidTypeError(
            f"{what} must be a list or tuple, not {type(value).__name__}",
            f"{what} 必须是列表或元组，而不是 {type(value).__name__}",
        )
    try:
        items: tuple[Any, ...] = tuple(value)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidTypeError(
            f"{what} must be a list or tuple, not {type(value).__name__}",
            f"{what} 必须是列表或元组，而不是 {type(value).__name__}",
        ) from None
    if hashable:
        for item in items:
            try:
                hash(item)
            except TypeError:
                raise InvalidTypeError(
                    f"each of {what} must be a single value, not {type(item).__name__}",
                    f"{what} 的每一项必须是单个值，而不是 {type(item).__name__}",
                ) from None
    return items


def instances_of(items: tuple[Any, ...], cls: type[_T], what: str | Text) -> tuple[_T, ...]:
    """``items`` if every one is a ``cls``; :class:`InvalidTypeError` naming the first that
    is not otherwise (``what`` may be a :class:`Text` to name the collection in each
    language)."""
    stray = [item for item in items if not isinstance(item, cls)]
    if stray:
        zh, en = (what.zh, what.en) if isinstance(what, Text) else (what, what)
        got = type(stray[0]).__name__
        raise InvalidTypeError(
            f"{en} must be {cls.__name__} values, not {got}", f"{zh} 必须是 {cls.__name__}，而不是 {got}"
        )
    return items


def first_repeat(keys: Iterable[_T]) -> _T | None:
    """The first key of ``keys`` that was already seen (e.g. an id used twice), or
    ``None`` when they all differ."""
    seen: set[_T] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return None


def check_instances(value: object, cls: type[_T], what: str) -> tuple[_T, ...]:
    """The items of a list, tuple or other iterable (refused like :func:`check_iterable`)
    as a tuple, each a ``cls`` (see :func:`instances_of`)."""
    return instances_of(check_iterable(value, what), cls, what)


def check_iter(value: object, what: str) -> Iterator[Any]:
    """An iterator over ``value`` (which may be a long stream: nothing is materialised);
    refused like :func:`check_iterable` when it is a string, a mapping or not iterable."""
    if isinstance(value, str | bytes | dict):
        check_iterable(value, what)
    try:
        return iter(value)  # type: ignore[call-overload,no-any-return]
    except TypeError:
        raise InvalidTypeError(
            f"{what} must be a list or tuple, not {type(value).__name__}",
            f"{what} 必须是列表或元组，而不是 {type(value).__name__}",
        ) from None


def check_path(value: object, what: str, *, error: type[GovEfficiencyError] = InvalidTypeError) -> Path:
    """``value`` as a :class:`~pathlib.Path` if it is a usable file name (a ``str`` or a
    path, not empty, without NUL); ``error`` otherwise."""
    if not isinstance(value, str | os.PathLike) or isinstance(value, bytes):
        raise error(
            f"{what} must be a file name (str or pathlib.Path), not {type(value).__name__}",
            f"{what} 必须是文件名（str 或 pathlib.Path），而不是 {type(value).__name__}",
        )
    text = os.fspath(value)
    if not isinstance(text, str) or not text or "\x00" in text:
        raise error(
            f"{what} must be a non-empty file name without NUL characters",
            f"{what} 必须是非空且不含 NUL 字符的文件名",
        )
    return Path(text)


# --- attrs validator factories -----------------------------------------------------------

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _owner(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _fields(instance: object, attribute: attrs.Attribute[Any], value: object) -> dict[str, object]:
    """The fields of a message template: ``owner``, ``cls``, ``field``, ``value``, ``type``."""
    return {
        "cls": type(instance).__name__,
        "owner": _owner(instance, attribute),
        "field": attribute.name,
        "value": value,
        "type": type(value).__name__,
    }


def valid_id() -> Validator:
    """An attrs validator for one id (see :func:`check_id`)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_id(value, _owner(instance, attribute))

    return validate


def valid_ids(*, unique: bool = True) -> Validator:
    """An attrs validator for a tuple of ids; pair it with ``converter=tuple`` only if a
    lone string has been refused first (see :func:`check_ids`)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_ids(value, _owner(instance, attribute), unique=unique)

    return validate


def valid_text(*, empty: bool = False, max_length: int | None = None) -> Validator:
    """An attrs validator for a free text (see :func:`check_text`)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_text(value, _owner(instance, attribute), empty=empty, max_length=max_length)

    return validate


def valid_count(*, minimum: int = 0, maximum: int | None = None) -> Validator:
    """An attrs validator for a whole number in a range (bools refused)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_count(value, _owner(instance, attribute), minimum=minimum, maximum=maximum)

    return validate


def valid_bool() -> Validator:
    """An attrs validator for a strict bool."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check_bool(value, _owner(instance, attribute))

    return validate


def valid_date() -> Validator:
    """An attrs validator for a plain calendar date (a datetime is refused)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        require_date(value, _owner(instance, attribute))

    return validate


def valid_instant() -> Validator:
    """An attrs validator for a timezone-aware datetime (a naive one is refused)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        require_aware(value, _owner(instance, attribute))

    return validate


def optional_date_of(what: Text) -> _InstanceOf:
    """An attrs validator: ``None`` or a plain date (not a datetime), the message naming
    the field by ``what`` in each language."""
    return optional_instance_of(
        dt.date,
        f"{what.en} must be a datetime.date or None, not {{type}}",
        f"{what.zh} 必须是 datetime.date 或 None，而不是 {{type}}",
        exact=True,
    )


def at_least(
    minimum: int, en: str, zh: str, *, error: type[GovEfficiencyError] = InvalidInputError
) -> Validator:
    """An attrs validator: ``error`` unless the (already type-checked) number is at least
    ``minimum``; ``en``/``zh`` are templates as for :func:`instance_of`."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value < minimum:
            fields = _fields(instance, attribute, value)
            raise error(en.format(**fields), zh.format(**fields))

    return validate


def optional(validator: Validator) -> Validator:
    """``validator``, but ``None`` is also accepted."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return validate


def tuple_of(validator: Validator) -> Validator:
    """A tuple whose every element passes ``validator`` (a list is refused: convert first)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise InvalidTypeError(
                f"{_owner(instance, attribute)} must be a tuple, not {type(value).__name__}",
                f"{_owner(instance, attribute)} 必须是元组，而不是 {type(value).__name__}",
            )
        for element in value:
            validator(instance, attribute, element)

    return validate


def check_items(
    value: object, cls: type | tuple[type, ...], what: str, *, shown: str = ""
) -> tuple[Any, ...]:
    """The items of a list, tuple, set or other iterable (refused as by
    :func:`check_iterable`), as a tuple, after checking that each is a ``cls``; ``what`` names
    the field (``"Matter.flags"``) and ``shown`` the items (default: the class's name) in the
    bilingual error. The one check of "a collection of values of one class"."""
    items = check_iterable(value, what)
    for item in items:
        if not isinstance(item, cls):
            name = shown or (cls.__name__ if isinstance(cls, type) else " / ".join(c.__name__ for c in cls))
            raise InvalidTypeError(
                f"{what} must contain {name} values, not {type(item).__name__} ({item!r})",
                f"{what} 只能包含 {name}，而不是 {type(item).__name__}（{item!r}）",
            )
    return items
