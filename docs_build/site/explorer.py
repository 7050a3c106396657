"""The activity explorer: one filterable table of every activity of every plan, as JSON and as static pages.

The browser loads the data in three pieces, so the first screen does not wait for what it does not show:
`activities.json` (what the table shows, filters and sorts on), `details.json` (task and indicator texts, for the
text filter only) and `activities-csv.json` (each activity's row of `activities.csv`, fetched only when a reader
downloads the rows shown, so the two CSVs share one column list and cannot drift apart).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..data import urls
from ..data.models import Amount
from ..data.records import ActivityRecord, Records
from ..opendata import tables
from .context import SiteBuilder
from .page import EXCLUDED, Page, front_matter, src_of

# Rows of each plain (no-JavaScript) page, and of the first screen: 200 rows made the page 150 kB of HTML whose
# parsing and layout delayed the first screen of a filtered view by about 0.4 s on this machine's Chromium
# (content/assets/explorer.js shows as many before "Show more").
PAGE_SIZE = 50
DATA = "explore/activities.json"
DETAILS = "explore/details.json"
CSV_ROWS = "explore/activities-csv.json"
ROLES = ("lead", "shares", "partner")  # as the institution pages group them: Leads, Shares responsibility, Partner in


@dataclass(frozen=True)
class Involvement:
    """A body named for an activity: its role, and the goal it was printed for when set above the activity."""

    body: str
    role: str
    goal: str | None = None


def goal_level(record: ActivityRecord) -> tuple[Involvement, ...]:
    """Bodies printed for a goal or chapter above the activity (issue 18 carries them down in data/records.py).

    Each inherited body becomes Involvement(body id, "lead" | "shares" | "partner", the goal it was printed for, e.g.
    "Goal 5"); the explorer counts them in the body filter and labels them "set at goal level".
    """
    out: list[Involvement] = []
    if record.responsible_above:
        above = record.above("responsible")
        goal = f"{above.level_label} {above.ref}"
        out += [Involvement(b, "lead" if i == 0 else "shares", goal) for i, b in enumerate(above.ids)]
    if record.partners_above:
        above = record.above("partners")
        named = {i.body for i in out}
        out += [Involvement(b, "partner", f"{above.level_label} {above.ref}") for b in above.ids if b not in named]
    return tuple(out)


def goal_level_deadline(record: ActivityRecord) -> tuple[int | None, str | None]:
    """The activity's last year and deadline as printed; where it prints none but a goal above it does, that one,
    labelled with where it is printed ("2012 (set for Goal 5 (printed at goal level))")."""
    above = record.above("timeframe") if record.has_deadline_above else None
    if above is None:
        return record.end_year, record.deadline_printed
    return above.end_year, f"{above.printed or above.end_year} ({above.label})"


def involvements(record: ActivityRecord) -> tuple[Involvement, ...]:
    """Every body of an activity with one role each, as on its institution page: lead, shares, partner."""
    own = [Involvement(b, "lead" if i == 0 else "shares") for i, b in enumerate(record.responsible_ids)]
    named = set(record.responsible_ids)
    own += [Involvement(b, "partner") for b in record.partner_ids if b not in named]
    seen = {i.body for i in own}
    return tuple(own) + tuple(i for i in goal_level(record) if i.body not in seen)


def probable_duplicate(amount: Amount) -> bool:
    """Whether the data flags a figure as printed twice (issue 18 adds Amount.probable_duplicate)."""
    return bool(getattr(amount, "probable_duplicate", False))


def searchable_details(record: ActivityRecord) -> str:
    """The texts of an activity's tasks and indicators, for the text filter (the table shows the activity only)."""
    return " ".join([t.text for t in record.item.tasks] + list(record.indicator_texts))


def _number(amount: Amount) -> int | float:
    """A figure as a JSON number (whole figures without a decimal point)."""
    value = amount.value
    return int(value) if value == value.to_integral_value() else float(value)


def explorer_data(records: Records) -> dict[str, Any]:
    """Every activity with the fields the explorer shows, filters and sorts on; lookups are listed once, by id."""
    atlas = records.atlas
    plans = list(atlas.plans.values())
    activities = records.all_activities()
    found = {r.id: involvements(r) for r in activities}
    # Every body of every registry, so that a body named only at goal level (or not yet) is a known id, not an error.
    used = sorted((code, b) for code, group in atlas.institutions.items() for b in group)
    body_index = {key: n for n, key in enumerate(used)}
    pillar_list = [(p.id, pillar.id, pillar.title) for p in plans for pillar in p.pillars]
    pillar_index = {(plan, pillar): n for n, (plan, pillar, _) in enumerate(pillar_list)}
    plan_index = {p.id: n for n, p in enumerate(plans)}
    theme_index = {t: n for n, t in enumerate(atlas.themes)}
    currencies = sorted({a.currency for r in activities for a in r.amounts})
    currency_index = {c: n for n, c in enumerate(currencies)}

    def body(i: Involvement, code: str) -> list[Any]:
        entry: list[Any] = [body_index[(code, i.body)], ROLES.index(i.role)]
        return entry + [i.goal] if i.goal else entry

    def amount(a: Amount) -> list[Any]:
        return [currency_index[a.currency], _number(a), a.year, 1 if probable_duplicate(a) else 0]

    def row(r: ActivityRecord) -> dict[str, Any]:
        year, deadline = goal_level_deadline(r)
        out = {"p": plan_index[r.plan_id], "l": pillar_index[(r.plan_id, r.pillar_id)], "r": r.ref or f"[{r.key}]",
               "t": r.text, "u": r.url, "b": [body(i, r.country) for i in found[r.id]],
               "y": year, "d": deadline, "h": [theme_index[t] for t in r.themes if t in theme_index],
               "s": r.status}
        if r.budget_printed:
            out["bp"] = r.budget_printed
        if r.amounts:
            out["a"] = [amount(a) for a in r.amounts]
        return out

    return {
        "countries": [{"id": code, "name": c.name} for code, c in atlas.countries.items()],
        "plans": [{"id": p.id, "title": p.short_title, "country": p.country.lower()} for p in plans],
        "pillars": [{"id": f"{plan}/{pillar}", "plan": plan_index[plan], "title": title}
                    for plan, pillar, title in pillar_list],
        "bodies": [{"id": f"{code}/{b}", "label": (inst.acronyms[0] if inst.acronyms else inst.name),
                    "name": inst.name, "country": code}
                   for code, b in used for inst in [atlas.institutions[code][b]]],
        "roles": list(ROLES),
        "themes": [{"id": t.id, "name": t.name} for t in atlas.themes.values()],
        "statuses": ["completed", "partially-completed", "not-completed", "no-information"],
        "currencies": currencies,
        "rows": [row(r) for r in activities],
    }


def details_data(records: Records) -> list[str]:
    """Task and indicator texts of every activity, in the order of the rows of `activities.json`."""
    return [searchable_details(r) for r in records.all_activities()]


def csv_data(records: Records) -> dict[str, Any]:
    """activities.csv as its header line and one line per activity (in the order of `activities.json`), written by
    the downloads' own writer: quoting and formula-safe cells are the download's, byte for byte."""
    spec = tables.ACTIVITIES
    header = tables.write_csv(spec.names, []).decode("utf-8-sig").removesuffix("\r\n")
    lines = []
    for row in tables.activity_rows(records):
        written = tables.write_csv(spec.names, [[row[name] for name in spec.names]]).decode("utf-8-sig")
        lines.append(written[len(header) + 2:].removesuffix("\r\n"))
    return {"columns": spec.names, "header": header, "rows": lines}


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The explorer's data files and its pages: page 1 at /explore/, further pages for readers without JS."""
    records = builder.records
    builder.files[DATA] = _json(explorer_data(records))
    builder.files[DETAILS] = _json(details_data(records))
    builder.files[CSV_ROWS] = _json(csv_data(records))
    rows = records.all_activities()
    bodies = {r.id: involvements(r) for r in rows}
    chunks = [rows[i:i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
    out = []
    for number, chunk in enumerate(chunks, 1):
        here = urls.explore(number)
        body = builder.render("explore.md.html", rows=chunk, here=here, number=number, pages=len(chunks),
                              total=len(rows), first=(number - 1) * PAGE_SIZE + 1, data=DATA, details=DETAILS,
                              csv_rows=CSV_ROWS, bodies=bodies, amount_text=tables.amount_text,
                              deadline=lambda r: goal_level_deadline(r)[1],
                              page_urls=[urls.explore(n) for n in range(1, len(chunks) + 1)])
        title = "Explore activities" if number == 1 else f"Explore activities, page {number}"
        meta = front_matter(title, "Filter every activity of every plan", EXCLUDED, hide=("navigation", "toc"))
        out.append(Page(src_of(here), meta + body, in_nav=number == 1))
    return out
