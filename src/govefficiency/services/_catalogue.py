"""The service catalogue (服务事项清单): items, window posts (AB岗) and their file format.

A catalogue is data: each item names its competent unit, its statutory rule (a deadline
preset id such as ``licensing.decision``), its committed limit (承诺时限), the materials an
application needs (the list a one-time notice draws from), its fee basis (收费明白卡), the
deciding body and its window post; each post names its A officer and B officer.

Loading checks the format only; defects of the catalogue as a record (an unknown rule, a
post without a B officer, a commitment longer than the statute) are findings of
:func:`~govefficiency.services.check_catalogue`.

Other modules (e.g. ``govefficiency.approvals``) use a catalogue through the small
protocol :class:`ItemLookup`: ``item_id in catalogue`` and ``catalogue.get(item_id)``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

import attrs

from govefficiency._file_api import FileApi, expected, text_is_str
from govefficiency._format import Format, Id, Int, Key, ListOf, PlainOrBilingual, Str, Table, Tables
from govefficiency._records import checked, optional_text_of, sequence, text_of, unique
from govefficiency._validators import check_id, check_ids, instance_of, valid_id
from govefficiency._write import write_document
from govefficiency.deadlines import CalendarDays, RuleRegistry, StatuteRule, WorkingDays, rule_presets
from govefficiency.errors import InvalidInputError, InvalidTypeError, LoadError
from govefficiency.text import Text

__all__ = [
    "CATALOGUE",
    "Catalogue",
    "CatalogueFileError",
    "ItemLookup",
    "Post",
    "ServiceItem",
    "UnknownServiceItemError",
    "dump_catalogue",
    "dumps_catalogue",
    "load_catalogue",
    "loads_catalogue",
]


class CatalogueFileError(LoadError):
    """A catalogue, applications, complaints or survey file that is malformed."""


class UnknownServiceItemError(InvalidInputError, LookupError):
    """An item id that is not in the catalogue."""


def _opt_id(value: object) -> str | None:
    return None if value is None else check_id(value, "an officer or unit id")


def _materials(value: object) -> tuple[str, ...]:
    return check_ids(value, "materials")


def _committed(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, WorkingDays | CalendarDays):
        raise InvalidTypeError(
            f"a committed limit is WorkingDays(n) or CalendarDays(n), not {value!r}",
            "承诺时限必须是 WorkingDays(n) 或 CalendarDays(n)",
        )


@attrs.frozen
class Post:
    """A window post (窗口岗位) with its A officer and B officer (AB岗).

    Attributes:
        id: the post's id.
        a_officer: the officer who holds the post (A岗).
        b_officer: the named backup (B岗), or ``None`` when none is named (a finding).
        name: the post's name, or ``None``.
    """

    id: str = attrs.field(validator=valid_id())
    a_officer: str = attrs.field(validator=valid_id())
    b_officer: str | None = attrs.field(default=None, converter=_opt_id)
    name: Text | None = attrs.field(default=None, converter=optional_text_of)

    def to_dict(self) -> dict[str, Any]:
        """The post's table in the catalogue file format."""
        return POST.dump(self)


@attrs.frozen
class ServiceItem:
    """One service item (服务事项).

    Attributes:
        id: the item's id.
        name: its name.
        rule: the id of its statutory rule (a deadline preset such as ``licensing.decision``).
        committed: the committed limit (承诺时限), ``WorkingDays(n)`` or ``CalendarDays(n)``,
            counted from the same start as the statutory limit (acceptance, 受理).
        competent_unit: the unit that implements it (实施主体), or ``None`` (a finding).
        materials: the required materials, ``()`` when none are listed (a finding).
        fee: the fee basis (收费明白卡), or ``None`` when not stated.
        deciding_body: the body that decides, or ``None`` (then the competent unit).
        post: the window post that receives applications, or ``None``.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(converter=text_of)
    rule: str = attrs.field(validator=valid_id())
    committed: WorkingDays | CalendarDays = attrs.field(validator=_committed)
    competent_unit: str | None = attrs.field(default=None, converter=_opt_id)
    materials: tuple[str, ...] = attrs.field(default=(), converter=_materials)
    fee: Text | None = attrs.field(default=None, converter=optional_text_of)
    deciding_body: str | None = attrs.field(default=None, converter=_opt_id)
    post: str | None = attrs.field(default=None, converter=_opt_id)

    def to_dict(self) -> dict[str, Any]:
        """The item's table in the catalogue file format."""
        return SERVICE_ITEM.dump(self)


@runtime_checkable
class ItemLookup(Protocol):
    """What another module needs of a catalogue: membership and look-up by item id."""

    def __contains__(self, item_id: object) -> bool: ...

    def get(self, item_id: str) -> ServiceItem: ...


def _unique(kind: str, values: Iterable[Any], cls: type) -> tuple[Any, ...]:
    out = sequence(
        values, f"{kind} must be a sequence of {cls.__name__}", f"{kind} 必须是 {cls.__name__} 的序列"
    )
    bad = f"{kind} must hold {cls.__name__} values, not {{kind}}", f"{kind} 只能包含 {cls.__name__}"
    return unique(
        checked(out, cls, *bad),
        lambda ident: InvalidInputError(
            f"{kind}: the id {ident!r} is used twice", f"{kind}：id {ident!r} 重复"
        ),
        key=lambda value: value.id,
    )


def _items(values: Iterable[ServiceItem]) -> tuple[ServiceItem, ...]:
    return _unique("items", values, ServiceItem)


def _posts(values: Iterable[Post]) -> tuple[Post, ...]:
    return _unique("posts", values, Post)


@attrs.frozen
class Catalogue:
    """A service catalogue: items and window posts, with the statute rules they refer to.

    Attributes:
        items: the items, in file order (ids unique).
        posts: the window posts (ids unique).
        rules: the statute rules the items' ``rule`` ids are looked up in (default: the
            shipped presets, :func:`govefficiency.deadlines.rule_presets`).
        name: the service centre's name, or ``None``.
    """

    items: tuple[ServiceItem, ...] = attrs.field(converter=_items)
    posts: tuple[Post, ...] = attrs.field(default=(), converter=_posts)
    rules: RuleRegistry = attrs.field(factory=rule_presets, validator=instance_of(RuleRegistry), eq=False)
    name: Text | None = attrs.field(default=None, converter=optional_text_of)
    _by_id: dict[str, ServiceItem] = attrs.field(init=False, eq=False, repr=False)
    _posts_by_id: dict[str, Post] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.items})
        object.__setattr__(self, "_posts_by_id", {p.id: p for p in self.posts})

    def __contains__(self, item_id: object) -> bool:
        """Whether ``item_id`` is an item of the catalogue (the approvals protocol)."""
        return isinstance(item_id, str) and item_id in self._by_id

    def get(self, item_id: str) -> ServiceItem:
        """The item ``item_id``; :class:`UnknownServiceItemError` (a ``LookupError``) otherwise."""
        if not isinstance(item_id, str):
            raise InvalidTypeError(
                f"an item id is a str, not {type(item_id).__name__}", "事项 id 必须是字符串"
            )
        try:
            return self._by_id[item_id]
        except KeyError:
            raise UnknownServiceItemError(
                f"item {item_id!r} is not in the catalogue", f"事项 {item_id!r} 不在服务事项清单中"
            ) from None

    def post(self, post_id: str) -> Post | None:
        """The window post ``post_id``, or ``None`` when it is not defined."""
        return self._posts_by_id.get(post_id)

    def rule_of(self, item: ServiceItem) -> StatuteRule:
        """The statutory rule of ``item`` (:class:`~govefficiency.errors.RuleError` if unknown)."""
        return self.rules.get(item.rule)

    def __iter__(self) -> Iterator[ServiceItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping in the file format (loadable by :func:`loads_catalogue`)."""
        return CATALOGUE.dump(self)


# --- files -------------------------------------------------------------------------------------


def _period_of(unit: str, length: int) -> WorkingDays | CalendarDays:
    return WorkingDays(length) if unit == "working_days" else CalendarDays(length)


#: A committed limit: ``{unit = "working_days" | "days", length = n}``.
COMMITTED = Format(
    "committed-limit",
    "A committed limit (承诺时限), counted from acceptance like the statutory limit.",
    (
        Key("unit", Str(choices=("working_days", "days")), description="working_days or days"),
        Key("length", Int(0, 3660), description="how many units"),
    ),
    build=_period_of,
    error=CatalogueFileError,
    unbuild=lambda period: {"unit": period.unit.value, "length": period.n},
)

#: A window post (``[[posts]]``).
POST = Format(
    "post",
    "A window post (窗口岗位) with its A officer and named B officer (AB岗).",
    (
        Key("id", Id()),
        Key("name", PlainOrBilingual(), default=None, description="the post's name"),
        Key("a_officer", Id(), description="the officer who holds the post (A岗)"),
        Key("b_officer", Id(), default=None, description="the named backup (B岗)"),
    ),
    build=Post,
    error=CatalogueFileError,
)

#: A service item (``[[items]]``).
SERVICE_ITEM = Format(
    "service-item",
    "One service item (服务事项) with its statutory rule and committed limit.",
    (
        Key("id", Id()),
        Key("name", PlainOrBilingual()),
        Key("competent_unit", Id(), default=None, description="the unit that implements it (实施主体)"),
        Key("deciding_body", Id(), default=None, description="the body that decides (default: the unit)"),
        Key("rule", Id(), description="the id of its statutory rule, e.g. licensing.decision"),
        Key("committed", Table(COMMITTED), description="the committed limit (承诺时限)"),
        Key("materials", ListOf(Id()), default=(), description="the required materials (ids)"),
        Key("fee", PlainOrBilingual(), default=None, description="the fee basis (收费明白卡)"),
        Key("post", Id(), default=None, description="the window post that receives applications"),
    ),
    build=ServiceItem,
    error=CatalogueFileError,
)

#: A catalogue file: an optional ``name``, the ``[[posts]]`` and the ``[[items]]``.
CATALOGUE = Format(
    "services-catalogue",
    "A service centre's catalogue (服务事项清单): window posts and service items.",
    (
        Key("name", PlainOrBilingual(), default=None, description="the service centre's name"),
        Key("posts", Tables(POST), default=()),
        Key("items", Tables(SERVICE_ITEM)),
    ),
    build=Catalogue,
    error=CatalogueFileError,
)


def _check_rules(rules: object) -> RuleRegistry | None:
    if rules is not None and not isinstance(rules, RuleRegistry):
        raise InvalidTypeError(
            f"rules must be a RuleRegistry, not {type(rules).__name__}", "rules 必须是 RuleRegistry"
        )
    return rules


def _with_rules(catalogue: Catalogue, rules: RuleRegistry | None) -> Catalogue:
    return catalogue if rules is None else attrs.evolve(catalogue, rules=rules)


def write_services_file(doc: Mapping[str, Any], path: str | Path) -> None:
    """Write a services file to ``path``; a path that cannot be written is a
    :class:`CatalogueFileError` naming it (not a bare ``OSError``)."""
    try:
        write_document(doc, path, error=CatalogueFileError)
    except OSError as exc:
        raise CatalogueFileError(
            f"{path}: cannot write the file ({exc.strerror or exc}); check the directory exists and is writable",
            f"{path}：无法写入文件（{exc.strerror or exc}）；请检查目录是否存在且可写",
        ) from None


class _CatalogueLoader(Protocol):
    def __call__(
        self, source: str | Path | Mapping[str, Any], *, rules: RuleRegistry | None = None
    ) -> Catalogue: ...


class _CatalogueTextLoader(Protocol):
    def __call__(self, text: str, *, fmt: str = "toml", rules: RuleRegistry | None = None) -> Catalogue: ...


T = TypeVar("T")


def _finish(rules: RuleRegistry | None = None) -> Callable[[Catalogue], Catalogue]:
    """Item rules are looked up in ``rules`` (default: the shipped presets; pass
    ``rule_presets().extended(RuleRegistry.load(path))`` for a locality's own rules)."""
    return functools.partial(_with_rules, rules=_check_rules(rules))


def services_file_api(
    fmt: Format, cls: type[T], kind: str, what: str, module: str, **hooks: Any
) -> FileApi[T]:
    """The :class:`~govefficiency._file_api.FileApi` of a services file: a bad value or text
    is an ``InvalidTypeError`` (``expected a Survey``, ``text must be a str``) and a path
    that cannot be written a :class:`CatalogueFileError` (:func:`write_services_file`)."""
    return FileApi(
        fmt,
        cls,
        kind,
        what,
        module,
        check_value=expected,
        check_text=text_is_str,
        write=write_services_file,
        positional_fmt=True,
        **hooks,
    )


_catalogue_api = services_file_api(
    CATALOGUE,
    Catalogue,
    "catalogue",
    "a service catalogue (format :data:`CATALOGUE`, ``govefficiency schema services-catalogue``; "
    "its ``rules`` are not written)",
    __name__,
    value_name="catalogue",
    dumps_fmt="json",
    options=(("rules", "RuleRegistry | None", None),),
    finish=_finish,
)
_load, _loads, dump_catalogue, dumps_catalogue = _catalogue_api.functions()
load_catalogue = cast(_CatalogueLoader, _load)
loads_catalogue = cast(_CatalogueTextLoader, _loads)
