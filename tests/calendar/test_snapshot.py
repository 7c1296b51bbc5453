"""The stored PRC calendar snapshot (``calendar/_china_snapshot.json``) is exactly what the
installed ``holidays`` package and ``_notices.toml`` give: a cache, never a second source.

If a test here fails after upgrading ``holidays`` or editing ``_notices.toml``, regenerate
the snapshot (``python -m govefficiency.calendar._regenerate``), review the diff, commit.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import holidays
import pytest

from govefficiency.calendar import _china, _china_data, _regenerate, china_calendar
from govefficiency.calendar._china_data import (
    SNAPSHOT,
    HolidaysData,
    SnapshotData,
    installed_release,
    read_snapshot,
    render,
    snapshot_document,
)

from .conftest import modules_loaded_by


@pytest.fixture(scope="module")
def from_holidays() -> HolidaysData:
    return HolidaysData()


@pytest.fixture(scope="module")
def generated(from_holidays: HolidaysData) -> dict[str, object]:
    return snapshot_document(from_holidays)


@pytest.fixture
def fresh_caches() -> object:
    """Clear the data and calendar caches before and after the test."""
    for cached in (_china_data.china_data, _china._china_base, _china._china_calendar):
        cached.cache_clear()
    yield
    for cached in (_china_data.china_data, _china._china_base, _china._china_calendar):
        cached.cache_clear()


def test_the_stored_snapshot_is_what_holidays_and_the_notices_give(generated: dict[str, object]) -> None:
    """Byte for byte: regenerate with ``python -m govefficiency.calendar._regenerate``."""
    assert SNAPSHOT.read_text(encoding="utf-8") == render(generated), (
        "calendar/_china_snapshot.json is stale: run python -m govefficiency.calendar._regenerate"
    )


def test_the_snapshot_names_the_installed_holidays_release() -> None:
    doc = read_snapshot()
    assert doc is not None
    assert doc["holidays"] == holidays.__version__
    assert installed_release() == holidays.__version__  # read without importing holidays


def test_check_fails_on_a_stale_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generated: dict[str, object]
) -> None:
    """``--check`` passes on the stored file and fails on one that differs by one day."""
    monkeypatch.setattr(_regenerate, "snapshot_document", lambda: generated)
    assert _regenerate.main(["--check"]) == 0
    stale = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    stale["published"] = stale["published"][:-1]  # the last rest day of the last year dropped
    path = tmp_path / "snapshot.json"
    path.write_text(render(stale), encoding="utf-8")
    monkeypatch.setattr(_regenerate, "SNAPSHOT", path)
    assert _regenerate.main(["--check"]) == 1
    assert _regenerate.main(["--bogus"]) == 2


@pytest.mark.parametrize("official", range(2019, 2027))
def test_calendars_from_the_snapshot_equal_those_from_holidays(
    official: int, from_holidays: HolidaysData
) -> None:
    """Every published-through year ``as_known_on`` can reach, strict and provisional (to the
    largest ``provisional_years``): the same days, names, provenance and content hash."""
    doc = read_snapshot()
    assert doc is not None
    stored = SnapshotData(doc)
    assert stored.last_year == from_holidays.last_year == 2026
    for last in (official, official + 1, official + 5, 2026 + 50):
        a = _china.build_china(stored, last, official)
        b = _china.build_china(from_holidays, last, official)
        assert a == b, (official, last)
        assert a.version == b.version
        assert a.special == b.special  # names included (Text equality)


def test_the_snapshot_serves_the_default_calendar(fresh_caches: object) -> None:
    """With the release it was made from installed, the snapshot is used."""
    assert isinstance(_china_data.china_data(), SnapshotData)
    cal = china_calendar()
    assert cal.version.provenance.data_release == holidays.__version__
    assert cal.version.latest_notice is not None
    assert cal.version.latest_notice.number == "国办发明电〔2025〕7号"


def test_another_holidays_release_is_read_from_holidays(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: object
) -> None:
    """An upgraded holidays (which may carry next year's notice) is never hidden by the snapshot."""
    monkeypatch.setattr(_china_data, "installed_release", lambda: "999.0")
    assert isinstance(_china_data.china_data(), HolidaysData)
    assert china_calendar().official_through == dt.date(2026, 12, 31)


def test_an_unreadable_installation_asks_holidays(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: object
) -> None:
    """When the metadata file cannot be found, holidays itself is asked for its release."""
    monkeypatch.setattr(_china_data, "installed_release", lambda: None)
    assert isinstance(_china_data.china_data(), SnapshotData)
    monkeypatch.setattr(_china_data, "_holidays_release", lambda: "999.0")
    _china_data.china_data.cache_clear()
    assert isinstance(_china_data.china_data(), HolidaysData)


@pytest.mark.parametrize("content", ["", "{not json", '{"format": 99}', "[1, 2]"])
def test_a_missing_or_damaged_snapshot_falls_back_to_holidays(
    content: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: object
) -> None:
    path = tmp_path / "snapshot.json"
    if content:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(_china_data, "SNAPSHOT", path)
    assert read_snapshot(path) is None
    assert isinstance(_china_data.china_data(), HolidaysData)
    assert china_calendar().day_kind(dt.date(2026, 10, 10)).name == "MAKEUP_WORKDAY"


def test_statutory_years_beyond_the_snapshot_are_read_from_holidays(from_holidays: HolidaysData) -> None:
    doc = read_snapshot()
    assert doc is not None
    stored = SnapshotData(doc)
    assert stored.statutory(2080, 2081) == from_holidays.statutory(2080, 2081)
    assert stored.statutory(2026, 2026) == []


def test_the_deadline_path_does_not_import_holidays() -> None:
    """Building the calendar (strict and provisional) and computing a deadline leave
    ``holidays`` and the notice table unimported."""
    code = (
        "import datetime as dt\n"
        "from govefficiency import china_calendar, compute_deadline, WorkingDays\n"
        "china_calendar(provisional=True)\n"
        "compute_deadline(dt.date(2026, 9, 28), WorkingDays(20))"
    )
    assert modules_loaded_by(code, ("holidays", "govefficiency.calendar._notices")) == []
