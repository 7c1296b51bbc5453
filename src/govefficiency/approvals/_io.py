"""Flow and project files (TOML/JSON) and Mermaid Gantt charts.

The file formats are documented in ``docs/approvals.md``. A time limit is written as a
preset id (``"licensing.decision"``, looked up with ``deadlines.get_rule`` or in the
registry given to the loader) or as a table ``{ working_days = 20 }`` / ``{ days = 7 }``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govefficiency._loading import Fields, parse_document, read_document
from govefficiency.approvals._errors import FlowError, ProjectError
from govefficiency.approvals._model import Flow, JointReview, Limit, ParallelGroup, Step, limit_days
from govefficiency.approvals._project import Project, ProjectEvent, StepState
from govefficiency.approvals._schedule import Arith, forward
from govefficiency.approvals._status import ProjectStatus
from govefficiency.approvals._track import track
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines import CalendarDays, RuleRegistry, StatuteRule, WorkingDays, default_rules
from govefficiency.errors import InvalidInputError, InvalidTypeError, RuleError

__all__ = [
    "dump_flow",
    "dumps_flow",
    "flow_gantt",
    "load_flow",
    "load_project",
    "loads_flow",
    "loads_project",
    "project_gantt",
]


def _registry(rules: RuleRegistry | None) -> RuleRegistry:
    if rules is None:
        return default_rules()
    if not isinstance(rules, RuleRegistry):
        raise InvalidTypeError("rules must be a RuleRegistry", "rules 必须是 RuleRegistry")
    return rules


def _limit(fields: Fields, key: str, rules: RuleRegistry) -> Limit:
    value = fields.raw(key)
    if isinstance(value, str):
        try:
            return rules.get(value)
        except RuleError as exc:
            raise fields.fail(key, exc.en, exc.zh or exc.en) from None
    if isinstance(value, Mapping):
        sub = fields.table(key)
        keys = sub.keys()
        if keys == ["working_days"]:
            n = sub.integer("working_days", minimum=0)
            return WorkingDays(n)
        if keys == ["days"]:
            n = sub.integer("days", minimum=0)
            return CalendarDays(n)
    raise fields.fail(
        key,
        f"a time limit is a preset id such as 'licensing.decision', or {{ working_days = N }} or "
        f"{{ days = N }}; got {value!r}",
        f"时限须为预设 id（如 'licensing.decision'），或 {{ working_days = N }}、{{ days = N }}；实际为 {value!r}",
    )


def _flow_from(doc: Fields, rules: RuleRegistry) -> Flow:
    flow_id = doc.string("id")
    title = doc.text("title")
    total = _limit(doc, "total_limit", rules)
    agency = doc.boolean("agency_service", False)
    groups = []
    for g in doc.tables("groups", []):
        groups.append(
            g.build(ParallelGroup, g.string("id"), _limit(g, "limit", rules), g.text("title", None))
        )
        g.finish()
    joint = None
    if "joint_review" in doc:
        j = doc.table("joint_review")
        joint = j.build(
            JointReview,
            j.raw("steps"),
            _limit(j, "limit", rules),
            j.integer("threshold_yuan", 100_000_000, minimum=1),
        )
        j.finish()
    steps = []
    for s in doc.tables("steps"):
        limit = _limit(s, "limit", rules) if "limit" in s else None
        steps.append(
            s.build(
                Step,
                s.raw("id"),
                s.raw("item"),
                s.raw("unit", None),
                limit,
                s.raw("requires", []),
                s.raw("group", None),
                s.text("title", None),
                s.raw("needs", None),
                s.raw("produces", []),
            )
        )
        s.finish()
    doc.finish()
    return doc.build(Flow, flow_id, title, steps, total, groups, joint, agency)


def load_flow(source: str | Path | Mapping[str, Any], *, rules: RuleRegistry | None = None) -> Flow:
    """Read a flow from a ``.toml``/``.json`` file or a mapping; preset ids are looked up
    in ``rules`` (default: the shipped presets)."""
    return _flow_from(read_document(source, error=FlowError), _registry(rules))


def loads_flow(text: str, fmt: str = "toml", *, rules: RuleRegistry | None = None) -> Flow:
    """Read a flow from TOML or JSON text."""
    return _flow_from(parse_document(text, fmt=fmt, error=FlowError), _registry(rules))


def _dump_limit(limit: Limit) -> Any:
    if isinstance(limit, StatuteRule):
        return limit.id
    working, n = limit_days(limit)
    return {"working_days": n} if working else {"days": n}


def _text(value: Any) -> dict[str, str]:
    return {"zh": value.zh, "en": value.en}


def flow_to_dict(flow: Flow) -> dict[str, Any]:
    """The flow as a JSON-ready mapping in the file format."""
    if not isinstance(flow, Flow):
        raise InvalidTypeError(f"expected a Flow, not {type(flow).__name__}", "需要 Flow")
    out: dict[str, Any] = {
        "id": flow.id,
        "title": _text(flow.title),
        "total_limit": _dump_limit(flow.total_limit),
        "agency_service": flow.agency_service,
    }
    if flow.joint_review is not None:
        out["joint_review"] = {
            "steps": list(flow.joint_review.steps),
            "limit": _dump_limit(flow.joint_review.limit),
            "threshold_yuan": flow.joint_review.threshold_yuan,
        }
    if flow.groups:
        groups = []
        for g in flow.groups:
            item: dict[str, Any] = {"id": g.id, "limit": _dump_limit(g.limit)}
            if g.title is not None:
                item["title"] = _text(g.title)
            groups.append(item)
        out["groups"] = groups
    steps = []
    for s in flow.steps:
        step: dict[str, Any] = {"id": s.id, "item": s.item}
        if s.unit is not None:
            step["unit"] = s.unit
        if s.limit is not None:
            step["limit"] = _dump_limit(s.limit)
        if s.requires:
            step["requires"] = list(s.requires)
        if s.group is not None:
            step["group"] = s.group
        if s.title is not None:
            step["title"] = _text(s.title)
        if s.needs is not None:
            step["needs"] = list(s.needs)
        if s.produces:
            step["produces"] = list(s.produces)
        steps.append(step)
    out["steps"] = steps
    return out


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"


def dumps_flow(flow: Flow, fmt: str = "toml") -> str:
    """The flow as TOML or JSON text, loadable by :func:`loads_flow`."""
    data = flow_to_dict(flow)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "toml":
        raise InvalidInputError(
            f"unknown format {fmt!r}: use 'toml' or 'json'", f"未知格式 {fmt!r}：请使用 'toml' 或 'json'"
        )
    lines = [
        f"{k} = {_toml_value(v)}" for k, v in data.items() if k not in ("joint_review", "groups", "steps")
    ]
    if "joint_review" in data:
        lines += ["", "[joint_review]"] + [f"{k} = {_toml_value(v)}" for k, v in data["joint_review"].items()]
    for key in ("groups", "steps"):
        for item in data.get(key, []):
            lines += ["", f"[[{key}]]"] + [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


def dump_flow(flow: Flow, path: str | Path) -> None:
    """Write the flow to ``path``; its suffix (``.toml``/``.json``) chooses the format."""
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
    target.write_text(dumps_flow(flow, fmt), encoding="utf-8")


def _citation(fields: Fields) -> Citation:
    cite = fields.build(
        Citation,
        law=fields.text("law"),
        article=str(fields.raw("article", "")),
        year=fields.integer("year", None, minimum=1949, maximum=2200),
        note=fields.text("note", None),
    )
    fields.finish()
    return cite


def _project_from(doc: Fields) -> Project:
    events = []
    for e in doc.tables("events", []):
        basis = _citation(e.table("basis")) if "basis" in e else None
        events.append(e.build(ProjectEvent, e.raw("step"), e.raw("kind"), e.instant("at"), basis))
        e.finish()
    project = doc.build(
        Project,
        doc.raw("id"),
        doc.raw("flow"),
        events,
        doc.text("title", None),
        doc.raw("investment_yuan", None),
        doc.raw("agent", None),
    )
    doc.finish()
    return project


def load_project(source: str | Path | Mapping[str, Any]) -> Project:
    """Read a project (its events) from a ``.toml``/``.json`` file or a mapping."""
    return _project_from(read_document(source, error=ProjectError))


def loads_project(text: str, fmt: str = "toml") -> Project:
    """Read a project from TOML or JSON text."""
    return _project_from(parse_document(text, fmt=fmt, error=ProjectError))


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
    from govefficiency.text import check_lang

    if not isinstance(flow, Flow):
        raise InvalidTypeError(f"flow must be a Flow, not {type(flow).__name__}", "flow 必须是 Flow")
    start = require_date(start, "start")
    lang = check_lang(lang)
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


def project_gantt(
    flow: Flow,
    project: Project,
    at: dt.datetime,
    *,
    lang: str = "zh",
    calendar: WorkCalendar | None = None,
    status: ProjectStatus | None = None,
) -> str:
    """A tracked project as a Mermaid Gantt chart: completed steps ``done``, open steps
    ``active``, late or critical remaining steps ``crit``, waiting steps at their
    projected dates."""
    from govefficiency.text import check_lang

    lang = check_lang(lang)
    if not isinstance(project, Project):
        raise ProjectError(f"project_gantt needs a Project, not {type(project).__name__}")
    if status is None:
        status = track(flow, project, at, calendar=calendar)
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
