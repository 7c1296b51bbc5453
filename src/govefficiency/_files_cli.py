"""``govefficiency validate`` and ``govefficiency schema``: files checked like a linter.

``validate FILE…`` recognises each file's kind (``--kind``, a ``$schema`` key, a
``name.KIND.toml`` suffix, or its top-level keys; for a JSON list, the keys of its
records), loads it with the library's own
loader, runs the kind's checks, and prints one ``file:line:col: CODE message`` line per
problem, the way ``bean-check`` and ``ruff`` do. ``schema KIND`` prints the JSON Schema
(draft 2020-12) of a kind that declares its format.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import attrs

from govefficiency._cli_util import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    finish_command,
    print_json,
)
from govefficiency._kinds import KINDS, FileKind, detect_kind, get_kind
from govefficiency._loading import as_fields, parse_data
from govefficiency._locate import locate
from govefficiency.errors import GovEfficiencyError, LoadError
from govefficiency.findings import Severity
from govefficiency.text import Text, require_lang


def register(sub: Any) -> None:
    names = ", ".join(kind.name for kind in KINDS)
    p: argparse.ArgumentParser = sub.add_parser(
        "validate",
        help="check files (org charts, checklists, procedures, policies…) like a linter",
        description="Load each file with the library's own loader, run its checks and print "
        "'file:line:col: CODE message' per problem. Exit 0: all valid; 1: problems found; "
        f"2: a file could not be read or the usage is wrong. Kinds: {names}.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="TOML or JSON files, or ledger exports (.jsonl)")
    p.add_argument("--kind", help="the kind of every file (default: recognised per file)")
    finish_command(p, _validate)

    s: argparse.ArgumentParser = sub.add_parser(
        "schema",
        help="print the JSON Schema of a file kind",
        description="Print the JSON Schema (draft 2020-12) of a file kind, for editors: "
        "point to it with \"$schema\" in JSON or a '#:schema' comment in TOML (Taplo).",
    )
    s.add_argument("kind", metavar="KIND", help=f"one of: {names}")
    finish_command(s, _schema)


@attrs.frozen
class Problem:
    """One line of ``validate``'s report."""

    file: str
    line: int
    col: int
    code: str
    severity: str
    #: the message in Chinese and in English
    text: Text

    def render(self, lang: str) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.code} {self.text.get(require_lang(lang))}"

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The JSON of the problem: ``message`` in ``lang`` (kept for scripts written
        before both languages were given) and ``messages`` in zh and en."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.text.get(require_lang(lang)),
            "messages": {"zh": self.text.zh, "en": self.text.en},
        }


def _validate(args: argparse.Namespace) -> int:
    forced = get_kind(args.kind) if args.kind else None
    problems: list[Problem] = []
    unreadable = False
    for name in args.files:
        found, bad = _one(Path(name), forced)
        problems.extend(found)
        unreadable = unreadable or bad
    if args.json:
        print_json({"problems": [p.to_dict(args.lang) for p in problems], "files": len(args.files)})
    else:
        for problem in problems:
            print(problem.render(args.lang))
        if not problems:
            print(
                f"{len(args.files)} 个文件全部有效"
                if args.lang == "zh"
                else f"{len(args.files)} file(s) valid"
            )
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if any(p.severity == Severity.ERROR.value for p in problems) else EXIT_OK


def _both(error: GovEfficiencyError) -> Text:
    """An error's message in both languages (English where it gives no Chinese)."""
    return Text(error.zh or error.en, error.en)


def _one(path: Path, forced: FileKind | None) -> tuple[list[Problem], bool]:
    name = str(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt == "jsonl" and (forced is None or forced.name == "ledger-entry"):
        return _jsonl(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = Text(f"无法读取文件（{reason}）", f"cannot read the file ({reason})")
        return [Problem(name, 1, 1, "UNREADABLE", "error", message)], True
    if fmt not in ("toml", "json"):
        message = Text(  # e.g. an assessment metrics table (.csv): read by `assess`, not a file kind
            f"“.{fmt}”文件不是 validate 检查的文件类型：只检查 .toml、.json 和 .jsonl 文件"
            "（考核指标表 .csv 由 govefficiency assess 读取时检查）",
            f"a '.{fmt}' file is not a file kind validate checks: it checks .toml, .json and .jsonl"
            " files (a metrics table in .csv is checked when govefficiency assess reads it)",
        )
        return [Problem(name, 1, 1, "UNKNOWN_FORMAT", "error", message)], True
    try:
        data = parse_data(text, fmt=fmt, origin=name, error=LoadError)
        if not isinstance(data, list):  # a list document (a history) is the one other shape
            as_fields(data, origin=name, error=LoadError)
        kind = forced or detect_kind(data, path)
    except LoadError as exc:
        return [_problem(name, text, fmt, "SYNTAX_ERROR", exc)], False
    if kind is None:
        kinds = ", ".join(k.name for k in KINDS)
        message = Text(
            f'无法识别文件类型：请用 --kind 指定，或加上 "$schema"，或将文件命名为 name.KIND.json/.toml（{kinds}）',
            f'cannot tell the kind of file: give --kind, a "$schema" key or a name.KIND.json/.toml suffix ({kinds})',
        )
        return [Problem(name, 1, 1, "UNKNOWN_KIND", "error", message)], False
    try:
        value = kind.load(path)
    except LoadError as exc:
        return [_problem(name, text, fmt, "INVALID_FILE", exc)], False
    except GovEfficiencyError as exc:
        return [Problem(name, 1, 1, "INVALID_FILE", "error", _both(exc))], False
    problems = []
    for finding in kind.check(value):
        message = finding.message
        if finding.citation is not None:
            message = Text(
                f"{message.zh} [{finding.citation.render('zh')}]",
                f"{message.en} [{finding.citation.render('en')}]",
            )
        line, col = _line_of_ids(text, finding.subject)
        problems.append(Problem(name, line, col, finding.code, finding.severity.value, message))
    return problems, False


def _jsonl(path: Path) -> tuple[list[Problem], bool]:
    """A ledger's JSON Lines export: every line an entry (the first bad line is
    reported), and the entries one intact hash chain."""
    from govefficiency.errors import LedgerFileError
    from govefficiency.ledger import verify_entries
    from govefficiency.ledger._jsonl import iter_jsonl

    name = str(path)
    lines: list[int] = []
    entries = []
    try:
        for number, entry in iter_jsonl(path):
            lines.append(number)
            entries.append(entry)
    except LedgerFileError as exc:
        location = exc.location or ""
        both = _both(exc)
        if not location.startswith("line "):
            message = Text(
                both.zh.removeprefix(f"{name}: ").removeprefix(f"{name}："),
                both.en.removeprefix(f"{name}: ").removeprefix(f"{name}："),
            )
            return [Problem(name, 1, 1, "UNREADABLE", "error", message)], True
        line = int(location.removeprefix("line "))
        prefixes = (f"{name}: {location}: ", f"{name}：第 {line} 行：")
        zh, en = both.zh, both.en
        for prefix in prefixes:
            zh, en = zh.removeprefix(prefix), en.removeprefix(prefix)
        return [Problem(name, line, 1, "INVALID_ENTRY", "error", Text(zh, en))], False
    report = verify_entries(entries)
    if report.problem is None:
        return [], False
    problem = report.problem
    line = lines[min(problem.position, len(lines) - 1)] if lines else 1
    code = f"CHAIN_{problem.fault.value.upper()}"
    return [Problem(name, line, 1, code, "error", problem.message)], False


def _line_of_ids(text: str, ids: tuple[str, ...]) -> tuple[int, int]:
    """Where the first of ``ids`` is written as a quoted string (1:1 when nowhere)."""
    for ident in ids:
        for quoted in (f'"{ident}"', f"'{ident}'"):
            index = text.find(quoted)
            if index >= 0:
                line = text.count("\n", 0, index) + 1
                return line, index - (text.rfind("\n", 0, index) + 1) + 1
    return 1, 1


def _problem(name: str, text: str, fmt: str, code: str, exc: LoadError) -> Problem:
    line, col = locate(text, fmt, exc.location, exc.en)
    both = _both(exc)

    def strip(message: str, prefix: str, sep: str) -> str:
        for candidate in (prefix, f"{name}: ", f"{name}："):
            if message.startswith(candidate):
                message = message[len(candidate) :]
                break
        return f"{exc.location}{sep}{message}" if exc.location else message

    return Problem(
        name,
        line,
        col,
        code,
        "error",
        Text(
            strip(both.zh, f"{name}：{exc.location}：", ": "),
            strip(both.en, f"{name}: {exc.location}: ", ": "),
        ),
    )


def _schema(args: argparse.Namespace) -> int:
    kind = get_kind(args.kind)
    schema = kind.json_schema()
    if schema is None:
        raise UsageError(
            f"the {kind.name} format has no JSON Schema yet (it is not declared with the one "
            "format declaration); `govefficiency validate` still checks such files",
            f"{kind.name} 格式尚无 JSON Schema（尚未采用统一的格式声明）；"
            "仍可用 `govefficiency validate` 检查此类文件",
        )
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK
