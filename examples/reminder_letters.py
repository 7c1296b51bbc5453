"""A cross-department key task whose assisting bureau is late (seeds 002 and 003).

The housing bureau leads the renovation of old residential estates (老旧小区改造); the
finance bureau must have the funds in place by a time node on Fri 2026-10-16. The
script follows the case through the National Day weeks:

1. the responsibility graph says who leads, who assists and who supervises whom;
2. the checklist ledger (台账) holds the task and its time nodes;
3. a live deadline clock tracks housing's written request to finance, which seed 003
   says must be handled within one week when several departments are involved;
4. escalation: the reminder letter (提醒函) to finance with its copies, the yellow light,
   then — once the node is missed — the supervision notice (督查通知), also recorded in
   the ledger by the reconciliation (对账);
5. the accountability ladder: finance's second accountability of the year tips it into
   an admonishment talk (诫勉谈话) for its principal and supervising leaders.

Run it from anywhere: ``python examples/reminder_letters.py``.
"""

from __future__ import annotations

import datetime as dt

from govefficiency import Text, china_calendar
from govefficiency.accountability import AccountabilityEvent, AccountabilityForm, AccountabilityLadder
from govefficiency.deadlines import DeadlineClock, get_rule
from govefficiency.escalation import (
    CaseParties,
    ClockCase,
    evaluate,
    get_policy,
    ledger_cases,
)
from govefficiency.ledger import Ledger, TimeNode, reconcile
from govefficiency.responsibility import route_reminder
from govefficiency.testing import CST, checklist_item, org_chart

CAL = china_calendar()


def at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=CST)


def rule(title: str) -> None:
    print(f"\n=== {title} " + "=" * max(0, 72 - len(title)))


# 1. Who is responsible ---------------------------------------------------------------------
CITY = org_chart(
    ("示范市人民政府", "Model City Government"),
    ("duchashi", ("市政府督查室", "Supervision Office")),
    {
        "housing": ("市住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
        "finance": ("市财政局", "Finance Bureau"),
        "nrp": ("市自然资源和规划局", "Natural Resources and Planning Bureau"),
        "mayor": ("王市长", "Mayor Wang"),
        "dep-li": ("李副市长", "Deputy Mayor Li"),
        "dep-zhao": ("赵副市长", "Deputy Mayor Zhao"),
        "KT-07": ("老旧小区改造", "Old-estate renovation"),
    },
    # Leaders: (id, the bureaus they supervise, to whom they report).
    leaders=[
        ("mayor", (), None),
        ("dep-li", {"housing", "nrp"}, "mayor"),
        ("dep-zhao", {"finance"}, "mayor"),
    ],
    units=[("housing",), ("finance",), ("nrp",)],
    # The key task: led by housing, assisted by finance and nrp, Deputy Mayor Li in charge.
    tasks=[("KT-07", "housing", ("finance", "nrp"), "dep-li", None, None, dt.date(2026, 12, 31))],
)

rule("1. The reminder-letter route for the key task (seed 003)")
routing = route_reminder(CITY, "KT-07", "finance")
print(routing.render("zh"))
print(routing.render("en"))

# 2. The checklist ledger ---------------------------------------------------------------------
# Led by housing (officer o-chen) with finance assisting; the node that matters is the
# funds in place by Fri 10-16.
NODES = (
    TimeNode(dt.date(2026, 6, 30), 40, "完成设计与招标"),
    TimeNode(dt.date(2026, 10, 16), 60, "改造资金拨付到位"),
)
ITEM = checklist_item(
    "KT-07",
    "老旧小区改造",
    "housing",
    "o-chen",
    category="民生实事",
    target="完成 40 个老旧小区改造",
    standard="竣工验收合格、居民满意度 90% 以上",
    leader="dep-li",
    assisting_units=("finance",),
    time_nodes=NODES,
)
ledger = Ledger(known_units={"housing", "finance", "nrp"})
ledger.open_items([ITEM], at=at(1, 5))
ledger.report_progress(
    "KT-07", date=dt.date(2026, 7, 10), share=45, at=at(7, 10), narrative="设计、招标完成；等待财政资金"
)

# 3. The deadline clock on housing's request to finance ----------------------------------------
# Sent Mon 09-28; seed 003: several departments -> within one week (rule
# nanyang.multi_department). 09-28 + 7 days = Mon 10-05, an in-lieu rest day of the National
# Day holiday, so the week ends on the next working day, Thu 10-08 (民法典 art. 203).
clock = DeadlineClock.start("REQ-0928", at=at(9, 28, 10), period=get_rule("nanyang.multi_department"))
rule("2. Housing's request to finance (deadline engine)")
print(clock.deadline.explain("zh"))
print(clock.deadline.explain("en"))

# 4. Escalation -------------------------------------------------------------------------------
letters = get_policy("reminder-letter-flow")
lights = get_policy("e-supervision-lights")
limits = get_policy("handling-limits")
# The request is finance's to handle: finance is the unit the handling limit binds.
request = ClockCase(
    clock,
    CaseParties(lead_unit="finance"),
    Text("关于老旧小区改造资金的商请函", "Request on the renovation funds"),
)
history: list[object] = []


def run(policy_name: str, policy: object, cases: object, when: dt.datetime) -> None:
    result = evaluate(policy, cases, at=when, history=history, graph=CITY)  # type: ignore[arg-type]
    history.extend(result.actions)
    for action in result.actions:
        print(f"[{when:%m-%d} · {policy_name}]")
        print(action.render("zh"))
        print(action.render("en"))
        print()


rule("3. Escalation through October")
for when in (at(10, 8), at(10, 9), at(10, 13), at(10, 14), at(10, 19)):
    if when.day == 14:
        # Finance answers the request on 10-14: a completed case stops escalating.
        request = ClockCase(clock.complete(at=at(10, 14, 8)), request.parties, request.name)
        print(
            f"[10-14] {request.clock.status(at=when).state.label.zh} / {request.clock.status(at=when).state.label.en}"
        )
    run("handling-limits", limits, [request], when)
    node_cases = ledger_cases(ledger, at=when)
    run("reminder-letter-flow", letters, node_cases, when)
    run("e-supervision-lights", lights, node_cases, when)

rule("4. The reconciliation records the supervision notice in the ledger (对账)")
recon = reconcile(ledger, at=at(10, 19, 17))
entries = ledger.issue_notices(recon.notices, at=at(10, 19, 17))
for notice in recon.notices:
    print(
        f"督查通知 → {notice.unit} ({notice.officer}); 节点 {notice.node.date} 应完成 {notice.node.share:g}%"
    )
print(f"recorded as ledger entries {[e.seq for e in entries]}; chain intact: {ledger.verify().ok}")

# 5. Accountability ------------------------------------------------------------------------------
rule("5. The accountability ladder (seed 003 thresholds, seed 002 forms)")
events = [
    AccountabilityEvent(
        "finance",
        dt.date(2026, 3, 16),
        AccountabilityForm.CIRCULATED_CRITICISM,
        Text("一季度重点项目资金拨付迟缓", "slow disbursement in the first quarter"),
    ),
    AccountabilityEvent(
        "finance",
        dt.date(2026, 10, 26),
        AccountabilityForm.RECTIFY_WITHIN_LIMIT,
        Text("老旧小区改造资金逾期未到位", "renovation funds missed their time node"),
    ),
]
ladder = AccountabilityLadder()
print(ladder.due_for("finance", on=dt.date(2026, 10, 20), events=events).render("zh"))
print(ladder.due_for("finance", on=dt.date(2026, 10, 27), events=events).render("zh"))
print(ladder.due_for("finance", on=dt.date(2026, 10, 27), events=events).render("en"))
