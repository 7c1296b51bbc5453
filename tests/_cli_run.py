"""``run(*argv)``: the CLI run in-process through :func:`govefficiency.testing.run_cli`, as a
``(exit status, stdout, stderr)`` tuple that a test unpacks in one line."""

from __future__ import annotations

from govefficiency.testing import run_cli


def run(*argv: str) -> tuple[int, str, str]:
    result = run_cli(*argv)
    return result.code, result.out, result.err


def refused(result: tuple[int, str, str], status: int) -> str:
    """Check that a run exited ``status``, printed nothing on stdout and no traceback; its
    stderr."""
    code, out, err = result
    assert (code, out) == (status, ""), err
    assert "Traceback" not in err
    return err
