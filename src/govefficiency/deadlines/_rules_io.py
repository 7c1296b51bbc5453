"""Statute rule files under the file API convention (docs/conventions.md):
``load_rules``/``loads_rules``/``dump_rules``/``dumps_rules``, generated from the one
declaration :data:`~govefficiency.deadlines._rules.RULES` (``RuleRegistry.load`` is kept).
Loaded on first use: a deadline computation does not need them."""

from __future__ import annotations

from govefficiency._file_api import FileApi
from govefficiency.deadlines._rules import RULES, RuleRegistry

__all__ = ["dump_rules", "dumps_rules", "load_rules", "loads_rules"]

load_rules, loads_rules, dump_rules, dumps_rules = FileApi(
    RULES, RuleRegistry, "rules", "a statute rule file", "govefficiency.deadlines"
).functions()
