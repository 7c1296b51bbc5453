"""The two-level clock of an open application: its light (电子监察 green/yellow/red) and the
status board that shows every application's light at one instant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

from govefficiency.findings import Finding, sort_findings
from govefficiency.text import LabelledEnum, Lang, Text, require_lang

__all__ = ["ApplicationStatus", "Light", "StatusBoard"]


# --- the two-level clock ------------------------------------------------------------------------


class Light(LabelledEnum):
    """An application's light on the e-supervision screen (电子监察)."""

    NOT_RECEIVED = ("not_received", "尚未收到材料", "materials not yet received")
    PENDING = ("pending", "待受理", "awaiting acceptance")
    GREEN = ("green", "绿灯", "green")
    YELLOW = ("yellow", "黄灯（超过承诺时限）", "yellow (past the committed limit)")
    RED = ("red", "红灯（超过法定时限）", "red (past the statutory limit)")
    SUSPENDED = ("suspended", "中止", "suspended")
    DONE = ("done", "已办结", "decided")
    UNDETERMINED = ("undetermined", "无法确定", "undetermined")


#: The words of :meth:`ApplicationStatus.render` per language: start, deemed accepted,
#: committed limit, statutory limit, provisional.
_WORDS = {
    "zh": ("起算 {}", "（视为受理）", "承诺 {}", "法定 {}", "（暂定）"),
    "en": ("from {}", " (deemed accepted)", "committed {}", "statutory {}", "(provisional)"),
}


class ApplicationStatus(NamedTuple):
    """An application's two-level clock at one instant.

    Attributes:
        application: the application's id.
        item: its item id.
        unit: the item's competent unit, or ``None``.
        light: not received yet, pending (awaiting acceptance), green, yellow, red,
            suspended, done or undetermined.
        received: the day the materials were received.
        notice_due: the last day for the completeness notice (5 working days), or ``None``
            when it cannot be computed.
        start: the day the decision period counts from (acceptance, or receipt when
            deemed accepted), or ``None`` while awaiting acceptance.
        deemed: whether acceptance is deemed (art. 32 ¶1(4)).
        committed_due: the committed limit's last day (yellow after it), or ``None``.
        statutory_due: the statutory limit's last day (red after it), or ``None``.
        decided: the day of the decision, or ``None`` while open.
        provisional: whether a date depends on provisional calendar data.
        reason: why the light is undetermined, or a note on a limit that has no date yet
            (it ends after the calendar's last day); ``None`` otherwise.
        corrections: how many correction notices were given by the instant.
        rejected: the deadline engine refused the record's suspensions or extensions (e.g.
            an extension beyond the statute's cap, a suspension after the limit expired);
            the light is then undetermined and ``EVENTS_NOT_ALLOWED`` is reported.
    """

    application: str
    item: str
    unit: str | None
    light: Light
    received: dt.date
    notice_due: dt.date | None
    start: dt.date | None
    deemed: bool
    committed_due: dt.date | None
    statutory_due: dt.date | None
    decided: dt.date | None
    provisional: bool = False
    reason: Text | None = None
    corrections: int = 0
    rejected: bool = False

    def to_dict(self) -> dict[str, Any]:
        def d(x: dt.date | None) -> str | None:
            return None if x is None else x.isoformat()

        return {
            "application": self.application,
            "item": self.item,
            "unit": self.unit,
            "light": self.light.value,
            "received": self.received.isoformat(),
            "notice_due": d(self.notice_due),
            "start": d(self.start),
            "deemed_accepted": self.deemed,
            "committed_due": d(self.committed_due),
            "statutory_due": d(self.statutory_due),
            "decided": d(self.decided),
            "provisional": self.provisional,
            "reason": None if self.reason is None else {"zh": self.reason.zh, "en": self.reason.en},
            "corrections": self.corrections,
            "rejected": self.rejected,
        }

    def render(self, lang: Lang = "zh") -> str:
        """One line: id, light, item, start and both limits."""
        lg = require_lang(lang)
        start, deemed, committed, statutory, provisional = _WORDS[lg]
        parts = [f"{self.application}", self.light.label.get(lg), self.item]
        if self.start is not None:
            parts.append(start.format(self.start) + (deemed if self.deemed else ""))
        if self.committed_due is not None:
            parts.append(committed.format(self.committed_due))
        if self.statutory_due is not None:
            parts.append(statutory.format(self.statutory_due))
        if self.provisional:
            parts.append(provisional)
        if self.reason is not None:
            parts.append(self.reason.get(lg))
        return "  ".join(parts)


@attrs.frozen
class StatusBoard:
    """The e-supervision screen at one instant: every application's light and the findings.

    Attributes:
        at: the instant.
        statuses: one status per application, in input order.
        findings: the findings of the applications as known at ``at`` (errors first); built
            on first access, so that a screen that only shows the lights does not pay for
            the wording of thousands of findings.
    """

    at: dt.datetime
    statuses: tuple[ApplicationStatus, ...]
    _record: Callable[[], list[Finding]] | None = attrs.field(
        default=None, eq=False, repr=False, alias="record"
    )
    _cache: list[tuple[Finding, ...]] = attrs.field(init=False, factory=list, eq=False, repr=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        if not self._cache:
            found = [] if self._record is None else self._record()
            self._cache.append(tuple(sort_findings(found)))
        return self._cache[0]

    def by_light(self, light: Light) -> tuple[ApplicationStatus, ...]:
        """The statuses with ``light``."""
        return tuple(s for s in self.statuses if s.light is light)

    @property
    def undetermined(self) -> tuple[ApplicationStatus, ...]:
        return self.by_light(Light.UNDETERMINED)

    def counts(self) -> dict[str, int]:
        out = {light.value: 0 for light in Light}
        for s in self.statuses:
            out[s.light.value] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "counts": self.counts(),
            "statuses": [s.to_dict() for s in self.statuses],
            "findings": [f.to_dict() for f in self.findings],
        }
