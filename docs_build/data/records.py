"""Flat records of the Atlas: one row per plan, pillar, objective and activity, for tables, charts and exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from . import urls
from .atlas import Atlas
from .models import Activity, Amount, Objective, Plan
from .walk import item_key, walk


@dataclass(frozen=True)
class ObjectiveRecord:
    """An objective in its place: ids, level, printed number and title."""

    id: str
    plan_id: str
    pillar_id: str
    parent_id: str | None
    level: str
    level_label: str
    ref: str | None
    key: str
    title: str | None
    url: str
    item: Objective


INHERITED_FIELDS = ("responsible", "partners", "timeframe", "budget")


@dataclass(frozen=True)
class Inherited:
    """A field printed for an objective above the activity (a goal, a chapter), carried down for display, for
    institution pages, the explorer and comparisons. Never the activity's own printed field."""

    field: str  # one of INHERITED_FIELDS
    printed: str | None
    ids: tuple[str, ...]  # institution ids (responsible, partners)
    end_year: int | None  # last year (timeframe)
    level: str  # the objective's level key, e.g. 'goal'
    level_label: str  # as the plan names the level, e.g. 'Goal'
    ref: str  # the objective's printed number, or its positional key in brackets
    objective_id: str
    objective_page: str  # the pillar page that prints the objective
    objective_anchor: str

    @property
    def label(self) -> str:
        """Where the field is printed: 'set for Goal 5 (printed at goal level)'."""
        return f"set for {self.level_label} {self.ref} (printed at {self.level_label.lower()} level)"


@dataclass(frozen=True)
class ActivityRecord:
    """An activity with everything a comparison, filter or export needs, derived once."""

    id: str
    key: str
    ref: str | None
    plan_id: str
    country: str
    pillar_id: str
    pillar_title: str
    objective_id: str | None
    objective_ids: tuple[str, ...]
    url: str
    text: str
    responsible_printed: str | None
    responsible_ids: tuple[str, ...]
    partner_ids: tuple[str, ...]
    deadline_printed: str | None
    start_year: int | None
    end_year: int | None
    budget_printed: str | None
    amounts: tuple[Amount, ...]
    indicators: int
    targets: int
    tasks: int
    theme: str | None
    themes: tuple[str, ...]
    status: str
    source_section: str | None
    source_line: int | None
    item: Activity = field(repr=False)
    inherited: tuple[Inherited, ...] = ()

    def above(self, name: str) -> Inherited | None:
        """The field as printed for an objective above the activity, where neither it nor its tasks print one."""
        return next((i for i in self.inherited if i.field == name), None)

    @property
    def lead_above(self) -> str | None:
        """The first responsible body printed for an objective above, where the activity names none."""
        above = self.above("responsible")
        return above.ids[0] if above and above.ids and not self.responsible_ids else None

    @property
    def responsible_above(self) -> tuple[str, ...]:
        """Responsible bodies printed above the activity (empty where the activity names its own)."""
        above = self.above("responsible")
        return above.ids if above and not self.responsible_ids else ()

    @property
    def partners_above(self) -> tuple[str, ...]:
        """Partners printed above the activity (empty where the activity names its own)."""
        above = self.above("partners")
        return above.ids if above and not self.partner_ids else ()

    @property
    def has_deadline_above(self) -> bool:
        """No deadline is printed for the activity, but one is printed for an objective above it."""
        return not self.has_deadline and self.above("timeframe") is not None

    @property
    def has_lead_above(self) -> bool:
        """No lead body is printed for the activity, but one is printed and identified for an objective above it."""
        return not self.has_lead and bool(self.responsible_above)

    @property
    def indicator_texts(self) -> tuple[str, ...]:
        """The indicators of the activity and of its tasks, as printed, in reading order."""
        activity = self.item
        return tuple(i.text for i in activity.indicators) + tuple(i.text for t in activity.tasks for i in t.indicators)

    @property
    def lead(self) -> str | None:
        """The lead body: the first responsible body named."""
        return self.responsible_ids[0] if self.responsible_ids else None

    @property
    def has_deadline(self) -> bool:
        """A timeframe or deadline is printed for the activity or one of its tasks."""
        return self.deadline_printed is not None

    @property
    def has_budget(self) -> bool:
        """At least one budget figure is printed (a cell such as 'No costs' is not a figure)."""
        return bool(self.amounts)

    @property
    def has_indicator(self) -> bool:
        """At least one indicator or quantified target is printed."""
        return bool(self.indicators or self.targets)

    @property
    def has_lead(self) -> bool:
        """A responsible body is named and identified."""
        return bool(self.responsible_ids)

    def budget_totals(self, include_duplicates: bool = True) -> dict[str, Decimal]:
        """Sum of printed figures per currency (never across currencies), with or without probable duplicates."""
        totals: dict[str, Decimal] = {}
        for amount in self.amounts:
            if include_duplicates or not amount.probable_duplicate:
                totals[amount.currency] = totals.get(amount.currency, Decimal(0)) + amount.value
        return totals


def _unique(values: Iterator[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _printed(group: object) -> str | None:
    return getattr(group, "printed", None)


def inherited_fields(plan: Plan, pillar_id: str, activity: Activity,
                     parents: tuple[tuple[Objective, str], ...]) -> tuple[Inherited, ...]:
    """The fields that neither the activity nor its tasks print, taken from the nearest objective above that does."""
    labels = {level.key: level.label for level in plan.levels}
    out = []
    for name in INHERITED_FIELDS:
        own = [getattr(activity, name)] + [getattr(t, name) for t in activity.tasks]
        if any(value is not None for value in own):
            continue
        for objective, key in reversed(parents):
            value = getattr(objective, name)
            if value is None:
                continue
            out.append(Inherited(
                field=name, printed=_printed(value), ids=tuple(getattr(value, "ids", ())),
                end_year=getattr(value, "end", None), level=objective.level,
                level_label=labels.get(objective.level, objective.level), ref=objective.ref or f"[{key}]",
                objective_id=urls.objective_id(plan.id, pillar_id, objective, key),
                objective_page=urls.pillar(plan.id, pillar_id), objective_anchor=urls.anchor(objective, key)))
            break
    return tuple(out)


def activity_record(plan: Plan, pillar_id: str, pillar_title: str, key: str, activity: Activity,
                    parents: tuple[tuple[Objective, str], ...]) -> ActivityRecord:
    """The record of one activity; responsibilities, deadlines and figures of its tasks count for it."""
    tasks = activity.tasks
    responsible = activity.responsible
    ids = _unique(i for group in [responsible] + [t.responsible for t in tasks] if group for i in group.ids)
    partners = _unique(i for group in [activity.partners] + [t.partners for t in tasks] if group for i in group.ids)
    frames = [f for f in [activity.timeframe] + [t.timeframe for t in tasks] if f]
    starts = [f.start for f in frames if f.start is not None]
    ends = [f.end for f in frames if f.end is not None]
    budgets = [b for b in [activity.budget] + [t.budget for t in tasks] if b]
    amounts = tuple(a for b in budgets for a in b.amounts)
    objective_ids = tuple(urls.objective_id(plan.id, pillar_id, o, k) for o, k in parents)
    themes = activity.themes
    return ActivityRecord(
        id=urls.activity_id(plan.id, pillar_id, key), key=key, ref=activity.ref, plan_id=plan.id,
        country=plan.country.lower(), pillar_id=pillar_id, pillar_title=pillar_title,
        objective_id=objective_ids[-1] if objective_ids else None, objective_ids=objective_ids,
        url=urls.activity(plan.id, pillar_id, key), text=activity.text,
        responsible_printed=responsible.printed if responsible else None, responsible_ids=ids,
        partner_ids=partners,
        deadline_printed=" / ".join(f.printed for f in frames) if frames else None,
        start_year=min(starts) if starts else None, end_year=max(ends) if ends else None,
        budget_printed=" / ".join(b.printed for b in budgets) if budgets else None, amounts=amounts,
        indicators=len(activity.indicators) + sum(len(t.indicators) for t in tasks),
        targets=len(activity.targets) + sum(len(t.targets) for t in tasks), tasks=len(tasks),
        theme=themes.primary if themes else None,
        themes=(themes.primary, *themes.secondary) if themes else (),
        status=activity.status.value,
        source_section=activity.source.section if activity.source else None,
        source_line=activity.source.line if activity.source else None, item=activity,
        inherited=inherited_fields(plan, pillar_id, activity, parents),
    )


def plan_activities(plan: Plan) -> list[ActivityRecord]:
    """Every activity of one plan, in reading order."""
    out = []
    for pillar in plan.pillars:
        for node in walk(pillar):
            if isinstance(node.item, Activity):
                parents = tuple((p, item_key(p)) for p in node.parents)
                out.append(activity_record(plan, pillar.id, pillar.title, node.key, node.item, parents))
    return out


def plan_objectives(plan: Plan) -> list[ObjectiveRecord]:
    """Every objective of one plan (all levels), in reading order."""
    labels = {level.key: level.label for level in plan.levels}
    out = []
    for pillar in plan.pillars:
        for node in walk(pillar):
            item = node.item
            if isinstance(item, Objective):
                parent = node.parents[-1] if node.parents else None
                out.append(ObjectiveRecord(
                    id=urls.objective_id(plan.id, pillar.id, item, node.key), plan_id=plan.id, pillar_id=pillar.id,
                    parent_id=urls.objective_id(plan.id, pillar.id, parent, item_key(parent)) if parent else None,
                    level=item.level, level_label=labels.get(item.level, item.level), ref=item.ref, key=node.key,
                    title=item.title, url=urls.pillar(plan.id, pillar.id) + "#" + urls.anchor(item, node.key),
                    item=item))
    return out


class Records:
    """All records of an Atlas, computed once and shared by every page, chart and export."""

    def __init__(self, atlas: Atlas):
        self.atlas = atlas
        self.activities: dict[str, list[ActivityRecord]] = {p: plan_activities(x) for p, x in atlas.plans.items()}
        self.objectives: dict[str, list[ObjectiveRecord]] = {p: plan_objectives(x) for p, x in atlas.plans.items()}
        self.by_id: dict[str, ActivityRecord] = {r.id: r for rs in self.activities.values() for r in rs}

    def all_activities(self) -> list[ActivityRecord]:
        """Every activity of every plan, plans in Atlas order."""
        return [record for plan_id in self.atlas.plans for record in self.activities[plan_id]]
