"""The command line of Ed25519 signatures: ``ledger keygen``, ``--sign-key FILE`` on the
recording commands and ``--public-keys FILE`` on ``ledger verify`` (hooked into
``ledger/_cli.py`` by a few lines)."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from typing import Any

from govefficiency._cli_util import UsageError, finish_command, print_json
from govefficiency.ledger._signature_report import SignatureReport, verify_signatures
from govefficiency.ledger._signatures import Signer, load_public_keys, signed_by


def register_keygen(actions: Any) -> None:
    p = actions.add_parser(
        "keygen",
        help="make a recording unit's Ed25519 signing key (needs the [sign] extra)",
        description="Write a new signing key for UNIT to FILE (readable by its owner only; never "
        "overwritten) and print its public key as a line of a public-key file.",
    )
    p.add_argument("unit", help="the id of the unit that will sign what it records")
    p.add_argument("--out", required=True, metavar="FILE", help="the new key file")
    finish_command(p, _keygen)


def _keygen(args: argparse.Namespace) -> int:
    signer = Signer.generate(args.unit)
    signer.dump(args.out)
    if args.json:
        print_json({"unit": signer.unit, "public_key": signer.public_key_hex, "key_file": args.out})
    else:
        # a quoted key: a unit id such as 市教育局 is not a bare TOML key
        print(f'{json.dumps(signer.unit, ensure_ascii=False)} = "{signer.public_key_hex}"')
    return 0


def add_sign_key(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--sign-key",
        metavar="FILE",
        help="sign the new entries with this unit's key (from `ledger keygen`)",
    )


def signer_of(args: argparse.Namespace) -> Signer | None:
    """The signer named by ``--sign-key`` (read before the ledger is opened)."""
    path = getattr(args, "sign_key", None)
    return None if path is None else Signer.load(path)


@contextlib.contextmanager
def signing(ledger: Any, signer: Signer | None) -> Iterator[None]:
    if signer is None:
        yield
        return
    with signed_by(ledger, signer):
        yield


def check_recorder(ledger: Any, signer: Signer | None, item_id: str) -> None:
    """A unit signs only what it records: its own item's progress (refused before anything
    is written, rather than recorded and named by ``verify`` later)."""
    if signer is None:
        return
    lead = ledger.item(item_id).lead_unit
    if lead != signer.unit:
        raise UsageError(
            f"--sign-key is the key of {signer.unit}, but {item_id} is led by {lead}: a unit signs "
            f"only the progress of its own items; nothing was recorded",
            f"--sign-key 是 {signer.unit} 的密钥，但 {item_id} 的牵头单位是 {lead}：单位只签署本单位事项的进度；"
            f"未记录任何内容",
        )


def add_public_keys(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--public-keys",
        metavar="FILE",
        help="also check each entry's Ed25519 signature: a TOML/JSON table unit = public key",
    )
    p.add_argument(
        "--office",
        metavar="ID",
        help="with --public-keys: the supervising office, which records (and signs) the "
        "entries that are not a unit's own progress or rectification",
    )


def public_keys_of(args: argparse.Namespace) -> dict[str, bytes] | None:
    path = getattr(args, "public_keys", None)
    return None if path is None else load_public_keys(path)


def check_signatures(store: Any, keys: dict[str, bytes], office: str | None) -> SignatureReport:
    """The signatures of the ledger in ``store`` (whose chain is intact)."""
    from govefficiency.ledger._ledger import Ledger

    return verify_signatures(Ledger(store), keys, office=office)
