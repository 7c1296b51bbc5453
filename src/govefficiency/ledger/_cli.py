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
import contextlib
import datetime as dt
import os
import sys
from typing import Any

from govefficiency._cli_util import (
    EXIT_FINDINGS,
    EXIT_STORE_DAMAGED,
    UsageError,
    add_calendar_options,
    add_json,
    add_lang,
    calendar_from_args,
    instant_arg,
    number_arg,
    print_json,
    rename_subcommand,
    report_findings,
    undetermined_beyond_calendar,
    warn_horizon,
    write_atomic,
)
from govefficiency._time import DEFAULT_ZONE, end_of_day, local_date, parse_iso_date, shorten
from govefficiency.errors import GovEfficiencyError, LedgerIntegrityError, StoreDamagedError
from govefficiency.findings import Finding, has_errors, sort_findings
from govefficiency.ledger._chain import Anchor, KeyedAnchor, parse_anchor, sign_anchor, verify_keyed
from govefficiency.ledger._items import read_checklist
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._monthly import (
    supervision_rates,
)
from govefficiency.ledger._payloads import CheckStatus, ReviewKind
from govefficiency.ledger._postgres import PG_SCHEMA_VERSION
from govefficiency.ledger._reviews import (
    june_check,
)
from govefficiency.ledger._rules import Basis, ReviewPolicy
from govefficiency.ledger._settlement import (
    reconcile,
    settle,
)
from govefficiency.ledger._signatures_cli import (
    add_public_keys,
    add_sign_key,
    check_recorder,
    check_signatures,
    public_keys_of,
    register_keygen,
    signer_of,
    signing,
)
from govefficiency.ledger._store import SCHEMA_VERSION, LedgerStore, copy_store, is_store_url, open_store
from govefficiency.text import Lang


def _when(text: str) -> dt.datetime:
    """``YYYY-MM-DD`` (the end of that day, Asia/Shanghai) or an ISO 8601 instant."""
    if len(text) == 10:
        try:
            return end_of_day(parse_iso_date(text, "date"), DEFAULT_ZONE)
        except GovEfficiencyError as exc:
            raise argparse.ArgumentTypeError(exc.en) from None
    return instant_arg(text)


def _percent(text: str) -> float:
    try:
        value = number_arg(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"not a number of percentage points: {shorten(text)!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("the tolerance is 0 to 100 percentage points")
    return value


_DB_HELP = "a SQLite file or a postgresql://HOST[:PORT]/DATABASE?ledger=ID URL"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "ledger",
        help="checklist ledger (台账) in a SQLite file or PostgreSQL: open items, June check, reconcile, settle, verify",
        description="The annual checklist ledger (清单+台账) kept in a SQLite file or a PostgreSQL "
        "database (postgresql://HOST/DB?ledger=ID; credentials from PGPASSWORD, .pgpass or a "
        "service file, never the command line): open the year's "
        "items (年初建账), June check (6月查账), September reconciliation (9月对账), year-end "
        "settlement (年底交账), reports and hash-chain verification.",
    )
    actions = parser.add_subparsers(dest="ledger_action", metavar="ACTION", required=True)

    _register_cycle(actions)
    _register_store(actions)
    register_keygen(actions)
    _register_progress(actions)

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
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_init)

    p = actions.add_parser("open-items", help="open the items of a checklist file (年初建账)")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("items", help="the checklist file (.toml or .json)")
    p.add_argument(
        "--at",
        type=_when,
        help="when the items are opened (default: the file's opened_at)",
    )
    add_sign_key(p)
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_open)

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


def _register_store(actions: Any) -> None:
    """The chain and the store: verify, anchor, export, import, copy."""
    p = actions.add_parser("verify", help="verify the hash chain (exit 1 when it is broken)")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument(
        "--anchor",
        metavar="SEQ:HASH[:MAC]",
        help="a head recorded earlier (`ledger anchor`), to detect truncation and rewrites; "
        "a keyed one (SEQ:HASH:MAC) also detects forged appends and needs its key",
    )
    _key_options(p)
    p.add_argument(
        "--allow-later",
        action="store_true",
        help="with a keyed anchor: accept entries after its head (reported as not attested)",
    )
    add_public_keys(p)
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_verify)

    p = actions.add_parser(
        "anchor", help="print the head of the chain (SEQ:HASH), signed with a key (SEQ:HASH:MAC)"
    )
    p.add_argument("db", help=_DB_HELP)
    _key_options(p)
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_anchor)

    p = actions.add_parser("export", help="export every entry as JSON Lines")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("out", help="the .jsonl file to write")
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_export)

    p = actions.add_parser("import", help="import a JSON Lines export into an empty database")
    p.add_argument("db", help=_DB_HELP + " (created if missing; must be empty)")
    p.add_argument("source", help="the .jsonl file to read")
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_import)

    p = actions.add_parser(
        "copy", help="copy a ledger between SQLite and PostgreSQL with its hash chain intact"
    )
    p.add_argument("source", help="the ledger to copy: " + _DB_HELP)
    p.add_argument("target", help="an empty or new ledger: " + _DB_HELP)
    add_lang(p)
    add_json(p)
    p.set_defaults(handler=_copy)


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


def _register_progress(actions: Any) -> None:
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
        type=_date,
        metavar="DATE",
        help="the day the progress stands as of (default: the day of --at)",
    )
    p.add_argument("--note", default="", help="what was done (narrative)")
    p.add_argument(
        "--evidence", action="append", default=[], metavar="ID", help="an evidence id (may repeat)"
    )
    add_sign_key(p)
    add_lang(p)
    add_json(p)


def _share(text: str) -> float:
    try:
        value = number_arg(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"not a percentage: {shorten(text)!r}") from None
    if not 0 <= value <= 100 or value != value:
        raise argparse.ArgumentTypeError(f"a share is 0 to 100 percent, not {text}")
    return value


def _seq(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) < 1:
        raise argparse.ArgumentTypeError(f"an entry number is a whole number >= 1, not {text!r}")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return parse_iso_date(text, "date")
    except GovEfficiencyError as exc:
        raise argparse.ArgumentTypeError(exc.en) from None


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


def _key_options(p: argparse.ArgumentParser) -> None:
    keys = p.add_mutually_exclusive_group()
    keys.add_argument(
        "--key-file",
        metavar="FILE",
        help="the secret anchor key: a file of at least 16 bytes (e.g. `openssl rand -hex 32 > "
        "ledger.key`; one trailing newline is ignored)",
    )
    keys.add_argument(
        "--key-env", metavar="NAME", help="the secret anchor key: the environment variable NAME"
    )


def _cut(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def _read_key(args: argparse.Namespace) -> bytes | None:
    """The key named by ``--key-file`` or ``--key-env`` (``None`` when neither is given)."""
    if args.key_file is not None:
        try:
            with open(args.key_file, "rb") as handle:
                data = handle.read(4097)
        except OSError as exc:
            raise UsageError(
                f"--key-file: cannot read {_cut(args.key_file)} ({exc.strerror or exc})",
                f"--key-file：无法读取 {_cut(args.key_file)}（{exc.strerror or exc}）",
            ) from None
        if len(data) > 4096:
            raise UsageError(
                "--key-file: the file is larger than 4 KiB; is it really a key?",
                "--key-file：文件超过 4 KiB，请确认这是密钥文件",
            )
        where = "--key-file"
    elif args.key_env is not None:
        value = os.environ.get(args.key_env)
        if not value:
            raise UsageError(
                f"--key-env: the environment variable {_cut(args.key_env)} is not set or empty",
                f"--key-env：环境变量 {_cut(args.key_env)} 未设置或为空",
            )
        data = os.fsencode(value)
        where = "--key-env"
    else:
        return None
    data = data.removesuffix(b"\n").removesuffix(b"\r")
    if len(data) < 16:
        raise UsageError(
            f"{where}: the key has {len(data)} bytes; use at least 16 random bytes "
            f"(e.g. `openssl rand -hex 32 > ledger.key`)",
            f"{where}：密钥只有 {len(data)} 字节；请使用至少 16 字节的随机密钥（如 `openssl rand -hex 32 > ledger.key`）",
        )
    return data


def _anchor_arg(text: str) -> Anchor | KeyedAnchor:
    try:
        return parse_anchor(text)
    except GovEfficiencyError:
        raise UsageError(
            f"--anchor must be SEQ:HASH or SEQ:HASH:MAC as printed by `govefficiency ledger anchor` "
            f"(HASH and MAC of 64 hex digits), not {_cut(text)!r}",
            f"--anchor 必须是 `govefficiency ledger anchor` 输出的 SEQ:HASH 或 SEQ:HASH:MAC"
            f"（HASH 与 MAC 为 64 位十六进制数），而不是 {_cut(text)!r}",
        ) from None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("db", help=_DB_HELP)
    p.add_argument(
        "--at",
        type=_when,
        required=True,
        help="the review date YYYY-MM-DD (its end, Asia/Shanghai) or an ISO instant",
    )
    add_calendar_options(p)
    add_lang(p)
    add_json(p)


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
    if args.json:
        print_json({"db": args.db, "schema_version": version, "current": current, "entries": count})
        return 0
    print(
        _zh(
            args.lang,
            f"台账数据库 {args.db}：结构版本 {version}（当前 {current}），{count} 条记录",
            f"ledger database {args.db}: schema version {version} (current {current}), {count} entries",
        )
    )
    return 0


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
        check = june_check(ledger, args.at, calendar=cal)
        rates = supervision_rates(ledger, args.at, calendar=cal)
        states = {s.item_id: s for s in ledger.states(args.at)}
        if args.ics is not None:
            _write_time_nodes_ics(args.ics, ledger.items(args.at), args.at, args.lang)
    if args.json:
        items = []
        for i in check.items:
            state = states[i.item_id]
            items.append(
                {
                    **i.to_dict(),
                    "notices": len(state.notices),
                    "open_rectifications": len(state.open_orders),
                    "settled": state.settled,
                }
            )
        print_json({"at": args.at, "items": items, "rates": rates.to_dict()})
        return 0
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
    return 0


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
        parts = [f"{r.kind.label.get(lang)} {r.percent:.1f}% ({r.done}/{r.due})" for r in rates]
        print(f"  {name}: " + "；".join(parts) if lang == "zh" else f"  {name}: " + "; ".join(parts))


def _finish(args: argparse.Namespace, findings: tuple[Finding, ...], data: dict[str, Any]) -> int:
    if args.json:
        ordered = sort_findings(findings)
        print_json({**data, "findings": [f.to_dict() for f in ordered], "errors": has_errors(ordered)})
        return 1 if has_errors(ordered) else 0
    return report_findings(findings, lang=args.lang, as_json=False)


def _check(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=args.dry_run) as ledger:
        report = june_check(ledger, args.at, policy=_load_policy(args), calendar=_calendar(args))
        lang: Lang = args.lang
        if not args.json:
            counts = {s: len(report.with_status(s)) for s in CheckStatus}
            print(
                _zh(
                    lang,
                    f"查账（截至 {report.day}）：{len(report.items)} 项，进度正常 {counts[CheckStatus.ON_TRACK]}，"
                    f"滞后 {counts[CheckStatus.BEHIND]}，未报送 {counts[CheckStatus.NO_REPORT]}",
                    f"check as of {report.day}: {len(report.items)} items, {counts[CheckStatus.ON_TRACK]} on "
                    f"track, {counts[CheckStatus.BEHIND]} behind, {counts[CheckStatus.NO_REPORT]} without a report",
                )
            )
            for u in report.units():
                print(
                    f"  {u.unit}: "
                    + _zh(
                        lang,
                        f"{u.items} 项，滞后 {len(u.behind)}，未报送 {len(u.no_report)}",
                        f"{u.items} items, {len(u.behind)} behind, {len(u.no_report)} without a report",
                    )
                )
        if not args.dry_run:
            kind = ReviewKind.JUNE_CHECK if report.day.month == 6 else ReviewKind.OTHER
            entries = ledger.append(report.drafts(at=args.recorded_at or args.at, kind=kind))
            if not args.json:
                _recorded(args, ledger, entries)
    return _finish(args, report.findings(), {"check": report.to_dict()})


def _reconcile(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=args.dry_run) as ledger:
        result = reconcile(ledger, args.at, policy=_load_policy(args), calendar=_calendar(args))
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
            entries = ledger.issue_notices(result.notices, at=args.recorded_at or args.at)
            if not args.json:
                _recorded(args, ledger, entries)
    return _finish(args, result.findings(), {"reconciliation": result.to_dict()})


def _settle(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=args.dry_run) as ledger:
        result = settle(ledger, args.at)
        lang: Lang = args.lang
        if not args.json:
            o = result.overall
            print(
                _zh(
                    lang,
                    f"交账（截至 {result.day}）：{len(o.items)} 项，按期完成 {len(o.completed)}，逾期完成 "
                    f"{len(o.completed_late)}，未完成 {len(o.unfinished)}，未报送 {len(o.not_reported)}；"
                    f"完成率 {o.completion_rate:.1f}%",
                    f"settlement as of {result.day}: {len(o.items)} items, {len(o.completed)} on time, "
                    f"{len(o.completed_late)} late, {len(o.unfinished)} unfinished, {len(o.not_reported)} "
                    f"not reported; completion rate {o.completion_rate:.1f}%",
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
            entries = ledger.append(result.drafts(at=args.recorded_at or args.at))
            if not args.json:
                _recorded(args, ledger, entries)
    return _finish(args, result.findings(), {"settlement": result.to_dict()})


def _verify(args: argparse.Namespace) -> int:
    anchor = None if args.anchor is None else _anchor_arg(args.anchor)
    key = _read_key(args)
    keyed = isinstance(anchor, KeyedAnchor)
    if keyed and key is None:
        raise UsageError(
            "a keyed anchor SEQ:HASH:MAC is checked with its key: give --key-file FILE or --key-env NAME",
            "密钥锚点 SEQ:HASH:MAC 须连同密钥校验：请给出 --key-file FILE 或 --key-env NAME",
        )
    if key is not None and not keyed:
        raise UsageError(
            "--key-file/--key-env check a keyed anchor: give --anchor SEQ:HASH:MAC "
            "(from `govefficiency ledger anchor DB --key-file FILE`)",
            "--key-file/--key-env 用于校验密钥锚点：请给出 --anchor SEQ:HASH:MAC"
            "（由 `govefficiency ledger anchor DB --key-file FILE` 生成）",
        )
    if args.allow_later and not keyed:
        raise UsageError(
            "--allow-later only applies to a keyed anchor (--anchor SEQ:HASH:MAC with --key-file or --key-env)",
            "--allow-later 仅用于密钥锚点（--anchor SEQ:HASH:MAC 并给出 --key-file 或 --key-env）",
        )
    keys = public_keys_of(args)
    signatures = None
    store: Any = open_store(args.db, create=False, read_only=True)
    try:
        if keyed:
            report = verify_keyed(
                lambda plain: store.verify(anchor=plain, entries=True),
                anchor,
                key,
                allow_later=args.allow_later,
            )
        else:
            report = store.verify(anchor=anchor, entries=True)
        if keys is not None and report.ok:
            signatures = check_signatures(store, keys, args.office)
    finally:
        store.close()
    if args.json:
        problem = report.problem
        print_json(
            {
                "ok": report.ok,
                "checked": report.checked,
                "head_seq": report.head_seq,
                "head_hash": report.head_hash,
                "attested": report.attested,
                "problem": None
                if problem is None
                else {
                    "fault": problem.fault.value,
                    "seq": problem.seq,
                    "found": problem.found,
                    "position": problem.position,
                    "message": {"zh": problem.message.zh, "en": problem.message.en},
                },
                **({} if signatures is None else {"signatures": signatures.to_dict()}),
            }
        )
    else:
        print(report.render(args.lang))
        if signatures is not None:
            print(signatures.render(args.lang))
    return 0 if report.ok and (signatures is None or signatures.ok) else 1


def _anchor(args: argparse.Namespace) -> int:
    key = _read_key(args)
    with _ledger(args.db, read_only=True) as ledger:
        # Loading checked every entry's chain and rules; the store is checked as stored too.
        store: Any = ledger.store
        store.verify(anchor=ledger.anchor, entries=True).raise_if_broken()
        seq, head = ledger.anchor
    text = f"{seq}:{head}" if key is None else str(sign_anchor((seq, head), key))
    if args.json:
        print_json(
            {
                "seq": seq,
                "head_hash": head,
                "mac": None if key is None else text.rsplit(":", 1)[1],
                "anchor": text,
                "keyed": key is not None,
            }
        )
    else:
        print(text)
    return 0


def _export(args: argparse.Namespace) -> int:
    with _ledger(args.db, read_only=True) as ledger:
        count = ledger.to_jsonl(args.out)
    if args.json:
        print_json({"db": args.db, "out": args.out, "entries": count})
        return 0
    print(_zh(args.lang, f"已导出 {count} 条记录到 {args.out}", f"exported {count} entries to {args.out}"))
    return 0


def _import(args: argparse.Namespace) -> int:
    new_file = not is_store_url(args.db) and not os.path.lexists(args.db)
    try:
        with _on(
            open_store(args.db, create=True), lambda store: Ledger.from_jsonl(args.source, store)
        ) as ledger:
            count = len(ledger)
    except GovEfficiencyError:
        if new_file:  # nothing was imported: leave no empty ledger behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    os.unlink(args.db + suffix)
        raise
    if args.json:
        print_json({"db": args.db, "source": args.source, "entries": count})
        return 0
    print(_zh(args.lang, f"已导入 {count} 条记录到 {args.db}", f"imported {count} entries into {args.db}"))
    return 0


def _copy(args: argparse.Namespace) -> int:
    # Loading the source checks its chain and every ledger rule before anything is written.
    with _ledger(args.source, read_only=True) as source:
        target = open_store(args.target, create=True)
        try:
            report = copy_store(source.store, target)
        finally:
            target.close()
    if args.json:
        print_json(
            {
                "source": args.source,
                "target": args.target,
                "entries": report.checked,
                "head_seq": report.head_seq,
                "head_hash": report.head_hash,
            }
        )
        return 0
    print(
        _zh(
            args.lang,
            f"已将 {report.checked} 条记录从 {args.source} 复制到 {args.target}；"
            f"两处链头相同：{report.head_seq}:{report.head_hash}",
            f"copied {report.checked} entries from {args.source} to {args.target}; "
            f"both have the head {report.head_seq}:{report.head_hash}",
        )
    )
    return 0
