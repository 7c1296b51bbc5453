"""Bilingual text: every user-facing string in govefficiency exists in Chinese and English."""

from __future__ import annotations

import enum
from typing import Literal, Self, TypeAlias

import attrs

from govefficiency._deprecation import renamed
from govefficiency.errors import InvalidInputError, InvalidTypeError

__all__ = ["LANGS", "LabelledEnum", "Lang", "Text", "check_lang", "en_count", "en_ordinal", "require_lang"]

Lang: TypeAlias = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def require_lang(lang: object) -> Lang:
    """Return ``lang`` if it is ``"zh"`` or ``"en"``; raise otherwise."""
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    if not isinstance(lang, str):
        raise InvalidTypeError(
            f"lang must be the string 'zh' or 'en', not {type(lang).__name__}",
            f"lang 必须是字符串 'zh' 或 'en'，而不是 {type(lang).__name__}",
        )
    raise InvalidInputError(
        f"unknown language {lang!r}: use 'zh' (中文) or 'en' (English)",
        f"未知语言 {lang!r}：请使用 'zh'（中文）或 'en'（英文）",
    )


check_lang = renamed(
    require_lang,
    "check_lang",
    "check_lang() is renamed require_lang(): it raises on a bad language instead of returning findings "
    "(see docs/conventions.md)",
)


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"Text.{attribute.name} must be a str, not {type(value).__name__}",
            f"Text.{attribute.name} 必须是字符串",
        )
    if not value.strip():
        raise InvalidInputError(
            f"Text.{attribute.name} must not be empty: give the text in both Chinese and English",
            f"Text.{attribute.name} 不能为空：请同时提供中文和英文",
        )
    if not value.isprintable():  # rare: a newline, or an invisible/control character
        from govefficiency._validators import _INVISIBLE

        if "\x00" in value:
            raise InvalidInputError(
                f"Text.{attribute.name} contains a NUL character: remove it",
                f"Text.{attribute.name} 含有 NUL 字符，请删除",
            )
        if not "".join(ch for ch in value if ch not in _INVISIBLE).strip():
            raise InvalidInputError(
                f"Text.{attribute.name} is made only of invisible characters (such as U+200B or U+202E)",
                f"Text.{attribute.name} 只由不可见字符（如 U+200B、U+202E）组成",
            )


@attrs.frozen
class Text:
    """A short text in Chinese (``zh``) and English (``en``).

    Attributes:
        zh: the Chinese text (never empty).
        en: the English text (never empty).
    """

    zh: str = attrs.field(validator=_non_empty)
    en: str = attrs.field(validator=_non_empty)

    def get(self, lang: Lang = "zh") -> str:
        """The text in ``lang``."""
        return self.zh if require_lang(lang) == "zh" else self.en

    def format(self, **params: object) -> Text:
        """Both texts with ``str.format`` applied to the same parameters."""
        return Text(self.zh.format(**params), self.en.format(**params))

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


def _whole(n: object) -> None:
    if type(n) is not int:
        from govefficiency.errors import InvalidTypeError

        raise InvalidTypeError(
            f"a count must be a whole number, not {type(n).__name__}",
            f"数量必须是整数，而不是 {type(n).__name__}",
        )


def en_count(n: int, singular: str, plural: str | None = None) -> str:
    """``"1 working day"``, ``"2 working days"``: a count with the right English noun."""
    _whole(n)
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def en_ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``…"""
    _whole(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class LabelledEnum(enum.Enum):
    """An enum whose members carry a bilingual label, declared beside the member.

    Declare each member as ``NAME = ("value", "中文", "English")``: ``.value`` is the
    string (what files and JSON hold) and ``.label`` the :class:`Text`::

        class Light(LabelledEnum):
            YELLOW = ("yellow", "黄灯", "yellow light")

        Light.YELLOW.value       # 'yellow'
        Light("yellow").label.zh  # '黄灯'
    """

    _label_: Text

    def __new__(cls, value: str, zh: str, en: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member._label_ = Text(zh, en)
        return member

    @property
    def label(self) -> Text:
        """The member's name in zh and en."""
        return self._label_

    @classmethod
    def of(cls, value: object) -> Self:
        """The member whose value is ``value``; ``ValueError`` otherwise. The same as
        ``cls(value)``, which a type checker reads as a call to ``__new__``."""
        return cls(value)  # type: ignore[call-arg,arg-type]

    @classmethod
    def parse(cls, value: object, what: str) -> Self:
        """The member whose value is ``value``; a bilingual error listing the choices otherwise."""
        for member in cls:
            if member.value == value:
                return member
        choices = ", ".join(repr(m.value) for m in cls)
        raise InvalidInputError(
            f"{what} must be one of {choices}, not {value!r}",
            f"{what} 必须是 {choices} 之一，而不是 {value!r}",
        )
