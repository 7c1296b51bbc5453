"""A random ledger history for the property tests of views and snapshots: one
interpreter of hypothesis-drawn operations, so both files replay the same histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import strategies as st

from govefficiency.ledger import Draft, Ledger, ProgressReport, RectificationOrder, TimeNode

#: Every operation :func:`history` knows.
KINDS = ("progress", "batch", "correct", "plan", "order", "fix-order", "done")


def operations(kinds: tuple[str, ...] = KINDS) -> st.SearchStrategy[list[tuple[str, int]]]:
    """1 to 25 operations ``(kind, n)``, ``n`` choosing one of the three items."""
    return st.lists(st.tuples(st.sampled_from(kinds), st.integers(0, 2)), min_size=1, max_size=25)


def history(led: Ledger, ops: list[tuple[str, int]], when: Callable[..., dt.datetime]) -> dt.datetime:
    """Apply a random history to ``led`` (three items opened on 5 January): progress,
    batches, corrections of corrections, plan changes, orders (and corrections of them),
    completions answering an order or a correction of it, and corrections of those.
    Returns the instant of the last entry."""
    items = ["T0", "T1", "T2"]
    progress: list[int] = []
    orders: list[tuple[int, int]] = []  # (original, latest correction or itself)
    done: dict[int, int] = {}
    at = when(1, 5)
    for k, (op, n) in enumerate(ops):
        at = when(2, 1) + dt.timedelta(hours=k)
        item = items[n]
        day = at.date()
        if op == "progress":
            progress.append(led.report_progress(item, date=day, share=k, at=at).seq)
        elif op == "batch":
            drafts = [Draft(i, at, ProgressReport(day, float(k))) for i in items[: n + 1]]
            progress.extend(e.seq for e in led.append(drafts))
        elif op == "correct" and progress:
            target = progress[n % len(progress)]
            progress.append(led.correct(target, ProgressReport(day, float(k) + 0.5), at=at).seq)
        elif op == "plan":
            nodes = [
                TimeNode(dt.date(2026, 9, 30), 60.0 + n, "调整"),
                TimeNode(dt.date(2026, 12, 31), 100.0, "完成"),
            ]
            led.set_milestones(item, nodes, reason="调整", approver="vm-wang", at=at)
        elif op == "order":
            seq = led.require_rectification(item, description="补", due=day, at=at).seq
            orders.append((seq, seq))
        elif op == "fix-order" and orders:
            i = n % len(orders)
            root, last = orders[i]
            if root not in done:
                entry = led.entry(last)
                fixed = RectificationOrder(f"补（更正{k}）", day, entry.payload.notice)
                orders[i] = (root, led.correct(last, fixed, at=at).seq)
        elif op == "done" and orders:
            root, last = orders[n % len(orders)]
            if root in done:
                entry = led.entry(done[root])
                fixed = type(entry.payload)(entry.payload.order, f"更正{k}", ())
                done[root] = led.correct(done[root], fixed, at=at).seq
            else:
                owner = led.entry(root).item_id
                # answer the order by its latest correction: the view must find the original
                done[root] = led.complete_rectification(owner, order=last, description="毕", at=at).seq
    return at
