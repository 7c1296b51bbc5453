"""Old names and old call forms of the API, kept for one release with a
:class:`DeprecationWarning` (see docs/conventions.md, "Renamed so far"): the one way to
keep an old name (:func:`renamed`) and to make ``at`` keyword-only (:func:`at_by_keyword`)."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar, cast

from govefficiency.errors import InvalidInputError

__all__ = ["at_by_keyword", "renamed"]

_F = TypeVar("_F", bound=Callable[..., Any])


def renamed(new: _F, old: str, advice: str) -> _F:
    """``new`` under its old name ``old``: each call warns with ``advice``."""

    @functools.wraps(new)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(advice, DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = f"Deprecated name of :func:`{new.__name__}` (removed in a later release): {advice}"
    return cast(_F, alias)


def at_by_keyword(leading: int) -> Callable[[_F], _F]:
    """Make ``at`` keyword-only (the API convention) while still accepting, for one
    release, the old call that passed it by position right after the ``leading``
    positional arguments (``self`` included): that call warns, then runs as
    ``at=...``."""

    def wrap(fn: _F) -> _F:
        name = fn.__qualname__

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            if len(args) > leading:
                if len(args) > leading + 1:
                    raise TypeError(f"{name}() takes at most {leading} positional arguments besides at=")
                if "at" in kwargs:
                    raise InvalidInputError(
                        f"{name}(): the time is given twice, by position and as at=: give it once, as at=...",
                        f"{name}()：时间给出了两次（按位置和 at=）：只能给出一次，请用 at=...",
                    )
                warnings.warn(
                    f"{name}(): passing the time by position is deprecated and will be refused in a later "
                    f"release; pass it as at=... (keyword-only, see docs/conventions.md)",
                    DeprecationWarning,
                    stacklevel=2,
                )
                kwargs["at"] = args[leading]
                args = args[:leading]
            return fn(*args, **kwargs)

        return cast(_F, call)

    return wrap
