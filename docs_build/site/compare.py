"""Cross-country comparisons: plans at a glance, themes × plans, legal references and institutions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from ..data import urls
from ..data.atlas import Atlas
from ..data.models import InstitutionKind, Instrument, LegalReference, Plan, Theme
from ..data.records import ActivityRecord, ObjectiveRecord, Records
from . import charts
from .context import SiteBuilder
from .page import EXCLUDED, Page, Search, front_matter, src_of
from .paging import page_labels, pager, plan_groups

KINDS: tuple[str, ...] = InstitutionKind.__args__  # type: ignore[attr-defined]
# Plans side by side on one comparison page (five fit a 1280 px screen); further plans go on further pages, by region,
# so that no comparison page grows with the atlas (at 30× the data the legal matrix of every plan was 812 kB).
PLANS_PER_PAGE = 5
CITING_PER_PAGE = 25  # plans quoted on one instrument's page (each with its citations as printed)
FULL_WIDTH = ("navigation", "toc")  # comparison pages hide Material's sidebars: every column gets the page's width


@dataclass(frozen=True)
class Glance:
    """The 'plans at a glance' figures of one plan."""

    plan: Plan
    pillars: int
    objectives: int
    activities: int
    with_deadline: int
    with_budget: int
    with_indicator: int
    with_lead: int
    with_deadline_above: int  # no deadline printed for the activity, one printed for a goal or objective above
    with_lead_above: int  # no lead body printed for the activity, one printed for a goal or objective above
    budget_sums: tuple[tuple[str, Decimal], ...]  # (currency, sum of the amounts printed for activities and tasks)
    budget_sums_unique: tuple[tuple[str, Decimal], ...]  # the same without figures flagged as probable duplicates
    budget_tables: int

    def share(self, count: int) -> float | None:
        """Share of the plan's activities, or None for a plan without activities."""
        return count / self.activities if self.activities else None


def glance(plan: Plan, records: Records) -> Glance:
    """Counts and shares of one plan."""
    acts = records.activities[plan.id]
    sums: dict[str, Decimal] = defaultdict(Decimal)
    unique: dict[str, Decimal] = defaultdict(Decimal)
    for amount in (amount for a in acts for amount in a.amounts):
        sums[amount.currency] += amount.value
        if not amount.probable_duplicate:
            unique[amount.currency] += amount.value
    return Glance(plan, len(plan.pillars), len(records.objectives[plan.id]), len(acts),
                  sum(a.has_deadline for a in acts), sum(a.has_budget for a in acts),
                  sum(a.has_indicator for a in acts), sum(a.has_lead for a in acts),
                  sum(a.has_deadline_above for a in acts), sum(a.has_lead_above for a in acts),
                  tuple(sorted(sums.items())), tuple(sorted(unique.items())), len(plan.budget_tables))


def counts_for(theme: Theme, record: ActivityRecord) -> bool:
    """Whether an activity counts for a theme: a 4P theme as its primary theme, a cross-cutting one at all."""
    return record.theme == theme.id if theme.kind == "pillar" else theme.id in record.themes


def theme_matrix(records: Records) -> dict[str, dict[str, int]]:
    """theme id → plan id → number of activities that count for the theme (see counts_for)."""
    matrix = {theme: dict.fromkeys(records.atlas.plans, 0) for theme in records.atlas.themes}
    for record in records.all_activities():
        for theme in record.themes:
            if theme in matrix and counts_for(records.atlas.themes[theme], record):
                matrix[theme][record.plan_id] += 1
    return matrix


@dataclass(frozen=True)
class ThemeColumn:
    """One plan's column on a theme page: tagged objectives, counted activities, other tagged activities."""

    objectives: list[ObjectiveRecord]
    activities: list[ActivityRecord]
    also: list[ActivityRecord]


def theme_column(records: Records, theme: Theme, plan_id: str) -> ThemeColumn:
    """Objectives and activities of a plan tagged with a theme, in reading order."""
    objectives = [o for o in records.objectives[plan_id]
                  if o.item.themes and theme.id in (o.item.themes.primary, *o.item.themes.secondary)]
    tagged = [a for a in records.activities[plan_id] if theme.id in a.themes]
    counted = [a for a in tagged if counts_for(theme, a)]
    return ThemeColumn(objectives, counted, [a for a in tagged if not counts_for(theme, a)])


@dataclass(frozen=True)
class ThemeRow:
    """One row of a theme page: a question (objectives, or activities under one more theme) and each plan's answer."""

    label: str
    note: str
    objectives: dict[str, list[ObjectiveRecord]]
    activities: dict[str, list[ActivityRecord]]

    def count(self, plan_id: str) -> int:
        """How many objectives and activities a plan's cell holds."""
        return len(self.objectives.get(plan_id, [])) + len(self.activities.get(plan_id, []))


def theme_rows(atlas: Atlas, theme: Theme, columns: dict[str, ThemeColumn]) -> list[ThemeRow]:
    """The rows of a theme page: the plans' objectives, then their activities grouped by a second theme (the four Ps
    for a cross-cutting theme, the first cross-cutting theme for a pillar), then the activities that serve it too."""
    rows = [ThemeRow("Objectives", "tagged with this theme", {p: c.objectives for p, c in columns.items()}, {})]
    if theme.kind == "pillar":
        def second(record: ActivityRecord) -> str | None:
            return next((t for t in record.themes if t != theme.id and atlas.themes[t].kind == "cross-cutting"), None)
        order = [t.id for t in atlas.themes.values() if t.kind == "cross-cutting"] + [None]
        note = "activities whose first cross-cutting theme this is"
    else:
        def second(record: ActivityRecord) -> str | None:
            return record.theme
        order = [t.id for t in atlas.themes.values() if t.kind == "pillar"] + [None]
        note = "activities whose primary theme this is"
    for key in order:
        cells = {p: [a for a in c.activities if second(a) == key] for p, c in columns.items()}
        if any(cells.values()):
            label = atlas.themes[key].name if key else ("No cross-cutting theme" if theme.kind == "pillar" else
                                                        "No primary theme")
            rows.append(ThemeRow(label, note if key else "", {}, cells))
    if any(c.also for c in columns.values()):
        rows.append(ThemeRow("Also serving this aim", "activities with this theme as a secondary theme", {},
                             {p: c.also for p, c in columns.items()}))
    return rows


def instrument_matrix(atlas: Atlas) -> dict[str, dict[str, list[LegalReference]]]:
    """instrument id → plan id → the plan's references to it (empty when not cited); cited instruments only."""
    matrix: dict[str, dict[str, list[LegalReference]]] = {}
    for instrument in atlas.instruments:
        row = {p.id: [r for r in p.legal_references if r.instrument == instrument] for p in atlas.plans.values()}
        if any(row.values()):
            matrix[instrument] = row
    return matrix


INSTRUMENT_GROUPS: tuple[tuple[str, str], ...] = (
    ("un", "United Nations and its agencies"), ("coe", "Council of Europe"), ("eu", "European Union"),
    ("ilo", "International Labour Organization"), ("other", "Other international"))
UN_BODIES = ("United Nations", "UNICEF", "World Health Organization")


def instrument_group(instrument: Instrument) -> str:
    """The group of an instrument on the legal matrix, from the body that adopted it."""
    body = instrument.body
    if body.startswith("International Labour"):
        return "ilo"
    if body.startswith(UN_BODIES):
        return "un"
    if body.startswith("Council of Europe"):
        return "coe"
    if body.startswith(("European Union", "European Community")):
        return "eu"
    return "other"


@dataclass(frozen=True)
class InstrumentRow:
    """A row of the legal matrix: an instrument, each plan's references to it, and how many plans cite it."""

    instrument: Instrument
    cells: dict[str, list[LegalReference]]

    @property
    def cited_by(self) -> int:
        """How many plans cite the instrument."""
        return sum(1 for refs in self.cells.values() if refs)


def legal_groups(atlas: Atlas, matrix: dict[str, dict[str, list[LegalReference]]]
                 ) -> list[tuple[str, str, list[InstrumentRow]]]:
    """(group id, label, rows) in the order of INSTRUMENT_GROUPS, rows most cited first, then by title."""
    rows = [InstrumentRow(atlas.instruments[i], cells) for i, cells in matrix.items()]
    out = []
    for key, label in INSTRUMENT_GROUPS:
        mine = [r for r in rows if instrument_group(r.instrument) == key]
        mine.sort(key=lambda r: (-r.cited_by, r.instrument.year or 9999,
                                 r.instrument.short_title or r.instrument.title))
        if mine:
            out.append((key, label, mine))
    return out


def law_citations(atlas: Atlas, code: str) -> dict[str, dict[str, list[LegalReference]]]:
    """law id → plan id → that plan's references to the law, for one country's laws."""
    plans = atlas.plans_of(code)
    return {law: {p.id: [r for r in p.legal_references if r.law == law] for p in plans}
            for law in atlas.laws.get(code, {})}


def lead_kinds(records: Records) -> dict[str, dict[str, int]]:
    """institution kind → plan id → number of activities led by a body of that kind (first body named)."""
    atlas = records.atlas
    matrix = {kind: dict.fromkeys(atlas.plans, 0) for kind in KINDS}
    for record in records.all_activities():
        if record.lead:
            kind = atlas.institutions[record.country][record.lead].kind
            matrix[kind][record.plan_id] += 1
    return {kind: row for kind, row in matrix.items() if any(row.values())}


ROLES = (("lead", "Leads"), ("responsible", "Shares responsibility for"), ("partner", "Partner in"),
         ("lead-above", "Leads, as set at a higher level"),
         ("responsible-above", "Shares responsibility, as set at a higher level"),
         ("partner-above", "Partner, as set at a higher level"))


def institution_roles(records: Records, code: str, body: str) -> dict[str, list[ActivityRecord]]:
    """The activities of one body: as lead, as another responsible body, as partner; then the same roles where the
    plan prints them for a goal or objective above the activity (each activity keeps the label of where)."""
    roles: dict[str, list[ActivityRecord]] = {role: [] for role, _ in ROLES}
    for plan in records.atlas.plans_of(code):
        for record in records.activities[plan.id]:
            if record.lead == body:
                roles["lead"].append(record)
            elif body in record.responsible_ids:
                roles["responsible"].append(record)
            elif body in record.partner_ids:
                roles["partner"].append(record)
            elif record.lead_above == body:
                roles["lead-above"].append(record)
            elif body in record.responsible_above:
                roles["responsible-above"].append(record)
            elif body in record.partners_above:
                roles["partner-above"].append(record)
    return roles


def numbered(chart: charts.Chart, number: int) -> charts.Chart:
    """A chart of a further page of plans gets its own id (its HTML id and CSV file)."""
    return chart if number == 1 else replace(chart, id=f"{chart.id}-page-{number}")


def site_pages(builder: SiteBuilder) -> list[Page]:
    """Every comparison page and every institution page."""
    atlas, records = builder.atlas, builder.records
    everyone = list(atlas.plans.values())
    groups = plan_groups(atlas, PLANS_PER_PAGE)
    pages = len(groups)

    def page(url: str, title: str, description: str, template: str, in_nav: bool = True,
             search: Search | None = None, plans: list[Plan] = everyone, **context: object) -> Page:
        """A comparison page (search: a page of the site unless told otherwise)."""
        body = builder.render(template, plans=plans, here=url, **{"per_page": PLANS_PER_PAGE, **context})
        meta = front_matter(title, description, search, hide=FULL_WIDTH)
        return Page(src_of(url), meta + body, in_nav=in_nav)

    def of(title: str, number: int) -> str:
        return title + (f", page {number} of {pages}" if pages > 1 else "")

    instruments = instrument_matrix(atlas)
    matrix = theme_matrix(records)
    theme_page = {p.id: number for number, group in enumerate(groups, 1) for p in group}
    labels = page_labels(atlas, groups)  # once: every comparison and theme page lists the same pages
    in_order = [p for group in groups for p in group]
    citing = {i: [p for p in in_order if row[p.id]] for i, row in instruments.items()}
    citing_groups = {i: [plans[n:n + CITING_PER_PAGE] for n in range(0, len(plans), CITING_PER_PAGE)] or [[]]
                     for i, plans in citing.items()}
    instrument_page = {i: {p.id: n for n, group in enumerate(chunks, 1) for p in group}
                       for i, chunks in citing_groups.items()}
    out = []
    for number, group in enumerate(groups, 1):
        ids = {p.id for p in group}
        glances = [glance(p, records) for p in group]
        countries = list(dict.fromkeys(p.country.lower() for p in group))
        shown = {i: row for i, row in instruments.items() if any(row[p] for p in ids)}
        common = {"plans": group, "number": number, "pages": pages, "in_nav": number == 1}
        out += [
            page(urls.compare(number), of("Compare plans", number), "Plans at a glance, side by side",
                 "compare.md.html", glances=glances, pager=pager(labels, urls.compare),
                 charts=builder.with_csv([numbered(charts.periods_timeline(atlas, group), number),
                                          numbered(charts.shares_chart(glances), number)]), **common),
            page(urls.compare_themes(number), of("Themes × plans", number),
                 "How many activities of each plan address each theme", "compare-themes.md.html", matrix=matrix,
                 pager=pager(labels, urls.compare_themes), theme_page=theme_page,
                 charts=builder.with_csv([numbered(charts.themes_heatmap(atlas, matrix, group), number)]), **common),
            page(urls.compare_legal(number), of("Legal references", number),
                 "International instruments and domestic laws the plans cite", "compare-legal.md.html",
                 matrix=instruments, groups=legal_groups(atlas, shown), cited=len(instruments), total=len(everyone),
                 instrument_page=instrument_page,
                 pager=pager(labels, urls.compare_legal),
                 laws={code: len(atlas.laws.get(code, {})) for code in countries}, **common),
            page(urls.compare_institutions(number), of("Institutions", number),
                 "Which kinds of bodies lead the plans' activities", "compare-institutions.md.html",
                 matrix=lead_kinds(records), kinds=KINDS, countries=countries,
                 pager=pager(labels, urls.compare_institutions), **common),
        ]
    for theme in atlas.themes.values():
        for number, group in enumerate(groups, 1):
            columns = {p.id: theme_column(records, theme, p.id) for p in group}
            title = f"Theme: {theme.name}" + (f", page {number}" if number > 1 else "")
            body = builder.render("compare-theme.md.html", plans=group, here=urls.compare_theme(theme.id, number),
                                  theme=theme, columns=columns, rows=theme_rows(atlas, theme, columns),
                                  number=number, pages=pages, per_page=PLANS_PER_PAGE,
                                  pager=pager(labels, lambda n, t=theme.id: urls.compare_theme(t, n)))
            out.append(Page(src_of(urls.compare_theme(theme.id, number)),
                            front_matter(title, theme.description, EXCLUDED, hide=FULL_WIDTH) + body, in_nav=False))
    for instrument, row in instruments.items():
        chunks = citing_groups[instrument]
        citing_pages = pager(page_labels(atlas, chunks), lambda n, i=instrument: urls.compare_instrument(i, n))
        for number, group in enumerate(chunks, 1):
            title = atlas.instruments[instrument].title + (f", page {number}" if number > 1 else "")
            out.append(page(urls.compare_instrument(instrument, number), title,
                            "Plans that cite this instrument, and where", "compare-instrument.md.html", in_nav=False,
                            search=Search("legal instrument", filters={"plan": [p.short_title for p in group]}),
                            plans=group, instrument=atlas.instruments[instrument], row=row, total=len(everyone),
                            others=[p for p in everyone if not row[p.id]], number=number, pages=len(chunks),
                            per_page=CITING_PER_PAGE,
                            pager=citing_pages))
    for code, bodies in atlas.institutions.items():
        for body in bodies.values():
            country = atlas.countries[code].name
            out.append(page(urls.institution(code, body.id), f"{body.name} ({country})", f"Activities of {body.name}",
                            "institution.md.html", in_nav=False, code=code, body=body,
                            search=Search("institution", meta={"title": body.name, "acronym": ", ".join(body.acronyms),
                                                                "country": country},
                                          filters={"country": [country]}),
                            roles=institution_roles(records, code, body.id), role_labels=ROLES))
    return out
