"""Statute presets and rule files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govefficiency.deadlines import (
    CalendarDays,
    Direction,
    RuleRegistry,
    WorkingDays,
    get_rule,
    rule_presets,
)
from govefficiency.errors import RuleError

LOCAL = """
[[rules]]
id = "local.permit"
title = { zh = "本地许可", en = "Local permit" }
citation = { law = { zh = "某市规定", en = "City provisions" }, article = "12", year = 2024 }
unit = "working_days"
length = 8
starts_from = { zh = "受理之日", en = "acceptance" }
extension = { unit = "working_days", max = 4, approver = { zh = "局长", en = "the director" } }
"""


class TestPresets:
    def test_every_domain_preset_is_shipped(self) -> None:
        """The presets of DOMAIN.md §1 are all in the registry with a citation."""
        ids = {r.id for r in rule_presets()}
        for rule_id in (
            "licensing.decision",
            "licensing.joint_decision",
            "licensing.completeness_notice",
            "licensing.certificate",
            "licensing.hearing_request",
            "licensing.hearing_organise",
            "licensing.lower_level_review",
            "licensing.renewal_application",
            "review.application_uninformed",
            "ogi.reply",
            "ogi.correction_notice",
            "ogi.third_party_opinion",
            "ogi.agency_opinion",
            "penalty.decision",
            "penalty.hearing_request",
            "penalty.hearing_notice",
            "review.application",
            "review.decision",
            "review.simple_decision",
            "litigation.filing",
            "hunan.single_agency",
            "hunan.multi_department",
            "hunan.review_approval",
            "hunan.ex_officio",
            "nanyang.single_department",
            "nanyang.multi_department",
        ):
            assert rule_id in ids
            assert get_rule(rule_id).citation.article or get_rule(rule_id).citation.note

    def test_units_follow_the_statutes(self) -> None:
        """Licensing and OGI limits are working days (the applicant's hearing request and the
        holder's renewal application are calendar days); the penalty decision's 90 days are
        calendar days."""
        assert get_rule("licensing.decision").period == WorkingDays(20)
        assert get_rule("licensing.lower_level_review").period == WorkingDays(20)
        assert get_rule("licensing.hearing_request").period == CalendarDays(5)
        assert get_rule("licensing.renewal_application").period == CalendarDays(30)
        assert get_rule("ogi.reply").period == WorkingDays(20)
        assert get_rule("penalty.hearing_request").period == WorkingDays(5)
        assert get_rule("penalty.decision").period == CalendarDays(90)
        assert get_rule("penalty.hearing_notice").direction is Direction.BEFORE

    def test_consequences(self) -> None:
        """Deemed acceptance, renewal and consent are recorded as consequences."""
        assert get_rule("licensing.completeness_notice").consequence.code == "DEEMED_ACCEPTED"  # type: ignore[union-attr]
        assert get_rule("licensing.renewal_decision").consequence.code == "DEEMED_RENEWED"  # type: ignore[union-attr]
        assert get_rule("ogi.agency_opinion").consequence.code == "DEEMED_CONSENT"  # type: ignore[union-attr]

    def test_extension_allowance(self) -> None:
        """行政许可法 art. 42 allows 10 working days once, approved by the agency head."""
        ext = get_rule("licensing.decision").extension
        assert ext is not None
        assert ext.max == WorkingDays(10)
        assert ext.times == 1
        assert "负责人" in ext.approver.zh


class TestRuleFiles:
    def test_load_and_extend(self, tmp_path: Path) -> None:
        """A locality's TOML rules load and extend the national registry."""
        path = tmp_path / "local.toml"
        path.write_text(LOCAL, encoding="utf-8")
        registry = rule_presets().extended(RuleRegistry.load(path))
        assert registry.get("local.permit").period == WorkingDays(8)
        assert "licensing.decision" in registry

    def test_json_rules(self, tmp_path: Path) -> None:
        """The same rule loads from JSON."""
        import tomllib

        path = tmp_path / "local.json"
        path.write_text(json.dumps(tomllib.loads(LOCAL)), encoding="utf-8")
        assert RuleRegistry.load(path).get("local.permit").title.en == "Local permit"

    def test_duplicate_id_when_extending(self, tmp_path: Path) -> None:
        """Redefining a national id is an error, not a silent override."""
        path = tmp_path / "dup.toml"
        path.write_text(LOCAL.replace("local.permit", "licensing.decision"), encoding="utf-8")
        with pytest.raises(RuleError, match="defined twice"):
            rule_presets().extended(RuleRegistry.load(path))

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (("length = 8", "length = -8"), "at least 0"),
            (('unit = "working_days"\nlength', 'unit = "weeks"\nlength'), "must be one of"),
            (('article = "12"', 'article = "12", chapter = 3'), "unknown key 'chapter'"),
            (
                ('starts_from = { zh = "受理之日", en = "acceptance" }\n', ""),
                "starts_from: this key is required",
            ),
            (("max = 4", "max = 4, unit2 = 1"), "unknown key"),
        ],
    )
    def test_malformed_rule_files(self, tmp_path: Path, change: tuple[str, str], message: str) -> None:
        """Malformed rule files raise RuleError naming the key."""
        path = tmp_path / "bad.toml"
        path.write_text(LOCAL.replace(*change), encoding="utf-8")
        with pytest.raises(RuleError, match=message) as info:
            RuleRegistry.load(path)
        assert str(path) in str(info.value)

    def test_syntax_error_has_line(self, tmp_path: Path) -> None:
        """A TOML syntax error names the line."""
        path = tmp_path / "broken.toml"
        path.write_text("[[rules]]\nid = \n", encoding="utf-8")
        with pytest.raises(RuleError, match="line 2"):
            RuleRegistry.load(path)
