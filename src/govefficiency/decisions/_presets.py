"""The shipped procedure presets, stored as TOML data under ``presets/``.

* ``national`` — 重大行政决策程序暂行条例 (State Council decree 713, 2019);
* ``seed-practice`` — extends ``national`` with the practice of the seed documents
  (Zhuzhou 000, Yanshou 002, Nanyang 003).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from govefficiency._deprecation import renamed
from govefficiency._loading import parse_document
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._spec_io import PresetResolver, parse_spec
from govefficiency.decisions._spec_io import dump_spec as _dump_spec
from govefficiency.decisions._spec_io import load_spec as _load_spec
from govefficiency.errors import GovEfficiencyError, InvalidTypeError, ProcedureSpecError

__all__ = [
    "PROCEDURE_PRESETS",
    "dump_spec",
    "get_procedure",
    "load_spec",
    "preset_procedure",
    "procedure_presets",
    "resolve_procedure",
]

#: The ids of the shipped presets.
PROCEDURE_PRESETS: tuple[str, ...] = ("national", "seed-practice")


@functools.cache
def _preset(preset_id: str) -> ProcedureSpec:
    text = (
        resources.files("govefficiency.decisions").joinpath("presets", f"{preset_id}.toml").read_text("utf-8")
    )
    doc = parse_document(text, fmt="toml", origin=f"<preset {preset_id}>", error=ProcedureSpecError)

    def resolve(fields: object, name: str) -> ProcedureSpec:
        return get_procedure(name)

    return parse_spec(doc, resolve)


def procedure_presets() -> tuple[str, ...]:
    """The ids of the shipped procedures; :func:`get_procedure` gives one."""
    return PROCEDURE_PRESETS


def get_procedure(preset_id: str) -> ProcedureSpec:
    """The shipped procedure ``preset_id`` (``"national"`` or ``"seed-practice"``).

    The result is cached and immutable.

    Raises:
        InvalidTypeError: ``preset_id`` is not a string.
        ProcedureSpecError: there is no such preset.
    """
    if not isinstance(preset_id, str):
        raise InvalidTypeError(
            f"a procedure preset id is a string such as 'national', not {type(preset_id).__name__}",
            f"程序预置 id 必须是字符串（如 'national'），而不是 {type(preset_id).__name__}",
        )
    if preset_id not in PROCEDURE_PRESETS:
        raise ProcedureSpecError(
            f"unknown procedure preset {preset_id!r}: use one of {', '.join(PROCEDURE_PRESETS)}, "
            f"or load a spec file with ProcedureSpec.load",
            f"未知的程序预置 {preset_id!r}：请使用 {', '.join(PROCEDURE_PRESETS)} 之一，"
            f"或用 ProcedureSpec.load 读取程序文件",
        )
    return _preset(preset_id)


preset_procedure = renamed(
    get_procedure,
    "preset_procedure",
    "govefficiency.decisions.preset_procedure() is deprecated: use get_procedure()",
)


def resolve_procedure(procedure: ProcedureSpec | str) -> ProcedureSpec:
    """``procedure`` itself, or the preset it names."""
    if isinstance(procedure, ProcedureSpec):
        return procedure
    if isinstance(procedure, str):
        return get_procedure(procedure)
    raise InvalidTypeError(
        f"procedure must be a ProcedureSpec or a preset id such as 'national', not "
        f"{type(procedure).__name__}",
        f"procedure 必须是 ProcedureSpec 或预置 id（如 'national'），而不是 {type(procedure).__name__}",
    )


#: The shipped presets, as the parser's resolver for ``extends``.
PRESETS = PresetResolver(PROCEDURE_PRESETS, get_procedure)


def load_spec(source: str | Path | Mapping[str, Any], *, base: ProcedureSpec | None = None) -> ProcedureSpec:
    """Read a spec whose ``extends`` may name a shipped preset (see :meth:`ProcedureSpec.load`)."""
    return _load_spec(source, presets=PRESETS, base=base)


def dump_spec(spec: ProcedureSpec, *, base: ProcedureSpec | None = None) -> dict[str, Any]:
    """``spec`` in the file format (see :meth:`ProcedureSpec.to_dict`): a spec that extends
    another is written as ``extends`` plus what it adds, its parent being ``base`` or the
    preset named by its lineage; a spec whose parent is neither is written whole, without
    ``extends`` (loading it then gives its rules, not its lineage)."""
    if base is not None and not isinstance(base, ProcedureSpec):
        raise InvalidTypeError(
            f"base must be a ProcedureSpec or None, not {type(base).__name__}",
            f"base 必须是 ProcedureSpec 或 None，而不是 {type(base).__name__}",
        )
    parent = base
    if parent is None and spec.lineage and spec.lineage[0] in PROCEDURE_PRESETS:
        parent = get_procedure(spec.lineage[0])
    if parent is not None:
        try:
            return _dump_spec(spec, parent=parent)
        except GovEfficiencyError:
            pass  # not composed from this parent after all: written whole
    return _dump_spec(spec)
