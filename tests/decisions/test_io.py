"""Decision-record files (TOML/JSON): loading, round trips and located errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govefficiency.decisions import DecisionRecord, ProcedureSpec
from govefficiency.errors import DecisionRecordError, DecisionRecordFileError, LoadError, ProcedureSpecError
from strategies import file_at


def _base() -> dict[str, Any]:
    return {
        "matter": {"title": "票价调整", "category": "public_policy", "flags": ["livelihood"]},
        "steps": [{"kind": "public_comment", "published": "2026-09-10", "closed": "2026-10-10"}],
    }


def _fail(doc: dict[str, Any]) -> DecisionRecordFileError:
    with pytest.raises(DecisionRecordFileError) as info:
        DecisionRecord.load(doc)
    return info.value


class TestLoad:
    def test_toml_equals_built_record(self, data: Path, compliant: DecisionRecord) -> None:
        """The TOML file of the compliant decision loads to the same record as the Python one."""
        assert DecisionRecord.load(data / "fares.toml") == compliant

    def test_json_equals_toml(self, data: Path) -> None:
        """The JSON file (dates as ISO strings) loads to the same record as the TOML file."""
        assert DecisionRecord.load(data / "fares.json") == DecisionRecord.load(data / "fares.toml")

    def test_round_trip(self, compliant: DecisionRecord) -> None:
        """to_dict() is the file format: loading it gives the record back, through JSON too."""
        assert DecisionRecord.load(compliant.to_dict()) == compliant
        assert (
            DecisionRecord.load(json.loads(json.dumps(compliant.to_dict(), ensure_ascii=False))) == compliant
        )

    def test_in_progress_record(self, data: Path) -> None:
        """Dates still ahead (closed, opinion) may be left out."""
        record = DecisionRecord.load(data / "in_progress.toml")
        comment = record.steps[0]
        assert comment.kind.value == "public_comment"
        assert comment.closed is None

    def test_defaults(self) -> None:
        """Without alternatives or steps a record has one plan and no step."""
        record = DecisionRecord.load({"matter": {"title": "票价调整", "category": "public_policy"}})
        assert record.alternatives == 1
        assert record.steps == ()


class TestBadFiles:
    def test_unknown_step_kind(self) -> None:
        """An unknown step kind is an error located at its key."""
        doc = _base()
        doc["steps"].append({"kind": "party_report", "date": "2026-10-11"})
        error = _fail(doc)
        assert error.location == "steps[1].kind"
        assert "public_comment" in error.en  # lists the known kinds

    def test_close_before_publish(self) -> None:
        """A comment closed before it was published is a located DecisionRecordError."""
        doc = _base()
        doc["steps"][0]["closed"] = "2026-09-01"
        error = _fail(doc)
        assert isinstance(error, DecisionRecordError)
        assert isinstance(error, LoadError)
        assert error.location == "steps[0]"
        assert "closed" in error.en
        assert error.zh is not None
        assert "早于" in error.zh

    def test_unknown_key(self) -> None:
        """A misspelt key is rejected, naming the allowed keys."""
        doc = _base()
        doc["steps"][0]["close"] = "2026-10-10"
        error = _fail(doc)
        assert error.location == "steps[0].close"
        assert "allowed here" in error.en

    def test_unknown_top_level_key(self) -> None:
        """An unknown top-level key is rejected too."""
        doc = _base()
        doc["procedure"] = "national"
        assert _fail(doc).location == "procedure"

    def test_duplicate_step(self) -> None:
        """A step kind given twice names where it first appeared."""
        doc = _base()
        doc["steps"].append({"kind": "public_comment", "published": "2026-09-11"})
        error = _fail(doc)
        assert error.location == "steps[1].kind"
        assert "steps[0]" in error.en

    def test_bad_date(self) -> None:
        """A date that is not YYYY-MM-DD is a located error."""
        doc = _base()
        doc["steps"][0]["published"] = "10 Sept 2026"
        assert _fail(doc).location == "steps[0].published"

    def test_unknown_flag_and_category(self) -> None:
        """Flags and categories must come from the documented vocabularies."""
        doc = _base()
        doc["matter"]["flags"] = ["livelihood", "urgent"]
        assert _fail(doc).location == "matter.flags[1]"
        doc = _base()
        doc["matter"]["category"] = "pricing"
        assert _fail(doc).location == "matter.category"

    def test_missing_matter(self) -> None:
        """The matter table is required."""
        assert _fail({"steps": []}).location == "matter"

    def test_bad_opinion(self) -> None:
        """A department opinion without its department is located inside the consultation."""
        doc = _base()
        doc["steps"].append({"kind": "consultation", "date": "2026-09-16", "opinions": [{"agreed": True}]})
        assert _fail(doc).location == "steps[1].opinions[0].department"

    def test_negative_citizens(self) -> None:
        """A negative count of citizen representatives is rejected at its key."""
        doc = _base()
        doc["steps"].append(
            {
                "kind": "collective_discussion",
                "date": "2026-10-20",
                "meeting": "standing",
                "head": "市长",
                "decision": "approve",
                "citizen_representatives": -2,
            }
        )
        assert _fail(doc).location == "steps[1].citizen_representatives"

    @pytest.mark.parametrize(
        ("load", "name", "text", "error", "match"),
        [
            (DecisionRecord.load, "missing.toml", None, DecisionRecordFileError, "no such file"),
            (DecisionRecord.load, "record.yaml", "matter: {}", DecisionRecordFileError, "suffix"),
            (DecisionRecord.load, "record.toml", "[matter\ntitle = 1", DecisionRecordFileError, "TOML"),
            (ProcedureSpec.load, "none.toml", None, ProcedureSpecError, "no such file"),
            (ProcedureSpec.load, "bad.json", "{", ProcedureSpecError, "JSON"),
        ],
    )
    def test_file_errors(
        self, tmp_path: Path, load: Any, name: str, text: str | None, error: type[Exception], match: str
    ) -> None:
        """Missing files, unknown suffixes and syntax errors raise the loader's file error
        (records: DecisionRecordFileError; procedure specs: ProcedureSpecError)."""
        with pytest.raises(error, match=match):
            load(file_at(tmp_path, name, text))

    def test_a_number_is_not_a_file(self) -> None:
        with pytest.raises(DecisionRecordFileError):
            DecisionRecord.load(42)  # type: ignore[arg-type]

    def test_toml_datetime_rejected(self, tmp_path: Path) -> None:
        """A TOML date-time where a date is expected is rejected at its key."""
        text = (
            '[matter]\ntitle = "t"\ncategory = "public_policy"\n'
            '[[steps]]\nkind = "expert_evaluation"\ndate = 2026-09-07T09:00:00+08:00\n'
        )
        path = file_at(tmp_path, "record.toml", text)
        with pytest.raises(DecisionRecordFileError) as info:
            DecisionRecord.load(path)
        assert info.value.location == "steps[0].date"
