"""`ListDocument`: a file format whose document is a JSON list of records (r10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest

from govefficiency._format import Format, Int, IsoDate, Key, ListDocument, Str, Tables
from govefficiency.errors import LoadError

NODE = Format("node", "A node.", (Key("day", IsoDate()), Key("share", Int(0, 100), default=0)))
ROW = Format("row", "A row.", (Key("id", Str()), Key("nodes", Tables(NODE), default=())))
ROWS = ListDocument("rows", "Rows.", ROW)


def test_read_dump_and_schema_agree(tmp_path: Path) -> None:
    document = [{"id": "a", "nodes": [{"day": "2026-10-12", "share": 50}]}, {"id": "b"}]
    rows = ROWS.load(document)
    assert rows[0] == {"id": "a", "nodes": ({"day": dt.date(2026, 10, 12), "share": 50},)}
    assert ROWS.dump(rows) == [
        {"id": "a", "nodes": [{"day": "2026-10-12", "share": 50}]},
        {"id": "b", "nodes": []},
    ]
    schema = ROWS.json_schema()
    assert set(schema["$defs"]) == {"row", "node"}  # the nested formats are defined once
    assert "$schema" not in schema["$defs"]["row"]["properties"]
    jsonschema.Draft202012Validator(schema).validate(ROWS.dump(rows))
    path = tmp_path / "rows.json"
    path.write_text('[{"id": "a"}]', encoding="utf-8")
    assert ROWS.load(path) == ({"id": "a", "nodes": ()},)


def test_errors_are_located_without_a_hint() -> None:
    with pytest.raises(LoadError) as info:
        ROWS.load([{"id": "a", "nodes": [{"day": "2026-10-12", "share": 500}]}])
    assert info.value.location == "[0].nodes[0].share"
    assert info.value.en == "<list>: [0].nodes[0].share: must be at most 100; got 500"


def test_iso_date_refuses_other_iso_forms_and_toml_dates() -> None:
    for bad in ("20261012", "2026-W42-1", "2026-10-12T00:00", dt.date(2026, 10, 12)):
        with pytest.raises(LoadError, match="YYYY-MM-DD"):
            ROWS.load([{"id": "a", "nodes": [{"day": bad}]}])


def test_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        ROWS.load(tmp_path / "none.json")
    (tmp_path / "bad.json").write_bytes(b"\xff[]")
    with pytest.raises(LoadError, match="cannot read"):
        ROWS.load(tmp_path / "bad.json")
    (tmp_path / "rows.toml").write_text("x = 1")
    with pytest.raises(LoadError, match="is JSON"):
        ROWS.load(tmp_path / "rows.toml")
