"""Metrics tables may name units as people write them (市教育局): an org chart's names and
aliases resolve them to ids (the supervision-loop issue: ledgers, cases and assessment
inputs resolve names through the org chart)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from govefficiency.assessment import AssessedUnit, Inputs, MetricRow, resolve_names
from govefficiency.errors import GovEfficiencyError, InvalidTypeError
from govefficiency.responsibility import ResponsibilityGraph, Unit, dump_org, resolve_unit
from govefficiency.testing import run_cli
from govefficiency.text import Text

DATA = Path(__file__).resolve().parents[2] / "examples" / "data" / "assessment"


def _graph(units: dict[str, str]) -> ResponsibilityGraph:
    return ResponsibilityGraph(
        units=[Unit(uid, Text(name, uid), aliases=(f"县{name}",)) for uid, name in units.items()]
    )


def test_resolve_names_maps_units_and_rows():
    graph = _graph({"jyj": "教育局", "jtj": "交通运输局"})
    inputs = Inputs(
        [AssessedUnit("县教育局", "department"), AssessedUnit("交通运输局", "department")],
        [
            MetricRow("县教育局", "completion", 90.0, "table"),
            MetricRow("交通运输局", "completion", 80.0, "table"),
        ],
    )
    resolved = resolve_names(inputs, lambda n: resolve_unit(graph, n))
    assert [u.id for u in resolved.units] == ["jyj", "jtj"]
    assert sorted(r.unit for r in resolved.rows) == ["jtj", "jyj"]


def test_unknown_or_bad_arguments():
    graph = _graph({"jyj": "教育局"})
    inputs = Inputs([AssessedUnit("卫健委", "department")], [])
    with pytest.raises(GovEfficiencyError):
        resolve_names(inputs, lambda n: resolve_unit(graph, n))
    with pytest.raises(InvalidTypeError):
        resolve_names("inputs", str)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        resolve_names(inputs, "not callable")  # type: ignore[arg-type]


def test_the_cli_resolves_names_through_an_org_chart(tmp_path):
    """The sample table rewritten with the departments' Chinese names gives the same report
    once --graph maps the names back to ids."""
    text = (DATA / "q3-metrics.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    names = {r["unit"]: r["name"] for r in rows}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "unit": r["name"]})
    named = tmp_path / "named.csv"
    named.write_text(out.getvalue(), encoding="utf-8")
    org = tmp_path / "county.toml"
    dump_org(ResponsibilityGraph(units=[Unit(uid, Text(name, uid)) for uid, name in names.items()]), org)
    scheme = str(DATA / "county-departments.toml")
    by_id = run_cli("assess", scheme, str(DATA / "q3-metrics.csv"), "--period", "2026Q3", "--json")
    by_name = run_cli("assess", scheme, str(named), "--period", "2026Q3", "--graph", str(org), "--json")
    assert by_name.code == by_id.code
    assert json.loads(by_name.out) == json.loads(by_id.out)
    # without the org chart the names are not the scheme's units: not silently assessed alike
    unresolved = run_cli("assess", scheme, str(named), "--period", "2026Q3", "--json")
    assert unresolved.out != by_id.out
