"""Benchmark: start-up of ``govefficiency deadline …`` against its floor.

Run with ``python benchmarks/startup.py [--runs 20]``. A script, not a test: it prints
figures and asserts nothing.

The floor is ``python -c "import holidays, attrs, pendulum"``: the interpreter and the
three runtime libraries the command cannot do without. The command is
``govefficiency deadline 2026-09-28 --rule licensing.decision``. Both run as fresh
processes, alternately, ``--runs`` times; the medians of wall time and of CPU time (user +
system, less sensitive to other load on the machine) are printed with their ratios
(target: wall time <= 1.5x the floor).

For the part no import order can save, the script also times, in one process, what the
command needs beyond the floor: importing ``holidays.countries`` (``holidays`` imports
every country's module to build China's) and building the China calendar.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

FLOOR = [sys.executable, "-c", "import holidays, attrs, pendulum"]
_SCRIPT = Path(sys.executable).with_name("govefficiency")
COMMAND = [str(_SCRIPT), "deadline", "2026-09-28", "--rule", "licensing.decision"]

_SPLIT = """
import time
t0 = time.perf_counter()
import holidays, attrs, pendulum
t1 = time.perf_counter()
import holidays.countries
t2 = time.perf_counter()
import govefficiency.deadlines._cli
t3 = time.perf_counter()
from govefficiency import china_calendar
china_calendar()
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def run_once(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    env_note = f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    print(f"start-up, {args.runs} alternating runs each ({env_note})")
    run_once(FLOOR)
    run_once(COMMAND)  # warm the file cache and the bytecode
    floor, command = [], []
    for _ in range(args.runs):
        floor.append(run_once(FLOOR))
        command.append(run_once(COMMAND))
    fw, fc = statistics.median(w for w, _ in floor), statistics.median(c for _, c in floor)
    cw, cc = statistics.median(w for w, _ in command), statistics.median(c for _, c in command)
    print(f"  floor   {' '.join(FLOOR[1:])!s:<50} wall {fw * 1e3:6.0f} ms   cpu {fc * 1e3:6.0f} ms")
    print(f"  command {' '.join(COMMAND[1:])!s:<50} wall {cw * 1e3:6.0f} ms   cpu {cc * 1e3:6.0f} ms")
    print(f"  ratio to the floor: wall {cw / fw:.2f}x, cpu {cc / fc:.2f}x (target wall <= 1.5x)")
    split = subprocess.run([sys.executable, "-c", _SPLIT], capture_output=True, text=True, check=True)
    base, countries, ours, build = (float(x) for x in split.stdout.split())
    print(
        f"  in one process: floor imports {base * 1e3:.0f} ms; holidays.countries {countries * 1e3:.0f} ms; "
        f"govefficiency's modules for the command {ours * 1e3:.0f} ms; building the China calendar "
        f"{build * 1e3:.0f} ms"
    )
    if shutil.which("hyperfine"):
        print("  hyperfine is installed: for its figures run")
        print(
            f"    hyperfine -N --warmup 3 '{sys.executable} -c \"import holidays, attrs, pendulum\"' "
            f"'{' '.join(COMMAND)}'"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
