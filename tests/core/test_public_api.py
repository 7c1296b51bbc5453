"""The top-level namespace exports exactly ``__all__``: no leaked helper names."""

from __future__ import annotations

import types

import govefficiency
from govefficiency import errors


def _public_names() -> set[str]:
    return {
        name
        for name in dir(govefficiency)
        if not name.startswith("_") and not isinstance(getattr(govefficiency, name), types.ModuleType)
    } | ({"__version__"} if hasattr(govefficiency, "__version__") else set())


def test_public_names_equal_all() -> None:
    assert _public_names() == set(govefficiency.__all__)


def test_all_is_sorted_and_unique() -> None:
    assert len(set(govefficiency.__all__)) == len(govefficiency.__all__)
    assert sorted(govefficiency.__all__) == govefficiency.__all__


def test_no_leaked_import_helpers() -> None:
    for leaked in ("version", "PackageNotFoundError"):
        assert not hasattr(govefficiency, leaked)


def test_base_errors_exported() -> None:
    # every direct subclass of GovEfficiencyError is a module's base error
    bases = {
        cls.__name__
        for cls in vars(errors).values()
        if isinstance(cls, type)
        and issubclass(cls, errors.GovEfficiencyError)
        and errors.GovEfficiencyError in cls.__bases__
        and cls.__name__.endswith("Error")
    }
    assert "DeadlineError" in bases
    assert bases <= set(govefficiency.__all__), bases - set(govefficiency.__all__)
    assert govefficiency.DeadlineError is errors.DeadlineError  # type: ignore[attr-defined]
