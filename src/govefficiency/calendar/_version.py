"""Calendar versions: which data, which notices, which day-kind table a calendar holds.

A :class:`CalendarVersion` answers "which calendar did this computation use?" for a court
or a supervision office months later:

* the data source and its release (e.g. the ``holidays`` package 0.109);
* the State Council notices the built-in data rests on, and the patches applied, each
  with its notice number (e.g. 国办发明电〔2025〕7号) and publication date;
* the date the calendar was rebuilt "as known on", if it was;
* a content hash (SHA-256) of the day-kind table, so two calendars that answer every
  question alike have the same hash whatever their history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import attrs

from govefficiency._validators import optional_date_of
from govefficiency.errors import InvalidTypeError
from govefficiency.text import Lang, Text, require_lang

__all__ = ["CalendarProvenance", "CalendarVersion", "NoticeRef"]


_opt_date = optional_date_of(Text("通知发布日期", "a notice's publication date"))


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"expected a str, not {type(value).__name__}", f"需要字符串，而不是 {type(value).__name__}"
        )
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


@attrs.frozen
class NoticeRef:
    """A notice (or patch) a calendar's data rests on.

    Attributes:
        name: a short label: the patch's name, or ``"arrangement 2026"`` for built-in data.
        number: the document number, e.g. ``"国办发明电〔2025〕7号"``; ``None`` when the
            patch gives none (a local decision without a number, an unfilled test patch).
        published_on: the day the notice was published; ``None`` when not given.
    """

    name: str = attrs.field(converter=_str)
    number: str | None = attrs.field(default=None, converter=_opt_str)
    published_on: dt.date | None = attrs.field(default=None, validator=_opt_date)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "name": self.name,
            "number": self.number,
            "published_on": None if self.published_on is None else self.published_on.isoformat(),
        }

    def describe(self) -> str:
        """``number (published YYYY-MM-DD)`` or the name when there is no number."""
        label = self.number or self.name
        return label if self.published_on is None else f"{label} ({self.published_on.isoformat()})"


def _notices(value: object) -> tuple[NoticeRef, ...]:
    items = tuple(value) if isinstance(value, tuple | list) else None
    if items is None or not all(isinstance(n, NoticeRef) for n in items):
        raise InvalidTypeError("notices must be a tuple of NoticeRef", "notices 必须是 NoticeRef 元组")
    return items


@attrs.frozen
class CalendarProvenance:
    """Where a calendar's data came from (carried by :class:`WorkCalendar`).

    Attributes:
        data_source: the data's origin, e.g. ``"holidays"`` or ``"custom"``.
        data_release: the release of that data, e.g. ``"0.109"``; ``""`` when none.
        notices: the notices the built-in data rests on (for the PRC calendar: every
            State Council notice 2019– that is included); ``()`` when unknown.
        patches: the patches applied, in order.
        as_known_on: the date the calendar was rebuilt "as known on", or ``None`` for
            everything the data holds.
    """

    data_source: str = attrs.field(default="custom", converter=_str)
    data_release: str = attrs.field(default="", converter=_str)
    notices: tuple[NoticeRef, ...] = attrs.field(default=(), converter=_notices)
    patches: tuple[NoticeRef, ...] = attrs.field(default=(), converter=_notices)
    as_known_on: dt.date | None = attrs.field(default=None, validator=_opt_date)

    def with_patch(self, ref: NoticeRef) -> CalendarProvenance:
        """The same provenance with one more patch applied."""
        return attrs.evolve(self, patches=(*self.patches, ref))


@attrs.frozen
class CalendarVersion:
    """The version identity of a :class:`WorkCalendar` (see :attr:`WorkCalendar.version`).

    Attributes:
        calendar: the calendar's name, e.g. ``"CN"``.
        provenance: data source and release, built-in notices, patches, as-known-on date.
        first, last: the covered range.
        official_through: the last day of published data.
        content_hash: ``"sha256:<hex>"`` of the day-kind table (dates covered, official
            range, working kinds and every day's kind; names are not included).
    """

    calendar: str
    provenance: CalendarProvenance
    first: dt.date
    last: dt.date
    official_through: dt.date
    content_hash: str

    @property
    def id(self) -> str:
        """A short identifier: ``CN/holidays-0.109+patch 2027@sha256:1a2b3c4d5e6f``."""
        p = self.provenance
        parts = [f"{self.calendar}/{p.data_source}" + (f"-{p.data_release}" if p.data_release else "")]
        parts += [f"+{ref.number or ref.name}" for ref in p.patches]
        known = f"~{p.as_known_on.isoformat()}" if p.as_known_on is not None else ""
        return "".join(parts) + known + "@" + self.content_hash[:19]

    @property
    def latest_notice(self) -> NoticeRef | None:
        """The most recently published notice or patch the calendar rests on."""
        dated = [n for n in (*self.provenance.notices, *self.provenance.patches) if n.published_on]
        return max(dated, key=lambda n: n.published_on or dt.date.min, default=None)

    def describe(self, lang: Lang = "zh") -> str:
        """One line naming the version, for explanations."""
        lang = require_lang(lang)
        p = self.provenance
        source = p.data_source + (f" {p.data_release}" if p.data_release else "")
        latest = self.latest_notice
        patches = "、".join(r.describe() for r in p.patches)
        text = Text(
            f"日历版本：{self.calendar}，数据 {source}，已公布数据至 {self.official_through}"
            + (f"，最近通知 {latest.describe()}" if latest else "")
            + (f"，补丁 {patches}" if patches else "")
            + (f"，按 {p.as_known_on} 当日已公布的通知重建" if p.as_known_on else "")
            + f"，内容哈希 {self.content_hash[:19]}",
            f"calendar version: {self.calendar}, data {source}, published through {self.official_through}"
            + (f", latest notice {latest.describe()}" if latest else "")
            + (f", patches {'; '.join(r.describe() for r in p.patches)}" if patches else "")
            + (f", as known on {p.as_known_on}" if p.as_known_on else "")
            + f", content {self.content_hash[:19]}",
        )
        return text.get(lang)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (what deadlines, statuses and reviews record)."""
        p = self.provenance
        latest = self.latest_notice
        return {
            "id": self.id,
            "calendar": self.calendar,
            "data_source": p.data_source,
            "data_release": p.data_release,
            "latest_notice": None if latest is None else latest.to_dict(),
            "patches": [r.to_dict() for r in p.patches],
            "as_known_on": None if p.as_known_on is None else p.as_known_on.isoformat(),
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "official_through": self.official_through.isoformat(),
            "content_hash": self.content_hash,
        }


def content_hash(
    first: dt.date, last: dt.date, official_through: dt.date, working_codes: list[int], kinds: bytes
) -> str:
    """``sha256:<hex>`` of a day-kind table (see :attr:`CalendarVersion.content_hash`)."""
    head = f"{first.isoformat()}|{last.isoformat()}|{official_through.isoformat()}|{sorted(working_codes)}|"
    return "sha256:" + hashlib.sha256(head.encode("ascii") + kinds).hexdigest()
