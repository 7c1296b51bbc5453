"""``govefficiency ledger monthly DB --month YYYY-MM``: the monthly review (一月一讲评)."""

from __future__ import annotations

import argparse
import calendar as _monthcal
import datetime as dt
from typing import Any

from govefficiency._cli_coverage import calendar_from_args, warn_horizon
from govefficiency._cli_util import add_common_options, arg_error
from govefficiency._time import parse_month, shorten
from govefficiency.errors import GovEfficiencyError
from govefficiency.ledger._cli import (
    _DB_HELP,
    _finish,
    _ledger,
    _load_policy,
    _policy,
    _zh,
)
from govefficiency.ledger._monthly import monthly_review
from govefficiency.text import Lang

__all__ = ["register_monthly"]


def register_monthly(actions: Any) -> None:
    """``monthly``: read-only, like ``report``."""
    from govefficiency._cli_coverage import undetermined_beyond_calendar

    p = actions.add_parser(
        "monthly",
        help="the monthly review (一月一讲评): per unit and officer, who reported in the month and who is behind",
    )
    p.add_argument("db", help=_DB_HELP)
    p.add_argument(
        "--month",
        type=_month,
        required=True,
        metavar="YYYY-MM",
        help="the month reviewed; the ledger is read as of the end of its last day (Asia/Shanghai)",
    )
    add_common_options(p, calendar=True)
    _policy(p)
    p.set_defaults(handler=undetermined_beyond_calendar(_monthly))


def _month(text: str) -> str:
    try:
        year, month = parse_month(text, "--month")
    except GovEfficiencyError:
        raise arg_error(
            f"{shorten(text)!r} is not a month in the form YYYY-MM (e.g. 2026-10)",
            f"{shorten(text)!r} 不是 YYYY-MM 格式的月份（如 2026-10）",
        ) from None
    return f"{year:04d}-{month:02d}"


def _monthly(args: argparse.Namespace) -> int:
    year, month = (int(part) for part in args.month.split("-"))
    last = dt.date(year, month, _monthcal.monthrange(year, month)[1])
    policy = _load_policy(args)
    cal = calendar_from_args(args)
    warn_horizon(cal, last, args.lang)
    with _ledger(args.db, read_only=True) as ledger:
        review = monthly_review(ledger, month=args.month, policy=policy, calendar=cal)
    empty = not review.units
    if not args.json:
        _print(args.lang, review, last)
    return _finish(args, review.findings(), {"monthly": review.to_dict()}, empty=empty, day=last)


def _print(lang: Lang, review: Any, last: dt.date) -> None:
    items = sum(len(u.items) for u in review.units)
    reported = sum(len(u.reported) for u in review.units)
    print(
        _zh(
            lang,
            f"一月一讲评 {review.year}-{review.month:02d}（截至 {last}）：{items} 项，本月报送进度 {reported} 项",
            f"monthly review {review.year}-{review.month:02d} (as of {last}): {items} items, "
            f"{reported} reported progress in the month",
        )
    )
    for u in review.units:
        print(
            f"  {u.unit}: "
            + _zh(
                lang,
                f"{len(u.items)} 项，已报送 {len(u.reported)}，未报送 {len(u.not_reported)}"
                f"{_ids(u.not_reported)}，滞后 {len(u.behind)}{_ids(u.behind)}，本月督查通知 {u.notices}，"
                f"待整改 {len(u.open_rectifications)}{_ids(u.open_rectifications)}",
                f"{len(u.items)} items, {len(u.reported)} reported, {len(u.not_reported)} not reported"
                f"{_ids(u.not_reported)}, {len(u.behind)} behind{_ids(u.behind)}, {u.notices} notices "
                f"in the month, {len(u.open_rectifications)} open rectifications{_ids(u.open_rectifications)}",
            )
        )
    if review.officers:
        print(_zh(lang, "按责任人：", "by officer:"))
    for o in review.officers:
        print(
            f"  {o.officer} ({', '.join(o.units)}): "
            + _zh(
                lang,
                f"{len(o.items)} 项，已报送 {len(o.reported)}，未报送 {len(o.not_reported)}，"
                f"滞后 {len(o.behind)}，平均进度 {o.mean_share:.1f}%",
                f"{len(o.items)} items, {len(o.reported)} reported, {len(o.not_reported)} not reported, "
                f"{len(o.behind)} behind, mean share {o.mean_share:.1f}%",
            )
        )


def _ids(ids: tuple[str, ...]) -> str:
    return f" ({', '.join(ids)})" if ids else ""
