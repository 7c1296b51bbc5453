"""Private attrs validators that raise the library's own errors (bilingual, specific)."""

from __future__ import annotations

from typing import Any

import attrs

from govefficiency.errors import InvalidTypeError


@attrs.frozen(repr=False)
class _InstanceOf:
    cls: type | tuple[type, ...]
    optional: bool

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        if not isinstance(value, self.cls):
            names = (
                " or ".join(c.__name__ for c in self.cls)
                if isinstance(self.cls, tuple)
                else self.cls.__name__
            )
            owner = type(instance).__name__
            raise InvalidTypeError(
                f"{owner}.{attribute.name} must be {names}"
                + (" or None" if self.optional else "")
                + f", not {type(value).__name__} ({value!r})",
                f"{owner}.{attribute.name} 必须是 {names}"
                + ("（或 None）" if self.optional else "")
                + f"，而不是 {type(value).__name__}（{value!r}）",
            )

    def __repr__(self) -> str:
        return f"<instance_of {self.cls!r}{' or None' if self.optional else ''}>"


def instance_of(cls: type | tuple[type, ...]) -> _InstanceOf:
    """Like ``attrs.validators.instance_of`` but raising :class:`InvalidTypeError`."""
    return _InstanceOf(cls, False)


def optional_instance_of(cls: type | tuple[type, ...]) -> _InstanceOf:
    """``instance_of`` that also accepts ``None``."""
    return _InstanceOf(cls, True)
