"""Shared fixtures: a small, sound organisation and helpers to make it defective."""

from __future__ import annotations

import datetime as dt

import pytest

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
from govefficiency.text import Text


def t(zh: str, en: str | None = None) -> Text:
    """A bilingual text (the English defaults to the Chinese)."""
    return Text(zh, en or zh)


def mini_city() -> ResponsibilityGraph:
    """A sound mini city: a mayor, two deputies, six units, four tasks, no findings.

    mayor ── audit
      ├── li ── fgw, finance
      └── zhang ── nrp, transport ── transport-planning (internal office)

    Task "road" (lead transport) decomposes into "road-land" (lead nrp, an assisting
    unit of "road") and "road-design" (lead transport-planning, an office of the lead).
    """
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


@pytest.fixture
def city() -> ResponsibilityGraph:
    """The sound mini city."""
    return mini_city()
