"""Builders for tests, examples and teaching: small, valid records in one call.

``govefficiency.testing`` is public and stable. It reads no clock and touches no file
unless asked; everything it builds is a plain library value that you can change with
``attrs.evolve``::

    from govefficiency.testing import at, mini_city, sample_item, sample_ledger, run_cli

    city = mini_city()                       # a sound org chart: no findings
    ledger = sample_ledger()                 # items T1 and T2 opened on 2026-01-05
    result = run_cli("calendar", "2026-10-10", "--lang", "en")
    assert result.code == 0

The builders are the ones the library's own test suite uses, so they are kept valid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from govefficiency._time import DEFAULT_ZONE, zone
from govefficiency._validators import check_count, check_id, check_iterable
from govefficiency.citation import Citation
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Text

__all__ = [
    "CST",
    "EXPERT_REVIEW",
    "CliResult",
    "at",
    "bus_fare_decision",
    "checklist_item",
    "dated_case",
    "mini_city",
    "org_chart",
    "refused",
    "run_cli",
    "sample_item",
    "sample_ledger",
    "text",
]

#: Beijing time as a fixed UTC+8 offset (China has kept no daylight saving since 1991):
#: ``dt.datetime(2026, 10, 8, 9, tzinfo=CST)``. :func:`at` uses the named zone instead.
CST = dt.timezone(dt.timedelta(hours=8))

#: 行政许可法 art. 45 (2019): the time for expert review is not counted in the licensing
#: period. The basis of a sample suspension (中止): ``Suspension(start, end, EXPERT_REVIEW)``.
EXPERT_REVIEW = Citation(
    Text("行政许可法", "Administrative Licensing Law"),
    "45",
    2019,
    Text("专家评审所需时间不计算在期限内", "time for expert review is not counted"),
)


def at(
    year: int, month: int, day: int, hour: int = 9, minute: int = 0, *, tz: str = DEFAULT_ZONE
) -> dt.datetime:
    """An aware instant (default 09:00, Asia/Shanghai): the frozen "now" a test passes in."""

    parts = [
        check_count(value, what, minimum=low, maximum=high)
        for value, what, low, high in (
            (year, "year", 1, 9999),
            (month, "month", 1, 12),
            (day, "day", 1, 31),
            (hour, "hour", 0, 23),
            (minute, "minute", 0, 59),
        )
    ]
    try:
        return dt.datetime(parts[0], parts[1], parts[2], parts[3], parts[4], tzinfo=zone(tz))
    except ValueError:
        raise InvalidInputError(
            f"{year:04d}-{month:02d}-{day:02d} is not a date",
            f"{year:04d}-{month:02d}-{day:02d} 不是有效日期",
        ) from None


def text(zh: str, en: str | None = None) -> Text:
    """A bilingual text; the English defaults to the Chinese."""
    return Text(zh, en or zh)


class CliResult(NamedTuple):
    """What a command printed and its exit status: ``result.code``, ``result.out``,
    ``result.err``, or unpacked in one line, ``code, out, err = run_cli(...)``."""

    code: int
    out: str
    err: str


def run_cli(*argv: str) -> CliResult:
    """Run ``govefficiency ARGV…`` in this process and capture what it prints.

    The language is whatever ``--lang`` (or the environment) says; pass ``--lang`` to pin it.
    """
    from govefficiency.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # usage and library errors, like argparse's own
            code = exc.code if isinstance(exc.code, int) else 1
    return CliResult(code, out.getvalue(), err.getvalue())


def refused(result: CliResult, status: int) -> str:
    """Check that a run exited ``status``, printed nothing on stdout and no traceback, and
    return its stderr (the one bilingual line that says what to do)::

        assert "2026-02-30" in refused(run_cli("deadline", "2026-02-30", "--days", "3"), 2)
    """
    if not isinstance(result, CliResult):
        raise InvalidTypeError(
            f"result must be what run_cli returned, not {type(result).__name__}",
            f"result 应为 run_cli 的返回值，而不是 {type(result).__name__}",
        )
    code, out, err = result
    if (code, out) != (check_count(status, "status", minimum=0, maximum=255), "") or "Traceback" in err:
        raise AssertionError(
            f"expected exit {status} with no output and no traceback, got {code}: {out}{err}"
        )
    return err


#: The tables of :func:`mini_city` (see :func:`org_chart` for what each column means).
_CITY_NAMES = {
    "mayor": ("王市长", "Mayor Wang"),
    "li": ("李副市长", "Deputy Mayor Li"),
    "zhang": ("张副市长", "Deputy Mayor Zhang"),
    "fgw": ("市发展和改革委员会", "Development and Reform Commission"),
    "finance": ("市财政局", "Finance Bureau"),
    "audit": ("市审计局", "Audit Bureau"),
    "nrp": ("市自然资源和规划局", "Natural Resources and Planning Bureau"),
    "transport": ("市交通运输局", "Transport Bureau"),
    "transport-planning": ("市交通运输局规划科", "Planning Section of the Transport Bureau"),
    "o-transport": ("赵一", "Zhao Yi"),
    "o-plan": ("钱二", "Qian Er"),
    "o-nrp": ("孙三", "Sun San"),
    "o-audit": ("李四", "Li Si"),
    "o-fgw": ("周五", "Zhou Wu"),
    "road": ("建设环城快速路", "Build the ring expressway"),
    "road-land": ("完成快速路征地", "Acquire the land for the expressway"),
    "road-design": ("完成快速路设计", "Design the expressway"),
    "audit-projects": ("审计政府投资项目", "Audit government-funded projects"),
}
_CITY_LEADERS = (
    ("mayor", {"audit"}, None),
    ("li", {"fgw", "finance"}, "mayor"),
    ("zhang", {"nrp", "transport"}, "mayor"),
)
_CITY_UNITS = (
    ("fgw",),
    ("finance",),
    ("audit",),
    ("nrp",),
    ("transport",),
    ("transport-planning", "transport"),
)
_CITY_OFFICERS = (
    ("o-transport", "transport"),
    ("o-plan", "transport-planning", ("规划科科长", "Section Head")),
    ("o-nrp", "nrp"),
    ("o-audit", "audit"),
    ("o-fgw", "fgw"),
)
_CITY_TASKS = (
    ("road", "transport", ("nrp", "finance"), "zhang", None, None, dt.date(2026, 12, 31)),
    ("road-land", "nrp", "transport", "zhang", "o-nrp", "road", dt.date(2026, 6, 30)),
    ("road-design", "transport-planning", (), "zhang", "o-plan", "road", dt.date(2026, 9, 30)),
    ("audit-projects", "audit", ("finance", "fgw"), "mayor", "o-audit", None, dt.date(2026, 11, 30)),
)
_CITY_DUTIES = (
    ("transport", "road-maintenance", ("公路养护", "Road maintenance")),
    ("transport-planning", "road-maintenance"),
    ("nrp", "land-use-planning"),
    ("finance", "budget"),
)


def mini_city() -> Any:
    """A sound mini city (a :class:`~govefficiency.responsibility.ResponsibilityGraph`
    with no findings): a mayor, two deputies, six units, four tasks.

    ::

        mayor ── audit
          ├── li ── fgw, finance
          └── zhang ── nrp, transport ── transport-planning (internal office)

    Task "road" (lead transport) decomposes into "road-land" (lead nrp, an assisting unit
    of "road") and "road-design" (lead transport-planning, an office of the lead).
    """
    return org_chart(
        ("示例市人民政府", "Example City Government"),
        ("duchashi", ("市政府督查室", "Supervision Office")),
        _CITY_NAMES,
        leaders=_CITY_LEADERS,
        units=_CITY_UNITS,
        officers=_CITY_OFFICERS,
        tasks=_CITY_TASKS,
        duties=_CITY_DUTIES,
    )


def org_chart(
    name: tuple[str, str],
    supervision_office: tuple[str, tuple[str, str]],
    names: Mapping[str, tuple[str, str]],
    *,
    leaders: Iterable[tuple[Any, ...]],
    units: Iterable[tuple[Any, ...]],
    officers: Iterable[tuple[Any, ...]] = (),
    tasks: Iterable[tuple[Any, ...]] = (),
    duties: Iterable[tuple[Any, ...]] = (),
) -> Any:
    """A :class:`~govefficiency.responsibility.ResponsibilityGraph` from tables: ``names``
    gives each leader, unit, officer and task id its ``(zh, en)`` name (title), and each
    row of the other tables is one node, by id:

    * ``leaders``: ``(id, supervises, reports_to)``; the leader who reports to no one is
      the head (正职), the others are deputies;
    * ``units``: ``(id,)`` for a department, ``(id, parent)`` for an internal office;
    * ``officers``: ``(id, unit)`` or ``(id, unit, (zh, en) post)``;
    * ``tasks``: ``(id, leads, assists, leader, officer, parent, due)``;
    * ``duties``: ``(unit, key)`` or ``(unit, key, (zh, en) title)``.

    The graph's own validation applies: a bad id, a missing name or a short row raises a
    library error.
    """
    from govefficiency import responsibility as r

    def rows(table: Iterable[Any], what: str, low: int, high: int) -> list[tuple[Any, ...]]:
        out = []
        for values in check_iterable(table, what):
            values = check_iterable(values, what)
            if not low <= len(values) <= high:
                raise InvalidInputError(
                    f"a row of {what} has {low} to {high} values, not {len(values)}: {values!r}",
                    f"{what} 的一行应有 {low} 至 {high} 个值，而非 {len(values)} 个：{values!r}",
                )
            out.append(values + (None,) * (high - len(values)))
        return out

    def pair(value: Any) -> Text:
        return text(*rows([value], "names", 2, 2)[0])

    def name_of(key: Any) -> Text:
        if check_id(key, "id") not in names:
            raise InvalidInputError(f"no name for {key!r} in names", f"names 中没有 {key!r} 的名称")
        return pair(names[key])

    if not isinstance(names, Mapping):
        raise InvalidTypeError(
            f"names must be a mapping of id to (zh, en), not {type(names).__name__}",
            f"names 应为 id 到 (中文, 英文) 的映射，而不是 {type(names).__name__}",
        )
    [(office, office_name)] = rows([supervision_office], "supervision_office", 2, 2)
    return r.ResponsibilityGraph(
        name=pair(name),
        supervision_office=r.SupervisionOffice(office, pair(office_name)),
        leaders=[
            r.Leader(key, name_of(key), r.LeaderRole.DEPUTY if boss else r.LeaderRole.HEAD, watch or (), boss)
            for key, watch, boss in rows(leaders, "leaders", 3, 3)
        ],
        units=[
            r.Unit(key, name_of(key), r.UnitKind.INTERNAL_OFFICE if parent else r.UnitKind.DEPARTMENT, parent)
            for key, parent in rows(units, "units", 1, 2)
        ],
        officers=[
            r.Officer(key, unit, name_of(key), None if post is None else pair(post))
            for key, unit, post in rows(officers, "officers", 2, 3)
        ],
        tasks=[r.Task(key, name_of(key), *rest) for key, *rest in rows(tasks, "tasks", 7, 7)],
        duties=[
            r.Duty(unit, key, None if title is None else pair(title))
            for unit, key, title in rows(duties, "duties", 2, 3)
        ],
    )


def checklist_item(ident: str, title: str, lead_unit: str, officer: str, **changes: Any) -> Any:
    """A bare :class:`~govefficiency.ledger.ChecklistItem`: key work (重点工作) of 2026 due
    on 2026-12-31, led by ``lead_unit`` with ``officer`` named, supervised by vm-wang,
    whose target is its title and whose standard is 通过验收, with no project, time node or
    assisting unit; ``changes`` replace or add fields (``time_nodes=``, ``start=``, …)::

        checklist_item("K09", "智慧政务平台", "dsj", "wu-di", target="上线运行")
    """
    from govefficiency.ledger import ChecklistItem

    fields: dict[str, Any] = {
        "id": ident,
        "title": title,
        "lead_unit": lead_unit,
        "officer": officer,
        "category": "重点工作",
        "year": 2026,
        "target": title,
        "standard": "通过验收",
        "deadline": dt.date(2026, 12, 31),
        "leader": "vm-wang",
    }
    fields.update(changes)
    return ChecklistItem(**fields)


def sample_item(ident: str = "T1", **changes: Any) -> Any:
    """A valid 2026 :class:`~govefficiency.ledger.ChecklistItem` with three time nodes
    (20 % by 03-31, 50 % by 06-30, 80 % by 09-30), housing leading with finance assisting;
    ``changes`` replace fields."""
    from govefficiency.ledger import TimeNode

    fields: dict[str, Any] = {
        "title": f"重点任务 {ident}",
        "lead_unit": "housing",
        "officer": "li-ming",
        "target": "完成年度目标",
        "projects": ("项目A",),
        "time_nodes": (
            TimeNode(dt.date(2026, 3, 31), 20, "完成设计"),
            TimeNode(dt.date(2026, 6, 30), 50, "主体过半"),
            TimeNode(dt.date(2026, 9, 30), 80, "主体完工"),
        ),
        "assisting_units": ("finance",),
    }
    fields.update(changes)
    return checklist_item(fields.pop("id", ident), **fields)


def sample_ledger(items: Iterable[Any] | None = None, *, opened: dt.datetime | None = None) -> Any:
    """An in-memory :class:`~govefficiency.ledger.Ledger` with ``items`` opened at
    ``opened`` (default: T1, housing, and T2, transport, on 2026-01-05 09:00)."""
    from govefficiency.ledger import Ledger

    ledger = Ledger()
    chosen = (
        list(check_iterable(items, "items"))
        if items is not None
        else [
            sample_item("T1"),
            sample_item("T2", lead_unit="transport", officer="zhao-lei", assisting_units=()),
        ]
    )
    ledger.open_items(chosen, at=opened or at(2026, 1, 5))
    return ledger


def dated_case(
    case_id: str = "C1",
    due: dt.date = dt.date(2026, 10, 30),
    *,
    lead_unit: str | None = "transport",
    assisting_units: tuple[str, ...] = (),
    start: dt.date | None = None,
    completed_on: dt.date | None = None,
) -> Any:
    """An escalation :class:`~govefficiency.escalation.DatedCase` due on ``due``."""
    from govefficiency.escalation import CaseParties, DatedCase

    return DatedCase(
        case_id,
        text(f"事项 {case_id}", f"case {case_id}"),
        due,
        CaseParties(lead_unit=lead_unit, assisting_units=assisting_units),
        start=start,
        completed_on=completed_on,
    )


def bus_fare_decision() -> Any:
    """A complete, compliant major decision (:class:`~govefficiency.decisions.DecisionRecord`):
    a city's bus-fare adjustment (市区公交票价调整方案), a livelihood matter with a fiscal
    subsidy, that passes both procedure presets with no finding.

    Public comment 2026-07-24..08-24 (31 days), hearing 08-28, expert evaluation 09-07,
    risk assessment 09-14, consultation of the two departments 09-16, the supervising
    leader's opinion 09-18, legality review 09-30..10-15 (7 working days across the
    National Day holiday), standing-committee discussion 10-20 with the mayor speaking
    last, publication 10-23, archiving 10-30. Inject a defect with ``record.with_step``.
    """
    from govefficiency import decisions as d

    day = dt.date
    return d.DecisionRecord(
        d.Matter(
            title="市区公交票价调整方案",
            category=d.Category.PUBLIC_POLICY,
            flags={
                d.Flag.PUBLIC_INTEREST,
                d.Flag.LIVELIHOOD,
                d.Flag.SPECIALISED,
                d.Flag.STABILITY_RISK,
                d.Flag.ESPECIALLY_MAJOR,
                d.Flag.PERSONNEL_FUNDS_ASSETS_PLANNING,  # the fiscal subsidy to the bus company
            },
            departments=("市财政局", "市交通运输局"),
        ),
        alternatives=2,
        steps=[
            d.PublicComment(published=day(2026, 7, 24), closed=day(2026, 8, 24)),
            d.Hearing(date=day(2026, 8, 28), materials_sent=day(2026, 8, 20)),
            d.ExpertEvaluation(date=day(2026, 9, 7)),
            d.RiskAssessment(date=day(2026, 9, 14), controllable=True, measures=("低收入群体票价减免",)),
            d.Consultation(
                date=day(2026, 9, 16),
                opinions=(d.DepartmentOpinion("市财政局"), d.DepartmentOpinion("市交通运输局")),
            ),
            d.SupervisingOpinion(date=day(2026, 9, 18), leader="分管交通的副市长"),
            d.LegalityReview(sent=day(2026, 9, 30), opinion=day(2026, 10, 15), result=d.ReviewResult.LAWFUL),
            d.CollectiveDiscussion(
                date=day(2026, 10, 20),
                meeting=d.MeetingType.STANDING,
                head="市长",
                speakers=("常务副市长", "分管交通的副市长", "副市长（财政）", "市长"),
                majority_view=d.Position.APPROVE_AMENDED,
                decision=d.Position.APPROVE_AMENDED,
                dissenters=("副市长（财政）",),
                dissent_recorded=True,
                citizen_representatives=3,
            ),
            d.Publication(date=day(2026, 10, 23), channel="市政府公报"),
            d.Archiving(date=day(2026, 10, 30)),
        ],
    )
