"""``govefficiency ledger progress|complete|correct``: recording progress from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from govefficiency._cli_util import (
    UsageError,
    add_common_options,
    arg_error,
    date_arg,
    number_arg,
    print_json,
)
from govefficiency._time import local_date, shorten
from govefficiency.ledger._cli import (
    _DB_HELP,
    _ledger,
    _when,
    _zh,
)
from govefficiency.ledger._signatures_cli import (
    add_sign_key,
    check_recorder,
    signer_of,
    signing,
)


def register_progress(actions: Any) -> None:
    """``progress``, ``complete`` and ``correct``: each appends one entry, never edits one."""
    p = actions.add_parser("progress", help="record an item's progress (appends an entry)")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("item", help="the item id")
    p.add_argument("--percent", type=_share, required=True, metavar="P", help="share complete, 0-100")
    _progress_common(p)
    p.set_defaults(handler=_progress)

    p = actions.add_parser("complete", help="record an item as complete (100%%; appends an entry)")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("item", help="the item id")
    _progress_common(p)
    p.set_defaults(handler=_complete)

    p = actions.add_parser(
        "correct",
        help="correct a progress entry (appends a correction; the original stays in the ledger)",
    )
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("seq", type=_seq, help="the sequence number of the progress entry to correct")
    p.add_argument("--percent", type=_share, required=True, metavar="P", help="the corrected share, 0-100")
    _progress_common(p)
    p.set_defaults(handler=_correct)


def _progress_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--at",
        type=_when,
        required=True,
        help="when it is recorded: an ISO instant, or YYYY-MM-DD (the end of that day, Asia/Shanghai)",
    )
    p.add_argument(
        "--as-of",
        type=date_arg,
        metavar="DATE",
        help="the day the progress stands as of (default: the day of --at)",
    )
    p.add_argument("--note", default="", help="what was done (narrative)")
    p.add_argument(
        "--evidence", action="append", default=[], metavar="ID", help="an evidence id (may repeat)"
    )
    add_sign_key(p)
    add_common_options(p)


def _share(text: str) -> float:
    try:
        value = number_arg(text)
    except argparse.ArgumentTypeError:
        raise arg_error(f"not a percentage: {shorten(text)!r}", f"不是百分数：{shorten(text)!r}") from None
    if not 0 <= value <= 100 or value != value:
        raise arg_error(
            f"a share is 0 to 100 percent, not {shorten(text)}",
            f"完成比例为 0 至 100（百分数），而不是 {shorten(text)}",
        )
    return value


def _seq(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) < 1:
        raise arg_error(
            f"an entry number is a whole number >= 1, not {shorten(text)!r}",
            f"记录序号是不小于 1 的整数，而不是 {shorten(text)!r}",
        )
    return int(text)


def _entry_out(args: argparse.Namespace, entry: Any, zh: str, en: str) -> int:
    if args.json:
        print_json(
            {"seq": entry.seq, "item": entry.item_id, "hash": entry.hash, "recorded_at": entry.recorded_at}
        )
    else:
        print(_zh(args.lang, f"{zh}（第 {entry.seq} 条）", f"{en} (entry #{entry.seq})"))
    return 0


def _progress_entry(args: argparse.Namespace, item: str, share: float) -> int:
    signer = signer_of(args)
    with _ledger(args.db) as ledger, signing(ledger, signer):
        check_recorder(ledger, signer, item)
        day = args.as_of or local_date(args.at, ledger.zone)
        entry = ledger.report_progress(
            item, date=day, share=share, at=args.at, narrative=args.note, evidence=args.evidence
        )
    return _entry_out(
        args,
        entry,
        f"已记录 {item} 进度 {share:g}%（截至 {day}）",
        f"recorded {item}: {share:g}% as of {day}",
    )


def _progress(args: argparse.Namespace) -> int:
    return _progress_entry(args, args.item, args.percent)


def _complete(args: argparse.Namespace) -> int:
    return _progress_entry(args, args.item, 100.0)


def _correct(args: argparse.Namespace) -> int:
    from govefficiency.ledger._payloads import ProgressReport

    signer = signer_of(args)
    with _ledger(args.db) as ledger, signing(ledger, signer):
        day = args.as_of or local_date(args.at, ledger.zone)
        original = ledger.entry(args.seq)
        if not isinstance(original.payload, ProgressReport):
            raise UsageError(
                f"entry #{args.seq} is not a progress report; only progress entries are corrected here",
                f"第 {args.seq} 条不是进度报告；此命令只更正进度记录",
            )
        check_recorder(ledger, signer, original.item_id)
        payload = ProgressReport(day, args.percent, args.note, tuple(args.evidence))
        entry = ledger.correct(args.seq, payload, at=args.at)
    return _entry_out(
        args,
        entry,
        f"已更正第 {args.seq} 条：{original.item_id} 进度 {args.percent:g}%",
        f"corrected entry #{args.seq}: {original.item_id} {args.percent:g}%",
    )
