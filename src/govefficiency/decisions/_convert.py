"""The one converter of the decision values: a collection of values of one class."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from govefficiency.errors import InvalidTypeError

__all__ = ["items_of", "moved"]


def items_of(value: object, cls: type | tuple[type, ...], what: str, shown: str = "") -> tuple[Any, ...]:
    """``value`` as a tuple, after checking that it is a collection (not a string) whose
    every item is a ``cls``; ``what`` names the field (``"Matter.flags"``) and ``shown``
    the items (default: the class's name) in the bilingual error."""
    name = shown or (cls.__name__ if isinstance(cls, type) else " / ".join(c.__name__ for c in cls))
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"{what} must be a list of {name} values, not {type(value).__name__}",
            f"{what} 必须是 {name} 的列表，而不是 {type(value).__name__}",
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, cls):
            raise InvalidTypeError(
                f"{what} must contain {name} values, not {item!r}",
                f"{what} 只能包含 {name}，而不是 {item!r}",
            )
    return items


def moved(owner: str, name: str, *modules: ModuleType) -> Any:
    """The attribute ``name`` of the first of ``modules`` that exports it: the module-level
    ``__getattr__`` of a module that was split, so that old imports from it keep working."""
    for module in modules:
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {owner!r} has no attribute {name!r}")
