"""The ``govefficiency`` command: a thin layer over the public API.

Each module contributes its subcommands through a ``register(subparsers)`` function in
its private ``_cli`` module; this file only assembles them and turns library errors
into a one-line message with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from govefficiency import __version__
from govefficiency._cli_util import EXIT_USAGE, UsageError
from govefficiency.errors import GovEfficiencyError

#: The subcommands: (top-level names, the module whose ``register(subparsers)`` adds them).
#: Modules are imported only when one of their commands is run (or for ``--help``), so that
#: ``govefficiency deadline …`` does not pay for the ledger or the org chart. One line per
#: module; keep the order of the help text.
_COMMANDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("calendar",), "govefficiency.calendar._cli"),
    (("deadline", "rules"), "govefficiency.deadlines._cli"),
    (("decision",), "govefficiency.decisions._cli"),
    (("escalate",), "govefficiency.escalation._cli"),
    (("ledger",), "govefficiency.ledger._cli"),
    (("responsibility",), "govefficiency.responsibility._cli"),
    (("services",), "govefficiency.services._cli"),
)


def _modules_for(argv: Sequence[str] | None) -> list[str]:
    """The CLI modules to import: the one owning the first command word, else all."""
    words = list(sys.argv[1:] if argv is None else argv)
    first = next((w for w in words if not w.startswith("-")), None)
    for names, module in _COMMANDS:
        if first in names:
            return [module]
    return [module for _, module in _COMMANDS]


def build_parser(argv: Sequence[str] | None = (), *, everything: bool = True) -> argparse.ArgumentParser:
    """The argument parser; with ``everything`` (the default) it has every subcommand."""
    parser = argparse.ArgumentParser(
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 findings, 2 bad input)."""
    parser = build_parser(argv, everything=False)
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "en")
    try:
        code: int = args.handler(args)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"govefficiency: error: {exc.message(lang)}\n")
    except GovEfficiencyError as exc:
        parser.exit(EXIT_USAGE, f"govefficiency: error: {exc.message(lang)}\n")
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
