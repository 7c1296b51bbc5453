"""One consistent command line: every leaf command takes --json and --lang, and a usage
error exits 2 with one line in either language."""

from __future__ import annotations

import argparse

import pytest

from govefficiency.cli import build_parser
from govefficiency.testing import run_cli


def _leaves() -> list[tuple[list[str], argparse.ArgumentParser]]:
    out: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            out.append((prefix, parser))
            return
        for name, child in subs[0].choices.items():
            if name in subs[0]._name_parser_map and child is subs[0]._name_parser_map[name]:
                walk(child, [*prefix, name])

    walk(build_parser(), [])
    return out


LEAVES = _leaves()
IDS = [" ".join(p) for p, _ in LEAVES]

#: Commands still without --json; each must gain it and leave this list.
_NO_JSON_YET: set[str] = set()


@pytest.mark.parametrize(("prefix", "parser"), LEAVES, ids=IDS)
def test_every_leaf_takes_json_and_lang(prefix, parser):
    options = {o for a in parser._actions for o in a.option_strings}
    assert "--lang" in options
    if " ".join(prefix) not in _NO_JSON_YET:
        assert "--json" in options


@pytest.mark.parametrize(("prefix", "parser"), LEAVES, ids=IDS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_usage_error_exits_2_with_one_line(prefix, parser, lang):
    result = run_cli(*prefix, "--no-such-option", "--lang", lang)
    assert result.code == 2
    assert result.out == ""
    errors = [line for line in result.err.splitlines() if "error:" in line]
    assert len(errors) == 1
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in errors[0])
    assert chinese == (lang == "zh"), errors[0]
