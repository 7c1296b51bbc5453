"""Private helpers shared by the command-line subcommands (one idea each, used by all).

Conventions every subcommand follows:

* arguments are parsed by argparse; a bad argument prints one line and exits 2;
* a library error (:class:`GovEfficiencyError`) prints ``govefficiency: error: …`` in the
  chosen language and exits 2 — never a traceback;
* ``--json`` prints one JSON document (UTF-8, not ASCII-escaped) to stdout;
* checkers exit 1 when they report any error finding.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

from govefficiency._time import parse_iso_date, parse_iso_instant
from govefficiency.errors import GovEfficiencyError
from govefficiency.findings import Finding, has_errors, sort_findings
from govefficiency.text import Lang

#: Exit statuses, one meaning each, shared by every subcommand (documented in docs/cli.md).
EXIT_OK = 0
#: Error findings were reported, or a ledger's integrity is broken.
EXIT_FINDINGS = 1
#: Bad input or usage: a wrong argument, an unreadable or invalid file.
EXIT_USAGE = 2
#: The data cannot decide the answer (e.g. a working day in a year whose holiday
#: arrangement is not published yet): what was decided is printed, the rest is undetermined.
EXIT_UNDETERMINED = 3
#: A store (e.g. a SQLite ledger file) is damaged or is not a ledger.
EXIT_STORE_DAMAGED = 4
#: Actions were produced, but some roles could not be resolved to a recipient.
EXIT_UNRESOLVED = 5
#: A bug in govefficiency: an unexpected exception reached the top-level guard.
EXIT_INTERNAL = 70

#: A subcommand handler: parsed arguments -> exit code.
Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command-line argument that is wrong in a way argparse cannot see.

    Args:
        en: the message in English.
        zh: the same in Chinese; shown with ``--lang zh`` (English when omitted).
    """

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else self.en


def date_arg(text: str) -> dt.date:
    """argparse ``type=`` for ``YYYY-MM-DD``."""
    try:
        return parse_iso_date(text, "date")
    except GovEfficiencyError as exc:
        raise argparse.ArgumentTypeError(exc.en) from None


def instant_arg(text: str) -> dt.datetime:
    """argparse ``type=`` for an ISO 8601 instant (no offset means Asia/Shanghai)."""
    try:
        return parse_iso_instant(text, "date-time")
    except GovEfficiencyError as exc:
        raise argparse.ArgumentTypeError(exc.en) from None


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the output (default: zh)"
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def report_findings(findings: Iterable[Finding], *, lang: Lang, as_json: bool) -> int:
    """Print findings (text or JSON) and return 1 if any is an error, else 0."""
    ordered = sort_findings(findings)
    if as_json:
        print_json({"findings": [f.to_dict() for f in ordered], "errors": has_errors(ordered)})
    elif not ordered:
        print("未发现问题" if lang == "zh" else "no findings")
    else:
        for finding in ordered:
            print(finding.render(lang))
    return 1 if has_errors(ordered) else 0
