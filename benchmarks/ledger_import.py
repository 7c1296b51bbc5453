"""Peak memory of a JSON Lines import (issue 16: a 100 MB import peaked at 948 MB of RSS).

Builds JSON Lines exports of about 25 and 100 MB (``--sizes 10 100`` for others; progress
reports with a long narrative),
then, each in a fresh subprocess, measures the peak RSS (``resource.getrusage``) of:

* ``baseline``: Python with govefficiency imported;
* ``open``: reopening the imported SQLite ledger — the ledger's own state, which every
  import ends up holding;
* ``import``: ``Ledger.from_jsonl(file, SqliteStore(new))`` — streaming, one transaction;
* ``whole-file``: the former algorithm (read every line into a tuple, verify, check the
  rules on a copy, write, reopen), for comparison.

The figures to read are the import's peak over the ledger's own state ("overhead"), which
should not grow with the file, and the ratios to the file size. No assertions; run with
``python benchmarks/ledger_import.py [--mb 100]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CST = dt.timezone(dt.timedelta(hours=8))

_CHILD = r"""
import resource, sys, time, tracemalloc
mode, source, target = sys.argv[1:4]
from govefficiency.ledger import Ledger, MemoryStore, SqliteStore, read_jsonl, verify_entries
start = time.perf_counter()
if mode == "traced":  # Python allocations: peak during the import, and what the ledger keeps
    tracemalloc.start()
    led = Ledger.from_jsonl(source, SqliteStore(target))
    kept, peak = tracemalloc.get_traced_memory()
    led.close()
    print(len(led), kept // 1024, peak // 1024, time.perf_counter() - start)
    raise SystemExit
if mode == "import":
    with Ledger.from_jsonl(source, SqliteStore(target)) as led:
        n = len(led)
elif mode == "whole-file":
    entries = read_jsonl(source)
    verify_entries(entries).raise_if_broken()
    Ledger(MemoryStore(entries))
    store = SqliteStore(target)
    store.append(0, lambda foreign: list(entries))
    with Ledger(store) as led:
        n = len(led)
elif mode == "open":
    with Ledger(SqliteStore(target, read_only=True)) as led:
        n = len(led)
else:
    n = 0
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - start)
"""


def build(path: Path, megabytes: float) -> int:
    """Write a valid export of about ``megabytes`` MB; return the entry count."""
    from govefficiency.ledger import Draft, Ledger, ProgressReport
    from ledger import make_items  # benchmarks/ledger.py (the items of the year benchmark)

    ledger = Ledger()
    items = make_items(100)
    ledger.open_items(items, at=dt.datetime(2026, 1, 5, 9, tzinfo=CST))
    narrative = "本月完成主体工程施工，组织专题调度会议，协调解决征地拆迁问题。" * 12
    at = dt.datetime(2026, 6, 30, 17, tzinfo=CST)
    target = megabytes * 1_000_000
    per_entry = 1_300  # bytes, about, for the narrative above
    total = int(target / per_entry)
    k = 0
    while k < total:
        drafts = [
            Draft(
                items[j % 100].id,
                at,
                ProgressReport(dt.date(2026, 6, 1), float(j % 100), f"{narrative}{j}", (f"文件{j}",)),
            )
            for j in range(k, min(k + 5_000, total))
        ]
        ledger.append(drafts)
        k += len(drafts)
    return ledger.to_jsonl(path)


def measure(mode: str, source: Path, target: Path) -> tuple[float, ...]:
    """Run ``mode`` in a fresh interpreter. (The parent stays small: on Linux a child's
    ``ru_maxrss`` starts from its parent's RSS at the fork, so the files are built in a
    child too.)"""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(source), str(target)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return tuple(float(x) for x in out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100, help="size of the larger file (default 100 MB)")
    parser.add_argument("--sizes", type=float, nargs="+", help="file sizes in MB (default: MB/4 and MB)")
    parser.add_argument("--build", nargs=2, metavar=("PATH", "MB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(build(Path(args.build[0]), float(args.build[1])))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(
            f"{'file':>8} {'entries':>8} {'mode':>10} {'peak RSS':>10} {'× file':>7} {'overhead':>9} {'time':>7}"
        )
        for mb in args.sizes or (args.mb / 4, args.mb):
            source = folder / f"ledger-{mb:g}.jsonl"
            started = time.perf_counter()
            made = subprocess.run(
                [sys.executable, __file__, "--build", str(source), str(mb)],
                capture_output=True,
                text=True,
                check=True,
            )
            count = int(made.stdout)
            size = source.stat().st_size / 1e6
            print(f"# built {size:.0f} MB, {count} entries in {time.perf_counter() - started:.0f} s")
            base = measure("baseline", source, folder / "none.sqlite")[1] / 1024
            runs = {}
            for mode in ("import", "open", "whole-file"):
                db = folder / f"{'import' if mode == 'open' else mode}-{mb:g}.sqlite"
                runs[mode] = measure(mode, source, db)
            own = runs["open"][1] / 1024
            print(f"{size:>6.0f}MB {count:>8} {'baseline':>10} {base:>8.0f}MB")
            for mode, (n, peak_kb, seconds) in runs.items():
                assert int(n) == count, (mode, n, count)
                peak = peak_kb / 1024
                print(
                    f"{size:>6.0f}MB {count:>8} {mode:>10} {peak:>8.0f}MB {peak / size:>6.2f}x "
                    f"{peak - own:>+7.0f}MB {seconds:>6.1f}s"
                )
            _, kept, peak_traced, _ = measure("traced", source, folder / f"traced-{mb:g}.sqlite")
            print(
                f"# tracemalloc, import: peak {peak_traced / 1024:.0f} MB of Python allocations, of which the "
                f"ledger keeps {kept / 1024:.0f} MB; transient {(peak_traced - kept) / 1024:.1f} MB"
            )
        print("overhead = peak RSS minus that of reopening the imported ledger (its own state)")


if __name__ == "__main__":
    main()
