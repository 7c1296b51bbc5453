"""The API bad-input harness: every public callable, every parameter, every bad value.

For each public callable (read from the ``__all__`` of the package and of every public
subpackage) the harness builds a call that is otherwise valid (see ``_samples``) and puts
one bad value of ``_bad.BAD_VALUES`` into one parameter. Whatever the call raises must be
a :class:`~govefficiency.errors.GovEfficiencyError`; for some annotations a bad value
must be *refused* (``MUST_REFUSE``): accepting it would be a silent coercion.

Run ``python tests/reliability/_harness.py`` to print the counts and every failure.
"""

from __future__ import annotations

import contextlib
import enum
import inspect
import sys
import tempfile
import typing
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bad
import _samples

from govefficiency.errors import GovEfficiencyError

#: Public names that are not called, with the reason. Everything else that is callable is.
EXEMPT: dict[str, str] = {
    "govefficiency.responsibility.Check": "a type alias (Callable[[ResponsibilityGraph], list[Finding]]), not a callable",
    "govefficiency.text.Lang": "a type alias (Literal['zh', 'en']); require_lang is its parser and is called",
}


def _kind(obj: object) -> str | None:
    """Why a public object is not called (None: it is)."""
    if not callable(obj):
        return "a constant"
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return "an exception class"
    if inspect.isclass(obj) and issubclass(obj, enum.Enum):
        return "an enum"
    if inspect.isclass(obj) and getattr(obj, "_is_protocol", False):
        return "a typing.Protocol (cannot be instantiated)"
    if isinstance(obj, typing._GenericAlias | type(typing.Callable[[], None])):  # type: ignore[attr-defined]
        return "a type alias"
    return None


def callables() -> dict[str, object]:
    """``module.name`` -> callable, each object once (under its first public name)."""
    out: dict[str, object] = {}
    seen: set[int] = set()
    for qualified, obj in _samples.public_names().items():
        if _kind(obj) is not None or qualified in EXEMPT or id(obj) in seen:
            continue
        seen.add(id(obj))
        out[qualified] = obj
    return out


def enums() -> dict[str, type[enum.Enum]]:
    """Public enums that have a ``parse`` (``LabelledEnum``): their parser is called."""
    out: dict[str, type[enum.Enum]] = {}
    seen: set[int] = set()
    for qualified, obj in _samples.public_names().items():
        if (
            inspect.isclass(obj)
            and issubclass(obj, enum.Enum)
            and hasattr(obj, "parse")
            and id(obj) not in seen
        ):
            seen.add(id(obj))
            out[qualified] = obj
    return out


def _parameters(target: Callable[..., Any]) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(target).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


@attrs.frozen
class Call:
    """One bad call: ``target(*args, **kwargs)`` with ``bad`` in ``parameter``."""

    name: str
    parameter: str
    bad: str
    annotation: str
    target: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def good_call(name: str, target: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]] | None:
    """Valid arguments for ``target``, or None when the samples cannot build a valid call."""
    try:
        args, kwargs = _samples.good_arguments(target)
    except Exception:
        return None
    return args, kwargs


def placeholder_call(target: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for a callable the samples cannot build: ``"T1"`` for every required one."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for p in _parameters(target):
        if p.default is not p.empty:
            continue
        if p.kind is p.KEYWORD_ONLY:
            kwargs[p.name] = "T1"
        else:
            args.append("T1")
    return args, kwargs


def bad_calls() -> Iterator[Call]:
    """Every (callable, parameter, bad value) call of the harness."""
    for name, target in callables().items():
        assert callable(target)
        base = good_call(name, target) or placeholder_call(target)
        parameters = _parameters(target)
        required = [p for p in parameters if p.default is p.empty and p.kind is not p.KEYWORD_ONLY]
        for p in parameters:
            for bad, make in _bad.BAD_VALUES.items():
                args, kwargs = list(base[0]), dict(base[1])
                if p in required:
                    args[required.index(p)] = make()
                elif p.kind is p.POSITIONAL_ONLY:
                    continue
                else:
                    kwargs[p.name] = make()
                yield Call(name, p.name, bad, _samples._strip(p.annotation), target, tuple(args), kwargs)
    for name, cls in enums().items():
        for bad, make in _bad.BAD_VALUES.items():
            yield Call(f"{name}.parse", "value", bad, "object", cls.parse, (make(), "value"), {})  # type: ignore[attr-defined]


_ID_NAMES = frozenset({"id", "unit", "item_id", "case_id", "lead_unit", "officer", "leader", "task"})
_INVISIBLE = frozenset({"zero-width-only", "bidi-override-only", "nul-only", "contains-nul"})


def _must_refuse(annotation: str, bad: str, name: str = "") -> bool:
    """The bad value is wrong for the annotation whatever the callable does with it: it
    must be refused, not coerced (a bool is not an int, a string is not a list of ids, a
    naive datetime is not an instant, a datetime is not a date)."""
    rules = {
        "int": {"bool-true", "bool-false", "float", "string", "nan"},
        "bool": {"int", "string", "none"},
        "dt.datetime": {"naive-datetime", "string", "date-string"},
        "dt.date": {"aware-datetime", "naive-datetime", "datetime-max", "string", "date-string"},
        "Text": {"int", "none", "zero-width-only", "bidi-override-only", "nul-only", "contains-nul"},
        "Text | str": {"int", "zero-width-only", "bidi-override-only", "nul-only", "contains-nul"},
    }
    if annotation in ("str", "str | None") and (name in _ID_NAMES or name.endswith("_id")):
        return bad in _INVISIBLE  # an id made of invisible characters, or with NUL
    return bad in rules.get(annotation, set())


@attrs.frozen
class Outcome:
    """What one bad call did."""

    call: Call
    raised: BaseException | None

    @property
    def library_error(self) -> bool:
        return isinstance(self.raised, GovEfficiencyError)

    @property
    def foreign(self) -> bool:
        """A non-library exception: a bare TypeError, ValueError, OverflowError, …"""
        return self.raised is not None and not self.library_error

    @property
    def coerced(self) -> bool:
        """A value that had to be refused was accepted."""
        return self.raised is None and _must_refuse(self.call.annotation, self.call.bad, self.call.parameter)


def run(call: Call) -> Outcome:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            call.target(*call.args, **call.kwargs)
        except Exception as exc:
            return Outcome(call, exc)
    return Outcome(call, None)


def run_all() -> list[Outcome]:
    """Every bad call, run in a scratch directory: a call such as ``SqliteStore("abc")``
    creates its file, and must never create it in the repo."""
    with tempfile.TemporaryDirectory(prefix="govefficiency-harness-") as scratch, contextlib.chdir(scratch):
        return [run(c) for c in bad_calls()]


if __name__ == "__main__":
    outcomes = run_all()
    foreign = [o for o in outcomes if o.foreign]
    coerced = [o for o in outcomes if o.coerced]
    print(f"callables: {len(callables())} (+ {len(enums())} enum parsers), bad calls: {len(outcomes)}")
    print(
        f"library errors: {sum(o.library_error for o in outcomes)}, accepted: {sum(o.raised is None for o in outcomes)}"
    )
    print(f"non-library exceptions: {len(foreign)}, silent coercions: {len(coerced)}")
    pairs: dict[tuple[str, str], set[str]] = {}
    for o in foreign:
        pairs.setdefault((o.call.name, o.call.parameter), set()).add(
            f"{type(o.raised).__name__}:{o.call.bad}"
        )
    for (n, p), s in sorted(pairs.items()):
        print("FOREIGN", n, p, sorted(s)[:6])
    cpairs: dict[tuple[str, str], set[str]] = {}
    for o in coerced:
        cpairs.setdefault((o.call.name, o.call.parameter), set()).add(o.call.bad)
    for (n, p), s in sorted(cpairs.items()):
        print("COERCED", n, p, sorted(s))
