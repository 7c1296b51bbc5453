"""History files: the action keys already carried out, with their acknowledgements
(签收 ``signed_on``, 反馈 ``feedback_on``), read strictly, written atomically and locked
for a whole run."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from govefficiency._time import parse_iso_date
from govefficiency._validators import check_iterable, check_path
from govefficiency.errors import EscalationError, GovEfficiencyError, InvalidTypeError
from govefficiency.escalation._actions import Acknowledgement, Action, ActionKey, Evaluation
from govefficiency.escalation._policy import AckKind

__all__ = ["load_acknowledgements", "load_history", "locked_history", "save_history"]

_HISTORY_KEYS = frozenset({"case", "level", "due_date", "occurrence", "signed_on", "feedback_on"})


def _history_error(p: Path, where: str, en: str, zh: str) -> EscalationError:
    return EscalationError(
        f"{p}: {where}: {en} (a history file is a JSON list of action keys, see docs/escalation.md)",
        f"{p}：{where}：{zh}（历史文件应为动作键的 JSON 列表，见 docs/escalation.md）",
    )


def _history_day(p: Path, item: Mapping[str, Any], where: str, name: str) -> dt.date | None:
    value = item.get(name)
    if value is None and name != "due_date":
        return None
    if type(value) is not str:
        raise _history_error(
            p,
            f"{where}.{name}",
            f"must be a date string YYYY-MM-DD, not {value!r}",
            f"必须是日期字符串 YYYY-MM-DD，而不是 {value!r}",
        )
    try:
        return parse_iso_date(value, name)
    except GovEfficiencyError as exc:
        raise _history_error(p, f"{where}.{name}", exc.en, exc.zh or exc.en) from None


def _read_history(path: str | Path) -> tuple[list[ActionKey], list[Acknowledgement]]:
    p = check_path(path, "history path", error=EscalationError)
    try:
        if not p.exists():
            return [], []
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _history_error(p, "cannot be read", str(exc), f"无法读取：{exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise _history_error(p, "not JSON", str(exc), f"不是 JSON：{exc}") from None
    if not isinstance(data, list):
        raise _history_error(p, "top level", "must be a list", "顶层必须是列表")
    keys: list[ActionKey] = []
    acks: list[Acknowledgement] = []
    for i, item in enumerate(data):
        where = f"[{i}]"
        if not isinstance(item, dict):
            raise _history_error(p, where, "must be an object", "必须是对象")
        stray = sorted(set(item) - _HISTORY_KEYS)
        if stray:
            raise _history_error(p, where, f"unknown keys {stray}", f"未知的键 {stray}")
        for name in ("case", "level"):
            value = item.get(name)
            if type(value) is not str or not value:
                raise _history_error(
                    p,
                    f"{where}.{name}",
                    f"must be a non-empty string, not {value!r}",
                    f"必须是非空字符串，而不是 {value!r}",
                )
        occurrence = item.get("occurrence", 0)
        if type(occurrence) is not int or occurrence < 0:
            raise _history_error(
                p,
                f"{where}.occurrence",
                f"must be a whole number >= 0, not {occurrence!r}",
                f"必须是非负整数，而不是 {occurrence!r}",
            )

        due = _history_day(p, item, where, "due_date")
        assert due is not None  # for mypy: due_date is required above
        key = ActionKey(item["case"], item["level"], due, occurrence)
        keys.append(key)
        for name, kind in (("signed_on", AckKind.SIGNED), ("feedback_on", AckKind.FEEDBACK)):
            on = _history_day(p, item, where, name)
            if on is not None:
                acks.append(Acknowledgement(key, kind, on))
    return keys, acks


def load_history(path: str | Path) -> tuple[ActionKey, ...]:
    """Read action keys from a JSON history file (missing file: empty history).

    Types are strict: an occurrence of ``0.9`` or ``"1"`` is an error, not a guess."""
    return tuple(_read_history(path)[0])


def load_acknowledgements(path: str | Path) -> tuple[Acknowledgement, ...]:
    """Read the acknowledgements recorded in a history file: an entry's ``signed_on``
    (签收) and ``feedback_on`` (反馈) dates."""
    return tuple(_read_history(path)[1])


def save_history(
    path: str | Path, keys: Iterable[ActionKey], *, acknowledgements: Iterable[Acknowledgement] = ()
) -> None:
    """Write action keys (and their acknowledgements) to a JSON history file, sorted so
    diffs stay small. The file is replaced atomically (written to a temporary file in
    the same directory, then renamed): a crash never leaves half a history."""
    if isinstance(keys, Evaluation | Action | ActionKey | str):
        raise InvalidTypeError(
            f"save_history takes a list of ActionKey values (e.g. evaluation.keys), not {type(keys).__name__}",
            "save_history 需要 ActionKey 的列表（如 evaluation.keys）",
        )
    items: set[ActionKey] = set()
    for key in check_iterable(keys, "keys"):
        if type(key) is not ActionKey:
            raise InvalidTypeError(
                f"save_history takes ActionKey values (use evaluation.keys or action.key), not "
                f"{type(key).__name__}",
                f"save_history 需要 ActionKey（请用 evaluation.keys 或 action.key），而不是 {type(key).__name__}",
            )
        items.add(key)
    marks: dict[ActionKey, dict[str, str]] = {}
    for ack in check_iterable(acknowledgements, "acknowledgements"):
        if not isinstance(ack, Acknowledgement):
            raise InvalidTypeError(
                f"acknowledgements are Acknowledgement values, not {type(ack).__name__}",
                "acknowledgements 只能包含 Acknowledgement",
            )
        items.add(ack.key)
        name = "signed_on" if ack.kind is AckKind.SIGNED else "feedback_on"
        marks.setdefault(ack.key, {})[name] = ack.on.isoformat()
    rows = [{**k.to_dict(), **marks.get(k, {})} for k in sorted(items)]
    text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    target = check_path(path, "history path", error=EscalationError)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise _history_error(target, "cannot be written", str(exc), f"无法写入：{exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _history_error(target, "cannot be written", str(exc), f"无法写入：{exc}") from None
        raise


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
