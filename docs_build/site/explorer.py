"""The activity explorer: one filterable table of every activity of every plan, as JSON and as static pages."""

from __future__ import annotations

import json
from typing import Any

from ..data import urls
from ..data.records import ActivityRecord, Records
from .context import SiteBuilder
from .page import Page, front_matter, src_of

PAGE_SIZE = 200
DATA = "explore/activities.json"


def searchable_details(record: ActivityRecord) -> str:
    """The texts of an activity's tasks and indicators, for the text filter (the table shows the activity only)."""
    return " ".join([t.text for t in record.item.tasks] + list(record.indicator_texts))


def explorer_data(records: Records) -> dict[str, Any]:
    """Every activity with the fields the explorer filters and sorts on; lookups are listed once."""
    atlas = records.atlas
    plans = list(atlas.plans.values())
    bodies = {(code, body.id): body for code, group in atlas.institutions.items() for body in group.values()}
    used = sorted({(r.country, b) for r in records.all_activities() for b in r.responsible_ids})
    body_index = {key: i for i, key in enumerate(used)}
    pillar_list = [(p.id, pillar.id, pillar.title) for p in plans for pillar in p.pillars]
    pillar_index = {(plan, pillar): i for i, (plan, pillar, _) in enumerate(pillar_list)}
    plan_index = {p.id: i for i, p in enumerate(plans)}
    theme_index = {t: i for i, t in enumerate(atlas.themes)}

    def row(r: ActivityRecord) -> dict[str, Any]:
        out = {"p": plan_index[r.plan_id], "l": pillar_index[(r.plan_id, r.pillar_id)], "r": r.ref or f"[{r.key}]",
               "t": r.text, "u": r.url, "b": [body_index[(r.country, b)] for b in r.responsible_ids],
               "y": r.end_year, "d": r.deadline_printed, "m": r.has_budget,
               "h": [theme_index[t] for t in r.themes if t in theme_index], "s": r.status}
        if more := searchable_details(r):
            out["x"] = more
        return out

    return {
        "countries": [{"id": code, "name": c.name} for code, c in atlas.countries.items()],
        "plans": [{"id": p.id, "title": p.short_title, "country": p.country.lower()} for p in plans],
        "pillars": [{"plan": plan_index[plan], "title": title} for plan, _, title in pillar_list],
        "bodies": [{"label": (bodies[k].acronyms[0] if bodies[k].acronyms else bodies[k].name),
                    "name": bodies[k].name, "country": k[0]} for k in used],
        "themes": [{"id": t.id, "name": t.name} for t in atlas.themes.values()],
        "statuses": ["completed", "partially-completed", "not-completed", "no-information"],
        "rows": [row(r) for r in records.all_activities()],
    }


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The explorer's data file and its pages: page 1 at /explore/, further pages for readers without JS."""
    records = builder.records
    data = explorer_data(records)
    builder.files[DATA] = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    rows = records.all_activities()
    chunks = [rows[i:i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
    out = []
    for number, chunk in enumerate(chunks, 1):
        here = urls.explore(number)
        body = builder.render("explore.md.html", rows=chunk, here=here, number=number, pages=len(chunks),
                              total=len(rows), first=(number - 1) * PAGE_SIZE + 1, data=DATA,
                              page_urls=[urls.explore(n) for n in range(1, len(chunks) + 1)])
        title = "Explore activities" if number == 1 else f"Explore activities, page {number}"
        meta = front_matter(title, "Filter every activity of every plan", search_exclude=True)
        out.append(Page(src_of(here), meta + body, in_nav=number == 1))
    return out
