"""Procedure spec files under the file API convention (docs/conventions.md):
``load_procedure``/``loads_procedure``/``dump_procedure``/``dumps_procedure``, where
``extends`` may name a shipped preset, ``base`` or (for a file) a file beside it. Apart from
the parser (:mod:`govefficiency.decisions._spec_io`), which must not know the presets."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import parse_document
from govefficiency._write import dumps_document, write_document
from govefficiency.decisions._presets import PRESETS
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._spec_io import load_spec
from govefficiency.errors import InvalidTypeError, ProcedureSpecError

__all__ = ["dump_procedure", "dumps_procedure", "load_procedure", "loads_procedure"]


def load_procedure(
    source: str | Path | Mapping[str, Any], *, base: ProcedureSpec | None = None
) -> ProcedureSpec:
    """Read a procedure spec from a ``.toml``/``.json`` file or a parsed mapping (the same as
    :meth:`ProcedureSpec.load`, which is kept): ``extends`` names ``base``, a preset, or a
    file relative to this one."""
    return ProcedureSpec.load(source, base=base)


def loads_procedure(text: str, *, fmt: str = "toml", base: ProcedureSpec | None = None) -> ProcedureSpec:
    """Read a procedure spec from TOML (default) or JSON text; ``extends`` names ``base`` or a
    preset (a text has no folder to find a parent file in)."""
    return load_spec(parse_document(text, fmt=fmt, error=ProcedureSpecError), presets=PRESETS, base=base)


def dumps_procedure(spec: ProcedureSpec, *, fmt: str = "toml", base: ProcedureSpec | None = None) -> str:
    """The TOML (default) or JSON text of ``spec`` (see :meth:`ProcedureSpec.to_dict`: a spec
    extending a preset or ``base`` is written as ``extends`` plus what it adds), read back by
    :func:`loads_procedure` to an equal spec."""
    return dumps_document(_procedure_doc(spec, base), fmt, error=ProcedureSpecError)


def dump_procedure(spec: ProcedureSpec, path: str | Path, *, base: ProcedureSpec | None = None) -> None:
    """Write ``spec`` to ``path``; its suffix (``.toml``/``.json``) chooses the format."""
    write_document(_procedure_doc(spec, base), path, error=ProcedureSpecError)


def _procedure_doc(spec: ProcedureSpec, base: ProcedureSpec | None) -> dict[str, Any]:
    if not isinstance(spec, ProcedureSpec):
        raise InvalidTypeError(
            f"expected a ProcedureSpec, not {type(spec).__name__}",
            f"需要 ProcedureSpec，而不是 {type(spec).__name__}",
        )
    return spec.to_dict(base=base)
