"""Activities side by side: one page that shows any activities chosen in its address (?ids=a,b,c) in columns,
drawn in the browser from one small JSON file per plan (only the chosen activities' plans are fetched), so that no
page per activity pair is generated and the view does not load the whole atlas."""

from __future__ import annotations

import json
from typing import Any

from ..data import urls
from ..data.records import ActivityRecord, Records
from .context import SiteBuilder
from .page import EXCLUDED, Page, front_matter, src_of

DATA = "compare/activities/"  # beside the page: <plan id>.json for each plan
FULL_WIDTH = ("navigation", "toc")


def activity_row(record: ActivityRecord) -> dict[str, Any]:
    """What the view prints of one activity, every text as printed; empty fields left out."""
    item = record.item
    row: dict[str, Any] = {"r": record.ref or f"[{record.key}]", "l": record.pillar_title, "t": record.text,
                           "u": record.url}
    fields = {"k": [t.text for t in item.tasks], "i": list(record.indicator_texts),
              "e": [r.text for r in item.expected_results], "d": record.deadline_printed,
              "b": record.responsible_printed, "m": record.budget_printed}
    row.update({key: value for key, value in fields.items() if value})
    return row


def side_by_side_data(records: Records) -> dict[str, dict[str, Any]]:
    """Per plan id: the plan's title, activity label and address, and its activities by id."""
    out: dict[str, dict[str, Any]] = {
        p.id: {"plan": {"title": p.short_title, "label": p.activity_label, "u": urls.plan(p.id)}, "activities": {}}
        for p in records.atlas.plans.values()}
    for record in records.all_activities():
        out[record.plan_id]["activities"][record.id] = activity_row(record)
    return out


def ids_for(record: ActivityRecord, closest: list[ActivityRecord]) -> str:
    """The ?ids= value of the view of an activity beside its closest activity in each other plan."""
    return ",".join([record.id] + [r.id for r in closest])


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The side-by-side page and its data file."""
    for plan_id, data in side_by_side_data(builder.records).items():
        builder.files[f"{DATA}{plan_id}.json"] = json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                                            sort_keys=True).encode()
    here = urls.compare_activities()
    body = builder.render("compare-activities.md.html", here=here, data=DATA,
                          plans=list(builder.atlas.plans.values()))
    meta = front_matter("Activities side by side", "Chosen activities of several plans, side by side", EXCLUDED,
                        hide=FULL_WIDTH)
    return [Page(src_of(here), meta + body, in_nav=False)]
