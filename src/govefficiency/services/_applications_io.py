"""Reading applications (and absences) from TOML/JSON files (format in ``docs/services.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import Fields, parse_document, read_document
from govefficiency.citation import Citation
from govefficiency.deadlines import (
    WorkingDays,
)
from govefficiency.errors import (
    InvalidTypeError,
)
from govefficiency.services._applications import (
    ART_45,
    Absence,
    Application,
    ApplicationRegister,
    CorrectionNotice,
    ExtensionRecord,
    FirstContact,
    Referral,
    SuspensionRecord,
)
from govefficiency.services._catalogue import CatalogueFileError

# --- files ---------------------------------------------------------------------------------------

__all__ = ["load_applications", "loads_applications"]


def _first_contact(f: Fields) -> FirstContact:
    fc = f.table("first_contact")
    out: FirstContact = fc.build(
        FirstContact, officer=fc.string("officer"), unit=fc.string("unit"), at=fc.instant("at")
    )
    fc.finish()
    return out


def _application(f: Fields) -> Application:
    referral = None
    if "referral" in f:
        t = f.table("referral")
        referral = t.build(Referral, to=t.string("to"), at=t.instant("at"))
        t.finish()
    corrections = []
    for t in f.tables("corrections", []):
        corrections.append(t.build(CorrectionNotice, at=t.instant("at"), missing=t.strs("missing")))
        t.finish()
    suspensions = []
    for t in f.tables("suspensions", []):
        basis = ART_45
        if "basis" in t:
            b = t.table("basis")
            basis = Citation(
                b.text("law"),
                str(b.raw("article", "")),
                b.integer("year", None, minimum=1949, maximum=2200),
                b.text("note", None),
            )
            b.finish()
        suspensions.append(
            t.build(SuspensionRecord, start=t.instant("start"), end=t.instant("end", None), basis=basis)
        )
        t.finish()
    extensions = []
    for t in f.tables("extensions", []):
        n = t.integer("working_days", minimum=1, maximum=365)
        authority = t.raw("authority")
        extensions.append(
            t.build(
                ExtensionRecord,
                at=t.instant("at"),
                length=WorkingDays(n),
                authority=authority if isinstance(authority, str) else t.text("authority"),
            )
        )
        t.finish()
    app = f.build(
        Application,
        id=f.string("id"),
        item=f.string("item"),
        received=f.instant("received"),
        first_contact=_first_contact(f),
        submitted=f.strs("submitted", ()),
        referral=referral,
        handled_by=f.string("handled_by", None),
        corrections=corrections,
        accepted=f.instant("accepted", None),
        suspensions=suspensions,
        extensions=extensions,
        decided=f.instant("decided", None),
        delivered=f.instant("delivered", None),
    )
    f.finish()
    return app


def _register_from(doc: Fields) -> ApplicationRegister:
    absences = []
    for t in doc.tables("absences", []):
        absences.append(
            t.build(Absence, officer=t.string("officer"), start=t.date("start"), end=t.date("end"))
        )
        t.finish()
    apps = [_application(t) for t in doc.tables("applications")]
    doc.finish()
    return doc.build(ApplicationRegister, apps, absences)


def load_applications(source: str | Path | Mapping[str, Any]) -> ApplicationRegister:
    """Read applications (and absences) from a ``.toml``/``.json`` file or a parsed mapping
    (format in ``docs/services.md``)."""
    return _register_from(read_document(source, error=CatalogueFileError))


def loads_applications(text: str, fmt: str = "toml") -> ApplicationRegister:
    """Read applications from TOML or JSON text."""
    if not isinstance(text, str):
        raise InvalidTypeError(f"text must be a str, not {type(text).__name__}", "text 必须是字符串")
    return _register_from(parse_document(text, fmt=fmt, error=CatalogueFileError))
