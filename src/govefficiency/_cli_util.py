"""Private helpers shared by the command-line subcommands (one idea each, used by all).

Conventions every subcommand follows:

* arguments are parsed by argparse; a bad argument prints one line and exits 2;
* a library error (:class:`GovEfficiencyError`) prints ``govefficiency: error: …`` in the
  chosen language and exits 2 — never a traceback;
* ``--json`` prints one JSON document (UTF-8, not ASCII-escaped) to stdout;
* checkers exit 1 when they report any error finding.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from govefficiency._time import parse_iso_date, parse_iso_instant, shorten
from govefficiency.errors import GovEfficiencyError
from govefficiency.text import Lang

if TYPE_CHECKING:
    from govefficiency.findings import Finding

#: Exit statuses, one meaning each, shared by every subcommand (documented in docs/cli.md).
EXIT_OK = 0
#: Error findings were reported, or a ledger's integrity is broken.
EXIT_FINDINGS = 1
#: Bad input or usage: a wrong argument, an unreadable or invalid file.
EXIT_USAGE = 2
#: The data cannot decide the answer (e.g. a working day in a year whose holiday
#: arrangement is not published yet): what was decided is printed, the rest is undetermined.
EXIT_UNDETERMINED = 3
#: A store (e.g. a SQLite ledger file) is damaged or is not a ledger.
EXIT_STORE_DAMAGED = 4
#: Actions were produced, but some roles could not be resolved to a recipient.
EXIT_UNRESOLVED = 5
#: The output could not be written (e.g. the disk is full); like ``EX_IOERR``.
EXIT_IO = 74
#: A bug in govefficiency: an unexpected exception reached the top-level guard.
EXIT_INTERNAL = 70


def exit_status_of(error: GovEfficiencyError) -> int:
    """The exit status for a library error that ends a command."""
    from govefficiency.errors import CalendarCoverageError, LedgerIntegrityError

    if isinstance(error, CalendarCoverageError):
        return EXIT_UNDETERMINED
    if isinstance(error, LedgerIntegrityError):
        return EXIT_FINDINGS
    return EXIT_USAGE


#: argparse's own messages in Chinese (argparse looks them up through gettext ``_``). The
#: ``usage:`` and ``prog: error:`` prefixes stay as they are in both languages, so that
#: scripts can match them.
_ARGPARSE_ZH = {
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可匹配 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "忽略了显式参数 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
}


#: The language of the command line being parsed (set by :func:`translated_usage_errors`):
#: help texts and deprecation notices follow it. English outside a command run.
_cli_lang: list[str] = ["en"]


@contextlib.contextmanager
def translated_usage_errors(lang: str) -> Iterator[None]:
    """While parsing, argparse's own usage errors and help headings, and the help texts of
    every command (through :class:`CliParser`), are in ``lang``.

    argparse looks its messages up through ``gettext``; for zh they are replaced by the
    table above (English stays as it is), and the original lookup is restored after."""
    _cli_lang.append(lang)
    try:
        if lang != "zh":
            yield
            return
        original = argparse._  # type: ignore[attr-defined]
        argparse._ = lambda message: _ARGPARSE_ZH.get(message, original(message))  # type: ignore[attr-defined]
        try:
            yield
        finally:
            argparse._ = original  # type: ignore[attr-defined]
    finally:
        _cli_lang.pop()


def translate_help(text: str, lang: str | None = None) -> str:
    """A help, description or epilog text of a command in ``lang`` (default: the language
    of the command line being parsed). The texts are written in English in each
    ``_cli.py``; their Chinese is in :mod:`govefficiency._help_zh` (a text missing there
    stays English — a test keeps the table complete)."""
    if (lang or _cli_lang[-1]) != "zh":
        return text
    from govefficiency._help_zh import HELP_ZH

    return HELP_ZH.get(text, text)


#: Characters that take two columns (CJK, fullwidth forms), each a place a line may break.
_WIDE = re.compile(r"[\u2e80-\u303f\u3040-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
#: Punctuation that must not begin a line (it stays with the character before) and
#: opening brackets that must not end one (they go with the character after).
_NO_LINE_START = frozenset("，。、；：？！）》」』】,.;:?!)")
_NO_LINE_END = frozenset("（《「『【“")


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` (its white space collapsed) in lines of at most ``width`` display columns,
    breaking at spaces and between CJK characters, never before closing punctuation (a
    word longer than the line is left whole)."""
    tokens = re.findall(r"\s+|" + _WIDE.pattern + r"|[^\s" + _WIDE.pattern[1:-1] + r"]+", text.strip())
    lines: list[str] = []
    line = ""
    space = False
    for token in tokens:
        if token.isspace():
            space = bool(line)
            continue
        piece = (" " if space else "") + token
        space = False
        if line and token[0] not in _NO_LINE_START and display_width(line + piece) > width:
            carried = ""
            while line and line[-1] in _NO_LINE_END:
                line, carried = line[:-1], line[-1] + carried
            if line:
                lines.append(line.rstrip())
            line = carried + token
        else:
            line += piece
    if line:
        lines.append(line)
    return lines


class CliHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with the help texts in the command line's language, and lines
    wrapped by display width (a CJK character takes two columns)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        return translate_help(text) if text else text

    def add_text(self, text: str | None) -> None:
        if text and text is not argparse.SUPPRESS:
            text = translate_help(text)
        super().add_text(text)

    def start_section(self, heading: str | None) -> None:
        super().start_section(translate_help(heading) if heading else heading)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_columns(text, width - len(indent)))


class CliSubcommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """argparse's subcommands with renamed ones: an old name still works for a release,
    hidden from the help, with a one-line notice on stderr naming the new one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: old name -> new name
        self.renamed: dict[str, str] = {}

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        """argparse's ``add_parser``; a subcommand given a ``help`` but no ``description``
        shows its help text at the top of its own ``--help`` too."""
        text = kwargs.get("help")
        if "description" not in kwargs and isinstance(text, str) and "%" not in text:
            kwargs["description"] = text
        return super().add_parser(name, **kwargs)

    def rename(self, new: str, old: str) -> None:
        """Let ``old`` still run the subcommand ``new`` (deprecated; removed in a later release)."""
        self._name_parser_map[old] = self._name_parser_map[new]
        self.renamed[old] = new

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        name = values[0]
        new = self.renamed.get(name)
        if new is not None:
            deprecation_notice(f"{self._prog_prefix} {name}", f"{self._prog_prefix} {new}")
            values = [new, *values[1:]]
        super().__call__(parser, namespace, values, option_string)


def rename_subcommand(actions: Any, new: str, *, old: str) -> None:
    """Let ``old`` still run the subcommand ``new`` of ``actions`` (what
    ``add_subparsers`` returned) for one release: hidden from the help, with a notice."""
    if isinstance(actions, CliSubcommands):
        actions.rename(new, old)
    else:  # a parser not built by CliParser: a plain alias
        actions._name_parser_map[old] = actions._name_parser_map[new]


def deprecation_notice(old: str, new: str, lang: str | None = None) -> None:
    """One stderr line: the command ``old`` is deprecated, use ``new``."""
    if (lang or _cli_lang[-1]) == "zh":
        message = f"govefficiency: 警告: `{old}` 已更名为 `{new}`，旧名称将在下一版本删除"
    else:
        message = f"govefficiency: warning: `{old}` is renamed `{new}`; the old name goes in the next release"
    print(message, file=sys.stderr)


class CliParser(argparse.ArgumentParser):
    """The parser of every command and subcommand: help texts in the chosen language
    (:class:`CliHelpFormatter`), subcommands that may be renamed (:class:`CliSubcommands`);
    the old names of renamed subcommands are not offered in the help or in errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", CliHelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", CliSubcommands)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if isinstance(action, CliSubcommands) and action.renamed and value not in action.choices:
            offered = [name for name in action._name_parser_map if name not in action.renamed]
            message = argparse._("invalid choice: %(value)r (choose from %(choices)s)")  # type: ignore[attr-defined]
            raise argparse.ArgumentError(
                action, message % {"value": value, "choices": ", ".join(map(repr, offered))}
            )
        super()._check_value(action, value)


#: A subcommand handler: parsed arguments -> exit code.
Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command-line argument that is wrong in a way argparse cannot see.

    Args:
        en: the message in English.
        zh: the same in Chinese; shown with ``--lang zh`` (English when omitted).
    """

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else self.en


def parse_message(en: str, zh: str | None = None) -> str:
    """A message of a command-line parse error in the language of the command line being
    parsed (English outside a command run, or when there is no Chinese)."""
    return zh if zh and _cli_lang[-1] == "zh" else en


def arg_error(en: str, zh: str | None = None) -> argparse.ArgumentTypeError:
    """An argparse ``type=`` error in the language of the command line being parsed
    (argparse prefixes it with "argument --x:", translated for zh)."""
    return argparse.ArgumentTypeError(parse_message(en, zh))


def date_arg(text: str) -> dt.date:
    """argparse ``type=`` for ``YYYY-MM-DD``."""
    try:
        return parse_iso_date(text, "date")
    except GovEfficiencyError as exc:
        raise arg_error(exc.en, exc.zh) from None


_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,18}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})")


def int_arg(text: str) -> int:
    """argparse ``type=`` for a whole number in ASCII digits: ``int()`` alone would take
    ``１０`` (full-width) or ``1_0`` and echo a 100 KB argument back whole."""
    if not _WHOLE.fullmatch(text):
        raise arg_error(f"not a whole number: {shorten(text)!r}", f"不是整数：{shorten(text)!r}")
    return int(text)


def number_arg(text: str) -> float:
    """argparse ``type=`` for a decimal number in ASCII digits (no ``nan``, ``inf``,
    ``1e308`` or full-width digits)."""
    if not _DECIMAL.fullmatch(text):
        raise arg_error(f"not a number: {shorten(text)!r}", f"不是数字：{shorten(text)!r}")
    return float(text)


def instant_arg(text: str) -> dt.datetime:
    """argparse ``type=`` for an ISO 8601 instant (no offset means Asia/Shanghai)."""
    try:
        return parse_iso_instant(text, "date-time")
    except GovEfficiencyError as exc:
        raise arg_error(exc.en, exc.zh) from None


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang zh|en``. The top level takes it anywhere on the line (and defaults it from
    ``GOVEFFICIENCY_LANG``, then ``LANG``); this entry documents it in each command's help."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of the output, accepted anywhere on the line "
        "(default: $GOVEFFICIENCY_LANG, then zh if $LANG is zh_*, else en)",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def add_command_group(sub: Any, name: str, *, help: str, description: str, dest: str | None = None) -> Any:
    """A top-level command whose work is done by actions (``govefficiency NAME ACTION``):
    its parser is added to ``sub`` and the actions' subparsers returned (``dest`` defaults
    to ``NAME_action``)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    return parser.add_subparsers(dest=dest or f"{name}_action", metavar="ACTION", required=True)


def add_common_options(parser: argparse.ArgumentParser, *, calendar: bool = False) -> None:
    """The options every leaf command ends with: ``--patch``/``--provisional`` when it counts
    working days (``calendar``, see :func:`add_calendar_options`), then ``--lang`` and ``--json``."""
    if calendar:
        add_calendar_options(parser)
    add_lang(parser)
    add_json(parser)


def add_action(
    actions: Any, name: str, *, help: str, description: str | None = None, inputs: Mapping[str, str] = {}
) -> argparse.ArgumentParser:
    """A leaf subcommand ``name`` of a command group (what :func:`add_command_group` returned),
    with its positional input files declared: ``inputs`` maps each argument's name to its help
    text, in order. Without a ``description`` its help is shown at the top of its ``--help``."""
    texts = {"help": help} if description is None else {"help": help, "description": description}
    parser: argparse.ArgumentParser = actions.add_parser(name, **texts)
    for argument, text in inputs.items():
        parser.add_argument(argument, help=text)
    return parser


def add_at(
    parser: argparse.ArgumentParser, help: str, *, required: bool = True, metavar: str | None = None
) -> None:
    """``--at INSTANT``: the instant of the answer, an ISO 8601 date-time (no offset means
    Asia/Shanghai)."""
    parser.add_argument("--at", required=required, type=instant_arg, metavar=metavar, help=help)


def finish_command(parser: argparse.ArgumentParser, handler: Handler, *, calendar: bool = False) -> None:
    """:func:`add_common_options`, and the handler that runs the command."""
    add_common_options(parser, calendar=calendar)
    parser.set_defaults(handler=handler)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def print_result(args: argparse.Namespace, data: Mapping[str, Any], zh: str, en: str) -> int:
    """The outcome of a command that did its work: ``data`` as JSON with ``--json``, else one
    line in the chosen language (``zh``/``en``); exit status 0."""
    if args.json:
        print_json(data)
    else:
        print(zh if args.lang == "zh" else en)
    return EXIT_OK


def print_answer(args: argparse.Namespace, answer: Any) -> None:
    """An answer (a value with ``to_dict()`` and ``render(lang)``): as JSON with ``--json``,
    else rendered in the chosen language."""
    if args.json:
        print_json(answer.to_dict())
    else:
        print(answer.render(args.lang))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def report_findings(
    findings: Iterable[Finding], *, lang: Lang, as_json: bool, data: Mapping[str, Any] | None = None
) -> int:
    """Print findings (text or JSON, after the other members ``data`` of the JSON document)
    and return 1 if any is an error, else 0."""
    from govefficiency.findings import has_errors, sort_findings

    ordered = sort_findings(findings)
    if as_json:
        print_json(
            {**(data or {}), "findings": [f.to_dict() for f in ordered], "errors": has_errors(ordered)}
        )
    else:
        print_findings(ordered, lang)
    return 1 if has_errors(ordered) else 0


def print_findings(findings: Iterable[Finding], lang: str) -> None:
    """Each finding on its own line(s) in ``lang``, or one line saying there is none."""
    listed = list(findings)
    if not listed:
        print("未发现问题" if lang == "zh" else "no findings")
    for finding in listed:
        print(finding.render("zh" if lang == "zh" else "en"))


def findings_exit(findings: Iterable[Finding], *, undetermined: bool) -> int:
    """The exit status of a checker: :data:`EXIT_FINDINGS` when an error finding is reported,
    else :data:`EXIT_UNDETERMINED` when part of the answer is undetermined, else :data:`EXIT_OK`."""
    from govefficiency.findings import has_errors

    if has_errors(findings):
        return EXIT_FINDINGS
    return EXIT_UNDETERMINED if undetermined else EXIT_OK


# --- the working-day calendar of a command ------------------------------------------------


#: How close to the end of the published holiday data ``--at`` may come before every
#: command warns that next year's arrangement is not loaded.
def add_calendar_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--patch FILE`` (repeatable) and ``--provisional`` to a command that counts
    working days; build the calendar with :func:`calendar_from_args`."""
    parser.add_argument(
        "--patch",
        action="append",
        default=[],
        metavar="FILE",
        help="a calendar patch file (.toml/.json), e.g. next year's State Council holiday notice; may repeat",
    )
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="answer beyond the published holiday arrangement from the statutory rules (flagged provisional)",
    )


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and fullwidth characters
    (汉字, fullwidth punctuation) take two, combining marks none, the rest one."""
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (``<`` left, ``>`` right,
    ``^`` centred), the way ``format(text, f"<{width}")`` pads, but counting a CJK character
    as two columns. Text already wider is returned unchanged."""
    gap = max(0, width - display_width(text))
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`govefficiency._write.write_atomic`)."""
    from govefficiency._write import write_atomic as write

    write(path, data)


def with_line(error: GovEfficiencyError, path: str) -> GovEfficiencyError:
    """``error`` (a :class:`~govefficiency.errors.LoadError` of the file ``path``, located
    by key path) with the file's line added after its name (``survey.toml:21: responses[2].
    answer: …``), as ``govefficiency validate`` reports it; ``error`` itself when it has no
    location or the file cannot be read again."""
    from pathlib import Path

    from govefficiency._locate import locate
    from govefficiency.errors import LoadError

    if not isinstance(error, LoadError) or not error.location or error.origin != path:
        return error
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return error
    line, _ = locate(text, "json" if path.lower().endswith(".json") else "toml", error.location)
    head_en, head_zh = f"{path}: ", f"{path}："
    en = error.en.replace(head_en, f"{path}:{line}: ", 1) if error.en.startswith(head_en) else error.en
    zh = error.zh
    if zh is not None and zh.startswith(head_zh):
        zh = zh.replace(head_zh, f"{path}:{line}：", 1)
    return type(error)(en, zh, origin=error.origin, location=error.location)


def load_kind(kind: str, path: str, load: Callable[[str], Any]) -> Any:
    """``load(path)``, the loader of the file kind ``kind`` (a name of
    :data:`govefficiency._kinds.KINDS`). When the file is refused and it is a valid file of
    another known kind (recognised as ``govefficiency validate`` recognises kinds, and
    loaded as such), the error says which kind it looks like and which was expected (e.g.
    an org chart given where the applications go), instead of the first key the expected
    format misses."""
    from pathlib import Path

    from govefficiency.errors import LoadError

    try:
        return load(path)
    except LoadError as exc:
        seen = _looks_like(Path(path))
        if seen is None or seen.name == kind:
            raise
        try:  # named only when it is a valid file of that kind, not a broken file of this one
            seen.load(Path(path))
        except GovEfficiencyError:
            raise exc from None
        from govefficiency._kinds import get_kind

        expected = get_kind(kind)
        # typographic apostrophes: a quoted span in a message would be cut short by the CLI
        said, wanted = (k.description.replace("'", "\u2019") for k in (seen, expected))
        raise type(exc)(
            f"{path}: a file of kind {expected.name} ({wanted}) is expected here, "
            f"but this looks like a file of kind {seen.name} ({said}): check the "
            f"order of the files (`govefficiency validate {path}` checks it as what it is)",
            f"{path}：此处需要 {expected.name} 类文件，而该文件看来是 {seen.name} 类文件："
            f"请检查各文件的顺序（`govefficiency validate {path}` 可按其实际类型检查）",
            origin=exc.origin,
            location="",
        ) from None


def _looks_like(path: Any) -> Any:
    """The known file kind a file looks like (see :func:`govefficiency._kinds.detect_kind`),
    or ``None`` when it cannot be read or told."""
    from govefficiency._kinds import detect_kind
    from govefficiency._loading import parse_data
    from govefficiency.errors import LoadError

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("toml", "json"):
        return None
    try:
        data = parse_data(path.read_text(encoding="utf-8"), fmt=fmt, origin=str(path), error=LoadError)
    except (OSError, UnicodeError, GovEfficiencyError):
        return None
    if not isinstance(data, Mapping | list):
        return None
    return detect_kind(data, path)
