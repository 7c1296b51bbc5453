"""The API convention of docs/conventions.md ("Names of the public API"), enforced.

Every public name (the reliability harness's ``_samples.public_names()``: each public
module's ``__all__``) is walked, and each rule is one test below:

1. files: ``load_<kind>`` comes with ``loads_``, ``dump_`` and ``dumps_<kind>`` in the same
   module, ``dump_<kind>`` writes a file, and ``fmt`` is keyword-only;
2. presets: ``get_<kind>(name)`` comes with one listing function ``<kind>_presets()`` whose
   every name ``get_<kind>`` finds; no other preset naming survives in ``__all__`` except
   the deprecated aliases listed in docs/conventions.md;
3. time: an instant is ``at``, a date ``on``, a calendar month ``month``, keyword-only;
4. checks: a ``check…`` function returns findings (and returns them, not raises, for a bad
   record); ``require_…`` is the name of a raising guard;
5. ``to_dict``/``from_dict``: a class with ``from_dict`` has ``to_dict`` and round-trips.

What does not conform is on an allow-list below with its reason: a legitimate role (the day
a calendar is asked about, a deprecated alias's old form). The real violations the first
version listed (marked ``TODO(issue 10)``) are all fixed. An allow-list entry that no longer
matches anything fails too, so the lists only shrink.

The top-level package re-exports a selection of the subpackages' names; rules 1 and 2 are
checked in the subpackages, and a re-export must be the very object its subpackage exports.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import re
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))

import _samples

from govefficiency import _deprecation
from govefficiency.findings import Finding

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
CONVENTIONS = ROOT / "docs" / "conventions.md"

PUBLIC: dict[str, object] = _samples.public_names()
#: Public modules other than the top-level package (which only re-exports).
SUBMODULES = tuple(m for m in _samples.MODULES if m != "govefficiency")


def _exports(module: str) -> set[str]:
    return set(importlib.import_module(module).__all__)


def _is_deprecation_wrapper(fn: object) -> bool:
    """A wrapper built by ``govefficiency._deprecation`` (an old name or an old call form)."""
    code = getattr(fn, "__code__", None)
    return code is not None and Path(code.co_filename) == Path(_deprecation.__file__)


def _is_renamed_alias(fn: object) -> bool:
    """An old name kept by ``_deprecation.renamed`` (its body is the ``alias`` closure)."""
    return _is_deprecation_wrapper(fn) and fn.__code__.co_name == "alias"  # type: ignore[attr-defined]


#: Old names kept by hand rather than through ``_deprecation.renamed`` (a different
#: return type or call form): each is in the "Renamed so far" table too.
DEPRECATED_BY_HAND = {
    "govefficiency.services.check_complaints": "returned a report; now complaint_report(…, at=)",
}


def _deprecated_aliases() -> dict[str, object]:
    """Old names: public functions and constants, and methods (``Rule.check``)."""
    named = {**PUBLIC, **CALLABLES}
    return {name: obj for name, obj in named.items() if _is_renamed_alias(obj) or name in DEPRECATED_BY_HAND}


def _renamed_table() -> str:
    """The "old" column of docs/conventions.md's "Renamed so far" table."""
    text = CONVENTIONS.read_text(encoding="utf-8")
    table = text.split("Renamed so far", 1)[1].split("\n\n", 2)[1]
    return "\n".join(row.split(" | ", 1)[0] for row in table.splitlines() if row.startswith("| "))


def test_every_deprecated_alias_is_listed_in_the_conventions_page() -> None:
    """An old name that still works is in the "Renamed so far" table, so users can find
    what replaced it."""
    listed = _renamed_table()
    missing = sorted(
        name for name in _deprecated_aliases() if not re.search(rf"\b{name.rsplit('.', 1)[1]}\b", listed)
    )
    assert not missing, f"deprecated aliases not in docs/conventions.md's 'Renamed so far' table: {missing}"


# -- 1. files ---------------------------------------------------------------------------

FILE_VERBS = ("load", "loads", "dump", "dumps")

#: Kinds that do not have all four file functions: (module, kind) -> (the verbs it has, why).
FILE_EXCEPTIONS: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("govefficiency.ledger", "ledger"): (
        frozenset({"load", "dump"}),
        "a JSON Lines export is a stream of unbounded size, read and written as a file: "
        "it has no string form (docs/conventions.md, the load_ledger row)",
    ),
    ("govefficiency.assessment", "metrics"): (
        frozenset({"load"}),
        "input data exported from other systems (CSV, or TOML/JSON tables), read row by row "
        "by `assess`; not a declared file kind, the library never writes it (docs/assessment.md)",
    ),
    ("govefficiency.ledger", "public_keys"): (
        frozenset({"load"}),
        "input only: each office publishes its key (`ledger keygen` prints the line); the "
        "library reads keys to verify signatures and never writes a key file",
    ),
    ("govefficiency.escalation", "acknowledgements"): (
        frozenset({"load"}),
        "not a file kind: the 签收/反馈 dates held in a history file, read from it; written "
        "by dump_history(keys, path, acknowledgements=)",
    ),
}

#: ``dump_<kind>`` functions that do not write a file (the convention: ``dump_<kind>(value, path)``).
DUMP_WITHOUT_PATH: dict[str, str] = {}


def _file_kinds() -> dict[tuple[str, str], set[str]]:
    """(module, kind) -> the file verbs the module exports for it (old names left out)."""
    kinds: dict[tuple[str, str], set[str]] = {}
    for module in SUBMODULES:
        for name in _exports(module):
            match = re.fullmatch(r"(load|loads|dump|dumps)_(\w+)", name)
            if match and not _is_renamed_alias(PUBLIC[f"{module}.{name}"]):
                kinds.setdefault((module, match.group(2)), set()).add(match.group(1))
    return kinds


FILE_KINDS = _file_kinds()


@pytest.mark.parametrize(("module", "kind"), sorted(FILE_KINDS), ids=lambda x: x)
def test_file_kinds_have_load_loads_dump_dumps(module: str, kind: str) -> None:
    present = FILE_KINDS[module, kind]
    if (module, kind) in FILE_EXCEPTIONS:
        declared, reason = FILE_EXCEPTIONS[module, kind]
        assert present == declared, (
            f"{module}: {kind} now has {sorted(present)}: update FILE_EXCEPTIONS ({reason})"
        )
        return
    missing = [f"{verb}_{kind}" for verb in FILE_VERBS if verb not in present]
    assert not missing, (
        f"{module} has {sorted(f'{v}_{kind}' for v in present)} but not {missing}: a file kind has "
        "load_/loads_/dump_/dumps_ (docs/conventions.md), or an entry in FILE_EXCEPTIONS with its reason"
    )


def test_file_exceptions_are_current() -> None:
    stale = sorted(set(FILE_EXCEPTIONS) - set(FILE_KINDS))
    assert not stale, f"FILE_EXCEPTIONS names kinds no module exports any more: {stale}"


@pytest.mark.parametrize(
    "name", sorted(n for n in PUBLIC if re.search(r"\.dump_\w+$", n) and n.split(".")[-2] != "govefficiency")
)
def test_dump_writes_a_file(name: str) -> None:
    """``dump_<kind>(value, path)``: the last positional parameter is the file, after the
    value (two for ``dump_complaints(rules, complaints, path)``: what load_complaints returns)."""
    params = [
        p.name
        for p in inspect.signature(PUBLIC[name]).parameters.values()  # type: ignore[arg-type]
        if p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    writes = len(params) >= 2 and params[-1] == "path"
    if name in DUMP_WITHOUT_PATH:
        assert not writes, f"{name} now writes a file: remove it from DUMP_WITHOUT_PATH"
        return
    assert writes, f"{name}{inspect.signature(PUBLIC[name])}: a dump_<kind> takes (value, path)"  # type: ignore[arg-type]


def _callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function and every public method (plain, class or static) of every
    public class, once each, under its subpackage's name."""
    seen: set[int] = set()
    for name, obj in sorted(PUBLIC.items(), key=lambda item: -item[0].count(".")):
        if inspect.isclass(obj):
            if issubclass(obj, BaseException | enum.Enum):
                continue
            for attr, value in vars(obj).items():
                fn = value.__func__ if isinstance(value, classmethod | staticmethod) else value
                if attr.startswith("_") or not inspect.isfunction(fn) or id(fn) in seen:
                    continue
                seen.add(id(fn))
                yield f"{name}.{attr}", fn
        elif inspect.isfunction(obj) and id(obj) not in seen:
            seen.add(id(obj))
            yield name, obj


CALLABLES = dict(_callables())


def test_fmt_is_keyword_only_everywhere() -> None:
    """``loads_<kind>(text, *, fmt=…)``, ``dumps_<kind>(value, *, fmt=…)``; a deprecation
    wrapper (which still takes the old positional ``fmt``) is checked by its wrapped
    signature, which ``inspect.signature`` follows."""
    positional = sorted(
        f"{name}{inspect.signature(fn)}"
        for name, fn in CALLABLES.items()
        if (p := inspect.signature(fn).parameters.get("fmt")) is not None and p.kind is not p.KEYWORD_ONLY
    )
    assert not positional, f"fmt must be keyword-only: {positional}"


def test_top_level_re_exports_are_the_subpackages_objects() -> None:
    """The top-level package's file and preset functions are those of a subpackage (where
    rules 1 and 2 are checked), not copies that could drift."""
    pattern = re.compile(r"(load|loads|dump|dumps|get)_\w+|\w+_presets|preset_\w+|default_\w+")
    homeless = sorted(
        name
        for name in _exports("govefficiency")
        if pattern.fullmatch(name)
        and not any(
            name in _exports(m) and PUBLIC[f"{m}.{name}"] is PUBLIC[f"govefficiency.{name}"]
            for m in SUBMODULES
        )
    )
    assert not homeless, f"top-level names not re-exported from a subpackage: {homeless}"


# -- 2. presets -------------------------------------------------------------------------

GETTERS = sorted(
    (module, name[len("get_") :])
    for module in SUBMODULES
    for name in _exports(module)
    if name.startswith("get_")
)


def _preset_ids(listing: object) -> list[str]:
    """The names a listing function gives: a tuple of names, a mapping by name, or a
    registry of rules (``rule_presets()``)."""
    if isinstance(listing, Mapping):
        return list(listing)
    rules = getattr(listing, "rules", None)
    if rules is not None:
        return [rule.id for rule in rules]
    assert isinstance(listing, tuple | list), f"a listing function returned {type(listing).__name__}"
    return list(listing)


@pytest.mark.parametrize(("module", "kind"), GETTERS, ids=lambda x: x)
def test_every_preset_getter_has_one_listing_function(module: str, kind: str) -> None:
    exported = _exports(module)
    listings = sorted({f"{kind}_presets", f"list_{kind}s"} & exported)
    assert len(listings) == 1, (
        f"{module}.get_{kind} needs exactly one listing function, {kind}_presets() (or list_{kind}s()); "
        f"found {listings}"
    )
    mod = importlib.import_module(module)
    ids = _preset_ids(getattr(mod, listings[0])())
    assert ids, f"{module}.{listings[0]}() lists no preset"
    for preset in ids:
        getattr(mod, f"get_{kind}")(preset)  # every listed name is found


#: Preset-like names in ``__all__`` that are neither ``get_<kind>``/``<kind>_presets`` nor
#: a deprecated alias: name -> why it stays.
OTHER_PRESET_NAMES: dict[str, str] = {}


def test_no_other_preset_naming_in_all() -> None:
    """``default_<kind>()``, ``preset_<kind>()``, ``…PRESETS`` constants: only as deprecated
    aliases (docs/conventions.md). ``DEFAULT_X`` constants are default values of a
    parameter, not presets, and are not matched."""
    pattern = re.compile(r"(default|preset)_\w+|\w*PRESETS?\w*|\w+_presets_\w+")
    deprecated = _deprecated_aliases()
    found = sorted(
        name
        for name in PUBLIC
        if pattern.fullmatch(name.rsplit(".", 1)[1])
        and name not in deprecated
        and name not in OTHER_PRESET_NAMES
    )
    assert not found, f"preset names outside the convention (get_<kind> + <kind>_presets()): {found}"
    stale = sorted(set(OTHER_PRESET_NAMES) - set(PUBLIC))
    assert not stale, f"OTHER_PRESET_NAMES lists names no longer exported: {stale}"


# -- 3. time ----------------------------------------------------------------------------

#: Parameter names that say "a time", whatever the role.
TIME_NAMES = {
    "at",
    "on",
    "now",
    "when",
    "as_of",
    "date",
    "day",
    "instant",
    "month",
    "today",
    "time",
    "moment",
}


def _time_kind(annotation: object) -> str | None:
    """What an annotation holds: ``"instant"``, ``"date"``, ``"unknown"`` (untyped), or
    None (not a time: ``when: Condition`` in the decision rules)."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    if annotation is inspect.Parameter.empty or text in ("object", "Any"):
        return "unknown"
    if "datetime" in text:
        return "instant"
    if re.search(r"\bdate\b", text):
        return "date"
    return None


def _time_offenders() -> dict[str, str]:
    """``callable(parameter)`` -> what is wrong, for every time parameter that is not an
    instant ``at``, a date ``on`` or a month ``month``, keyword-only. A constructor is left
    out: its parameters are the fields of a record (an event's ``date`` is its role)."""
    out: dict[str, str] = {}
    for name, fn in CALLABLES.items():
        for p in inspect.signature(fn).parameters.values():
            kind = _time_kind(p.annotation)
            if p.name not in TIME_NAMES or (kind is None and p.name != "month"):
                continue
            wrong = []
            if p.name == "at" and kind not in ("instant", "unknown"):
                wrong.append(f"`at` is an instant, but this one is a {kind}: a date is `on`")
            elif p.name == "on" and kind == "instant":
                wrong.append("`on` is a date, but this one is an instant: an instant is `at`")
            elif p.name not in ("at", "on", "month"):
                wrong.append(f"a {kind} named `{p.name}`: an instant is `at`, a date `on`, a month `month`")
            if p.kind is not p.KEYWORD_ONLY:
                wrong.append("not keyword-only")
            if wrong:
                out[f"{name}({p.name})"] = "; ".join(wrong)
    return out


_CALENDAR_DAY = (
    "role: the day the calendar is asked about (the subject of the query, as in "
    "`is_working_day(day)`), not the time of the answer"
)

#: Time parameters that do not follow at/on/month keyword-only, with the reason.
TIME_ALLOWED: dict[str, str] = {
    **{
        f"govefficiency.calendar.WorkCalendar.{method}(day)": _CALENDAR_DAY
        for method in (
            "add_working_days",
            "covers",
            "day",
            "day_kind",
            "day_name",
            "is_provisional",
            "is_working_day",
            "next_working_day",
            "previous_working_day",
            "roll_forward",
        )
    },
    "govefficiency.deadlines.add_months(day)": "role: the day months are added to (like add_working_days)",
    "govefficiency.assessment.Period.contains(day)": "role: the day tested for membership in the period",
    "govefficiency.services.period_of(day)": "role: the day whose reporting period is asked",
    "govefficiency.services.ApplicationRegister.is_absent(day)": "role: the day an officer's absence is asked for",
    "govefficiency.services.check_complaints(at)": "deprecated alias (docs/conventions.md): its old form",
    "govefficiency.testing.at(month)": (
        "role: builds an instant from its parts, like dt.datetime(year, month, day); the "
        "month is a number, not a calendar month argument"
    ),
}


TIME_OFFENDERS = _time_offenders()


@pytest.mark.parametrize("offender", sorted(TIME_OFFENDERS))
def test_time_is_at_on_or_month_by_keyword(offender: str) -> None:
    assert offender in TIME_ALLOWED, (
        f"{offender}: {TIME_OFFENDERS[offender]} (docs/conventions.md: `at=` for an instant, `on=` "
        "for a date, `month=` for a calendar month, keyword-only; an old positional form is kept by "
        "_deprecation.keyword_only); or add it to TIME_ALLOWED with its role"
    )


def test_the_time_allow_list_is_current() -> None:
    stale = sorted(set(TIME_ALLOWED) - set(TIME_OFFENDERS))
    assert not stale, f"these now conform (or are gone): remove them from TIME_ALLOWED: {stale}"


def test_a_deprecation_wrapper_takes_the_time_by_keyword() -> None:
    """The wrappers of _deprecation accept the old positional time on purpose; what they
    wrap takes it by keyword (the check above reads the wrapped signature)."""
    wrapped = {
        n: fn for n, fn in CALLABLES.items() if _is_deprecation_wrapper(fn) and hasattr(fn, "__wrapped__")
    }
    assert "govefficiency.deadlines.statuses_at" in wrapped
    for name, fn in wrapped.items():
        inner = inspect.signature(fn.__wrapped__)  # type: ignore[attr-defined]
        for p in inner.parameters.values():
            if p.name in ("at", "on", "month") and not _is_renamed_alias(fn):
                assert p.kind is p.KEYWORD_ONLY, f"{name} wraps a positional {p.name}"


# -- 4. checks --------------------------------------------------------------------------


def _returns_findings(fn: Callable[..., Any]) -> bool:
    """Annotated to return a list/tuple/iterable of ``Finding``. A report object holding
    findings does not count: that is what ``services.check_complaints`` returned, and it
    was renamed ``complaint_report`` for it (a caller of a ``check…`` function can test
    the result for emptiness and iterate it as findings, whatever the module)."""
    annotation = inspect.signature(fn).return_annotation
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return bool(re.fullmatch(r"(list|tuple|Iterable|Sequence|Iterator)\[Finding(, \.\.\.)?\]", text))


#: ``check…`` callables that do not return findings, with the reason.
CHECK_ALLOWED: dict[str, str] = {}


def _check_callables() -> dict[str, Callable[..., Any]]:
    deprecated = _deprecated_aliases()
    return {
        name: fn
        for name, fn in CALLABLES.items()
        if re.fullmatch(r"check(_\w+)?", name.rsplit(".", 1)[1])
        and name not in deprecated
        and not _is_renamed_alias(fn)
    }


CHECKS = _check_callables()


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_functions_return_findings(name: str) -> None:
    fn = CHECKS[name]
    if name in CHECK_ALLOWED:
        assert not _returns_findings(fn), f"{name} now returns findings: remove it from CHECK_ALLOWED"
        return
    assert _returns_findings(fn), (
        f"{name}{inspect.signature(fn)}: a check… function returns a list of Finding (docs/conventions.md); "
        "a raising guard is named require_…"
    )


def test_require_guards_do_not_return_findings() -> None:
    wrong = sorted(
        n
        for n, fn in CALLABLES.items()
        if n.rsplit(".", 1)[1].startswith("require_") and _returns_findings(fn)
    )
    assert not wrong, f"require_… raises on a defect; these return findings (name them check_…): {wrong}"


def _bad_scheme() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.assessment import load_scheme

    doc = tomllib.loads((DATA / "assessment" / "county-departments.toml").read_text(encoding="utf-8"))
    doc["categories"][0]["indicators"][0]["points"] += 1  # the points no longer add up to the total
    return (load_scheme(doc),), {}


def _bad_catalogue() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.services import load_catalogue

    doc = tomllib.loads((DATA / "services" / "catalogue.toml").read_text(encoding="utf-8"))
    doc["items"][0]["committed"]["length"] = 100  # a commitment longer than the statute
    return (load_catalogue(doc),), {}


def _bad_org() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.testing import mini_city

    city = mini_city()
    leaders = [
        attrs.evolve(leader, supervises={*leader.supervises, "ghost"}) if leader.id == "li" else leader
        for leader in city.leaders
    ]
    return (city.replace(leaders=leaders),), {}


def _bad_filings() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.accountability import AccountabilityForm, Filing

    # decided Mon 2026-10-12, due to be filed 5 working days later (10-19), not filed by 10-22
    filing = Filing("A1", "edu", "edu", AccountabilityForm.CIRCULATED_CRITICISM, dt.date(2026, 10, 12))
    return ([filing],), {"on": dt.date(2026, 10, 22)}


def _bad_flow() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.approvals import load_flow

    return (load_flow(DATA / "approvals" / "industrial_flow_defective.toml"),), {}


def _bad_item() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.testing import sample_item

    return (sample_item(),), {"known_units": set()}  # its lead unit is not a known unit


def _late_applications() -> tuple[tuple[Any, ...], dict[str, Any]]:
    from govefficiency.services import load_applications, load_catalogue
    from govefficiency.testing import at

    apps = load_applications(DATA / "services" / "applications.json")
    return (apps, load_catalogue(DATA / "services" / "catalogue.toml")), {"at": at(2026, 12, 31)}


#: A well-formed record with a defect, for each check function.
BAD_RECORDS: dict[str, Callable[[], tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "govefficiency.accountability.check_filings": _bad_filings,
    "govefficiency.approvals.check_flow": _bad_flow,
    "govefficiency.assessment.check_scheme": _bad_scheme,
    "govefficiency.ledger.check_item_references": _bad_item,
    "govefficiency.responsibility.check": _bad_org,
    "govefficiency.services.check_applications": _late_applications,
    "govefficiency.services.check_catalogue": _bad_catalogue,
}


@pytest.mark.parametrize("name", sorted(set(CHECKS) - set(CHECK_ALLOWED)))
def test_a_check_reports_a_bad_record_as_findings(name: str) -> None:
    """A defect in a well-formed record is a finding, not an exception."""
    assert name in BAD_RECORDS, f"{name}: add a well-formed record with a defect to BAD_RECORDS"
    args, kwargs = BAD_RECORDS[name]()
    findings = CHECKS[name](*args, **kwargs)
    assert findings, f"{name} found nothing in a record with a defect"
    assert all(isinstance(f, Finding) for f in findings), f"{name} returned {findings!r}"


# -- 5. to_dict / from_dict ---------------------------------------------------------------


def _classes_with(method: str) -> list[str]:
    seen: set[int] = set()
    out = []
    for name, obj in sorted(PUBLIC.items(), key=lambda item: -item[0].count(".")):
        if inspect.isclass(obj) and hasattr(obj, method) and id(obj) not in seen:
            seen.add(id(obj))
            out.append(name)
    return sorted(out)


@pytest.mark.parametrize("name", _classes_with("from_dict"))
def test_from_dict_has_to_dict(name: str) -> None:
    assert hasattr(PUBLIC[name], "to_dict"), f"{name} has from_dict but no to_dict"


def _samples_of(name: str) -> list[Any]:
    """Values of a class with ``from_dict``: its presets and its example files."""
    from govefficiency import assessment, calendar, deadlines, decisions, escalation, responsibility
    from govefficiency.testing import mini_city

    table: dict[str, Callable[[], list[Any]]] = {
        "govefficiency.calendar.CalendarPatch": lambda: [
            calendar.load_patch(ROOT / "examples" / "patches" / name)
            for name in ("cn-2027-hypothetical.toml", "typhoon-closure-2026.json")
        ],
        "govefficiency.escalation.Policy": lambda: [
            *escalation.policy_presets().values(),
            escalation.load_policy(DATA / "escalation" / "city-lights.toml"),
        ],
        "govefficiency.decisions.ProcedureSpec": lambda: [
            *(decisions.get_procedure(p) for p in decisions.procedure_presets()),
            decisions.load_procedure(DATA / "decisions" / "city.toml"),
        ],
        "govefficiency.assessment.Scheme": lambda: [
            *(assessment.get_scheme(s) for s in assessment.scheme_presets()),
            assessment.load_scheme(DATA / "assessment" / "county-departments.toml"),
        ],
        "govefficiency.responsibility.ResponsibilityGraph": lambda: [
            mini_city(),
            responsibility.load_org(DATA / "city.toml"),
        ],
        "govefficiency.deadlines.RuleRegistry": lambda: [
            deadlines.rule_presets(),
            deadlines.load_rules(DATA / "rules" / "zhuzhou.toml"),
        ],
    }
    assert name in table, f"{name} has from_dict: add its samples to _samples_of"
    return table[name]()


@pytest.mark.parametrize("name", _classes_with("from_dict"))
def test_from_dict_of_to_dict_is_the_value(name: str) -> None:
    cls = PUBLIC[name]
    for value in _samples_of(name):
        assert cls.from_dict(value.to_dict()) == value, f"{name}.from_dict(x.to_dict()) != x"  # type: ignore[attr-defined]
