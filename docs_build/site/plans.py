"""Plan pages: one overview per plan, one page per pillar and one page per activity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ..data import urls
from ..data.models import Activity, Objective, Pillar, Plan, Task
from ..data.walk import Node, task_key, walk
from . import charts
from .cite import cite_activity
from .context import SiteBuilder
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


def plan_pages(builder: SiteBuilder, plan: Plan) -> list[Page]:
    """The overview page of one plan, its pillar pages and its activity pages."""
    code = plan.country.lower()
    acronyms = builder.acronyms(code)
    pillars = [{"pillar": p, "items": pillar_items(plan, p)} for p in plan.pillars]
    for entry in pillars:
        entry["counts"] = Counter(view.label for view in entry["items"])
    overview = builder.render(
        "plan.md.html", plan=plan, country=builder.atlas.countries[code], pillars=pillars,
        charts=builder.with_csv(charts.plan_charts(plan, builder.records, builder.atlas)), here=urls.plan(plan.id),
        totals=sum((entry["counts"] for entry in pillars), Counter()),
        summary=prose(plan.summary, acronyms),
        sections=[(s, prose(s.body, acronyms)) for s in plan.overview],
    )
    country = builder.atlas.countries[code].name
    out = [Page(src_of(urls.plan(plan.id)),
                front_matter(plan.short_title, plan.title, Search(
                    "plan", meta={"country": country}, filters={"country": [country], "plan": [plan.short_title]}))
                + builder.with_abbreviations(code, overview))]
    for entry in pillars:
        pillar, items = entry["pillar"], entry["items"]
        body = builder.render("pillar.md.html", plan=plan, pillar=pillar, items=items,
                              summary=prose(pillar.summary, acronyms) if pillar.summary else None)
        out.append(Page(src_of(urls.pillar(plan.id, pillar.id)),
                        front_matter(f"{pillar.title} – {plan.short_title}", f"{pillar.title}: {plan.title}",
                                     pillar_search(plan, pillar, country))
                        + builder.with_abbreviations(code, body)))
        for view in items:
            if isinstance(view.item, Activity):
                out.append(activity_page(builder, plan, pillar, view))
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


def activity_page(builder: SiteBuilder, plan: Plan, pillar: Pillar, view: ItemView) -> Page:
    """The page of one activity, outside the navigation."""
    code = plan.country.lower()
    record = builder.records.by_id[str(view.id)]
    related = builder.related
    body = builder.render("activity.md.html", plan=plan, pillar=pillar, view=view, here=record.url,
                          country=builder.atlas.countries[code], page_url=record.url,
                          cite=cite_activity(plan, record, builder.site_url), related=related.similar[record.id],
                          by_text=related.by_text[record.id], closest=related.closest[record.id])
    title = f"{plan.activity_label} {view.display_ref}, {pillar.title} – {plan.short_title}"
    return Page(src_of(urls.activity(plan.id, pillar.id, view.key)),
                front_matter(title, view.item.text, activity_search(builder, plan, pillar, view))
                + builder.with_abbreviations(code, body),
                in_nav=False)
