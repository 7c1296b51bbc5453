"""The hooks of `_file_api.FileApi` that let the older kinds' file functions be generated
with their own parameter names, messages and options, and `_format.first_repeat`."""

from __future__ import annotations

import inspect

import pytest

from govefficiency import approvals, assessment, services
from govefficiency._format import first_repeat
from govefficiency.deadlines import rule_presets
from govefficiency.errors import InvalidInputError, InvalidTypeError

# function -> its parameters, as they were when the function was written by hand
SIGNATURES = [
    (services.load_catalogue, ["source", "rules"]),
    (services.loads_catalogue, ["text", "fmt", "rules"]),
    (services.dump_catalogue, ["catalogue", "path"]),
    (services.dumps_catalogue, ["catalogue", "fmt"]),
    (services.dumps_survey, ["survey", "fmt"]),
    (services.dump_applications, ["register", "path"]),
    (assessment.load_scheme, ["path"]),
    (assessment.loads_scheme, ["text", "fmt", "origin"]),
    (assessment.dump_scheme, ["scheme", "path"]),
    (approvals.dumps_flow, ["flow", "fmt"]),
    (approvals.dump_project, ["project", "path"]),
    (approvals.dumps_catalogue, ["items", "fmt"]),
]


@pytest.mark.parametrize(("function", "names"), SIGNATURES, ids=lambda x: getattr(x, "__name__", ""))
def test_generated_functions_keep_their_parameter_names(function, names):
    assert list(inspect.signature(function).parameters) == names


def test_keyword_calls_by_those_names_work():
    scheme = assessment.get_scheme("yanshou-execution")
    text = assessment.dumps_scheme(scheme=scheme, fmt="toml")
    assert assessment.loads_scheme(text=text, fmt="toml", origin="s.toml") == scheme
    assert approvals.loads_catalogue(approvals.dumps_catalogue(items=["b", "a", "b"])) == {"a", "b"}
    with pytest.raises(TypeError):
        assessment.dumps_scheme(value=scheme)  # not a name of the signature


def test_defaults_options_and_refusals():
    scheme = assessment.get_scheme("yanshou-execution")
    assert assessment.dumps_scheme(scheme).startswith("{")  # JSON by default, as before
    with pytest.warns(DeprecationWarning, match="dumps_scheme"):
        assessment.dumps_scheme(scheme, "toml")  # a positional fmt, for one release
    with pytest.raises(InvalidTypeError, match="dumps_scheme needs a Scheme"):
        assessment.dumps_scheme("scheme")
    with pytest.raises(InvalidTypeError, match="expected a Catalogue"):
        services.dumps_catalogue("catalogue")
    with pytest.raises(InvalidTypeError, match="text must be a str"):
        services.loads_survey(b"target = 0.9")
    with pytest.raises(InvalidTypeError, match="rules must be a RuleRegistry"):
        services.loads_catalogue("items = []", rules="presets")
    with pytest.raises(InvalidInputError, match="unknown format"):
        approvals.dumps_catalogue(["a"], fmt="yaml")
    with pytest.raises(TypeError):
        services.load_catalogue("c.toml", known_units=())  # not an option of this kind
    catalogue = services.loads_catalogue('items = []\nname = "centre"', rules=rule_presets())
    assert catalogue.name is not None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        (["a", "b", "c"], None),
        (["a", "b", "a"], (2, 0)),
        (["a", "b", "b", "a"], (2, 1)),  # the first repeat in reading order
    ],
)
def test_first_repeat(values, expected):
    assert first_repeat(values, lambda v: v) == expected


def test_first_repeat_uses_the_key():
    assert first_repeat([(1, "x"), (2, "x")], lambda v: v[1]) == (1, 0)
    assert first_repeat([(1, "x"), (2, "y")], lambda v: v[1]) is None
