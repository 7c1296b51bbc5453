"""Patch validation against the notice: holiday blocks, make-up days, the 2027 template."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import CalendarPatch, HolidayBlock
from govefficiency.errors import PatchError
from govefficiency.text import Text

from .conftest import FIXTURE_2027, TEMPLATE_2027

D = dt.date


@pytest.fixture
def doc() -> dict[str, Any]:
    """The invented 2027 fixture as a parsed mapping, to break in one place per test."""
    return tomllib.loads(FIXTURE_2027.read_text(encoding="utf-8"))


def _block(doc: dict[str, Any], zh: str) -> dict[str, Any]:
    return next(b for b in doc["blocks"] if b["name"]["zh"] == zh)


class TestBlocks:
    def test_fixture_loads_with_its_blocks(self, doc: dict[str, Any]) -> None:
        """The fixture's seven blocks agree with its days."""
        patch = CalendarPatch.load(doc)
        assert len(patch.blocks) == 7
        assert patch.notice == "国办发明电〔2026〕TEST号"
        assert patch.published_on == D(2026, 11, 5)

    def test_count_disagrees_with_the_dates(self, doc: dict[str, Any]) -> None:
        """春节 2027-02-05..02-12 is 8 days; a notice copied as 共7天 is caught, located."""
        _block(doc, "春节")["count"] = 7
        with pytest.raises(PatchError) as info:
            CalendarPatch.load(doc)
        assert info.value.location == "blocks[1]"
        assert "2027-02-05 to 2027-02-12 is 8 days, but the block says count = 7" in str(info.value)
        assert "共 8 天" in (info.value.zh or "")

    def test_weekday_in_a_block_left_working(self, doc: dict[str, Any]) -> None:
        """Forgetting the 调休 day Fri 2027-02-12 leaves a weekday of the block working."""
        doc["days"] = [d for d in doc["days"] if d["date"] != D(2027, 2, 12)]
        with pytest.raises(PatchError, match=r"2027-02-12 \(Friday\) lies in the Spring Festival block"):
            CalendarPatch.load(doc)

    def test_makeup_day_not_named_by_the_notice(self, doc: dict[str, Any]) -> None:
        """A make-up Saturday the blocks do not list among their workdays."""
        doc["days"].append({"date": D(2027, 3, 6), "kind": "makeup_workday"})
        with pytest.raises(
            PatchError, match="2027-03-06 is a makeup_workday in the patch but no block names it"
        ):
            CalendarPatch.load(doc)

    def test_block_workday_not_listed(self, doc: dict[str, Any]) -> None:
        """A 上班 day of a block that is missing from the days."""
        doc["days"] = [d for d in doc["days"] if d["date"] != D(2027, 2, 20)]
        with pytest.raises(PatchError, match=r"2027-02-20 is a working day .* of the Spring Festival block"):
            CalendarPatch.load(doc)

    def test_rest_day_outside_every_block(self, doc: dict[str, Any]) -> None:
        """A typo'd holiday date outside the blocks."""
        doc["days"].append({"date": D(2027, 3, 3), "kind": "public_holiday", "name": {"zh": "x", "en": "x"}})
        with pytest.raises(
            PatchError, match="2027-03-03 is a public_holiday in the patch but lies in no holiday block"
        ):
            CalendarPatch.load(doc)

    def test_overlapping_blocks(self, doc: dict[str, Any]) -> None:
        """Two blocks cannot share a day."""
        doc["blocks"].append(
            {
                "name": {"zh": "重复", "en": "Duplicate"},
                "first": D(2027, 4, 5),
                "last": D(2027, 4, 5),
                "count": 1,
            }
        )
        with pytest.raises(PatchError, match="lies in two holiday blocks"):
            CalendarPatch.load(doc)

    def test_makeup_day_on_a_weekday(self, doc: dict[str, Any]) -> None:
        """A make-up day on Monday 2027-02-15 is refused (补班 is a weekend day)."""
        doc["days"].append({"date": D(2027, 2, 15), "kind": "makeup_workday"})
        with pytest.raises(PatchError, match="2027-02-15 is a Monday: a make-up working day"):
            CalendarPatch.load(doc)

    def test_unknown_block_key(self, doc: dict[str, Any]) -> None:
        """A misspelt key in a block is refused, located."""
        _block(doc, "元旦")["cuont"] = 3
        with pytest.raises(PatchError, match="cuont"):
            CalendarPatch.load(doc)

    def test_holiday_block_bad_input(self) -> None:
        """The constructor checks its fields."""
        name = Text("春节", "Spring Festival")
        with pytest.raises(PatchError, match="positive integer"):
            HolidayBlock(name, D(2027, 2, 5), D(2027, 2, 12), True)  # type: ignore[arg-type]
        with pytest.raises(PatchError, match="before the first"):
            HolidayBlock(name, D(2027, 2, 12), D(2027, 2, 5), 8)
        with pytest.raises(PatchError, match="must be dates"):
            HolidayBlock(name, "2027-02-05", D(2027, 2, 12), 8)  # type: ignore[arg-type]
        with pytest.raises(PatchError, match="needs a name"):
            HolidayBlock("春节", D(2027, 2, 5), D(2027, 2, 12), 8)  # type: ignore[arg-type]
        with pytest.raises(PatchError, match="list of dates"):
            HolidayBlock(name, D(2027, 2, 5), D(2027, 2, 12), 8, "2027-02-13")  # type: ignore[arg-type]

    def test_patch_header_bad_input(self) -> None:
        """notice, published_on and correction check their types."""
        with pytest.raises(PatchError, match="document number"):
            CalendarPatch(2027, "x", (), notice="  ")
        with pytest.raises(PatchError, match="published_on must be a date"):
            CalendarPatch(2027, "x", (), published_on="2026-11-05")  # type: ignore[arg-type]
        with pytest.raises(PatchError, match="'correction' must be true or false"):
            CalendarPatch(2027, "x", (), correction="yes")  # type: ignore[arg-type]
        with pytest.raises(PatchError, match="blocks must be HolidayBlock"):
            CalendarPatch(2027, "x", (), blocks=["春节"])  # type: ignore[list-item]

    @settings(max_examples=60, deadline=None)
    @given(count=st.integers(min_value=-3, max_value=40), shift=st.integers(min_value=-10, max_value=10))
    def test_fuzz_block_counts(self, count: int, shift: int) -> None:
        """Any count or end date either loads consistently or raises a PatchError — nothing else."""
        doc = tomllib.loads(FIXTURE_2027.read_text(encoding="utf-8"))
        block = _block(doc, "春节")
        block["count"] = count
        block["last"] = D(2027, 2, 12) + dt.timedelta(days=shift)
        if (count, shift) == (8, 0):
            assert CalendarPatch.load(copy.deepcopy(doc)).blocks[1].count == 8
        else:
            with pytest.raises(PatchError):
                CalendarPatch.load(copy.deepcopy(doc))


class TestTemplate:
    def test_unfilled_template_is_refused(self) -> None:
        """The shipped 2027 template cannot be loaded until filled: a clear, located error."""
        with pytest.raises(PatchError) as info:
            CalendarPatch.load(TEMPLATE_2027)
        assert info.value.location == "template"
        assert "unfilled patch template" in str(info.value)
        assert "删除 template = true" in (info.value.zh or "")

    def test_removing_the_marker_is_not_enough(self, tmp_path: Path) -> None:
        """With the marker deleted but nothing filled in, the empty values are still refused."""
        text = TEMPLATE_2027.read_text(encoding="utf-8").replace("template = true", "")
        path = tmp_path / "cn-2027.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PatchError, match="source"):
            CalendarPatch.load(path)
        path.write_text(
            text.replace('source = ""', 'source = "国务院办公厅关于2027年部分节假日安排的通知"'),
            encoding="utf-8",
        )
        with pytest.raises(PatchError, match="notice: must not be empty"):
            CalendarPatch.load(path)
        filled = text.replace('source = ""', 'source = "s"').replace('notice = ""', 'notice = "n"')
        path.write_text(filled, encoding="utf-8")
        with pytest.raises(PatchError, match="complete patch lists the year's days off"):
            CalendarPatch.load(path)

    def test_template_keys_are_the_format(self) -> None:
        """Every key of the template (and of its commented examples) is a key of the patch format."""
        text = TEMPLATE_2027.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        assert set(data) == {"template", "year", "complete", "name", "source", "notice"}
        assert data["year"] == 2027
        assert data["complete"] is True
        for key in ("published_on", "first", "last", "count", "workdays", "date", "kind"):
            assert f"# {key} =" in text or f"#   {key}" in text or f"# {key}" in text
