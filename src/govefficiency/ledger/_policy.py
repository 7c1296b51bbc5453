"""The review policy: what "on track" means for the ledger's reviews (a local rule,
loadable from TOML/JSON)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govefficiency._format import Bool, Choice, Format, Int, Key, Num
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError, LedgerFileError
from govefficiency.ledger._fields import to_percent_points

__all__ = ["Basis", "ReviewPolicy"]


class Basis(enum.Enum):
    """What an item's work share is compared with in a check."""

    #: The share of the item's time elapsed (时间过半、任务过半): working days from its
    #: start to the review day over those from its start to its deadline.
    TIME = "time"
    #: The share its time nodes expect by the review day (interpolated between nodes).
    PLAN = "plan"


def _tolerance(value: object) -> float:
    return to_percent_points(value, "ReviewPolicy.tolerance")


def _must_be(ok: Callable[[Any], bool], en: str, zh: str, error: type[GovEfficiencyError]) -> Any:
    """An attrs validator of a policy field: "ReviewPolicy.<field> must be ``en``"."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not ok(value):
            raise error(
                f"ReviewPolicy.{attribute.name} must be {en}, not {value!r}",
                f"ReviewPolicy.{attribute.name} 必须是{zh}，而不是 {value!r}",
            )

    return validate


def _is_days(value: Any) -> bool:
    return type(value) is int and value >= 1


_DAYS = ("a positive number of days", "正整数天数", InvalidInputError)
_positive_days = _must_be(_is_days, *_DAYS)
_optional_days = _must_be(lambda v: v is None or _is_days(v), *_DAYS)
_basis = _must_be(
    lambda v: isinstance(v, Basis), "Basis.TIME or Basis.PLAN", " Basis.TIME 或 Basis.PLAN", InvalidTypeError
)
_bool = _must_be(lambda v: type(v) is bool, "True or False", "布尔值", InvalidTypeError)


@attrs.frozen
class ReviewPolicy:
    """How the reviews judge items — a local rule, loadable from TOML/JSON.

    Attributes:
        tolerance: percentage points an item may fall short of what is due and still
            count as on track (default 0: "half the time, half the work" exactly).
        basis: compare the work share with the time elapsed (default) or with the plan.
        working_days: count time in working days of the review calendar (default), or
            in calendar days.
        reply_days: days (working days when ``working_days``) a unit has to report back
            after a supervision notice; a notice whose reply date has passed without a
            report counts against the reporting rate. Default 5 (one working week).
        report_window: when set, a report dated more than this many calendar days before
            the review day no longer counts: the item shows as "no report".
    """

    tolerance: float = attrs.field(default=0.0, converter=_tolerance)
    basis: Basis = attrs.field(default=Basis.TIME, validator=_basis)
    working_days: bool = attrs.field(default=True, validator=_bool)
    reply_days: int = attrs.field(default=5, validator=_positive_days)
    report_window: int | None = attrs.field(default=None, validator=_optional_days)

    @classmethod
    def load(cls, source: str | Path | Mapping[str, Any]) -> ReviewPolicy:
        """A policy from a TOML/JSON file or mapping with the attribute names as keys
        (``basis = "time"`` or ``"plan"``); missing keys take the defaults.

        Raises:
            LedgerFileError: an unknown key or a bad value, located.
        """
        policy: ReviewPolicy = REVIEW_POLICY.load(source)
        return policy

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, read back by :meth:`load`."""
        return REVIEW_POLICY.dump(self)


#: The review-policy file format, declared once (loader, dumper and JSON Schema).
REVIEW_POLICY = Format(
    "review-policy",
    "How the ledger reviews judge items (a local rule): tolerance, basis, reply days.",
    (
        Key("tolerance", Num(0, 100), default=0.0, description="percentage points an item may fall short"),
        Key("basis", Choice(Basis), default=Basis.TIME, description="compare with time elapsed or the plan"),
        Key("working_days", Bool(), default=True, description="count time in working days"),
        Key("reply_days", Int(1), default=5, description="days a unit has to report back after a notice"),
        Key("report_window", Int(1), default=None, description="days after which a report no longer counts"),
    ),
    build=lambda **values: ReviewPolicy(**{k: v for k, v in values.items() if v is not None}),
    error=LedgerFileError,
)
