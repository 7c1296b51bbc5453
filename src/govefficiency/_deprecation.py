"""Old names and old call forms of the API, kept for one release with a
:class:`DeprecationWarning` (see docs/conventions.md, "Renamed so far"). This module is
the one place that does it:

* an old name: :func:`renamed`;
* an argument made keyword-only, its positional form still accepted: :func:`keyword_only`
  (and its forms :func:`at_by_keyword` for the time, :data:`keyword_fmt` for a file
  format), or :func:`inline_keyword_only` with :func:`keywords_of` on a hot path where a
  wrapper's extra call costs measurably;
* a keyword given the convention's name (``at=`` → ``on=``): :func:`renamed_keyword`;
* positional arguments that one keyword replaced (``(year, month)`` → ``month=``):
  :func:`replaced_by_keyword`;
* a call form whose meaning changed (``dump_org(graph)``): :func:`old_form`, or
  :func:`warn_old_form` from inside a function when the form cannot be told from the
  arguments alone.

Every old form warns naming the new one; an argument given both ways is refused."""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import Any, TypeVar, cast

from govefficiency.errors import InvalidInputError

__all__ = [
    "REQUIRED",
    "at_by_keyword",
    "inline_keyword_only",
    "keyword_fmt",
    "keyword_only",
    "keywords_of",
    "old_form",
    "renamed",
    "renamed_keyword",
    "replaced_by_keyword",
    "warn_old_form",
]

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


def warn_old_form(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn, from inside a function, that its call form ``old`` is kept for one release
    only, naming the ``new`` one (``stacklevel`` 3: the line that called that function);
    for a form that a decorator cannot tell from the arguments alone (:func:`old_form` can)."""
    warnings.warn(
        f"{old} is deprecated and will be refused in a later release: {new}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def keyword_only(
    names: str | tuple[str, ...], leading: int | None = None, *, what: str | None = None
) -> Callable[[_F], _F]:
    """Make the arguments ``names`` keyword-only (the API convention) while still
    accepting, for one release, the old call that passed them by position, in that order,
    right after the ``leading`` positional arguments (``self`` included; by default every
    positional parameter of the function): that call warns, then runs as ``name=...``.
    An argument given both ways is refused."""
    kws = (names,) if isinstance(names, str) else names

    def wrap(fn: _F) -> _F:
        qualname = fn.__qualname__
        n = leading
        if n is None:
            n = sum(
                p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
                for p in inspect.signature(fn).parameters.values()
            )
        said = what or ", ".join(kws)
        listed = ", ".join(f"{k}=" for k in kws)

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            if len(args) > n:
                extra = args[n:]
                if len(extra) > len(kws):
                    raise TypeError(f"{qualname}() takes at most {n} positional arguments besides {listed}")
                for name, value in zip(kws, extra, strict=False):
                    _once(qualname, name, kwargs)
                    kwargs[name] = value
                _warn(f"{qualname}(): passing {said} by position", listed)
                args = args[:n]
            return fn(*args, **kwargs)

        return cast(_F, call)

    return wrap


def _once(qualname: str, name: str, kwargs: dict[str, Any]) -> None:
    """Refuse an argument given both by position (the old form) and as ``name=``."""
    if name in kwargs:
        raise InvalidInputError(
            f"{qualname}(): {name} is given twice, by position and as {name}=: give it once, as {name}=...",
            f"{qualname}()：{name} 给出了两次（按位置和 {name}=）：只能给出一次，请用 {name}=...",
        )


def _warn(old: str, new: str, stacklevel: int = 3) -> None:
    """The one warning of an old call form, raised from a wrapper's ``call`` so that it
    points at the caller's line."""
    warnings.warn(
        f"{old} is deprecated and will be refused in a later release; pass it as {new}... "
        "(keyword-only, see docs/conventions.md)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def replaced_by_keyword(
    name: str, leading: int, count: int, convert: Callable[..., Any]
) -> Callable[[_F], _F]:
    """Replace ``count`` positional arguments that an old call form passed after the
    ``leading`` ones by the keyword-only argument ``name`` (e.g. ``(year, month)`` by
    ``month="YYYY-MM"``): for one release the old call warns, and ``convert`` (which checks
    the old arguments as the old form did) turns them into the new argument's value."""

    def wrap(fn: _F) -> _F:
        qualname = fn.__qualname__

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            if len(args) > leading:
                extra = args[leading:]
                if len(extra) != count:
                    raise TypeError(f"{qualname}() takes {leading} positional arguments and {name}=")
                _once(qualname, name, kwargs)
                _warn(f"{qualname}() with {count} arguments by position", f"{name}=")
                kwargs[name] = convert(*extra)
                args = args[:leading]
            return fn(*args, **kwargs)

        return cast(_F, call)

    return wrap


def old_form(matches: Callable[..., bool], run: Callable[..., Any], advice: str) -> Callable[[_F], _F]:
    """Keep, for one release, an old call form that the new signature no longer means (e.g.
    ``dump_org(graph)``, which returned a mapping, now that ``dump_org(graph, path)`` writes
    a file): a call for which ``matches(*args, **kwargs)`` is true warns with ``advice``
    and returns ``run(*args, **kwargs)``; every other call is the new function's."""

    def wrap(fn: _F) -> _F:
        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            if matches(*args, **kwargs):
                warnings.warn(advice, DeprecationWarning, stacklevel=2)
                return run(*args, **kwargs)
            return fn(*args, **kwargs)

        return cast(_F, call)

    return wrap


def renamed_keyword(old: str, new: str) -> Callable[[_F], _F]:
    """Rename the keyword argument ``old`` to ``new`` (e.g. a date named ``at`` that the
    convention calls ``on``): for one release ``old=`` still works and warns; both at once
    are refused."""

    def wrap(fn: _F) -> _F:
        qualname = fn.__qualname__

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            if old in kwargs:
                if new in kwargs:
                    raise InvalidInputError(
                        f"{qualname}(): give {new}= only ({old}= is its old name)",
                        f"{qualname}()：只需给出 {new}=（{old}= 是它的旧名）",
                    )
                _warn(f"{qualname}(): the keyword {old}=", f"{new}=")
                kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return cast(_F, call)

    return wrap


def at_by_keyword(leading: int) -> Callable[[_F], _F]:
    """:func:`keyword_only` for the time argument ``at``."""
    return keyword_only("at", leading, what="the time")


keyword_fmt = keyword_only("fmt")
"""Make ``fmt`` keyword-only in ``loads_<kind>(text, *, fmt=…)`` / ``dumps_<kind>(value, *, fmt=…)``
(the file API convention); a positional ``fmt`` keeps working for one release with a
:class:`DeprecationWarning`."""


# -- keyword_only without a wrapper, for a hot path ------------------------------------------


class _Required:
    """The type of :data:`REQUIRED`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<required>"


REQUIRED: Any = _Required()
"""The default of a required keyword-only argument of an :func:`inline_keyword_only`
function (so that the old positional call reaches its body); never a value."""


def inline_keyword_only(fn: _F) -> _F:
    """:func:`keyword_only` for a hot path, where the wrapper's extra Python call per call
    costs measurably (``DeadlineClock``'s fluent events: a clock of 4 events is 4 calls).
    The function takes the old positional arguments itself: it is written
    ``def f(self, *old: Any, at: T = REQUIRED, …)`` and begins with
    ``if old or at is REQUIRED: (at,) = keywords_of("C.f", ("at",), old, at)``. This
    decorator returns ``fn`` itself (no wrapper) with the signature of the convention as
    its ``__signature__`` (no ``*old``; the ``REQUIRED`` arguments required keyword-only),
    which is what ``inspect``, ``help()`` and the API convention test read."""
    sig = inspect.signature(fn)
    params = [
        p.replace(default=inspect.Parameter.empty) if p.default is REQUIRED else p
        for p in sig.parameters.values()
        if p.kind is not inspect.Parameter.VAR_POSITIONAL
    ]
    if len(params) == len(sig.parameters) or not any(p.default is REQUIRED for p in sig.parameters.values()):
        raise TypeError(
            f"{fn.__qualname__}: inline_keyword_only needs *old and REQUIRED keyword-only arguments"
        )
    fn.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    return fn


def keywords_of(
    qualname: str, names: tuple[str, ...], old: tuple[Any, ...], *given: Any, defaults: tuple[Any, ...] = ()
) -> tuple[Any, ...]:
    """The values of the keyword-only ``names`` of an :func:`inline_keyword_only` function:
    ``given`` as received (:data:`REQUIRED` where not given), completed by the old call's
    positional arguments ``old`` in that order (which warns, as :func:`keyword_only` does).
    The last ``len(defaults)`` names are optional: one given neither way takes its default.
    An argument given both ways is refused; a required one given neither way is a
    ``TypeError``, as Python raises for a missing keyword-only argument."""
    if len(old) > len(names):
        listed = ", ".join(f"{k}=" for k in names)
        raise TypeError(f"{qualname}() takes at most {len(names)} positional arguments besides {listed}")
    values = list(given)
    for i, value in enumerate(old):
        if values[i] is not REQUIRED:
            _once(qualname, names[i], {names[i]: values[i]})
        values[i] = value
    if old:
        said = "the time" if len(old) == 1 and names[0] == "at" else ", ".join(names[: len(old)])
        _warn(f"{qualname}(): passing {said} by position", ", ".join(f"{k}=" for k in names[: len(old)]), 4)
    for i, default in enumerate(defaults, len(names) - len(defaults)):
        if values[i] is REQUIRED:
            values[i] = default
    missing = [name for name, value in zip(names, values, strict=True) if value is REQUIRED]
    if missing:
        raise TypeError(f"{qualname}() missing required keyword-only argument(s): {', '.join(missing)}")
    return tuple(values)
