"""The ``govefficiency`` command: a thin layer over the public API.

Each module contributes its subcommands through a ``register(subparsers)`` function in
its private ``_cli`` module; this file only assembles them and turns library errors
into a one-line message with exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import NoReturn

from govefficiency import __version__
from govefficiency._cli_coverage import print_undetermined
from govefficiency._cli_util import (
    EXIT_INTERNAL,
    EXIT_IO,
    EXIT_OK,
    EXIT_UNDETERMINED,
    EXIT_USAGE,
    CliParser,
    UsageError,
    exit_status_of,
    translated_usage_errors,
)
from govefficiency._hints import cli_wording
from govefficiency._time import shorten
from govefficiency.errors import GovEfficiencyError
from govefficiency.text import Lang

#: The subcommands: (top-level names, the module whose ``register(subparsers)`` adds them).
#: Modules are imported only when one of their commands is run (or for ``--help``), so that
#: ``govefficiency deadline …`` does not pay for the ledger or the org chart. One line per
#: module; keep the order of the help text.
_COMMANDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("approvals",), "govefficiency.approvals._cli"),
    (("assess",), "govefficiency.assessment._cli"),
    (("calendar",), "govefficiency.calendar._cli"),
    (("deadline", "rules"), "govefficiency.deadlines._cli"),
    (("decision",), "govefficiency.decisions._cli"),
    (("escalate",), "govefficiency.escalation._cli"),
    (("ledger",), "govefficiency.ledger._cli"),
    (("responsibility",), "govefficiency.responsibility._cli"),
    (("services",), "govefficiency.services._cli"),
    (("validate", "schema"), "govefficiency._files_cli"),
)


def _modules_for(argv: Sequence[str] | None) -> list[str]:
    """The CLI modules to import: the one owning the first command word; none for a bare
    ``--version``; else all (for the help text, or to list the commands after a typo)."""
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)
    for names, module in _COMMANDS:
        if first in names:
            return [module]
    if first is None and "--version" in words and not {"-h", "--help"} & set(words):
        return []
    return [module for _, module in _COMMANDS]


def build_parser(argv: Sequence[str] | None = (), *, everything: bool = True) -> argparse.ArgumentParser:
    """The argument parser; with ``everything`` (the default) it has every subcommand."""
    parser = CliParser(
        prog="govefficiency",
        description="Working-day deadlines, responsibility, decisions, ledgers and escalation "
        "for Chinese administrative efficiency (行政效能).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    modules = [m for _, m in _COMMANDS] if everything else _modules_for(argv)
    for module in modules:
        importlib.import_module(module).register(sub)
    return parser


def _split_lang(argv: list[str]) -> tuple[list[str], str | None]:
    """``argv`` without any ``--lang X`` / ``--lang=X`` (accepted anywhere), and X."""
    rest: list[str] = []
    lang: str | None = None
    words = iter(argv)
    for word in words:
        if word == "--":
            rest.append(word)
            rest.extend(words)
            break
        if word == "--lang":
            lang = next(words, "")
        elif word.startswith("--lang="):
            lang = word.partition("=")[2]
        else:
            rest.append(word)
    return rest, lang


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language when ``--lang`` is not given: ``GOVEFFICIENCY_LANG``, then ``LANG``
    (``zh_*`` → zh, anything else → en), then zh."""
    env = os.environ if environ is None else environ
    chosen = env.get("GOVEFFICIENCY_LANG", "").strip().lower()
    if chosen in ("zh", "en"):
        return "zh" if chosen == "zh" else "en"
    system = env.get("LC_ALL") or env.get("LANG") or ""
    if not system:
        return "zh"
    return "zh" if system.lower().startswith("zh") else "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the command's exit status (0, or 1 for findings,
    3 when undetermined…: see ``EXIT_*`` in ``_cli_util``).

    A usage error, a library error or an internal error prints one line on stderr and
    raises ``SystemExit`` with its status, as argparse does for its own usage errors."""
    words, asked = _split_lang(list(sys.argv[1:] if argv is None else argv))
    if asked is not None and asked not in ("zh", "en"):
        _fail(f"--lang must be zh or en, not {shorten(asked)!r} / --lang 须为 zh 或 en", EXIT_USAGE)
    lang: Lang = asked if asked in ("zh", "en") else default_lang()  # type: ignore[assignment]
    if any("\x00" in word for word in words):  # impossible from a shell; possible from Python
        _fail("an argument contains a NUL character" if lang == "en" else "参数中含有 NUL 字符", EXIT_USAGE)
    _tolerate_stdout_encoding()
    try:
        with translated_usage_errors(lang), _usage_cut():
            parser = build_parser(words, everything=False)
            args = parser.parse_args(words)
        args.lang = lang
        with cli_wording():  # messages name --patch/--provisional, not the Python API
            code: int = args.handler(args)
        sys.stdout.flush()
    except UsageError as exc:
        _fail(exc.message(lang), EXIT_USAGE)
    except GovEfficiencyError as exc:
        status = exit_status_of(exc)
        if status == EXIT_UNDETERMINED:  # exit 3 always says on stdout what is undetermined
            print_undetermined(args, exc)
            sys.stdout.flush()
        _fail(exc.message(lang), status)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, like other Unix tools
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # e.g. ENOSPC on stdout or an output file
        _silence_stdout()
        _fail(
            f"cannot write the output: {exc.strerror or exc}"
            if lang == "en"
            else f"无法写出结果：{exc.strerror or exc}",
            EXIT_IO,
        )
    except Exception as exc:  # the safety net; tests show no input reaches it
        _fail(
            f"internal error ({type(exc).__name__}: {shorten(str(exc))}); this is a bug in "
            f"govefficiency {__version__}, please report it with the command you ran"
            if lang == "en"
            else f"内部错误（{type(exc).__name__}：{shorten(str(exc))}）；这是 govefficiency "
            f"{__version__} 的缺陷，请连同所运行的命令一并报告",
            EXIT_INTERNAL,
        )
    return code


@contextlib.contextmanager
def _usage_cut() -> Iterator[None]:
    """argparse's usage errors echo a bad value whole (``invalid choice: 'xxx…'``): a
    quoted value longer than 80 characters is cut, as the library's own messages do."""
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer):
            yield
    finally:
        sys.stderr.write(_cut_quoted(buffer.getvalue()))


def _cut_quoted(text: str) -> str:
    """Each quoted value longer than 80 characters cut to 80 and an ellipsis: a 100 KB
    bad argument is not echoed back whole."""
    return re.sub(r"'([^'\n]{80})[^'\n]+'", r"'\1…'", text)


def _fail(message: str, status: int) -> NoReturn:
    sys.stderr.write(f"govefficiency: error: {_cut_quoted(message)}\n")
    raise SystemExit(status)


def _tolerate_stdout_encoding() -> None:
    """Never die on a stdout that cannot encode Chinese (e.g. LANG=C): escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a detached or closed stream
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """After a failed write to stdout, make the interpreter's final flush quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real stdout
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
