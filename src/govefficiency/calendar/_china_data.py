"""The raw data behind the PRC calendar: read from ``holidays.China``, or from the snapshot
of it stored in the package.

:func:`govefficiency.china_calendar` needs four things from the data: the last year whose
State Council arrangement is published, that arrangement's days for 2001 onwards (with
their Chinese and English names) and make-up weekends, the statutory-only days (no 调休)
of later years for provisional answers, and the notices the data rests on. Reading them
from ``holidays`` costs a tenth of a second per process (``holidays.countries`` imports
every country's module), more than the rest of a ``govefficiency deadline …`` command.

So the package ships ``_china_snapshot.json``: exactly what :class:`HolidaysData` returns
for the ``holidays`` release it names, plus the notices of ``_notices.toml``. It is used
when that release is the one installed (checked from the installed package's metadata
file, without importing ``holidays``); otherwise the data is read from ``holidays``, as
before, so an upgraded ``holidays`` (e.g. one with next year's notice) is never hidden by
a stale snapshot. The snapshot is a cache, never a second source: the test
``tests/calendar/test_snapshot.py`` fails when it differs from what ``holidays`` and
``_notices.toml`` give. Regenerate it with::

    python -m govefficiency.calendar._regenerate          # rewrite the snapshot
    python -m govefficiency.calendar._regenerate --check  # exit 1 if it is stale
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from govefficiency.calendar._version import NoticeRef
from govefficiency.errors import CalendarError

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = ["CHINA_FIRST_YEAR", "ChinaData", "HolidaysData", "SnapshotData", "china_data"]

#: The first year whose arrangement ``holidays.China`` checked against the official
#: State Council notices (its documented limitation).
CHINA_FIRST_YEAR = 2001
#: How many statutory-only years after the last published one the snapshot holds: the
#: largest ``provisional_years`` :func:`china_calendar` accepts.
STATUTORY_SPAN = 50
SNAPSHOT = Path(__file__).with_name("_china_snapshot.json")
SNAPSHOT_FORMAT = 1
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: ``(date, Chinese name, English name)`` as ``holidays.China`` names the day.
Entry = tuple[dt.date, str, str]


class ChinaData(Protocol):
    """What the PRC calendar is built from."""

    #: The ``holidays`` release the data comes from, e.g. ``"0.109"``.
    release: str
    #: The last year whose arrangement (国务院办公厅关于×年部分节假日安排的通知) is published.
    last_year: int

    def published(self, through: int) -> tuple[list[Entry], list[dt.date]]:
        """The published days of ``CHINA_FIRST_YEAR..through`` (holidays, 补假 and 调休
        rest days, in ``holidays``' order) and the make-up weekends (补班) of those years."""
        ...

    def statutory(self, after: int, through: int) -> list[Entry]:
        """The days of years ``after+1..through`` under the statutory rules only."""
        ...

    def notices(self, through: int) -> tuple[NoticeRef, ...]:
        """The notices (``_notices.toml``) for the years up to ``through``."""
        ...


def _holidays_release() -> str:
    import holidays

    return str(holidays.__version__)  # type: ignore[attr-defined]


class HolidaysData:
    """The data as ``holidays.China`` computes it (imports ``holidays``)."""

    def __init__(self) -> None:
        self.release = _holidays_release()
        self.last_year = self._published_last_year()

    def _published_last_year(self) -> int:
        """The last year for which ``holidays.China`` has the published arrangement.

        A year counts as published when the data has at least one substituted rest day
        (调休) in it: every notice since 2001 moves at least one rest day. The scan stops
        at the first year without one, so a gap can never be bridged silently.
        """
        from holidays import country_holidays

        # One holidays object for the whole scan: with ``expand=True`` (the default) asking
        # about a date populates that date's year, so each year is computed once.
        data = country_holidays("CN", language="zh_CN")
        year = CHINA_FIRST_YEAR
        while substitutions(data, year):
            year += 1
        if year == CHINA_FIRST_YEAR:
            raise CalendarError(
                f"holidays {self.release} has no published China arrangement from "
                f"{CHINA_FIRST_YEAR}: upgrade the holidays package",
                f"holidays {self.release} 不含 {CHINA_FIRST_YEAR} 年起的中国放假安排：请升级 holidays",
            )
        return year - 1

    def published(self, through: int) -> tuple[list[Entry], list[dt.date]]:
        from holidays import country_holidays

        years = range(CHINA_FIRST_YEAR, through + 1)
        zh = country_holidays("CN", years=years, language="zh_CN")
        en = country_holidays("CN", years=years, language="en_US")
        entries = [(d, n, en.get(d, n)) for d, n in zh.items() if d.year <= through]
        return entries, list(zh.weekend_workdays)

    def statutory(self, after: int, through: int) -> list[Entry]:
        zh_rules, en_rules = self._statutory_only("zh_CN"), self._statutory_only("en_US")
        for year in range(after + 1, through + 1):
            zh_rules.get(dt.date(year, 1, 1))
            en_rules.get(dt.date(year, 1, 1))
        return [(d, n, en_rules.get(d, n)) for d, n in zh_rules.items() if after < d.year <= through]

    def _statutory_only(self, language: str) -> HolidayBase:
        """``holidays.China`` without the published arrangements: the statutory holidays
        and 补假 only, as for a year whose notice is not yet published."""
        from holidays import country_holidays

        data = country_holidays("CN", language=language)
        for table in ("special_public_holidays", "special_public_holidays_observed"):
            if not hasattr(data, table):
                raise CalendarError(
                    f"holidays {self.release}: China has no {table!r} table; this holidays version "
                    f"cannot rebuild a calendar as known on an earlier date",
                    f"holidays {self.release}：China 没有 {table!r} 表，无法按较早日期重建日历",
                )
            setattr(data, table, {})
        return data

    def notices(self, through: int) -> tuple[NoticeRef, ...]:
        from govefficiency.calendar._notices import china_notices

        return tuple(n.ref() for n in china_notices() if n.covers <= through)


def substitutions(data: HolidayBase, year: int) -> bool:
    """Whether ``year`` has a substituted rest day (调休) in ``data``.

    Substituted days are dated in the year whose notice lists them, so the entries of
    other years already in ``data`` cannot change the answer.
    """
    data.get(dt.date(year, 1, 1))  # populates ``year`` (expand=True)
    return any("调休" in name and d.year == year for d, name in data.items())


class SnapshotData:
    """The data as stored in ``_china_snapshot.json`` (see the module's docstring)."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.release: str = doc["holidays"]
        self.last_year: int = doc["published_last_year"]
        self._doc = doc

    def published(self, through: int) -> tuple[list[Entry], list[dt.date]]:
        if through > self.last_year:  # never asked: the published years end at last_year
            raise ValueError(through)
        iso = dt.date.fromisoformat
        entries = [(iso(d), zh, en) for d, zh, en in self._doc["published"] if int(d[:4]) <= through]
        workdays = self._doc["weekend_workdays"]
        return entries, [iso(d) for year in range(CHINA_FIRST_YEAR, through + 1) for d in workdays[str(year)]]

    def statutory(self, after: int, through: int) -> list[Entry]:
        years = self._doc["statutory"]
        if through <= after:
            return []
        if str(after + 1) not in years or str(through) not in years:
            return HolidaysData().statutory(after, through)  # outside the snapshot
        iso = dt.date.fromisoformat
        return [(iso(d), zh, en) for year in range(after + 1, through + 1) for d, zh, en in years[str(year)]]

    def notices(self, through: int) -> tuple[NoticeRef, ...]:
        return tuple(
            NoticeRef(n["name"], n["number"], dt.date.fromisoformat(n["published_on"]))
            for n in self._doc["notices"]
            if n["covers"] <= through
        )


def snapshot_document(data: HolidaysData | None = None) -> dict[str, Any]:
    """The snapshot as generated now from ``holidays`` and ``_notices.toml``.

    Raises:
        CalendarError: the data is not what the snapshot can hold: a year's days are not
            all dated in that year (so years could not be read separately).
    """
    from govefficiency.calendar._notices import china_notices

    data = data or HolidaysData()
    last = data.last_year
    entries, _ = data.published(last)
    # The order of ``holidays``' entries varies with the years read; it cannot change the
    # calendar (one entry per date, and no two rest days moved from the same day), so the
    # snapshot keeps them sorted by date.
    entries.sort()
    sources = [_ISO_DATE.search(zh) for _, zh, _ in entries if "调休" in zh]
    if len({m.group(0) if m else None for m in sources}) != len(sources):
        raise CalendarError(
            f"holidays {data.release}: two rest days are moved from the same day; the snapshot "
            f"cannot hold this data",
            f"holidays {data.release}：两个调休日来自同一天，无法生成快照",
        )
    # The snapshot is read by year (published days up to a year, statutory days of single
    # years): check that reading by year gives what reading the range gives.
    workdays_by_year = _workdays_by_year(data, entries)
    statutory: dict[str, list[list[str]]] = {}
    for year in range(CHINA_FIRST_YEAR + 1, last + STATUTORY_SPAN + 1):
        days = sorted(data.statutory(year - 1, year))
        statutory[str(year)] = [[d.isoformat(), zh, en] for d, zh, en in days]
    whole = sorted(data.statutory(CHINA_FIRST_YEAR, last + STATUTORY_SPAN))
    if [[d.isoformat(), zh, en] for d, zh, en in whole] != [e for y in statutory.values() for e in y]:
        raise CalendarError(
            f"holidays {data.release}: the statutory days of single years differ from those of the "
            f"whole range; the snapshot cannot hold this data",
            f"holidays {data.release}：单独读取各年的法定假日与整体读取不一致，无法生成快照",
        )
    return {
        "about": (
            "The PRC calendar's raw data as the holidays package gives it, with the notices of "
            "_notices.toml. Generated by `python -m govefficiency.calendar._regenerate`; do not "
            "edit. tests/calendar/test_snapshot.py fails when it differs from holidays + notices."
        ),
        "format": SNAPSHOT_FORMAT,
        "holidays": data.release,
        "published_last_year": last,
        "published": [[d.isoformat(), zh, en] for d, zh, en in entries],
        "weekend_workdays": workdays_by_year,
        "statutory": statutory,
        "notices": [
            {
                "covers": n.covers,
                "name": n.ref().name,
                "number": n.number,
                "published_on": n.published_on.isoformat(),
            }
            for n in china_notices()
        ],
    }


def _workdays_by_year(data: HolidaysData, entries: list[Entry]) -> dict[str, list[str]]:
    """The make-up weekends that reading each year adds (``holidays`` adds some dated in
    other years: reading 2007 adds 2006-12-30, the make-up day of 2007's New Year), checked
    so that the published data read through any year equals the snapshot read through it
    (what :meth:`SnapshotData.published` returns).

    Raises:
        CalendarError: it does not (the snapshot cannot hold this data).
    """
    by_year: dict[str, list[str]] = {}
    seen: set[dt.date] = set()
    for year in range(CHINA_FIRST_YEAR, data.last_year + 1):
        through, workdays = data.published(year)
        added = set(workdays) - seen
        seen |= added
        by_year[str(year)] = sorted(d.isoformat() for d in added)
        if sorted(through) != [e for e in entries if e[0].year <= year] or set(workdays) != seen:
            raise CalendarError(
                f"holidays {data.release}: the published days read through {year} differ from "
                f"the whole data cut at {year}; the snapshot cannot hold this data",
                f"holidays {data.release}：读取至 {year} 年的已公布数据与整体数据不一致，无法生成快照",
            )
    return by_year


def render(doc: dict[str, Any]) -> str:
    """The snapshot file's text: JSON with one day per line, so that diffs are readable."""
    lines = ["{"]
    for key, value in doc.items():
        if key in ("published", "notices"):
            items = ",\n".join(f"    {json.dumps(v, ensure_ascii=False)}" for v in value)
            lines.append(f'  "{key}": [\n{items}\n  ],')
        elif key in ("statutory", "weekend_workdays"):
            years = ",\n".join(
                f'    "{year}": {json.dumps(days, ensure_ascii=False)}' for year, days in value.items()
            )
            lines.append(f'  "{key}": {{\n{years}\n  }},')
        else:
            lines.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)},')
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def read_snapshot(path: Path | None = None) -> dict[str, Any] | None:
    """The stored snapshot (or the one at ``path``), or ``None`` when it is missing,
    unreadable or of another format."""
    try:
        doc = json.loads((SNAPSHOT if path is None else path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != SNAPSHOT_FORMAT:
        return None
    return doc


def installed_release() -> str | None:
    """The installed ``holidays`` release, read from its metadata file without importing
    ``holidays`` (or ``importlib.metadata``); ``None`` when it cannot be read that way."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    site = Path(spec.origin).parent.parent
    try:
        infos = [
            name for name in os.listdir(site) if name.startswith("holidays-") and name.endswith(".dist-info")
        ]
        if len(infos) != 1:
            return None
        with open(site / infos[0] / "METADATA", encoding="utf-8") as metadata:
            for line in metadata:
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip()
                if not line.strip():  # the end of the headers
                    break
    except OSError:
        return None
    return None


@functools.cache
def china_data() -> ChinaData:
    """The data for the PRC calendar: the snapshot when it was made from the installed
    ``holidays`` release, else ``holidays`` itself."""
    doc = read_snapshot()
    if doc is not None:
        installed = installed_release()
        if installed is None:  # an unusual installation: ask holidays itself
            installed = _holidays_release()
        if installed == doc["holidays"]:
            return SnapshotData(doc)
    return HolidaysData()
