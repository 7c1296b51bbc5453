"""Application records: first contact, one-time notice, A/B cover, files."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError
from govefficiency.services import (
    Absence,
    ApplicationRegister,
    CatalogueFileError,
    CorrectionNotice,
    FirstContact,
    Light,
    Referral,
    SuspensionRecord,
    application_status,
    check_applications,
    load_applications,
    loads_applications,
    status_board,
)

from .conftest import DATA, app, article, at, catalogue, file_error


def codes(apps: object, when: dt.datetime | None = None) -> list[str]:
    return sorted(f.code for f in check_applications(apps, catalogue(), at=when or at(11, 30)))  # type: ignore[arg-type]


class TestFirstContact:
    def test_incompetent_first_contact_without_referral(self) -> None:
        a = app(unit="gov-office", officer="ma", accepted=at(9, 28, 11))
        assert "FIRST_CONTACT_NOT_ROUTED" in codes([a])

    def test_referral_routes_it(self) -> None:
        a = app(
            unit="gov-office", officer="ma", accepted=at(9, 28, 11), referral=Referral("market", at(9, 28))
        )
        assert "FIRST_CONTACT_NOT_ROUTED" not in codes([a])

    def test_referral_to_the_wrong_unit(self) -> None:
        a = app(
            unit="gov-office", officer="ma", accepted=at(9, 28, 11), referral=Referral("housing", at(9, 28))
        )
        assert "REFERRED_TO_WRONG_UNIT" in codes([a])
        assert "FIRST_CONTACT_NOT_ROUTED" not in codes([a])

    def test_referral_after_the_instant_is_not_yet_known(self) -> None:
        a = app(
            unit="gov-office", officer="ma", accepted=at(9, 28, 11), referral=Referral("market", at(10, 9))
        )
        assert "FIRST_CONTACT_NOT_ROUTED" in codes([a], at(9, 29))
        assert "FIRST_CONTACT_NOT_ROUTED" not in codes([a], at(10, 9, 12))


class TestOneTimeNotice:
    def test_second_notice_for_a_material_already_missing(self) -> None:
        """'plan' was missing at receipt, not asked for in the first notice: a violation."""
        a = app(
            submitted=("form",),
            corrections=(
                CorrectionNotice(at(9, 28, 15), ("licence",)),
                CorrectionNotice(at(9, 30), ("plan", "rules")),
            ),
        )
        found = check_applications([a], catalogue(), at=at(10, 1))
        one_time = [f for f in found if f.code == "CORRECTION_NOT_ONE_TIME"]
        assert len(one_time) == 1
        assert "plan, rules" in one_time[0].message.en
        assert article(one_time[0]) == "32(4)"

    def test_later_need_is_not_a_violation(self) -> None:
        """A material not on the item's list (it became necessary later) is not a violation."""
        a = app(
            submitted=("form", "licence", "plan"),
            corrections=(
                CorrectionNotice(at(9, 28, 15), ("rules",)),
                CorrectionNotice(at(9, 30), ("environmental-assessment",)),
            ),
        )
        assert "CORRECTION_NOT_ONE_TIME" not in codes([a], at(10, 1))

    def test_repeating_a_material_of_the_first_notice_is_not_a_violation(self) -> None:
        a = app(
            submitted=("form",),
            corrections=(
                CorrectionNotice(at(9, 28, 15), ("licence", "plan", "rules")),
                CorrectionNotice(at(9, 30), ("plan",)),
            ),
        )
        assert "CORRECTION_NOT_ONE_TIME" not in codes([a], at(10, 1))


class TestBackup:
    def register(self, handled_by: str | None) -> ApplicationRegister:
        a = app(received=at(10, 12), accepted=at(10, 12, 11), handled_by=handled_by)
        return ApplicationRegister((a,), (Absence("wang", dt.date(2026, 10, 12), dt.date(2026, 10, 13)),))

    def test_a_absent_b_acted(self) -> None:
        assert "NO_BACKUP_COVER" not in codes(self.register("zhao"))

    def test_a_absent_someone_else_acted(self) -> None:
        assert "NO_BACKUP_COVER" in codes(self.register("qian"))

    def test_a_absent_nobody_named(self) -> None:
        """Without a handling officer the first contact (the absent A officer) counts: a gap."""
        assert "NO_BACKUP_COVER" in codes(self.register(None))

    def test_a_present(self) -> None:
        a = app(received=at(10, 14), accepted=at(10, 14, 11))
        reg = ApplicationRegister((a,), (Absence("wang", dt.date(2026, 10, 12), dt.date(2026, 10, 13)),))
        assert "NO_BACKUP_COVER" not in codes(reg)
        assert not reg.is_absent("wang", dt.date(2026, 10, 14))
        assert reg.is_absent("wang", dt.date(2026, 10, 13))


class TestBoard:
    def test_unknown_item(self) -> None:
        board = status_board([app(item_id="nope")], catalogue(), at=at(10, 1))
        assert board.statuses[0].light is Light.UNDETERMINED
        assert [f.code for f in board.findings] == ["UNKNOWN_ITEM"]

    def test_not_yet_received(self) -> None:
        assert (
            application_status(app(received=at(10, 12)), catalogue(), at=at(10, 9)).light
            is Light.NOT_RECEIVED
        )

    def test_events_after_the_instant_are_ignored(self) -> None:
        a = app(accepted=at(9, 28, 11), decided=at(10, 9))
        assert application_status(a, catalogue(), at=at(10, 8)).light is Light.GREEN
        assert application_status(a, catalogue(), at=at(10, 9, 12)).light is Light.DONE

    def test_example_data(self) -> None:
        """The example's 200 applications show exactly the three hidden defects."""
        from govefficiency.services import load_catalogue

        board = status_board(
            load_applications(DATA / "applications.json"),
            load_catalogue(DATA / "catalogue.toml"),
            at=at(11, 30, 17),
        )
        errors = sorted(f.code for f in board.findings if f.severity.value == "error")
        assert errors == ["ACCEPTANCE_NOTICE_LATE", "CORRECTION_NOT_ONE_TIME", "NO_BACKUP_COVER"]
        assert len(board.statuses) == 200
        assert board.to_dict()["counts"]["done"] == 188


class TestBadInput:
    def test_naive_times_refused(self) -> None:
        with pytest.raises(NaiveDatetimeError):
            app(received=dt.datetime(2026, 9, 30, 10))
        with pytest.raises(NaiveDatetimeError):
            status_board([app()], catalogue(), at=dt.datetime(2026, 9, 30))
        with pytest.raises(NaiveDatetimeError):
            FirstContact("a", "b", dt.datetime(2026, 9, 30))

    def test_impossible_orders(self) -> None:
        with pytest.raises(InvalidInputError):
            app(accepted=at(9, 27))
        with pytest.raises(InvalidInputError):
            app(accepted=at(9, 29), decided=at(9, 28, 12))
        with pytest.raises(InvalidInputError):
            app(corrections=(CorrectionNotice(at(9, 30), ("x",)), CorrectionNotice(at(9, 29), ("y",))))
        with pytest.raises(InvalidInputError):
            SuspensionRecord(at(10, 2), at(10, 1))
        with pytest.raises(InvalidInputError):
            Absence("a", dt.date(2026, 10, 2), dt.date(2026, 10, 1))
        with pytest.raises(InvalidInputError):
            CorrectionNotice(at(9, 30), ())

    def test_referral_and_extension_records(self) -> None:
        from govefficiency.deadlines import WorkingDays
        from govefficiency.services import ExtensionRecord

        with pytest.raises(InvalidInputError):
            Referral("the bureau", at(9, 30))
        with pytest.raises(NaiveDatetimeError):
            Referral("bureau", dt.datetime(2026, 9, 30))
        with pytest.raises(InvalidTypeError):
            ExtensionRecord(at(10, 1), 10, "局长")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            ExtensionRecord(at(10, 1), WorkingDays(10), "")
        with pytest.raises(InvalidTypeError):
            app(referral="bureau")

    def test_wrong_types(self) -> None:
        with pytest.raises(InvalidTypeError):
            app(corrections=("plan",))
        with pytest.raises(InvalidTypeError):
            app(submitted="plan")
        with pytest.raises(InvalidTypeError):
            status_board("apps.toml", catalogue(), at=at(10, 1))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            status_board([app()], "catalogue", at=at(10, 1))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            application_status("A1", catalogue(), at=at(10, 1))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            status_board([app()], catalogue(), at=at(10, 1), calendar="CN")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            ApplicationRegister((app(), app()))
        with pytest.raises(InvalidTypeError):
            check_applications([app()], catalogue(), at="2026-10-01")  # type: ignore[arg-type]

    def test_files(self) -> None:
        assert "applications[0].received" in file_error(
            loads_applications, '[[applications]]\nid = "A"\nitem = "x"\nreceived = 2026-09-30T10:00:00\n'
        )
        assert "applications[0]" in file_error(
            loads_applications,
            '[[applications]]\nid = "A"\nitem = "x"\nreceived = 2026-09-30T10:00:00+08:00\n'
            "accepted = 2026-09-29T10:00:00+08:00\n"
            'first_contact = { officer = "o", unit = "u", at = 2026-09-30T10:00:00+08:00 }\n',
        )
        with pytest.raises(InvalidTypeError):
            loads_applications(None)  # type: ignore[arg-type]
        with pytest.raises(CatalogueFileError):
            load_applications(DATA / "nope.json")


def test_board_and_catalogue_pickle() -> None:
    """Boards and catalogues can be shipped to worker processes."""
    import pickle

    board = status_board([app(accepted=at(9, 28, 11))], catalogue(), at=at(10, 19))
    again = pickle.loads(pickle.dumps(board))
    assert again.statuses == board.statuses
    assert [f.code for f in again.findings] == [f.code for f in board.findings]
    assert pickle.loads(pickle.dumps(catalogue())) == catalogue()


def test_small_methods_and_their_bad_input() -> None:
    """by_light, counts, render and the catalogue's post/rule_of look-ups."""
    import pytest

    from govefficiency.errors import InvalidInputError, RuleError

    from .conftest import item

    board = status_board([app(accepted=at(9, 28, 11))], catalogue(), at=at(10, 19))
    assert [s.application for s in board.by_light(Light.YELLOW)] == ["A1"]
    assert board.counts()["yellow"] == 1
    assert "2026-10-16" in board.statuses[0].render("en")
    assert "承诺" in board.statuses[0].render("zh")
    with pytest.raises(InvalidInputError):
        board.statuses[0].render("fr")  # type: ignore[arg-type]
    cat = catalogue(item(rule="licensing.nope"))
    assert cat.post("w1") is not None
    assert cat.post("nope") is None
    with pytest.raises(RuleError):
        cat.rule_of(cat.get("food"))
