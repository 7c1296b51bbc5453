"""A value whose file format is declared once (a :class:`~govefficiency._format.Format`):
its ``load``, ``from_dict`` and ``to_dict`` come from that declaration."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from govefficiency._format import Format


class Filed:
    """Base of a value read from and written to its declared file format.

    A subclass sets ``_file_format`` once its :class:`~govefficiency._format.Format`
    is declared (the format's ``build`` names the class, so it comes after it).
    """

    __slots__ = ()
    _file_format: ClassVar[Format]

    @classmethod
    def load(cls, source: str | Path | Mapping[str, Any]) -> Self:
        """Read one from a ``.toml``/``.json`` file or a parsed mapping in its file format."""
        value: Self = cls._file_format.load(source)
        return value

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The value of a mapping in its file format (the reverse of :meth:`to_dict`)."""
        return cls.load(data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready file form of this value (read back by :meth:`load`)."""
        return self._file_format.dump(self)
