"""``govefficiency ledger …``: the checklist ledger in a SQLite file or a PostgreSQL database.

``init DB`` · ``open-items DB ITEMS.toml`` · ``report DB --at DATE`` · ``june-check DB --at DATE`` ·
``reconcile DB --at DATE`` · ``settle DB --at DATE`` · ``verify DB`` · ``anchor DB`` ·
``export DB OUT`` · ``import DB IN`` · ``copy SRC DST`` · ``progress DB ITEM --percent P
--at INSTANT`` · ``complete DB ITEM --at INSTANT`` · ``correct DB SEQ --percent P --at
INSTANT``. Commands that count working days take ``--patch FILE`` and ``--provisional``.
The old names ``open`` and ``check`` still work for one release (with a notice on stderr).

Keys for keyed anchors come from a file (``--key-file``) or an environment variable
(``--key-env NAME``), never from the command line.

Wherever a ledger file is taken, a ``postgresql://HOST[:PORT]/DATABASE?ledger=ID`` URL is
taken too; its credentials come from libpq's environment (PGPASSWORD, .pgpass, a service
file), never from the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from govefficiency._cli_coverage import calendar_from_args, undetermined_beyond_calendar, warn_horizon
from govefficiency._cli_util import (
    EXIT_FINDINGS,
    EXIT_STORE_DAMAGED,
    UsageError,
    add_command_group,
    add_common_options,
    arg_error,
    findings_exit,
    finish_command,
    instant_arg,
    number_arg,
    print_findings,
    print_json,
    print_result,
    rename_subcommand,
    report_findings,
    write_atomic,
)
from govefficiency._time import (
    DEFAULT_ZONE,
    end_of_day,
    local_date,
    parse_iso_date,
    parse_iso_instant,
    shorten,
)
from govefficiency.errors import GovEfficiencyError, LedgerIntegrityError, StoreDamagedError
from govefficiency.findings import Finding, sort_findings
from govefficiency.ledger._items import read_checklist
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._monthly import (
    supervision_rates,
)
from govefficiency.ledger._payloads import CheckStatus, ReviewKind
from govefficiency.ledger._policy import Basis, ReviewPolicy
from govefficiency.ledger._postgres import PG_SCHEMA_VERSION
from govefficiency.ledger._reviews import (
    june_check,
)
from govefficiency.ledger._settlement import (
    reconcile,
    settle,
)
from govefficiency.ledger._signatures_cli import (
    add_sign_key,
    register_keygen,
    signer_of,
    signing,
)
from govefficiency.ledger._store import SCHEMA_VERSION, LedgerStore, is_store_url, open_store
from govefficiency.text import Lang


def _when(text: str) -> dt.datetime:
    """``YYYY-MM-DD`` (the end of that day, Asia/Shanghai) or an ISO 8601 instant."""
    try:
        if len(text) == 10:
            return end_of_day(parse_iso_date(text, "date"), DEFAULT_ZONE)
        return parse_iso_instant(text, "date-time")
    except GovEfficiencyError as exc:
        raise arg_error(exc.en, exc.zh or exc.en) from None


def _percent(text: str) -> float:
    try:
        value = number_arg(text)
    except argparse.ArgumentTypeError:
        raise arg_error(
            f"not a number of percentage points: {shorten(text)!r}", f"不是百分点数：{shorten(text)!r}"
        ) from None
    if not 0 <= value <= 100:
        raise arg_error(
            f"the tolerance is 0 to 100 percentage points, not {shorten(text)}",
            f"容差为 0 至 100 个百分点，而不是 {shorten(text)}",
        )
    return value


_DB_HELP = "a SQLite file or a postgresql://HOST[:PORT]/DATABASE?ledger=ID URL"


def register(sub: Any) -> None:
    actions = add_command_group(
        sub,
        "ledger",
        help="checklist ledger (台账) in a SQLite file or PostgreSQL: open items, June check, reconcile, settle, verify",
        description="The annual checklist ledger (清单+台账) kept in a SQLite file or a PostgreSQL "
        "database (postgresql://HOST/DB?ledger=ID; credentials from PGPASSWORD, .pgpass or a "
        "service file, never the command line): open the year's "
        "items (年初建账), June check (6月查账), September reconciliation (9月对账), year-end "
        "settlement (年底交账), reports and hash-chain verification.",
    )

    from govefficiency.ledger._cli_monthly import register_monthly
    from govefficiency.ledger._cli_progress import register_progress
    from govefficiency.ledger._cli_store import register_store

    _register_cycle(actions)
    register_monthly(actions)
    register_store(actions)
    register_keygen(actions)
    register_progress(actions)

    for action in actions.choices.values():  # every subcommand, also ones added later
        action.set_defaults(handler=_store_statuses(action.get_default("handler")))
    # Old names, kept for one release (issue 19): `check` was a third meaning of "check"
    # (elsewhere: lint a file); `open` read as "open the database".
    rename_subcommand(actions, "june-check", old="check")
    rename_subcommand(actions, "open-items", old="open")


def _register_cycle(actions: Any) -> None:
    """init, open-items and the annual reviews (report, june-check, reconcile, settle)."""
    p = actions.add_parser("init", help="create an empty ledger (or upgrade its schema)")
    p.add_argument("db", help=_DB_HELP)
    finish_command(p, _init)

    p = actions.add_parser("open-items", help="open the items of a checklist file (年初建账)")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("items", help="the checklist file (.toml or .json)")
    p.add_argument(
        "--at",
        type=_when,
        help="when the items are opened (default: the file's opened_at)",
    )
    add_sign_key(p)
    finish_command(p, _open)

    p = actions.add_parser("report", help="each item's state and the supervision rates as of a date")
    _common(p)
    p.add_argument(
        "--ics",
        metavar="FILE",
        help="also write every item's time nodes (时间节点) and deadline as of --at as all-day events "
        "to an iCalendar file, stamped --at (needs the icalendar package: pip install "
        "'govefficiency[ics]')",
    )
    p.set_defaults(handler=undetermined_beyond_calendar(_report))

    p = actions.add_parser("june-check", help="the June check (6月查账): time elapsed against work done")
    _common(p)
    _policy(p)
    _record(p, "review entries")
    p.set_defaults(handler=undetermined_beyond_calendar(_check))

    p = actions.add_parser("reconcile", help="the September reconciliation (9月对账): supervision notices")
    _common(p)
    _policy(p)
    _record(p, "the notices")
    p.set_defaults(handler=undetermined_beyond_calendar(_reconcile))

    p = actions.add_parser("settle", help="the year-end settlement (年底交账)")
    _common(p)
    _record(p, "settlement entries")
    p.set_defaults(handler=undetermined_beyond_calendar(_settle))


def _store_statuses(handler: Any) -> Any:
    """``handler`` with the store's failures as their documented exit statuses: a damaged
    store (or a file that is not a ledger) exits 4, a broken hash chain 1; one line each."""

    def run(args: argparse.Namespace) -> int:
        try:
            code: int = handler(args)
        except StoreDamagedError as exc:
            print(f"govefficiency: error: {exc.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
            return EXIT_STORE_DAMAGED
        except LedgerIntegrityError as exc:
            print(f"govefficiency: error: {exc.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
            return EXIT_FINDINGS
        return code

    return run


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("db", help=_DB_HELP)
    p.add_argument(
        "--at",
        type=_when,
        required=True,
        help="the review date YYYY-MM-DD (its end, Asia/Shanghai) or an ISO instant",
    )
    add_common_options(p, calendar=True)


def _policy(p: argparse.ArgumentParser) -> None:
    p.add_argument("--policy", metavar="FILE", help="a review policy file (.toml/.json)")
    p.add_argument("--tolerance", type=_percent, help="percentage points an item may lag and be on track")
    p.add_argument("--basis", choices=[b.value for b in Basis], help="compare with elapsed time or the plan")
    p.add_argument("--calendar-days", action="store_true", help="count calendar days, not working days")


def _record(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--dry-run", action="store_true", help=f"print only; do not record {what}")
    p.add_argument(
        "--recorded-at",
        type=instant_arg,
        metavar="INSTANT",
        help="when the entries are recorded (default: the --at instant)",
    )


def _load_policy(args: argparse.Namespace) -> ReviewPolicy:
    policy = ReviewPolicy() if args.policy is None else ReviewPolicy.load(args.policy)
    changes: dict[str, Any] = {}
    if args.tolerance is not None:
        changes["tolerance"] = args.tolerance
    if args.basis is not None:
        changes["basis"] = Basis(args.basis)
    if args.calendar_days:
        changes["working_days"] = False
    return ReviewPolicy(
        tolerance=changes.get("tolerance", policy.tolerance),
        basis=changes.get("basis", policy.basis),
        working_days=changes.get("working_days", policy.working_days),
        reply_days=policy.reply_days,
        report_window=policy.report_window,
    )


def _calendar(args: argparse.Namespace) -> Any:
    """The working-day calendar of ``--patch``/``--provisional``; warns near its end."""
    cal = calendar_from_args(args)
    warn_horizon(cal, local_date(args.at, cal.zone), args.lang)
    return cal


def _ledger(location: str, *, read_only: bool = False) -> Ledger:
    return _on(open_store(location, create=False, read_only=read_only), Ledger)


def _on(store: LedgerStore, make: Any) -> Ledger:
    """``make(store)``, closing the store if that fails."""
    try:
        ledger: Ledger = make(store)
    except BaseException:
        store.close()
        raise
    return ledger


def _zh(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _recorded(args: argparse.Namespace, ledger: Ledger, entries: tuple[Any, ...]) -> None:
    if entries:
        print(
            _zh(
                args.lang,
                f"已记录 {len(entries)} 条（第 {entries[0].seq}–{entries[-1].seq} 条）",
                f"recorded {len(entries)} entries (#{entries[0].seq}–#{entries[-1].seq})",
            )
        )


# -- handlers ------------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    store: Any = open_store(args.db, create=True)
    try:
        count = len(store)
        version = store.schema_version
    finally:
        store.close()
    current = PG_SCHEMA_VERSION if is_store_url(args.db) else SCHEMA_VERSION
    return print_result(
        args,
        {"db": args.db, "schema_version": version, "current": current, "entries": count},
        f"台账数据库 {args.db}：结构版本 {version}（当前 {current}），{count} 条记录",
        f"ledger database {args.db}: schema version {version} (current {current}), {count} entries",
    )


def _open(args: argparse.Namespace) -> int:
    items, opened_at = read_checklist(args.items)
    at = args.at or opened_at
    if at is None:
        raise UsageError(
            "give the instant the items are opened with --at (e.g. --at 2026-01-05T09:00) "
            "or as opened_at in the checklist file"
        )
    signer = signer_of(args)
    with _ledger(args.db) as ledger:
        with signing(ledger, signer):
            entries = ledger.open_items(items, at=at)
        if args.json:
            print_json(
                {"db": args.db, "opened": [e.item_id for e in entries], "seqs": [e.seq for e in entries]}
            )
            return 0
        print(_zh(args.lang, f"已建账 {len(entries)} 项", f"opened {len(entries)} items"))
        _recorded(args, ledger, entries)
    return 0


def _report(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=True) as ledger:
        cal = _calendar(args)
        check = june_check(ledger, at=args.at, calendar=cal)
        rates = supervision_rates(ledger, at=args.at, calendar=cal)
        states = {s.item_id: s for s in ledger.views(at=args.at)}
        items = ledger.items(at=args.at)
    empty = not check.items
    if args.ics is not None:
        if empty:  # an empty calendar file would look like "no time nodes due"
            print(
                _zh(
                    args.lang,
                    f"govefficiency: 未写入 {args.ics}：没有事项",
                    f"govefficiency: {args.ics} not written: no items",
                ),
                file=sys.stderr,
            )
        else:
            _write_time_nodes_ics(args.ics, items, args.at, args.lang)
    findings = check.findings() + rates.findings()
    if args.json:
        rows = []
        for i in check.items:
            state = states[i.item_id]
            rows.append(
                {
                    **i.to_dict(),
                    "notices": len(state.notices),
                    "open_rectifications": len(state.open_orders),
                    "settled": state.settled,
                }
            )
        return _finish(
            args,
            findings,
            {"at": args.at, "items": rows, "rates": rates.to_dict()},
            empty=empty,
            day=check.day,
        )
    lang: Lang = args.lang
    print(_zh(lang, f"台账情况（截至 {check.day}）", f"ledger as of {check.day}"))
    for i in check.items:
        state = states[i.item_id]
        work = "—" if i.work_share is None else f"{i.work_share:g}%"
        print(
            f"  {i.item_id}  {i.status.label.get(lang)}  {i.unit}/{i.officer}  "
            + _zh(
                lang,
                f"时间进度 {i.time_share:.1f}%  完成 {work}  督查通知 {len(state.notices)}  "
                f"待整改 {len(state.open_orders)}",
                f"time {i.time_share:.1f}%  done {work}  notices {len(state.notices)}  "
                f"open rectifications {len(state.open_orders)}",
            )
        )
    _print_rates(lang, rates)
    return _finish(args, findings, {}, empty=empty, day=check.day)


def _write_time_nodes_ics(path: str, items: Any, at: dt.datetime, lang: Lang) -> None:
    """The items' time nodes and deadlines as an .ics file, written atomically; the events'
    UIDs are the item ids (``ITEM-node-N``, ``ITEM-deadline``), so that a file written again
    later updates the calendar's events instead of duplicating them."""
    from govefficiency.ics import time_node_events, to_ics

    write_atomic(
        path,
        to_ics(
            time_node_events(items),
            stamp=at,
            lang=lang,
            name="台账时间节点" if lang == "zh" else "ledger time nodes",
        ),
    )


def _print_rates(lang: Lang, report: Any) -> None:
    print(_zh(lang, "督查指标（目标 100%）", "supervision rates (target 100%)"))
    scopes = [(_zh(lang, "全市", "overall"), report.overall)] + [(u.unit, u.rates) for u in report.units]
    for name, rates in scopes:
        # Nothing due is not 100% done: "—" (the JSON keeps percent 100, "met": true).
        parts = [
            f"{r.kind.label.get(lang)} "
            + (_zh(lang, "—（无应计事项）", "— (nothing due)") if r.due == 0 else f"{r.percent:.1f}%")
            + f" ({r.done}/{r.due})"
            for r in rates
        ]
        print(f"  {name}: " + "；".join(parts) if lang == "zh" else f"  {name}: " + "; ".join(parts))


def _nothing_open(day: dt.date) -> tuple[str, str]:
    """What an empty ledger (no item open on ``day``) leaves undetermined, in zh and en."""
    return (
        f"无法确定：截至 {day} 台账中没有已建账的事项，无从查账、对账、交账或计算督查指标"
        f"（完成率不是 100%）。请先建账：govefficiency ledger open-items DB 清单.toml",
        f"undetermined: the ledger has no item open as of {day}, so there is nothing to check, "
        f"reconcile, settle or rate (a completion rate is not 100%). Open the year's checklist "
        f"first: govefficiency ledger open-items DB CHECKLIST.toml",
    )


def _recording_at(args: argparse.Namespace, ledger: Ledger) -> dt.datetime:
    """The instant a review's entries are recorded (``--recorded-at``, else ``--at``),
    checked before the review runs: never before the latest entry of the ledger (a review
    of a past day is recorded now, or printed only)."""
    at: dt.datetime = args.recorded_at or args.at
    latest = ledger.latest_recorded_at
    if not args.dry_run and latest is not None and at < latest:
        flag = "--recorded-at" if args.recorded_at else "--at"
        raise UsageError(
            f"{flag} {at.isoformat()} is before the latest entry of the ledger ({latest.isoformat()}), "
            f"and the ledger is append-only in time: record this review now with --recorded-at INSTANT "
            f"(at or after {latest.isoformat()}), or print it only with --dry-run",
            f"{flag} {at.isoformat()} 早于台账最后一条记录的时间（{latest.isoformat()}），台账只能按时间顺序追加："
            f"请以 --recorded-at INSTANT（不早于 {latest.isoformat()}）按当前时间记录本次检查，或用 --dry-run 只输出",
        )
    return at


def _finish(
    args: argparse.Namespace,
    findings: tuple[Finding, ...],
    data: dict[str, Any],
    *,
    empty: bool = False,
    day: dt.date | None = None,
) -> int:
    """Print the findings (and, for an empty ledger, what is undetermined) and return the
    exit status: 1 on an error finding, else 3 when undetermined, else 0."""
    missing = _nothing_open(day) if empty and day is not None else None
    if args.json:
        extra: dict[str, Any] = {"undetermined": missing is not None}
        if missing is not None:
            extra["missing"] = {"zh": missing[0], "en": missing[1]}
        report_findings(findings, lang=args.lang, as_json=True, data={**data, **extra})
    else:
        if findings or missing is None:
            print_findings(sort_findings(findings), args.lang)
        if missing is not None:
            print(_zh(args.lang, *missing))
    return findings_exit(findings, undetermined=missing is not None)


def _check(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=args.dry_run) as ledger:
        _recording_at(args, ledger)
        report = june_check(ledger, at=args.at, policy=_load_policy(args), calendar=_calendar(args))
        lang: Lang = args.lang
        if not args.json:
            counts = {s: len(report.with_status(s)) for s in CheckStatus}
            late = counts[CheckStatus.OVERDUE], counts[CheckStatus.COMPLETED_LATE]
            print(
                _zh(
                    lang,
                    f"查账（截至 {report.day}）：{len(report.items)} 项，进度正常 {counts[CheckStatus.ON_TRACK]}，"
                    f"滞后 {counts[CheckStatus.BEHIND]}，未报送 {counts[CheckStatus.NO_REPORT]}"
                    + (f"，逾期未完成 {late[0]}，逾期完成 {late[1]}" if any(late) else ""),
                    f"check as of {report.day}: {len(report.items)} items, {counts[CheckStatus.ON_TRACK]} on "
                    f"track, {counts[CheckStatus.BEHIND]} behind, {counts[CheckStatus.NO_REPORT]} without a report"
                    + (f", {late[0]} overdue, {late[1]} completed late" if any(late) else ""),
                )
            )
            for u in report.units():
                late_u = len(u.overdue), len(u.completed_late)
                print(
                    f"  {u.unit}: "
                    + _zh(
                        lang,
                        f"{u.items} 项，滞后 {len(u.behind)}，未报送 {len(u.no_report)}"
                        + (f"，逾期未完成 {late_u[0]}，逾期完成 {late_u[1]}" if any(late_u) else ""),
                        f"{u.items} items, {len(u.behind)} behind, {len(u.no_report)} without a report"
                        + (f", {late_u[0]} overdue, {late_u[1]} completed late" if any(late_u) else ""),
                    )
                )
        if not args.dry_run:
            kind = ReviewKind.JUNE_CHECK if report.day.month == 6 else ReviewKind.OTHER
            entries = ledger.append(report.drafts(at=_recording_at(args, ledger), kind=kind))
            if not args.json:
                _recorded(args, ledger, entries)
    return _finish(
        args, report.findings(), {"check": report.to_dict()}, empty=not report.items, day=report.day
    )


def _reconcile(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=args.dry_run) as ledger:
        _recording_at(args, ledger)
        result = reconcile(ledger, at=args.at, policy=_load_policy(args), calendar=_calendar(args))
        empty = not ledger.item_ids(at=args.at)
        lang: Lang = args.lang
        if not args.json:
            print(
                _zh(
                    lang,
                    f"对账（截至 {result.day}）：下发督查通知 {len(result.notices)} 份，"
                    f"已有通知 {len(result.already_noticed)} 项，按节点推进 {len(result.on_track)} 项",
                    f"reconciliation as of {result.day}: {len(result.notices)} supervision notices, "
                    f"{len(result.already_noticed)} already noticed, {len(result.on_track)} on track",
                )
            )
            for notice in result.notices:
                print("  " + notice.render(lang))
        if not args.dry_run:
            entries = ledger.issue_notices(result.notices, at=_recording_at(args, ledger))
            if not args.json:
                _recorded(args, ledger, entries)
    return _finish(args, result.findings(), {"reconciliation": result.to_dict()}, empty=empty, day=result.day)


def _settle(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=args.dry_run) as ledger:
        _recording_at(args, ledger)
        result = settle(ledger, at=args.at)
        lang: Lang = args.lang
        if not args.json:
            o = result.overall
            print(
                _zh(
                    lang,
                    f"交账（截至 {result.day}）：{len(o.items)} 项，按期完成 {len(o.completed)}，逾期完成 "
                    f"{len(o.completed_late)}，未完成 {len(o.unfinished)}，未报送 {len(o.not_reported)}；"
                    f"完成率 {'—' if not o.items else f'{o.completion_rate:.1f}%'}",
                    f"settlement as of {result.day}: {len(o.items)} items, {len(o.completed)} on time, "
                    f"{len(o.completed_late)} late, {len(o.unfinished)} unfinished, {len(o.not_reported)} "
                    f"not reported; completion rate {'—' if not o.items else f'{o.completion_rate:.1f}%'}",
                )
            )
            for u in result.units:
                print(
                    f"  {u.unit}: "
                    + _zh(
                        lang,
                        f"完成率 {u.completion_rate:.1f}%，按期 {u.on_time_rate:.1f}%，平均进度 {u.mean_share:.1f}%",
                        f"completion {u.completion_rate:.1f}%, on time {u.on_time_rate:.1f}%, "
                        f"mean share {u.mean_share:.1f}%",
                    )
                )
        if not args.dry_run:
            entries = ledger.append(result.drafts(at=_recording_at(args, ledger)))
            if not args.json:
                _recorded(args, ledger, entries)
    empty = not result.items
    return _finish(args, result.findings(), {"settlement": result.to_dict()}, empty=empty, day=result.day)
