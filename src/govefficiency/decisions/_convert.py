"""The one converter of the decision values: a collection of values of one class."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from govefficiency._validators import check_items

__all__ = ["items_of", "moved"]


def items_of(value: object, cls: type | tuple[type, ...], what: str, shown: str = "") -> tuple[Any, ...]:
    """``value`` as a tuple of ``cls`` values: :func:`govefficiency._validators.check_items`."""
    return check_items(value, cls, what, shown=shown)


def moved(owner: str, name: str, *modules: ModuleType) -> Any:
    """The attribute ``name`` of the first of ``modules`` that exports it: the module-level
    ``__getattr__`` of a module that was split, so that old imports from it keep working."""
    for module in modules:
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {owner!r} has no attribute {name!r}")
