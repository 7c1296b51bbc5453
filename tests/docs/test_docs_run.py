"""The docs run as written (README.md and every page under docs/).

Per page:

* every ```python block runs, top to bottom, in one namespace per page (from the repo
  root); when the block right after it is a ```text block, what the code printed must be
  exactly that text;
* every ``$ `` line of a ```console block runs from the repo root (``govefficiency`` is
  this interpreter's ``python -m govefficiency``) and must print exactly the lines that
  follow it, up to the next ``$ `` line; a ``$ `` line ending in ``# exit N`` must exit N
  (otherwise 0);
* every ```toml and ```json block parses.

Synopses (``[--json]``, ``A|B``) belong in ```text blocks, which are not run. A shown
line that ends in ``…`` stands for any line that starts with the text before it (for long
citations), and a last line that is only ``…`` for the rest of the output.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.S | re.M)
_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


def blocks(page: Path) -> list[tuple[str, str, int, bool]]:
    """(language, body, line, follows) of each fenced block; ``follows`` when only blank
    lines separate it from the block before (a ```text block showing that block's output)."""
    text = page.read_text(encoding="utf-8")
    out = []
    end = -1
    for m in _FENCE.finditer(text):
        follows = end >= 0 and not text[end : m.start()].strip()
        out.append((m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1, follows))
        end = m.end()
    return out


def _same(shown: str, expected: str) -> bool:
    """Output equal to what the page shows, line by line (``…`` at the end of a shown line
    matches the rest of the line; a last line that is only ``…`` matches the remaining lines)."""
    got = [line.rstrip() for line in shown.rstrip().splitlines()]
    want = [line.rstrip() for line in expected.rstrip().splitlines()]
    if want and want[-1] == "…":  # a last line of its own: the rest of the output
        want.pop()
        got = got[: len(want)]
    return len(got) == len(want) and all(
        g == w or (w.endswith("…") and g.startswith(w[:-1])) for g, w in zip(got, want, strict=True)
    )


def _run_python(code: str, namespace: dict[str, object]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<docs>", "exec"), namespace)
    return out.getvalue()


def _run_console(body: str, where: str) -> None:
    env = {
        **os.environ,
        "GOVEFFICIENCY_LANG": os.environ.get("GOVEFFICIENCY_LANG", "zh"),
        "PYTHONIOENCODING": "utf-8",
    }
    sessions: list[tuple[str, list[str]]] = []
    continued = False
    for line in body.splitlines():
        if continued:  # a command continued with a trailing backslash
            sessions[-1] = (sessions[-1][0][:-1] + " " + line.strip(), [])
        elif line.startswith("$ "):
            sessions.append((line[2:], []))
        elif sessions:
            sessions[-1][1].append(line)
        continued = bool(sessions) and not sessions[-1][1] and sessions[-1][0].endswith("\\")
    for command, expected in sessions:
        status = 0
        found = _EXIT.search(command)
        if found:
            status = int(found.group(1))
            command = command[: found.start()]
        words = shlex.split(command)
        if words and words[0] == "govefficiency":
            words = [sys.executable, "-m", "govefficiency", *words[1:]]
        elif words and words[0] == "python":
            words = [sys.executable, *words[1:]]
        result = subprocess.run(words, capture_output=True, text=True, env=env, check=False)
        shown = result.stdout + result.stderr
        assert result.returncode == status, f"{where}: $ {command}\n{shown}"
        assert _same(shown, "\n".join(expected)), f"{where}: $ {command}\n{shown}"


#: Pages that do not run as written yet (missing data files, missing imports); each must
#: be fixed and removed from this list — a strict xfail fails as soon as the page runs.
KNOWN_BROKEN: set[str] = set()


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason="does not run as written yet", strict=True))
        if p.name in KNOWN_BROKEN
        else p
        for p in PAGES
    ],
    ids=[p.name for p in PAGES],
)
def test_page_runs_as_written(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each page runs in a scratch directory that sees the repository's files through
    # links, so that a page's `ledger.sqlite` or `out.ics` is written there, not in the repo.
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") or entry.name == ".pre-commit-hooks.yaml":
            (tmp_path / entry.name).symlink_to(entry)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    found = blocks(page)
    for i, (lang, body, line, _) in enumerate(found):
        where = f"{page.name}:{line}"
        if lang == "python":
            printed = _run_python(body, namespace)
            following = found[i + 1] if i + 1 < len(found) else None
            if following is not None and following[0] == "text" and following[3]:
                assert _same(printed, following[1]), f"{where}:\n{printed}"
        elif lang == "console":
            _run_console(body, where)
        elif lang == "toml":
            tomllib.loads(body)
        elif lang == "json":
            json.loads(body)
