"""``decision plan --on 0001-01-01 --ics FILE``: the file's stamp (00:00 Asia/Shanghai on
0001-01-01) is 16:00 UTC on the day before the year 1 — not representable. A fuzz run found
it as an internal error (exit 70); it is bad input (exit 2), one bilingual line."""

from __future__ import annotations

from pathlib import Path

from govefficiency.testing import run_cli


def test_plan_stamp_before_year_one_is_bad_input(data: Path, tmp_path: Path) -> None:
    argv = (
        "decision",
        "plan",
        str(data / "defective.toml"),
        "--on",
        "0001-01-01",
        "--ics",
        str(tmp_path / "p.ics"),
    )
    code, _, err = run_cli(*argv, "--lang", "en")
    assert code == 2
    assert "before the year 1" in err
    assert not (tmp_path / "p.ics").exists()
