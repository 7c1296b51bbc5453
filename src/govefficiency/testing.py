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
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._time import DEFAULT_ZONE, zone
from govefficiency.text import Text

__all__ = [
    "CliResult",
    "at",
    "dated_case",
    "mini_city",
    "run_cli",
    "sample_item",
    "sample_ledger",
    "text",
]


def at(
    year: int, month: int, day: int, hour: int = 9, minute: int = 0, *, tz: str = DEFAULT_ZONE
) -> dt.datetime:
    """An aware instant (default 09:00, Asia/Shanghai): the frozen "now" a test passes in."""
    from govefficiency._validators import check_count
    from govefficiency.errors import InvalidInputError

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


@attrs.frozen
class CliResult:
    """What a command printed and its exit status."""

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
    from govefficiency.responsibility import (
        Duty,
        Leader,
        LeaderRole,
        Officer,
        ResponsibilityGraph,
        SupervisionOffice,
        Task,
        Unit,
        UnitKind,
    )

    t = text
    return ResponsibilityGraph(
        name=t("示例市人民政府", "Example City Government"),
        supervision_office=SupervisionOffice("duchashi", t("市政府督查室", "Supervision Office")),
        leaders=[
            Leader("mayor", t("王市长", "Mayor Wang"), LeaderRole.HEAD, supervises={"audit"}),
            Leader("li", t("李副市长", "Deputy Mayor Li"), supervises={"fgw", "finance"}, reports_to="mayor"),
            Leader(
                "zhang",
                t("张副市长", "Deputy Mayor Zhang"),
                supervises={"nrp", "transport"},
                reports_to="mayor",
            ),
        ],
        units=[
            Unit("fgw", t("市发展和改革委员会", "Development and Reform Commission")),
            Unit("finance", t("市财政局", "Finance Bureau")),
            Unit("audit", t("市审计局", "Audit Bureau")),
            Unit("nrp", t("市自然资源和规划局", "Natural Resources and Planning Bureau")),
            Unit("transport", t("市交通运输局", "Transport Bureau")),
            Unit(
                "transport-planning",
                t("市交通运输局规划科", "Planning Section of the Transport Bureau"),
                UnitKind.INTERNAL_OFFICE,
                parent="transport",
            ),
        ],
        officers=[
            Officer("o-transport", "transport", t("赵一", "Zhao Yi")),
            Officer(
                "o-plan", "transport-planning", t("钱二", "Qian Er"), post=t("规划科科长", "Section Head")
            ),
            Officer("o-nrp", "nrp", t("孙三", "Sun San")),
            Officer("o-audit", "audit", t("李四", "Li Si")),
            Officer("o-fgw", "fgw", t("周五", "Zhou Wu")),
        ],
        tasks=[
            Task(
                "road",
                t("建设环城快速路", "Build the ring expressway"),
                leads=("transport",),
                assists=("nrp", "finance"),
                leader="zhang",
                due=dt.date(2026, 12, 31),
            ),
            Task(
                "road-land",
                t("完成快速路征地", "Acquire the land for the expressway"),
                leads=("nrp",),
                assists=("transport",),
                leader="zhang",
                officer="o-nrp",
                parent="road",
                due=dt.date(2026, 6, 30),
            ),
            Task(
                "road-design",
                t("完成快速路设计", "Design the expressway"),
                leads=("transport-planning",),
                leader="zhang",
                officer="o-plan",
                parent="road",
                due=dt.date(2026, 9, 30),
            ),
            Task(
                "audit-projects",
                t("审计政府投资项目", "Audit government-funded projects"),
                leads=("audit",),
                assists=("finance", "fgw"),
                leader="mayor",
                officer="o-audit",
                due=dt.date(2026, 11, 30),
            ),
        ],
        duties=[
            Duty("transport", "road-maintenance", t("公路养护", "Road maintenance")),
            Duty("transport-planning", "road-maintenance"),
            Duty("nrp", "land-use-planning"),
            Duty("finance", "budget"),
        ],
    )


def sample_item(ident: str = "T1", **changes: Any) -> Any:
    """A valid 2026 :class:`~govefficiency.ledger.ChecklistItem` with three time nodes
    (20 % by 03-31, 50 % by 06-30, 80 % by 09-30); ``changes`` replace fields."""
    from govefficiency.ledger import ChecklistItem, TimeNode

    fields: dict[str, Any] = {
        "id": ident,
        "title": f"重点任务 {ident}",
        "category": "重点工作",
        "year": 2026,
        "target": "完成年度目标",
        "standard": "通过验收",
        "deadline": dt.date(2026, 12, 31),
        "leader": "vm-wang",
        "lead_unit": "housing",
        "officer": "li-ming",
        "projects": ("项目A",),
        "time_nodes": (
            TimeNode(dt.date(2026, 3, 31), 20, "完成设计"),
            TimeNode(dt.date(2026, 6, 30), 50, "主体过半"),
            TimeNode(dt.date(2026, 9, 30), 80, "主体完工"),
        ),
        "assisting_units": ("finance",),
    }
    fields.update(changes)
    return ChecklistItem(**fields)


def sample_ledger(items: Iterable[Any] | None = None, *, opened: dt.datetime | None = None) -> Any:
    """An in-memory :class:`~govefficiency.ledger.Ledger` with ``items`` opened at
    ``opened`` (default: T1, housing, and T2, transport, on 2026-01-05 09:00)."""
    from govefficiency.ledger import Ledger

    ledger = Ledger()
    from govefficiency._validators import check_iterable

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
