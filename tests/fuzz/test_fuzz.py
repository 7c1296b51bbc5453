"""Fuzzing: whatever arrives on the command line or in a file, the answer is a library
error or a clean exit status — never a traceback, never a bare Python exception.

These tests assert only *where* errors come from; they carry no timing assertions.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govefficiency._cli_util import EXIT_INTERNAL
from govefficiency._kinds import KINDS
from govefficiency.errors import GovEfficiencyError
from govefficiency.testing import CliResult, run_cli
from strategies import json_garbage

ROOT = Path(__file__).resolve().parents[2]
#: The fuzzed commands run in a scratch copy of the data files (relative paths): a command
#: such as `ledger init FILE` writes to its file, and must never write into the repo.
DATA_FILES = sorted(
    str(p.relative_to(ROOT))
    for p in [
        *ROOT.glob("examples/data/**/*.toml"),
        *ROOT.glob("examples/data/**/*.json"),
        *ROOT.glob("tests/*/data/*.toml"),
    ]
)

_SANDBOX: Path | None = None


def _sandbox() -> Path:
    """A scratch directory holding a copy of every data file, at the same relative path."""
    global _SANDBOX
    if _SANDBOX is None:
        _SANDBOX = Path(tempfile.mkdtemp(prefix="govefficiency-fuzz-"))
        atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)  # leave nothing in /tmp
        for name in DATA_FILES:
            target = _SANDBOX / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, target)
    return _SANDBOX


def run_sandboxed(*argv: str) -> CliResult:
    """``run_cli`` from inside the sandbox (never the repo)."""
    with contextlib.chdir(_sandbox()):
        return run_cli(*argv)


def _commands() -> list[tuple[list[str], list[str], list[tuple[str, bool]]]]:
    """Every leaf command of the CLI (read from the parser itself): its argv prefix, its
    positional arguments and its options (with whether each takes a value)."""
    import argparse

    from govefficiency.cli import build_parser

    out: list[tuple[list[str], list[str], list[tuple[str, bool]]]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            positionals = [a.dest for a in parser._actions if not a.option_strings]
            options = [
                (a.option_strings[-1], a.nargs != 0)
                for a in parser._actions
                if a.option_strings and a.dest not in ("help", "version")
            ]
            out.append((prefix, positionals, options))
            return
        for name, child in subs[0].choices.items():
            if name not in getattr(subs[0], "renamed", {}):  # an old name of a renamed command
                walk(child, [*prefix, name])

    walk(build_parser(), [])
    return out


COMMANDS = _commands()
#: Texts for arguments by what they name: dates and instants, counts, files.
_DATE_TEXTS = [
    "2026-10-08",
    "2026-09-30",
    "2026-12-31",
    "2027-01-04",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "2026-10-08T09:00",
    "2026-10-08T09:00+08:00",
    "2026-10-08T25:00",
    "20261008",
    "2026-W41-4",
]
_COUNT_TEXTS = ["-1", "0", "1", "5", "30", "99999999", "1000000000", "1e308", "nan", "2.5", "x"]
_FILE_TEXTS = [*DATA_FILES, "/dev/null", "/nonexistent/file.toml", ".", "a\x00b"]
_DATES = st.sampled_from(_DATE_TEXTS)
_COUNTS = st.sampled_from(_COUNT_TEXTS)
_FILES = st.sampled_from(_FILE_TEXTS)
#: Any of them, and a few texts that fit nothing.
_VALUES = st.sampled_from(
    [*_DATE_TEXTS, *_COUNT_TEXTS, "en", "licensing.decision", "x" * 300, "\u202e", *_FILE_TEXTS]
)


def _pool(name: str) -> st.SearchStrategy[str]:
    """Values that fit the argument's name most of the time, and anything sometimes."""
    lowered = name.lower()
    if any(w in lowered for w in ("day", "hour", "month", "year", "percent", "tolerance", "count", "limit")):
        fitting = _COUNTS
    elif any(w in lowered for w in ("at", "date", "start", "to", "suspend", "resume", "on", "until", "from")):
        fitting = _DATES
    elif any(
        w in lowered for w in ("file", "path", "ledger", "graph", "db", "patch", "items", "policy", "org")
    ):
        fitting = _FILES
    else:
        fitting = _VALUES
    return st.one_of(fitting, fitting, fitting, _VALUES)


@st.composite
def _argv(draw: st.DrawFn, command: tuple[list[str], list[str], list[tuple[str, bool]]]) -> list[str]:
    prefix, positionals, options = command
    argv = list(prefix)
    argv += [draw(_pool(name)) for name in positionals]
    for option, takes_value in draw(st.lists(st.sampled_from(options), max_size=3)) if options else []:
        argv.append(option)
        if takes_value:
            argv.append(draw(_pool(option)))
    return argv


@pytest.mark.parametrize(
    "command",
    COMMANDS,
    ids=[" ".join(c[0]) for c in COMMANDS],
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_grammar_of_every_command(command, data) -> None:
    """Each command with its own positionals and options, filled from a pool of awkward
    values (huge counts, edge dates, uncovered years, missing files, odd characters)."""
    argv = data.draw(_argv(command))
    result = run_sandboxed(*argv)
    assert result.code != EXIT_INTERNAL, (argv, result.err)
    assert "Traceback" not in result.err


_TOKENS = st.sampled_from(
    [
        "2026-10-08",
        "2026-02-30",
        "2027-01-04",
        "9999-12-31",
        "0001-01-01",
        "2026-10-08T09:00",
        "2026-10-08T09:00+08:00",
        "20261008",
        "2026-W41-4",
        "-1",
        "0",
        "99999999",
        "1e308",
        "nan",
        "--json",
        "--lang",
        "en",
        "zh",
        "--at",
        "--to",
        "--days",
        "--working-days",
        "--hours",
        "--months",
        "--rule",
        "licensing.decision",
        "--patch",
        "--provisional",
        "--help",
        "x" * 300,
        "\x00",
        "\u202e",
        "/dev/null",
        "/nonexistent/file.toml",
        *DATA_FILES,
    ]
)
_ARGS = st.lists(_TOKENS | st.text(alphabet=string.printable, max_size=12), max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([c[0] for c in COMMANDS]), _ARGS)
def test_the_cli_never_crashes(command: list[str], args: list[str]) -> None:
    """Any argv: a clean exit status and no traceback (the top-level guard is never hit)."""
    if "--help" in args:
        args = [a for a in args if a != "--help"]
    result = run_sandboxed(*command, *args)
    assert result.code != EXIT_INTERNAL, (command, args, result.err)
    assert "Traceback" not in result.err


_JSONISH = json_garbage(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    st.text(max_size=10),
    max_items=4,
    max_keys=5,
    max_leaves=25,
)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.dictionaries(st.text(max_size=12), _JSONISH, max_size=6))
def test_every_loader_raises_only_library_errors(kind, doc, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"doc.{kind.name}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with contextlib.suppress(GovEfficiencyError):
        kind.load(path)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_every_loader_on_random_bytes(kind, data, tmp_path_factory) -> None:
    for suffix in ("toml", "json"):
        path = tmp_path_factory.mktemp("bytes") / f"doc.{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(GovEfficiencyError):
            kind.load(path)


def _plain(name: str) -> str:
    """A reasonable value for a positional argument, by its name."""
    lowered = name.lower()
    if any(w in lowered for w in ("at", "date", "start", "to", "on")):
        return "2026-09-28"
    if "rule" in lowered:
        return "licensing.decision"
    return "examples/data/checklist.toml"


_ONE_AT_A_TIME = [
    (prefix, positionals, option, value)
    for prefix, positionals, options in COMMANDS
    for option, takes_value in options
    if takes_value and option != "--lang"
    for value in (
        "-1",
        "0",
        "99999999",
        "1000000000",
        "2.5",
        "9999-12-31",
        "0001-01-01",
        "2027-01-04",
        "20261008",
        "x" * 200,
        "a\x00b",
        "/dev/null",
    )
]


@pytest.mark.parametrize(
    ("prefix", "positionals", "option", "value"),
    _ONE_AT_A_TIME,
    ids=[f"{' '.join(p)} {o} {v[:12]!r}" for p, _, o, v in _ONE_AT_A_TIME],
)
def test_each_option_with_each_awkward_value(prefix, positionals, option, value) -> None:
    """Systematically: every option of every command, one awkward value at a time, with
    plain positional arguments (random combinations are left to the test above)."""
    argv = [*prefix, *(_plain(p) for p in positionals), option, value]
    result = run_sandboxed(*argv)
    assert result.code != EXIT_INTERNAL, (argv, result.err)
