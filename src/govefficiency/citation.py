"""Legal citations: every rule, preset and finding says which law and article it follows."""

from __future__ import annotations

import attrs

from govefficiency._validators import instance_of
from govefficiency.errors import InvalidInputError
from govefficiency.text import Lang, Text, require_lang

__all__ = ["Citation"]


def _optional_year(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (type(value) is not int or not 1949 <= value <= 2200):
        raise InvalidInputError(
            f"Citation.year must be a year such as 2019, or None; got {value!r}",
            f"Citation.year 必须是年份（如 2019）或 None，而不是 {value!r}",
        )


@attrs.frozen
class Citation:
    """A reference to a provision of a law, regulation or policy document.

    Attributes:
        law: the instrument's name, e.g. ``Text("行政许可法", "Administrative Licensing Law")``.
        article: the provision, e.g. ``"42"`` or ``"3(2)"``; ``""`` when the whole
            instrument (or a section of a policy document given in ``note``) is meant.
        year: the version year (the revision the article number refers to), or ``None``.
        note: a short gloss of what the provision says, or ``None``.
    """

    law: Text = attrs.field(validator=instance_of(Text))
    article: str = ""
    year: int | None = attrs.field(default=None, validator=_optional_year)
    note: Text | None = None

    def render(self, lang: Lang = "zh") -> str:
        """A human-readable reference, e.g. ``《行政许可法》（2019）第42条``."""
        lang = require_lang(lang)
        law = self.law.get(lang)
        if lang == "zh":
            out = f"《{law}》"
            if self.year is not None:
                out += f"（{self.year}）"
            if self.article:
                out += f"第{self.article}条"
        else:
            out = law
            if self.year is not None:
                out += f" ({self.year})"
            if self.article:
                out += f", art. {self.article}"
        if self.note is not None:
            out += ("：" if lang == "zh" else ": ") + self.note.get(lang)
        return out

    def __str__(self) -> str:
        return self.render("en")
