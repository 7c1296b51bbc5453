"""What the ledger commands say to a user who got something wrong (defects 9, 10 and 12
of stop 24): one language at a time, CLI commands rather than Python names, and the kind
of file when it is not a ledger or not an export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govefficiency.testing import run_cli

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT / "examples" / "data" / "checklist.toml"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "l.sqlite")
    assert run_cli("ledger", "init", path).code == 0
    assert run_cli("ledger", "open-items", path, str(CHECKLIST)).code == 0
    return path


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["--percent", "110"],
            "参数 --percent：完成比例为 0 至 100（百分数），而不是 110",
            "a share is 0 to 100",
        ),
        (["--percent", "abc"], "不是百分数：'abc'", "not a percentage: 'abc'"),
        (["--percent", "5", "--as-of", "2026-02-30"], "不是 YYYY-MM-DD 格式的日期", "is not a date"),
    ],
)
def test_argument_errors_in_one_language(db, args, zh, en):
    """--lang zh gives the whole line in Chinese (before: "参数 --percent：a share is…")."""
    base = ["ledger", "progress", db, "2026-01", "--at", "2026-10-08T10:00", *args]
    chinese = run_cli(*base, "--lang", "zh")
    assert chinese.code == 2
    assert zh in chinese.err
    assert "a share" not in chinese.err
    assert "not a" not in chinese.err
    english = run_cli(*base, "--lang", "en")
    assert english.code == 2
    assert en in english.err


def test_tolerance_out_of_range_in_chinese(db):
    result = run_cli("ledger", "june-check", db, "--at", "2026-06-30", "--tolerance", "300", "--lang", "zh")
    assert result.code == 2
    assert "容差为 0 至 100 个百分点，而不是 300" in result.err


def test_unknown_item_names_the_command(db):
    """K9 was never opened: the message names `govefficiency ledger open-items`."""
    result = run_cli(
        "ledger", "progress", db, "K9", "--percent", "5", "--at", "2026-10-08T10:00", "--lang", "en"
    )
    assert result.code == 2
    assert "item K9 has not been opened" in result.err
    assert "govefficiency ledger open-items DB FILE" in result.err


def test_opening_twice_says_there_is_no_milestone_command(db):
    """The same checklist opened again: refused whole; the message says how to open new
    items by file and that changing an open item's plan has no command yet."""
    result = run_cli("ledger", "open-items", db, str(CHECKLIST), "--lang", "en")
    assert result.code == 2
    assert "nothing was opened now" in result.err
    assert "`govefficiency ledger open-items`" in result.err
    assert "no command yet" in result.err
    zh = run_cli("ledger", "open-items", db, str(CHECKLIST), "--lang", "zh")
    assert "目前没有对应命令" in zh.err


def test_a_toml_file_is_not_a_ledger_database(tmp_path):
    """An org chart given as the ledger: "not a ledger database … a TOML file", exit 4,
    not "damaged … restore it"."""
    org = tmp_path / "org.toml"
    org.write_text('[[units]]\nid = "roads"\nname = "交通局"\n', encoding="utf-8")
    result = run_cli("ledger", "report", str(org), "--at", "2026-10-08", "--lang", "en")
    assert result.code == 4
    assert "is not a ledger database: it looks like a TOML file" in result.err
    assert "restore" not in result.err
    checklist = run_cli("ledger", "report", str(CHECKLIST), "--at", "2026-10-08", "--lang", "zh")
    assert checklist.code == 4
    assert "不是台账数据库，看起来是TOML 文件，似为清单" in checklist.err


def test_a_damaged_database_is_still_damaged(tmp_path):
    """Binary garbage that is not SQLite: the old message (restore from a good copy)."""
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(bytes(range(256)) * 8)
    result = run_cli("ledger", "report", str(junk), "--at", "2026-10-08", "--lang", "en")
    assert result.code == 4
    assert "damaged or not a ledger" in result.err


def test_import_of_a_checklist_points_to_open_items(tmp_path):
    target = str(tmp_path / "w.sqlite")
    result = run_cli("ledger", "import", target, str(CHECKLIST), "--lang", "en")
    assert result.code == 2
    assert (
        "is not a JSON Lines export of a ledger: it looks like a TOML file, apparently a checklist"
        in result.err
    )
    assert "govefficiency ledger open-items DB FILE" in result.err
    assert not Path(target).exists()


def test_import_of_a_service_catalogue_is_not_called_a_checklist(tmp_path):
    """A service catalogue has [[items]] too; the kind is told as `validate` tells it."""
    catalogue = Path(__file__).parents[2] / "examples" / "data" / "services" / "catalogue.toml"
    result = run_cli("ledger", "import", str(tmp_path / "w.sqlite"), str(catalogue), "--lang", "en")
    assert result.code == 2
    assert "it looks like a TOML file." in result.err
    assert "checklist" not in result.err


def test_import_of_a_json_document(tmp_path):
    """A valid JSON document (several lines) is not JSON Lines: said so, not "invalid JSON" alone."""
    doc = tmp_path / "apps.json"
    doc.write_text(json.dumps({"applications": [{"id": "P-1"}]}, indent=1), encoding="utf-8")
    result = run_cli("ledger", "import", str(tmp_path / "w.sqlite"), str(doc), "--lang", "en")
    assert result.code == 2
    assert "it looks like a JSON document" in result.err
    assert "one entry per line" in result.err


def test_a_one_line_export_with_a_bad_entry_keeps_its_own_error(tmp_path, db):
    """An export line that is an entry with a fault is not called "a JSON document"."""
    export = tmp_path / "x.jsonl"
    assert run_cli("ledger", "export", db, str(export)).code == 0
    first = export.read_text(encoding="utf-8").splitlines()[0]
    export.write_text(first.replace('"seq":1', '"seq":"1"') + "\n", encoding="utf-8")
    result = run_cli("ledger", "import", str(tmp_path / "w.sqlite"), str(export), "--lang", "en")
    assert result.code == 2
    assert "looks like" not in result.err
