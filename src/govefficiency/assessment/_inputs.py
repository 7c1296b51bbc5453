"""Assessment inputs with provenance: the units assessed and the metric rows.

A metric row is one value for one unit and one metric, with where it came from
(``source``) and the evidence behind it (``refs``: ledger item ids, case ids). Rows are
plain data: the library's own modules (ledger, escalation, decisions) and any other
system produce them (see :mod:`govefficiency.assessment._adapters`); the assessment
never imports a source to read it.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import attrs

from govefficiency._loading import read_document, read_text
from govefficiency._records import as_tuple
from govefficiency._validators import check_id, check_text, id_problem, optional
from govefficiency.assessment._period import Period
from govefficiency.assessment._rules import number
from govefficiency.errors import AssessmentError, GovEfficiencyError, InvalidTypeError, SchemeError

__all__ = ["AssessedUnit", "Inputs", "MetricLike", "MetricRow", "load_metrics"]


@runtime_checkable
class MetricLike(Protocol):
    """What the assessment reads from a metric row (any object with these attributes)."""

    @property
    def unit(self) -> str: ...
    @property
    def metric(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def source(self) -> str: ...
    @property
    def group(self) -> str | None: ...
    @property
    def refs(self) -> tuple[str, ...]: ...
    @property
    def period(self) -> str | None: ...


def _value(value: object) -> float:
    if type(value) is float and value - value == 0.0:  # the common case: a finite float
        return value
    return number(value, "MetricRow.value")


# Rows repeat the same few thousand ids and sources; checking each character of each again
# was most of the cost of a large table, so the verdicts are memoised (bounded caches; a
# failing value is always re-checked, to raise with the field's name).


@functools.lru_cache(maxsize=1 << 16)
def _id_ok(value: str) -> bool:
    return id_problem(value) is None


@functools.lru_cache(maxsize=1 << 12)
def _text_ok(value: str) -> bool:
    try:
        check_text(value, "text")
    except GovEfficiencyError:
        return False
    return True


@functools.lru_cache(maxsize=1 << 10)
def _period_text(value: str) -> str:
    return str(Period.parse(value))


def _unit_id(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is str and _id_ok(value):
        return
    check_id(value, f"{type(instance).__name__}.{attribute.name}", error=AssessmentError)


_opt_id = optional(_unit_id)


def _refs(value: object) -> tuple[str, ...]:
    if value == () or value == []:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise InvalidTypeError(
            "MetricRow.refs must be a list of ids (the evidence: ledger items, cases)",
            "MetricRow.refs 必须是 id 列表（证据：台账事项、案件等）",
        )
    return tuple(check_id(r, "each of MetricRow.refs", error=AssessmentError) for r in value)


def _period(value: object) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        return _period_text(value)
    return str(Period.parse(value))


@attrs.frozen
class MetricRow:
    """One value of one metric for one unit.

    Attributes:
        unit: the unit's id.
        metric: the indicator's or fact's id.
        value: the value: a rate in percent, a count, or one rater's score (0–100).
        source: where it came from (a file, a module, a survey), never empty.
        group: for an appraisal, the rater group of this score; ``None`` otherwise.
        refs: the evidence behind the value (ledger item ids, case ids); ``()`` if none.
        period: the period it belongs to (``2026Q3``); ``None`` for any period asked.
    """

    unit: str = attrs.field(validator=_unit_id)
    metric: str = attrs.field(validator=_unit_id)
    value: float = attrs.field(converter=_value)
    source: str = attrs.field(default="input")
    group: str | None = attrs.field(default=None, validator=_opt_id)
    refs: tuple[str, ...] = attrs.field(default=(), converter=_refs)
    period: str | None = attrs.field(default=None, converter=_period)

    def __attrs_post_init__(self) -> None:
        if type(self.source) is not str or not _text_ok(self.source):
            check_text(self.source, "MetricRow.source")


@attrs.frozen
class AssessedUnit:
    """A unit on the roster.

    Attributes:
        id: its id.
        category: the category it is assessed in (e.g. ``county``, ``department``).
        name: its display name; ``""`` to show the id.
    """

    id: str = attrs.field(validator=_unit_id)
    category: str = attrs.field(validator=_unit_id)
    name: str = ""


class Inputs:
    """The roster and the metric rows of an assessment, indexed once.

    The rows are folded into an index (period → metric → unit → value, source,
    evidence) and not kept as objects: a table of hundreds of thousands of rows then
    costs little memory and little garbage-collection time. :attr:`rows` rebuilds them.

    Args:
        units: the units assessed (the roster), :class:`AssessedUnit` values.
        rows: the metric rows (objects satisfying :class:`MetricLike`).

    Raises:
        InvalidTypeError: not a list of units or rows.
        AssessmentError: a unit listed twice, a row for a unit not on the roster, a
            value given twice for the same unit, metric and period (scores of an
            appraisal, which carry a ``group``, may repeat: one per rater).
    """

    __slots__ = ("_index", "_rows", "units")

    units: tuple[AssessedUnit, ...]

    def __init__(self, units: Iterable[AssessedUnit], rows: Iterable[Any]) -> None:
        self.units = as_tuple(units)
        roster: dict[str, AssessedUnit] = {}
        for u in self.units:
            if not isinstance(u, AssessedUnit):
                raise InvalidTypeError(
                    f"Inputs.units must hold AssessedUnit values, not {type(u).__name__}",
                    f"Inputs.units 必须是 AssessedUnit，而不是 {type(u).__name__}",
                )
            if u.id in roster:
                raise AssessmentError(
                    f"unit {u.id!r} is on the roster twice", f"单位 {u.id!r} 在名单中出现两次"
                )
            roster[u.id] = u
        # index[period][metric][unit] -> (value, source, refs), or {group: ([score], [source])}
        index: dict[str | None, dict[str, dict[str, Any]]] = {}
        count = 0
        for row in as_tuple(rows):
            if type(row) is not MetricRow and not isinstance(row, MetricLike):
                raise InvalidTypeError(
                    f"Inputs.rows must be metric rows, not {type(row).__name__}",
                    f"Inputs.rows 必须是指标数据行，而不是 {type(row).__name__}",
                )
            count += 1
            unit = row.unit
            if unit not in roster:
                raise AssessmentError(
                    f"a {row.metric} row (source {row.source}) names the unknown unit {unit!r}: "
                    "add the unit to the roster or correct the id",
                    f"{row.metric} 数据行（来源 {row.source}）所列单位 {unit!r} 不在名单中：请加入名单或更正 id",
                )
            by_period = index.get(row.period)
            if by_period is None:
                by_period = index[row.period] = {}
            by_unit = by_period.get(row.metric)
            if by_unit is None:
                by_unit = by_period[row.metric] = {}
            if row.group is None:
                if unit in by_unit:
                    raise AssessmentError(
                        f"unit {unit!r} has two values for {row.metric}"
                        + (f" in {row.period}" if row.period else "")
                        + ": keep one",
                        f"单位 {unit!r} 的 {row.metric} 有两个数值，请只保留一个",
                    )
                by_unit[unit] = (row.value, row.source, tuple(row.refs))
            else:
                groups = by_unit.get(unit)
                if groups is None:
                    groups = by_unit[unit] = {}
                elif groups.__class__ is not dict:
                    raise AssessmentError(
                        f"unit {unit!r}: {row.metric} has both a plain value and rater scores",
                        f"单位 {unit!r} 的 {row.metric} 同时有数值和评议分",
                    )
                scores = groups.get(row.group)
                if scores is None:
                    scores = groups[row.group] = (list[float](), list[str]())
                scores[0].append(row.value)
                scores[1].append(row.source)
        self._index = index
        self._rows = count

    def __len__(self) -> int:
        """The number of metric rows."""
        return self._rows

    @property
    def rows(self) -> tuple[MetricRow, ...]:
        """The rows, rebuilt from the index (grouped by period, metric and unit)."""
        out: list[MetricRow] = []
        for period, metrics in self._index.items():
            for metric, cells in metrics.items():
                for unit, cell in cells.items():
                    if cell.__class__ is dict:
                        for group, scores in cell.items():
                            out.extend(
                                MetricRow(unit, metric, v, src, group, (), period)
                                for v, src in zip(scores[0], scores[1], strict=True)
                            )
                    else:
                        out.append(MetricRow(unit, metric, cell[0], cell[1], None, cell[2], period))
        return tuple(out)

    def __repr__(self) -> str:
        return f"Inputs(units={len(self.units)}, rows={self._rows})"

    def roster(self) -> dict[str, AssessedUnit]:
        return {u.id: u for u in self.units}

    def metrics_for(self, period: Period) -> dict[str, dict[str, Any]]:
        """metric -> unit -> cell, for the rows of ``period`` and the undated rows."""
        key = str(period)
        undated = self._index.get(None, {})
        dated = self._index.get(key, {})
        if not dated:
            return undated
        if not undated:
            return dated
        merged = {m: dict(v) for m, v in undated.items()}
        for metric, cells in dated.items():
            target = merged.setdefault(metric, {})
            for unit, cell in cells.items():
                if unit in target:
                    raise AssessmentError(
                        f"unit {unit!r} has a value for {metric} both for {key} and undated: keep one",
                        f"单位 {unit!r} 的 {metric} 同时有 {key} 和未标期间的数值，请只保留一个",
                    )
                target[unit] = cell
        return merged

    def extend(self, rows: Iterable[Any]) -> Inputs:
        """A new :class:`Inputs` with more rows (e.g. from an adapter)."""
        return Inputs(self.units, self.rows + tuple(rows))


_CSV_COLUMNS = ("unit", "category", "metric", "value", "source", "group", "refs", "period", "name")


def resolve_names(inputs: Inputs, resolve: Callable[[str], str]) -> Inputs:
    """The same inputs with every unit as written (a name such as 市教育局, an alias or an
    id) replaced by the id ``resolve`` gives, e.g. ``lambda n: resolve_unit(graph, n)``
    from :mod:`govefficiency.responsibility` (org-chart aliases).

    Raises:
        InvalidTypeError: ``inputs`` is not :class:`Inputs` or ``resolve`` is not callable.
        AmbiguousNameError, UnknownNodeError: from ``resolve``, for a name it cannot place.
        AssessmentError: two names resolve to the same unit with two values.
    """
    if not isinstance(inputs, Inputs) or not callable(resolve):
        raise InvalidTypeError(
            "resolve_names needs Inputs and a function from a unit name to its id",
            "resolve_names 需要 Inputs 以及把单位名称换成 id 的函数",
        )
    cache: dict[str, str] = {}

    def unit_id(name: str) -> str:
        if name not in cache:
            cache[name] = resolve(name)
        return cache[name]

    units: dict[str, AssessedUnit] = {}
    for u in inputs.units:
        units.setdefault(unit_id(u.id), attrs.evolve(u, id=unit_id(u.id)))
    rows = [
        attrs.evolve(r, unit=unit_id(r.unit))
        if type(r) is MetricRow
        else MetricRow(
            unit_id(r.unit),
            r.metric,
            r.value,
            r.source,
            getattr(r, "group", None),
            list(getattr(r, "refs", ())),
            getattr(r, "period", None),
        )
        for r in inputs.rows
    ]
    return Inputs(tuple(units.values()), rows)


def load_metrics(path: str | Path) -> Inputs:
    """Read a metrics table: a CSV file (columns ``unit, category, metric, value, source``
    and optionally ``group, refs, period, name``; ``refs`` separated by ``;``) or a
    TOML/JSON document with ``[[units]]`` (id, category, name) and ``[[metrics]]`` rows.

    Raises:
        SchemeError: the file is missing, unreadable or malformed (with the line or key).
        AssessmentError: a row names an unknown unit, a value is given twice.
    """
    if not isinstance(path, str | Path):
        raise InvalidTypeError(
            f"load_metrics needs a path, not {type(path).__name__}",
            f"load_metrics 需要文件路径，而不是 {type(path).__name__}",
        )
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return _load_csv(p)
    doc = read_document(p, error=SchemeError)
    units: list[AssessedUnit] = []
    for t in doc.tables("units"):
        units.append(t.build(AssessedUnit, t.string("id"), t.string("category"), t.string("name", "")))
        t.finish()
    rows: list[MetricRow] = []
    for t in doc.tables("metrics", []):
        rows.append(
            t.build(
                MetricRow,
                t.string("unit"),
                t.string("metric"),
                t.number("value"),
                t.string("source", "input"),
                t.string("group", None),
                list(t.strs("refs", ())),
                t.string("period", None),
            )
        )
        t.finish()
    doc.finish()
    return doc.build(Inputs, units, rows)


def _load_csv(path: Path) -> Inputs:
    origin = str(path)
    text = read_text(path, error=SchemeError, encoding="utf-8-sig")
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in ("unit", "category", "metric", "value") if c not in header]
    unknown = [c for c in header if c not in _CSV_COLUMNS]
    if missing or unknown:
        raise SchemeError(
            f"{origin}: line 1: the header needs unit, category, metric, value (and may have source, group, refs, "
            f"period, name); missing {missing}, unknown {unknown}",
            f"{origin}：第 1 行：表头须有 unit、category、metric、value（可有 source、group、refs、period、name）；"
            f"缺少 {missing}，未知 {unknown}",
            origin=origin,
        )
    units: dict[str, AssessedUnit] = {}
    rows: list[MetricRow] = []
    for line, rec in enumerate(reader, start=2):
        try:
            if None in rec:
                raise AssessmentError("the row has more cells than the header", "该行单元格多于表头")
            unit, category = (rec.get("unit") or "").strip(), (rec.get("category") or "").strip()
            known = units.get(unit)
            if known is None:
                units[unit] = AssessedUnit(unit, category, (rec.get("name") or "").strip())
            elif known.category != category:
                raise AssessmentError(
                    f"unit {unit!r} is in category {known.category!r} on an earlier line, not {category!r}",
                    f"单位 {unit!r} 在前面的行中属于类别 {known.category!r}，而不是 {category!r}",
                )
            raw = (rec.get("value") or "").strip()
            try:
                value = float(raw)
            except ValueError:
                raise AssessmentError(
                    f"value {raw!r} is not a number (leave no cell empty: a missing value is reported, not zero)",
                    f"数值 {raw!r} 不是数字（缺数请整行不写，缺数会被报告而非按零计）",
                ) from None
            refs = [r.strip() for r in (rec.get("refs") or "").split(";") if r.strip()]
            rows.append(
                MetricRow(
                    unit,
                    (rec.get("metric") or "").strip(),
                    value,
                    (rec.get("source") or "").strip() or origin,
                    (rec.get("group") or "").strip() or None,
                    refs,
                    (rec.get("period") or "").strip() or None,
                )
            )
        except (AssessmentError, InvalidTypeError) as exc:
            raise SchemeError(
                f"{origin}: line {line}: {exc.en}",
                f"{origin}：第 {line} 行：{exc.zh or exc.en}",
                origin=origin,
            ) from None
    try:
        return Inputs(tuple(units.values()), rows)
    except (AssessmentError, InvalidTypeError) as exc:
        raise SchemeError(f"{origin}: {exc.en}", f"{origin}：{exc.zh or exc.en}", origin=origin) from None


def rows_from_mapping(data: Mapping[str, float], metric: str, source: str) -> list[MetricRow]:
    """One row per unit from ``{unit: value}``."""
    return [MetricRow(u, metric, v, source) for u, v in sorted(data.items())]
