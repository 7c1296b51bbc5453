"""The services file formats, each declared once: loader, dumper and JSON Schema agree."""

from __future__ import annotations

import contextlib
import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency._kinds import detect_kind
from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.errors import GovEfficiencyError
from govefficiency.services import (
    Catalogue,
    CatalogueFileError,
    Post,
    ServiceItem,
    dump_catalogue,
    dumps_catalogue,
    load_catalogue,
    loads_catalogue,
)
from govefficiency.services._catalogue import CATALOGUE
from govefficiency.text import Text

from .conftest import DATA

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
