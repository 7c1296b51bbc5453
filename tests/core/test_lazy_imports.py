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


_PACKAGES = (
    "govefficiency",
    "govefficiency.accountability",
    "govefficiency.approvals",
    "govefficiency.assessment",
    "govefficiency.calendar",
    "govefficiency.deadlines",
    "govefficiency.decisions",
    "govefficiency.escalation",
    "govefficiency.ledger",
    "govefficiency.responsibility",
    "govefficiency.services",
)


@pytest.mark.parametrize("package", _PACKAGES)
def test_every_name_in_all_resolves_in_a_fresh_process(package: str) -> None:
    """Each name of ``__all__`` resolves (lazy ones too, each from a fresh interpreter so that
    no earlier import hides a broken entry) and is listed by ``dir()``."""
    out = _run(
        f"import importlib\n"
        f"m = importlib.import_module({package!r})\n"
        f"missing = [n for n in m.__all__ if getattr(m, n, None) is None]\n"
        f"unlisted = sorted(set(m.__all__) - set(dir(m)))\n"
        f"print(missing, unlisted, len(m.__all__) == len(set(m.__all__)))"
    )
    assert out == "[] [] True"


@pytest.mark.parametrize(
    "package",
    ["govefficiency", "govefficiency.calendar", "govefficiency.deadlines", "govefficiency.escalation"],
)
def test_lazy_names_are_exported(package: str) -> None:
    """A lazily loaded name is in ``__all__`` (no hidden names) and a typo is still an error."""
    import importlib

    module = importlib.import_module(package)
    lazy = set(getattr(module, "_LAZY", {}))
    assert lazy <= set(module.__all__), lazy - set(module.__all__)


def test_the_deadline_command_loads_no_holidays_patches_or_notices() -> None:
    """The China calendar comes from the stored snapshot: ``holidays`` (whose country modules
    cost more than the command), the patch reader and the notice table stay unloaded."""
    out = _run(
        "import sys, io, contextlib\n"
        "from govefficiency.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as buf:\n"
        "    main(['deadline', '2026-09-28', '--rule', 'licensing.decision', '--lang', 'en'])\n"
        "print(sorted(m for m in ('holidays', 'govefficiency.calendar._patch',"
        " 'govefficiency.calendar._notices', 'govefficiency.findings', 'importlib.metadata')"
        " if m in sys.modules))\n"
        "print(buf.getvalue().splitlines()[0])"
    )
    assert out.splitlines() == ["[]", "due: 2026-10-30"]


def test_version_loads_no_subcommand() -> None:
    out = _run(
        "import sys, io, contextlib\n"
        "from govefficiency.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf), contextlib.suppress(SystemExit):\n"
        "    main(['--version'])\n"
        "print(buf.getvalue().strip(), sorted(m for m in sys.modules if m.endswith('._cli')))"
    )
    assert out == f"govefficiency {govefficiency.__version__} []"


def test_the_calendar_package_alone_loads_no_holidays_or_pendulum() -> None:
    out = _run(
        "import sys, govefficiency.calendar\n"
        "print(sorted(m for m in ('holidays', 'pendulum', 'tomllib') if m in sys.modules))"
    )
    assert out == "[]"
