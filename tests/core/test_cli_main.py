"""The top level of the command line: language, exit statuses and output failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govefficiency import cli
from govefficiency._cli_util import EXIT_INTERNAL, EXIT_IO, EXIT_USAGE
from govefficiency.testing import run_cli


def test_lang_is_accepted_anywhere() -> None:
    """--lang before the command, after it, or as --lang=en: the same English output."""
    outputs = {
        run_cli(*argv)[1]
        for argv in (
            ("--lang", "en", "calendar", "2026-10-10"),
            ("calendar", "--lang", "en", "2026-10-10"),
            ("calendar", "2026-10-10", "--lang=en"),
        )
    }
    assert len(outputs) == 1
    assert "make-up working day" in outputs.pop()


def test_bad_lang_is_a_usage_error() -> None:
    code, out, err = run_cli("--lang", "fr", "calendar", "2026-10-10")
    assert (code, out) == (EXIT_USAGE, "")
    assert "--lang" in err


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"GOVEFFICIENCY_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"GOVEFFICIENCY_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "zh"),
    ],
)
def test_default_language_from_the_environment(env: dict[str, str], lang: str) -> None:
    assert cli.default_lang(env) == lang


def test_internal_errors_are_caught_with_their_own_status(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: a bug prints one line asking for a report and exits 70, no traceback."""
    from govefficiency.calendar import _cli as calendar_cli

    def broken(args: object) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(calendar_cli, "_run", broken, raising=False)
    real_register = calendar_cli.register

    def register(sub: object) -> None:
        real_register(sub)
        parser = sub.choices["calendar"]  # type: ignore[attr-defined]
        parser.set_defaults(handler=broken)

    monkeypatch.setattr(calendar_cli, "register", register)
    code, _, err = run_cli("--lang", "en", "calendar", "2026-10-10")
    assert code == EXIT_INTERNAL
    assert "internal error (ZeroDivisionError: boom)" in err
    assert "please report" in err
    assert "Traceback" not in err


def _subprocess(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GOVEFFICIENCY_LANG": "zh"}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "govefficiency", *args], capture_output=True, env=env, check=False, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "govefficiency", "rules", "--lang", "en"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == EXIT_IO
    assert b"cannot write the output" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_stdout_that_cannot_encode_chinese() -> None:
    """LANG=C with an ASCII stdout: Chinese is escaped, never a UnicodeEncodeError."""
    result = _subprocess(["calendar", "2026-10-01"], env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert b"\\u" in result.stdout


def test_a_closed_pipe_is_quiet() -> None:
    """`govefficiency rules | head -1`: no BrokenPipeError traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "govefficiency", "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "GOVEFFICIENCY_LANG": "zh"},
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate()
    assert b"Traceback" not in err
    assert proc.returncode == 0


def test_long_bad_input_is_not_echoed_whole() -> None:
    code, _, err = run_cli("deadline", "x" * 100_000, "--working-days", "5")
    assert code == EXIT_USAGE
    assert len(err) < 1_000
