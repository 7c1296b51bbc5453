"""Benchmark: start-up of ``govefficiency deadline …`` against its floor.

Run with ``python benchmarks/startup.py [--runs 15]``. A script, not a test: it prints
figures and asserts nothing.

The floor is ``python -c "import holidays, attrs, pendulum"``: the interpreter and the
three runtime libraries the command cannot do without. The command is
``govefficiency deadline 2026-09-28 --rule licensing.decision``. Both run as fresh
processes, alternately, ``--runs`` times (default 15); the medians of wall time and of
CPU time (user + system, less sensitive to other load on the machine) are printed with
their ratios (target: wall time <= 1.5x the floor). Each ratio is also given as a range:
the runs are split into thirds and each third's ratio of medians is computed, so a burst
of load from other work on the machine shows as a wide range.

Both run with their bytecode cached, as in an installed package: ``PYTHONDONTWRITEBYTECODE``
is removed from the children's environment and ``PYTHONPYCACHEPREFIX`` points at a
scratch directory that the warm-up runs fill (so neither the tree nor site-packages is
written to, and neither command compiles source while being timed). ``--as-is`` runs in
the caller's environment unchanged instead.

The script also times, in one process: the floor's imports, what the command's modules
add to them, building the China calendar (from the stored snapshot), and, for reference,
``import holidays.countries`` — what reading the calendar from ``holidays`` itself would
cost on top (``holidays`` imports every country's module to build China's).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
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
import govefficiency.cli, govefficiency.deadlines._cli
t2 = time.perf_counter()
from govefficiency import china_calendar
china_calendar()
t3 = time.perf_counter()
import holidays.countries
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _thirds(values: list[float]) -> list[list[float]]:
    n = len(values)
    return [values[i * n // 3 : (i + 1) * n // 3] for i in range(3)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="run in this environment unchanged (with PYTHONDONTWRITEBYTECODE, if set, the "
        "package's source is compiled on every run, as the figures before 2026-11-28 were taken)",
    )
    args = parser.parse_args(argv)
    if args.runs < 3:
        parser.error("--runs must be at least 3")
    if args.as_is:
        return _measure(args.runs, dict(os.environ))
    with tempfile.TemporaryDirectory(prefix="startup-pyc-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        return _measure(args.runs, env)


def _measure(runs: int, env: dict[str, str]) -> int:
    env_note = f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    cached = "PYTHONPYCACHEPREFIX" in env or "PYTHONDONTWRITEBYTECODE" not in env
    how = "bytecode cached" if cached else "PYTHONDONTWRITEBYTECODE: source compiled every run"
    print(f"start-up, {runs} alternating runs each, {how} ({env_note})")
    for _ in range(2):  # write the bytecode, warm the file cache
        run_once(FLOOR, env)
        run_once(COMMAND, env)
    floor, command = [], []
    for _ in range(runs):
        floor.append(run_once(FLOOR, env))
        command.append(run_once(COMMAND, env))
    fw, fc = statistics.median(w for w, _ in floor), statistics.median(c for _, c in floor)
    cw, cc = statistics.median(w for w, _ in command), statistics.median(c for _, c in command)
    print(f"  floor   {' '.join(FLOOR[1:])!s:<50} wall {fw * 1e3:6.0f} ms   cpu {fc * 1e3:6.0f} ms")
    print(f"  command {' '.join(COMMAND[1:])!s:<50} wall {cw * 1e3:6.0f} ms   cpu {cc * 1e3:6.0f} ms")
    wall_ratios = [
        statistics.median(w for w, _ in c) / statistics.median(w for w, _ in f)
        for f, c in zip(_thirds(floor), _thirds(command), strict=True)
    ]
    cpu_ratios = [
        statistics.median(x for _, x in c) / statistics.median(x for _, x in f)
        for f, c in zip(_thirds(floor), _thirds(command), strict=True)
    ]
    print(
        f"  ratio to the floor: wall {cw / fw:.2f}x (thirds {min(wall_ratios):.2f}-{max(wall_ratios):.2f}), "
        f"cpu {cc / fc:.2f}x (thirds {min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}) (target wall <= 1.5x)"
    )
    for _ in range(2):  # the first run writes holidays.countries' bytecode; report the second
        split = subprocess.run(
            [sys.executable, "-c", _SPLIT], capture_output=True, text=True, check=True, env=env
        )
    base, ours, build, countries = (float(x) for x in split.stdout.split())
    print(
        f"  in one process: floor imports {base * 1e3:.0f} ms; govefficiency's modules for the command "
        f"{ours * 1e3:.0f} ms; building the China calendar {build * 1e3:.1f} ms; for reference, "
        f"holidays.countries (not imported by the command) {countries * 1e3:.0f} ms"
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
