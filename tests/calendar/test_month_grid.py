"""``govefficiency calendar --month YYYY-MM``: the month grid with 休/班 marks (golden)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govefficiency import china_calendar
from govefficiency._cli_util import display_width
from govefficiency.calendar._cli import month_grid
from govefficiency.testing import refused, run_cli

# October 2026 in the published arrangement (国办发明电〔2025〕7号): National Day
# holiday Thu 10-01 – Wed 10-07 (10-04 is an ordinary Sunday inside it), Sat 10-10 a
# make-up working day. Sun 09-20 is the other make-up day, in September.
OCTOBER_2026_ZH = """\
            2026年10月
一   二   三   四   五   六   日
                1休  2休  3休  4
 5休  6休  7休  8    9   10班 11
12   13   14   15   16   17   18
19   20   21   22   23   24   25
26   27   28   29   30   31

休 休息（节假日、调休）  班 补班（调休上班）
10-01..10-03 休 国庆节
10-05        休 国庆节（补假）
10-06        休 调休休息日（由 2026-09-20 调休）
10-07        休 调休休息日（由 2026-10-10 调休）
10-10        班 补班（调休至 2026-10-07 休息）
"""

OCTOBER_2026_EN = """\
           October 2026
Mo   Tu   We   Th   Fr   Sa   Su
                1R   2R   3R   4
 5R   6R   7R   8    9   10W  11
12   13   14   15   16   17   18
19   20   21   22   23   24   25
26   27   28   29   30   31

R rest day (holiday or in-lieu rest)  W make-up working day
10-01..10-03 R National Day
10-05        R National Day (observed)
10-06        R In-lieu rest day (moved from 2026-09-20)
10-07        R In-lieu rest day (moved from 2026-10-10)
10-10        W Make-up working day (rest moved to 2026-10-07)
"""


def test_the_calendar_agrees_with_the_golden_marks() -> None:
    cal = china_calendar()
    assert [cal.day_kind(dt.date(2026, 10, d)).value for d in (1, 4, 5, 6, 10)] == [
        "public_holiday",
        "weekend",
        "in_lieu_rest",
        "in_lieu_rest",
        "makeup_workday",
    ]


@pytest.mark.parametrize(("lang", "golden"), [("zh", OCTOBER_2026_ZH), ("en", OCTOBER_2026_EN)])
def test_october_2026_grid(lang: str, golden: str) -> None:
    code, out, err = run_cli("calendar", "--month", "2026-10", "--lang", lang)
    assert (code, err) == (0, "")
    assert out == golden


def test_grid_columns_line_up_in_display_width() -> None:
    _, out, _ = run_cli("calendar", "--month", "2026-10", "--lang", "zh")
    head, *weeks = out.splitlines()[1:7]
    # the 1 under Thursday (四) and the 10 under Saturday (六) end in the same columns
    assert display_width(head[: head.index("四")]) + 2 == display_width(weeks[0][: weeks[0].index("1休")]) + 1
    six = display_width(head[: head.index("六")]) + 2
    assert display_width(weeks[1][: weeks[1].index("10班")]) + 2 == six


def test_json_grid() -> None:
    code, out, _ = run_cli("calendar", "--month", "2026-10", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["month"] == "2026-10"
    assert data["weeks"][0] == [None, None, None, "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"]
    assert len(data["weeks"]) == 5
    assert len(data["days"]) == 31
    marks = {d["date"]: d["mark"] for d in data["days"] if d["mark"]}
    assert marks == {
        "2026-10-01": "rest",
        "2026-10-02": "rest",
        "2026-10-03": "rest",
        "2026-10-05": "rest",
        "2026-10-06": "rest",
        "2026-10-07": "rest",
        "2026-10-10": "makeup",
    }
    assert data["legend"][0] == {
        "from": "2026-10-01",
        "to": "2026-10-03",
        "mark": "rest",
        "name": {"zh": "国庆节", "en": "National Day"},
    }


def test_september_has_the_other_makeup_day() -> None:
    grid = month_grid(china_calendar(), 2026, 9)
    assert [(e["from"], e["mark"]) for e in grid["legend"]] == [
        ("2026-09-20", "makeup"),
        ("2026-09-25", "rest"),
    ]


def test_no_makeup_calendar_marks_no_ban() -> None:
    grid = month_grid(china_calendar(makeup_workdays=False), 2026, 10)
    assert all(e["mark"] == "rest" for e in grid["legend"])


def test_unpublished_month_is_undetermined() -> None:
    """January 2027: the State Council has not published its arrangement (exit 3)."""
    code, out, err = run_cli("calendar", "--month", "2027-01", "--lang", "en")
    assert code == 3
    assert (
        out == "undetermined: the 2027 holiday arrangement is missing (the published data ends 2026-12-31)\n"
    )
    assert "2027" in err
    assert "--patch FILE" in err
    code, out, _ = run_cli("calendar", "--month", "2027-01", "--json")
    assert code == 3
    assert json.loads(out)["missing_years"] == [2027]


def test_provisional_month_says_so() -> None:
    code, out, _ = run_cli("calendar", "--month", "2027-01", "--provisional", "--lang", "en")
    assert code == 0
    assert " 1R" in out
    assert "01-01        R New Year's Day" in out
    assert "(provisional) from 2027-01-01" in out


@pytest.mark.parametrize(
    "args",
    [
        ("--month", "2026-13"),
        ("--month", "2026-1"),
        ("--month", "October"),
        ("2026-10-01", "--month", "2026-10"),
        ("--month", "2026-10", "--to", "2026-10-31"),
        (),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_month_arguments(args: tuple[str, ...], lang: str) -> None:
    assert refused(run_cli("calendar", *args, "--lang", lang), 2).strip()


def test_day_listing_still_works() -> None:
    code, out, _ = run_cli("calendar", "2026-10-10", "--lang", "en")
    assert code == 0
    assert out.startswith("2026-10-10  Sat  make-up working day")


def test_month_without_special_days_says_so() -> None:
    code, out, _ = run_cli("calendar", "--month", "2026-12", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == "no holidays, in-lieu rest days or make-up working days this month"
    assert "R" not in "".join(out.splitlines()[2:7])
