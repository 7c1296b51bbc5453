"""``import govefficiency`` loads its subpackages on first use (PEP 562)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import govefficiency


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_import_loads_no_subpackage() -> None:
    out = _run(
        "import sys, govefficiency\n"
        "print(sorted(m for m in sys.modules if m.startswith('govefficiency.')"
        " and m.split('.')[1] in ('ledger', 'escalation', 'decisions', 'responsibility', 'deadlines')))"
    )
    assert out == "[]"


def test_deadline_command_does_not_load_other_modules() -> None:
    out = _run(
        "import sys, io, contextlib\n"
        "from govefficiency.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['deadline', '2026-09-28', '--rule', 'licensing.decision'])\n"
        "print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('govefficiency.')"
        " and m.split('.')[1] in ('ledger', 'escalation', 'decisions', 'responsibility')}))"
    )
    assert out == "[]"


def test_every_exported_name_resolves() -> None:
    for name in govefficiency.__all__:
        assert getattr(govefficiency, name) is not None
    assert set(govefficiency.__all__) <= set(dir(govefficiency))
    assert govefficiency.ledger.Ledger is govefficiency.Ledger


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        govefficiency.no_such_name  # noqa: B018
    with pytest.raises(AttributeError):
        govefficiency.calendar.no_such_name  # noqa: B018
    with pytest.raises(AttributeError):
        govefficiency.deadlines.no_such_name  # noqa: B018


def test_version_is_static_and_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert govefficiency.__version__ == version("govefficiency")
