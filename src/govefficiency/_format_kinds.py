"""The value kinds of a file-format declaration (:mod:`govefficiency._format`): what a key
holds — strings, ids, bilingual texts, numbers, dates, instants, choices, lists, nested
tables — and, for each, how it is read (with located bilingual errors), dumped and described
in a JSON Schema."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import attrs

from govefficiency._loading import Fields
from govefficiency._validators import MAX_ID_LENGTH, check_id, check_text
from govefficiency.errors import LoadError
from govefficiency.text import Text

if TYPE_CHECKING:
    from govefficiency._format import Format

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


@attrs.frozen
class Num:
    """A number (int or float, not a boolean) within the bounds."""

    minimum: float | None = None
    maximum: float | None = None
    #: the JSON Schema type, also the name of the :class:`Fields` method that reads it
    _TYPE: ClassVar[str] = "number"

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        read = getattr(fields, self._TYPE)
        return read(key, _default(default), minimum=self.minimum, maximum=self.maximum)

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self._TYPE}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@attrs.frozen
class Int(Num):
    """A whole number (not a boolean) within the bounds."""

    _TYPE = "integer"


@attrs.frozen
class Bool:
    """``true`` or ``false`` (no truthy strings or numbers)."""

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return fields.boolean(key, _default(default))

    def dump(self, value: Any) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class _Iso:
    """A kind written as an ISO 8601 string: a value of ``_TYPE``, read by the
    :class:`Fields` method ``_READER``, declared in the schema as ``_SCHEMA``."""

    _TYPE: ClassVar[type[dt.date]]  # a datetime is a date too
    _READER: ClassVar[str]
    _SCHEMA: ClassVar[dict[str, str]]

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        return getattr(fields, self._READER)(key, _default(default))

    def dump(self, value: Any) -> Any:
        assert isinstance(value, self._TYPE)
        return value.isoformat()

    def schema(self) -> dict[str, Any]:
        return dict(self._SCHEMA)


@attrs.frozen
class Date(_Iso):
    """A calendar date: a TOML date or a ``YYYY-MM-DD`` string."""

    _TYPE = dt.date
    _READER = "date"
    _SCHEMA: ClassVar[dict[str, str]] = {
        "type": "string",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
    }


@attrs.frozen
class Instant(_Iso):
    """An aware date-time: a TOML offset date-time or an ISO 8601 string with offset."""

    _TYPE = dt.datetime
    _READER = "instant"
    _SCHEMA: ClassVar[dict[str, str]] = {"type": "string", "format": "date-time"}


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
