"""One declaration per file format: the loader, the dumper and the JSON Schema come from it.

A format is a :class:`Format`: its keys (each a :class:`Key` with a value kind), and the
constructor that turns the read values into a library object. From that one declaration:

* :meth:`Format.load` reads a TOML/JSON document through :mod:`govefficiency._loading`,
  so every error names the file and the key path (``items[3].time_nodes[1].share``) in
  zh and en, unknown keys are refused (listing the allowed ones), and an invariant the
  constructor checks is reported at the table that broke it;
* :meth:`Format.dump` gives the JSON-ready mapping of an object (dates as ISO strings),
  which :meth:`Format.load` reads back to an equal object;
* :meth:`Format.json_schema` gives a JSON Schema (draft 2020-12) that editors use for
  completion and checking (``$schema`` in JSON, ``#:schema`` in TOML for Taplo).

Usage::

    NODE = Format("time-node", "A time node", (
        Key("date", Date()), Key("share", Num(0, 100)), Key("note", Str(), default=""),
    ), build=TimeNode)
    node = NODE.load({"date": "2026-03-31", "share": 20})
    NODE.dump(node)   # {'date': '2026-03-31', 'share': 20.0, 'note': ''}
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import attrs

from govefficiency._format_kinds import (
    _REQUIRED,
    Bilingual,
    Bool,
    Choice,
    Date,
    Id,
    Instant,
    Int,
    IsoDate,
    Kind,
    ListOf,
    Named,
    Nullable,
    Num,
    OneOrList,
    PlainOrBilingual,
    Refused,
    SetOf,
    Str,
    Table,
    Tables,
    Tagged,
    TaggedTable,
)
from govefficiency._loading import Fields, read_document
from govefficiency.errors import LoadError
from govefficiency.text import Text

__all__ = [
    "SCHEMA_DIALECT",
    "Bilingual",
    "Bool",
    "Choice",
    "Date",
    "Format",
    "Id",
    "Instant",
    "Int",
    "IsoDate",
    "Key",
    "Kind",
    "ListDocument",
    "ListOf",
    "Named",
    "Nullable",
    "Num",
    "OneOrList",
    "PlainOrBilingual",
    "Refused",
    "SetOf",
    "Str",
    "Table",
    "Tables",
    "Tagged",
    "TaggedTable",
    "first_repeat",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@attrs.frozen
class Key:
    """One key of a table.

    Attributes:
        name: the key as written in files.
        kind: what it holds.
        default: the value when the key is absent; without one, the key is required.
        attr: the constructor argument / attribute it maps to (default: ``name``).
        description: one line for the schema (English; the docs page has the zh).
        dump_default: whether :meth:`Format.dump` writes the key when it holds the default.
    """

    name: str
    kind: Kind
    default: Any = _REQUIRED
    attr: str | None = None
    description: str = ""
    dump_default: bool = True

    @property
    def target(self) -> str:
        return self.attr or self.name

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@attrs.frozen
class Format:
    """A file format (or one table of it), declared once.

    Attributes:
        name: the format's name (``checklist``, ``time-node``), used in schemas and by
            ``govefficiency schema`` / ``validate``.
        description: one line saying what a document of this format is.
        keys: the keys, in the order they are written.
        build: makes the object from the read values (keyword arguments named by
            :attr:`Key.target`); ``None`` gives the dict of values.
        error: the :class:`LoadError` subclass raised for a bad document.
        prepare: optional hook given the table's :class:`Fields` and the read values
            before ``build`` (for checks across keys); returns the values to build with.
        unbuild: for :meth:`dump`, the mapping of key targets to values of an object
            whose attributes are not its keys one for one (e.g. a period written as
            ``unit`` and ``length``); ``None`` reads the attributes named by the keys.
    """

    name: str
    description: str
    keys: tuple[Key, ...]
    build: Callable[..., Any] | None = None
    error: type[LoadError] = LoadError
    prepare: Callable[[Fields, dict[str, Any]], dict[str, Any]] | None = None
    unbuild: Callable[[Any], Mapping[str, Any]] | None = None

    DIALECT: ClassVar[str] = SCHEMA_DIALECT

    def read(
        self, fields: Fields, inherited: Mapping[str, Any] | None = None, *, tag: str | None = None
    ) -> Any:
        """The object declared by this format, from one table (``inherited``: defaults
        given by the enclosing table, see :attr:`Tables.inherit`; ``tag``: the key that
        chose this format among several, see :class:`Tagged`, allowed and not built)."""
        values: dict[str, Any] = {}
        self._finish(fields, tag)  # a misspelt key is named as such, before it shows as missing
        for key in self.keys:
            default = inherited[key.name] if inherited and key.name in inherited else key.default
            if isinstance(key.kind, Tables):
                value = key.kind.read(fields, key.name, default, values)
            else:
                value = key.kind.read(fields, key.name, default)
            if value is not _REQUIRED:
                values[key.target] = value
        fields.raw("$schema", None)  # editors' schema pointer is always allowed
        if self.prepare is not None:
            values = self.prepare(fields, values)
        if self.build is None:
            return values
        return fields.build(self.build, **values)

    def _finish(self, fields: Fields, tag: str | None = None) -> None:
        allowed = {key.name for key in self.keys} | ({tag} if tag else set())
        unknown = sorted(k for k in fields if k not in allowed and k != "$schema")
        if unknown:
            names = ", ".join(([tag] if tag else []) + [key.name for key in self.keys])
            close = difflib.get_close_matches(unknown[0], sorted(allowed - set(fields)), n=1)
            hint_en, hint_zh = (
                (f"; did you mean {close[0]!r}?", f"；是否应为 {close[0]!r}？") if close else ("", "")
            )
            raise fields.fail(
                unknown[0],
                f"unknown key {unknown[0]!r} (allowed here: {names}){hint_en}",
                f"未知的键 {unknown[0]!r}（此处允许：{names}）{hint_zh}",
            )

    def load(self, source: str | Path | Mapping[str, Any], *, fmt: str | None = None) -> Any:
        """Read a TOML/JSON file (or a parsed mapping) of this format."""
        return self.read(read_document(source, error=self.error, fmt=fmt))

    def loads(self, text: str, *, fmt: str = "toml", origin: str = "<string>") -> Any:
        """Read a TOML/JSON text of this format."""
        from govefficiency._loading import parse_document

        return self.read(parse_document(text, fmt=fmt, origin=origin, error=self.error))

    def dump(self, value: Any) -> dict[str, Any]:
        """The JSON-ready mapping of ``value`` (read back by :meth:`load` to an equal object)."""
        out: dict[str, Any] = {}
        if self.unbuild is not None:
            value = self.unbuild(value)
        for key in self.keys:
            if isinstance(key.kind, Refused):
                continue
            item = value.get(key.target) if isinstance(value, Mapping) else getattr(value, key.target)
            if item is None:
                if isinstance(key.kind, Nullable) and key.required:
                    out[key.name] = None  # a required nullable key is written as null
                continue
            if not key.required and not key.dump_default and item == key.default:
                continue
            out[key.name] = key.kind.dump(item)
        return out

    def toml_native(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        """``doc`` (the output of :meth:`dump`) with the values of its ``Date`` keys as
        ``datetime.date``, which the TOML writer (:func:`govefficiency._write.dumps_document`)
        writes as date literals (``due = 2026-06-30``) rather than strings; the loader reads
        both."""
        out = dict(doc)
        for key in self.keys:
            value = out.get(key.name)
            if value is None:
                continue
            if isinstance(key.kind, Date):
                out[key.name] = dt.date.fromisoformat(value)
            elif isinstance(key.kind, Tables):
                out[key.name] = [key.kind.format.toml_native(table) for table in value]
            elif isinstance(key.kind, Table):
                out[key.name] = key.kind.format.toml_native(value)
        return out

    # -- the strict JSON codec (stored records: every key present, nothing else) ----------

    def to_json(self, value: Any) -> dict[str, Any]:
        """The JSON-ready mapping of ``value`` with every key (``None`` as ``null``): the
        form stored records take (e.g. a ledger payload, whose canonical encoding the hash
        chain covers). The same as :meth:`dump` for a format whose keys are all required."""
        return _codec(self)[0](value)

    def from_json(self, data: object, what: str | None = None) -> Any:
        """The object of a stored JSON mapping (the inverse of :meth:`to_json`).

        Stricter than :meth:`load` and without file locations, for values read back from
        a store: exactly the declared keys, dates as ISO strings, enum members by value;
        every other value goes to the constructor, which validates it.

        Raises:
            InvalidTypeError, InvalidInputError: what is not such a mapping, naming ``what``
                (default: the format's name).
        """
        return _codec(self)[1](data, what or f"a {self.name}")

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of a document of this format."""
        defs: dict[str, Any] = {}
        self._collect(defs)
        top = defs.pop(self.name)
        schema = {
            "$schema": SCHEMA_DIALECT,
            "$id": f"https://govefficiency.invalid/schemas/{self.name}.json",
            "title": self.name,
            **top,
        }
        if defs:
            schema["$defs"] = defs
        return schema

    def collect_defs(self, defs: dict[str, Any]) -> None:
        """Add the schema of this format and of the formats it nests to ``defs`` (by
        name), to compose a schema of several formats."""
        self._collect(defs)

    def _collect(
        self, defs: dict[str, Any], inherited: tuple[str, ...] = (), tag: tuple[str, str] | None = None
    ) -> None:
        if self.name in defs:
            return
        properties: dict[str, Any] = {"$schema": {"type": "string"}}
        required: list[str] = []
        if tag is not None:
            properties[tag[0]] = {"const": tag[1]}
            required.append(tag[0])
        defs[self.name] = {}  # reserve against cycles
        for key in self.keys:
            prop = dict(key.kind.schema())
            if key.description:
                prop["description"] = key.description
            properties[key.name] = prop
            if key.required and key.name not in inherited:
                required.append(key.name)
            if isinstance(key.kind, Tables):
                key.kind.format._collect(defs, key.kind.inherit)
            elif isinstance(key.kind, Table):
                key.kind.format._collect(defs)
            elif isinstance(key.kind, Tagged):
                for value, fmt in key.kind.tagged():
                    fmt._collect(defs, tag=(key.kind.tag, value))
        body: dict[str, Any] = {
            "description": self.description,
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            body["required"] = required
        defs[self.name] = body


# -- the strict JSON codec (generated in govefficiency._stored) -------------------------------

_Codec = tuple[Callable[[Any], dict[str, Any]], Callable[[object, str], Any]]
_CODECS: dict[int, tuple[Format, _Codec]] = {}


def first_repeat(values: Iterable[Any], key: Callable[[Any], Hashable]) -> tuple[int, int] | None:
    """``(i, first)``: the index of the first of ``values`` whose ``key`` repeats an earlier
    one's, and that earlier one's index; ``None`` when every key is distinct (for the
    ``prepare`` hook of a :class:`Format` that reports a repeat at the second use)."""
    seen: dict[Hashable, int] = {}
    for i, value in enumerate(values):
        k = key(value)
        if k in seen:
            return i, seen[k]
        seen[k] = i
    return None


def _codec(fmt: Format) -> _Codec:
    """The writer and the reader of ``fmt``'s strict JSON codec, generated on first use."""
    cached = _CODECS.get(id(fmt))
    if cached is not None:
        return cached[1]
    from govefficiency._stored import compile_codec

    codec = compile_codec(fmt)
    _CODECS[id(fmt)] = (fmt, codec)  # the format is kept alive, so its id is never reused
    return codec


# --- list documents (r10, the escalation history): appended, nothing above changed ----------


@attrs.frozen
class ListDocument:
    """A file format whose document is a JSON list of records of one format, rather than a
    table: ``[{"case": "T1", …}, {…}]`` (an escalation history). TOML cannot hold a list at
    the top level, so such a file is JSON.

    The records are read by ``item`` (located errors ``[3].due_date``, unknown keys refused,
    the constructor's invariants reported at the record); :meth:`dump` gives the JSON-ready
    list, and :meth:`json_schema` a schema ``{"type": "array", "items": …}``. A record may
    not carry ``"$schema"``: a list has no place for the pointer, so editors map such files
    to their schema by name (e.g. ``*.history.json``).

    Attributes:
        name, description: as for :class:`Format`.
        item: the format of each record.
        error: the :class:`LoadError` subclass raised for a bad document.
        hint: what such a file is, in zh and en, added to every error (where it is documented).
    """

    name: str
    description: str
    item: Format
    error: type[LoadError] = LoadError
    hint: Text | None = None

    DIALECT: ClassVar[str] = SCHEMA_DIALECT

    def read(self, data: object, origin: str = "<list>") -> tuple[Any, ...]:
        """The records of a parsed document (a list), in the order written."""
        try:
            top = Fields({}, origin=origin, location="", error=self.error)
            if not isinstance(data, list):
                raise top.fail(
                    None,
                    f"must be a list, not {_json_type(data)}",
                    f"必须是列表，而不是{_json_type(data, 'zh')}",
                )
            records = Fields(
                {f"[{i}]": v for i, v in enumerate(data)}, origin=origin, location="", error=self.error
            )
            out = []
            for i in range(len(data)):
                record = records.table(f"[{i}]")
                if "$schema" in record:
                    names = ", ".join(key.name for key in self.item.keys)
                    raise record.fail(
                        "$schema",
                        f"unknown key '$schema' (allowed here: {names})",
                        f"未知的键 '$schema'（此处允许：{names}）",
                    )
                out.append(self.item.read(record))
            return tuple(out)
        except LoadError as exc:
            raise self._hinted(exc) from None

    def _hinted(self, exc: LoadError) -> LoadError:
        """``exc`` with :attr:`hint` added."""
        if self.hint is None or not isinstance(exc, self.error):
            return exc
        return self.error(
            f"{exc.en} ({self.hint.en})",
            f"{exc.zh or exc.en}（{self.hint.zh}）",
            origin=exc.origin,
            location=exc.location,
        )

    def loads(self, text: str, *, fmt: str = "json", origin: str = "<string>") -> tuple[Any, ...]:
        """The records of a JSON text."""
        from govefficiency._loading import parse_data

        if fmt != "json":
            raise self._fail(
                origin,
                f"a {self.name} file is JSON (a list at the top level, which TOML cannot hold), not {fmt!r}",
                f"{self.name} 文件是 JSON（顶层为列表，TOML 无法表示），而不是 {fmt!r}",
            )
        try:
            data = parse_data(text, fmt=fmt, origin=origin, error=self.error)
        except LoadError as exc:
            raise self._hinted(exc) from None
        return self.read(data, origin)

    def load(self, source: str | Path | list[Any], *, fmt: str | None = None) -> tuple[Any, ...]:
        """The records of a JSON file (``.json``, or ``fmt="json"``), or of a parsed list."""
        if isinstance(source, list):
            return self.read(source)
        if not isinstance(source, str | Path):
            raise self._fail(
                "<source>",
                f"expected a path to a .json file or a list, not {type(source).__name__}",
                f"需要 .json 文件路径或列表，而不是 {type(source).__name__}",
            )
        path = Path(source)
        origin = str(path)
        kind = fmt or path.suffix.lower().lstrip(".")
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise self._fail(origin, "no such file", "文件不存在") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise self._fail(origin, f"cannot read the file ({exc})", f"无法读取文件（{exc}）") from None
        return self.loads(text, fmt=kind, origin=origin)

    def _fail(self, origin: str, en: str, zh: str) -> LoadError:
        hint_en = f" ({self.hint.en})" if self.hint else ""
        hint_zh = f"（{self.hint.zh}）" if self.hint else ""
        return self.error(f"{origin}: {en}{hint_en}", f"{origin}：{zh}{hint_zh}", origin=origin)

    def dump(self, values: Any) -> list[dict[str, Any]]:
        """The JSON-ready list of ``values`` (read back by :meth:`read` to equal records)."""
        return [self.item.dump(value) for value in values]

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of a document: an array of the item's records."""
        defs: dict[str, Any] = {}
        self.item.collect_defs(defs)
        defs[self.item.name]["properties"].pop("$schema", None)  # no pointer inside a record
        return {
            "$schema": SCHEMA_DIALECT,
            "$id": f"https://govefficiency.invalid/schemas/{self.name}.json",
            "title": self.name,
            "description": self.description,
            "type": "array",
            "items": {"$ref": f"#/$defs/{self.item.name}"},
            "$defs": defs,
        }


def _json_type(value: object, lang: str = "en") -> str:
    """What a parsed JSON value is, in words (for 'must be a list, not …')."""
    names = {
        dict: ("an object", "对象"),
        str: ("a string", "字符串"),
        bool: ("a boolean", "布尔值"),
        int: ("a number", "数字"),
        float: ("a number", "数字"),
        type(None): ("null", "null"),
    }
    en, zh = names.get(type(value), (type(value).__name__, type(value).__name__))
    return zh if lang == "zh" else en
