"""One year of a city's key tasks, end to end: the supervision loop of the seeds.

assign (the ledger's checklist) -> track (progress entries) -> remind (yellow lights and
reminder letters, with 送/报/抄送) -> acknowledge (签收/反馈) -> escalate (supervision
notices, the upward letter) -> hold accountable (proposals, the ladder, filing) — and the
year boundary, where escalation must not go silent.

Run: python examples/supervision_loop.py (data in examples/data/loop-*.toml; walked
through in docs/supervision-loop.md).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from govefficiency import china_calendar
from govefficiency.accountability import (
    AccountabilityForm,
    AccountabilityLadder,
    Filing,
    check_filings,
    filing_counts,
    propose_accountability,
    quarter_end,
)
from govefficiency.calendar import CalendarPatch
from govefficiency.escalation import (
    AckKind,
    Acknowledgement,
    CaseParties,
    DatedCase,
    evaluate,
    get_policy,
    ledger_cases,
    load_acknowledgements,
    load_history,
    save_history,
)
from govefficiency.ledger import Ledger, SqliteStore, june_check, load_checklist
from govefficiency.responsibility import load_org
from govefficiency.testing import CST

DATA = Path(__file__).parent / "data"


def at(month: int, day: int, year: int = 2026, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=CST)


def title(text: str) -> None:
    print(f"\n=== {text} " + "=" * max(0, 76 - len(text)))


org = load_org(DATA / "loop-org.toml")
work = Path(tempfile.mkdtemp(prefix="supervision-loop-"))
ledger = Ledger(SqliteStore(work / "ledger.db"))

title("1. Assign: the year's checklist opens (年初建账)")
ledger.open_items(load_checklist(DATA / "loop-checklist.toml"), at=at(1, 5))
for item in ledger.items():
    print(
        f"{item.id} {item.title}: {item.lead_unit} -> nodes "
        + ", ".join(f"{n.date} {n.share:g}%" for n in item.schedule)
    )

title("2. Track: progress recorded through the year (ledger progress …)")
ledger.report_progress(
    "K-01", date=dt.date(2026, 3, 30), share=20, at=at(3, 30, hour=17), evidence=["photo-0330"]
)
ledger.report_progress("K-02", date=dt.date(2026, 5, 29), share=40, at=at(5, 29, hour=17))
ledger.report_progress("K-03", date=dt.date(2026, 6, 29), share=50, at=at(6, 29, hour=17))
ledger.report_progress("K-01", date=dt.date(2026, 6, 30), share=50, at=at(6, 30, hour=17))
ledger.report_progress("K-01", date=dt.date(2026, 9, 25), share=70, at=at(9, 25, hour=17))
print(f"{len(ledger)} entries; chain intact: {ledger.verify().ok}")


def daily(when: dt.datetime, policy: str, history_file: Path) -> None:
    """One daily job: cases from the ledger, evaluated, the history saved before printing."""
    history = load_history(history_file)
    acks = load_acknowledgements(history_file)
    cases = ledger_cases(ledger, at=when, graph=org)
    result = evaluate(get_policy(policy), cases, at=when, history=history, graph=org, acknowledgements=acks)
    save_history(history_file, (*history, *result.keys), acknowledgements=acks)
    if not result.actions:
        print(f"{when.date()}: no actions due")
    for action in result.actions:
        print(action.render("zh"))
        print()
    for notice in result.notices:
        print("notice:", notice.code.value, notice.text.zh)


def acknowledge(history_file: Path, level: str, case: str, *acks: tuple[AckKind, dt.date]) -> None:
    """Record 签收/反馈 of the latest action of ``level`` for ``case`` in the history file."""
    keys = load_history(history_file)
    key = max(k for k in keys if k.level_id == level and k.case_id == case)
    known = load_acknowledgements(history_file)
    save_history(
        history_file, keys, acknowledgements=(*known, *(Acknowledgement(key, kind, on) for kind, on in acks))
    )


letters = work / "letters.json"
lights = work / "lights.json"

title("3. Remind: the reminder letter 3 working days before K-02's node (Mon 10-12)")
# Back from Mon 10-12: Sat 10-10 is a make-up working day (1), Fri 10-09 (2), Thu 10-08 (3).
daily(at(10, 8), "reminder-letter-flow", letters)
acknowledge(
    letters,
    "letter",
    "K-02",
    (AckKind.SIGNED, dt.date(2026, 10, 8)),
    (AckKind.FEEDBACK, dt.date(2026, 10, 9)),
)
print("财政局 signed for the letter on 10-08 and fed back on 10-09 (recorded in the history file)")
daily(at(10, 9), "e-supervision-lights", lights)
ledger.report_progress("K-02", date=dt.date(2026, 10, 9), share=100, at=at(10, 9, hour=17))
print("K-02 completed on 10-09 (ledger complete …)")

title("4. K-01's last node falls on Sat 10-31: the yellow light on Thu 10-29")
# Two working days before Sat 10-31: Fri 30 (1), Thu 29 (2); the header says two remain.
daily(at(10, 28), "e-supervision-lights", lights)
daily(at(10, 29), "e-supervision-lights", lights)

title("5. Escalate: red on Mon 11-02; feedback (反馈) on 11-04 restarts the weekly notice")
daily(at(11, 2), "e-supervision-lights", lights)
acknowledge(
    lights, "red", "K-01", (AckKind.SIGNED, dt.date(2026, 11, 2)), (AckKind.FEEDBACK, dt.date(2026, 11, 4))
)
daily(at(11, 9), "e-supervision-lights", lights)
print("(without the feedback the repeat was due 11-09; counted from 11-04 it is due 11-11)")
daily(at(11, 11), "e-supervision-lights", lights)

title("6. The upward letter to the government office (seed 003)")
submitted = DatedCase(
    "S-12", "城区停车场用地审批（报请市政府研究）", dt.date(2026, 11, 6), CaseParties(lead_unit="transport")
)
for action in evaluate(get_policy("upward-reminder"), [submitted], at=at(11, 9), graph=org).actions:
    print(action.render("zh"))

title("7. Hold accountable: quarterly special accountability (专项问责) and accountable levels")
check = june_check(ledger, at=quarter_end(2026, 3))
late = [c for c in ledger_cases(ledger, at=at(12, 1), graph=org) if c.case_id == "K-01"]
flow = evaluate(get_policy("reminder-letter-flow"), late, at=at(12, 1), graph=org)
proposals = propose_accountability(
    on=dt.date(2026, 12, 1), progress_checks=check, quarter=(2026, 3), actions=flow.actions, graph=org
)
for proposal in proposals:
    print(proposal.render("zh"))

title("8. A person decides; the ladder counts; the decisions are filed (备案)")
decided = dt.date(2026, 12, 3)
events = [p.to_event(decided_on=decided) for p in proposals if p.subject == "edu"]
print(AccountabilityLadder().due_for("edu", on=decided, events=events).render("zh"))
filings = [
    Filing(f"A-{i}", p.subject, p.subject, p.form or AccountabilityForm.CIRCULATED_CRITICISM, decided, filed)
    for i, (p, filed) in enumerate(
        zip(proposals, (dt.date(2026, 12, 7), dt.date(2026, 12, 8), None, None), strict=True), 1
    )
]
for finding in check_filings(filings, on=dt.date(2026, 12, 14)):
    print(finding.code, finding.message.zh)
print(
    "by unit:", dict(filing_counts(filings, by="unit")), "by form:", dict(filing_counts(filings, by="form"))
)

title("9. The year boundary: 2027-01-04 without the 2027 arrangement — never silent")
when = at(1, 4, year=2027)
result = evaluate(
    get_policy("e-supervision-lights"), ledger_cases(ledger, at=when, graph=org), at=when, graph=org
)
print(
    f"actions: {len(result.actions)}; undetermined: {result.undetermined}; missing years: {result.missing_years}"
)
for notice in result.notices:
    print("notice:", notice.code.value, notice.text.en)
patch = CalendarPatch.load(Path(__file__).parent / "patches" / "cn-2027-hypothetical.toml")
patched = china_calendar(patches=[patch])
result = evaluate(
    get_policy("e-supervision-lights"),
    ledger_cases(ledger, at=when, graph=org),
    at=when,
    graph=org,
    calendar=patched,
)
print(f"with the 2027 notice as a patch: actions {len(result.actions)}; undetermined: {result.undetermined}")
ledger.close()
