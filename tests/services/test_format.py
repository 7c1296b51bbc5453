"""The services file formats, each declared once: loader, dumper and JSON Schema agree."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency._kinds import detect_kind
from govefficiency.citation import Citation
from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.errors import GovEfficiencyError
from govefficiency.services import (
    Absence,
    Application,
    ApplicationRegister,
    Catalogue,
    CatalogueFileError,
    Complaint,
    ComplaintRules,
    ComplaintStep,
    CorrectionNotice,
    CountingRule,
    ExtensionRecord,
    FirstContact,
    Post,
    Referral,
    ServiceItem,
    StepLimit,
    Survey,
    SurveyResponse,
    SuspensionRecord,
    dump_applications,
    dump_catalogue,
    dump_complaints,
    dump_survey,
    dumps_applications,
    dumps_catalogue,
    dumps_complaints,
    dumps_survey,
    load_applications,
    load_catalogue,
    load_complaints,
    load_survey,
    loads_applications,
    loads_catalogue,
    loads_complaints,
    loads_survey,
)
from govefficiency.services._applications_io import APPLICATIONS
from govefficiency.services._catalogue import CATALOGUE
from govefficiency.services._complaints_io import COMPLAINTS
from govefficiency.services._surveys import SURVEY
from govefficiency.text import Text

from .conftest import DATA, at

#: Structure-aware garbage for the loader fuzz tests.
GARBAGE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
IDS = st.from_regex(r"[a-z][a-z0-9.-]{0,10}", fullmatch=True)
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=6).filter(
    str.strip
)
BILINGUAL = st.builds(Text, TEXTS, TEXTS)


def as_json(path: Path) -> dict[str, Any]:
    """A shipped file as the JSON an editor would check against the schema."""
    if path.suffix == ".json":
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    else:
        data = json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
    return data


def set_at(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def fuzz(load: Any, doc: Any) -> None:
    """Only library errors, never a bare exception."""
    with contextlib.suppress(GovEfficiencyError):
        load(doc)


# -- the catalogue -----------------------------------------------------------------------------

CATALOGUE_SCHEMA = jsonschema.Draft202012Validator(CATALOGUE.json_schema())


def test_the_catalogue_schema_is_draft_2020_12() -> None:
    schema = CATALOGUE.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "services-catalogue"
    assert set(schema["$defs"]) == {"post", "service-item", "committed-limit"}


def test_the_shipped_catalogue_validates_and_round_trips(tmp_path: Path) -> None:
    path = DATA / "catalogue.toml"
    CATALOGUE_SCHEMA.validate(as_json(path))
    cat = load_catalogue(path)
    doc = json.loads(dumps_catalogue(cat))
    CATALOGUE_SCHEMA.validate(doc)
    assert load_catalogue(doc) == cat
    assert loads_catalogue(dumps_catalogue(cat, "toml")) == cat
    for name in ("c.toml", "c.json"):
        dump_catalogue(cat, tmp_path / name)
        assert load_catalogue(tmp_path / name) == cat
    assert cat.to_dict() == doc


POSTS = st.lists(
    st.builds(Post, IDS, IDS, st.none() | IDS, st.none() | BILINGUAL), max_size=3, unique_by=lambda p: p.id
)
PERIODS = st.integers(0, 3660).flatmap(lambda n: st.sampled_from((WorkingDays(n), CalendarDays(n))))
ITEMS = st.lists(
    st.builds(
        ServiceItem,
        IDS,
        BILINGUAL,
        IDS,
        PERIODS,
        competent_unit=st.none() | IDS,
        materials=st.lists(IDS, max_size=3, unique=True).map(tuple),
        fee=st.none() | BILINGUAL,
        deciding_body=st.none() | IDS,
        post=st.none() | IDS,
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda i: i.id,
)


@settings(max_examples=60, deadline=None)
@given(st.builds(Catalogue, ITEMS, POSTS, name=st.none() | BILINGUAL))
def test_any_catalogue_round_trips(cat: Catalogue) -> None:
    doc = json.loads(dumps_catalogue(cat))
    CATALOGUE_SCHEMA.validate(doc)
    assert load_catalogue(doc) == cat
    assert loads_catalogue(dumps_catalogue(cat, "toml")) == cat


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("items", 0, "committed", "unit"), "weeks"),
        (("items", 0, "committed", "length"), -1),
        (("items", 0, "committed", "length"), True),
        (("items", 0, "id"), "food licence"),
        (("items", 0, "materials"), "application-form"),
        (("items", 0, "name"), ""),
        (("items", 0, "colour"), "red"),
        (("posts", 0, "b_officer"), 3),
        (("posts", 0, "name"), {"zh": "窗口"}),
        (("items",), {}),
    ],
)
def test_what_the_catalogue_schema_rejects_the_loader_rejects(path: tuple[Any, ...], value: Any) -> None:
    doc = set_at(as_json(DATA / "catalogue.toml"), path, value)
    with pytest.raises(jsonschema.ValidationError):
        CATALOGUE_SCHEMA.validate(doc)
    with pytest.raises(CatalogueFileError):
        load_catalogue(doc)


def test_a_catalogue_is_detected_by_its_keys() -> None:
    assert detect_kind({"items": [], "posts": []}, Path("a.toml")).name == "services-catalogue"  # type: ignore[union-attr]
    assert detect_kind({"name": "x", "items": []}, Path("a.toml")).name == "services-catalogue"  # type: ignore[union-attr]
    assert detect_kind({"year": 2026, "items": []}, Path("a.toml")).name == "checklist"  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(GARBAGE)
def test_fuzz_the_catalogue_loader(doc: Any) -> None:
    fuzz(load_catalogue, doc if isinstance(doc, dict) else {"items": [doc], "posts": [doc]})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_the_catalogue_text_loader(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    fuzz(loads_catalogue, text)
    fuzz(lambda t: loads_catalogue(t, "json"), text)


# -- the applications file ---------------------------------------------------------------------

APPLICATIONS_SCHEMA = jsonschema.Draft202012Validator(APPLICATIONS.json_schema())


def test_the_applications_schema_is_draft_2020_12() -> None:
    schema = APPLICATIONS.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "applications"
    assert set(schema["$defs"]) >= {"application", "absence", "suspension", "citation", "extension-record"}


def test_the_shipped_applications_validate_and_round_trip(tmp_path: Path) -> None:
    path = DATA / "applications.json"
    APPLICATIONS_SCHEMA.validate(as_json(path))
    register = load_applications(path)
    doc = json.loads(dumps_applications(register, fmt="json"))
    APPLICATIONS_SCHEMA.validate(doc)
    assert load_applications(doc) == register
    assert loads_applications(dumps_applications(register)) == register
    for name in ("a.toml", "a.json"):
        dump_applications(register, tmp_path / name)
        assert load_applications(tmp_path / name) == register


def test_every_event_round_trips() -> None:
    """Referral, corrections, a suspension on its own basis and an open one, an extension."""
    basis = Citation(Text("县规定", "county rule"), "7", 2020, Text("专家评审", "expert review"))
    app = Application(
        "A-1",
        "food",
        at(9, 30),
        FirstContact("li", "hall", at(9, 30)),
        submitted=("form",),
        referral=Referral("market", at(9, 30, 11)),
        handled_by="wang",
        corrections=(CorrectionNotice(at(10, 8), ("plan",)),),
        accepted=at(10, 9),
        suspensions=(SuspensionRecord(at(10, 12), at(10, 14), basis), SuspensionRecord(at(10, 20))),
        extensions=(ExtensionRecord(at(10, 21), WorkingDays(10), "局长"),),
    )
    register = ApplicationRegister((app,), (Absence("wang", dt.date(2026, 10, 8), dt.date(2026, 10, 9)),))
    doc = json.loads(dumps_applications(register, fmt="json"))
    APPLICATIONS_SCHEMA.validate(doc)
    assert "basis" not in doc["applications"][0]["suspensions"][1]  # the default, art. 45
    assert loads_applications(dumps_applications(register)) == register


def test_an_extension_in_calendar_days_is_not_written() -> None:
    app = Application(
        "A-1",
        "food",
        at(9, 30),
        FirstContact("li", "hall", at(9, 30)),
        extensions=(ExtensionRecord(at(10, 21), CalendarDays(10), "局长"),),
    )
    with pytest.raises(GovEfficiencyError, match="working days"):
        dumps_applications(ApplicationRegister((app,)))
    with pytest.raises(TypeError):
        dumps_applications("register")  # type: ignore[arg-type]


@st.composite
def applications(draw: st.DrawFn, ident: str) -> Application:
    start = draw(st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2027, 6, 1)))
    zone = draw(st.sampled_from((dt.timezone(dt.timedelta(hours=8)), dt.UTC)))
    received = start.replace(tzinfo=zone, microsecond=0)
    steps = sorted(draw(st.lists(st.integers(0, 10**6), min_size=6, max_size=6)))
    t = [received + dt.timedelta(seconds=s) for s in steps]
    maybe = st.booleans()
    return Application(
        ident,
        draw(IDS),
        received,
        FirstContact(draw(IDS), draw(IDS), t[0]),
        submitted=tuple(draw(st.lists(IDS, max_size=3, unique=True))),
        referral=Referral(draw(IDS), t[0]) if draw(maybe) else None,
        handled_by=draw(st.none() | IDS),
        corrections=(CorrectionNotice(t[1], (draw(IDS),)),) if draw(maybe) else (),
        accepted=t[2] if draw(maybe) else None,
        suspensions=(SuspensionRecord(t[2], draw(st.none() | st.just(t[3]))),) if draw(maybe) else (),
        extensions=(ExtensionRecord(t[3], WorkingDays(draw(st.integers(1, 365))), draw(BILINGUAL)),)
        if draw(maybe)
        else (),
        decided=t[4] if draw(maybe) else None,
        delivered=t[5] if draw(maybe) else None,
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(IDS, min_size=1, max_size=3, unique=True).flatmap(lambda ids: st.tuples(*map(applications, ids)))
)
def test_any_register_round_trips(apps: tuple[Application, ...]) -> None:
    register = ApplicationRegister(apps)
    doc = json.loads(dumps_applications(register, fmt="json"))
    APPLICATIONS_SCHEMA.validate(doc)
    assert load_applications(doc) == register
    assert loads_applications(dumps_applications(register)) == register


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("applications", 0, "received"), 20260930),
        (("applications", 0, "id"), "A 1"),
        (("applications", 0, "submitted"), "application-form"),
        (("applications", 0, "first_contact", "colour"), "red"),
        (
            ("applications", 0, "extensions"),
            [{"at": "2026-10-01T10:00:00+08:00", "working_days": 0, "authority": "x"}],
        ),
        (("applications", 0, "corrections"), [{"at": "2026-10-01T10:00:00+08:00"}]),
        (("absences", 0, "start"), 20261102),
        (("applications",), None),
    ],
)
def test_what_the_applications_schema_rejects_the_loader_rejects(path: tuple[Any, ...], value: Any) -> None:
    doc = set_at(as_json(DATA / "applications.json"), path, value)
    with pytest.raises(jsonschema.ValidationError):
        APPLICATIONS_SCHEMA.validate(doc)
    with pytest.raises(CatalogueFileError):
        load_applications(doc)


def test_applications_are_detected_by_their_keys() -> None:
    assert detect_kind({"applications": []}, Path("a.json")).name == "applications"  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(GARBAGE)
def test_fuzz_the_applications_loader(doc: Any) -> None:
    fuzz(load_applications, doc if isinstance(doc, dict) else {"applications": [doc], "absences": [doc]})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_the_applications_text_loader(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    fuzz(loads_applications, text)
    fuzz(lambda t: loads_applications(t, fmt="json"), text)


# -- the complaints file -----------------------------------------------------------------------

COMPLAINTS_SCHEMA = jsonschema.Draft202012Validator(COMPLAINTS.json_schema())


def test_the_complaints_schema_is_draft_2020_12() -> None:
    schema = COMPLAINTS.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "complaints"
    assert set(schema["$defs"]) == {
        "complaint-rules",
        "citation",
        "step-limit",
        "complaint",
        "complaint-decision",
    }


def test_the_shipped_complaints_validate_and_round_trip(tmp_path: Path) -> None:
    path = DATA / "complaints.toml"
    COMPLAINTS_SCHEMA.validate(as_json(path))
    rules, complaints = load_complaints(path)
    assert set(rules.limits) == set(ComplaintStep)
    doc = json.loads(dumps_complaints(rules, complaints, fmt="json"))
    COMPLAINTS_SCHEMA.validate(doc)
    assert load_complaints(doc) == (rules, complaints)
    assert loads_complaints(dumps_complaints(rules, list(complaints))) == (rules, complaints)
    for name in ("c.toml", "c.json"):
        dump_complaints(rules, complaints, tmp_path / name)
        assert load_complaints(tmp_path / name) == (rules, complaints)


def test_a_step_the_rules_do_not_set_stays_unset() -> None:
    """An unset step is not written, so it reads back as unset (undetermined), not invented."""
    rules, complaints = load_complaints(DATA / "complaints.toml")
    partial = ComplaintRules(rules.source, {ComplaintStep.REPLY: rules.limits[ComplaintStep.REPLY]})
    doc = json.loads(dumps_complaints(partial, complaints, fmt="json"))
    assert set(doc["rules"]) == {"source", "reply"}
    assert load_complaints(doc)[0] == partial


def test_dumping_complaints_refuses_bad_input() -> None:
    rules, complaints = load_complaints(DATA / "complaints.toml")
    with pytest.raises(TypeError):
        dumps_complaints("rules", complaints)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dumps_complaints(rules, "TS-1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dumps_complaints(rules, ["TS-1"])  # type: ignore[list-item]


LIMITS = st.builds(StepLimit, PERIODS, st.sampled_from(("received", "accepted")))


@st.composite
def complaints(draw: st.DrawFn, ident: str) -> Complaint:
    start = draw(st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2027, 6, 1)))
    received = start.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)), microsecond=0)
    t = [
        received + dt.timedelta(seconds=s)
        for s in sorted(draw(st.lists(st.integers(0, 10**6), min_size=3, max_size=3)))
    ]
    accepted = draw(st.none() | st.booleans())
    decided = None if accepted is None else t[0]
    handled = t[1] if accepted and draw(st.booleans()) else None
    replied = t[2] if accepted is not None and draw(st.booleans()) else None
    return Complaint(ident, draw(IDS), received, decided, accepted, handled, replied)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(list(ComplaintStep)), LIMITS).map(
        lambda d: {
            k: v
            for k, v in d.items()
            if k is not ComplaintStep.ACCEPT_DECISION or v.counts_from == "received"
        }
    ),
    st.lists(IDS, max_size=3, unique=True).flatmap(lambda ids: st.tuples(*map(complaints, ids))),
)
def test_any_complaints_round_trip(
    limits: dict[ComplaintStep, StepLimit], items: tuple[Complaint, ...]
) -> None:
    rules = ComplaintRules(Citation(Text("县办法", "county rules"), "8"), limits)
    doc = json.loads(dumps_complaints(rules, items, fmt="json"))
    COMPLAINTS_SCHEMA.validate(doc)
    assert load_complaints(doc) == (rules, items)
    assert loads_complaints(dumps_complaints(rules, items)) == (rules, items)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("rules", "reply", "unit"), "weeks"),
        (("rules", "reply", "from"), "decided"),
        (("rules", "handling", "length"), -3),
        (("rules", "source", "law"), "县办法"),
        (("rules", "source", "year"), 1800),
        (("rules", "deadline"), {"unit": "days", "length": 3}),
        (("complaints", 0, "decision", "accepted"), "yes"),
        (("complaints", 0, "decision"), {"accepted": True}),
        (("complaints", 0, "id"), "TS 1"),
        (("complaints", 0, "received"), 20260929),
        (("complaints",), {}),
    ],
)
def test_what_the_complaints_schema_rejects_the_loader_rejects(path: tuple[Any, ...], value: Any) -> None:
    doc = set_at(as_json(DATA / "complaints.toml"), path, value)
    with pytest.raises(jsonschema.ValidationError):
        COMPLAINTS_SCHEMA.validate(doc)
    with pytest.raises(CatalogueFileError):
        load_complaints(doc)


def test_the_loader_reports_a_repeated_complaint_id() -> None:
    doc = as_json(DATA / "complaints.toml")
    doc["complaints"].append(doc["complaints"][0])
    with pytest.raises(CatalogueFileError, match="used twice"):
        load_complaints(doc)


def test_complaints_are_detected_by_their_keys() -> None:
    """`rules` alone is a deadline rule file; with `complaints` it is a complaints file."""
    assert detect_kind({"rules": {}, "complaints": []}, Path("a.toml")).name == "complaints"  # type: ignore[union-attr]
    assert detect_kind({"rules": []}, Path("a.toml")).name == "rules"  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(GARBAGE)
def test_fuzz_the_complaints_loader(doc: Any) -> None:
    fuzz(load_complaints, doc if isinstance(doc, dict) else {"rules": doc, "complaints": [doc]})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_the_complaints_text_loader(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    fuzz(loads_complaints, text)
    fuzz(lambda t: loads_complaints(t, fmt="json"), text)


# -- the survey --------------------------------------------------------------------------------

SURVEY_SCHEMA = jsonschema.Draft202012Validator(SURVEY.json_schema())


def test_the_survey_schema_is_draft_2020_12() -> None:
    schema = SURVEY.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "survey"
    assert set(schema["$defs"]) == {"counting-rule", "survey-response"}


def test_the_shipped_survey_validates_and_round_trips(tmp_path: Path) -> None:
    path = DATA / "survey.toml"
    SURVEY_SCHEMA.validate(as_json(path))
    survey = load_survey(path)
    doc = json.loads(dumps_survey(survey, "json"))
    SURVEY_SCHEMA.validate(doc)
    assert load_survey(doc) == survey
    assert loads_survey(dumps_survey(survey)) == survey
    for name in ("s.toml", "s.json"):
        dump_survey(survey, tmp_path / name)
        assert load_survey(tmp_path / name) == survey
    with pytest.raises(TypeError):
        dumps_survey(doc)  # type: ignore[arg-type]


@st.composite
def surveys(draw: st.DrawFn) -> Survey:
    answers = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    satisfied = draw(st.lists(st.sampled_from(answers), min_size=1, unique=True))
    responses = draw(
        st.lists(
            st.builds(SurveyResponse, IDS, IDS, IDS, st.sampled_from(answers), st.integers(1, 10**6)),
            max_size=4,
        )
    )
    target = draw(st.floats(0.01, 1.0))
    return Survey(CountingRule(tuple(answers), tuple(satisfied)), tuple(responses), target)


@settings(max_examples=60, deadline=None)
@given(surveys())
def test_any_survey_round_trips(survey: Survey) -> None:
    doc = json.loads(dumps_survey(survey, "json"))
    SURVEY_SCHEMA.validate(doc)
    assert load_survey(doc) == survey
    assert loads_survey(dumps_survey(survey)) == survey


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("target",), 1.5),
        (("target",), True),
        (("counting_rule", "answers"), "满意"),
        (("counting_rule", "satisfied", 0), ""),
        (("counting_rule", "colour"), "red"),
        (("responses", 0, "count"), 0),
        (("responses", 0, "answer"), "很 满意"),
        (("responses",), {}),
    ],
)
def test_what_the_survey_schema_rejects_the_loader_rejects(path: tuple[Any, ...], value: Any) -> None:
    doc = set_at(as_json(DATA / "survey.toml"), path, value)
    with pytest.raises(jsonschema.ValidationError):
        SURVEY_SCHEMA.validate(doc)
    with pytest.raises(CatalogueFileError):
        load_survey(doc)


def test_a_survey_is_detected_by_its_keys() -> None:
    assert detect_kind({"counting_rule": {}, "responses": []}, Path("s.toml")).name == "survey"  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(GARBAGE)
def test_fuzz_the_survey_loader(doc: Any) -> None:
    fuzz(load_survey, doc if isinstance(doc, dict) else {"counting_rule": doc, "responses": [doc]})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_the_survey_text_loader(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    fuzz(loads_survey, text)
    fuzz(lambda t: loads_survey(t, "json"), text)


def test_a_path_that_cannot_be_written_is_a_library_error(tmp_path: Path) -> None:
    cat = load_catalogue(DATA / "catalogue.toml")
    with pytest.raises(CatalogueFileError, match="cannot write"):
        dump_catalogue(cat, tmp_path / "no-such-dir" / "c.toml")
    with pytest.raises(CatalogueFileError, match=r"\.toml or \.json"):
        dump_survey(load_survey(DATA / "survey.toml"), tmp_path / "s.yaml")
