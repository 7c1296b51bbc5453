"""JSON Lines import and export: one entry per line, exactly as hashed.

Each line is the JSON object of :meth:`Entry.to_json` (keys sorted, compact, UTF-8)::

    {"corrects":null,"hash":"…","item":"T1","kind":"progress_reported","payload":{…},
     "prev":"…","recorded":"2026-06-30T17:00:00+08:00","seq":7}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from govefficiency.errors import GovEfficiencyError, InvalidTypeError, LedgerFileError
from govefficiency.ledger._entries import Entry, dumps

__all__ = ["read_jsonl", "write_jsonl"]


def write_jsonl(entries: Iterable[Entry], path: str | os.PathLike[str]) -> int:
    """Write ``entries`` to ``path`` as JSON Lines (overwriting it); return the count.

    Raises:
        LedgerFileError: the file cannot be written.
    """
    target = Path(path)
    count = 0
    try:
        with target.open("w", encoding="utf-8", newline="\n") as out:
            for entry in entries:
                if not isinstance(entry, Entry):
                    raise InvalidTypeError(
                        f"write_jsonl() writes Entry values, not {type(entry).__name__}",
                        f"write_jsonl() 只能写入 Entry，而不是 {type(entry).__name__}",
                    )
                out.write(dumps(entry.to_json()))
                out.write("\n")
                count += 1
    except OSError as exc:
        raise LedgerFileError(
            f"{target}: cannot write the export ({exc})",
            f"{target}：无法写入导出文件（{exc}）",
            origin=str(target),
        ) from None
    return count


def read_jsonl(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """Read entries from a JSON Lines file, in file order, without checking the chain
    (pass them to :func:`verify_entries`, or import them with :meth:`Ledger.from_jsonl`,
    which refuses a broken chain). Blank lines are ignored.

    Raises:
        LedgerFileError: the file cannot be read, or a line is not an entry (the error
            names the line).
    """
    source = Path(path)
    origin = str(source)
    entries: list[Entry] = []
    try:
        handle = source.open("r", encoding="utf-8")
    except OSError as exc:
        raise LedgerFileError(
            f"{origin}: cannot read the file ({exc})", f"{origin}：无法读取文件（{exc}）", origin=origin
        ) from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"line {number}"
                try:
                    data = json.loads(line)
                    entries.append(Entry.from_json(data))
                except json.JSONDecodeError as exc:
                    raise LedgerFileError(
                        f"{origin}: {where}: invalid JSON: {exc.msg}",
                        f"{origin}：第 {number} 行：JSON 语法错误：{exc.msg}",
                        origin=origin,
                        location=where,
                    ) from None
                except GovEfficiencyError as exc:
                    raise LedgerFileError(
                        f"{origin}: {where}: {exc.en}",
                        f"{origin}：第 {number} 行：{exc.zh or exc.en}",
                        origin=origin,
                        location=where,
                    ) from None
        except UnicodeDecodeError as exc:
            raise LedgerFileError(
                f"{origin}: not UTF-8 text ({exc})", f"{origin}：不是 UTF-8 文本（{exc}）", origin=origin
            ) from None
    return tuple(entries)
