"""Assessment periods: a month, a quarter or a year (月度考核、季度排名、年终评估)."""

from __future__ import annotations

import calendar as _monthcal
import datetime as dt
import re

import attrs

from govefficiency._time import require_date
from govefficiency.errors import AssessmentError, InvalidTypeError
from govefficiency.text import LabelledEnum

__all__ = ["Period", "PeriodKind"]


class PeriodKind(LabelledEnum):
    """How long one assessment period is."""

    MONTH = ("month", "月度", "month")
    QUARTER = ("quarter", "季度", "quarter")
    YEAR = ("year", "年度", "year")


_PATTERNS = (
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), PeriodKind.MONTH),
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
)


def _check_year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or not 1949 <= value <= 2200:
        raise AssessmentError(
            f"Period.year must be a year such as 2026, not {value!r}",
            f"Period.year 必须是年份（如 2026），而不是 {value!r}",
        )


@attrs.frozen(order=True)
class Period:
    """One assessment period.

    Attributes:
        kind: month, quarter or year.
        year: the calendar year.
        index: the month (1–12) or quarter (1–4); 1 for a year.

    Written ``2026-07`` (a month), ``2026Q3`` (a quarter) or ``2026`` (a year).
    """

    kind: PeriodKind = attrs.field(order=False)
    year: int = attrs.field(validator=_check_year)
    index: int = 1

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, PeriodKind):
            raise InvalidTypeError(
                f"Period.kind must be a PeriodKind, not {type(self.kind).__name__}",
                f"Period.kind 必须是 PeriodKind，而不是 {type(self.kind).__name__}",
            )
        top = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.YEAR: 1}[self.kind]
        if type(self.index) is not int or not 1 <= self.index <= top:
            raise AssessmentError(
                f"a {self.kind.value} index must be from 1 to {top}, not {self.index!r}",
                f"{self.kind.label.zh}序号必须在 1 至 {top} 之间，而不是 {self.index!r}",
            )

    @classmethod
    def parse(cls, text: object) -> Period:
        """``"2026Q3"``, ``"2026-07"`` or ``"2026"``; a bilingual error otherwise."""
        if isinstance(text, Period):
            return text
        if not isinstance(text, str):
            raise InvalidTypeError(
                f"a period must be a string such as '2026Q3', not {type(text).__name__}",
                f"考核期必须是字符串（如 '2026Q3'），而不是 {type(text).__name__}",
            )
        for pattern, kind in _PATTERNS:
            match = pattern.match(text.strip())
            if match:
                index = int(match.group(2)) if kind is not PeriodKind.YEAR else 1
                return cls(kind, int(match.group(1)), index)
        raise AssessmentError(
            f"cannot read the period {text!r}: write 2026Q3 (a quarter), 2026-07 (a month) or 2026 (a year)",
            f"无法识别考核期 {text!r}：请写成 2026Q3（季度）、2026-07（月度）或 2026（年度）",
        )

    @property
    def first(self) -> dt.date:
        """The first day of the period."""
        if self.kind is PeriodKind.YEAR:
            return dt.date(self.year, 1, 1)
        if self.kind is PeriodKind.QUARTER:
            return dt.date(self.year, 3 * self.index - 2, 1)
        return dt.date(self.year, self.index, 1)

    @property
    def last(self) -> dt.date:
        """The last day of the period."""
        if self.kind is PeriodKind.YEAR:
            return dt.date(self.year, 12, 31)
        month = 3 * self.index if self.kind is PeriodKind.QUARTER else self.index
        return dt.date(self.year, month, _monthcal.monthrange(self.year, month)[1])

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period."""
        day = require_date(day, "day")
        return self.first <= day <= self.last

    def previous(self) -> Period:
        """The period before this one, of the same kind."""
        if self.index > 1:
            return Period(self.kind, self.year, self.index - 1)
        top = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.YEAR: 1}[self.kind]
        return Period(self.kind, self.year - 1, top)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}Q{self.index}"
        return f"{self.year}-{self.index:02d}"
