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
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol

import attrs

from govefficiency._loading import Fields, read_document
from govefficiency._validators import MAX_ID_LENGTH, check_id, check_text
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
    """A value of ``item``'s kind or ``null``: a ``null`` reads as the key's default (``None``
    for a required key), and ``None`` is written as ``null`` (the ledger's payloads write
    every key, see :meth:`Format.to_json`; other formats leave a default out)."""

    item: Kind

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if fields.raw(key, _default(default)) is None:
            # ``null`` (or an absent key whose default is None) means the key's default:
            # a dumped None and an absent key read the same
            return None if default is _REQUIRED else default
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
                if isinstance(key.kind, Nullable) and key.required:
                    out[key.name] = None  # a required nullable key is written as null
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


# -- the strict JSON codec (generated in govefficiency._stored) -------------------------------

_Codec = tuple[Callable[[Any], dict[str, Any]], Callable[[object, str], Any]]
_CODECS: dict[int, tuple[Format, _Codec]] = {}


def _codec(fmt: Format) -> _Codec:
    """The writer and the reader of ``fmt``'s strict JSON codec, generated on first use."""
    cached = _CODECS.get(id(fmt))
    if cached is not None:
        return cached[1]
    from govefficiency._stored import compile_codec

    codec = compile_codec(fmt)
    _CODECS[id(fmt)] = (fmt, codec)  # the format is kept alive, so its id is never reused
    return codec


# --- kinds added for the org chart (i12): appended, nothing above changed -------------------


@attrs.frozen
class PlainOrBilingual:
    """A text in both languages written either as a table ``{zh = "…", en = "…"}`` or as
    one plain string meaning the same in both; dumped as the plain string when the two
    languages agree (so that a file keeps its plain names)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        value = fields.raw(key, _default(default))
        if value is default and default is not _REQUIRED:
            return value
        if isinstance(value, str):
            if not value.strip():
                raise fields.fail(key, "must not be empty", "不能为空")
            return fields.build_at(key, Text, value, value)
        if isinstance(value, Mapping):
            return fields.text(key)
        raise fields.fail(
            key,
            f'must be a string or a table {{zh = "…", en = "…"}}, not {type(value).__name__}',
            f'必须是字符串或表 {{zh = "…", en = "…"}}，而不是 {type(value).__name__}',
        )

    def dump(self, value: Any) -> Any:
        assert isinstance(value, Text)
        return value.zh if value.zh == value.en else {"zh": value.zh, "en": value.en}

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "minLength": 1}, Bilingual().schema()]}


@attrs.frozen
class OneOrList:
    """One value of a scalar kind, or a list of them; read as a tuple (a lone value gives a
    1-tuple) and dumped as the lone value when there is exactly one.

    ``en``/``zh`` name one value in the error for a value of neither shape (``"a unit id"``).
    """

    item: Kind
    en: str = "a value"
    zh: str = "值"

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        value = fields.raw(key, _default(default))
        if value is default and default is not _REQUIRED:
            return value
        if isinstance(value, list):
            return ListOf(self.item).read(fields, key, _REQUIRED)
        try:
            return (self.item.read(fields, key, _REQUIRED),)
        except LoadError:
            if isinstance(value, str):
                raise  # a lone value of the right shape: the item's own error says why
            raise fields.fail(
                key,
                f"must be {self.en}, or a list of them; not {type(value).__name__}",
                f"必须是{self.zh}或{self.zh}列表，而不是 {type(value).__name__}",
            ) from None

    def dump(self, value: Any) -> Any:
        items = [self.item.dump(v) for v in value]
        return items[0] if len(items) == 1 else items

    def schema(self) -> dict[str, Any]:
        item = self.item.schema()
        return {"anyOf": [item, {"type": "array", "items": item}]}


@attrs.frozen
class Named:
    """A table of tables named by their keys (``[sources.decree713]`` in TOML): each
    nested table follows ``format`` and the object is built with its name as the argument
    ``attr`` (``Source(key="decree713", name=…, year=…)``). Read as a tuple in the order
    written; dumped as a table keyed by each object's ``attr``."""

    format: Format
    attr: str

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        table = fields.table(key, _default(default))
        if table is default and default is not _REQUIRED:
            return default
        build = self.format.build
        values_only = attrs.evolve(self.format, build=None)
        out = []
        for name in table:
            sub = table.table(name)
            values = values_only.read(sub)
            out.append(values if build is None else sub.build(build, **{self.attr: name}, **values))
        return tuple(out)

    def dump(self, value: Any) -> Any:
        return {getattr(item, self.attr): self.format.dump(item) for item in value}

    def schema(self) -> dict[str, Any]:
        # Inlined rather than a $ref: Format._collect does not know this kind.
        nested = {k: v for k, v in self.format.json_schema().items() if k not in ("$schema", "$id", "title")}
        return {"type": "object", "additionalProperties": nested}


# --- kinds added for the assessment scheme (i12): appended, nothing above changed -----------


def _inline_refs(schema: Any, defs: Mapping[str, Any]) -> Any:
    """``schema`` with each ``{"$ref": "#/$defs/NAME"}`` replaced by the definition (for a
    kind whose nested formats :meth:`Format._collect` does not know; no cycles)."""
    if isinstance(schema, Mapping):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(schema) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline_refs(v, defs) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_inline_refs(v, defs) for v in schema]
    return schema


@attrs.frozen
class TaggedTable:
    """ONE nested table of several formats told apart by a tag key (``rule = { kind =
    "linear", floor = 60, target = 100 }``): the tag's value, one of ``formats``' keys,
    picks the format the rest of the table follows. The single-table sibling of
    :class:`Tagged`; each object dumped has the tag as an attribute (``rule.kind``)."""

    tag: str
    formats: Mapping[str, Format]

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        table = fields.table(key, _default(default))
        if table is default and default is not _REQUIRED:
            return default
        name = table.string(self.tag, choices=tuple(self.formats))
        return self.formats[name].read(table, tag=self.tag)

    def dump(self, value: Any) -> Any:
        name = getattr(value, self.tag)
        return {self.tag: name, **self.formats[name].dump(value)}

    def schema(self) -> dict[str, Any]:
        # Inlined (not $refs): Format._collect does not know this kind.
        out = []
        for name, fmt in self.formats.items():
            defs: dict[str, Any] = {}
            fmt.collect_defs(defs)
            body = _inline_refs(defs[fmt.name], defs)
            body["properties"] = {self.tag: {"const": name}, **body["properties"]}
            body["required"] = [self.tag, *body.get("required", [])]
            out.append(body)
        return {"oneOf": out}


# --- list documents (r10, the escalation history): appended, nothing above changed ----------


@attrs.frozen
class IsoDate:
    """A date written as a string of exactly ``YYYY-MM-DD``, for formats stored as JSON and
    read by other tools: unlike :class:`Date`, no TOML date, and none of the other forms
    ``date.fromisoformat`` accepts (``20261012``, ``2026-W42-1``), which the schema's pattern
    refuses too."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        from govefficiency._time import parse_iso_date

        value = fields.raw(key, _default(default))
        if value is default and default is not _REQUIRED:
            return value
        if type(value) is not str:
            raise fields.fail(
                key,
                f"must be a date string YYYY-MM-DD, not {value!r}",
                f"必须是日期字符串 YYYY-MM-DD，而不是 {value!r}",
            )
        return fields.build_at(key, parse_iso_date, value, key)

    def dump(self, value: Any) -> Any:
        assert isinstance(value, dt.date)
        return value.isoformat()

    def schema(self) -> dict[str, Any]:
        return Date().schema()


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
