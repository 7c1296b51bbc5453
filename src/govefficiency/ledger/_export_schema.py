"""The JSON Schema of a ledger's JSON Lines export line (``govefficiency schema
ledger-entry``), composed from the payload declarations of :mod:`._payloads`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govefficiency._format import SCHEMA_DIALECT
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.ledger._payloads import PAYLOAD_FORMATS, EntryKind

__all__ = ["LEDGER_ENTRY", "load_entry_file"]

_HASH = {"type": "string", "pattern": "^[0-9a-f]{64}$"}


class _EntryLine:
    """One line of a ledger's JSON Lines export: an entry of the hash chain, whose
    ``payload`` follows the declaration of its ``kind`` (``govefficiency schema
    ledger-entry``)."""

    name = "ledger-entry"

    def json_schema(self) -> dict[str, Any]:
        defs: dict[str, Any] = {}
        for fmt in PAYLOAD_FORMATS.values():
            fmt.collect_defs(defs)
        return {
            "$schema": SCHEMA_DIALECT,
            "$id": f"https://govefficiency.invalid/schemas/{self.name}.json",
            "title": self.name,
            "description": "One line of a ledger's JSON Lines export (govefficiency ledger export): "
            "an entry of the hash chain; its payload follows the declaration of its kind.",
            "type": "object",
            "properties": {
                "corrects": {
                    "anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}],
                    "description": "the seq of the entry this one corrects",
                },
                "hash": _HASH | {"description": "sha256 of the entry's canonical encoding"},
                "item": {"type": "string", "minLength": 1, "description": "the item's id"},
                "kind": {"enum": [kind.value for kind in EntryKind]},
                "payload": {"type": "object"},
                "prev": _HASH | {"description": "the hash of the entry before (64 zeros for the first)"},
                "recorded": {"type": "string", "format": "date-time", "description": "ISO 8601, with offset"},
                "seq": {"type": "integer", "minimum": 1},
            },
            "required": ["corrects", "hash", "item", "kind", "payload", "prev", "recorded", "seq"],
            "additionalProperties": False,
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]},
                    "then": {"properties": {"payload": {"$ref": f"#/$defs/{fmt.name}"}}},
                }
                for kind, fmt in PAYLOAD_FORMATS.items()
            ],
            "$defs": defs,
        }


#: The JSON Lines export line (``govefficiency schema ledger-entry``).
LEDGER_ENTRY = _EntryLine()


def load_entry_file(path: str | Path) -> Any:
    """The entry in a JSON file holding one line of a JSON Lines export (for
    ``govefficiency validate``; a whole export is validated line by line)."""
    from govefficiency._loading import read_document
    from govefficiency.errors import LedgerFileError
    from govefficiency.ledger._entries import Entry

    doc = read_document(path, error=LedgerFileError)
    data = {key: doc.raw(key) for key in doc}
    try:
        return Entry.from_json(data)
    except (InvalidInputError, InvalidTypeError) as exc:
        raise LedgerFileError(f"{path}: {exc.en}", f"{path}：{exc.zh or exc.en}", origin=str(path)) from None
