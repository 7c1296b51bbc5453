"""Help texts in both languages, and renamed subcommands kept as deprecated aliases."""

from __future__ import annotations

import argparse
import re

import pytest

from govefficiency._cli_util import _ARGPARSE_ZH, display_width, translate_help, wrap_columns
from govefficiency._help_zh import HELP_ZH
from govefficiency.calendar import _cli as calendar_cli
from govefficiency.cli import build_parser
from govefficiency.testing import run_cli


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """Every parser of the command line, each once: the tree from ``build_parser`` and the
    two parsers the calendar command builds for itself."""
    out: list[tuple[str, argparse.ArgumentParser]] = []
    seen: set[int] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        if id(parser) in seen:
            return
        seen.add(id(parser))
        out.append((parser.prog, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)

    walk(build_parser())
    walk(calendar_cli._show_parser())
    walk(calendar_cli._impact_parser())
    return out


def _texts(parser: argparse.ArgumentParser) -> list[str]:
    """The help, description, epilog and group texts ``--help`` prints for ``parser``."""
    texts = [t for t in (parser.description, parser.epilog) if t]
    texts += [t for g in parser._action_groups for t in (g.title, g.description) if t]
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            texts.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts += [c.help for c in action._choices_actions if c.help]
    return texts


PARSERS = _parsers()
ALL_TEXTS = {text for _, parser in PARSERS for text in _texts(parser)}


def test_the_walk_sees_the_whole_tree() -> None:
    progs = {prog for prog, _ in PARSERS}
    assert {"govefficiency", "govefficiency ledger june-check", "govefficiency calendar impact"} <= progs
    assert len(ALL_TEXTS) > 150


@pytest.mark.parametrize(("prog", "parser"), PARSERS, ids=[p for p, _ in PARSERS])
def test_every_help_text_has_a_chinese_translation(prog: str, parser: argparse.ArgumentParser) -> None:
    missing = [text for text in _texts(parser) if text not in HELP_ZH]
    assert not missing, f"{prog}: add these to govefficiency/_help_zh.py: {missing}"


def test_no_translation_is_left_over() -> None:
    """A key no parser uses any more is an English text that changed: its translation went stale."""
    stale = sorted(set(HELP_ZH) - ALL_TEXTS)
    assert not stale, f"stale entries in govefficiency/_help_zh.py: {stale}"


@pytest.mark.parametrize("english", sorted(HELP_ZH))
def test_a_translation_keeps_the_placeholders_and_is_chinese(english: str) -> None:
    chinese = HELP_ZH[english]
    placeholders = re.compile(r"%\([a-z_]+\)[sdr]|%%")
    assert sorted(placeholders.findall(chinese)) == sorted(placeholders.findall(english))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert chinese != english
    # the option names, values and file names a text mentions survive translation
    for token in re.findall(r"--[a-z][a-z-]+|\.toml|\.json|\.ics|\.jsonl", english):
        assert token in chinese, (token, chinese)


def test_translate_help_follows_the_language() -> None:
    text = "print JSON instead of text"
    assert translate_help(text, "zh") == "输出 JSON 而非文本"
    assert translate_help(text, "en") == text
    assert translate_help("a text nobody translated", "zh") == "a text nobody translated"
    assert translate_help(text) == text  # outside a command run: English


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        ((), "按工作日计算的法定期限", "Working-day deadlines, responsibility"),
        (("ledger",), "6月查账：对照时间进度检查任务进度", "the June check (6月查账): time elapsed"),
        (("ledger", "june-check"), "只输出，不记录查账结果", "print only; do not record review entries"),
        (("decision", "plan"), "以 Mermaid 甘特图", "print the plan as a Mermaid Gantt chart"),
        (("calendar", "impact"), "旧日历止于已公布的数据", "the old calendar stops at the published data"),
        (("deadline",), "计算法定期限", "Compute a legal deadline"),
    ],
)
def test_help_in_each_language_exits_0(argv: tuple[str, ...], zh: str, en: str) -> None:
    chinese = run_cli(*argv, "--help", "--lang", "zh")
    assert chinese.code == 0
    flat = re.sub(r"\s+", "", chinese.out)  # wrapping may break a Chinese line anywhere
    assert re.sub(r"\s+", "", zh) in flat
    assert "选项:" in chinese.out
    assert "显示此帮助并退出" in chinese.out
    assert "print JSON instead of text" not in chinese.out
    english = run_cli("--lang", "en", *argv, "--help")
    assert english.code == 0
    assert en in " ".join(english.out.split())
    assert "options:" in english.out
    assert "输出 JSON" not in english.out
    # usage lines are the same in both languages (scripts match them)
    assert chinese.out.splitlines()[0] == english.out.splitlines()[0]


def test_chinese_help_fits_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("ledger", "verify", "--help", "--lang", "zh")
    assert result.code == 0
    assert max(display_width(line) for line in result.out.splitlines()) <= 80


def test_wrap_columns() -> None:
    text = "同时将截止日期作为全天事件写入 iCalendar 文件（需要 icalendar 包）。"
    lines = wrap_columns(text, 20)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(display_width(line) <= 20 for line in lines[:-1])
    assert not any(line.startswith(("。", "，", "）")) for line in lines)
    assert not any(line.endswith("（") for line in lines)
    assert wrap_columns("plain  English   words", 11) == ["plain", "English", "words"]
    assert wrap_columns("a-very-long-word-indeed", 5) == ["a-very-long-word-indeed"]  # left whole
    assert wrap_columns("", 10) == []


def test_argparse_messages_table_is_consistent() -> None:
    for english, chinese in _ARGPARSE_ZH.items():
        assert sorted(re.findall(r"%\(\w+\)[sr]|%[sr]", english)) == sorted(
            re.findall(r"%\(\w+\)[sr]|%[sr]", chinese)
        )


# --- renamed subcommands ----------------------------------------------------------------

RENAMED = [(("ledger", "check"), ("ledger", "june-check")), (("ledger", "open"), ("ledger", "open-items"))]


@pytest.mark.parametrize(("old", "new"), RENAMED)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_old_name_still_works_with_one_notice(
    old: tuple[str, ...], new: tuple[str, ...], lang: str
) -> None:
    result = run_cli(*old, "--help", "--lang", lang)
    assert result.code == 0
    assert result.out == run_cli(*new, "--help", "--lang", lang).out  # the same command
    (notice,) = result.err.splitlines()
    assert f"`govefficiency {' '.join(old)}`" in notice
    assert f"`govefficiency {' '.join(new)}`" in notice
    assert ("已更名为" in notice) == (lang == "zh")
    assert "error" not in notice


def test_old_names_are_hidden_from_help_and_errors() -> None:
    result = run_cli("ledger", "--help", "--lang", "en")
    listed = re.findall(r"^    (\S+)", result.out, re.M)
    assert "june-check" in listed
    assert "open-items" in listed
    assert "check" not in listed
    assert "open" not in listed
    wrong = run_cli("ledger", "chek", "--lang", "en")
    assert wrong.code == 2
    assert "'june-check'" in wrong.err
    assert "'check'" not in wrong.err


def test_old_name_runs_the_june_check(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    checklist = Path(__file__).resolve().parents[2] / "examples" / "data" / "checklist.toml"
    db = str(tmp_path / "l.sqlite")
    assert run_cli("ledger", "init", db).code == 0
    opened = run_cli("ledger", "open", db, str(checklist), "--lang", "en")
    assert opened.code == 0
    assert "opened 2 items" in opened.out
    new = run_cli("ledger", "june-check", db, "--at", "2026-06-30", "--dry-run", "--json")
    old = run_cli("ledger", "check", db, "--at", "2026-06-30", "--dry-run", "--json")
    assert (old.code, old.out) == (new.code, new.out)
    assert "june-check" in old.err
    assert "june-check" not in new.err


@pytest.mark.parametrize(("prog", "parser"), PARSERS, ids=[p for p, _ in PARSERS])
def test_every_option_and_subcommand_says_what_it_is(prog: str, parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            described = {c.dest for c in action._choices_actions if c.help}
            renamed = getattr(action, "renamed", {})
            assert {n for n in action.choices if n not in renamed} <= described, prog
        elif action.help is not argparse.SUPPRESS:
            assert action.help, f"{prog} {action.option_strings or action.dest}: no help text"


@pytest.mark.parametrize(
    "prog", [*sorted({p for p, _ in PARSERS if p != "govefficiency calendar"}), "govefficiency calendar"]
)
def test_every_help_page_prints_in_chinese(prog: str) -> None:
    result = run_cli(*prog.split()[1:], "--help", "--lang", "zh")
    assert result.code == 0, result.err
    assert result.err == ""
    assert "显示此帮助并退出" in result.out
