"""``govefficiency ledger verify|anchor|export|import|copy``: the hash chain and the store."""

from __future__ import annotations

import argparse
import contextlib
import os
from typing import Any

from govefficiency._cli_util import (
    UsageError,
    finish_command,
    print_findings,
    print_json,
    print_result,
)
from govefficiency.errors import GovEfficiencyError
from govefficiency.findings import Finding, has_errors
from govefficiency.ledger._chain import Anchor, KeyedAnchor, parse_anchor, sign_anchor, verify_keyed
from govefficiency.ledger._cli import (
    _DB_HELP,
    _ledger,
    _on,
)
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._order import time_order_findings, time_order_findings_of_rows
from govefficiency.ledger._signatures_cli import (
    add_public_keys,
    check_signatures,
    public_keys_of,
)
from govefficiency.ledger._store import copy_store, is_store_url, open_store


def register_store(actions: Any) -> None:
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
    finish_command(p, _verify)

    p = actions.add_parser(
        "anchor", help="print the head of the chain (SEQ:HASH), signed with a key (SEQ:HASH:MAC)"
    )
    p.add_argument("db", help=_DB_HELP)
    _key_options(p)
    finish_command(p, _anchor)

    p = actions.add_parser("export", help="export every entry as JSON Lines")
    p.add_argument("db", help=_DB_HELP)
    p.add_argument("out", help="the .jsonl file to write")
    finish_command(p, _export)

    p = actions.add_parser("import", help="import a JSON Lines export into an empty database")
    p.add_argument("db", help=_DB_HELP + " (created if missing; must be empty)")
    p.add_argument("source", help="the .jsonl file to read")
    finish_command(p, _import)

    p = actions.add_parser(
        "copy", help="copy a ledger between SQLite and PostgreSQL with its hash chain intact"
    )
    p.add_argument("source", help="the ledger to copy: " + _DB_HELP)
    p.add_argument("target", help="an empty or new ledger: " + _DB_HELP)
    finish_command(p, _copy)


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
        # An intact chain may still hold entries written before the rules of time (an old
        # file): they are reported, the file stays readable.
        timing: tuple[Finding, ...] = ()
        if report.ok:
            rows = getattr(store, "rows", None)  # a SQL store: its rows, not decoded entries
            timing = (
                time_order_findings_of_rows(rows()) if callable(rows) else time_order_findings(store.read(0))
            )
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
                "findings": [f.to_dict() for f in timing],
            }
        )
    else:
        print(report.render(args.lang))
        if signatures is not None:
            print(signatures.render(args.lang))
        if timing:
            print_findings(timing, args.lang)
    return 0 if report.ok and (signatures is None or signatures.ok) and not has_errors(timing) else 1


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
    return print_result(
        args,
        {"db": args.db, "out": args.out, "entries": count},
        f"已导出 {count} 条记录到 {args.out}",
        f"exported {count} entries to {args.out}",
    )


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
    return print_result(
        args,
        {"db": args.db, "source": args.source, "entries": count},
        f"已导入 {count} 条记录到 {args.db}",
        f"imported {count} entries into {args.db}",
    )


def _copy(args: argparse.Namespace) -> int:
    # Loading the source checks its chain and every ledger rule before anything is written.
    with _ledger(args.source, read_only=True) as source:
        target = open_store(args.target, create=True)
        try:
            report = copy_store(source.store, target)
        finally:
            target.close()
    return print_result(
        args,
        {
            "source": args.source,
            "target": args.target,
            "entries": report.checked,
            "head_seq": report.head_seq,
            "head_hash": report.head_hash,
        },
        f"已将 {report.checked} 条记录从 {args.source} 复制到 {args.target}；"
        f"两处链头相同：{report.head_seq}:{report.head_hash}",
        f"copied {report.checked} entries from {args.source} to {args.target}; "
        f"both have the head {report.head_seq}:{report.head_hash}",
    )
