"""The services file formats, each declared once: loader, dumper and JSON Schema agree."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
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
from strategies import GARBAGE, fuzz_text, set_at

from .conftest import DATA, at

#: Structure-aware garbage for the loader fuzz tests.
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


def fuzz(load: Any, doc: Any) -> None:
    """Only library errors, never a bare exception."""
    with contextlib.suppress(GovEfficiencyError):
        load(doc)


@attrs.frozen
class Format:
    """One services file format and its four functions; ``dumps(value, fmt)`` and
    ``dump(value, path)`` take what ``load`` returns."""

    spec: Any
    defs: frozenset[str]
    exact_defs: bool  # the schema's $defs are exactly ``defs`` (else at least)
    shipped: str  # the example file under examples/data/services
    load: Callable[[Any], Any]
    loads: Callable[..., Any]
    dumps: Callable[..., str]
    dump: Callable[[Any, Path], None]
    garbage: Callable[[Any], dict[str, Any]]  # a non-dict fuzz value placed in a document
    default: str = "toml"  # what ``dumps`` writes when not told

    @property
    def schema(self) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(self.spec.json_schema())


FORMATS = {
    "services-catalogue": Format(
        CATALOGUE,
        frozenset({"post", "service-item", "committed-limit"}),
        True,
        "catalogue.toml",
        load_catalogue,
        loads_catalogue,
        dumps_catalogue,
        dump_catalogue,
        lambda doc: {"items": [doc], "posts": [doc]},
        default="json",
    ),
    "applications": Format(
        APPLICATIONS,
        frozenset({"application", "absence", "suspension", "citation", "extension-record"}),
        False,
        "applications.json",
        load_applications,
        loads_applications,
        dumps_applications,
        dump_applications,
        lambda doc: {"applications": [doc], "absences": [doc]},
    ),
    "complaints": Format(
        COMPLAINTS,
        frozenset({"complaint-rules", "citation", "step-limit", "complaint", "complaint-decision"}),
        True,
        "complaints.toml",
        load_complaints,
        loads_complaints,
        lambda value, **fmt: dumps_complaints(*value, **fmt),
        lambda value, path: dump_complaints(*value, path),
        lambda doc: {"rules": doc, "complaints": [doc]},
    ),
    "survey": Format(
        SURVEY,
        frozenset({"counting-rule", "survey-response"}),
        True,
        "survey.toml",
        load_survey,
        loads_survey,
        dumps_survey,
        dump_survey,
        lambda doc: {"counting_rule": doc, "responses": [doc]},
    ),
}


def assert_round_trips(kind: str, value: Any) -> dict[str, Any]:
    """``value`` dumped as JSON fits the schema and loads back equal; so does the text in
    the format's default and in TOML. Returns the JSON document."""
    form = FORMATS[kind]
    doc: dict[str, Any] = json.loads(form.dumps(value, fmt="json"))
    form.schema.validate(doc)
    assert form.load(doc) == value
    assert form.loads(form.dumps(value), fmt=form.default) == value
    assert form.loads(form.dumps(value, fmt="toml")) == value
    return doc


@pytest.mark.parametrize("kind", FORMATS)
def test_the_schema_is_draft_2020_12(kind: str) -> None:
    form = FORMATS[kind]
    schema = form.spec.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == kind
    assert set(schema["$defs"]) == form.defs if form.exact_defs else set(schema["$defs"]) >= form.defs


@pytest.mark.parametrize("kind", FORMATS)
def test_the_shipped_file_validates_and_round_trips(kind: str, tmp_path: Path) -> None:
    form = FORMATS[kind]
    path = DATA / form.shipped
    form.schema.validate(as_json(path))
    value = form.load(path)
    assert_round_trips(kind, value)
    for suffix in (".toml", ".json"):
        form.dump(value, tmp_path / f"f{suffix}")
        assert form.load(tmp_path / f"f{suffix}") == value


@pytest.mark.parametrize(
    ("kind", "path", "value"),
    [
        ("services-catalogue", ("items", 0, "committed", "unit"), "weeks"),
        ("services-catalogue", ("items", 0, "committed", "length"), -1),
        ("services-catalogue", ("items", 0, "committed", "length"), True),
        ("services-catalogue", ("items", 0, "id"), "food licence"),
        ("services-catalogue", ("items", 0, "materials"), "application-form"),
        ("services-catalogue", ("items", 0, "name"), ""),
        ("services-catalogue", ("items", 0, "colour"), "red"),
        ("services-catalogue", ("posts", 0, "b_officer"), 3),
        ("services-catalogue", ("posts", 0, "name"), {"zh": "窗口"}),
        ("services-catalogue", ("items",), {}),
        ("applications", ("applications", 0, "received"), 20260930),
        ("applications", ("applications", 0, "id"), "A 1"),
        ("applications", ("applications", 0, "submitted"), "application-form"),
        ("applications", ("applications", 0, "first_contact", "colour"), "red"),
        (
            "applications",
            ("applications", 0, "extensions"),
            [{"at": "2026-10-01T10:00:00+08:00", "working_days": 0, "authority": "x"}],
        ),
        ("applications", ("applications", 0, "corrections"), [{"at": "2026-10-01T10:00:00+08:00"}]),
        ("applications", ("absences", 0, "start"), 20261102),
        ("applications", ("applications",), None),
        ("complaints", ("rules", "reply", "unit"), "weeks"),
        ("complaints", ("rules", "reply", "from"), "decided"),
        ("complaints", ("rules", "handling", "length"), -3),
        ("complaints", ("rules", "source", "law"), "县办法"),
        ("complaints", ("rules", "source", "year"), 1800),
        ("complaints", ("rules", "deadline"), {"unit": "days", "length": 3}),
        ("complaints", ("complaints", 0, "decision", "accepted"), "yes"),
        ("complaints", ("complaints", 0, "decision"), {"accepted": True}),
        ("complaints", ("complaints", 0, "id"), "TS 1"),
        ("complaints", ("complaints", 0, "received"), 20260929),
        ("complaints", ("complaints",), {}),
        ("survey", ("target",), 1.5),
        ("survey", ("target",), True),
        ("survey", ("counting_rule", "answers"), "满意"),
        ("survey", ("counting_rule", "satisfied", 0), ""),
        ("survey", ("counting_rule", "colour"), "red"),
        ("survey", ("responses", 0, "count"), 0),
        ("survey", ("responses", 0, "answer"), "很 满意"),
        ("survey", ("responses",), {}),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(kind: str, path: tuple[Any, ...], value: Any) -> None:
    form = FORMATS[kind]
    doc = set_at(as_json(DATA / form.shipped), path, value)
    with pytest.raises(jsonschema.ValidationError):
        form.schema.validate(doc)
    with pytest.raises(CatalogueFileError):
        form.load(doc)


@pytest.mark.parametrize(
    ("doc", "name", "kind"),
    [
        ({"items": [], "posts": []}, "a.toml", "services-catalogue"),
        ({"name": "x", "items": []}, "a.toml", "services-catalogue"),
        ({"year": 2026, "items": []}, "a.toml", "checklist"),
        ({"applications": []}, "a.json", "applications"),
        # `rules` alone is a deadline rule file; with `complaints` it is a complaints file.
        ({"rules": {}, "complaints": []}, "a.toml", "complaints"),
        ({"rules": []}, "a.toml", "rules"),
        ({"counting_rule": {}, "responses": []}, "s.toml", "survey"),
    ],
)
def test_a_file_is_detected_by_its_keys(doc: dict[str, Any], name: str, kind: str) -> None:
    assert detect_kind(doc, Path(name)).name == kind  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", FORMATS)
@settings(max_examples=150, deadline=None)
@given(doc=GARBAGE)
def test_fuzz_the_loader(kind: str, doc: Any) -> None:
    form = FORMATS[kind]
    fuzz(form.load, doc if isinstance(doc, dict) else form.garbage(doc))


@pytest.mark.parametrize("kind", FORMATS)
@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=64))
def test_fuzz_the_text_loader(kind: str, data: bytes) -> None:
    fuzz_text(data.decode("utf-8", "replace"), FORMATS[kind].loads)


def test_format_specific_round_trip_details(tmp_path: Path) -> None:
    """The catalogue's ``to_dict`` is its JSON document; a complaints file reads back with
    every step's limit and dumps from a list too; ``dumps_survey`` refuses a dict."""
    cat = load_catalogue(DATA / "catalogue.toml")
    assert cat.to_dict() == json.loads(dumps_catalogue(cat))
    rules, items = load_complaints(DATA / "complaints.toml")
    assert set(rules.limits) == set(ComplaintStep)
    assert loads_complaints(dumps_complaints(rules, list(items))) == (rules, items)
    survey = load_survey(DATA / "survey.toml")
    with pytest.raises(TypeError):
        dumps_survey(json.loads(dumps_survey(survey, fmt="json")))  # type: ignore[arg-type]


# -- the catalogue -----------------------------------------------------------------------------

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
    assert_round_trips("services-catalogue", cat)


# -- the applications file ---------------------------------------------------------------------


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
    doc = assert_round_trips("applications", register)
    assert "basis" not in doc["applications"][0]["suspensions"][1]  # the default, art. 45


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
    assert_round_trips("applications", ApplicationRegister(apps))


# -- the complaints file -----------------------------------------------------------------------


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
    assert_round_trips("complaints", (rules, items))


def test_the_loader_reports_a_repeated_complaint_id() -> None:
    doc = as_json(DATA / "complaints.toml")
    doc["complaints"].append(doc["complaints"][0])
    with pytest.raises(CatalogueFileError, match="used twice"):
        load_complaints(doc)


# -- the survey --------------------------------------------------------------------------------


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
    assert_round_trips("survey", survey)


def test_a_path_that_cannot_be_written_is_a_library_error(tmp_path: Path) -> None:
    cat = load_catalogue(DATA / "catalogue.toml")
    with pytest.raises(CatalogueFileError, match="cannot write"):
        dump_catalogue(cat, tmp_path / "no-such-dir" / "c.toml")
    with pytest.raises(CatalogueFileError, match=r"\.toml or \.json"):
        dump_survey(load_survey(DATA / "survey.toml"), tmp_path / "s.yaml")
