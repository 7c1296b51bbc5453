"""Approval flows (审批流程) as data: steps, parallel groups, joint review, a total limit.

A flow is a directed graph of steps: each step names its approval item, the unit that
handles it, its time limit and its prerequisites (前置). Steps of a parallel group (并联)
start together and share one limit. Joint review (联审联批) turns a set of steps into one
such group for projects at or above a threshold. The graph work (cycles, topological
order, longest path) is done with networkx, once per flow, and kept in a private
structure that every project on the flow shares.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import attrs
import networkx as nx

from govefficiency._records import as_tuple, lookup
from govefficiency._validators import (
    check_bool,
    check_count,
    check_id,
    check_ids,
    check_optional_id,
    instance_of,
)
from govefficiency.approvals import _codes
from govefficiency.approvals._errors import FlowError
from govefficiency.citation import Citation
from govefficiency.deadlines import CalendarDays, Direction, StatuteRule, WorkingDays, get_rule
from govefficiency.errors import InvalidTypeError
from govefficiency.text import Text

__all__ = ["Flow", "JointReview", "Limit", "ParallelGroup", "Step", "limit_days", "resolve_limit"]

#: A time limit: an explicit period in working or calendar days, or a statute preset.
Limit = WorkingDays | CalendarDays | StatuteRule

#: 联审联批 threshold from seed 003's practice (投资总额在1亿元以上): a local choice.
DEFAULT_JOINT_THRESHOLD = 100_000_000


def resolve_limit(value: object, what: str = "limit") -> Limit:
    """``value`` as a limit: a :class:`WorkingDays`/:class:`CalendarDays` period, a
    :class:`StatuteRule`, or a preset id looked up with ``deadlines.get_rule``. The
    preset must run forward in working or calendar days."""
    if isinstance(value, str):
        value = get_rule(value)
    if isinstance(value, StatuteRule):
        if value.direction is not Direction.FORWARD or not isinstance(
            value.period, WorkingDays | CalendarDays
        ):
            raise FlowError(
                f"{what}: preset {value.id!r} is not a forward limit in working or calendar days",
                f"{what}：预设 {value.id!r} 不是以工作日或自然日向后计算的期限",
            )
        return value
    if isinstance(value, WorkingDays | CalendarDays):
        return value
    raise InvalidTypeError(
        f"{what} must be WorkingDays(n), CalendarDays(n), a StatuteRule or a preset id such as "
        f"'licensing.decision', not {type(value).__name__} ({value!r})",
        f"{what} 必须是 WorkingDays(n)、CalendarDays(n)、StatuteRule 或预设 id（如 'licensing.decision'），"
        f"而不是 {type(value).__name__}（{value!r}）",
    )


def limit_days(limit: Limit) -> tuple[bool, int]:
    """``(working, n)``: whether the limit counts working days, and how many."""
    period = limit.period if isinstance(limit, StatuteRule) else limit
    return isinstance(period, WorkingDays), period.n


def describe_limit(limit: Limit, lang: str) -> str:
    working, n = limit_days(limit)
    if lang == "zh":
        text = f"{n}个工作日" if working else f"{n}日"
    else:
        text = f"{n} working day{'s' if n != 1 else ''}" if working else f"{n} day{'s' if n != 1 else ''}"
    if isinstance(limit, StatuteRule):
        text += f" ({limit.id})"
    return text


def _opt_limit(value: object) -> Limit | None:
    return None if value is None else resolve_limit(value)


def _step_id(value: object) -> str:
    return check_id(value, "Step.id")


def _item_id(value: object) -> str:
    return check_id(value, "Step.item")


def _group_id(value: object) -> str:
    return check_id(value, "ParallelGroup.id")


def _flow_id(value: object) -> str:
    return check_id(value, "Flow.id")


def _joint_steps(value: object) -> tuple[str, ...]:
    return check_ids(value, "JointReview.steps")


def _threshold(value: object) -> int:
    return check_count(value, "JointReview.threshold_yuan", minimum=1)


def _agency(value: object) -> bool:
    return check_bool(value, "Flow.agency_service")


def _ids(value: object) -> tuple[str, ...]:
    return check_ids(value, "ids")


def _opt_ids(value: object) -> tuple[str, ...] | None:
    return None if value is None else check_ids(value, "ids")


def _opt_text(value: object) -> Text | None:
    if value is None or isinstance(value, Text):
        return value
    raise InvalidTypeError(f"a title must be a Text, not {type(value).__name__}", "标题必须是 Text")


@attrs.frozen
class Step:
    """One approval step of a flow.

    Attributes:
        id: the step's id within the flow.
        item: the approval item (审批事项) it grants, as listed in the window-services
            catalogue when one is used.
        unit: the responsible unit (办理部门), or ``None`` when the flow does not name one
            (``check_flow`` reports ``STEP_WITHOUT_UNIT``).
        limit: its time limit; ``None`` only for a member of a parallel group, whose
            group's limit applies.
        requires: the ids of its prerequisite steps (前置); ``()`` when none.
        group: the id of its parallel group (并联), or ``None``.
        title: its name in zh and en, or ``None`` (the item is shown instead).
        needs: what it needs from earlier steps (documents, opinions), or ``None`` when not
            declared (then ``SERIAL_STEPS_COULD_BE_PARALLEL`` does not judge it).
        produces: what it produces for later steps; ``()`` when nothing is declared.
    """

    id: str = attrs.field(converter=_step_id)
    item: str = attrs.field(converter=_item_id)
    unit: str | None = attrs.field(default=None, converter=check_optional_id)
    limit: Limit | None = attrs.field(default=None, converter=_opt_limit)
    requires: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    group: str | None = attrs.field(default=None, converter=check_optional_id)
    title: Text | None = attrs.field(default=None, converter=_opt_text)
    needs: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_ids)
    produces: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    @property
    def name(self) -> Text:
        """The title, or the item id in both languages."""
        return self.title if self.title is not None else Text(self.item, self.item)


@attrs.frozen
class ParallelGroup:
    """Steps handled in parallel (并联审批): they start together, when every prerequisite
    of every member is completed, and share one limit.

    Attributes:
        id: the group's id (distinct from every step id).
        limit: the shared limit.
        title: its name, or ``None``.
    """

    id: str = attrs.field(converter=_group_id)
    limit: Limit = attrs.field(converter=resolve_limit)
    title: Text | None = attrs.field(default=None, converter=_opt_text)


@attrs.frozen
class JointReview:
    """Joint review and approval (联审联批) for major projects.

    When a project's investment is at least ``threshold_yuan``, the listed steps are
    handled together as one parallel group with ``limit``; prerequisites among them are
    dropped (they are reviewed jointly), prerequisites outside them are kept.

    Attributes:
        steps: the steps reviewed jointly (at least two).
        limit: the joint limit (e.g. the preset ``licensing.joint_decision``: 45 working
            days, 行政许可法 art. 42).
        threshold_yuan: the investment from which it applies. The default, 100 million
            yuan, follows seed 003's practice (投资总额在1亿元以上) and is a local choice.
        citation: the basis (seed 003 part 3(4) by default).
    """

    steps: tuple[str, ...] = attrs.field(converter=_joint_steps)
    limit: Limit = attrs.field(converter=resolve_limit)
    threshold_yuan: int = attrs.field(
        default=DEFAULT_JOINT_THRESHOLD,
        converter=_threshold,
    )
    citation: Citation = attrs.field(default=_codes.JOINT_REVIEW, validator=instance_of(Citation))

    def __attrs_post_init__(self) -> None:
        if len(self.steps) < 2:
            raise FlowError("joint review needs at least two steps", "联审联批至少需要两个环节")

    def applies(self, investment_yuan: int | None) -> bool:
        """Whether a project with this investment gets joint review (``None``: unknown, no)."""
        if investment_yuan is None:
            return False
        return check_count(investment_yuan, "investment_yuan") >= self.threshold_yuan


class _Structure(NamedTuple):
    """A flow's graph, precomputed once (private). Nodes are ints: the steps in flow order,
    then one node per parallel group (a zero-length "all prerequisites done" node that its
    members require)."""

    names: tuple[str, ...]
    is_group: tuple[bool, ...]
    step_count: int
    ix: dict[str, int]
    order: tuple[int, ...]
    preds: tuple[tuple[int, ...], ...]
    succs: tuple[tuple[int, ...], ...]
    working: tuple[bool, ...]
    length: tuple[int, ...]
    limits: tuple[Limit | None, ...]
    joint: bool


@attrs.frozen
class Flow:
    """An approval flow (审批流程图).

    Attributes:
        id: the flow's id.
        title: its name.
        steps: the steps, in the order of the flow chart.
        total_limit: the committed limit for the whole flow (承诺总时限), counted from the
            day the first application is accepted.
        groups: the parallel groups; ``()`` when none.
        joint_review: joint review for major projects, or ``None``.
        agency_service: whether projects on this flow get agency service (代理制): an
            agent officer answerable for the whole project.
    """

    id: str = attrs.field(converter=_flow_id)
    title: Text = attrs.field(validator=instance_of(Text))
    steps: tuple[Step, ...] = attrs.field(converter=as_tuple)
    total_limit: Limit = attrs.field(converter=resolve_limit)
    groups: tuple[ParallelGroup, ...] = attrs.field(default=(), converter=as_tuple)
    joint_review: JointReview | None = attrs.field(default=None)
    agency_service: bool = attrs.field(default=False, converter=_agency)

    _graph: Any = attrs.field(init=False, eq=False, repr=False)
    _cache: dict[bool, _Structure | None] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        if not self.steps:
            raise FlowError(f"flow {self.id} has no steps", f"流程 {self.id} 没有任何环节")
        by_id = self._steps_by_id()
        groups = self._groups_by_id(by_id)
        members = self._group_members(by_id, groups)
        self._check_groups(by_id, members)
        self._check_joint_review(by_id)
        graph = nx.DiGraph()
        graph.add_nodes_from(s.id for s in self.steps)
        graph.add_edges_from((r, s.id) for s in self.steps for r in s.requires)
        object.__setattr__(self, "_graph", graph)

    def _steps_by_id(self) -> dict[str, Step]:
        by_id: dict[str, Step] = {}
        for step in self.steps:
            if not isinstance(step, Step):
                raise InvalidTypeError(
                    f"flow steps must be Step values, not {type(step).__name__}", "环节必须是 Step"
                )
            if step.id in by_id:
                raise FlowError(f"step {step.id!r} is defined twice", f"环节 {step.id!r} 重复定义")
            by_id[step.id] = step
        return by_id

    def _groups_by_id(self, by_id: dict[str, Step]) -> dict[str, ParallelGroup]:
        groups: dict[str, ParallelGroup] = {}
        for group in self.groups:
            if not isinstance(group, ParallelGroup):
                raise InvalidTypeError(
                    f"flow groups must be ParallelGroup values, not {type(group).__name__}",
                    "并联组必须是 ParallelGroup",
                )
            if group.id in groups or group.id in by_id:
                raise FlowError(
                    f"group id {group.id!r} is used twice (group and step ids share one namespace)",
                    f"并联组 id {group.id!r} 重复（组与环节的 id 不能相同）",
                )
            groups[group.id] = group
        return groups

    def _group_members(
        self, by_id: dict[str, Step], groups: dict[str, ParallelGroup]
    ) -> dict[str, list[str]]:
        """Check every step's prerequisites, group and limit; the members of each group."""
        members: dict[str, list[str]] = {g: [] for g in groups}
        for step in self.steps:
            for req in step.requires:
                if req not in by_id:
                    raise FlowError(
                        f"step {step.id!r} requires {req!r}, which is not a step of flow {self.id}",
                        f"环节 {step.id!r} 的前置 {req!r} 不是流程 {self.id} 的环节",
                    )
            if step.group is not None:
                if step.group not in groups:
                    raise FlowError(
                        f"step {step.id!r} is in group {step.group!r}, which is not defined",
                        f"环节 {step.id!r} 所属的并联组 {step.group!r} 未定义",
                    )
                if step.limit is not None:
                    raise FlowError(
                        f"step {step.id!r} is in parallel group {step.group!r}, which has one shared "
                        f"limit: remove the step's own limit",
                        f"环节 {step.id!r} 属于并联组 {step.group!r}，该组共用一个时限：请删除环节自身的时限",
                    )
                members[step.group].append(step.id)
            elif step.limit is None:
                raise FlowError(
                    f"step {step.id!r} has no time limit: give a preset id or a period",
                    f"环节 {step.id!r} 没有时限：请给出预设 id 或期间",
                )
        return members

    def _check_groups(self, by_id: dict[str, Step], members: dict[str, list[str]]) -> None:
        for gid, ids in members.items():
            if len(ids) < 2:
                raise FlowError(
                    f"parallel group {gid!r} has {len(ids)} member(s); a group runs at least two steps",
                    f"并联组 {gid!r} 只有 {len(ids)} 个环节；并联至少需要两个环节",
                )
            inner = [(s, r) for s in ids for r in by_id[s].requires if r in ids]
            if inner:
                s, r = inner[0]
                raise FlowError(
                    f"steps {s!r} and {r!r} are in the same parallel group {gid!r} but {s!r} requires "
                    f"{r!r}: steps that wait for each other cannot run in parallel",
                    f"环节 {s!r} 与 {r!r} 同属并联组 {gid!r}，但 {s!r} 以 {r!r} 为前置：互相等待的环节不能并联",
                )

    def _check_joint_review(self, by_id: dict[str, Step]) -> None:
        if self.joint_review is None:
            return
        if not isinstance(self.joint_review, JointReview):
            raise InvalidTypeError(
                "joint_review must be a JointReview or None", "joint_review 必须是 JointReview 或 None"
            )
        for sid in self.joint_review.steps:
            if sid not in by_id:
                raise FlowError(
                    f"joint review names {sid!r}, which is not a step of flow {self.id}",
                    f"联审联批列出的 {sid!r} 不是流程 {self.id} 的环节",
                )
            if by_id[sid].group is not None:
                raise FlowError(
                    f"step {sid!r} is already in parallel group {by_id[sid].group!r}; a step "
                    f"cannot also be in joint review",
                    f"环节 {sid!r} 已属并联组 {by_id[sid].group!r}，不能同时列入联审联批",
                )

    # -- queries -------------------------------------------------------------------------

    def step(self, step_id: str) -> Step:
        """The step ``step_id``; :class:`FlowError` naming the steps otherwise."""
        listed = ", ".join(s.id for s in self.steps)
        en = f"flow {self.id} has no step {step_id!r}; its steps: {listed}"
        zh = f"流程 {self.id} 没有环节 {step_id!r}；现有环节：{listed}"
        return lookup(self.steps, lambda step: step.id == step_id, FlowError, en, zh)

    def group(self, group_id: str) -> ParallelGroup:
        en, zh = f"flow {self.id} has no group {group_id!r}", f"流程 {self.id} 没有并联组 {group_id!r}"
        return lookup(self.groups, lambda group: group.id == group_id, FlowError, en, zh)

    def cycles(self, *, limit: int = 50) -> list[list[str]]:
        """The mutual prerequisites: every elementary circle of steps that wait for each
        other (networkx ``simple_cycles`` within each strongly connected set), each
        starting at its first step in flow order; at most ``limit`` per set, after which
        one more entry lists the whole set."""
        limit = check_count(limit, "limit", minimum=1)
        out: list[list[str]] = []
        position = {s.id: i for i, s in enumerate(self.steps)}
        for component in nx.strongly_connected_components(self._graph):
            if len(component) == 1:
                (node,) = component
                if not self._graph.has_edge(node, node):
                    continue
            found: list[list[str]] = []
            for cycle in nx.simple_cycles(self._graph.subgraph(component)):
                if len(found) == limit:
                    found.append(sorted(component, key=position.__getitem__))
                    break
                k = min(range(len(cycle)), key=lambda i: position[cycle[i]])
                found.append(cycle[k:] + cycle[:k])
            out.extend(found)
        out.sort(key=lambda c: (position[c[0]], [position[x] for x in c]))
        return out

    def joint_applies(self, investment_yuan: int | None) -> bool:
        """Whether joint review applies to a project with this investment."""
        if investment_yuan is not None:
            check_count(investment_yuan, "investment_yuan")
        return self.joint_review is not None and self.joint_review.applies(investment_yuan)

    def _structure(self, joint: bool = False) -> _Structure | None:
        """The precomputed graph (``None`` when the flow has a cycle)."""
        if joint in self._cache:
            return self._cache[joint]
        built = self._build(joint)
        self._cache[joint] = built
        return built

    def _build(self, joint: bool) -> _Structure | None:
        steps = self.steps
        joint_ids = set(self.joint_review.steps) if joint and self.joint_review is not None else set()
        group_of: dict[str, str | None] = {s.id: s.group for s in steps}
        group_limits: dict[str, Limit] = {g.id: g.limit for g in self.groups}
        names = [s.id for s in steps]
        joint_name = "joint-review"
        if joint_ids:
            assert self.joint_review is not None
            while joint_name in group_limits or joint_name in group_of:
                joint_name += "_"
            group_limits[joint_name] = self.joint_review.limit
            for sid in joint_ids:
                group_of[sid] = joint_name
        group_names = [g.id for g in self.groups if any(group_of[s.id] == g.id for s in steps)]
        if joint_ids:
            group_names.append(joint_name)
        index = {n: i for i, n in enumerate(names)}
        for i, g in enumerate(group_names):
            index[g] = len(names) + i
        count = len(names) + len(group_names)
        preds: list[set[int]] = [set() for _ in range(count)]
        for s in steps:
            gs = group_of[s.id]
            reqs = [r for r in s.requires if not (gs is not None and group_of.get(r) == gs)]
            if gs is None:
                preds[index[s.id]].update(index[r] for r in reqs)
            else:
                preds[index[s.id]].add(index[gs])
                preds[index[gs]].update(index[r] for r in reqs)
        graph = nx.DiGraph()
        graph.add_nodes_from(range(count))
        graph.add_edges_from((p, v) for v in range(count) for p in preds[v])
        if not nx.is_directed_acyclic_graph(graph):
            return None
        position = list(range(count))
        order = tuple(nx.lexicographical_topological_sort(graph, key=position.__getitem__))
        limits: list[Limit | None] = []
        for s in steps:
            gl = group_of[s.id]
            limits.append(group_limits[gl] if gl is not None else s.limit)
        limits.extend(None for _ in group_names)
        working = tuple(True if lim is None else limit_days(lim)[0] for lim in limits)
        length = tuple(0 if lim is None else limit_days(lim)[1] for lim in limits)
        succs: list[list[int]] = [[] for _ in range(count)]
        for v in range(count):
            for p in preds[v]:
                succs[p].append(v)
        return _Structure(
            names=(*names, *group_names),
            is_group=tuple(i >= len(names) for i in range(count)),
            step_count=len(names),
            ix=index,
            order=order,
            preds=tuple(tuple(sorted(p)) for p in preds),
            succs=tuple(tuple(sorted(s)) for s in succs),
            working=working,
            length=length,
            limits=tuple(limits),
            joint=bool(joint_ids),
        )

    def longest_path_working_days(self, *, joint: bool = False) -> tuple[int, list[str]] | None:
        """The longest path in working days, start-independent (networkx
        ``dag_longest_path`` on the step lengths), or ``None`` when some limit counts
        calendar days (then only a start date can decide) or the flow has a cycle.
        With ``joint``, as joint review reshapes the flow."""
        st = self._structure(check_bool(joint, "joint"))
        if st is None or not all(st.working):
            return None
        graph = nx.DiGraph()
        graph.add_node(-1)
        for v in range(len(st.names)):
            graph.add_edge(-1, v, weight=st.length[v])
            for p in st.preds[v]:
                graph.add_edge(p, v, weight=st.length[v])
        path = nx.dag_longest_path(graph, weight="weight")
        length = nx.dag_longest_path_length(graph, weight="weight")
        return int(length), [st.names[v] for v in path if v >= 0]
