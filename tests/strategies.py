"""Shared hypothesis strategies, constants and helpers for the test suite (importable as `strategies`)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from govefficiency import Citation, Text, WorkCalendar, china_calendar
from govefficiency.errors import GovEfficiencyError
from govefficiency.testing import CST

#: Beijing time (the suite's older name for ``govefficiency.testing.CST``).
SHANGHAI = CST
BASIS = Citation(Text("行政许可法", "Administrative Licensing Law"), "45", 2019)


def cal() -> WorkCalendar:
    return china_calendar()


def json_garbage(
    scalars: st.SearchStrategy[Any] | None = None,
    keys: st.SearchStrategy[str] | None = None,
    *,
    max_items: int = 3,
    max_keys: int = 4,
    max_leaves: int = 20,
) -> st.SearchStrategy[Any]:
    """Any JSON-like value (what TOML or JSON could give a loader): ``scalars`` (default:
    None, bools, ints, floats, short text) nested in lists of up to ``max_items`` (3) and tables of up to
    ``max_keys`` ``keys`` (default: short text)."""
    leaf = (
        scalars
        if scalars is not None
        else st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    )
    key = keys if keys is not None else st.text(max_size=8)
    return st.recursive(
        leaf,
        lambda inner: st.lists(inner, max_size=max_items) | st.dictionaries(key, inner, max_size=max_keys),
        max_leaves=max_leaves,
    )


#: Bad values for the fuzz tests of the file formats: any JSON-like document.
GARBAGE = json_garbage()

#: Two units of an org-chart file with the names people write (aliases): the name
#: resolution tests and the escalation CLI's ``--graph`` file share them.
UNITS_WITH_ALIASES = """
[[units]]
id = "edu"
name = { zh = "南阳市教育局", en = "Education Bureau" }
aliases = ["市教育局", "教育局"]

[[units]]
id = "finance"
name = { zh = "南阳市财政局", en = "Finance Bureau" }
aliases = ["市财政局"]
"""

#: Start dates well inside the published data, leaving room for long periods.
starts = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2024, 6, 30))


def set_at(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A deep copy of the JSON document ``doc`` with the value at ``path`` (keys and list
    indexes) replaced: one defect in an otherwise valid file."""
    out = copy.deepcopy(doc)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def rule_doc(
    ident: str,
    title: tuple[str, str],
    law: tuple[str, str],
    unit: str,
    length: int,
    starts_from: tuple[str, str],
) -> dict[str, Any]:
    """One ``[[rules]]`` entry of a rule file, as a JSON document (``(zh, en)`` texts)."""
    return {
        "id": ident,
        "title": {"zh": title[0], "en": title[1]},
        "citation": {"law": {"zh": law[0], "en": law[1]}},
        "unit": unit,
        "length": length,
        "starts_from": {"zh": starts_from[0], "en": starts_from[1]},
    }


def assert_code_table(page: str, codes: Iterable[Any]) -> None:
    """Each declared finding code has a row, with its severity, in the page's codes table."""
    for code in codes:
        assert f"| `{code.code}` | {code.severity.value} |" in page


def file_at(folder: Path, name: str, text: str | None) -> Path:
    """``folder / name``, written with ``text`` (UTF-8); with ``None`` it is left missing."""
    path = folder / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return path


def fuzz_text(text: str, *loaders: Callable[..., object]) -> None:
    """Each ``loads(text, fmt)``, TOML and JSON, returns or raises a library error: never
    anything else."""
    for loads in loaders:
        for fmt in ("toml", "json"):
            with contextlib.suppress(GovEfficiencyError):
                loads(text, fmt=fmt)
