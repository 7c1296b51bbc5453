"""Every example in the library's docstrings runs and prints what it claims."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govefficiency

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(govefficiency.__path__, prefix="govefficiency.")
    if not info.name.endswith(("__main__", "._cli"))
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """The module's doctest examples pass."""
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples failed in {name}"
