"""docs/cli.md names every leaf command and every exit status."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from govefficiency import _cli_util
from govefficiency.cli import build_parser

PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _leaves() -> set[str]:
    out: set[str] = set()

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            out.add(" ".join(prefix))
            return
        renamed = getattr(subs[0], "renamed", {})  # old names kept for a release: not documented
        for name, child in subs[0].choices.items():
            if name not in renamed:
                walk(child, [*prefix, name])

    walk(build_parser(), [])
    return out


def test_every_leaf_command_has_a_section() -> None:
    headings = set(re.findall(r"^### `govefficiency ([^`]+)`", PAGE.read_text(encoding="utf-8"), re.M))
    # `calendar impact` is parsed by the calendar command itself, so the walk cannot see it
    assert headings == _leaves() | {"calendar impact"}


def test_every_exit_status_is_in_the_table() -> None:
    text = PAGE.read_text(encoding="utf-8")
    shown = {int(n) for n in re.findall(r"^\| (\d+) \|", text, re.M)}
    constants = {v for k, v in vars(_cli_util).items() if k.startswith("EXIT_") and isinstance(v, int)}
    assert shown == constants
