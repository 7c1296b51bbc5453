"""What a message tells the reader to do about missing calendar data, in the reader's terms.

The library's messages name its Python API (``CalendarPatch``, ``provisional=True``); a
message raised while the command line runs a command names the command's options instead
(``--patch FILE``, ``--provisional``). The command line sets :func:`cli_wording` around the
command it runs; messages built inside take their hints from :func:`patch_hint` and
:func:`provisional_hint`. One mechanism for every command and every message (an error that
ends a command, a finding's text, a JSON document).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = ["cli_wording", "missing_year_hint", "patch_hint", "provisional_hint"]

#: True while the command line runs a command.
_UNDER_CLI: ContextVar[bool] = ContextVar("govefficiency_under_cli", default=False)


@contextlib.contextmanager
def cli_wording() -> Iterator[None]:
    """Within the block, messages name the command line's options, not the Python API."""
    token = _UNDER_CLI.set(True)
    try:
        yield
    finally:
        _UNDER_CLI.reset(token)


def patch_hint() -> tuple[str, str]:
    """How to add a published holiday arrangement (en, zh), e.g. ``add it as a patch (…)``."""
    if _UNDER_CLI.get():
        return (
            "write it as a patch file and pass it with --patch FILE (format in docs/calendar.md)",
            "请将其写成补丁文件并以 --patch FILE 加入（格式见 docs/calendar.md）",
        )
    return (
        "add it as a patch (govefficiency.calendar.CalendarPatch, see docs/calendar.md)",
        "请以补丁方式加入（govefficiency.calendar.CalendarPatch，见 docs/calendar.md）",
    )


def provisional_hint() -> tuple[str, str]:
    """How to get statutory-rule answers beyond the published data (en, zh), e.g.
    ``use provisional=True``."""
    if _UNDER_CLI.get():
        return ("use --provisional", "使用 --provisional")
    return (
        "build it with china_calendar(provisional=True)",
        "用 china_calendar(provisional=True) 构建",
    )


def missing_year_hint() -> tuple[str, str]:
    """What to do when a count runs past the calendar's last published year (en, zh)."""
    if _UNDER_CLI.get():
        return (
            "Write the missing year's holiday arrangement as a patch file and pass it with "
            "--patch FILE (format in docs/calendar.md), or use --provisional",
            "请将缺失年份的放假安排写成补丁文件并以 --patch FILE 加入（格式见 docs/calendar.md），"
            "或使用 --provisional",
        )
    return (
        "Add a patch for the missing year or use provisional=True",
        "请补充缺失年份的补丁，或使用 provisional=True",
    )
