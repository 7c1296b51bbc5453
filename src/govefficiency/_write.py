"""Writing declared documents: a JSON-ready mapping (the output of
:meth:`govefficiency._format.Format.dump`) as TOML or JSON text, or to a file."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError, LoadError

__all__ = ["dumps_document", "write_atomic", "write_document"]


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(value: str) -> str:
    # A JSON string literal is a valid TOML basic string, except that TOML also forbids DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if type(value) is dt.date:
        return value.isoformat()  # a TOML local date (see :meth:`Format.toml_native`)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_inline(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in value.items()) + " }"
    raise InvalidTypeError(
        f"cannot write {type(value).__name__} as TOML: give strings, numbers, booleans, lists and tables",
        f"无法写为 TOML：{type(value).__name__}；请只给字符串、数字、布尔值、列表和表",
    )


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _toml_table(
    data: Mapping[str, Any], prefix: str, lines: list[str], sections: Collection[str] = ()
) -> None:
    """The keys of one table: scalars, lists and small tables inline, then the tables named
    in ``sections`` as ``[prefix.key]`` and each list of tables as ``[[prefix.key]]``
    sections (recursively), in the order of the keys."""
    nested = []
    for key, value in data.items():
        if _is_tables(value) or (key in sections and isinstance(value, Mapping)):
            nested.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_inline(value)}")
    for key, tables in nested:
        path = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
        for table in [tables] if isinstance(tables, Mapping) else tables:
            lines.append("")
            lines.append(f"[{path}]" if isinstance(tables, Mapping) else f"[[{path}]]")
            _toml_table(table, path, lines)


def dumps_document(
    doc: Mapping[str, Any],
    fmt: str = "toml",
    *,
    error: type[LoadError] = LoadError,
    sections: Collection[str] = (),
) -> str:
    """A JSON-ready document (the output of :meth:`Format.dump`) as TOML or JSON text;
    :meth:`Format.loads` reads it back. In TOML, the top-level tables named in ``sections``
    are written as ``[key]`` sections rather than inline, and ``datetime.date`` values (see
    :meth:`Format.toml_native`) as date literals."""
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        lines: list[str] = []
        _toml_table(doc, "", lines, sections)
        return "\n".join(lines).lstrip("\n") + "\n"
    raise error(*unknown_format(fmt))


def unknown_format(fmt: object) -> tuple[str, str]:
    """The (en, zh) message for a format that is neither ``toml`` nor ``json``."""
    return f"unknown format {fmt!r}: use 'toml' or 'json'", f"未知格式 {fmt!r}：请使用 'toml' 或 'json'"


def check_fmt(fmt: object, *, error: type[GovEfficiencyError] = InvalidInputError) -> str:
    """``fmt`` if it is ``"toml"`` or ``"json"``; an ``error`` saying so otherwise."""
    if fmt not in ("toml", "json"):
        raise error(*unknown_format(fmt))
    return str(fmt)


def write_document(doc: Mapping[str, Any], path: str | Path, *, error: type[LoadError] = LoadError) -> None:
    """Write a JSON-ready document to ``path``; its suffix (``.toml``/``.json``) picks the format."""
    if not isinstance(path, str | Path):
        raise error(
            f"expected a path to a .toml/.json file, not {type(path).__name__}",
            f"需要 .toml/.json 文件路径，而不是 {type(path).__name__}",
        )
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in ("toml", "json"):
        raise error(
            f"{path}: name the file .toml or .json to choose the format",
            f"{path}：请以 .toml 或 .json 为文件后缀以选择格式",
        )
    text = dumps_document(doc, fmt, error=error)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)  # not the temporary file's name
        raise error(f"{path}: cannot write the file: {reason}", f"{path}：无法写入文件：{reason}") from None


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same directory, then
    renamed over ``path``, so that a reader never sees half a file (an export, a calendar
    app watching an .ics file) and a crash never leaves one. The temporary file is removed
    when anything fails."""
    import os
    import tempfile

    target = Path(path)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # on disk before it replaces the old file
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
