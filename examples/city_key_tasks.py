"""A city's key-task list (重点工作清单): check it, route a reminder letter, find a coordinator.

A fictional prefecture-level city: a mayor, four deputy mayors, twelve bureaus, the
supervision office (督查室) and eight key tasks for 2026, one of them decomposed into
projects down to a named officer. One task names two lead units — the defect that
check() finds.

Run: ``.venv/bin/python examples/city_key_tasks.py``
"""

from __future__ import annotations

import datetime as dt

from govefficiency.responsibility import (
    check,
    delay_impact,
    dispute_coordinator,
    escalation_chain,
    route_reminder,
    workloads,
)
from govefficiency.testing import org_chart

D = dt.date

# The bureaus: id -> (Chinese name, English name).
BUREAUS = {
    "fgw": ("市发展和改革委员会", "Development and Reform Commission"),
    "finance": ("市财政局", "Finance Bureau"),
    "market": ("市市场监督管理局", "Market Regulation Bureau"),
    "nrp": ("市自然资源和规划局", "Natural Resources and Planning Bureau"),
    "housing": ("市住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
    "transport": ("市交通运输局", "Transport Bureau"),
    "education": ("市教育局", "Education Bureau"),
    "health": ("市卫生健康委员会", "Health Commission"),
    "hrss": ("市人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    "environment": ("市生态环境局", "Ecology and Environment Bureau"),
    "agriculture": ("市农业农村局", "Agriculture and Rural Affairs Bureau"),
    "audit": ("市审计局", "Audit Bureau"),
}

# Every other node's name: the leaders, the planning section, its head and the tasks.
NAMES = (
    BUREAUS
    | {
        "mayor": ("王建华市长", "Mayor Wang Jianhua"),
        "li": ("李志强常务副市长", "Executive Deputy Mayor Li Zhiqiang"),
        "zhang": ("张丽副市长", "Deputy Mayor Zhang Li"),
        "chen": ("陈刚副市长", "Deputy Mayor Chen Gang"),
        "liu": ("刘敏副市长", "Deputy Mayor Liu Min"),
        "transport-planning": ("市交通运输局规划科", "Planning Section, Transport Bureau"),
        "zhou-ming": ("周明", "Zhou Ming"),
        "T1": ("建成环城快速路一期", "Complete phase 1 of the ring expressway"),
        "T1-1": ("完成一期征地拆迁", "Acquire and clear the land for phase 1"),
        "T1-2": ("完成一期施工图设计", "Finish the construction drawings for phase 1"),
        "T2": ("政务服务“一网通办”", "One-stop online government services"),
        "T3": ("新建公办幼儿园10所", "Build 10 public kindergartens"),
        "T4": ("推进紧密型医共体建设", "Integrate county health networks"),
        "T5": ("消除城区黑臭水体", "Clean up the city's black and odorous water bodies"),
        "T6": ("新建高标准农田5万亩", "Build 50,000 mu of high-standard farmland"),
        "T7": ("创建国家食品安全示范城市", "Qualify as a national food-safety model city"),
        "T8": ("政府投资项目审计全覆盖", "Audit every government-funded project"),
    }
    | {f"o-{key}": (f"{zh}责任人", f"Officer of the {en}") for key, (zh, en) in BUREAUS.items()}
)

# Portfolios (分管): who supervises which bureaus, and to whom. The mayor (the head, who
# reports to no one) keeps audit himself.
LEADERS = [
    ("mayor", {"audit"}, None),
    ("li", {"fgw", "finance", "market"}, "mayor"),
    ("zhang", {"nrp", "housing", "transport"}, "mayor"),
    ("chen", {"education", "health", "hrss"}, "mayor"),
    ("liu", {"environment", "agriculture"}, "mayor"),
]

# The bureaus, and the planning section: an internal office (内设机构) of the transport bureau.
UNITS = [(key,) for key in BUREAUS] + [("transport-planning", "transport")]

# One named officer (责任人) per bureau, plus the planning section head.
OFFICERS = [(f"o-{key}", key) for key in BUREAUS] + [
    ("zhou-ming", "transport-planning", ("规划科科长", "Head of the Planning Section"))
]

# The key tasks: id, lead unit(s) (牵头单位), assisting units (配合单位), the deputy mayor in
# charge (分管领导), the named officer (责任人), the parent task, the due date.
TASKS = [
    # 1. Decomposed: 工作项目化 → 项目责任化 → 责任具体化, down to a post and a named officer.
    ("T1", "transport", ("nrp", "finance", "housing"), "zhang", "o-transport", None, D(2026, 12, 31)),
    ("T1-1", "nrp", ("housing",), "zhang", "o-nrp", "T1", D(2026, 6, 30)),
    ("T1-2", "transport-planning", (), "zhang", "zhou-ming", "T1", D(2026, 4, 30)),
    ("T2", "fgw", ("market", "hrss"), "li", "o-fgw", None, D(2026, 9, 30)),
    ("T3", "education", ("nrp", "housing", "finance"), "chen", "o-education", None, D(2026, 8, 31)),
    ("T4", "health", ("hrss", "finance"), "chen", "o-health", None, D(2026, 11, 30)),
    ("T5", "environment", ("housing", "agriculture"), "liu", "o-environment", None, D(2026, 10, 31)),
    # 6. The defect: two lead units (牵头单位) — who owns the task?
    ("T6", ("agriculture", "nrp"), ("finance",), "liu", "o-agriculture", None, D(2026, 12, 15)),
    ("T7", "market", ("health", "agriculture"), "li", "o-market", None, D(2026, 12, 1)),
    ("T8", "audit", ("finance", "fgw"), "mayor", "o-audit", None, D(2026, 11, 15)),
]

# The org chart (a ResponsibilityGraph of Leader, Unit, Officer and Task records), built
# from the tables above by the library's testing helper.
CITY = org_chart(
    ("示例市人民政府", "Example City People's Government"),
    ("duchashi", ("市政府督查室", "Supervision Office of the City Government")),
    NAMES,
    leaders=LEADERS,
    units=UNITS,
    officers=OFFICERS,
    tasks=TASKS,
)


def names(ids: tuple[str, ...]) -> str:
    return " → ".join(CITY.name_of(node).zh for node in ids)


def main() -> None:
    print(f"== {CITY.name} ==")
    print(
        f"{len(CITY.leaders)} leaders, {len(BUREAUS)} bureaus, {len(TASKS)} tasks (8 key tasks + 2 projects)\n"
    )

    print("1. Check the key-task list / 检查重点工作清单")
    for finding in check(CITY):
        print("  ", finding.render("zh"))
        print("  ", finding.render("en"))

    print("\n2. Reminder letter / 提醒函 (T3: 市自然资源和规划局 is slow on land for the kindergartens)")
    letter = route_reminder(CITY, "T3", "nrp")
    print("  ", letter.render("zh"))
    print("  ", letter.render("en"))
    print(
        f"   from={letter.sender} to={letter.recipient} report_to={letter.report_to} copy_to={letter.copy_to}"
    )

    print("\n3. Who coordinates a dispute? / 部门分歧由谁协调")
    for parties in (("transport", "nrp"), ("education", "finance"), ("transport-planning", "transport")):
        answer = dispute_coordinator(CITY, parties)
        print(f"   {' vs '.join(parties)}: {answer.leader}")
        print("     ", answer.render("zh"))
        print("     ", answer.render("en"))

    print("\n4. Escalation chain / 升级路径")
    chain = escalation_chain(CITY, "transport-planning")
    print(f"   {names(chain)}")

    print("\n5. If the planning section is late / 规划科延误的影响")
    impact = delay_impact(CITY, "transport-planning")
    print(f"   tasks it leads or assists: {', '.join(impact.tasks)}")
    print(f"   tasks above them that wait: {', '.join(impact.ancestors) or '-'}")
    print(f"   first time node at risk: {impact.earliest_due}")

    print("\n6. Busiest units / 任务最多的单位 (led + assisted)")
    for load in sorted(workloads(CITY), key=lambda w: -w.total)[:4]:
        print(
            f"   {load.unit:<12} led {len(load.led)}  assisted {len(load.assisted)}  {CITY.name_of(load.unit).zh}"
        )


if __name__ == "__main__":
    main()
