"""What a decision plan says: its items (to do, in progress, conditions) and the plan.

Made by :func:`~govefficiency.decisions.plan_decision` (``_planner``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from govefficiency.citation import Citation
from govefficiency.findings import Finding
from govefficiency.text import LabelledEnum, Lang, Text, require_lang

__all__ = ["DecisionPlan", "PlanItem", "PlanStatus"]


class PlanStatus(LabelledEnum):
    """Where a plan item stands.

    Members:
        TO_DO: a required step not yet started (待办).
        IN_PROGRESS: a step started whose completion is still ahead (进行中).
        CONDITION: a requirement to satisfy before a step (应满足的条件).
    """

    TO_DO = ("to_do", "待办", "to do")
    IN_PROGRESS = ("in_progress", "进行中", "in progress")
    CONDITION = ("condition", "条件", "condition")


@attrs.frozen
class PlanItem:
    """One thing still to do, with its lawful dates.

    Attributes:
        step: the step it concerns (a :class:`StepKind` value, or ``"alternatives"``).
        status: to do, in progress, or a condition to satisfy.
        action: what to do, in zh and en.
        earliest: the earliest lawful date; ``None`` when no rule bounds it yet.
        latest: the latest date that still respects a date already fixed; ``None`` when
            nothing bounds it.
        basis: how ``earliest``/``latest`` were reached, in zh and en; ``None`` when
            neither is known.
        citation: the provision behind the binding date, or the condition.
    """

    step: str
    status: PlanStatus
    action: Text
    earliest: dt.date | None = None
    latest: dt.date | None = None
    basis: Text | None = None
    citation: Citation | None = None

    @property
    def overdue(self) -> bool:
        """True when the earliest date is already after the latest one."""
        return self.earliest is not None and self.latest is not None and self.earliest > self.latest

    def render(self, lang: Lang = "zh") -> str:
        """One line in ``lang``."""
        lang = require_lang(lang)
        zh = lang == "zh"
        parts = [f"[{self.status.label.get(lang)}] {self.action.get(lang)}"]
        dates = []
        if self.earliest is not None:
            dates.append(f"最早 {self.earliest}" if zh else f"earliest {self.earliest}")
        if self.latest is not None:
            dates.append(f"最迟 {self.latest}" if zh else f"latest {self.latest}")
        if self.overdue:
            dates.append("已无法按期完成" if zh else "can no longer be met")
        if dates:
            parts.append(("：" if zh else ": ") + ("，" if zh else ", ").join(dates))
        if self.basis is not None:
            parts.append(f"（{self.basis.zh}）" if zh else f" ({self.basis.en})")
        if self.citation is not None:
            parts.append(f" [{self.citation.render(lang)}]")
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "step": self.step,
            "status": self.status.value,
            "action": {"zh": self.action.zh, "en": self.action.en},
            "earliest": None if self.earliest is None else self.earliest.isoformat(),
            "latest": None if self.latest is None else self.latest.isoformat(),
            "basis": None if self.basis is None else {"zh": self.basis.zh, "en": self.basis.en},
            "citation": None
            if self.citation is None
            else {"zh": self.citation.render("zh"), "en": self.citation.render("en")},
        }


@attrs.frozen
class DecisionPlan:
    """What a decision in progress still requires.

    Attributes:
        title: the matter's title.
        procedure: the id of the procedure planned against.
        items: the things still to do, in procedure order; ``()`` when nothing remains.
        exemption: the ``NOT_APPLICABLE`` finding when the matter is exempt (then
            ``items`` is empty), else ``None``.
        on: the planning date (no step is planned before it), or ``None``.
    """

    title: str
    procedure: str
    items: tuple[PlanItem, ...] = ()
    exemption: Finding | None = None
    on: dt.date | None = None

    @property
    def complete(self) -> bool:
        """True when nothing remains to be done."""
        return not self.items

    def render(self, lang: Lang = "zh") -> str:
        """The plan as text, one item per line."""
        lang = require_lang(lang)
        if lang == "zh":
            head = f"“{self.title}”尚需履行的程序（{self.procedure}）："
        else:
            head = f"Still required for '{self.title}' ({self.procedure}):"
        lines = [head]
        if self.exemption is not None:
            lines.append("  " + self.exemption.message.get(lang))
        elif not self.items:
            lines.append("  " + ("程序已全部完成" if lang == "zh" else "nothing: the procedure is complete"))
        lines.extend("  - " + item.render(lang) for item in self.items)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "title": self.title,
            "procedure": self.procedure,
            "on": None if self.on is None else self.on.isoformat(),
            "exemption": None if self.exemption is None else self.exemption.to_dict(),
            "items": [item.to_dict() for item in self.items],
        }
