"""Private helpers to read TOML/JSON documents with precise, located errors.

Every file format in govefficiency (calendar patches, statute rules, org charts, decision
records, procedure specs, ledger items, escalation policies) is read through
:func:`read_document` and :class:`Fields`, so that each error names the file, the key
path (``days[2].date``) and what is wrong, and unknown keys are never silently ignored.

Usage::

    doc = read_document(path, error=PatchError)          # a Fields over the top level
    year = doc.integer("year", minimum=2001)
    for day in doc.tables("days"):
        d = day.date("date")
        day.finish()                                     # unknown keys -> error
    doc.finish()
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from govefficiency._write import unknown_format
from govefficiency.errors import LoadError
from govefficiency.text import Text

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
_MISSING: Any = object()


def read_document(
    source: str | Path | Mapping[str, Any],
    *,
    error: type[LoadError] = LoadError,
    fmt: str | None = None,
) -> Fields:
    """Read a TOML or JSON document into a :class:`Fields` view.

    Args:
        source: a path (``.toml`` or ``.json``), or an already parsed mapping.
        error: the :class:`LoadError` subclass to raise (e.g. ``PatchError``).
        fmt: ``"toml"`` or ``"json"`` to override the file suffix.
    """
    if isinstance(source, Mapping):
        return Fields(source, origin="<mapping>", location="", error=error)
    if not isinstance(source, str | Path):
        raise error(
            f"expected a path to a .toml/.json file or a mapping, not {type(source).__name__}",
            f"需要 .toml/.json 文件路径或映射，而不是 {type(source).__name__}",
        )
    path = Path(source)
    origin = str(path)
    kind = fmt or path.suffix.lower().lstrip(".")
    if kind not in ("toml", "json"):
        raise error(
            f"{origin}: cannot tell the format from the suffix {path.suffix!r}; name the file .toml or .json",
            f"{origin}：无法从后缀 {path.suffix!r} 判断格式，请使用 .toml 或 .json",
            origin=origin,
        )
    return parse_document(read_text(path, error=error), fmt=kind, origin=origin, error=error)


def read_text(path: Path, *, error: type[LoadError] = LoadError, encoding: str = "utf-8") -> str:
    """The text of the file ``path``; a missing or unreadable file (or one that is not
    ``encoding``) is an ``error`` naming it."""
    origin = str(path)
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise error(f"{origin}: no such file", f"{origin}：文件不存在", origin=origin) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(origin, exc, error=error) from None


def unreadable(origin: str, exc: Exception, *, error: type[LoadError] = LoadError) -> LoadError:
    """The ``error`` for a file that exists but cannot be read (``exc`` says why)."""
    return error(f"{origin}: cannot read the file ({exc})", f"{origin}：无法读取文件（{exc}）", origin=origin)


def parse_document(
    text: str, *, fmt: str, origin: str = "<string>", error: type[LoadError] = LoadError
) -> Fields:
    """Parse TOML or JSON text into a :class:`Fields` view; syntax errors carry the line."""
    return as_fields(parse_data(text, fmt=fmt, origin=origin, error=error), origin=origin, error=error)


def parse_data(text: str, *, fmt: str, origin: str = "<string>", error: type[LoadError] = LoadError) -> Any:
    """Parse TOML or JSON text (syntax errors carry the line; a document nested too deep or
    holding a huge number is refused); the top level may be anything JSON allows (a list
    document, see :class:`govefficiency._format.ListDocument`)."""
    data: Any
    if not isinstance(text, str):
        raise error(
            f"{origin}: the document must be a str, not {type(text).__name__}",
            f"{origin}：文档必须是字符串，而不是 {type(text).__name__}",
            origin=origin,
        )
    if fmt == "toml":
        try:
            data = tomllib.loads(text)
        except RecursionError:
            raise _too_deep(origin, error) from None
        except tomllib.TOMLDecodeError as exc:
            raise error(
                f"{origin}: invalid TOML: {exc}", f"{origin}：TOML 语法错误：{exc}", origin=origin
            ) from None
    elif fmt == "json":
        try:
            data = json.loads(text, parse_int=_bounded_int)
        except RecursionError:
            raise _too_deep(origin, error) from None
        except _IntegerTooLargeError as exc:
            raise error(
                f"{origin}: the number {exc.args[0]} is too large (at most {MAX_INTEGER_DIGITS} digits)",
                f"{origin}：数字 {exc.args[0]} 过大（最多 {MAX_INTEGER_DIGITS} 位）",
                origin=origin,
            ) from None
        except json.JSONDecodeError as exc:
            raise error(
                f"{origin}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                f"{origin}：JSON 语法错误，第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}",
                origin=origin,
            ) from None
    else:
        raise error(*unknown_format(fmt), origin=origin)
    check_bounds(data, origin=origin, error=error)
    return data


def as_fields(data: Any, *, origin: str, error: type[LoadError] = LoadError) -> Fields:
    """A :class:`Fields` view of a parsed document, whose top level must be a table."""
    if not isinstance(data, dict):
        raise error(
            f"{origin}: the top level must be a table/object",
            f"{origin}：顶层必须是表/对象",
            origin=origin,
        )
    return Fields(data, origin=origin, location="", error=error)


#: Keys every table may carry: ``$schema`` points editors at the format's JSON Schema.
_ALWAYS_ALLOWED = frozenset({"$schema"})

#: The deepest nesting of tables/arrays any govefficiency file needs is about 6; anything
#: past this is refused before a loader walks it (a "JSON bomb" costs nothing to refuse).
MAX_DEPTH = 32
#: Integers in files are counts, days, years or sequence numbers: far below 18 digits.
MAX_INTEGER_DIGITS = 18


class _IntegerTooLargeError(ValueError):
    pass


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _IntegerTooLargeError(text[:24] + ("…" if len(text) > 24 else ""))
    return int(text)


def _too_deep(origin: str, error: type[LoadError]) -> LoadError:
    return error(
        f"{origin}: the document is nested more than {MAX_DEPTH} levels deep; no govefficiency "
        "file format needs that — check that this is the right file",
        f"{origin}：文档嵌套超过 {MAX_DEPTH} 层，任何 govefficiency 文件格式都不需要这么深，请确认文件是否正确",
        origin=origin,
    )


def check_bounds(data: Any, *, origin: str, error: type[LoadError] = LoadError) -> None:
    """Refuse a parsed document nested deeper than :data:`MAX_DEPTH` or holding an integer
    of more than :data:`MAX_INTEGER_DIGITS` digits (iteratively: no recursion to exhaust)."""
    limit = 10**MAX_INTEGER_DIGITS
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise _too_deep(origin, error)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list | int))
        elif type(value) is int and not -limit < value < limit:
            raise error(
                f"{origin}: a number is too large (at most {MAX_INTEGER_DIGITS} digits)",
                f"{origin}：数字过大（最多 {MAX_INTEGER_DIGITS} 位）",
                origin=origin,
            )


def _reader(check: Callable[..., Any]) -> Callable[..., Any]:
    """A :class:`Fields` accessor ``(key, default=<required>, ...)`` made from
    ``check(self, key, value, ...)``: the value of ``key`` as ``check`` returns it, or
    ``default`` itself (unchecked) when the key is absent and a default is given."""

    def read(self: Fields, key: str, default: Any = _MISSING, *args: Any, **kwargs: Any) -> Any:
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return value
        return check(self, key, value, *args, **kwargs)

    read.__name__ = read.__qualname__ = check.__name__
    read.__doc__ = check.__doc__
    return read


class Fields:
    """A read-only view of one table of a document that remembers where it is.

    Each accessor checks the type of a key and raises the document's error class with
    ``origin`` and the key path. :meth:`finish` raises if any key was never read, so
    that a misspelt key is an error rather than silently ignored.
    """

    __slots__ = ("_data", "_error", "_location", "_origin", "_seen")

    def __init__(
        self, data: Mapping[str, Any], *, origin: str, location: str, error: type[LoadError]
    ) -> None:
        self._data = data
        self._origin = origin
        self._location = location
        self._error = error
        self._seen: set[str] = set()

    # -- error construction ---------------------------------------------------------------

    @property
    def origin(self) -> str:
        return self._origin

    def path(self, key: str | None = None) -> str:
        """The key path of ``key`` inside this table (``days[2].date``)."""
        if key is None:
            return self._location or "<top level>"
        return f"{self._location}.{key}" if self._location else key

    def fail(self, key: str | None, en: str, zh: str) -> LoadError:
        """An error (to raise) located at ``key`` of this table."""
        where = self.path(key)
        return self._error(
            f"{self._origin}: {where}: {en}",
            f"{self._origin}：{where}：{zh}",
            origin=self._origin,
            location=where,
        )

    # -- access -----------------------------------------------------------------------------

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def keys(self) -> list[str]:
        return list(self._data)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        """The value of ``key`` as parsed, unchecked."""
        self._seen.add(key)
        if key in self._data:
            return self._data[key]
        if default is _MISSING:
            raise self.fail(key, "this key is required", "缺少必填项")
        return default

    def _typed(self, key: str, value: Any, types: tuple[type, ...], what_en: str, what_zh: str) -> Any:
        """``value`` if it is one of ``types`` (a boolean only if ``bool`` is one)."""
        if isinstance(value, bool) and bool not in types:
            raise self.fail(key, f"must be {what_en}, not a boolean", f"必须是{what_zh}，而不是布尔值")
        if not isinstance(value, types):
            raise self.fail(
                key,
                f"must be {what_en}, not {type(value).__name__} ({value!r})",
                f"必须是{what_zh}，而不是 {type(value).__name__}（{value!r}）",
            )
        return value

    @_reader
    def string(self, key: str, value: Any, *, choices: tuple[str, ...] = ()) -> Any:
        """A non-empty string (one of ``choices`` when given)."""
        self._typed(key, value, (str,), "a string", "字符串")
        if not value.strip():
            raise self.fail(key, "must not be empty", "不能为空")
        if choices and value not in choices:
            raise self.fail(
                key,
                f"must be one of {', '.join(choices)}; got {value!r}",
                f"必须是 {', '.join(choices)} 之一，而不是 {value!r}",
            )
        return value

    @_reader
    def boolean(self, key: str, value: Any) -> Any:
        """``true`` or ``false``."""
        return self._typed(key, value, (bool,), "true or false", "true 或 false")

    @_reader
    def integer(self, key: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> Any:
        """An integer within ``[minimum, maximum]`` when given."""
        self._typed(key, value, (int,), "an integer", "整数")
        return self._in_range(key, value, minimum, maximum)

    @_reader
    def number(
        self, key: str, value: Any, *, minimum: float | None = None, maximum: float | None = None
    ) -> Any:
        """An int or float within ``[minimum, maximum]`` when given."""
        self._typed(key, value, (int, float), "a number", "数字")
        return self._in_range(key, value, minimum, maximum)

    def _in_range(self, key: str, value: Any, minimum: float | None, maximum: float | None) -> Any:
        """``value`` if it lies within ``[minimum, maximum]`` (either may be ``None``)."""
        if minimum is not None and value < minimum:
            raise self.fail(
                key,
                f"must be at least {minimum}; got {value}",
                f"不能小于 {minimum}，实际为 {value}",
            )
        if maximum is not None and value > maximum:
            raise self.fail(
                key,
                f"must be at most {maximum}; got {value}",
                f"不能大于 {maximum}，实际为 {value}",
            )
        return value

    @_reader
    def date(self, key: str, value: Any) -> Any:
        """A calendar date: a TOML date, or an ISO ``YYYY-MM-DD`` string (JSON)."""
        if isinstance(value, dt.datetime):
            raise self.fail(
                key,
                "must be a date (YYYY-MM-DD), not a date-time",
                "必须是日期（YYYY-MM-DD），而不是日期时间",
            )
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            # exactly YYYY-MM-DD, as the schemas say: not the other forms date.fromisoformat
            # takes (20261012, 2026-W42-1)
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(
            key,
            f"must be a date in the form YYYY-MM-DD, not {value!r}",
            f"必须是 YYYY-MM-DD 格式的日期，而不是 {value!r}",
        )

    @_reader
    def instant(self, key: str, value: Any) -> Any:
        """An aware date-time: a TOML offset date-time or an ISO 8601 string with offset."""
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                raise self.fail(
                    key,
                    f"must be an ISO 8601 date-time with offset, not {value!r}",
                    f"必须是带时区偏移的 ISO 8601 日期时间，而不是 {value!r}",
                ) from None
        if not isinstance(value, dt.datetime):
            raise self.fail(
                key,
                f"must be a date-time with offset, not {value!r}",
                f"必须是带时区偏移的日期时间，而不是 {value!r}",
            )
        if value.tzinfo is None:
            raise self.fail(
                key,
                "has no time zone offset: write e.g. 2026-10-12T09:00:00+08:00",
                "缺少时区偏移：请写成如 2026-10-12T09:00:00+08:00",
            )
        return value

    def member(self, key: str, cls: type[E], default: Any = _MISSING) -> Any:
        """A member of ``cls`` given by its value (e.g. ``"public_holiday"``)."""
        value = self.raw(key, default)
        if value is default and default is not _MISSING:
            return value
        allowed = [m.value for m in cls]
        for member in cls:
            if member.value == value:
                return member
        raise self.fail(
            key,
            f"must be one of {', '.join(map(str, allowed))}; got {value!r}",
            f"必须是 {', '.join(map(str, allowed))} 之一，而不是 {value!r}",
        )

    @_reader
    def text(self, key: str, value: Any) -> Any:
        """A bilingual text given as a table ``{zh = "…", en = "…"}``."""
        sub = self._sub(key, value)
        text = Text(sub.string("zh"), sub.string("en"))
        sub.finish()
        return text

    @_reader
    def strs(self, key: str, value: Any) -> Any:
        """A list of non-empty strings, as a tuple."""
        if not isinstance(value, list):
            raise self.fail(key, "must be a list of strings", "必须是字符串列表")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(
                    f"{key}[{i}]",
                    f"must be a non-empty string, not {item!r}",
                    f"必须是非空字符串，而不是 {item!r}",
                )
        return tuple(value)

    @_reader
    def table(self, key: str, value: Any) -> Any:
        """A sub-table, as :class:`Fields`."""
        return self._sub(key, value)

    @_reader
    def tables(self, key: str, value: Any) -> Any:
        """A list of tables (TOML ``[[key]]``), as a list of :class:`Fields`."""
        if not isinstance(value, list):
            raise self.fail(
                key,
                "must be a list of tables ([[...]] in TOML)",
                "必须是表的列表（TOML 中的 [[...]]）",
            )
        return [self._sub(f"{key}[{i}]", item) for i, item in enumerate(value)]

    def items(self) -> Iterator[tuple[str, Any]]:
        """All keys and raw values (marks them as read)."""
        for key, value in self._data.items():
            self._seen.add(key)
            yield key, value

    def _sub(self, key: str, value: Any) -> Fields:
        if not isinstance(value, Mapping):
            raise self.fail(
                key,
                f"must be a table/object, not {type(value).__name__}",
                f"必须是表/对象，而不是 {type(value).__name__}",
            )
        return Fields(value, origin=self._origin, location=self.path(key), error=self._error)

    def check(self, key: str, ok: bool, en: str, zh: str) -> None:
        """Raise a located error at ``key`` unless ``ok``."""
        if not ok:
            raise self.fail(key, en, zh)

    def finish(self) -> None:
        """Raise if the table has keys that were never read (misspelt or unsupported)."""
        unknown = sorted(set(self._data) - self._seen - _ALWAYS_ALLOWED)
        if unknown:
            known = ", ".join(sorted(self._seen)) or "none"
            raise self.fail(
                unknown[0],
                f"unknown key {unknown[0]!r} (allowed here: {known})",
                f"未知的键 {unknown[0]!r}（此处允许：{known}）",
            )

    def convert(self, key: str, fn: Callable[[Any], Any]) -> Any:
        """Apply ``fn`` to the value of ``key``, turning library errors into located ones."""
        return self.build_at(key, fn, self.raw(key))

    def build(self, make: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``make(*args, **kwargs)`` — typically a record's constructor — with any library
        error it raises re-raised at this table's location, so that an invariant checked
        by the constructor is reported with the file and key path like a format error."""
        return self.build_at(None, make, *args, **kwargs)

    def build_at(self, key: str | None, make: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """:meth:`build`, with the error located at ``key`` of this table (``None``: the
        table itself)."""
        from govefficiency.errors import GovEfficiencyError

        try:
            return make(*args, **kwargs)
        except GovEfficiencyError as exc:
            raise self.fail(key, exc.en, exc.zh or exc.en) from None
