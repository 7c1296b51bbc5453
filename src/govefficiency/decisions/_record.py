"""The decision record (重大行政决策过程记录): the matter and the procedural steps taken.

A record describes one major administrative decision (重大行政决策) as the secretariat
documents it: what the matter is (:class:`Matter`) and which procedural steps were taken
when (:class:`PublicComment`, :class:`Hearing`, … :class:`PostEvaluation`). Values are
immutable and validated on construction:

* a wrong Python type raises :class:`~govefficiency.errors.InvalidTypeError`;
* a record that is malformed in itself (a comment closed before it was published, an
  opinion before the draft was sent, the same step twice) raises
  :class:`~govefficiency.errors.DecisionRecordError`.

A record that is well formed but breaks the procedure (a comment period of 20 days, a
head who spoke first) is *not* an error: :func:`validate_decision` reports it as a
:class:`~govefficiency.findings.Finding`.

Dates are calendar dates (``datetime.date``). A date that is still in the future for a
step in progress is simply absent (``None``): the planner computes when it may happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from govefficiency._validators import Validator, at_least, instance_of
from govefficiency.decisions._convert import items_of, moved
from govefficiency.decisions._steps import (
    _STEP_CLASSES,
    Step,
    _check_text,
    _is_int,
    _member_validator,
    _to_names,
    _unique,
)
from govefficiency.decisions._vocab import TOUCHES_DEPARTMENTS, Category, Flag, StepKind
from govefficiency.errors import DecisionRecordError, InvalidTypeError

__all__ = ["DECISION_EVIDENCE", "DecisionRecord", "Matter"]

#: The steps whose presence shows that the decision was made: the collective discussion at
#: which the head decides (decree 713 art. 30), and the steps that follow a decision
#: (publication, art. 32; archiving, art. 33; post-evaluation, art. 36).
DECISION_EVIDENCE: frozenset[StepKind] = frozenset(
    {
        StepKind.COLLECTIVE_DISCUSSION,
        StepKind.PUBLICATION,
        StepKind.ARCHIVING,
        StepKind.POST_EVALUATION,
    }
)

S = TypeVar("S", bound=Step)


def _to_flags(value: Iterable[Flag]) -> frozenset[Flag]:
    return frozenset(items_of(value, Flag, "Matter.flags"))


@attrs.frozen
class Matter:
    """The matter to be decided (决策事项).

    Attributes:
        title: the matter's title, e.g. ``"市区公交票价调整"``.
        category: its :class:`Category` (decree 713 art. 3).
        flags: the facts that make steps required; empty when none applies.
        departments: the departments whose duties the matter touches (涉及职责的部门),
            which must be consulted under the seed-practice spec; empty when none.
    """

    title: str = attrs.field(validator=_check_text)
    category: Category = attrs.field(validator=_member_validator(Category))
    flags: frozenset[Flag] = attrs.field(default=frozenset(), converter=_to_flags)
    departments: tuple[str, ...] = attrs.field(default=(), converter=_to_names)

    def __attrs_post_init__(self) -> None:
        _unique("department", "部门", self.departments)

    @property
    def facts(self) -> frozenset[str]:
        """The flag values that hold, plus ``"touches_departments"`` when
        :attr:`departments` is not empty: the atoms of spec conditions."""
        facts = {flag.value for flag in self.flags}
        if self.departments:
            facts.add(TOUCHES_DEPARTMENTS)
        return frozenset(facts)


# --- the steps ------------------------------------------------------------------------


def _to_steps(value: Iterable[Step]) -> tuple[Step, ...]:
    items = items_of(value, _STEP_CLASSES, "DecisionRecord.steps", "step (PublicComment, Hearing, …)")
    seen: set[StepKind] = set()
    for item in items:
        if item.kind in seen:
            raise DecisionRecordError(
                f"the step {item.kind.value!r} appears twice; record each step once "
                f"(put the final dates of a repeated step)",
                f"步骤“{item.kind.label.zh}”出现了两次；每个步骤只记录一次（填写最终日期）",
            )
        seen.add(item.kind)
    return tuple(sorted(items, key=lambda s: s.kind.rank))


_check_alternatives: list[Validator] = [
    _is_int,
    at_least(
        1,
        "DecisionRecord.alternatives counts the draft plans and is at least 1, not {value}",
        "DecisionRecord.alternatives 是决策方案的个数，至少为 1，而不是 {value}",
        error=DecisionRecordError,
    ),
]


@attrs.frozen
class DecisionRecord:
    """A major administrative decision's procedural record.

    Attributes:
        matter: the matter decided.
        steps: the steps taken, at most one of each kind, in canonical order
            (construction sorts them).
        alternatives: the number of alternative plans (可供比较的决策方案) prepared;
            1 when only one draft was prepared.
    """

    matter: Matter = attrs.field(validator=instance_of(Matter))
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_to_steps)
    alternatives: int = attrs.field(default=1, validator=_check_alternatives)

    def step(self, kind: StepKind) -> Step | None:
        """The step of ``kind``, or ``None`` when the record does not contain it."""
        if not isinstance(kind, StepKind):
            raise InvalidTypeError(
                f"kind must be a StepKind, not {kind!r}", f"kind 必须是 StepKind，而不是 {kind!r}"
            )
        for item in self.steps:
            if item.kind is kind:
                return item
        return None

    def get(self, cls: type[S]) -> S | None:
        """The step of class ``cls`` (e.g. ``record.get(LegalityReview)``), or ``None``."""
        if cls not in _STEP_CLASSES:
            raise InvalidTypeError(
                f"cls must be a step class such as LegalityReview, not {cls!r}",
                f"cls 必须是步骤类（如 LegalityReview），而不是 {cls!r}",
            )
        for item in self.steps:
            if isinstance(item, cls):
                return item
        return None

    @property
    def kinds(self) -> frozenset[StepKind]:
        """The kinds of the steps the record contains."""
        return frozenset(item.kind for item in self.steps)

    @property
    def decided(self) -> bool:
        """Whether the record shows a decision made: it contains the collective discussion
        (集体讨论决定; decree 713 art. 30: "决策机关行政首长在集体讨论的基础上作出决定"), or a
        step that only follows a decision (publication, archiving, post-evaluation).

        A record that is not decided is a decision in progress: :func:`validate_decision`
        does not report the steps that are not yet due as missing (it gives one
        ``RECORD_NOT_DECIDED`` notice instead), and no liability can rest on it.
        """
        return not self.kinds.isdisjoint(DECISION_EVIDENCE)

    def with_step(self, step: Step) -> DecisionRecord:
        """A copy with ``step`` added, or replacing the step of the same kind."""
        if not isinstance(step, _STEP_CLASSES):
            raise InvalidTypeError(
                f"step must be a step value (PublicComment, Hearing, …), not {step!r}",
                f"step 必须是步骤对象（PublicComment、Hearing 等），而不是 {step!r}",
            )
        kept = [s for s in self.steps if s.kind is not step.kind]
        return attrs.evolve(self, steps=(*kept, step))

    @classmethod
    def load(cls, source: str | Path | Mapping[str, Any]) -> DecisionRecord:
        """Read a record from a ``.toml``/``.json`` file or a parsed mapping.

        The format is documented in ``docs/decisions.md``. Every error is a
        :class:`~govefficiency.errors.DecisionRecordFileError` naming the file and
        the key path (``steps[2].closed``).
        """
        from govefficiency.decisions._io import load_record

        return load_record(source)

    def to_dict(self) -> dict[str, Any]:
        """A mapping in the file format (dates as ISO strings): ``DecisionRecord.load``
        of it gives back an equal record."""
        from govefficiency.decisions._io import record_to_dict

        return record_to_dict(self)


def __getattr__(name: str) -> Any:
    """The names this module held before it was split (into ``_vocab`` and ``_steps``): an old
    ``from govefficiency.decisions._record import X`` keeps working."""
    from govefficiency.decisions import _steps, _vocab

    return moved(__name__, name, _steps, _vocab)
