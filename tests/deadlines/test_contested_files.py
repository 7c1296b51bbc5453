"""Issue 15, the file and command-line side: rule files carrying contested counting units
(``alternative``) and composite limits, the CLI over them, and a fuzz of the rule-file
parser. The counting cases themselves are in ``test_contested.py``.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.deadlines import (
    AlternativeReading,
    CalendarDays,
    Combine,
    CompositeLimit,
    Limb,
    RuleRegistry,
    WorkingDays,
    compute_deadline,
    get_rule,
)
from govefficiency.errors import InvalidTypeError, RuleError
from govefficiency.testing import run_cli
from govefficiency.text import Text
from strategies import rule_doc

D = dt.date


class TestRuleFiles:
    ALT = """
[[rules]]
id = "local.week"
title = { zh = "一周", en = "one week" }
citation = { law = { zh = "某市规定", en = "City provisions" }, article = "5" }
unit = "days"
length = 7
starts_from = { zh = "收到之日", en = "receipt" }
alternative = { unit = "working_days", length = 5, reason = { zh = "工作周", en = "a working week" } }
"""
    COMPOSITE = """
[[rules]]
id = "local.cap"
title = { zh = "封顶", en = "capped" }
citation = { law = { zh = "某市规定", en = "City provisions" }, article = "6" }
combine = "earliest"
limbs = [
  { event = "told", unit = "days", length = 15, starts_from = { zh = "告知之日", en = "notice" } },
  { event = "acted", unit = "months", length = 3, starts_from = { zh = "作出之日", en = "the act" } },
]
"""

    def test_alternative_loaded(self) -> None:
        """A locality declares an alternative reading in its rule file."""
        rule = RuleRegistry.load(_toml(self.ALT)).get("local.week")
        assert rule.alternative == AlternativeReading(WorkingDays(5), Text("工作周", "a working week"))

    def test_composite_loaded(self) -> None:
        """A locality declares a composite limit in its rule file."""
        rule = RuleRegistry.load(_toml(self.COMPOSITE)).get("local.cap")
        assert rule.composite is not None
        assert rule.composite.events == ("told", "acted")
        assert rule.period == CalendarDays(15)

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            (ALT.replace('unit = "working_days", length = 5', 'unit = "days", length = 7'), "rules[0]"),
            (ALT.replace('unit = "working_days", length = 5', 'unit = "hours", length = 5'), "alternative"),
            (ALT.replace(', reason = { zh = "工作周", en = "a working week" }', ""), "reason"),
            (COMPOSITE.replace('combine = "earliest"', 'combine = "soonest"'), "combine"),
            (COMPOSITE.replace('event = "acted"', 'event = "told"'), "rules[0]"),
            (COMPOSITE.replace('event = "acted"', 'event = "2 acted"'), "limbs[1]"),
            (COMPOSITE.replace('combine = "earliest"', 'combine = "earliest"\nunit = "days"'), "unit"),
            (
                COMPOSITE.replace(
                    'combine = "earliest"',
                    'combine = "earliest"\nalternative = { unit = "days", length = 9, reason = { zh = "x", en = "x" } }',
                ),
                "rules[0]",
            ),
        ],
    )
    def test_bad_files(self, text: str, where: str) -> None:
        """A malformed alternative or composite is a located RuleError."""
        with pytest.raises(RuleError, match=where.replace("[", r"\[").replace("]", r"\]")):
            RuleRegistry.load(_toml(text))

    def test_bad_values(self) -> None:
        """Constructing readings and limbs with wrong values is refused."""
        with pytest.raises(InvalidTypeError):
            AlternativeReading(5, Text("a", "a"))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            AlternativeReading(WorkingDays(5), "reason")  # type: ignore[arg-type]
        with pytest.raises(RuleError):
            CompositeLimit(Combine.EARLIEST, [Limb("a", CalendarDays(1), Text("a", "a"))])
        with pytest.raises(InvalidTypeError):
            CompositeLimit(Combine.EARLIEST, "ab")  # type: ignore[arg-type]
        with pytest.raises(RuleError):
            Limb("not an id", CalendarDays(1), Text("a", "a"))


def _toml(text: str) -> dict[str, object]:
    import tomllib

    return tomllib.loads(text)


class TestCommandLine:
    def test_text_shows_both(self) -> None:
        """The text output gives the primary due date, then the alternative with its reason."""
        code, out, _ = run_cli(
            "deadline", "2026-09-28", "--rule", "licensing.hearing_request", "--lang", "en"
        )
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "due: 2026-10-08"
        assert lines[1] == "alternative reading (5 working days): 2026-10-10"
        assert lines[2].startswith("  reason: art. 82")

    def test_zh_and_explain(self) -> None:
        """In Chinese with --explain, both readings appear."""
        code, out, _ = run_cli("deadline", "2026-09-30", "--rule", "nanyang.multi_department", "--explain")
        assert code == 0
        assert "截止日期: 2026-10-08" in out
        assert "另一种读法（5个工作日）: 2026-10-13" in out
        assert "另一种读法的计算" in out

    def test_json_shows_both(self) -> None:
        """--json carries the alternative."""
        code, out, _ = run_cli("deadline", "2026-09-28", "--rule", "licensing.hearing_request", "--json")
        assert code == 0
        data = json.loads(out)
        assert data["due_date"] == "2026-10-08"
        assert data["alternative"]["due_date"] == "2026-10-10"

    def test_alternative_beyond_the_calendar(self) -> None:
        """Accepted Tue 2026-12-08 under hunan.single_agency: 20 days end Mon 12-28, but 20
        working days run into 2027, whose arrangement is not published: the alternative is
        undetermined, said so, and the command exits 3."""
        d = compute_deadline(D(2026, 12, 8), get_rule("hunan.single_agency"))
        assert d.due_date == D(2026, 12, 28)
        assert d.alternative is not None
        assert d.alternative.undetermined
        assert d.alternative.due_date is None
        code, out, _ = run_cli("deadline", "2026-12-08", "--rule", "hunan.single_agency", "--lang", "en")
        assert code == 3
        assert "due: 2026-12-28" in out
        assert "cannot be computed" in out
        code, out, _ = run_cli("deadline", "2026-12-08", "--rule", "hunan.single_agency", "--json")
        assert code == 3
        assert json.loads(out)["alternative"]["undetermined"] is True
        code, out, _ = run_cli(
            "deadline", "2026-12-08", "--rule", "hunan.single_agency", "--provisional", "--lang", "en"
        )
        assert code == 0
        assert "(provisional)" in out.splitlines()[1]

    def test_rules_listing(self) -> None:
        """`rules --json` lists each rule's alternative and composite shape."""
        code, out, _ = run_cli("rules", "--json")
        assert code == 0
        rules = {r["id"]: r for r in json.loads(out)}
        assert rules["licensing.hearing_request"]["alternative"]["unit"] == "working_days"
        assert rules["review.application_uninformed"]["composite"]["combine"] == "earliest"
        assert rules["licensing.decision"]["alternative"] is None
        code, out, _ = run_cli("rules", "--lang", "en")
        assert "5 days (or 5 working days)" in out


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=400),
    st.sampled_from(
        ["days", "working_days", "months", "years", "hours", "weeks", "earliest", "latest", "", "a b"]
    ),
    st.fixed_dictionaries({"zh": st.text(max_size=3), "en": st.text(max_size=3)}),
)
_LIMB = st.dictionaries(
    st.sampled_from(["event", "unit", "length", "starts_from", "extra"]), _VALUES, max_size=5
)


@settings(max_examples=150, deadline=None)
@given(
    alternative=st.one_of(
        st.none(),
        _VALUES,
        st.dictionaries(st.sampled_from(["unit", "length", "reason", "extra"]), _VALUES, max_size=4),
    ),
    combine=st.one_of(st.none(), _VALUES),
    limbs=st.one_of(st.none(), _VALUES, st.lists(_LIMB, max_size=3)),
    bare=st.booleans(),
)
def test_fuzz_rule_files(alternative: object, combine: object, limbs: object, bare: bool) -> None:
    """Whatever the alternative and composite keys hold, loading gives a registry or a
    RuleError — never another exception."""
    rule = rule_doc(
        "local.fuzz", ("模糊", "fuzz"), ("某规定", "provisions"), "days", 7, ("收到之日", "receipt")
    )
    for key, value in (("alternative", alternative), ("combine", combine), ("limbs", limbs)):
        if value is not None:
            rule[key] = value
    if bare:  # as a composite rule is written: no top-level period
        for key in ("unit", "length", "starts_from"):
            del rule[key]
    try:
        registry = RuleRegistry.load({"rules": [rule]})
    except RuleError:
        return
    loaded = registry.get("local.fuzz")
    assert loaded.alternative is None or loaded.alternative.period != loaded.period
