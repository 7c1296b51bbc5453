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
import contextlib
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from govefficiency._time import parse_iso_date, parse_iso_instant, shorten
from govefficiency.errors import GovEfficiencyError
from govefficiency.findings import Finding, has_errors, sort_findings
from govefficiency.text import Lang

if TYPE_CHECKING:
    from govefficiency.calendar import WorkCalendar

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
#: The output could not be written (e.g. the disk is full); like ``EX_IOERR``.
EXIT_IO = 74
#: A bug in govefficiency: an unexpected exception reached the top-level guard.
EXIT_INTERNAL = 70


def exit_status_of(error: GovEfficiencyError) -> int:
    """The exit status for a library error that ends a command."""
    from govefficiency.errors import CalendarCoverageError, LedgerIntegrityError

    if isinstance(error, CalendarCoverageError):
        return EXIT_UNDETERMINED
    if isinstance(error, LedgerIntegrityError):
        return EXIT_FINDINGS
    return EXIT_USAGE


#: argparse's own messages in Chinese (argparse looks them up through gettext ``_``). The
#: ``usage:`` and ``prog: error:`` prefixes stay as they are in both languages, so that
#: scripts can match them.
_ARGPARSE_ZH = {
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可匹配 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "忽略了显式参数 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
}


@contextlib.contextmanager
def translated_usage_errors(lang: str) -> Iterator[None]:
    """While parsing, argparse's own usage errors and help headings are in ``lang``.

    argparse looks its messages up through ``gettext``; for zh they are replaced by the
    table above (English stays as it is), and the original lookup is restored after."""
    if lang != "zh":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: _ARGPARSE_ZH.get(message, original(message))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


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


_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,18}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})")


def int_arg(text: str) -> int:
    """argparse ``type=`` for a whole number in ASCII digits: ``int()`` alone would take
    ``１０`` (full-width) or ``1_0`` and echo a 100 KB argument back whole."""
    if not _WHOLE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a whole number: {shorten(text)!r}")
    return int(text)


def number_arg(text: str) -> float:
    """argparse ``type=`` for a decimal number in ASCII digits (no ``nan``, ``inf``,
    ``1e308`` or full-width digits)."""
    if not _DECIMAL.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a number: {shorten(text)!r}")
    return float(text)


def instant_arg(text: str) -> dt.datetime:
    """argparse ``type=`` for an ISO 8601 instant (no offset means Asia/Shanghai)."""
    try:
        return parse_iso_instant(text, "date-time")
    except GovEfficiencyError as exc:
        raise argparse.ArgumentTypeError(exc.en) from None


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang zh|en``. The top level takes it anywhere on the line (and defaults it from
    ``GOVEFFICIENCY_LANG``, then ``LANG``); this entry documents it in each command's help."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of the output, accepted anywhere on the line "
        "(default: $GOVEFFICIENCY_LANG, then zh if $LANG is zh_*, else en)",
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


# --- the working-day calendar of a command ------------------------------------------------

#: How close to the end of the published holiday data ``--at`` may come before every
#: command warns that next year's arrangement is not loaded.
HORIZON_WARNING_DAYS = 60


def add_calendar_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--patch FILE`` (repeatable) and ``--provisional`` to a command that counts
    working days; build the calendar with :func:`calendar_from_args`."""
    parser.add_argument(
        "--patch",
        action="append",
        default=[],
        metavar="FILE",
        help="a calendar patch file (.toml/.json), e.g. next year's State Council holiday notice; may repeat",
    )
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="answer beyond the published holiday arrangement from the statutory rules (flagged provisional)",
    )


def calendar_from_args(args: argparse.Namespace) -> WorkCalendar:
    """The PRC working-day calendar for ``--patch``/``--provisional`` (a
    :class:`~govefficiency.calendar.WorkCalendar`)."""
    from govefficiency.calendar import CalendarPatch, china_calendar

    patches = [CalendarPatch.load(p) for p in getattr(args, "patch", None) or ()]
    return china_calendar(provisional=bool(getattr(args, "provisional", False)), patches=patches)


def warn_horizon(calendar: WorkCalendar, day: dt.date, lang: str) -> None:
    """One stderr line when ``day`` lies within :data:`HORIZON_WARNING_DAYS` of the end of
    the calendar's published data (or beyond it): next year's arrangement is not loaded."""
    through = calendar.official_through
    if (through - day).days > HORIZON_WARNING_DAYS:
        return
    year = through.year + 1
    if lang == "zh":
        print(
            f"govefficiency: 警告: 工作日历的正式数据截至 {through}，{year} 年放假安排尚未载入；"
            f"国务院办公厅通知发布后请以 --patch FILE 加入（见 docs/calendar.md）",
            file=sys.stderr,
        )
    else:
        print(
            f"govefficiency: warning: the working-day calendar's published data ends {through}; the {year} "
            f"holiday arrangement is not loaded — add the State Council notice with --patch FILE when it "
            f"appears (see docs/calendar.md)",
            file=sys.stderr,
        )


def report_missing_years(years: Iterable[int], lang: str, *, error: bool = False) -> None:
    """One stderr line naming the years whose holiday arrangement would decide what was
    reported undetermined, and how to add it (``error``: the command gave no answer)."""
    listed = sorted(set(years))
    if not listed:
        return
    head = "govefficiency: error: " if error else "govefficiency: "
    which = "、".join(str(y) for y in listed) if lang == "zh" else ", ".join(str(y) for y in listed)
    if lang == "zh":
        print(
            f"{head}部分结果无法确定：缺少 {which} 年放假安排。请把国务院办公厅的放假通知写成补丁文件"
            f"并以 --patch FILE 加入（格式见 docs/calendar.md），或以 --provisional 按法定规则暂定推算",
            file=sys.stderr,
        )
    else:
        print(
            f"{head}part of the answer is undetermined: the {which} holiday arrangement is missing. "
            f"Write the State Council General Office's holiday notice as a patch file and pass it with "
            f"--patch FILE (format in docs/calendar.md), or use --provisional for statutory-rule answers",
            file=sys.stderr,
        )


def undetermined_beyond_calendar(handler: Handler) -> Handler:
    """Wrap a handler that counts working days: a date beyond the published holiday data
    exits :data:`EXIT_UNDETERMINED` with one stderr line naming the missing year and how
    to add it (instead of the generic exit 2 of a library error)."""
    from govefficiency.errors import CalendarCoverageError

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CalendarCoverageError as exc:
            last = exc.last
            if not isinstance(exc.date, dt.date) or not isinstance(last, dt.date):
                raise
            # A date after the end, or a count running past it ("+N working days from …").
            if exc.date > last:
                years = range(last.year + 1, exc.date.year + 1)
            elif exc.en.startswith("+"):
                years = range(last.year + 1, last.year + 2)
            else:
                raise
            report_missing_years(years, getattr(args, "lang", "zh"), error=True)
            return EXIT_UNDETERMINED

    run.__doc__ = handler.__doc__
    return run


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and fullwidth characters
    (汉字, fullwidth punctuation) take two, combining marks none, the rest one."""
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (``<`` left, ``>`` right,
    ``^`` centred), the way ``format(text, f"<{width}")`` pads, but counting a CJK character
    as two columns. Text already wider is returned unchanged."""
    gap = max(0, width - display_width(text))
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap
