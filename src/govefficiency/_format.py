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
import enum
import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol

import attrs

from govefficiency._loading import Fields, read_document
from govefficiency._validators import MAX_ID_LENGTH, check_id, check_text
from govefficiency.errors import InvalidInputError, InvalidTypeError, LoadError
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
    "Key",
    "ListOf",
    "Nullable",
    "Num",
    "Refused",
    "SetOf",
    "Str",
    "Table",
    "Tables",
    "Tagged",
    "dumps_document",
    "write_document",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_REQUIRED: Any = object()


class Kind(Protocol):
    """What a key holds: how to read it, dump it and describe it in a schema."""

    def read(self, fields: Fields, key: str, default: Any) -> Any: ...

    def dump(self, value: Any) -> Any: ...

    def schema(self) -> dict[str, Any]: ...


def _default(default: Any) -> Any:
    from govefficiency._loading import _MISSING

    return _MISSING if default is _REQUIRED else default


@attrs.frozen
class Str:
    """A non-blank string (one of ``choices`` when given; possibly ``""`` when ``empty``)."""

    choices: tuple[str, ...] = ()
    empty: bool = False

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if self.empty:
            if key not in fields and default is not _REQUIRED:
                fields.raw(key, default)
                return default
            return fields.build_at(key, check_text, fields.raw(key), "the text", empty=True)
        value = fields.string(key, _default(default), choices=self.choices)
        if value is not default:  # (as before: a key written as its default "" is kept)
            fields.build_at(key, check_text, value, "the text")
        return value

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        if self.choices:
            return {"type": "string", "enum": list(self.choices)}
        return {"type": "string"} if self.empty else {"type": "string", "minLength": 1}


@attrs.frozen
class Id:
    """An id under the library's one id rule (see ``docs/conventions.md``)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if key not in fields and default is not _REQUIRED:
            fields.raw(key, default)
            return default
        return fields.convert(key, lambda v: check_id(v, "the id"))

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_ID_LENGTH, "pattern": r"^[^\s]+$"}


@attrs.frozen
class Bilingual:
    """A text in both languages: a table ``{zh = "…", en = "…"}``."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.text(key, _default(default))

    def dump(self, value: Any) -> Any:
        assert isinstance(value, Text)
        return {"zh": value.zh, "en": value.en}

    def schema(self) -> dict[str, Any]:
        text = {"type": "string", "minLength": 1}
        return {
            "type": "object",
            "properties": {"zh": text, "en": text},
            "required": ["zh", "en"],
            "additionalProperties": False,
        }


def _bounded(json_type: str, minimum: float | None, maximum: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": json_type}
    if minimum is not None:
        out["minimum"] = minimum
    if maximum is not None:
        out["maximum"] = maximum
    return out


@attrs.frozen
class Int:
    """A whole number (not a boolean) within the bounds."""

    minimum: int | None = None
    maximum: int | None = None

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.integer(key, _default(default), minimum=self.minimum, maximum=self.maximum)

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return _bounded("integer", self.minimum, self.maximum)


@attrs.frozen
class Num:
    """A number (int or float, not a boolean) within the bounds."""

    minimum: float | None = None
    maximum: float | None = None

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.number(key, _default(default), minimum=self.minimum, maximum=self.maximum)

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return _bounded("number", self.minimum, self.maximum)


@attrs.frozen
class Bool:
    """``true`` or ``false`` (no truthy strings or numbers)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.boolean(key, _default(default))

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@attrs.frozen
class Date:
    """A calendar date: a TOML date or a ``YYYY-MM-DD`` string."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.date(key, _default(default))

    def dump(self, value: Any) -> Any:
        assert isinstance(value, dt.date)
        return value.isoformat()

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@attrs.frozen
class Instant:
    """An aware date-time: a TOML offset date-time or an ISO 8601 string with offset."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.instant(key, _default(default))

    def dump(self, value: Any) -> Any:
        assert isinstance(value, dt.datetime)
        return value.isoformat()

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}


@attrs.frozen
class Choice:
    """A member of an enum, written as its value (e.g. ``"public_holiday"``)."""

    cls: type[enum.Enum]

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.member(key, self.cls, _default(default))

    def dump(self, value: Any) -> Any:
        assert isinstance(value, self.cls)
        return value.value

    def schema(self) -> dict[str, Any]:
        return {"enum": [m.value for m in self.cls]}


@attrs.frozen
class Refused:
    """A key that must not be present (e.g. ``template = true`` in an unfilled template):
    its presence is an error with the given message, before any other key is read."""

    en: str
    zh: str

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if key in fields:
            raise fields.fail(key, self.en, self.zh)
        return default

    def dump(self, value: Any) -> Any:
        raise AssertionError("a refused key is never dumped")

    def schema(self) -> dict[str, Any]:
        return {"not": {}}


@attrs.frozen
class ListOf:
    """A list of values of one scalar kind (an id, a string…), read as a tuple; a lone
    value is refused, not turned into a list of its characters."""

    item: Kind

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        value = fields.raw(key, _default(default))
        if value is default and default is not _REQUIRED:
            return value
        if not isinstance(value, list):
            raise fields.fail(
                key,
                f"must be a list, not {type(value).__name__}",
                f"必须是列表，而不是 {type(value).__name__}",
            )
        wrapper = Fields(
            {str(i): v for i, v in enumerate(value)}, origin=fields.origin, location="", error=LoadError
        )
        out = []
        for i in range(len(value)):
            try:
                out.append(self.item.read(wrapper, str(i), _REQUIRED))
            except LoadError as exc:
                raise fields.fail(f"{key}[{i}]", _after_path(exc.en), _after_path(exc.zh or exc.en)) from None
        return tuple(out)

    def dump(self, value: Any) -> Any:
        return [self.item.dump(v) for v in value]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


def _after_path(message: str) -> str:
    """A located message without its ``origin: path:`` prefix (to relocate it)."""
    for sep in (": ", "："):
        parts = message.split(sep, 2)
        if len(parts) == 3:
            return parts[2]
    return message


@attrs.frozen
class Tables:
    """A list of tables of a nested format (``[[key]]`` in TOML).

    ``inherit`` names keys of the enclosing table whose values serve as the default of
    the same key in each nested table (e.g. a checklist's top-level ``year``)."""

    format: Format
    inherit: tuple[str, ...] = ()

    def read(self, fields: Fields, key: str, default: Any, parent: Mapping[str, Any] | None = None) -> Any:
        tables = fields.tables(key, _default(default))
        if tables is default and default is not _REQUIRED:
            return default
        inherited = {name: parent[name] for name in self.inherit if parent and parent.get(name) is not None}
        return tuple(self.format.read(table, inherited) for table in tables)

    def dump(self, value: Any) -> Any:
        return [self.format.dump(v) for v in value]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"$ref": f"#/$defs/{self.format.name}"}}


@attrs.frozen
class Table:
    """One nested table of a nested format (``[key]`` or ``key = { … }`` in TOML)."""

    format: Format

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        table = fields.table(key, _default(default))
        if table is default and default is not _REQUIRED:
            return default
        return self.format.read(table)

    def dump(self, value: Any) -> Any:
        return self.format.dump(value)

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.format.name}"}


@attrs.frozen
class SetOf:
    """A list of distinct values of one kind, read as a frozenset and dumped sorted."""

    item: Kind

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        value = ListOf(self.item).read(fields, key, default)
        return value if value is default else frozenset(value)

    def dump(self, value: Any) -> Any:
        return sorted(self.item.dump(v) for v in value)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema(), "uniqueItems": True}


@attrs.frozen
class Tagged:
    """A list of tables of several formats told apart by a tag key (``kind = "hearing"``):
    the tag's value (a member of ``tags``) picks the format the rest of the table follows.

    Each object dumped must have the tag as an attribute (``step.kind``)."""

    tag: str
    tags: type[enum.Enum]
    formats: Mapping[Any, Format]

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        tables = fields.tables(key, _default(default))
        if tables is default and default is not _REQUIRED:
            return default
        out = []
        for table in tables:
            member = table.member(self.tag, self.tags)
            if member not in self.formats:
                names = ", ".join(m.value for m in self.formats)
                raise table.fail(
                    self.tag,
                    f"{member.value!r} is not allowed here; use one of {names}",
                    f"此处不允许 {member.value!r}；可用：{names}",
                )
            out.append(self.formats[member].read(table, tag=self.tag))
        return tuple(out)

    def dump(self, value: Any) -> Any:
        out = []
        for item in value:
            member = getattr(item, self.tag)
            out.append({self.tag: member.value, **self.formats[member].dump(item)})
        return out

    def schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"oneOf": [{"$ref": f"#/$defs/{fmt.name}"} for fmt in self.formats.values()]},
        }

    def tagged(self) -> Iterator[tuple[str, Format]]:
        """Each format with the tag value that selects it (for the schema)."""
        for member, fmt in self.formats.items():
            yield member.value, fmt


@attrs.frozen
class Nullable:
    """A value of ``item``'s kind or ``null`` (``None``), written as ``null`` when dumped
    (the ledger's payloads write every key; see :meth:`Format.to_json`)."""

    item: Kind

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if fields.raw(key, _default(default)) is None:
            return None
        return self.item.read(fields, key, default)

    def dump(self, value: Any) -> Any:
        return None if value is None else self.item.dump(value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.item.schema(), {"type": "null"}]}


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
        for key in self.keys:
            default = inherited[key.name] if inherited and key.name in inherited else key.default
            if isinstance(key.kind, Tables):
                value = key.kind.read(fields, key.name, default, values)
            else:
                value = key.kind.read(fields, key.name, default)
            if value is not _REQUIRED:
                values[key.target] = value
        fields.raw("$schema", None)  # editors' schema pointer is always allowed
        self._finish(fields, tag)
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
            raise fields.fail(
                unknown[0],
                f"unknown key {unknown[0]!r} (allowed here: {names})",
                f"未知的键 {unknown[0]!r}（此处允许：{names}）",
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
                if isinstance(key.kind, Nullable):
                    out[key.name] = None
                continue
            if not key.required and not key.dump_default and item == key.default:
                continue
            out[key.name] = key.kind.dump(item)
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


# -- the strict JSON codec ---------------------------------------------------------------------


_Codec = tuple[Callable[[Any], dict[str, Any]], Callable[[object, str], Any]]
_CODECS: dict[int, tuple[Format, _Codec]] = {}


def _codec(fmt: Format) -> _Codec:
    """The writer and reader of a format's strict JSON codec, generated once per format
    from its keys (as attrs generates ``__init__``): a stored form is written and read for
    every ledger entry, so each is one straight-line function, not a loop over the keys."""
    cached = _CODECS.get(id(fmt))
    if cached is not None:
        return cached[1]
    if fmt.unbuild is not None or not all(key.required for key in fmt.keys):
        raise TypeError(f"the {fmt.name} format is not a stored form (a key is optional or unbuilt)")
    env: dict[str, Any] = {
        "exact_keys": exact_keys,
        "member": member,
        "json_list": json_list,
        "NAMES": tuple(key.name for key in fmt.keys),
        "build": fmt.build if fmt.build is not None else dict,
    }
    written, read = [], []
    for i, key in enumerate(fmt.keys):
        written.append(f"{key.name!r}: {_write_source(key, i, env)}")
        reader = _reader(key.kind)
        read.append(f"{key.target}={_read_source(key, i, reader, env)}")
    source = (
        "def write(v):\n"
        f"    return {{{', '.join(written)}}}\n"
        "def read(d, what):\n"
        "    exact_keys(d, NAMES, what)\n"
        f"    return build({', '.join(read)})\n"
    )
    exec(compile(source, f"<stored form {fmt.name}>", "exec"), env)  # generated from the declaration
    codec: _Codec = (env["write"], env["read"])
    _CODECS[id(fmt)] = (fmt, codec)  # the format is kept alive, so its id is never reused
    return codec


def _write_source(key: Key, i: int, env: dict[str, Any]) -> str:
    """The expression that writes attribute ``key.target`` of ``v`` (inlined for the
    common kinds; ``None`` is written as ``null``)."""
    kind = key.kind.item if isinstance(key.kind, Nullable) else key.kind
    if isinstance(kind, Date | Choice):
        call = "{}.isoformat()" if isinstance(kind, Date) else "{}.value"
    else:
        writer = _writer(kind)
        if writer is None:
            return f"v.{key.target}"
        env[f"w{i}"] = writer
        call = f"w{i}({{}})"
    if isinstance(key.kind, Nullable):
        return f"(None if (x{i} := v.{key.target}) is None else {call.format(f'x{i}')})"
    return call.format(f"v.{key.target}")


def _read_source(key: Key, i: int, reader: Callable[[Any, str], Any] | None, env: dict[str, Any]) -> str:
    """The expression that reads ``key`` from the stored mapping ``d`` (inlined for the
    common kinds)."""
    raw, kind = f"d[{key.name!r}]", key.kind
    if isinstance(kind, Choice):
        env[f"c{i}"] = kind.cls
        return f"member(c{i}, {raw}, {key.name!r})"
    if isinstance(kind, Table | Tables):
        env[f"f{i}"] = kind.format.from_json
        if isinstance(kind, Table):
            return f"f{i}({raw})"
        return f"[f{i}(x) for x in json_list({raw}, {key.name!r})]"
    if reader is None:
        return raw
    env[f"r{i}"] = reader
    return f"r{i}({raw}, {key.name!r})"


def _writer(kind: Any) -> Callable[[Any], Any] | None:
    """How a value is written (``None``: as it is; ``None`` itself is always ``null``)."""
    if isinstance(kind, Nullable):
        return _writer(kind.item)
    if isinstance(kind, Str | Id | Int | Num | Bool):
        return None
    if isinstance(kind, ListOf) and _writer(kind.item) is None:
        return list
    if isinstance(kind, Table | Tables) and all(key.required for key in kind.format.keys):
        nested = kind.format
        if isinstance(kind, Table):
            return nested.to_json
        return lambda items: [nested.to_json(v) for v in items]
    return kind.dump  # type: ignore[no-any-return]


def _reader(kind: Any) -> Callable[[Any, str], Any] | None:
    """How a stored value is read (``None``: as it is, for the constructor to check)."""
    if isinstance(kind, Nullable):
        inner = _reader(kind.item)
        if inner is None:
            return None
        return lambda value, what: None if value is None else inner(value, what)
    if isinstance(kind, Date):
        return iso_date
    if isinstance(kind, Choice):
        cls = kind.cls
        return lambda value, what: member(cls, value, what)
    if isinstance(kind, Table):
        return lambda value, what: kind.format.from_json(value)
    if isinstance(kind, Tables):
        return lambda value, what: [kind.format.from_json(v) for v in json_list(value, what)]
    if isinstance(kind, ListOf | SetOf):
        return json_list
    return None


def exact_keys(data: object, keys: tuple[str, ...], what: str) -> None:
    """Raise unless ``data`` is a mapping with exactly ``keys``."""
    if not isinstance(data, Mapping):
        raise InvalidTypeError(
            f"{what} must be a JSON object, not {type(data).__name__}",
            f"{what} 必须是 JSON 对象，而不是 {type(data).__name__}",
        )
    if data.keys() != _keyset(keys):
        missing = sorted(set(keys) - set(data))
        extra = sorted(set(data) - set(keys))
        raise InvalidInputError(
            f"{what} has missing keys {missing} or unknown keys {extra}",
            f"{what} 缺少键 {missing} 或含有未知键 {extra}",
        )


@functools.lru_cache(maxsize=256)
def _keyset(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


def iso_date(value: object, what: str) -> dt.date:
    """A date written as an ISO string (``YYYY-MM-DD``)."""
    if type(value) is not str:
        raise InvalidTypeError(
            f"{what} must be an ISO date string (YYYY-MM-DD), not {type(value).__name__}",
            f"{what} 必须是 ISO 日期字符串（YYYY-MM-DD），而不是 {type(value).__name__}",
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{what}: {value!r} is not a date in the form YYYY-MM-DD",
            f"{what}：{value!r} 不是 YYYY-MM-DD 格式的日期",
        ) from None


def json_list(value: object, what: str) -> list[Any]:
    """``value`` if it is a JSON array."""
    if not isinstance(value, list):
        raise InvalidTypeError(f"{what} must be a JSON array", f"{what} 必须是 JSON 数组")
    return value


def member(cls: type[enum.Enum], value: object, what: str) -> Any:
    """The member of ``cls`` whose value is ``value``."""
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise InvalidInputError(
            f"{what} must be one of {allowed}; got {value!r}",
            f"{what} 必须是 {allowed} 之一，而不是 {value!r}",
        ) from None


# -- writing documents ------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_string(value: str) -> str:
    # A JSON string literal is a valid TOML basic string, except that TOML also forbids DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_inline(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _toml_table(data: Mapping[str, Any], prefix: str, lines: list[str]) -> None:
    """The keys of one table: scalars, lists and small tables inline, then each list of
    tables as ``[[prefix.key]]`` sections (recursively)."""
    nested = []
    for key, value in data.items():
        if _is_tables(value):
            nested.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_inline(value)}")
    for key, tables in nested:
        path = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
        for table in tables:
            lines.append("")
            lines.append(f"[[{path}]]")
            _toml_table(table, path, lines)


def dumps_document(doc: Mapping[str, Any], fmt: str = "toml", *, error: type[LoadError] = LoadError) -> str:
    """A JSON-ready document (the output of :meth:`Format.dump`) as TOML or JSON text;
    :meth:`Format.loads` reads it back."""
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        lines: list[str] = []
        _toml_table(doc, "", lines)
        return "\n".join(lines).lstrip("\n") + "\n"
    raise error(f"unknown format {fmt!r}: use 'toml' or 'json'", f"未知格式 {fmt!r}：请使用 'toml' 或 'json'")


def write_document(doc: Mapping[str, Any], path: str | Path, *, error: type[LoadError] = LoadError) -> None:
    """Write a JSON-ready document to ``path``; its suffix (``.toml``/``.json``) picks the format."""
    if not isinstance(path, str | Path):
        raise error(
            f"expected a path to a .toml/.json file, not {type(path).__name__}",
            f"需要 .toml/.json 文件路径，而不是 {type(path).__name__}",
        )
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in ("toml", "json"):
        raise error(
            f"{path}: name the file .toml or .json to choose the format",
            f"{path}：请以 .toml 或 .json 为文件后缀以选择格式",
        )
    Path(path).write_text(dumps_document(doc, fmt, error=error), encoding="utf-8")
