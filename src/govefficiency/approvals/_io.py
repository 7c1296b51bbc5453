"""Flow and project files (TOML/JSON) and Mermaid Gantt charts.

The file formats are documented in ``docs/approvals.md``. A time limit is written as a
preset id (``"licensing.decision"``, looked up with ``deadlines.get_rule`` or in the
registry given to the loader) or as a table ``{ working_days = 20 }`` / ``{ days = 7 }``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs

from govefficiency._deprecation import at_by_keyword, keyword_fmt
from govefficiency._file_api import Dumper, FileApi, TextDumper, expected
from govefficiency._format import (
    Bilingual,
    Bool,
    Choice,
    Format,
    Id,
    Instant,
    Int,
    Key,
    ListOf,
    Str,
    Table,
    Tables,
)
from govefficiency._format_kinds import _REQUIRED
from govefficiency._loading import Fields, parse_document, read_document
from govefficiency._write import check_fmt, dumps_document
from govefficiency.approvals._errors import FlowError, ProjectError
from govefficiency.approvals._model import (
    DEFAULT_JOINT_THRESHOLD,
    Flow,
    JointReview,
    ParallelGroup,
    Step,
    limit_days,
)
from govefficiency.approvals._project import EventKind, Project, ProjectEvent, StepState
from govefficiency.approvals._schedule import Arith, forward
from govefficiency.approvals._status import ProjectStatus
from govefficiency.approvals._track import track
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.deadlines import CalendarDays, RuleRegistry, StatuteRule, WorkingDays, rule_presets
from govefficiency.deadlines._rules import CITATION
from govefficiency.errors import InvalidInputError, InvalidTypeError, RuleError

__all__ = [
    "CATALOGUE",
    "FLOW",
    "PROJECT",
    "dump_catalogue",
    "dump_flow",
    "dump_project",
    "dumps_catalogue",
    "dumps_flow",
    "dumps_project",
    "flow_gantt",
    "flow_to_dict",
    "load_catalogue",
    "load_flow",
    "load_project",
    "loads_catalogue",
    "loads_flow",
    "loads_project",
    "project_gantt",
    "project_to_dict",
]

T = TypeVar("T")


def _registry(rules: RuleRegistry | None) -> RuleRegistry:
    if rules is None:
        return rule_presets()
    if not isinstance(rules, RuleRegistry):
        raise InvalidTypeError("rules must be a RuleRegistry", "rules 必须是 RuleRegistry")
    return rules


# -- the file formats, declared once ----------------------------------------------------------


@attrs.frozen
class _Limit:
    """A time limit: a preset id looked up in ``rules`` (default: the shipped presets), or
    a table ``{ working_days = N }`` / ``{ days = N }``."""

    rules: RuleRegistry | None = attrs.field(default=None, eq=False)

    def read(self, fields: Fields, key: str, default: Any) -> Any:
        if key not in fields and default is not _REQUIRED:
            return default
        value = fields.raw(key)
        if isinstance(value, str):
            try:
                return _registry(self.rules).get(value)
            except RuleError as exc:
                raise fields.fail(key, exc.en, exc.zh or exc.en) from None
        if isinstance(value, Mapping):
            sub = fields.table(key)
            keys = sub.keys()
            if keys == ["working_days"]:
                return WorkingDays(sub.integer("working_days", minimum=0))
            if keys == ["days"]:
                return CalendarDays(sub.integer("days", minimum=0))
        raise fields.fail(
            key,
            f"a time limit is a preset id such as 'licensing.decision', or {{ working_days = N }} or "
            f"{{ days = N }}; got {value!r}",
            f"时限须为预设 id（如 'licensing.decision'），或 {{ working_days = N }}、{{ days = N }}；实际为 {value!r}",
        )

    def dump(self, value: Any) -> Any:
        if isinstance(value, StatuteRule):
            return value.id
        working, n = limit_days(value)
        return {"working_days": n} if working else {"days": n}

    def schema(self) -> dict[str, Any]:
        def days(name: str) -> dict[str, Any]:
            return {
                "type": "object",
                "properties": {name: {"type": "integer", "minimum": 0}},
                "required": [name],
                "additionalProperties": False,
            }

        return {
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "a statute preset id"},
                days("working_days"),
                days("days"),
            ]
        }


def _flow_format(rules: RuleRegistry | None = None) -> Format:
    """The flow format, with preset ids looked up in ``rules`` (``None``: the shipped presets)."""
    limit = _Limit(rules)
    ids = ListOf(Id())
    group = Format(
        "parallel-group",
        "A parallel group (并联): its member steps start together and share one limit.",
        (
            Key("id", Id(), description="the group's id, named by its members' `group`"),
            Key("limit", limit, description="the group's one limit"),
            Key("title", Bilingual(), default=None),
        ),
        build=ParallelGroup,
        error=FlowError,
    )
    joint = Format(
        "joint-review",
        "Joint review (联审联批): the listed steps are reviewed together above a threshold.",
        (
            Key("steps", ids, description="the steps reviewed jointly (at least two)"),
            Key("limit", limit, description="the joint limit"),
            Key(
                "threshold_yuan",
                Int(1),
                default=DEFAULT_JOINT_THRESHOLD,
                description="the investment from which it applies (default 100 million: a local choice)",
            ),
        ),
        build=JointReview,
        error=FlowError,
    )
    step = Format(
        "approval-step",
        "One step: an approval item handled by a unit within a limit, after its prerequisites.",
        (
            Key("id", Id(), description="the step's id, unique in the flow"),
            Key("item", Id(), description="the approval item (审批事项) as on the published list"),
            Key("unit", Id(), default=None, description="the unit that handles it (办理部门)"),
            Key("limit", limit, default=None, description="its limit (none for a member of a group)"),
            Key("requires", ids, default=(), dump_default=False, description="prerequisite steps (前置)"),
            Key("group", Id(), default=None, description="the parallel group it belongs to"),
            Key("title", Bilingual(), default=None),
            Key("needs", ids, default=None, description="what it needs (documents, opinions)"),
            Key("produces", ids, default=(), dump_default=False, description="what it produces"),
        ),
        build=Step,
        error=FlowError,
    )
    return Format(
        "approval-flow",
        "An approval flow (审批流程): steps, parallel groups, joint review and a committed total limit.",
        (
            Key("id", Id(), description="the flow's id (named by projects)"),
            Key("title", Bilingual()),
            Key("total_limit", limit, description="the committed total limit (承诺总时限)"),
            Key(
                "agency_service",
                Bool(),
                default=False,
                description="each project names an agent officer (项目审批代理制)",
            ),
            Key("joint_review", Table(joint), default=None),
            Key("groups", Tables(group), default=(), dump_default=False),
            Key("steps", Tables(step), description="the steps"),
        ),
        build=Flow,
        error=FlowError,
    )


#: The approval flow file format (``govefficiency schema approval-flow``).
FLOW = _flow_format()


def _flow_from(doc: Fields, rules: RuleRegistry | None) -> Flow:
    fmt = FLOW if rules is None else _flow_format(_registry(rules))
    flow: Flow = fmt.read(doc)
    return flow


def load_flow(source: str | Path | Mapping[str, Any], *, rules: RuleRegistry | None = None) -> Flow:
    """Read a flow from a ``.toml``/``.json`` file or a mapping; preset ids are looked up
    in ``rules`` (default: the shipped presets)."""
    _registry(rules)
    return _flow_from(read_document(source, error=FlowError), rules)


@keyword_fmt
def loads_flow(text: str, *, fmt: str = "toml", rules: RuleRegistry | None = None) -> Flow:
    """Read a flow from TOML or JSON text."""
    _registry(rules)
    return _flow_from(parse_document(text, fmt=fmt, error=FlowError), rules)


def flow_to_dict(flow: Flow) -> dict[str, Any]:
    """The flow as a JSON-ready mapping in the file format (read back by :func:`load_flow`;
    a joint review's citation is not part of the file: it is always seed 003's)."""
    expected(flow, Flow, "flow_to_dict")
    return FLOW.dump(flow)


def _write(target: Path, text: str, error: type[FlowError | ProjectError]) -> None:
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise error(
            f"{target}: cannot write the file ({exc.strerror or exc})",
            f"{target}：无法写入文件（{exc.strerror or exc}）",
        ) from None


def _target(path: object) -> tuple[Path, str]:
    if not isinstance(path, str | Path):
        raise InvalidTypeError(
            f"path must be a str or Path, not {type(path).__name__}", "path 必须是 str 或 Path"
        )
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("toml", "json"):
        raise InvalidInputError(
            f"{target}: use a .toml or .json file name", f"{target}：请使用 .toml 或 .json 文件名"
        )
    return target, fmt


def _writer(error: type[FlowError | ProjectError]) -> Callable[[dict[str, Any], str | Path], None]:
    """How a flow, project or catalogue file is written: the suffix of ``path`` (``.toml``
    or ``.json``) chooses the format; a path that cannot be written is an ``error``."""

    def write(doc: dict[str, Any], path: str | Path) -> None:
        target, fmt = _target(path)
        _write(target, dumps_document(doc, fmt, error=error), error)

    return write


def _file_api(
    fmt: Format,
    cls: type[T],
    kind: str,
    what: str,
    value_name: str,
    error: type[FlowError | ProjectError],
    **hooks: Any,
) -> FileApi[T]:
    """The :class:`~govefficiency._file_api.FileApi` of an approvals file: written by
    :func:`_writer`, an unknown ``fmt`` refused by :func:`~govefficiency._write.check_fmt`, a positional ``fmt``
    warned about for one release."""
    return FileApi(
        fmt,
        cls,
        kind,
        what,
        __name__,
        value_name=value_name,
        write=_writer(error),
        check_fmt=check_fmt,
        positional_fmt=True,
        **{"check_value": expected, **hooks},
    )


#: (a flow is read by the hand-written ``load_flow``: its presets depend on ``rules``)
dump_flow, dumps_flow = _file_api(FLOW, Flow, "flow", "an approval flow", "flow", FlowError).functions()[2:]


EVENT = Format(
    "project-event",
    "One event of a project: a step started, suspended (with its legal basis), resumed or completed.",
    (
        Key("step", Id(), description="the step's id"),
        Key("kind", Choice(EventKind), description="start, suspend, resume or complete"),
        Key("at", Instant(), description="when (a date-time with its UTC offset)"),
        Key("basis", Table(CITATION), default=None, description="the legal basis of a suspension"),
    ),
    build=ProjectEvent,
    error=ProjectError,
)

#: The approval project file format (``govefficiency schema approval-project``).
PROJECT = Format(
    "approval-project",
    "A project going through an approval flow: its recorded events (受理、中止、恢复、办结).",
    (
        Key("id", Id(), description="the project's id"),
        Key("flow", Id(), description="the id of the flow it goes through"),
        Key("title", Bilingual(), default=None),
        Key("investment_yuan", Int(0), default=None, description="its investment (joint review threshold)"),
        Key("agent", Id(), default=None, description="the agent officer (代理制)"),
        Key("events", Tables(EVENT), default=(), dump_default=False, description="the events, in time order"),
    ),
    build=Project,
    error=ProjectError,
)


def project_to_dict(project: Project) -> dict[str, Any]:
    """The project as a JSON-ready mapping in the file format (read back by :func:`load_project`)."""
    expected(project, Project, "project_to_dict")
    return PROJECT.dump(project)


load_project, loads_project, dump_project, dumps_project = _file_api(
    PROJECT, Project, "project", "an approval project (its events)", "project", ProjectError
).functions()


#: The approvals catalogue file format (``govefficiency schema approvals-catalogue``):
#: the published list of approval items (审批事项清单) ``check_flow`` checks steps against.
CATALOGUE = Format(
    "approvals-catalogue",
    "The published list of approval items (审批事项清单): only listed items may be approved.",
    (Key("items", ListOf(Str()), description="the item ids on the list"),),
    build=lambda items: frozenset(items),
    error=FlowError,
    unbuild=lambda items: {"items": sorted(set(items))},
)


def _check_items(items: object, cls: type, function: str) -> None:
    if isinstance(items, str | bytes) or not isinstance(items, Collection):
        raise InvalidTypeError(
            f"a catalogue is a collection of item ids, not {type(items).__name__}",
            f"清单须为事项 id 的集合，而不是 {type(items).__name__}",
        )
    if not all(isinstance(v, str) for v in items):
        raise InvalidTypeError("a catalogue holds item ids (strings)", "清单只能包含事项 id（字符串）")


#: ``load_catalogue`` reads an approvals catalogue as the set of its item ids (for
#: ``check_flow(..., catalogue=...)``); ``dumps_catalogue`` writes the ids sorted.
load_catalogue, loads_catalogue, _dump_catalogue, _dumps_catalogue = _file_api(
    CATALOGUE,
    frozenset,
    "catalogue",
    "an approvals catalogue (``items = [...]``, the item ids)",
    "items",
    FlowError,
    check_value=_check_items,
    value_type="Collection[str]",
).functions()
#: any collection of item ids is written (sorted, each once)
dump_catalogue = cast("Dumper[Collection[str]]", _dump_catalogue)
dumps_catalogue = cast("TextDumper[Collection[str]]", _dumps_catalogue)


# --- Mermaid Gantt -------------------------------------------------------------------------


def _label(text: str) -> str:
    # ':' separates a task's name from its data and '#'/';' end a statement in Mermaid
    return text.replace(":", "：").replace("#", "＃").replace(";", "；").replace("\n", " ")


def _bar(name: str, tags: list[str], task_id: str, first: dt.date, last: dt.date) -> str:
    # a bar covers the counted days: from the day after the start to the last day (inclusive)
    days = max((last - first).days + 1, 1)
    data = ", ".join([*tags, task_id.replace("-", "_").replace(".", "_"), first.isoformat(), f"{days}d"])
    return f"    {_label(name)} :{data}"


def flow_gantt(
    flow: Flow,
    start: dt.date,
    *,
    lang: str = "zh",
    calendar: WorkCalendar | None = None,
    investment_yuan: int | None = None,
) -> str:
    """The flow laid out from ``start`` on the working-day calendar, as a Mermaid Gantt
    chart (steps without slack tagged ``crit``; the committed limit as a milestone)."""
    from govefficiency._time import require_date
    from govefficiency.text import require_lang

    if not isinstance(flow, Flow):
        raise InvalidTypeError(f"flow must be a Flow, not {type(flow).__name__}", "flow 必须是 Flow")
    start = require_date(start, "start")
    lang = require_lang(lang)
    st = flow._structure(flow.joint_applies(investment_yuan))
    if st is None:
        raise FlowError(
            f"flow {flow.id} has mutual prerequisites: it cannot be drawn as a schedule (run check_flow)",
            f"流程 {flow.id} 存在互为前置的审批，无法排出时序（请运行 check_flow）",
        )
    cal = calendar or china_calendar()
    ar = Arith(cal)
    sched = forward(st, ar, start.toordinal())
    working, total = limit_days(flow.total_limit)
    due = dt.date.fromordinal(ar.end(start.toordinal(), working, total))
    lines = [
        "gantt",
        f"    title {_label(flow.title.get(lang))}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m-%d",
    ]
    lines.append(f"    section {'审批环节' if lang == 'zh' else 'steps'}")
    for v in range(st.step_count):
        step = flow.steps[v]
        first = dt.date.fromordinal(sched.start[v] + 1)
        last = dt.date.fromordinal(sched.end[v])
        tags = ["crit"] if ar.between(sched.end[v], sched.latest_end[v]) == 0 else []
        lines.append(_bar(f"{step.name.get(lang)} ({step.unit or '—'})", tags, step.id, first, last))
    lines.append(f"    section {'承诺总时限' if lang == 'zh' else 'committed limit'}")
    lines.append(
        f"    {'截止' if lang == 'zh' else 'due'} {due.isoformat()} :milestone, committed_due, {due.isoformat()}, 0d"
    )
    return "\n".join(lines) + "\n"


@at_by_keyword(2)
def project_gantt(
    flow: Flow,
    project: Project,
    *,
    at: dt.datetime,
    lang: str = "zh",
    calendar: WorkCalendar | None = None,
    status: ProjectStatus | None = None,
) -> str:
    """A tracked project as a Mermaid Gantt chart: completed steps ``done``, open steps
    ``active``, late or critical remaining steps ``crit``, waiting steps at their
    projected dates."""
    from govefficiency.text import require_lang

    lang = require_lang(lang)
    if not isinstance(project, Project):
        raise ProjectError(f"project_gantt needs a Project, not {type(project).__name__}")
    if status is None:
        status = track(flow, project, at=at, calendar=calendar)
    title = project.title.get(lang) if project.title is not None else project.id
    lines = ["gantt", f"    title {_label(title)}", "    dateFormat YYYY-MM-DD", "    axisFormat %m-%d"]
    lines.append(f"    section {'审批环节' if lang == 'zh' else 'steps'}")
    for s, step in zip(status.steps, flow.steps, strict=True):
        tags: list[str] = []
        if s.state in (StepState.COMPLETED_ON_TIME, StepState.COMPLETED_LATE):
            tags.append("done")
        elif s.state in (StepState.RUNNING, StepState.SUSPENDED, StepState.OVERDUE):
            tags.append("active")
        if s.state in (StepState.OVERDUE, StepState.COMPLETED_LATE) or s.critical:
            tags.insert(0, "crit")
        last = s.completed or s.projected_end
        if last is None:
            continue
        begin = s.started or s.projected_start
        if begin is None:
            continue
        first = begin + dt.timedelta(days=1)
        name = f"{step.name.get(lang)} ({s.unit or '—'}, {s.state.label.get(lang)})"
        lines.append(_bar(name, tags, step.id, min(first, last), last))
    if status.committed_due is not None or status.projected_completion is not None:
        lines.append(f"    section {'时限' if lang == 'zh' else 'limits'}")
    if status.committed_due is not None:
        d = status.committed_due.isoformat()
        lines.append(
            f"    {'承诺截止' if lang == 'zh' else 'committed due'} {d} :milestone, committed_due, {d}, 0d"
        )
    if status.projected_completion is not None:
        d = status.projected_completion.isoformat()
        lines.append(f"    {'预计办结' if lang == 'zh' else 'projected'} {d} :milestone, projected, {d}, 0d")
    return "\n".join(lines) + "\n"
