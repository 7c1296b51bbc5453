"""The file API convention (docs/conventions.md), made once: ``load_<kind>(path)``,
``loads_<kind>(text, *, fmt=)``, ``dump_<kind>(value, path)`` and ``dumps_<kind>(value, *, fmt=)``
generated from a kind's :class:`~govefficiency._format.Format` (:class:`FileApi`), and
:func:`keyword_fmt` for the older functions whose ``fmt`` was positional."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import attrs

from govefficiency._deprecation import keyword_fmt
from govefficiency._format import Format
from govefficiency.errors import InvalidTypeError

__all__ = ["Dumper", "FileApi", "Loader", "TextDumper", "TextLoader", "keyword_fmt"]


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
F = TypeVar("F", bound=Callable[..., Any])

_SOURCE = "str | Path | Mapping[str, Any]"


class Loader(Protocol[T_co]):
    """``load_<kind>(source)``: a ``.toml``/``.json`` file, or a parsed mapping."""

    def __call__(self, source: str | Path | Mapping[str, Any]) -> T_co: ...


class TextLoader(Protocol[T_co]):
    """``loads_<kind>(text, *, fmt="toml")``."""

    def __call__(self, text: str, *, fmt: str = "toml") -> T_co: ...


class Dumper(Protocol[T_contra]):
    """``dump_<kind>(value, path)``: the suffix (``.toml``/``.json``) chooses the format."""

    def __call__(self, value: T_contra, path: str | Path) -> None: ...


class TextDumper(Protocol[T_contra]):
    """``dumps_<kind>(value, *, fmt="toml")``."""

    def __call__(self, value: T_contra, *, fmt: str = "toml") -> str: ...


@attrs.frozen
class FileApi(Generic[T]):
    """The four functions of the file API convention (docs/conventions.md) for one kind,
    generated from its declaration: ``load_<kind>``, ``loads_<kind>``, ``dump_<kind>`` and
    ``dumps_<kind>``, each named, documented and annotated for the module that exports it
    (so that ``help()``, ``inspect.signature`` and the API reference show the real types).

    Usage (in the module that owns the kind)::

        load_patch, loads_patch, dump_patch, dumps_patch = FileApi(
            PATCH, CalendarPatch, "patch", "a calendar patch", __name__
        ).functions()
    """

    format: Format
    cls: type[T]
    kind: str
    what: str
    module: str

    def functions(self) -> tuple[Loader[T], TextLoader[T], Dumper[T], TextDumper[T]]:
        """``(load_<kind>, loads_<kind>, dump_<kind>, dumps_<kind>)``."""
        cls, what = self.cls.__name__, self.what
        return (
            self._named(
                self.load,
                f"Read {what} from a ``.toml``/``.json`` file or a parsed mapping.",
                [("source", _SOURCE)],
                cls,
            ),
            self._named(
                self.loads,
                f"Read {what} from TOML (default) or JSON text.",
                [("text", "str")],
                cls,
                keyword_fmt=True,
            ),
            self._named(
                self.dump,
                f"Write {what} to ``path``; its suffix (``.toml``/``.json``) chooses the format.",
                [("value", cls), ("path", "str | Path")],
                "None",
            ),
            self._named(
                self.dumps,
                f"The TOML (default) or JSON text of {what}, read back by "
                f"``loads_{self.kind}`` to an equal value.",
                [("value", cls)],
                "str",
                keyword_fmt=True,
            ),
        )

    def load(self, source: str | Path | Mapping[str, Any]) -> T:
        value: T = self.format.load(source)
        return value

    def loads(self, text: str, *, fmt: str = "toml") -> T:
        value: T = self.format.loads(text, fmt=fmt)
        return value

    def dump(self, value: T, path: str | Path) -> None:
        from govefficiency._write import write_document

        write_document(self._doc(value, "dump"), path, error=self.format.error)

    def dumps(self, value: T, *, fmt: str = "toml") -> str:
        from govefficiency._write import dumps_document

        return dumps_document(self._doc(value, "dumps"), fmt, error=self.format.error)

    def _doc(self, value: object, verb: str) -> dict[str, Any]:
        if not isinstance(value, self.cls):
            name = self.cls.__name__
            raise InvalidTypeError(
                f"{verb}_{self.kind}() needs a {name}, not {type(value).__name__}",
                f"{verb}_{self.kind}() 需要 {name}，而不是 {type(value).__name__}",
            )
        return self.format.dump(value)

    def _named(
        self,
        method: Callable[..., Any],
        doc: str,
        params: list[tuple[str, str]],
        returns: str,
        *,
        keyword_fmt: bool = False,
    ) -> Any:
        """``method`` as a module-level function named after its verb and this kind, with
        ``doc`` and a signature naming the real types."""

        def function(*args: Any, **kwargs: Any) -> Any:
            return method(*args, **kwargs)

        function.__name__ = function.__qualname__ = f"{method.__name__}_{self.kind}"
        function.__module__ = self.module
        function.__doc__ = doc
        parameters = [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation)
            for name, annotation in params
        ]
        if keyword_fmt:
            parameters.append(
                inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, default="toml", annotation="str")
            )
        function.__signature__ = inspect.Signature(parameters, return_annotation=returns)  # type: ignore[attr-defined]
        return function
