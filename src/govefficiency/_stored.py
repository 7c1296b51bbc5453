"""The strict JSON codec of a stored form (a declared format whose keys are all required,
such as a ledger payload): a writer and a reader generated once per format from its keys,
as attrs generates ``__init__``. A stored form is written and read for every ledger entry,
so each is one straight-line function, not a loop over the keys; the bytes it writes are
pinned by ``tests/ledger/test_golden_encoding.py``."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from typing import Any

from govefficiency._format import (
    Bool,
    Choice,
    Date,
    Format,
    Id,
    Int,
    Key,
    ListOf,
    Nullable,
    Num,
    SetOf,
    Str,
    Table,
    Tables,
)
from govefficiency._time import parse_iso_date
from govefficiency.errors import InvalidInputError, InvalidTypeError

__all__ = ["compile_codec", "exact_keys", "json_list", "member"]

Codec = tuple[Callable[[Any], dict[str, Any]], Callable[[object, str], Any]]


def compile_codec(fmt: Format) -> Codec:
    """The writer and the reader of ``fmt``'s strict JSON codec (see the module)."""
    if fmt.unbuild is not None or not all(key.required for key in fmt.keys):
        raise TypeError(f"the {fmt.name} format is not a stored form (a key is optional or unbuilt)")
    env: dict[str, Any] = {
        "exact_keys": exact_keys,
        "member": member,
        "json_list": json_list,
        "NAMES": tuple(key.name for key in fmt.keys),
        "build": fmt.build if fmt.build is not None else dict,
    }
    written, read = [], []
    for i, key in enumerate(fmt.keys):
        written.append(f"{key.name!r}: {_write_source(key, i, env)}")
        reader = _reader(key.kind)
        read.append(f"{key.target}={_read_source(key, i, reader, env)}")
    source = (
        "def write(v):\n"
        f"    return {{{', '.join(written)}}}\n"
        "def read(d, what):\n"
        "    exact_keys(d, NAMES, what)\n"
        f"    return build({', '.join(read)})\n"
    )
    exec(compile(source, f"<stored form {fmt.name}>", "exec"), env)  # generated from the declaration
    codec: Codec = (env["write"], env["read"])
    return codec


def _write_source(key: Key, i: int, env: dict[str, Any]) -> str:
    """The expression that writes attribute ``key.target`` of ``v`` (inlined for the
    common kinds; ``None`` is written as ``null``)."""
    kind = key.kind.item if isinstance(key.kind, Nullable) else key.kind
    if isinstance(kind, Date | Choice):
        call = "{}.isoformat()" if isinstance(kind, Date) else "{}.value"
    else:
        writer = _writer(kind)
        if writer is None:
            return f"v.{key.target}"
        env[f"w{i}"] = writer
        call = f"w{i}({{}})"
    if isinstance(key.kind, Nullable):
        return f"(None if (x{i} := v.{key.target}) is None else {call.format(f'x{i}')})"
    return call.format(f"v.{key.target}")


def _read_source(key: Key, i: int, reader: Callable[[Any, str], Any] | None, env: dict[str, Any]) -> str:
    """The expression that reads ``key`` from the stored mapping ``d`` (inlined for the
    common kinds)."""
    raw, kind = f"d[{key.name!r}]", key.kind
    if isinstance(kind, Choice):
        env[f"c{i}"] = kind.cls
        return f"member(c{i}, {raw}, {key.name!r})"
    if isinstance(kind, Table | Tables):
        env[f"f{i}"] = kind.format.from_json
        if isinstance(kind, Table):
            return f"f{i}({raw})"
        return f"[f{i}(x) for x in json_list({raw}, {key.name!r})]"
    if reader is None:
        return raw
    env[f"r{i}"] = reader
    return f"r{i}({raw}, {key.name!r})"


def _writer(kind: Any) -> Callable[[Any], Any] | None:
    """How a value is written (``None``: as it is; ``None`` itself is always ``null``)."""
    if isinstance(kind, Nullable):
        return _writer(kind.item)
    if isinstance(kind, Str | Id | Int | Num | Bool):
        return None
    if isinstance(kind, ListOf) and _writer(kind.item) is None:
        return list
    if isinstance(kind, Table | Tables) and all(key.required for key in kind.format.keys):
        nested = kind.format
        if isinstance(kind, Table):
            return nested.to_json
        return lambda items: [nested.to_json(v) for v in items]
    return kind.dump  # type: ignore[no-any-return]


def _reader(kind: Any) -> Callable[[Any, str], Any] | None:
    """How a stored value is read (``None``: as it is, for the constructor to check)."""
    if isinstance(kind, Nullable):
        inner = _reader(kind.item)
        if inner is None:
            return None
        return lambda value, what: None if value is None else inner(value, what)
    if isinstance(kind, Date):
        return parse_iso_date
    if isinstance(kind, Choice):
        cls = kind.cls
        return lambda value, what: member(cls, value, what)
    if isinstance(kind, Table):
        return lambda value, what: kind.format.from_json(value)
    if isinstance(kind, Tables):
        return lambda value, what: [kind.format.from_json(v) for v in json_list(value, what)]
    if isinstance(kind, ListOf | SetOf):
        return json_list
    return None


def exact_keys(data: object, keys: tuple[str, ...], what: str) -> None:
    """Raise unless ``data`` is a mapping with exactly ``keys``."""
    if not isinstance(data, Mapping):
        raise InvalidTypeError(
            f"{what} must be a JSON object, not {type(data).__name__}",
            f"{what} 必须是 JSON 对象，而不是 {type(data).__name__}",
        )
    if data.keys() != _keyset(keys):
        missing = sorted(set(keys) - set(data))
        extra = sorted(set(data) - set(keys))
        raise InvalidInputError(
            f"{what} has missing keys {missing} or unknown keys {extra}",
            f"{what} 缺少键 {missing} 或含有未知键 {extra}",
        )


@functools.lru_cache(maxsize=256)
def _keyset(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


def json_list(value: object, what: str) -> list[Any]:
    """``value`` if it is a JSON array."""
    if not isinstance(value, list):
        raise InvalidTypeError(f"{what} must be a JSON array", f"{what} 必须是 JSON 数组")
    return value


def member(cls: type[enum.Enum], value: object, what: str) -> Any:
    """The member of ``cls`` whose value is ``value``."""
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise InvalidInputError(
            f"{what} must be one of {allowed}; got {value!r}",
            f"{what} 必须是 {allowed} 之一，而不是 {value!r}",
        ) from None
