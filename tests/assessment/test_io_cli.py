"""Files, JSON, the adapters from the library's own records, and the command line end to end."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment._helpers import ind, inputs, scheme
from govefficiency.accountability import AccountabilityEvent, AccountabilityForm, SubjectKind
from govefficiency.assessment import (
    SCHEMA_VERSION,
    AssessedUnit,
    Inputs,
    MetricRow,
    accountability_metrics,
    appraise_officers,
    assess,
    decision_metrics,
    dumps_scheme,
    escalation_metrics,
    get_scheme,
    ledger_metrics,
    load_metrics,
    load_scheme,
    loads_scheme,
    satisfaction_metrics,
    scheme_presets,
)
from govefficiency.cli import main
from govefficiency.errors import GovEfficiencyError
from govefficiency.escalation import (
    Action,
    ActionKey,
    ActionKind,
    Reason,
    Recipient,
    Role,
)
from govefficiency.findings import Finding, Severity
from govefficiency.ledger import ChecklistItem, Ledger, settle, supervision_rates
from govefficiency.testing import CST
from govefficiency.text import Text
from strategies import file_at, fuzz_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data" / "assessment"


def _item(ident: str, unit: str, deadline: dt.date, category: str = "重点工作") -> ChecklistItem:
    return ChecklistItem(
        id=ident,
        title=f"任务 {ident}",
        category=category,
        year=2026,
        target="完成",
        standard="验收",
        deadline=deadline,
        leader="vm",
        lead_unit=unit,
        officer=f"{unit}-officer",
        start=dt.date(2026, 7, 1),
    )


class TestSchemeFiles:
    @pytest.mark.parametrize("name", scheme_presets())
    def test_round_trip_through_json(self, name: str) -> None:
        """dumps_scheme → loads_scheme gives the same scheme."""
        s = get_scheme(name)
        again = loads_scheme(dumps_scheme(s), fmt="json")
        assert again.to_dict() == s.to_dict()

    def test_example_scheme_loads(self) -> None:
        s = load_scheme(DATA / "county-departments.toml")
        assert next(i.id for i in s.categories[0].indicators) == "ledger.completion_rate"

    @settings(max_examples=80, deadline=None)
    @given(st.text(max_size=200))
    def test_fuzz_loads_scheme_only_raises_library_errors(self, text: str) -> None:
        """Whatever the text, the loader raises a GovEfficiencyError or returns a Scheme."""
        fuzz_text(text, loads_scheme)


class TestMetricsFiles:
    def test_csv_with_appraisal_rows(self) -> None:
        table = load_metrics(DATA / "q3-metrics.csv")
        assert [u.id for u in table.units] == ["fgj", "jtj", "zjj", "jyj", "wjj", "zwfw"]
        assert len(table) == 6 * 10  # satisfaction + 9 appraisal scores per unit
        assert len(table.rows) == len(table)
        assert pickle.loads(pickle.dumps(table)).rows == table.rows

    def test_toml_table(self, tmp_path: Path) -> None:
        text = (
            '[[units]]\nid="a"\ncategory="unit"\n[[metrics]]\nunit="a"\nmetric="c"\nvalue=80\nsource="s"\n'
            'refs=["T1"]\nperiod="2026Q3"\n'
        )
        t = load_metrics(file_at(tmp_path, "m.toml", text))
        assert t.rows == (MetricRow("a", "c", 80, "s", None, ("T1",), "2026Q3"),)

    def test_rows_of_another_period_are_ignored(self) -> None:
        """A table covering two quarters: Q2's row is not read for Q3 (Q3's value is missing)."""
        units = [AssessedUnit("a", "unit")]
        r = assess(
            scheme([ind("c", 100)]), Inputs(units, [MetricRow("a", "c", 80, "t", period="2026Q2")]), "2026Q3"
        )
        assert r.unit("a").missing == ("c",)


class TestReport:
    def test_json_has_a_schema_version_and_is_stable(self) -> None:
        sch = scheme([ind("c", 100)])
        r = assess(sch, inputs({"b": {"c": 70}, "a": {"c": 90}}), "2026Q3")
        data = json.loads(r.to_json())
        assert data["schema_version"] == SCHEMA_VERSION == "1"
        assert [u["unit"] for u in data["units"]] == ["a", "b"]
        assert data["units"][0]["indicators"][0]["trace"]["zh"].startswith("指标c 90%")
        assert r.to_json() == assess(sch, inputs({"a": {"c": 90}, "b": {"c": 70}}), "2026Q3").to_json()
        assert pickle.loads(pickle.dumps(r)).to_json() == r.to_json()


class TestAdapters:
    def test_ledger_settlement_and_rates(self) -> None:
        """Only items due by the settlement day count; a key item unfinished is named by id."""
        ledger = Ledger()
        ledger.open_items(
            [
                _item("K1", "a", dt.date(2026, 9, 15)),
                _item("K2", "a", dt.date(2026, 9, 30), "日常工作"),
                _item("K3", "a", dt.date(2026, 12, 31)),  # not due in Q3
                _item("K4", "b", dt.date(2026, 8, 31)),
            ],
            at=dt.datetime(2026, 7, 1, 9, tzinfo=CST),
        )
        ledger.report_progress(  # recorded in time order: the ledger refuses back-dating
            "K4", date=dt.date(2026, 9, 2), share=100, at=dt.datetime(2026, 9, 2, 17, tzinfo=CST)
        )
        ledger.report_progress(
            "K2", date=dt.date(2026, 9, 20), share=100, at=dt.datetime(2026, 9, 20, 17, tzinfo=CST)
        )
        at = dt.datetime(2026, 9, 30, 18, tzinfo=CST)
        rows = {
            (r.unit, r.metric): r
            for r in ledger_metrics(
                settle(ledger, at=at), supervision_rates(ledger, at=at), units=["a", "b", "c"]
            )
        }
        # a: K1 unfinished (never reported), K2 on time → 50 % complete; K3 not due
        assert rows["a", "ledger.completion_rate"].value == 50
        assert rows["a", "ledger.completion_rate"].refs == ("K1",)
        assert rows["a", "ledger.key_unfinished"].value == 1
        # b: K4 done on 2 Sept, after its 31 Aug deadline → complete but not on time
        assert rows["b", "ledger.completion_rate"].value == 100
        assert rows["b", "ledger.on_time_rate"].value == 0
        # c has no item: an explicit 0 key items, but no rate (undefined)
        assert rows["c", "ledger.key_unfinished"].value == 0
        assert ("c", "ledger.completion_rate") not in rows
        # a missed K1's node with no notice: execution 0 of 1; no notice and no order was
        # due, so reporting and rectification are 0 of 0: no value, not 100 %
        assert rows["a", "ledger.execution_rate"].value == 0
        assert ("a", "ledger.reporting_rate") not in rows
        assert ("a", "ledger.rectification_rate") not in rows

    def test_accountability_events_in_the_period(self) -> None:
        cause = Text("逾期", "late")
        events = [
            AccountabilityEvent("a", dt.date(2026, 8, 3), AccountabilityForm.CIRCULATED_CRITICISM, cause),
            AccountabilityEvent(
                "a", dt.date(2026, 10, 9), AccountabilityForm.CIRCULATED_CRITICISM, cause
            ),  # Q4
            AccountabilityEvent(
                "a-head",
                dt.date(2026, 8, 3),
                AccountabilityForm.ORDERED_RESIGNATION,
                cause,
                SubjectKind.PERSON,
            ),
        ]
        rows = {(r.unit, r.metric): r for r in accountability_metrics(events, "2026Q3", units=["a", "b"])}
        assert rows["a", "accountability.all"].value == 1
        assert rows["a", "accountability.all"].refs == ("2026-08-03:circulated_criticism",)
        assert rows["b", "accountability.all"].value == 0
        with pytest.raises(GovEfficiencyError, match="not on the roster"):
            accountability_metrics(events[:1], "2026Q3", units=["b"])

    def test_escalation_actions_by_lead_unit(self) -> None:
        def action(case: str, kind: ActionKind, fired: dt.date) -> Action:
            reason = Reason(case, dt.date(2026, 8, 1), 3, "l1", Text("逾期", "late"), fired, 0)
            return Action(
                key=ActionKey(case, "l1", dt.date(2026, 8, 1)),
                kind=kind,
                level=Text("督办", "supervision"),
                sender=None,
                to=(Recipient(Role.LEAD_UNIT, "a", Text("甲", "A")),),
                report_to=(),
                copy_to=(),
                unresolved=(),
                fallback=False,
                reason=reason,
                title=Text("案", "case"),
                citation=None,
            )

        rows = {
            (r.unit, r.metric): r
            for r in escalation_metrics(
                [
                    action("C1", ActionKind.SUPERVISION_NOTICE, dt.date(2026, 8, 6)),
                    action("C2", ActionKind.SUPERVISION_NOTICE, dt.date(2026, 6, 30)),
                ],
                "2026Q3",
                units=["a"],
            )
        }
        assert rows["a", "escalation.supervision_notice"].value == 1
        assert rows["a", "escalation.supervision_notice"].refs == ("C1",)
        assert rows["a", "escalation.reminder"].value == 0

    def test_decisions_and_satisfaction(self) -> None:
        err = Finding("STEP_MISSING", Severity.ERROR, ("d1",), Text("缺少步骤", "step missing"))
        warn = Finding("LATE", Severity.WARNING, ("d1",), Text("迟", "late"))
        rows = decision_metrics({"a": [err, warn], "b": []})
        assert [(r.unit, r.value, r.refs) for r in rows] == [("a", 1, ("STEP_MISSING",)), ("b", 0, ())]
        assert satisfaction_metrics({"a": 92.5}, source="survey")[0].value == 92.5

    def test_officers_from_settlement(self) -> None:
        """On time 100, late 80, unfinished at 40 % × 50 % = 20: mean 66.67 → 基本称职."""
        ledger = Ledger()
        ledger.open_items(
            [
                _item("A", "u", dt.date(2026, 8, 31)),
                _item("B", "u", dt.date(2026, 8, 31)),
                _item("C", "u", dt.date(2026, 8, 31)),
            ],
            at=dt.datetime(2026, 7, 1, 9, tzinfo=CST),
        )
        for ident, day, share in [("A", 30, 100), ("C", 30, 40)]:
            ledger.report_progress(
                ident, date=dt.date(2026, 8, day), share=share, at=dt.datetime(2026, 8, day, 17, tzinfo=CST)
            )
        ledger.report_progress(
            "B", date=dt.date(2026, 9, 3), share=100, at=dt.datetime(2026, 9, 3, 17, tzinfo=CST)
        )
        result = appraise_officers(settle(ledger, at=dt.datetime(2026, 12, 31, 18, tzinfo=CST)).items)
        officer = result.officers[0]
        assert officer.score == pytest.approx(200 / 3)
        assert officer.grade.label.zh == "基本称职"
        assert "第38条" in result.explain("zh")


class TestCommandLine:
    def _csv(self, tmp_path: Path, extra: str = "") -> Path:
        return file_at(
            tmp_path,
            "m.csv",
            "unit,category,metric,value,source\na,unit,c,90,table\nb,unit,c,80,table\n" + extra,
        )

    def _scheme(self, tmp_path: Path) -> Path:
        f = tmp_path / "s.json"
        f.write_text(dumps_scheme(scheme([ind("c", 100)])), encoding="utf-8")
        return f

    def test_assess_prints_the_ranking(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(
                [
                    "assess",
                    str(self._scheme(tmp_path)),
                    str(self._csv(tmp_path)),
                    "--period",
                    "2026Q3",
                    "--lang",
                    "en",
                ]
            )
            == 0
        )
        out = capsys.readouterr().out
        assert "1  a  90  excellent" in out

    def test_json_and_previous(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        args = ["assess", str(self._scheme(tmp_path)), str(self._csv(tmp_path)), "--period", "2026Q3"]
        assert main([*args, "--json"]) == 0
        prev = tmp_path / "prev.json"
        text = capsys.readouterr().out
        data = json.loads(text)
        for u in data["units"]:
            u["rank"] = {"a": 2, "b": 1}[u["unit"]]
        prev.write_text(json.dumps(data), encoding="utf-8")
        assert main([*args, "--json", "--previous", str(prev)]) == 0
        changes = {u["unit"]: u["rank_change"] for u in json.loads(capsys.readouterr().out)["units"]}
        assert changes == {"a": 1, "b": -1}
        assert main([*args, "--unit", "a", "--lang", "en"]) == 0
        assert "indicator c 90% → 90 / 100" in capsys.readouterr().out

    def test_missing_metric_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        csv = self._csv(tmp_path, "z,unit,other,1,table\n")
        assert main(["assess", str(self._scheme(tmp_path)), str(csv), "--period", "2026Q3"]) == 1
        assert "MISSING_METRIC" in capsys.readouterr().out

    @pytest.mark.parametrize(
        "extra",
        [
            ["--period", "2026Q9"],
            ["--period", "2026-07"],
            ["--period", "2026Q3", "--unit", "nobody"],
            ["--period", "2026Q3", "--officers"],
            ["--period", "2026Q3", "--previous", "/no/such.json"],
            ["--period", "2026Q3", "--ledger", "/no/such.db"],
        ],
    )
    def test_bad_input_exits_2_without_traceback(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
    ) -> None:
        with pytest.raises(SystemExit) as exc:
            main(["assess", str(self._scheme(tmp_path)), str(self._csv(tmp_path)), *extra])
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.startswith("govefficiency: error:")

    def test_damaged_ledger_exits_4_and_broken_chain_exits_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = tmp_path / "bad.db"
        bad.write_text("not a database", encoding="utf-8")
        args = ["assess", str(self._scheme(tmp_path)), str(self._csv(tmp_path)), "--period", "2026Q3"]
        assert main([*args, "--ledger", str(bad)]) == 4
        assert capsys.readouterr().err.startswith("govefficiency: error:")
        export = (DATA / "q3-ledger.jsonl").read_text(encoding="utf-8").replace('"share":70', '"share":90')
        tampered = tmp_path / "tampered.jsonl"
        tampered.write_text(export, encoding="utf-8")
        assert main([*args, "--ledger", str(tampered)]) == 1
        assert "Traceback" not in capsys.readouterr().err

    def test_rate_above_100_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        csv = self._csv(tmp_path, "c,unit,c,120,table\n")
        with pytest.raises(SystemExit) as exc:
            main(["assess", str(self._scheme(tmp_path)), str(csv), "--period", "2026Q3", "--lang", "zh"])
        assert exc.value.code == 2
        assert "不在 0–100 之间" in capsys.readouterr().err

    def test_preset_with_a_ledger_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The Nanyang preset reads the ledger's rows; the rest is missing and reported (exit 1)."""
        ledger = Ledger()
        ledger.open_items([_item("K1", "a", dt.date(2026, 9, 15))], at=dt.datetime(2026, 7, 1, 9, tzinfo=CST))
        ledger.to_jsonl(tmp_path / "l.jsonl")
        csv = tmp_path / "m.csv"
        csv.write_text("unit,category,metric,value\na,county,satisfaction.rate,91\n", encoding="utf-8")
        code = main(
            [
                "assess",
                "nanyang-quarterly",
                str(csv),
                "--period",
                "2026Q3",
                "--ledger",
                str(tmp_path / "l.jsonl"),
                "--json",
                "--officers",
            ]
        )
        assert code == 1
        data = json.loads(capsys.readouterr().out)
        unit = data["units"][0]
        # no rectification order was due (0 of 0): the rate is missing, not a full mark
        assert unit["missing"] == [
            "ledger.rectification_rate",
            "appraisal.multi",
            "escalation.supervision_notice",
            "accountability.all",
        ]
        assert "ledger.completion_rate" not in unit["missing"]
        assert data["officers"]["officers"][0]["grade"] == "incompetent"
