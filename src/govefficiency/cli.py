"""The ``govefficiency`` command: a thin layer over the public API.

Each module contributes its subcommands through a ``register(subparsers)`` function in
its private ``_cli`` module; this file only assembles them and turns library errors
into a one-line message with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from govefficiency import __version__
from govefficiency._cli_util import UsageError
from govefficiency.calendar import _cli as calendar_cli
from govefficiency.deadlines import _cli as deadlines_cli
from govefficiency.decisions import _cli as decisions_cli
from govefficiency.errors import GovEfficiencyError
from govefficiency.escalation import _cli as escalation_cli
from govefficiency.ledger import _cli as ledger_cli
from govefficiency.responsibility import _cli as responsibility_cli

# One line per module; keep the order of the help text.
_REGISTRARS = (
    calendar_cli.register,
    deadlines_cli.register,
    decisions_cli.register,
    escalation_cli.register,
    ledger_cli.register,
    responsibility_cli.register,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="govefficiency",
        description="Working-day deadlines, responsibility, decisions, ledgers and escalation "
        "for Chinese administrative efficiency (行政效能).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in _REGISTRARS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 findings, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "en")
    try:
        code: int = args.handler(args)
    except UsageError as exc:
        parser.exit(2, f"govefficiency: error: {exc.message(lang)}\n")
    except GovEfficiencyError as exc:
        parser.exit(2, f"govefficiency: error: {exc.message(lang)}\n")
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
