"""History files: the action keys already carried out, with their acknowledgements
(签收 ``signed_on``, 反馈 ``feedback_on``), declared once (:data:`HISTORY`), read strictly,
written sorted and atomically, and locked for a whole run.

A history file is a JSON list (TOML cannot hold one), one object per action key::

    [
     {"case": "T1", "level": "red", "due_date": "2026-10-12", "occurrence": 0,
      "signed_on": "2026-10-14", "feedback_on": "2026-10-16"}
    ]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from govefficiency._format import Format, Int, IsoDate, Key, ListDocument, Nullable, Str
from govefficiency._loading import unreadable
from govefficiency._validators import check_iterable, check_path
from govefficiency._write import write_atomic
from govefficiency.errors import EscalationError, HistoryFileError, InvalidTypeError
from govefficiency.escalation._actions import Acknowledgement, Action, ActionKey, Evaluation
from govefficiency.escalation._policy import AckKind
from govefficiency.text import Text

__all__ = [
    "HISTORY",
    "dump_history",
    "dumps_history",
    "load_acknowledgements",
    "load_history",
    "loads_history",
    "locked_history",
    "save_history",
]

#: One entry of a history file: an action key and its acknowledgements (in the order
#: 签收, 反馈; at most one of each kind).
Entry = tuple[ActionKey, tuple[Acknowledgement, ...]]

_ACK_KEYS = (("signed_on", AckKind.SIGNED), ("feedback_on", AckKind.FEEDBACK))


def _entry(
    *,
    case: str,
    level: str,
    due_date: dt.date,
    occurrence: int,
    signed_on: dt.date | None,
    feedback_on: dt.date | None,
) -> Entry:
    key = ActionKey(case, level, due_date, occurrence)
    days = {AckKind.SIGNED: signed_on, AckKind.FEEDBACK: feedback_on}
    acks = tuple(Acknowledgement(key, kind, on) for kind, on in days.items() if on is not None)
    return key, acks


def _entry_values(entry: Entry) -> Mapping[str, Any]:
    key, acks = entry
    values: dict[str, Any] = {
        "case": key.case_id,
        "level": key.level_id,
        "due_date": key.due_date,
        "occurrence": key.occurrence,
        "signed_on": None,
        "feedback_on": None,
    }
    for ack in acks:
        values["signed_on" if ack.kind is AckKind.SIGNED else "feedback_on"] = ack.on
    return values


_ENTRY = Format(
    "history-entry",
    "An action already carried out (its idempotency key), with its 签收/反馈 dates.",
    (
        Key("case", Str(), description="the case's id"),
        Key("level", Str(), description="the policy level that fired"),
        Key("due_date", IsoDate(), description="the due date the action was measured against"),
        Key("occurrence", Int(minimum=0), default=0, description="the repetition (0: the first firing)"),
        Key("signed_on", Nullable(IsoDate()), default=None, description="签收: the day it was signed for"),
        Key("feedback_on", Nullable(IsoDate()), default=None, description="反馈: the day feedback came"),
    ),
    build=_entry,
    error=HistoryFileError,
    unbuild=_entry_values,
)

#: The history file format (``govefficiency schema history``): a JSON list of entries.
HISTORY = ListDocument(
    "history",
    "An escalation history (govefficiency escalate --history): the actions already carried "
    "out, each once, with their 签收/反馈 dates.",
    _ENTRY,
    error=HistoryFileError,
    hint=Text(
        "历史文件应为动作键的 JSON 列表，见 docs/escalation.md",
        "a history file is a JSON list of action keys, see docs/escalation.md",
    ),
)


def _read_history(path: str | Path) -> tuple[list[ActionKey], list[Acknowledgement]]:
    p = check_path(path, "history path", error=EscalationError)
    try:
        if not p.exists():
            return [], []
    except OSError as exc:  # e.g. a name too long for the file system
        raise unreadable(str(p), exc, error=HistoryFileError) from None
    return _split(HISTORY.load(p, fmt="json"))


def _split(entries: Iterable[Entry]) -> tuple[list[ActionKey], list[Acknowledgement]]:
    keys: list[ActionKey] = []
    acks: list[Acknowledgement] = []
    for key, marks in entries:
        keys.append(key)
        acks.extend(marks)
    return keys, acks


def load_history(path: str | Path) -> tuple[ActionKey, ...]:
    """Read action keys from a JSON history file (missing file: empty history), in the
    order written.

    Types are strict: an occurrence of ``0.9`` or ``"1"``, a date other than
    ``YYYY-MM-DD`` or an unknown key is an error, not a guess.

    Raises:
        HistoryFileError: a malformed file, located (``sent.json: [2].occurrence: …``) in
            zh and en; an :class:`EscalationError` (and a :class:`LoadError`).
    """
    return tuple(_read_history(path)[0])


def load_acknowledgements(path: str | Path) -> tuple[Acknowledgement, ...]:
    """Read the acknowledgements recorded in a history file: an entry's ``signed_on``
    (签收) and ``feedback_on`` (反馈) dates."""
    return tuple(_read_history(path)[1])


def loads_history(text: str, *, origin: str = "<string>") -> tuple[ActionKey, ...]:
    """Read action keys from the JSON text of a history file (see :func:`load_history`)."""
    if not isinstance(text, str):
        raise HistoryFileError(
            f"a history text is a str, not {type(text).__name__}",
            f"历史文本必须是字符串，而不是 {type(text).__name__}",
        )
    return tuple(_split(HISTORY.loads(text, origin=origin))[0])


def _entries(
    keys: Iterable[ActionKey], acknowledgements: Iterable[Acknowledgement], what: str
) -> list[Entry]:
    """The entries of a history, sorted by key, each key once; a key known only by an
    acknowledgement is added; of two acknowledgements of one kind, the later counts."""
    if isinstance(keys, Evaluation | Action | ActionKey | str):
        raise InvalidTypeError(
            f"{what} takes a list of ActionKey values (e.g. evaluation.keys), not {type(keys).__name__}",
            f"{what} 需要 ActionKey 的列表（如 evaluation.keys）",
        )
    items: set[ActionKey] = set()
    for key in check_iterable(keys, "keys"):
        if type(key) is not ActionKey:
            raise InvalidTypeError(
                f"{what} takes ActionKey values (use evaluation.keys or action.key), not {type(key).__name__}",
                f"{what} 需要 ActionKey（请用 evaluation.keys 或 action.key），而不是 {type(key).__name__}",
            )
        items.add(key)
    marks: dict[ActionKey, dict[AckKind, Acknowledgement]] = {}
    for ack in check_iterable(acknowledgements, "acknowledgements"):
        if not isinstance(ack, Acknowledgement):
            raise InvalidTypeError(
                f"acknowledgements are Acknowledgement values, not {type(ack).__name__}",
                "acknowledgements 只能包含 Acknowledgement",
            )
        items.add(ack.key)
        marks.setdefault(ack.key, {})[ack.kind] = ack
    return [
        (key, tuple(marks[key][kind] for _, kind in _ACK_KEYS if kind in marks.get(key, {})))
        for key in sorted(items)
    ]


def dumps_history(keys: Iterable[ActionKey], *, acknowledgements: Iterable[Acknowledgement] = ()) -> str:
    """The JSON text :func:`save_history` writes: one entry per key, sorted by case, level,
    due date and occurrence, with its ``signed_on``/``feedback_on`` dates."""
    return _history_text(keys, acknowledgements, "dumps_history")


def _history_text(keys: Iterable[ActionKey], acknowledgements: Iterable[Acknowledgement], fn: str) -> str:
    rows = HISTORY.dump(_entries(keys, acknowledgements, fn))
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def dump_history(
    keys: Iterable[ActionKey], path: str | Path, *, acknowledgements: Iterable[Acknowledgement] = ()
) -> None:
    """Write a history file (the file API's name and argument order for
    :func:`save_history`, which stays): the text of :func:`dumps_history`, replaced
    atomically."""
    _write_history(path, _history_text(keys, acknowledgements, "dump_history"))


def save_history(
    path: str | Path, keys: Iterable[ActionKey], *, acknowledgements: Iterable[Acknowledgement] = ()
) -> None:
    """Write action keys (and their acknowledgements) to a JSON history file, sorted so
    diffs stay small (the text of :func:`dumps_history`). The file is replaced atomically
    (written to a temporary file in the same directory, then renamed): a crash never
    leaves half a history."""
    _write_history(path, _history_text(keys, acknowledgements, "save_history"))


def _write_history(path: str | Path, text: str) -> None:
    target = check_path(path, "history path", error=EscalationError)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise _write_error(target, exc) from None


def _write_error(target: Path, exc: OSError) -> EscalationError:
    return EscalationError(
        f"{target}: cannot be written: {exc} (the previous history, if any, is unchanged)",
        f"{target}：无法写入：{exc}（原有历史文件如有，保持不变）",
    )


@contextlib.contextmanager
def locked_history(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on a history file (``<file>.lock``) for a whole run —
    load, evaluate, save — so two concurrent runs cannot both fire the same actions.

    Raises:
        EscalationError: another run holds the lock.
    """
    lock_path = Path(str(path) + ".lock")
    handle = open(lock_path, "a")  # noqa: SIM115 - held for the duration of the block
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no advisory locks
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise EscalationError(
                    f"{path} is locked by another escalation run ({lock_path}); try again when it ends",
                    f"{path} 正被另一次督办运行锁定（{lock_path}），请待其结束后重试",
                ) from None
        yield
    finally:
        handle.close()
