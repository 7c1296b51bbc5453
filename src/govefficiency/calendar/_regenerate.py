"""Regenerate the stored PRC calendar snapshot (``_china_snapshot.json``) from the installed
``holidays`` package and ``_notices.toml``::

    python -m govefficiency.calendar._regenerate          # rewrite the snapshot
    python -m govefficiency.calendar._regenerate --check  # exit 1 if it is stale

Run it after upgrading ``holidays`` or editing ``_notices.toml``, then review the diff (one
day per line) and commit it; ``tests/calendar/test_snapshot.py`` fails until then.
"""

from __future__ import annotations

import sys

from govefficiency.calendar._china_data import SNAPSHOT, render, snapshot_document


def main(argv: list[str] | None = None) -> int:
    """Rewrite the snapshot, or with ``--check`` exit 1 when it is stale."""
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):
        print("usage: python -m govefficiency.calendar._regenerate [--check]", file=sys.stderr)
        return 2
    text = render(snapshot_document())
    if args == ["--check"]:
        current = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
        if current != text:
            print(f"{SNAPSHOT} is stale: run python -m govefficiency.calendar._regenerate")
            return 1
        print(f"{SNAPSHOT} is up to date")
        return 0
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
