"""What the command line says when part of an answer lies beyond the published working-day
calendar: the calendar of a command's --patch/--provisional options, the horizon warning,
the missing years, and the exit-3 output that still prints what was decided."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govefficiency.calendar import WorkCalendar

from govefficiency._cli_util import EXIT_UNDETERMINED, Handler, print_json

HORIZON_WARNING_DAYS = 60


def calendar_from_args(args: argparse.Namespace) -> WorkCalendar:
    """The PRC working-day calendar for ``--patch``/``--provisional`` (a
    :class:`~govefficiency.calendar.WorkCalendar`)."""
    from govefficiency.calendar import china_calendar

    patches = []
    if getattr(args, "patch", None):  # patches (and their file reader) load only when given
        from govefficiency.calendar import CalendarPatch

        patches = [CalendarPatch.load(p) for p in args.patch]
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


def missing_years_of(error: Any) -> list[int]:
    """The years whose holiday arrangement a :class:`CalendarCoverageError` lacks: from the
    year after the calendar's last day to the year of the date asked about (or the next
    year for a count running past the end); ``[]`` for a date before the calendar's start."""
    last = getattr(error, "last", None)
    date = getattr(error, "date", None)
    if not isinstance(date, dt.date) or not isinstance(last, dt.date):
        return []
    if date > last:
        return list(range(last.year + 1, date.year + 1))
    if error.en.startswith("+"):
        return [last.year + 1]
    return []


def undetermined_note(years: Iterable[int], last: dt.date | None) -> dict[str, str]:
    """What is missing, in zh and en: the years' holiday arrangements (or, with no year,
    the data before the calendar's start)."""
    listed = sorted(set(years))
    if not listed:
        return {
            "zh": "无法确定：日期早于工作日历的数据范围",
            "en": "undetermined: the date lies before the working-day calendar's data",
        }
    through_zh = f"（已公布数据截至 {last}）" if last is not None else ""
    through_en = f" (the published data ends {last})" if last is not None else ""
    return {
        "zh": f"无法确定：缺少 {'、'.join(map(str, listed))} 年放假安排{through_zh}",
        "en": f"undetermined: the {', '.join(map(str, listed))} holiday arrangement is missing{through_en}",
    }


def print_undetermined(args: argparse.Namespace, error: Any) -> None:
    """On stdout, what a command that ends undetermined (exit 3) could not decide: a JSON
    document with ``--json`` (``{"undetermined": true, "missing_years", "covered",
    "reason"}``), else one line. The commands that decide part of the answer print that
    part themselves; this is what every other exit 3 prints, so that stdout is never empty."""
    years = missing_years_of(error)
    last = getattr(error, "last", None)
    first = getattr(error, "first", None)
    note = undetermined_note(years, last if isinstance(last, dt.date) else None)
    if getattr(args, "json", False):
        print_json(
            {
                "undetermined": True,
                "missing_years": years,
                "covered": {"first": first, "last": last}
                if isinstance(first, dt.date) and isinstance(last, dt.date)
                else None,
                "reason": {"zh": error.zh or error.en, "en": error.en},
                "message": note,
            }
        )
    else:  # a chart (--mermaid) gets it as a Mermaid comment
        mark = "%% " if getattr(args, "mermaid", False) else ""
        print(mark + note["zh" if getattr(args, "lang", "zh") == "zh" else "en"])


def undetermined_beyond_calendar(handler: Handler) -> Handler:
    """Wrap a handler that counts working days: a date beyond the published holiday data
    exits :data:`EXIT_UNDETERMINED`, with what is undetermined on stdout
    (:func:`print_undetermined`) and one stderr line naming the missing year and how to
    add it (instead of the generic exit 2 of a library error)."""
    from govefficiency.errors import CalendarCoverageError

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CalendarCoverageError as exc:
            years = missing_years_of(exc)
            if not years:
                raise
            print_undetermined(args, exc)
            report_missing_years(years, getattr(args, "lang", "zh"), error=True)
            return EXIT_UNDETERMINED

    run.__doc__ = handler.__doc__
    return run
