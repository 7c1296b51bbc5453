"""The table of bad values the API harness feeds to every parameter of every public callable."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _deep_list(depth: int = 200) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _deep_dict(depth: int = 200) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


#: name -> factory of a bad value. Each is wrong for most parameters; for a parameter
#: where one is acceptable (a long text for a free text) the callable may accept it: the
#: harness asserts only that whatever is *raised* is a library error, and the
#: type-directed rules of ``MUST_REFUSE`` assert the refusals that must happen.
BAD_VALUES: dict[str, Callable[[], Any]] = {
    "none": lambda: None,
    "bool-true": lambda: True,
    "bool-false": lambda: False,
    "int": lambda: 5,
    "negative-int": lambda: -1,
    "huge-int": lambda: 10**40,
    "float": lambda: 2.5,
    "nan": lambda: math.nan,
    "inf": lambda: math.inf,
    "minus-inf": lambda: -math.inf,
    "naive-datetime": lambda: dt.datetime(2026, 10, 8, 9, 0),
    "aware-datetime": lambda: dt.datetime(2026, 10, 8, 9, 0, tzinfo=dt.UTC),
    "date-min": lambda: dt.date.min,
    "date-max": lambda: dt.date.max,
    "datetime-max": lambda: dt.datetime.max.replace(tzinfo=dt.UTC),
    "date-string": lambda: "2026-10-08",
    "string": lambda: "abc",
    "empty-string": lambda: "",
    "blank-string": lambda: "   ",
    "zero-width-only": lambda: "\u200b\u200b",
    "bidi-override-only": lambda: "\u202e",
    "nul-only": lambda: "\x00",
    "contains-nul": lambda: "a\x00b",
    "long-string": lambda: "x" * 100_000,
    "bytes": lambda: b"abc",
    "empty-list": list,
    "list-of-ints": lambda: [1, 2, 3],
    "list-of-none": lambda: [None],
    "set-of-strings": lambda: {"a", "b"},
    "dict": lambda: {"a": 1},
    "deep-list": _deep_list,
    "deep-dict": _deep_dict,
    "object": lambda: object(),
    "missing-path": lambda: Path("/nonexistent/govefficiency/file.toml"),
    "directory-path": lambda: Path("/"),
    "time": lambda: dt.time(9, 0),
    "timedelta": lambda: dt.timedelta(days=1),
}
