"""Due dates for a province's cases on a Dask cluster: the columnar path, partition by
partition, with the calendar's arrays sent to each worker once.

A province holds tens of millions of licensing cases across its cities. The same
computation as one ``due_dates`` call runs on every partition of a Dask DataFrame with
``map_partitions``; here on a ``LocalCluster`` of the ``distributed`` scheduler (two worker
processes), on a small generated dataset. The calendar's index (``CalendarArrays``: two
small integer arrays) is scattered to the workers once (``broadcast=True``) and each
partition uses it from the worker's memory.

Every answer is checked against the scalar path (``compute_deadline``), and the rows
whose due date falls outside the published calendar come back flagged, not dropped.

Run it with ``python examples/province_scale.py`` (needs the ``[dask]`` extra:
``pip install 'govefficiency[dask]'``).
"""

from __future__ import annotations

import datetime as dt
import sys

import dask.dataframe as dd
import numpy as np
import pandas as pd
from distributed import Client, LocalCluster

from govefficiency import china_calendar, compute_deadline, get_rule
from govefficiency.calendar import CalendarArrays, calendar_arrays
from govefficiency.deadlines import due_dates
from govefficiency.errors import CalendarCoverageError

RULE = get_rule("licensing.decision")  # 行政许可法 art. 42: 20 working days
N_CASES = 20_000
N_PARTITIONS = 8


def make_cases(n: int, seed: int = 17) -> pd.DataFrame:
    """Generated cases: an id, a city and the day the application was accepted, from
    2024-01-01 to 2026-12-31 (late-2026 cases run into 2027, not yet published)."""
    rng = np.random.default_rng(seed)
    accepted = np.datetime64("2024-01-01") + rng.integers(0, 1096, n)
    cities = np.array(["杭州", "宁波", "温州", "绍兴", "金华"])
    return pd.DataFrame(
        {
            "case_id": [f"ZJ-{i:07d}" for i in range(n)],
            "city": cities[rng.integers(0, len(cities), n)],
            "accepted": accepted.astype("datetime64[s]"),
        }
    )


def add_due_dates(part: pd.DataFrame, arrays: CalendarArrays) -> pd.DataFrame:
    """One partition: the columnar ``due_dates`` on the partition's Series."""
    result = due_dates(part["accepted"], RULE, calendar=arrays)
    return part.assign(due=result.dates, no_due_date=result.error, provisional=result.provisional)


def main() -> int:
    calendar = china_calendar()
    arrays = calendar_arrays(calendar)
    cases = make_cases(N_CASES)
    meta = cases.head(0).assign(
        due=pd.Series(dtype="datetime64[s]"),
        no_due_date=pd.Series(dtype=bool),
        provisional=pd.Series(dtype=bool),
    )
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        # Sent once to every worker; each task gets the worker's copy.
        arrays_on_workers = client.scatter(arrays, broadcast=True)
        frame = dd.from_pandas(cases, npartitions=N_PARTITIONS)
        out = frame.map_partitions(add_due_dates, arrays_on_workers, meta=meta).compute()

    # Check every row against the scalar path, which also explains each deadline.
    mismatches = 0
    for accepted, due, flagged in zip(out["accepted"].dt.date, out["due"], out["no_due_date"], strict=True):
        try:
            expected: dt.date | None = compute_deadline(accepted, RULE, calendar=calendar).due_date
        except CalendarCoverageError:  # outside the published arrangements
            expected = None
        got = None if flagged else due.date()
        mismatches += got != expected
    errors = int(out["no_due_date"].sum())
    print(f"{len(out):,} cases in {N_PARTITIONS} partitions on 2 Dask workers; rule {RULE.id}")
    print(out.groupby("city")["due"].max().to_string())
    print(
        f"rows without a due date (it falls after {calendar.official_through}, not yet published): "
        f"{errors:,}; disagreements with compute_deadline: {mismatches}"
    )
    return 0 if mismatches == 0 and len(out) == N_CASES else 1


if __name__ == "__main__":
    sys.exit(main())
