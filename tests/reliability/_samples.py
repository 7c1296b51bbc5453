"""Good arguments for any public callable, derived from its signature's annotations.

The bad-input harness changes ONE argument of a call that is otherwise valid, so that the
bad value is what the callable meets (not an earlier, unrelated refusal). A good value is
built from the parameter's annotation: a registry for the common types, the first member
of an enum, a recursively built instance of a public attrs class, and a few overrides by
``callable.parameter`` where the annotation cannot say (``object``, ``Any``, paths).
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

#: The top-level package and every public subpackage or module with an ``__all__``.
MODULES = (
    "govefficiency",
    "govefficiency.accountability",
    "govefficiency.approvals",
    "govefficiency.assessment",
    "govefficiency.calendar",
    "govefficiency.citation",
    "govefficiency.deadlines",
    "govefficiency.decisions",
    "govefficiency.errors",
    "govefficiency.escalation",
    "govefficiency.findings",
    "govefficiency.ics",
    "govefficiency.ledger",
    "govefficiency.responsibility",
    "govefficiency.services",
    "govefficiency.testing",
    "govefficiency.text",
)


def public_names() -> dict[str, object]:
    """``module.name`` -> object for every name in every public ``__all__``."""
    out: dict[str, object] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            out[f"{module_name}.{name}"] = getattr(module, name)
    return out


def _classes() -> dict[str, type]:
    out: dict[str, type] = {}
    for qualified, obj in public_names().items():
        if inspect.isclass(obj):
            out.setdefault(qualified.rsplit(".", 1)[1], obj)
    return out


CLASSES = _classes()


def _now() -> dt.datetime:
    from govefficiency.testing import at

    return at(2026, 10, 8)


def _simple(name: str) -> Callable[[], Any] | None:
    """A factory for the common annotation names."""
    from govefficiency.calendar import china_calendar
    from govefficiency.citation import Citation
    from govefficiency.testing import mini_city, sample_item, sample_ledger, text

    table: dict[str, Callable[[], Any]] = {
        "str": lambda: "T1",
        "int": lambda: 1,
        "float": lambda: 1.0,
        "bool": lambda: False,
        "dt.date": lambda: dt.date(2026, 10, 8),
        "date": lambda: dt.date(2026, 10, 8),
        "dt.datetime": _now,
        "datetime": _now,
        "dt.time": lambda: dt.time(9, 0),
        "Text": lambda: text("事项", "matter"),
        "WorkCalendar": china_calendar,
        "Citation": lambda: Citation(text("示例条例", "Example Regulation"), "1"),
        "ResponsibilityGraph": mini_city,
        "Ledger": sample_ledger,
        "ChecklistItem": sample_item,
        "Lang": lambda: "en",
        "Path": lambda: ROOT / "examples" / "data" / "checklist.toml",
        "object": lambda: "T1",
        "Any": lambda: "T1",
    }
    return table.get(name)


_SPLIT = re.compile(r"\s*\|\s*")


def _strip(annotation: object) -> str:
    if annotation is inspect.Parameter.empty:
        return ""
    text = annotation if isinstance(annotation, str) else repr(annotation)
    match = re.fullmatch(r"ForwardRef\('(.*)'\)", text)
    if match:
        text = match.group(1)
    return text


def _top_level_union(text: str) -> list[str]:
    """Split ``A | B[C | D] | None`` at the top level only."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _resolve(name: str, namespace: dict[str, Any]) -> type | None:
    """The class an annotation names, read in the callable's own module first (two
    subpackages may each have a ``Period`` or a ``StepKind``)."""
    found = namespace.get(name)
    if inspect.isclass(found):
        return found
    return CLASSES.get(name.rsplit(".", 1)[-1])


def good_for(annotation: object, depth: int = 0, namespace: dict[str, Any] | None = None) -> Any:
    """A valid value for ``annotation`` (raises ``LookupError`` when none is known)."""
    namespace = namespace or {}
    text = _strip(annotation)
    if not text:
        raise LookupError("no annotation")
    alternatives = _top_level_union(text)
    if len(alternatives) > 1:
        if "None" in alternatives:
            return None
        return good_for(alternatives[0], depth, namespace)
    generic = re.fullmatch(r"([\w.]+)\[(.*)\]", text)
    if generic:
        outer, inner = generic.groups()
        outer = outer.rsplit(".", 1)[-1]
        if outer in ("Iterable", "Sequence", "Collection", "Container", "tuple", "list", "frozenset", "set"):
            return ()
        if outer in ("Mapping", "dict"):
            return {}
        if outer == "Literal":
            return eval(inner.split(",")[0])
        raise LookupError(text)
    factory = _simple(text)
    if factory is not None:
        return factory()
    cls = _resolve(text, namespace)
    if cls is None:
        raise LookupError(text)
    return good_instance(cls, depth + 1)


def good_instance(cls: type, depth: int = 0) -> Any:
    """An instance of a public class: an enum's first member, or built from its signature."""
    if issubclass(cls, enum.Enum):
        return next(iter(cls))
    factory = _simple(cls.__name__)
    if factory is not None:
        return factory()
    if depth > 4:
        raise LookupError(cls.__name__)
    args, kwargs = good_arguments(cls, depth)
    return cls(*args, **kwargs)


def _testing() -> Any:
    return importlib.import_module("govefficiency.testing")


def _data(name: str) -> Callable[[], Path]:
    return lambda: ROOT / "examples" / "data" / name


def _text(name: str) -> Callable[[], str]:
    return lambda: (ROOT / "examples" / "data" / name).read_text(encoding="utf-8")


def _complaints() -> Any:
    from govefficiency.services import load_complaints

    return load_complaints(ROOT / "examples" / "data" / "services" / "complaints.toml")


def _survey() -> Any:
    from govefficiency.services import load_survey

    return load_survey(ROOT / "examples" / "data" / "services" / "survey.toml")


_SCRATCH: list[Path] = []


def _scratch() -> Path:
    """A fresh directory under one scratch directory per process (removed at exit)."""
    import atexit
    import shutil
    import tempfile

    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="govefficiency-harness-")))
        atexit.register(shutil.rmtree, _SCRATCH[0], ignore_errors=True)
    return Path(tempfile.mkdtemp(dir=_SCRATCH[0]))


def _history() -> Path:
    path = _scratch() / "history.json"
    path.write_text("[]\n", encoding="utf-8")
    return path


def _public_keys() -> Path:
    path = _history().with_name("keys.toml")
    path.write_text('housing = "' + "ab" * 32 + '"\n', encoding="utf-8")
    return path


def _ledger_file() -> str:
    from govefficiency.ledger import SqliteStore

    path = str(_history().with_name("ledger.db"))
    SqliteStore(path).close()
    return path


def _loaded(module: str, kind: str, name: str) -> Callable[[], Any]:
    """A value of ``kind`` read by ``govefficiency.<module>.load_<kind>`` from an example file."""
    return lambda: getattr(importlib.import_module(f"govefficiency.{module}"), f"load_{kind}")(_data(name)())


def _approvals_project() -> Any:
    from govefficiency.approvals import load_project

    return load_project(ROOT / "examples" / "data" / "approvals" / "project.toml")


#: Good values the annotation cannot give, by ``Callable.parameter`` (or
#: ``module:Callable.parameter`` where two modules use the same name).
OVERRIDES: dict[str, Callable[[], Any]] = {
    "refused.result": lambda: _testing().CliResult(1, "", "error: bad input\n"),
    "load_catalogue.source": _data("services/catalogue.toml"),
    "load_applications.source": _data("services/applications.json"),
    "load_complaints.source": _data("services/complaints.toml"),
    "load_survey.source": _data("services/survey.toml"),
    "loads_catalogue.text": _text("services/catalogue.toml"),
    "loads_complaints.text": _text("services/complaints.toml"),
    "loads_survey.text": _text("services/survey.toml"),
    "loads_applications.text": _text("services/applications.json"),
    "dump_catalogue.path": lambda: _scratch() / "catalogue.toml",
    "dump_applications.path": lambda: _scratch() / "applications.toml",
    "dump_complaints.path": lambda: _scratch() / "complaints.toml",
    "dump_survey.path": lambda: _scratch() / "survey.toml",
    "dump_survey.survey": _survey,
    "dumps_survey.survey": _survey,
    "load_flow.source": _data("approvals/industrial_flow.toml"),
    "loads_flow.text": _text("approvals/industrial_flow.toml"),
    "load_project.source": _data("approvals/project.toml"),
    "loads_project.text": _text("approvals/project.toml"),
    "dump_project.project": lambda: _approvals_project(),
    "dumps_project.project": lambda: _approvals_project(),
    "dump_project.path": lambda: _scratch() / "project.toml",
    "govefficiency.approvals._io:dump_catalogue.path": lambda: _scratch() / "catalogue.json",
    # (a name shared with the services catalogue: keyed by module)
    "govefficiency.approvals._io:load_catalogue.source": _data("approvals/catalogue.json"),
    "govefficiency.approvals._io:loads_catalogue.text": lambda: 'items = ["land-use-preapproval"]\n',
    "loads_org.text": _text("city.toml"),
    "org_chart.name": lambda: ("市", "City"),
    "org_chart.supervision_office": lambda: ("dcs", ("督查室", "Supervision Office")),
    "load_items.source": _data("checklist.toml"),
    "load_scheme.path": _data("assessment/county-departments.toml"),
    "loads_scheme.text": _text("assessment/county-departments.toml"),
    "load_metrics.path": _data("assessment/q3-metrics.csv"),
    "check_complaints.complaints": lambda: _complaints()[1],
    "check_complaints.rules": lambda: _complaints()[0],
    "check_survey.survey": _survey,
    "complaint_report.complaints": lambda: _complaints()[1],
    "complaint_report.rules": lambda: _complaints()[0],
    "survey_results.survey": _survey,
    "load_history.path": _history,
    "dump_history.path": lambda: _scratch() / "history.json",
    "load_acknowledgements.path": _history,
    "loads_history.text": _text("escalation/history.json"),
    "parse_anchor.text": lambda: "1:" + "0" * 64,
    "Signer.private_key": lambda: bytes(range(32)),
    "load_public_keys.path": lambda: _public_keys(),
    "sign_entries.seqs": lambda: [1],
    "open_store.location": lambda: _ledger_file(),
    "SqliteStore.path": lambda: str(_history().with_name("ledger.db")),
    "require_lang.lang": lambda: "en",
    "check_lang.lang": lambda: "en",
    "resolve_unit.name": lambda: "transport",
    "workload.unit": lambda: "transport",
    "load_cases.source": _data("escalation/cases.toml"),
    "loads_cases.text": _text("escalation/cases.toml"),
    "dump_cases.cases": lambda: _cases(),
    "dump_cases.path": lambda: _scratch() / "cases.toml",
    "load_policy.source": _data("escalation/city-lights.toml"),
    "loads_policy.text": _text("escalation/city-lights.toml"),
    "dump_policy.policy": lambda: _policy(),
    "dump_policy.path": lambda: _scratch() / "policy.toml",
    "dumps_policy.policy": lambda: _policy(),
    "load_checklist.source": _data("checklist.toml"),
    "loads_checklist.text": _text("checklist.toml"),
    "dump_checklist.items": lambda: _checklist(),
    "dump_checklist.path": lambda: _scratch() / "checklist.toml",
    "load_review_policy.source": lambda: {"tolerance": 5.0},
    "loads_review_policy.text": lambda: "tolerance = 5.0\n",
    "dump_review_policy.path": lambda: _scratch() / "review-policy.toml",
    "monthly_review.month": lambda: "2026-05",
    "dump_org.path": lambda: _scratch() / "org.toml",
    "load_ledger.path": _data("assessment/q3-ledger.jsonl"),
    "dump_ledger.path": lambda: _scratch() / "ledger.jsonl",
    # the file API quartets of the kinds with example files
    **{
        f"{verb}_{kind}.{param}": factory
        for kind, module, name in (
            ("record", "decisions", "decisions/fares.toml"),
            ("procedure", "decisions", "decisions/city.toml"),
            ("rules", "deadlines", "rules/zhuzhou.toml"),
            ("patch", "calendar", "../patches/cn-2027-hypothetical.toml"),
        )
        for verb, param, factory in (
            ("load", "source", _data(name)),
            ("loads", "text", _text(name)),
            ("dump", "value", _loaded(module, kind, name)),
            ("dumps", "value", _loaded(module, kind, name)),
            ("dump", "spec", _loaded(module, kind, name)),
            ("dumps", "spec", _loaded(module, kind, name)),
            ("dump", "path", lambda: _scratch() / "file.toml"),
        )
    },
}


def _cases() -> Any:
    from govefficiency.escalation import load_cases

    return load_cases(ROOT / "examples" / "data" / "escalation" / "cases.toml")[0]


def _policy() -> Any:
    from govefficiency.escalation import load_policy

    return load_policy(ROOT / "examples" / "data" / "escalation" / "city-lights.toml")


def _checklist() -> Any:
    from govefficiency.ledger import load_checklist

    return load_checklist(ROOT / "examples" / "data" / "checklist.toml")


_DATE_NAMES = {"date", "due", "on", "day", "start", "end", "first", "last", "deadline", "completed_on"}
_INSTANT_NAMES = {"at", "received", "recorded_at", "opened", "when"}


def _by_name(parameter: inspect.Parameter) -> Callable[[], Any] | None:
    """A good value guessed from the name of a parameter the annotation does not type."""
    if _strip(parameter.annotation) not in ("", "object", "Any"):
        return None
    if parameter.name in _DATE_NAMES:
        return lambda: dt.date(2026, 10, 8)
    if parameter.name in _INSTANT_NAMES:
        return _now
    if parameter.name in ("share", "percent"):
        return lambda: 50
    return None


def good_arguments(target: Callable[..., Any], depth: int = 0) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments for every *required* parameter of ``target``."""
    signature = inspect.signature(target)
    module = sys.modules.get(getattr(target, "__module__", ""), None)
    namespace = dict(vars(module)) if module else {}
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    owner = getattr(target, "__name__", "?")
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.default is not parameter.empty:
            continue
        override = (
            OVERRIDES.get(f"{getattr(target, '__module__', '')}:{owner}.{parameter.name}")
            or OVERRIDES.get(f"{owner}.{parameter.name}")
            or _by_name(parameter)
        )
        value = override() if override else good_for(parameter.annotation, depth, namespace)
        if parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    return args, kwargs
