"""Findings: the one value type every checker in govefficiency returns.

A checker is a pure function from a record to a list of :class:`Finding` values, like a
linter (the model is beancount's validation, which returns errors rather than raising
them). A finding has a stable upper-snake-case ``code`` that other systems can map, a
severity, the ids of what it is about, a message in Chinese and English and the legal
citation of the rule that was broken.

Each module declares its codes once, as :class:`FindingCode` values, and builds its
findings from them, so that code, severity, wording and citation never drift apart and
the documentation tables can be generated from the same data.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._validators import check_instances, instance_of, optional_instance_of
from govefficiency.citation import Citation
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Lang, Text, require_lang

__all__ = ["Finding", "FindingCode", "Severity", "has_errors", "sort_findings"]

_CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")


class Severity(enum.Enum):
    """How serious a finding is.

    ``ERROR``: a mandatory rule is broken; ``WARNING``: a rule of good practice or a
    likely defect; ``INFO``: something the reader should know (e.g. a rule that does
    not apply).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sorts the most serious first."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _check_code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _CODE.match(value):
        raise InvalidInputError(
            f"a finding code must be UPPER_SNAKE_CASE such as 'TASK_WITHOUT_LEAD', got {value!r}",
            f"问题代码必须是大写下划线形式（如 'TASK_WITHOUT_LEAD'），而不是 {value!r}",
        )


def _to_subject(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"Finding.subject must be a string or an iterable of strings, not {type(value).__name__}",
            "Finding.subject 必须是字符串或字符串序列",
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidTypeError(
                f"Finding.subject items must be ids (str), got {type(item).__name__}",
                "Finding.subject 的每一项必须是字符串 id",
            )
    return items


@attrs.frozen
class Finding:
    """A rule broken (or a fact worth reporting) in an administrative record.

    Attributes:
        code: stable UPPER_SNAKE_CASE identifier, documented per module.
        severity: error, warning or info.
        subject: the ids of the nodes, steps or items involved, most specific first;
            ``()`` when the finding is about the record as a whole.
        message: what is wrong, in Chinese and English, naming the ids involved.
        citation: the provision that makes it a defect; ``None`` only for checks of good
            practice that no text prescribes.
    """

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(validator=instance_of(Severity))
    subject: tuple[str, ...] = attrs.field(converter=_to_subject)
    message: Text = attrs.field(validator=instance_of(Text))
    citation: Citation | None = attrs.field(default=None, validator=optional_instance_of(Citation))

    def render(self, lang: Lang = "zh") -> str:
        """One line: severity, code, message and citation in ``lang``."""
        lang = require_lang(lang)
        line = f"{self.severity.value.upper()} {self.code}: {self.message.get(lang)}"
        if self.citation is not None:
            line += f" [{self.citation.render(lang)}]"
        return line

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (both languages)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "subject": list(self.subject),
            "message": {"zh": self.message.zh, "en": self.message.en},
            "citation": None
            if self.citation is None
            else {"zh": self.citation.render("zh"), "en": self.citation.render("en")},
        }

    def __str__(self) -> str:
        return self.render("en")


@attrs.frozen
class FindingCode:
    """The declaration of one finding code: its meaning, wording and legal basis.

    Calling it builds a :class:`Finding`; the keyword arguments fill the ``{name}``
    placeholders of both message templates.

    Attributes:
        code: the stable code.
        severity: the default severity of findings with this code.
        title: a one-line description for documentation tables.
        message: the message templates (``str.format`` placeholders).
        citation: the provision broken, or ``None`` for good-practice checks.

    Example:
        >>> from govefficiency.text import Text
        >>> NO_LEAD = FindingCode("TASK_WITHOUT_LEAD", Severity.ERROR,
        ...     Text("任务无牵头单位", "task without a lead unit"),
        ...     Text("任务 {task} 没有牵头单位", "task {task} has no lead unit"))
        >>> NO_LEAD("t1", task="t1").message.en
        'task t1 has no lead unit'
    """

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(validator=instance_of(Severity))
    title: Text = attrs.field(validator=instance_of(Text))
    message: Text = attrs.field(validator=instance_of(Text))
    citation: Citation | None = None

    def __call__(self, *subject: str, severity: Severity | None = None, **params: object) -> Finding:
        try:
            message = self.message.format(**params)
        except KeyError as exc:
            raise InvalidInputError(
                f"finding {self.code} needs the parameter {exc.args[0]!r} for its message",
                f"问题 {self.code} 的消息缺少参数 {exc.args[0]!r}",
            ) from None
        return Finding(
            code=self.code,
            severity=self.severity if severity is None else severity,
            subject=subject,
            message=message,
            citation=self.citation,
        )


def _findings(value: object) -> tuple[Finding, ...]:
    return check_instances(value, Finding, "findings")


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding has severity ``ERROR``."""
    return any(f.severity is Severity.ERROR for f in _findings(findings))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in a deterministic order: errors first, then by code and subject."""
    return sorted(_findings(findings), key=lambda f: (f.severity.rank, f.code, f.subject))
