"""The checklist file API under the convention: load_/loads_/dump_/dumps_checklist."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govefficiency.errors import InvalidInputError, InvalidTypeError, LedgerFileError, UnknownNodeError
from govefficiency.ledger import dump_checklist, dumps_checklist, load_checklist, loads_checklist
from govefficiency.ledger._items import read_checklist
from govefficiency.testing import at, sample_item

EXAMPLE = Path(__file__).parents[2] / "examples" / "data" / "checklist.toml"


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_load_after_dump_is_the_identity(fmt: str, tmp_path: Path) -> None:
    items = load_checklist(EXAMPLE)
    assert loads_checklist(dumps_checklist(items, fmt=fmt), fmt=fmt) == items
    path = tmp_path / f"checklist.{fmt}"
    dump_checklist(items, path, opened_at=at(2026, 1, 5))
    assert read_checklist(path) == (items, at(2026, 1, 5))


def test_the_toml_text() -> None:
    item = sample_item("T1", time_nodes=(), projects=(), assisting_units=())
    text = dumps_checklist([item])
    assert text.startswith('[[items]]\nid = "T1"\ntitle = "重点任务 T1"\n')
    assert 'deadline = "2026-12-31"' in text


def test_known_ids_are_checked_on_text_too() -> None:
    text = dumps_checklist([sample_item("T1")])
    with pytest.raises(UnknownNodeError):
        loads_checklist(text, known_units={"finance"})


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InvalidTypeError):
        dumps_checklist("T1")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="ChecklistItem"):
        dumps_checklist([{"id": "T1"}])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        dumps_checklist([sample_item()], opened_at=dt.datetime(2026, 1, 5, 9))  # naive
    with pytest.raises(LedgerFileError, match="unknown format"):
        dumps_checklist([sample_item()], fmt="yaml")
    with pytest.raises(LedgerFileError, match=r"\.toml or \.json"):
        dump_checklist([sample_item()], tmp_path / "c.csv")
    with pytest.raises(LedgerFileError):
        loads_checklist(b"[[items]]")  # type: ignore[arg-type]
    with pytest.raises(LedgerFileError, match="items"):
        loads_checklist(json.dumps({"year": 2026}), fmt="json")
