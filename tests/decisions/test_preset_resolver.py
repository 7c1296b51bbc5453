"""The parser takes its presets as a parameter: ``_spec_io`` does not import ``_presets``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from govefficiency.decisions import ProcedureSpec, get_procedure
from govefficiency.decisions._spec_io import PresetResolver, load_spec
from govefficiency.errors import ProcedureSpecError

SPEC_IO = Path(__file__).parents[2] / "src" / "govefficiency" / "decisions" / "_spec_io.py"

CHILD = {
    "id": "city",
    "title": {"zh": "某市", "en": "City"},
    "extends": "base",
    "rules": [],
}


def test_the_parser_does_not_import_the_presets():
    tree = ast.parse(SPEC_IO.read_text("utf-8"))
    modules = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert "govefficiency.decisions._presets" not in modules


def test_extends_resolves_through_the_given_presets():
    national = get_procedure("national")
    spec = load_spec(CHILD, presets=PresetResolver(("base",), lambda name: national))
    assert isinstance(spec, ProcedureSpec)
    assert spec.rules == national.rules


def test_an_unknown_parent_lists_the_given_presets():
    with pytest.raises(ProcedureSpecError, match=r"unknown parent procedure 'base': use a preset \(other\)"):
        load_spec(CHILD, presets=PresetResolver(("other",), get_procedure))


def test_procedure_spec_load_still_knows_the_shipped_presets():
    spec = ProcedureSpec.load(CHILD | {"extends": "national"})
    assert spec.rules == get_procedure("national").rules
