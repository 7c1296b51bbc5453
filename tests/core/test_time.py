"""The private date/instant helpers shared by every module (``govefficiency._time``)."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from govefficiency._time import (
    DEFAULT_ZONE,
    check_zone,
    end_of_day,
    local_date,
    parse_iso_date,
    parse_iso_instant,
    require_aware,
    require_date,
    zone,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError

UTC = dt.UTC
EIGHT_HOURS = dt.timedelta(hours=8)


class _NoOffset(dt.tzinfo):
    """A tzinfo that does not know its offset: such a datetime is still naive."""

    def utcoffset(self, value: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, value: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, value: dt.datetime | None) -> str | None:
        return None


class TestRequireDate:
    def test_plain_date_is_returned(self) -> None:
        """A datetime.date passes through unchanged."""
        day = dt.date(2026, 10, 9)
        assert require_date(day, "day") is day

    def test_date_subclass_becomes_a_plain_date(self) -> None:
        """A pendulum.Date is converted to a plain datetime.date."""
        value = require_date(pendulum.date(2026, 10, 9), "day")
        assert type(value) is dt.date
        assert value == dt.date(2026, 10, 9)

    @pytest.mark.parametrize(
        "value",
        [
            dt.datetime(2026, 10, 9, 9),
            dt.datetime(2026, 10, 9, 9, tzinfo=UTC),
            pendulum.datetime(2026, 10, 9),
        ],
    )
    def test_datetimes_are_refused(self, value: dt.datetime) -> None:
        """Naive or aware, a datetime is not a calendar date: the day would be guessed."""
        with pytest.raises(
            InvalidTypeError, match=r"deadline must be a calendar date .* not a datetime"
        ) as info:
            require_date(value, "deadline")
        assert info.value.zh is not None
        assert "时区" in info.value.zh

    @pytest.mark.parametrize(
        ("value", "name"), [("2026-10-09", "str"), (20261009, "int"), (None, "NoneType")]
    )
    def test_other_types_are_refused(self, value: object, name: str) -> None:
        """Strings and numbers raise InvalidTypeError naming the type and how to parse."""
        with pytest.raises(InvalidTypeError, match=f"start must be a datetime.date, not {name}"):
            require_date(value, "start")


class TestRequireAware:
    def test_aware_datetime_is_returned(self) -> None:
        """An aware datetime passes through unchanged."""
        value = dt.datetime(2026, 10, 9, 9, tzinfo=UTC)
        assert require_aware(value, "at") is value

    def test_pendulum_datetime_is_aware(self) -> None:
        """pendulum datetimes are aware and accepted."""
        value = pendulum.datetime(2026, 10, 9, 9, tz="Asia/Shanghai")
        assert require_aware(value, "at") is value

    def test_naive_datetime_is_refused(self) -> None:
        """A naive datetime raises NaiveDatetimeError naming it and how to attach a zone."""
        with pytest.raises(
            NaiveDatetimeError, match=r"at is a naive datetime \(2026-10-09T09:00:00\)"
        ) as info:
            require_aware(dt.datetime(2026, 10, 9, 9), "at")
        assert "pendulum.instance" in str(info.value)
        assert isinstance(info.value, InvalidInputError)
        assert isinstance(info.value, ValueError)

    def test_tzinfo_without_offset_is_naive(self) -> None:
        """A tzinfo whose utcoffset() is None does not make a datetime aware."""
        with pytest.raises(NaiveDatetimeError):
            require_aware(dt.datetime(2026, 10, 9, 9, tzinfo=_NoOffset()), "at")

    @pytest.mark.parametrize("value", [dt.date(2026, 10, 9), "2026-10-09T09:00+08:00", 1_790_000_000])
    def test_non_datetimes_are_refused(self, value: object) -> None:
        """Dates, strings and timestamps raise InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="at must be a timezone-aware datetime, not"):
            require_aware(value, "at")


class TestZones:
    def test_default_zone(self) -> None:
        """The default zone is Asia/Shanghai, UTC+8 all year."""
        assert DEFAULT_ZONE == "Asia/Shanghai"
        tz = zone(DEFAULT_ZONE)
        assert dt.datetime(2026, 1, 1, tzinfo=tz).utcoffset() == EIGHT_HOURS
        assert dt.datetime(2026, 7, 1, tzinfo=tz).utcoffset() == EIGHT_HOURS

    def test_zone_is_cached(self) -> None:
        """Looking a zone up twice returns the same object."""
        assert zone("Europe/Berlin") is zone("Europe/Berlin")

    def test_unknown_zone(self) -> None:
        """An unknown name raises InvalidInputError with an example."""
        with pytest.raises(InvalidInputError, match="unknown time zone 'Beijing': use an IANA name"):
            zone("Beijing")
        with pytest.raises(InvalidInputError, match="unknown time zone"):
            check_zone("")

    def test_zone_must_be_a_string(self) -> None:
        """A tzinfo object is not a zone name."""
        with pytest.raises(InvalidTypeError, match="a time zone must be an IANA name"):
            zone(UTC)  # type: ignore[arg-type]

    def test_check_zone_returns_the_name(self) -> None:
        """check_zone validates and returns the name unchanged."""
        assert check_zone("Asia/Hong_Kong") == "Asia/Hong_Kong"


class TestLocalDateAndEndOfDay:
    def test_local_date_crosses_midnight(self) -> None:
        """17:00 UTC on 30 September is already 1 October in Shanghai."""
        instant = dt.datetime(2026, 9, 30, 17, 0, tzinfo=UTC)
        assert local_date(instant, "Asia/Shanghai") == dt.date(2026, 10, 1)
        assert local_date(instant, "Europe/Berlin") == dt.date(2026, 9, 30)

    def test_end_of_day_is_the_last_microsecond(self) -> None:
        """The statutory 24:00 is the last representable instant of the day, in the zone."""
        end = end_of_day(dt.date(2026, 10, 9), "Asia/Shanghai")
        assert (end.hour, end.minute, end.second, end.microsecond) == (23, 59, 59, 999999)
        assert end.utcoffset() == EIGHT_HOURS
        assert end.astimezone(UTC) == dt.datetime(2026, 10, 9, 15, 59, 59, 999999, tzinfo=UTC)

    def test_end_of_day_at_close_of_business(self) -> None:
        """With close= the day ends at the close of business."""
        end = end_of_day(dt.date(2026, 10, 9), "Asia/Shanghai", dt.time(17, 30))
        assert end.astimezone(UTC) == dt.datetime(2026, 10, 9, 9, 30, tzinfo=UTC)


class TestParsing:
    def test_parse_iso_date(self) -> None:
        """YYYY-MM-DD parses to a date."""
        assert parse_iso_date("2026-10-09", "date") == dt.date(2026, 10, 9)

    @pytest.mark.parametrize("text", ["2026-02-30", "09/10/2026", "", "2026-10-09T09:00"])
    def test_parse_iso_date_rejects_other_forms(self, text: str) -> None:
        """Anything but a valid YYYY-MM-DD raises InvalidInputError quoting the text."""
        with pytest.raises(InvalidInputError, match="is not a date in the form YYYY-MM-DD"):
            parse_iso_date(text, "date")

    def test_parse_iso_date_needs_a_string(self) -> None:
        """A date object is not a string to parse."""
        with pytest.raises(InvalidTypeError, match="must be an ISO date string"):
            parse_iso_date(dt.date(2026, 10, 9), "date")  # type: ignore[arg-type]

    def test_instant_with_offset_keeps_it(self) -> None:
        """An explicit offset is kept."""
        value = parse_iso_instant("2026-10-12T09:00+00:00", "at")
        assert value == dt.datetime(2026, 10, 12, 9, tzinfo=UTC)

    def test_instant_without_offset_is_read_in_the_default_zone(self) -> None:
        """People at a Shanghai office write local times: no offset means Asia/Shanghai."""
        value = parse_iso_instant("2026-10-12T09:00", "at")
        assert value.utcoffset() == EIGHT_HOURS
        assert value.astimezone(UTC) == dt.datetime(2026, 10, 12, 1, tzinfo=UTC)

    def test_instant_default_zone_can_be_changed(self) -> None:
        """default_zone chooses the zone of offset-less text."""
        value = parse_iso_instant("2026-10-12T09:00", "at", default_zone="Europe/Berlin")
        assert value.astimezone(UTC) == dt.datetime(2026, 10, 12, 7, tzinfo=UTC)

    def test_bare_date_is_the_start_of_the_day(self) -> None:
        """A bare date means midnight at the start of that day."""
        value = parse_iso_instant("2026-10-12", "at")
        assert (value.hour, value.minute, value.utcoffset()) == (0, 0, EIGHT_HOURS)

    def test_bad_instant(self) -> None:
        """Unparseable text raises InvalidInputError with an example."""
        with pytest.raises(InvalidInputError, match="is not an ISO 8601 date-time such as 2026-10-12T09:00"):
            parse_iso_instant("tomorrow", "at")
        with pytest.raises(InvalidTypeError, match="must be an ISO 8601 date-time string"):
            parse_iso_instant(None, "at")  # type: ignore[arg-type]


class TestDataFrameDays:
    """pandas Timestamps and numpy datetime64 values are accepted where a date is meant
    when they stand for a whole day; a time of day or a zone is still refused."""

    def test_numpy(self):
        np = pytest.importorskip("numpy")
        from govefficiency._time import require_date
        from govefficiency.errors import InvalidTypeError

        assert require_date(np.datetime64("2026-10-08"), "d") == dt.date(2026, 10, 8)
        assert require_date(np.datetime64("2026-10-08T00:00:00"), "d") == dt.date(2026, 10, 8)
        for bad in (np.datetime64("2026-10-08T09:00"), np.datetime64("NaT")):
            with pytest.raises(InvalidTypeError):
                require_date(bad, "d")

    def test_pandas(self):
        pd = pytest.importorskip("pandas")
        from govefficiency._time import require_date
        from govefficiency.errors import InvalidTypeError

        assert require_date(pd.Timestamp("2026-09-28"), "d") == dt.date(2026, 9, 28)
        assert type(require_date(pd.Timestamp("2026-09-28"), "d")) is dt.date
        for bad in (pd.Timestamp("2026-09-28 09:00"), pd.Timestamp("2026-09-28", tz="Asia/Shanghai")):
            with pytest.raises(InvalidTypeError):
                require_date(bad, "d")
        # the README's licence example, started from a data-frame cell: 20 working days
        # from Mon 2026-09-28 across National Day end Fri 2026-10-30
        from govefficiency.deadlines import compute_deadline, get_rule

        deadline = compute_deadline(pd.Timestamp("2026-09-28"), get_rule("licensing.decision"))
        assert deadline.due_date == dt.date(2026, 10, 30)
        assert deadline.start == dt.date(2026, 9, 28)
