"""PEP 562 lazy exports: a package names some of its public values in a table and loads
each one's submodule only when the value is first used (so that ``import govefficiency.x``
stays fast and optional dependencies load only when needed)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, table: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: a name of ``table`` is read from
    the submodule it maps to (``"_impact"`` for ``package._impact``) on first use, then kept
    in the package's ``namespace`` (its ``globals()``)."""

    def getattr_(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted(set(namespace) | set(table))

    return getattr_, dir_
