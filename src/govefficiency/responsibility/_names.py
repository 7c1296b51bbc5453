"""Names as people write them (市教育局) resolved to unit ids through the org chart.

A unit is recognised by its id, its name in either language and its declared
``aliases``. Ledgers, cases files and assessment inputs resolve the units they name
through :func:`resolve_unit`; an ambiguous or unknown name is an error that lists the
candidates — never a silent guess.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping

from govefficiency._validators import check_iterable
from govefficiency.errors import AmbiguousNameError, InvalidTypeError, UnknownNodeError
from govefficiency.responsibility._graph import ResponsibilityGraph

__all__ = ["resolve_unit", "resolve_units", "unit_names"]


@functools.lru_cache(maxsize=16)
def _index(graph: ResponsibilityGraph) -> Mapping[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for unit in graph.units:
        for name in dict.fromkeys((unit.name.zh, unit.name.en, *unit.aliases)):
            ids = names.setdefault(name.strip(), [])
            if unit.id not in ids:
                ids.append(unit.id)
    return {name: tuple(ids) for name, ids in names.items()}


def unit_names(graph: ResponsibilityGraph) -> Mapping[str, tuple[str, ...]]:
    """Every name and alias of the graph's units, mapped to the ids of the units that
    carry it (several ids: an ambiguous name)."""
    _check_graph(graph)
    return dict(_index(graph))


def _check_graph(graph: object) -> None:
    if not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError(
            f"expected a ResponsibilityGraph, not {type(graph).__name__}", "需要 ResponsibilityGraph"
        )


def resolve_unit(graph: ResponsibilityGraph, name: str) -> str:
    """The id of the unit called ``name``: an id, a name (zh or en) or an alias.

    Raises:
        AmbiguousNameError: several units carry the name (the candidates are listed).
        UnknownNodeError: no unit carries it (the closest names are listed).
    """
    _check_graph(graph)
    if not isinstance(name, str) or not name.strip():
        raise InvalidTypeError(
            f"a unit name is a non-empty string, not {name!r}", f"单位名称必须是非空字符串，而不是 {name!r}"
        )
    key = name.strip()
    try:
        return graph.unit(key).id
    except UnknownNodeError:
        pass
    index = _index(graph)
    ids = index.get(key, ())
    if len(ids) == 1:
        return ids[0]
    if ids:
        listed = ", ".join(f"{i} ({graph.name_of(i).zh})" for i in ids)
        raise AmbiguousNameError(
            f"the name {key!r} fits several units: {listed}; write the unit id, or give each unit "
            "its own alias in the org chart",
            f"名称 {key!r} 对应多个单位：{listed}；请写单位 id，或在组织架构中为各单位设定不同的别名",
            candidates=ids,
        )
    choices = [*index, *(u.id for u in graph.units)]
    close = difflib.get_close_matches(key, choices, n=5, cutoff=0.4)
    hint_en = (
        f"; did you mean: {', '.join(close)}?" if close else "; add it to the unit's aliases in the org chart"
    )
    hint_zh = f"；是否指：{'、'.join(close)}？" if close else "；请在组织架构中把它加入相应单位的 aliases"
    raise UnknownNodeError(
        f"no unit is called {key!r} in the org chart{hint_en}",
        f"组织架构中没有名为 {key!r} 的单位{hint_zh}",
    )


def resolve_units(graph: ResponsibilityGraph, names: Iterable[str]) -> tuple[str, ...]:
    """:func:`resolve_unit` for each name, in order."""
    if isinstance(names, str):
        raise InvalidTypeError("names must be a list of unit names, not a str", "names 必须是单位名称的列表")
    return tuple(resolve_unit(graph, n) for n in check_iterable(names, "names"))
