"""The applications file (办件, with the officers' absences): the format declared once
(:data:`APPLICATIONS`), read and written under the API convention
(``load_applications``/``loads_applications``/``dump_applications``/``dumps_applications``;
format in ``docs/services.md``)."""

from __future__ import annotations

from typing import Any

from govefficiency._format import (
    Date,
    Format,
    Id,
    Instant,
    Int,
    Key,
    ListOf,
    PlainOrBilingual,
    Table,
    Tables,
)
from govefficiency.deadlines import WorkingDays
from govefficiency.deadlines._rules import CITATION
from govefficiency.errors import InvalidInputError
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
from govefficiency.services._catalogue import CatalogueFileError, services_file_api

__all__ = [
    "APPLICATIONS",
    "dump_applications",
    "dumps_applications",
    "load_applications",
    "loads_applications",
]

_E = CatalogueFileError

FIRST_CONTACT = Format(
    "first-contact",
    "The first officer asked (首问负责人).",
    (Key("officer", Id()), Key("unit", Id(), description="the officer's unit"), Key("at", Instant())),
    build=FirstContact,
    error=_E,
)

REFERRAL = Format(
    "referral",
    "A referral (转办) of the applicant to the competent unit.",
    (Key("to", Id(), description="the unit referred to"), Key("at", Instant())),
    build=Referral,
    error=_E,
)

CORRECTION = Format(
    "correction-notice",
    "A correction notice (补正告知) listing the missing materials.",
    (
        Key("at", Instant()),
        Key("missing", ListOf(Id()), description="the materials asked for (at least one)"),
    ),
    build=CorrectionNotice,
    error=_E,
)

SUSPENSION = Format(
    "suspension",
    "Time not counted (行政许可法 art. 45: hearing, inspection, expert review…).",
    (
        Key("start", Instant()),
        Key("end", Instant(), default=None, description="absent while the suspension lasts"),
        Key(
            "basis",
            Table(CITATION),
            default=ART_45,
            dump_default=False,
            description="its legal basis (default: 行政许可法 art. 45)",
        ),
    ),
    build=SuspensionRecord,
    error=_E,
)


def _extension_values(ext: ExtensionRecord) -> dict[str, Any]:
    if not isinstance(ext.length, WorkingDays):
        raise InvalidInputError(
            f"an extension of {ext.length!r} cannot be written: the file counts extensions in working days",
            f"延长期限 {ext.length!r} 无法写入文件：文件中的延长期限以工作日计",
        )
    return {"at": ext.at, "working_days": ext.length.n, "authority": ext.authority}


EXTENSION = Format(
    "extension-record",
    "An approved extension of the statutory limit (行政许可法 art. 42).",
    (
        Key("at", Instant(), description="when it was approved"),
        Key("working_days", Int(1, 365), description="how many working days longer"),
        Key("authority", PlainOrBilingual(), description="who approved it"),
    ),
    build=lambda at, working_days, authority: ExtensionRecord(at, WorkingDays(working_days), authority),
    error=_E,
    unbuild=_extension_values,
)

APPLICATION = Format(
    "application",
    "One application (办件) and its events.",
    (
        Key("id", Id()),
        Key("item", Id(), description="the catalogue item applied for"),
        Key("received", Instant(), description="when the competent unit received the materials"),
        Key("first_contact", Table(FIRST_CONTACT)),
        Key("submitted", ListOf(Id()), default=(), description="the materials handed in at receipt"),
        Key("referral", Table(REFERRAL), default=None),
        Key("handled_by", Id(), default=None, description="the window officer (default: the first contact)"),
        Key("corrections", Tables(CORRECTION), default=(), dump_default=False),
        Key("accepted", Instant(), default=None, description="the acceptance decision (受理)"),
        Key("suspensions", Tables(SUSPENSION), default=(), dump_default=False),
        Key("extensions", Tables(EXTENSION), default=(), dump_default=False),
        Key("decided", Instant(), default=None, description="the decision (办结)"),
        Key("delivered", Instant(), default=None, description="delivery to the applicant (送达)"),
    ),
    build=Application,
    error=_E,
)

ABSENCE = Format(
    "absence",
    "An officer's absence, first and last day included.",
    (Key("officer", Id()), Key("start", Date()), Key("end", Date())),
    build=Absence,
    error=_E,
)

#: An applications file: the ``[[absences]]`` and the ``[[applications]]``.
APPLICATIONS = Format(
    "applications",
    "A service centre's applications (办件) and its officers' absences.",
    (
        Key("absences", Tables(ABSENCE), default=()),
        Key("applications", Tables(APPLICATION)),
    ),
    build=ApplicationRegister,
    error=_E,
)


load_applications, loads_applications, dump_applications, dumps_applications = services_file_api(
    APPLICATIONS,
    ApplicationRegister,
    "applications",
    "applications and absences (``govefficiency schema applications``)",
    __name__,
    value_name="register",
).functions()
