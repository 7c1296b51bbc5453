"""JSON Lines import and export: one entry per line, exactly as hashed.

Each line is the JSON object of :meth:`Entry.to_json` (keys sorted, compact, UTF-8)::

    {"corrects":null,"hash":"…","item":"T1","kind":"progress_reported","payload":{…},
     "prev":"…","recorded":"2026-06-30T17:00:00+08:00","seq":7}
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from govefficiency._loading import (
    MAX_DEPTH,
    MAX_INTEGER_DIGITS,
    _bounded_int,
    _IntegerTooLargeError,
    check_bounds,
    unreadable,
)
from govefficiency._validators import check_iter, check_path
from govefficiency.errors import GovEfficiencyError, InvalidTypeError, LedgerFileError
from govefficiency.ledger._entries import Entry, dumps

__all__ = ["iter_jsonl", "read_jsonl", "write_jsonl"]

#: How the export's temporary file is opened (a seam for tests of a failing disk).
_fdopen = os.fdopen


def write_jsonl(entries: Iterable[Entry], path: str | os.PathLike[str]) -> int:
    """Write ``entries`` to ``path`` as JSON Lines (replacing it); return the count.

    The file is written atomically: into a temporary file next to it, flushed to disk,
    then renamed over ``path``. A failure half-way (a full disk, a bad entry) leaves
    ``path`` as it was, never empty or cut short. A target that is not a regular file
    (``/dev/stdout``, a pipe) is written directly.

    Raises:
        LedgerFileError: the file cannot be written.
        InvalidTypeError: a value that is not an :class:`Entry` (nothing is written).
    """
    target = check_path(path, "path", error=LedgerFileError)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with target.open("w", encoding="utf-8", newline="\n") as out:
                return _write_lines(entries, out)
        except OSError as exc:
            raise _cannot_write(target, exc, atomic=False) from None
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with _fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            count = _write_lines(entries, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o644)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return count


def _write_lines(entries: Iterable[Entry], out: object) -> int:
    write = out.write  # type: ignore[attr-defined]
    count = 0
    for entry in check_iter(entries, "entries"):
        if not isinstance(entry, Entry):
            raise InvalidTypeError(
                f"write_jsonl() writes Entry values, not {type(entry).__name__}",
                f"write_jsonl() 只能写入 Entry，而不是 {type(entry).__name__}",
            )
        write(dumps(entry.to_json()))
        write("\n")
        count += 1
    return count


def _cannot_write(target: Path, exc: OSError, *, atomic: bool = True) -> LedgerFileError:
    return LedgerFileError(
        f"{target}: cannot write the export ({exc})" + ("; the file was left as it was" if atomic else ""),
        f"{target}：无法写入导出文件（{exc}）" + ("；原文件未被改动" if atomic else ""),
        origin=str(target),
    )


def read_jsonl(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """Read entries from a JSON Lines file, in file order, without checking the chain
    (pass them to :func:`verify_entries`, or import them with :meth:`Ledger.from_jsonl`,
    which refuses a broken chain). Blank lines are ignored.

    Raises:
        LedgerFileError: the file cannot be read, or a line is not an entry (the error
            names the line).
    """
    return tuple(entry for _, entry in iter_jsonl(path))


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Entry]]:
    """The entries of a JSON Lines file with their line numbers, read one line at a time
    (memory does not grow with the file). Blank lines are skipped.

    Raises:
        LedgerFileError: the file cannot be read, or a line is not an entry (the error
            names the line), is nested more than 32 levels deep or holds an integer of
            more than 18 digits.
    """
    source = check_path(path, "path", error=LedgerFileError)
    origin = str(source)
    try:
        handle = source.open("rb")
    except OSError as exc:
        raise unreadable(origin, exc, error=LedgerFileError) from None
    first = True
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise LedgerFileError(
                        f"{origin}: line {number}: not UTF-8 text ({exc.reason})",
                        f"{origin}：第 {number} 行：不是 UTF-8 文本（{exc.reason}）",
                        origin=origin,
                        location=f"line {number}",
                    ) from None
                if not line.strip():
                    continue
                if first:
                    first = False
                    yield number, _first_entry(line, number, origin, source)
                    continue
                yield number, _entry(line, number, origin)
        except OSError as exc:
            raise unreadable(origin, exc, error=LedgerFileError) from None


def _first_entry(line: str, number: int, origin: str, source: Path) -> Entry:
    """The first entry; when it is not one, the error says what the file looks like (a
    checklist, a JSON document) and that a JSON Lines export is one entry per line."""
    try:
        return _entry(line, number, origin)
    except LedgerFileError as exc:
        from govefficiency.ledger._sniff import kind_hint

        hint = kind_hint(source)
        if hint is None:
            raise
        raise LedgerFileError(
            f"{origin} is not a JSON Lines export of a ledger: it looks like {hint[0]}. `ledger import` "
            f"takes the file `govefficiency ledger export` writes, one entry per line ({exc.en})",
            f"{origin} 不是台账的 JSON Lines 导出文件，看起来是{hint[1]}。`ledger import` 只接受 "
            f"`govefficiency ledger export` 写出的文件，每行一条记录（{exc.zh or exc.en}）",
            origin=origin,
            location=f"line {number}",
        ) from None


def _entry(line: str, number: int, origin: str) -> Entry:
    where = f"line {number}"

    def fail(en: str, zh: str) -> LedgerFileError:
        return LedgerFileError(
            f"{origin}: {where}: {en}", f"{origin}：第 {number} 行：{zh}", origin=origin, location=where
        )

    try:
        data = json.loads(line, parse_int=_bounded_int)
        check_bounds(data, origin=f"{origin}: {where}", error=LedgerFileError)
        return Entry.from_json(data)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg}", f"JSON 语法错误：{exc.msg}") from None
    except RecursionError:
        raise fail(f"nested more than {MAX_DEPTH} levels deep", f"嵌套超过 {MAX_DEPTH} 层") from None
    except _IntegerTooLargeError:
        raise fail(
            f"a number is too large (at most {MAX_INTEGER_DIGITS} digits)",
            f"数字过大（最多 {MAX_INTEGER_DIGITS} 位）",
        ) from None
    except LedgerFileError as exc:  # from check_bounds: its message names the line already
        raise LedgerFileError(exc.en, exc.zh, origin=origin, location=where) from None
    except GovEfficiencyError as exc:
        raise fail(exc.en, exc.zh or exc.en) from None
