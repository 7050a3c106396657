"""Plan pages: one overview per plan, one page per pillar and one page per activity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from ..data import budgets, urls
from ..data.models import Activity, Objective, Pillar, Plan, Status, Task
from ..data.records import ActivityRecord, Records
from ..data.walk import Node, task_key, walk
from . import charts, meta, printing
from .cite import cite_activity
from .context import SiteBuilder
from .meta import shorten
from .page import Page, Search, front_matter, link, src_of
from .render import prose


@dataclass
class ItemView:
    """An objective or activity with its computed id, anchor and URLs, for templates."""

    item: Objective | Activity
    key: str
    id: str
    anchor: str
    depth: int
    label: str
    page_link: Markup | None
    pillar_link: Markup
    parents: list[ItemView]

    @property
    def tasks(self) -> list[tuple[Markup, Task]]:
        """Tasks of an activity with their anchor keys."""
        tasks = self.item.tasks if isinstance(self.item, Activity) else []
        return [(Markup(task_key(task, i)), task) for i, task in enumerate(tasks, 1)]

    @property
    def display_ref(self) -> str:
        """Reference as printed, or the positional key in brackets when none is printed."""
        return self.item.ref or f"[{self.key}]"


def pillar_items(plan: Plan, pillar: Pillar) -> list[ItemView]:
    """Objectives and activities of a pillar with their ids and links, in reading order."""
    levels = {level.key: level.label for level in plan.levels}
    views: dict[int, ItemView] = {}
    result = []
    for node in walk(pillar):
        parents = [views[id(p)] for p in node.parents]
        result.append(view := _view(plan, pillar, node, parents, levels))
        views[id(node.item)] = view
    return result


def _view(plan: Plan, pillar: Pillar, node: Node, parents: list[ItemView], levels: dict[str, str]) -> ItemView:
    """The view of one objective or activity."""
    item, key = node.item, node.key
    is_activity = isinstance(item, Activity)
    return ItemView(
        item=item, key=key,
        id=Markup(urls.activity_id(plan.id, pillar.id, key) if is_activity
                  else urls.objective_id(plan.id, pillar.id, item, key)),
        anchor=Markup(urls.anchor(item, key)), depth=len(node.parents),
        label=plan.activity_label if is_activity else levels.get(item.level, item.level),
        page_link=link(urls.activity(plan.id, pillar.id, key)) if is_activity else None,
        pillar_link=link(urls.pillar(plan.id, pillar.id)), parents=parents,
    )


# Page sizes stay under 150 kB however large a plan grows: above these numbers of activities the plan page leaves
# its table to the pillar pages, a pillar page leaves the fields to the activity pages, and then its rows to the
# explorer (filtered by plan and pillar, paged without JavaScript).
MAX_PLAN_ROWS = 200
MAX_PILLAR_DETAILS = 60
MAX_PILLAR_ROWS = 300


@dataclass(frozen=True)
class Row:
    """One activity as a row of the compact activity table: shortened texts, its page and its pillar anchor."""

    order: str
    ref: str
    text: str
    url: str
    anchor: str
    pillar: str
    timeframe: str
    budget: str
    responsible: str


def activity_row(order: int, record: ActivityRecord, view: ItemView) -> Row:
    """The row of one activity; long cells are cut at a word with an ellipsis (the activity page has them whole)."""
    return Row(order=f"{order:06d}", ref=view.display_ref, text=shorten(record.text, 120), url=record.url,
               anchor=str(view.anchor), pillar=record.pillar_title,
               timeframe=shorten(record.deadline_printed or "", 30), budget=shorten(record.budget_printed or "", 40),
               responsible=shorten(record.responsible_printed or "", 60))


@dataclass
class Group:
    """An objective of a pillar page with the activities directly under it, as rows and as views."""

    objective: ItemView
    activities: list[ItemView]
    rows: list[Row]


def pillar_groups(items: list[ItemView], records: Records, start: int = 0) -> list[Group]:
    """The pillar's objectives in reading order, each with its own activities (numbered from `start`)."""
    groups: dict[int, Group] = {}
    order = start
    for view in items:
        if isinstance(view.item, Activity):
            group = groups[id(view.parents[-1])]
            group.activities.append(view)
            group.rows.append(activity_row(order, records.by_id[str(view.id)], view))
            order += 1
        else:
            groups[id(view)] = Group(view, [], [])
    return list(groups.values())


def plan_figures(plan: Plan, records: Records) -> dict[str, object]:
    """Key figures of a plan: activities, those with a budget figure, printed budget figures summed per currency."""
    rows = records.activities[plan.id]
    totals: dict[str, Decimal] = {}
    for row in rows:
        for currency, value in row.budget_totals().items():
            totals[currency] = totals.get(currency, Decimal(0)) + value
    return {"activities": len(rows), "with_budget": sum(1 for r in rows if r.has_budget),
            "budget": sorted(totals.items())}


def status_known(plan: Plan, records: Records) -> bool:
    """Whether any activity of the plan has an implementation status other than 'no information'."""
    return any(r.status != Status.no_information.value for r in records.activities[plan.id])


def plan_pages(builder: SiteBuilder, plan: Plan) -> list[Page]:
    """The overview page of one plan, its pillar pages, its activity pages and its print page."""
    code = plan.country.lower()
    acronyms = builder.acronyms(code)
    country = builder.atlas.countries[code]
    pillars = [{"pillar": p, "items": pillar_items(plan, p)} for p in plan.pillars]
    order = 0
    for entry in pillars:
        entry["counts"] = Counter(view.label for view in entry["items"])
        entry["groups"] = pillar_groups(entry["items"], builder.records, order)
        order += entry["counts"].get(plan.activity_label, 0)
    rows = [row for entry in pillars for group in entry["groups"] for row in group.rows]
    figures = plan_figures(plan, builder.records)
    known = status_known(plan, builder.records)
    image_meta = meta.page_meta(meta.plan_image(plan.id), "article")
    overview = builder.render(
        "plan.md.html", plan=plan, country=country, pillars=pillars,
        charts=builder.with_csv(charts.plan_charts(plan, builder.records, builder.atlas)), here=urls.plan(plan.id),
        totals=sum((entry["counts"] for entry in pillars), Counter()),
        summary=prose(plan.summary, acronyms), figures=figures, status_known=known,
        rows=rows if len(rows) <= MAX_PLAN_ROWS else [],
        sections=[(s, prose(s.body, acronyms)) for s in plan.overview],
        comparisons={t.id: budgets.compare_table(plan, builder.records, t)
                     for t in budgets.comparable_tables(plan, builder.records)},
        sums=(budgets.sums(a for r in builder.records.activities[plan.id] for a in r.amounts),
              budgets.sums((a for r in builder.records.activities[plan.id] for a in r.amounts),
                           include_duplicates=False)),
    )
    jsonld = meta.plan_jsonld(plan, country, builder.site_url, len(rows))
    out = [Page(src_of(urls.plan(plan.id)),
                front_matter(plan.short_title, plan.title,
                             search=Search("plan", meta={"country": country.name},
                                           filters={"country": [country.name], "plan": [plan.short_title]}),
                             extra=meta.page_meta(meta.plan_image(plan.id), "article", jsonld))
                + builder.with_abbreviations(code, overview))]
    for entry in pillars:
        pillar, items = entry["pillar"], entry["items"]
        here = urls.pillar(plan.id, pillar.id)
        count = entry["counts"].get(plan.activity_label, 0)
        body = builder.render("pillar.md.html", plan=plan, pillar=pillar, groups=entry["groups"], here=here,
                              with_rows=count <= MAX_PILLAR_ROWS, with_details=count <= MAX_PILLAR_DETAILS,
                              explore_query=Markup(f"?plan={plan.id}&pillar={pillar.id}"),
                              with_status=known, summary=prose(pillar.summary, acronyms) if pillar.summary else None)
        out.append(Page(src_of(here),
                        front_matter(f"{pillar.title} – {plan.short_title}", f"{pillar.title}: {plan.title}",
                                     search=pillar_search(plan, pillar, country.name), extra=image_meta)
                        + builder.with_abbreviations(code, body)))
        for view in items:
            if isinstance(view.item, Activity):
                out.append(activity_page(builder, plan, pillar, view, known))
    out.append(printing.print_page(builder, plan, country, pillars, figures, known))
    return out


def pillar_search(plan: Plan, pillar: Pillar, country: str) -> Search:
    """A pillar page is found by its title and its objectives (its activities are found on their own pages)."""
    return Search("objective", meta={"title": pillar.title, "plan": plan.short_title, "country": country},
                  filters={"country": [country], "plan": [plan.short_title]})


def activity_search(builder: SiteBuilder, plan: Plan, pillar: Pillar, view: ItemView) -> Search:
    """An activity is one result, titled with its own words; reference, pillar, plan and country beside it."""
    atlas = builder.atlas
    country = atlas.countries[plan.country.lower()].name
    record = builder.records.by_id[str(view.id)]
    return Search(
        "activity",
        # The pillar goes with the reference in one field: "protection 1.(a).2" matches it whole, so Albania's
        # Protection 1.(a).2 comes before its Prevention and Prosecution 1.(a).2.
        meta={"title": view.item.text, "ref": f"{plan.activity_label} {view.display_ref} · {pillar.title}",
              "plan": plan.short_title, "country": country},
        filters={"country": [country], "plan": [plan.short_title],
                 "theme": [atlas.themes[t].name for t in record.themes if t in atlas.themes]},
    )


def activity_page(builder: SiteBuilder, plan: Plan, pillar: Pillar, view: ItemView, with_status: bool) -> Page:
    """The page of one activity, outside the navigation."""
    code = plan.country.lower()
    record = builder.records.by_id[str(view.id)]
    related = builder.related
    body = builder.render("activity.md.html", plan=plan, pillar=pillar, view=view, here=record.url,
                          inherited=record.inherited,
                          country=builder.atlas.countries[code], page_url=record.url, with_status=with_status,
                          heading=shorten(view.item.text, 120),
                          cite=cite_activity(plan, record, builder.site_url), related=related.similar[record.id],
                          by_text=related.by_text[record.id], closest=related.closest[record.id])
    title = meta.activity_title(plan, view.display_ref, view.item.text)
    return Page(src_of(urls.activity(plan.id, pillar.id, view.key)),
                front_matter(title, view.item.text, activity_search(builder, plan, pillar, view),
                             extra=meta.page_meta(meta.plan_image(plan.id), "article"))
                + builder.with_abbreviations(code, body),
                in_nav=False)
