"""Where in a TOML/JSON text a key path (``items[3].time_nodes[1].share``) is written.

Loaders report errors by key path; ``govefficiency validate`` turns the path into the
``line:col`` that editors and CI annotations expect. Locating is best effort: the line of
the deepest key on the path that the text spells out (an error inside an inline table is
reported at the key that holds it); 1:1 when nothing matches.
"""

from __future__ import annotations

import re

__all__ = ["locate", "split_path"]

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_SYNTAX = re.compile(r"line (\d+), column (\d+)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")


def split_path(path: str) -> tuple[str | int, ...]:
    """``"items[3].share"`` → ``("items", 3, "share")``."""
    return tuple(name if name else int(index) for name, index in _STEP.findall(path))


def locate(text: str, fmt: str, path: str | None, message: str = "") -> tuple[int, int]:
    """The 1-based (line, column) of ``path`` in ``text`` (or of a syntax error that
    ``message`` reports with its own line and column)."""
    found = _SYNTAX.search(message)
    if found:
        return int(found.group(1)), int(found.group(2))
    if not path:
        return 1, 1
    steps = split_path(path)
    where = _locate_json(text, steps) if fmt == "json" else _locate_toml(text, steps)
    return where or (1, 1)


def _is_prefix(prefix: tuple[str | int, ...], steps: tuple[str | int, ...]) -> bool:
    return len(prefix) <= len(steps) and steps[: len(prefix)] == prefix


def _locate_toml(text: str, steps: tuple[str | int, ...]) -> tuple[int, int] | None:
    best: tuple[int, tuple[int, int]] | None = None
    table: tuple[str | int, ...] = ()
    counts: dict[tuple[str | int, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header is not None and not line.lstrip().startswith(("#", '"', "'")):
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            resolved: tuple[str | int, ...] = ()
            for name in names[:-1]:  # walk through the latest element of parent arrays
                resolved = (*resolved, name)
                if resolved in counts:
                    resolved = (*resolved, counts[resolved] - 1)
            resolved = (*resolved, names[-1])
            if header.group(1) == "[[":
                counts[resolved] = counts.get(resolved, 0) + 1
                table = (*resolved, counts[resolved] - 1)
            else:
                table = resolved
            best = _better(best, table, steps, (number, line.index("[") + 1))
            continue
        key = _KEY.match(line)
        if key is not None:
            name = key.group(1).strip("\"'")
            best = _better(best, (*table, name), steps, (number, line.index(key.group(1)) + 1))
    return best[1] if best else None


def _better(
    best: tuple[int, tuple[int, int]] | None,
    candidate: tuple[str | int, ...],
    steps: tuple[str | int, ...],
    where: tuple[int, int],
) -> tuple[int, tuple[int, int]] | None:
    if candidate and _is_prefix(candidate, steps) and (best is None or len(candidate) >= best[0]):
        return (len(candidate), where)
    return best


class _JsonScan:
    """A minimal JSON walker that records where each value starts."""

    def __init__(self, text: str, steps: tuple[str | int, ...]) -> None:
        self.text = text
        self.steps = steps
        self.i = 0
        self.best: tuple[int, int] | None = None
        self.depth = -1

    def where(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return line, column

    def skip_space(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " \t\r\n":
            self.i += 1

    def value(self, path: tuple[str | int, ...]) -> None:
        self.skip_space()
        if _is_prefix(path, self.steps) and len(path) > self.depth:
            self.depth, self.best = len(path), self.where(self.i)
        if self.i >= len(self.text):
            return
        ch = self.text[self.i]
        if ch in "{[":
            self.members(path, "}" if ch == "{" else "]")
        elif ch == '"':
            self.string()
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}\n":
                self.i += 1

    def members(self, path: tuple[str | int, ...], close: str) -> None:
        """The members of an object (``close`` is ``}``: each a key, a colon and a value) or
        the items of an array (``]``: each a value, named by its index)."""
        self.i += 1
        index = 0
        while True:
            self.skip_space()
            if self.i >= len(self.text) or self.text[self.i] == close:
                self.i += 1
                return
            if self.text[self.i] == ",":
                self.i += 1
                index += 1
                continue
            step: str | int = index
            if close == "}":
                start = self.i
                step = self.string()
                if _is_prefix((*path, step), self.steps) and len(path) + 1 > self.depth:
                    self.depth, self.best = len(path) + 1, self.where(start)
                self.skip_space()
                self.i += 1  # the colon
            self.value((*path, step))

    def string(self) -> str:
        start = self.i
        self.i += 1
        while self.i < len(self.text) and self.text[self.i] != '"':
            self.i += 2 if self.text[self.i] == "\\" else 1
        self.i += 1
        return self.text[start + 1 : self.i - 1]


def _locate_json(text: str, steps: tuple[str | int, ...]) -> tuple[int, int] | None:
    scan = _JsonScan(text, steps)
    scan.value(())
    return scan.best if scan.depth > 0 else None
