"""The file API convention (docs/conventions.md), made once: ``load_<kind>(path)``,
``loads_<kind>(text, *, fmt=)``, ``dump_<kind>(value, path)`` and ``dumps_<kind>(value, *, fmt=)``
generated from a kind's :class:`~govefficiency._format.Format` (:class:`FileApi`); a positional
``fmt`` of the older functions is kept by :data:`govefficiency._deprecation.keyword_fmt`."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import attrs

from govefficiency._deprecation import keyword_fmt
from govefficiency._format import Format
from govefficiency.errors import InvalidTypeError

__all__ = [
    "Dumper",
    "FileApi",
    "Loader",
    "TextDumper",
    "TextLoader",
    "expected",
    "needs",
    "text_is_str",
]


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


def needs(value: object, cls: type, function: str) -> None:
    """The default check of a value to dump: ``dump_<kind>() needs a …`` otherwise."""
    if not isinstance(value, cls):
        name = cls.__name__
        raise InvalidTypeError(
            f"{function}() needs a {name}, not {type(value).__name__}",
            f"{function}() 需要 {name}，而不是 {type(value).__name__}",
        )


def expected(value: object, cls: type, function: str) -> None:
    """The check the services files use: ``expected a …`` otherwise."""
    if not isinstance(value, cls):
        name = cls.__name__
        article = "an" if name[0] in "AEIOU" else "a"
        raise InvalidTypeError(f"expected {article} {name}, not {type(value).__name__}", f"需要 {name}")


def text_is_str(text: object) -> None:
    """``loads_<kind>`` refuses text that is not a ``str`` (before parsing it)."""
    if not isinstance(text, str):
        raise InvalidTypeError(f"text must be a str, not {type(text).__name__}", "text 必须是字符串")


@attrs.frozen
class FileApi(Generic[T]):
    """The four functions of the file API convention (docs/conventions.md) for one kind,
    generated from its declaration: ``load_<kind>``, ``loads_<kind>``, ``dump_<kind>`` and
    ``dumps_<kind>``, each named, documented and annotated for the module that exports it
    (so that ``help()``, ``inspect.signature`` and the API reference show the real types).
    ``fmt`` is keyword-only; for a kind whose older functions took it by position
    (``positional_fmt``), that call keeps working for one release with a warning
    (:func:`keyword_fmt`).

    Usage (in the module that owns the kind)::

        load_patch, loads_patch, dump_patch, dumps_patch = FileApi(
            PATCH, CalendarPatch, "patch", "a calendar patch", __name__
        ).functions()

    The hooks keep the messages of kinds whose functions were written before this class:
    ``check_value`` refuses a value to dump of the wrong type (``(value, cls, function)``),
    ``check_text`` checks ``loads``' text before it is parsed, ``write`` writes a document
    to a path (default: :func:`~govefficiency._write.write_document` with the format's
    error), ``dumps_fmt`` is ``dumps``' default format and ``check_fmt`` checks the one
    given (default: the format's error names an unknown one), ``loads_origin`` gives ``loads`` an
    ``origin=`` (the name its errors give the text), and ``options`` are keyword-only
    arguments of ``load``/``loads`` (``(name, annotation, default)``) given to ``finish``,
    which checks them and returns the function applied to the loaded value;
    ``value_name`` and ``source_name`` name the value and the source parameters, and
    ``value_type`` is the value's annotation when it is not ``cls``.
    """

    format: Format
    cls: type[T]
    kind: str
    what: str
    module: str
    check_value: Callable[[Any, type[Any], str], object] = needs
    check_text: Callable[[object], None] | None = None
    write: Callable[[dict[str, Any], str | Path], None] | None = None
    dumps_fmt: str = "toml"
    check_fmt: Callable[[str], str] | None = None
    loads_origin: bool = False
    positional_fmt: bool = False
    value_name: str = "value"
    source_name: str = "source"
    value_type: str | None = None
    options: tuple[tuple[str, str, Any], ...] = ()
    finish: Callable[..., Callable[[T], T]] | None = None

    def functions(self) -> tuple[Loader[T], TextLoader[T], Dumper[T], TextDumper[T]]:
        """``(load_<kind>, loads_<kind>, dump_<kind>, dumps_<kind>)``."""
        cls, what = self.cls.__name__, self.what
        value = self.value_type or cls
        default = "JSON" if self.dumps_fmt == "json" else "TOML"
        other = "TOML" if self.dumps_fmt == "json" else "JSON"
        return (
            self._named(
                self.load,
                f"Read {what} from a ``.toml``/``.json`` file or a parsed mapping.",
                [(self.source_name, _SOURCE)],
                cls,
                options=True,
            ),
            self._named(
                self.loads,
                f"Read {what} from TOML (default) or JSON text.",
                [("text", "str")],
                cls,
                fmt="toml",
                options=True,
                origin=self.loads_origin,
            ),
            self._named(
                self.dump,
                f"Write {what} to ``path``; its suffix (``.toml``/``.json``) chooses the format.",
                [(self.value_name, value), ("path", "str | Path")],
                "None",
            ),
            self._named(
                self.dumps,
                f"The {default} (default) or {other} text of {what}, read back by "
                f"``loads_{self.kind}`` to an equal value.",
                [(self.value_name, value)],
                "str",
                fmt=self.dumps_fmt,
            ),
        )

    def load(self, source: str | Path | Mapping[str, Any], **options: Any) -> T:
        finish = self._finisher(options)
        value: T = self.format.load(source)
        return finish(value)

    def loads(self, text: str, *, fmt: str = "toml", origin: str = "<string>", **options: Any) -> T:
        if self.check_text is not None:
            self.check_text(text)
        finish = self._finisher(options)
        value: T = self.format.loads(text, fmt=fmt, origin=origin)
        return finish(value)

    def dump(self, value: T, path: str | Path) -> None:
        doc = self._doc(value, "dump")
        if self.write is not None:
            self.write(doc, path)
            return
        from govefficiency._write import write_document

        write_document(doc, path, error=self.format.error)

    def dumps(self, value: T, *, fmt: str | None = None) -> str:
        from govefficiency._write import dumps_document

        doc = self._doc(value, "dumps")
        fmt = self.dumps_fmt if fmt is None else fmt
        if self.check_fmt is not None:
            fmt = self.check_fmt(fmt)
        return dumps_document(doc, fmt, error=self.format.error)

    def _finisher(self, options: dict[str, Any]) -> Callable[[T], T]:
        if self.finish is not None:
            return self.finish(**options)
        if options:
            raise TypeError(f"load_{self.kind}() got unexpected keyword arguments: {', '.join(options)}")
        return _same

    def _doc(self, value: object, verb: str) -> dict[str, Any]:
        self.check_value(value, self.cls, f"{verb}_{self.kind}")
        return self.format.dump(value)

    def _named(
        self,
        method: Callable[..., Any],
        doc: str,
        params: list[tuple[str, str]],
        returns: str,
        *,
        fmt: str | None = None,
        options: bool = False,
        origin: bool = False,
    ) -> Any:
        """``method`` as a module-level function named after its verb and this kind, with
        ``doc`` and a signature naming the real types; ``fmt`` (its default, when given)
        is keyword-only (by position with a warning if ``positional_fmt``)."""

        def function(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)  # the names of the signature below
            return method(*bound.args, **bound.kwargs)

        function.__name__ = function.__qualname__ = f"{method.__name__}_{self.kind}"
        function.__module__ = self.module
        function.__doc__ = doc
        keyword = inspect.Parameter.KEYWORD_ONLY
        parameters = [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation)
            for name, annotation in params
        ]
        if fmt is not None:
            parameters.append(inspect.Parameter("fmt", keyword, default=fmt, annotation="str"))
        if origin:
            parameters.append(inspect.Parameter("origin", keyword, default="<string>", annotation="str"))
        if options:
            parameters += [
                inspect.Parameter(name, keyword, default=default, annotation=annotation)
                for name, annotation, default in self.options
            ]
        signature = inspect.Signature(parameters, return_annotation=returns)
        function.__signature__ = signature  # type: ignore[attr-defined]
        return keyword_fmt(function) if fmt is not None and self.positional_fmt else function


def _same(value: T) -> T:
    return value
