"""The projection of many projects on one flow at once, column-wise (private).

With numpy installed (the ``fast`` extra), :func:`project_batch` runs the forward and
backward passes of :func:`~govefficiency.approvals._schedule.forward` over arrays with one
column per project: 30 array operations for a 30-step flow instead of 30 × 10,000 Python
steps. Without numpy it returns ``None`` for every project and the caller uses the
one-project path. A project whose arithmetic leaves the calendar's data also gets
``None``: the one-project path then reports exactly what is missing. The results equal
those of ``forward`` (``tests/approvals/test_bulk.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from govefficiency.approvals._model import _Structure
from govefficiency.approvals._schedule import Arith, Schedule, critical_path

np: Any
try:  # optional: the "fast" extra
    import numpy

    np = numpy
except ImportError:  # pragma: no cover - exercised only without numpy
    np = None

__all__ = ["BatchColumn", "project_batch"]


class _ClockSummary(Protocol):
    @property
    def undetermined(self) -> bool: ...

    @property
    def entries(self) -> list[tuple[int, int, int]]: ...


class _Batch:
    __slots__ = ("end", "known", "latest_end", "start")

    def __init__(self, start: Any, end: Any, latest_end: Any, known: Any) -> None:
        self.start = start
        self.end = end
        self.latest_end = latest_end
        self.known = known


class BatchColumn:
    """One project's column of a batch; :meth:`resolve` turns it into a :class:`Schedule`."""

    __slots__ = ("batch", "column", "finish")

    def __init__(self, batch: _Batch, column: int, finish: int) -> None:
        self.batch = batch
        self.column = column
        self.finish = finish

    def resolve(self, st: _Structure) -> Schedule:
        b, c = self.batch, self.column
        start = [int(x) for x in b.start[:, c].tolist()]
        end = [int(x) for x in b.end[:, c].tolist()]
        latest_end = [int(x) for x in b.latest_end[:, c].tolist()]
        known = [None if k < 0 else int(k) for k in b.known[:, c].tolist()]
        return Schedule(start, end, latest_end, self.finish, critical_path(st, start, end, known))


def project_batch(
    st: _Structure, ar: Arith, floor: int, clocks: Sequence[_ClockSummary]
) -> list[BatchColumn | None]:
    """One :class:`BatchColumn` per project (``None`` where the one-project path must
    answer). ``clocks[i].entries`` lists ``(node, known_end, started)`` of the steps under
    way or done."""
    out: list[BatchColumn | None] = [None] * len(clocks)
    if np is None or not clocks or not 0 <= floor - ar.ord0 < ar.size:
        return out
    cols = [i for i, c in enumerate(clocks) if not c.undetermined]
    if not cols:
        return out
    known, started, bad = _recorded(st, ar, floor, clocks, cols)
    start, end = _forward_pass(st, ar, floor, known, started, bad)
    finish = end.max(axis=0)
    latest_end = _backward_pass(st, ar, finish, known >= 0, bad)
    batch = _Batch(start, end, latest_end, known)
    finishes = finish.tolist()
    flags = bad.tolist()
    for col, i in enumerate(cols):
        if not flags[col]:
            out[i] = BatchColumn(batch, col, int(finishes[col]))
    return out


def _recorded(
    st: _Structure, ar: Arith, floor: int, clocks: Sequence[_ClockSummary], cols: list[int]
) -> tuple[Any, Any, Any]:
    """The recorded ends and starts as (steps × projects) arrays (-1 where none), and the
    columns whose recorded end leaves the calendar (marked bad)."""
    assert np is not None
    n, m = len(st.names), len(cols)
    ord0, size = ar.ord0, ar.size
    known = np.full((n, m), -1, dtype=np.int64)
    started = np.full((n, m), -1, dtype=np.int64)
    rows: list[int] = []
    where: list[int] = []
    kvals: list[int] = []
    svals: list[int] = []
    for col, i in enumerate(cols):
        for v, k, s in clocks[i].entries:
            rows.append(v)
            where.append(col)
            kvals.append(k)
            svals.append(s)
    bad = np.zeros(m, dtype=bool)
    if rows:
        known[rows, where] = kvals
        started[rows, where] = svals
        k_arr = np.asarray(kvals, dtype=np.int64)
        outside = (k_arr < ord0) | (k_arr >= ord0 + size)
        if outside.any():
            bad[np.asarray(where)[outside]] = True
            known[rows, where] = np.where(outside, floor, k_arr)
    return known, started, bad


def _forward_pass(
    st: _Structure, ar: Arith, floor: int, known: Any, started: Any, bad: Any
) -> tuple[Any, Any]:
    """Earliest start and end of every step in every column, in topological order; a
    column whose arithmetic leaves the calendar is marked in ``bad`` (in place)."""
    assert np is not None
    n, m = known.shape
    cum = np.asarray(ar.cum, dtype=np.int64)
    work = np.asarray(ar.work, dtype=np.int64)
    ord0, size, last = ar.ord0, ar.size, len(ar.work) - 1
    has_known = known >= 0
    start = np.empty((n, m), dtype=np.int64)
    end = np.empty((n, m), dtype=np.int64)
    preds, working, length = st.preds, st.working, st.length
    for v in st.order:
        s = np.full(m, floor, dtype=np.int64)
        for p in preds[v]:
            np.maximum(s, end[p], out=s)
        size_n = length[v]
        if working[v]:
            if size_n:
                j = cum[s - ord0 + 1] + (size_n - 1)
                over = j > last
                if over.any():
                    bad |= over
                    j = np.minimum(j, last)
                e = work[j]
            else:
                e = s.copy()
        else:
            d = s + size_n
            i = d - ord0
            over = i >= size
            if over.any():
                bad |= over
                i = np.minimum(i, size - 1)
            j = cum[i + 1]
            is_working = j != cum[i]
            over = ~is_working & (j > last)
            if over.any():
                bad |= over
            e = np.where(is_working, d, work[np.minimum(j, last)])
        # a column already marked bad is discarded; keep its values indexable
        e = np.clip(e, ord0, ord0 + size - 1)
        hk = has_known[v]
        if hk.any():
            e = np.where(hk, known[v], e)
            sv = started[v]
            s = np.where(hk & (sv >= 0), sv, s)
        start[v] = s
        end[v] = e
    return start, end


def _backward_pass(st: _Structure, ar: Arith, finish: Any, has_known: Any, bad: Any) -> Any:
    """Latest end of every step that keeps the projected finish, in reverse topological
    order; a column whose arithmetic leaves the calendar is marked in ``bad`` (in place)."""
    assert np is not None
    n, m = has_known.shape
    cum = np.asarray(ar.cum, dtype=np.int64)
    work = np.asarray(ar.work, dtype=np.int64)
    ord0 = ar.ord0
    latest_end = np.empty((n, m), dtype=np.int64)
    latest_start = np.empty((n, m), dtype=np.int64)
    succs, working, length = st.succs, st.working, st.length
    for v in reversed(st.order):
        le = finish.copy()
        for w in succs[v]:
            np.minimum(le, latest_start[w], out=le)
        latest_end[v] = le
        size_n = length[v]
        i = le - ord0
        under = i < 0
        i = np.maximum(i, 0)
        k = cum[i + 1] - 1
        under |= k < 0
        k = np.maximum(k, 0)
        if working[v]:
            if size_n == 0:
                ls = le
            else:
                km = k - size_n
                under |= km < 0
                ls = work[np.maximum(km, -1) + 1] - 1
        else:
            ls = work[k] - size_n
        hk = has_known[v]
        under &= ~hk
        if under.any():
            bad |= under
        latest_start[v] = np.where(hk, finish, ls)
    return latest_end
