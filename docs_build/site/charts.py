"""Charts built at build time with Plotly's Python package: figures as JSON, with their data as a table and CSV."""

from __future__ import annotations

import html
import json
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from ..data import urls
from ..data.atlas import Atlas
from ..data.models import Activity, BudgetTable, Objective, Pillar, Plan, Target
from ..data.records import Records
from ..data.walk import item_key, walk
from ..opendata.tables import write_csv
from .render import format_amount, table_cell

Value = str | int | float | Decimal | None
TOP_BODIES = 10


@dataclass(frozen=True)
class Chart:
    """A figure with its title, its source caption and the same numbers as a table."""

    id: str
    title: str
    caption: str
    figure: dict
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    table_at: str | None = None  # anchor of a table on the same page that already shows these numbers
    takeaway: str = ""  # one sentence computed from the numbers, printed above the chart

    def display_rows(self) -> list[list[str]]:
        """The table as a reader sees it: thousands separators, except in year columns; "not printed" for a gap."""
        plain = [("year" in c or c == "first" or c == "last") for c in self.columns]
        return [[_display(v, keep) for v, keep in zip(row, plain, strict=True)] for row in self.rows]

    @property
    def csv_path(self) -> str:
        """Site path of the chart's data as CSV."""
        return f"charts/{self.id}.csv"

    def figure_json(self) -> str:
        """The figure as compact JSON, its keys sorted (the same data gives the same bytes)."""
        return json.dumps(self.figure, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def figure_attribute(self) -> Markup:
        """The figure JSON as the value of a single-quoted HTML attribute: `&`, `<`, `>` and `'` escaped, the JSON's
        many `"` left as they are (as `&quot;` they made a third of a chart's bytes). Not a <script> element:
        Material's instant navigation re-creates inline scripts without their type and would run the JSON."""
        return Markup(html.escape(self.figure_json(), quote=False).replace("'", "&#x27;"))

    def csv_bytes(self) -> bytes:
        """The table as CSV, written like the downloads (UTF-8 with BOM, CRLF, text cells safe in a spreadsheet)."""
        return write_csv(self.columns, self.rows)


NOT_PRINTED = "not printed"


def _display(value: Value, plain: bool) -> str:
    """A table value: numbers with thousands separators (years plain), none as "not printed"."""
    if value is None:
        return NOT_PRINTED
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and not plain:
        return format_amount(value) if value == int(value) else f"{float(value):,}"
    return table_cell(value)


def _fmt(value: Decimal | int | float) -> str:
    """A figure for a sentence, with thousands separators."""
    return format_amount(value) if value == int(value) else f"{float(value):,}"


def _names(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _most(labels: list[str], values: list, phrase: str, total: object | None = None, prefix: str = "") -> str:
    """'<label> has <phrase>: n of total.' for the largest value, ties named together; empty when all are zero."""
    known = [(lab, v) for lab, v in zip(labels, values, strict=True) if v is not None]
    if not known or max(v for _, v in known) <= 0:
        return ""
    top = max(v for _, v in known)
    names = [lab for lab, v in known if v == top]
    verb = "has" if len(names) == 1 else "have"
    of = f" of {_fmt(total) if isinstance(total, (int, float, Decimal)) else total}" if total is not None else ""
    return f"{_names(names)} {verb} {phrase}: {prefix}{_fmt(top)}{of}{' each' if len(names) > 1 else ''}."


def _gaps(labels: list[str], values: list, horizontal: bool) -> list[dict]:
    """Plotly annotations that write "not printed" where a bar has no figure (drawn as a gap, never as 0)."""
    axis = ("y", "x") if horizontal else ("x", "y")
    return [{axis[0]: _t(lab), axis[1]: 0, "text": NOT_PRINTED, "showarrow": False,
             ("xanchor" if horizontal else "yanchor"): ("left" if horizontal else "bottom"),
             "font": {"size": 11}} for lab, v in zip(labels, values, strict=True) if v is None]


def _num(value: Decimal | int) -> int | float:
    """A JSON number for Plotly."""
    return int(value) if value == int(value) else float(value)


def _bar(**props: object) -> dict:
    """A Plotly bar trace as JSON (tests check every figure against Plotly's schema with plotly.graph_objects)."""
    return {"type": "bar", **props}


def _heatmap(**props: object) -> dict:
    """A Plotly heatmap trace as JSON."""
    return {"type": "heatmap", **props}


def _figure(traces: list[dict], title: str, **layout: object) -> dict:
    """Plotly figure JSON with plotly.js's plain defaults; colours follow the site's palette in the browser.

    Plotly reads a subset of HTML in labels, so every label from the data is written with entities (`_t`).
    The JSON is written directly: building plotly.graph_objects validates each property at run time, a tenth of
    the whole generator's time, for figures whose shape is fixed in this module and checked by the tests."""
    return {"data": traces, "layout": {"title": {"text": _t(title)}, **layout}}


def _t(value: str) -> str:
    """A data label as Plotly text: '<', '>' and '&' as entities, so no data is read as markup."""
    return html.escape(value, quote=False)


def _ts(values: list[str]) -> list[str]:
    return [_t(v) for v in values]


def _column_labels(values: list[str], width: int = 22) -> list[str]:
    """Column labels short enough to stand side by side (the full names are in the hover text and the table); the
    names as given where shortening would make two alike, since equal labels would merge their columns."""
    short = [textwrap.shorten(v, width, placeholder="…") for v in values]
    return _ts(short if len(set(short)) == len(short) else values)


def _bar_layout(horizontal: bool, rows: int, value_axis: dict | None = None) -> dict:
    """Layout of a bar chart: categories (names) on the y axis of a horizontal chart, one row each, so that long
    names never overlap; margins grow to fit the labels and the axis title (automargin)."""
    value = {"automargin": True, "rangemode": "tozero", **(value_axis or {})}
    if "title" in value:
        value["title"] = {"standoff": 8, **value["title"]}
    if horizontal:
        return {"height": max(220, 70 + 30 * rows), "margin": {"l": 10, "r": 20, "t": 50, "b": 10},
                "yaxis": {"autorange": "reversed", "automargin": True}, "xaxis": value}
    return {"height": 340, "margin": {"l": 10, "r": 20, "t": 50, "b": 10}, "xaxis": {"automargin": True,
                                                                                  "type": "category"},
            "yaxis": value}


# The legend above the plot, under the title: below it, it collided with long category names.
LEGEND_ON_TOP = {"legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
                 "showlegend": True}


def _source(plan: Plan, where: str) -> str:
    return f"Source: {plan.title} ({plan.source.file}), {where}."


def activities_per_pillar(plan: Plan, records: Records) -> Chart:
    """Number of activities in each pillar or chapter."""
    counts = Counter(r.pillar_id for r in records.activities[plan.id])
    labels = [p.title for p in plan.pillars]
    values = [counts[p.id] for p in plan.pillars]
    title = f"Activities per {'chapter' if plan.kind == 'action-plan' else 'pillar'}"
    return Chart(urls.plan_chart(plan.id, "activities-per-pillar"), title,
                 _source(plan, "action plan, every activity counted once"),
                 _figure([_bar(x=values, y=_ts(labels), orientation="h", text=values,
                               hovertemplate="%{y}: %{x}<extra></extra>")],
                         title, **_bar_layout(True, len(labels), {"title": {"text": "activities"}})),
                 ("pillar", "activities"), tuple(zip(labels, values, strict=True)),
                 takeaway=_most(labels, values, "the most activities", sum(values)))


def objective_names(plan: Plan, pillar: Pillar, objective: Objective) -> tuple[str, str]:
    """An objective as a chart label (its number and title, shortened) and in full for the table and tooltip."""
    levels = {level.key: level.label for level in plan.levels}
    ref = objective.ref or objective.slug or ""
    level = levels.get(objective.level, objective.level)
    full = f"{pillar.title} · {level} {ref}" + (f": {objective.title}" if objective.title else "")
    return (_short(f"{ref} {objective.title}", 48) if objective.title else f"{level} {ref}"), full


def activities_per_objective(plan: Plan, records: Records) -> Chart:
    """Number of activities under each top-level objective."""
    labels, names, values = [], [], []
    for pillar in plan.pillars:
        for objective in pillar.objectives:
            count = sum(1 for n in walk(pillar) if n.parents and n.parents[0] is objective
                        and isinstance(n.item, Activity))
            short, full = objective_names(plan, pillar, objective)
            labels.append(short)
            names.append(full)
            values.append(count)
    labels = _unique(labels)
    title = "Activities per top-level objective"
    return Chart(urls.plan_chart(plan.id, "activities-per-objective"), title,
                 _source(plan, "action plan; each activity counted under its top-level objective"),
                 _figure([_bar(x=values, y=_ts(labels), orientation="h", text=values, customdata=_ts(names),
                                 hovertemplate="%{customdata}: %{x}<extra></extra>")], title,
                         **_bar_layout(True, len(labels), {"title": {"text": "activities"}})),
                 ("objective", "activities"), tuple(zip(names, values, strict=True)),
                 takeaway=_most(names, values, "the most activities", sum(values)))


def _unique(labels: list[str]) -> list[str]:
    """Category labels made unique (Plotly merges equal categories) by numbering repeats."""
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def budget_per_pillar(plan: Plan, records: Records) -> list[Chart]:
    """Printed budget figures summed per pillar, one chart per currency; nothing converted."""
    charts = []
    acts = records.activities[plan.id]
    currencies = sorted({a.currency for r in acts for a in r.amounts})
    for currency in currencies:
        sums = {p.id: Decimal(0) for p in plan.pillars}
        counted = Counter()
        for record in acts:
            mine = [a.value for a in record.amounts if a.currency == currency]
            if mine:
                sums[record.pillar_id] += sum(mine, Decimal(0))
                counted[record.pillar_id] += 1
        labels = [p.title for p in plan.pillars]
        values = [sums[p.id] if counted[p.id] else None for p in plan.pillars]
        title = f"Budget figures per pillar ({currency})"
        caption = _source(plan, f"action plan. Sum of the {currency} figures printed for {sum(counted.values())} "
                          f"of {len(acts)} activities (activities without a printed figure are not counted); "
                          "in the currency printed, never converted; a pillar without any figure is a gap, "
                          "marked \"not printed\", not a zero")
        gaps = sum(v is None for v in values)
        takeaway = _most(labels, values, "the largest sum of printed figures", prefix=f"{currency} ")
        if gaps:
            takeaway += f" {gaps} of {len(labels)} pillars print no {currency} figure."
        charts.append(Chart(
            urls.plan_chart(plan.id, "budget-per-pillar", currency), title, caption,
            _figure([_bar(x=[None if v is None else _num(v) for v in values], y=_ts(labels), orientation="h",
                          hovertemplate="%{y}: %{x:,}<extra></extra>")], title,
                    annotations=_gaps(labels, values, True),
                    **_bar_layout(True, len(labels), {"title": {"text": currency}})),
            ("pillar", "currency", "sum of printed figures", "activities with a figure"),
            tuple((p.title, currency, v, counted[p.id]) for p, v in zip(plan.pillars, values, strict=True)),
            takeaway=takeaway.strip()))
    return charts


def _top_objectives(plan: Plan) -> dict[str, tuple[str, str]]:
    """Top-level objective id → (short label, full name), in reading order."""
    return {urls.objective_id(plan.id, pillar.id, o, item_key(o)): objective_names(plan, pillar, o)
            for pillar in plan.pillars for o in pillar.objectives}


def budget_per_objective(plan: Plan, records: Records) -> list[Chart]:
    """Printed budget figures summed per top-level objective, one chart per currency; nothing converted."""
    charts = []
    acts = records.activities[plan.id]
    objectives = _top_objectives(plan)
    labels = _unique([short for short, _ in objectives.values()])
    names = [full for _, full in objectives.values()]
    for currency in sorted({a.currency for r in acts for a in r.amounts}):
        sums: dict[str, Decimal | None] = dict.fromkeys(objectives)
        for record in acts:
            mine = [a.value for a in record.amounts if a.currency == currency]
            if record.objective_ids and mine:
                sums[record.objective_ids[0]] = (sums[record.objective_ids[0]] or Decimal(0)) + sum(mine, Decimal(0))
        values = list(sums.values())
        title = f"Budget figures per top-level objective ({currency})"
        caption = _source(plan, f"action plan. Sum of the {currency} figures printed for the activities under each "
                          "objective; in the currency printed, never converted; an objective without any figure "
                          "is a gap, marked \"not printed\", not a zero")
        gaps = sum(v is None for v in values)
        takeaway = _most(names, values, "the largest sum of printed figures", prefix=f"{currency} ")
        if gaps:
            takeaway += f" {gaps} of {len(values)} objectives print no {currency} figure."
        charts.append(Chart(
            urls.plan_chart(plan.id, "budget-per-objective", currency), title, caption,
            _figure([_bar(x=[None if v is None else _num(v) for v in values], y=_ts(labels), orientation="h",
                          customdata=_ts(names), hovertemplate="%{customdata}: %{x:,}<extra></extra>")], title,
                    annotations=_gaps(labels, values, True),
                    **_bar_layout(True, len(labels), {"title": {"text": currency}})),
            ("objective", "currency", "sum of printed figures"),
            tuple((name, currency, value) for name, value in zip(names, values, strict=True)),
            takeaway=takeaway.strip()))
    return charts


def budget_per_year(plan: Plan, records: Records) -> list[Chart]:
    """Printed figures that name their budget year, summed per year, one chart per currency."""
    charts = []
    amounts = [a for r in records.activities[plan.id] for a in r.amounts if a.year]
    for currency in sorted({a.currency for a in amounts}):
        sums: dict[int, Decimal] = {}
        for a in amounts:
            if a.currency == currency:
                sums[a.year] = sums.get(a.year, Decimal(0)) + a.value
        years = sorted(sums)
        title = f"Budget figures per year ({currency})"
        caption = _source(plan, f"action plan. Sum of the {currency} figures printed with a budget year "
                          "(figures without a year are not counted); never converted")
        charts.append(Chart(
            urls.plan_chart(plan.id, "budget-per-year", currency), title, caption,
            _figure([_bar(x=[str(y) for y in years], y=[_num(sums[y]) for y in years],
                            hovertemplate="%{x}: %{y:,}<extra></extra>")], title,
                    **{**_bar_layout(False, len(years), {"title": {"text": currency}}), "height": 320}),
            ("year", "currency", "sum of printed figures"), tuple((y, currency, sums[y]) for y in years),
            takeaway=_most([str(y) for y in years], [sums[y] for y in years], "the largest sum of printed figures",
                           prefix=f"{currency} ")))
    return charts


def budget_table_charts(plan: Plan) -> list[Chart]:
    """A plan's own budget tables (e.g. per institution per year), one chart per table and currency."""
    charts = []
    for table in plan.budget_tables:
        for currency in sorted({a.currency for row in table.rows for a in row.amounts}):
            charts.append(_budget_table_chart(plan, table, currency))
    return charts


def _budget_table_chart(plan: Plan, table: BudgetTable, currency: str) -> Chart:
    years = sorted({a.year for row in table.rows for a in row.amounts if a.currency == currency and a.year})
    traces, rows = [], []
    for row in table.rows:
        by_year = {a.year: a.value for a in row.amounts if a.currency == currency}
        if not by_year:
            continue
        traces.append(_bar(name=_t(row.label), x=[str(y) for y in years],
                             y=[_num(by_year[y]) if y in by_year else None for y in years]))
        rows.extend((row.label, y, currency, by_year[y]) for y in years if y in by_year)
    title = f"{table.title} ({currency})"
    where = table.source.section if table.source and table.source.section else "budget table"
    totals: Counter[str] = Counter()
    for label, _, _, value in rows:
        totals[label] += value
    takeaway = _most(list(totals), list(totals.values()), f"the largest amount over {len(years)} years",
                     prefix=f"{currency} ") if len(totals) > 1 else ""
    return Chart(urls.plan_chart(plan.id, table.id, currency), title,
                 _source(plan, f"{where}; figures as printed, per year, in {currency}"),
                 _figure(traces, title, barmode="group",
                         **{**_bar_layout(False, len(years), {"title": {"text": currency}}), "height": 460},
                         **LEGEND_ON_TOP),
                 ("row", "year", "currency", "amount"), tuple(rows), takeaway=takeaway)


def activities_by_deadline(plan: Plan, records: Records) -> Chart:
    """Activities by the last year of their printed deadline or timeframe."""
    acts = records.activities[plan.id]
    counts = Counter(r.end_year for r in acts if r.end_year)
    years = sorted(counts)
    undated = sum(1 for r in acts if not r.end_year)
    above = sum(r.has_deadline_above for r in acts)
    title = "Activities by deadline year"
    caption = _source(plan, f"action plan; the last year of each activity's printed timeframe or deadline "
                      f"({undated} of {len(acts)} activities print none"
                      + (f"; for {above} of them the plan prints one at a higher level, a goal or objective)"
                         if above else ")"))
    return Chart(urls.plan_chart(plan.id, "activities-by-deadline"), title, caption,
                 _figure([_bar(x=[str(y) for y in years], y=[counts[y] for y in years],
                                 hovertemplate="%{x}: %{y}<extra></extra>")], title,
                         **_bar_layout(False, len(years), {"title": {"text": "activities"}})),
                 ("deadline year", "activities"), tuple((y, counts[y]) for y in years) + (("none printed", undated),),
                 takeaway=_deadline_takeaway(counts, len(acts), undated))


def _deadline_takeaway(counts: Counter[int], total: int, undated: int) -> str:
    """'Most deadlines fall in 2014: 40 of 80 activities.' (ties named together)."""
    if not counts:
        return ""
    top = max(counts.values())
    years = [str(y) for y in sorted(counts) if counts[y] == top]
    each = " each" if len(years) > 1 else ""
    sentence = f"Most deadlines fall in {_names(years)}: {_fmt(top)} of {_fmt(total)} activities{each}."
    return sentence + (f" {_fmt(undated)} print none." if undated else "")


def lead_bodies(plan: Plan, records: Records, atlas: Atlas) -> Chart:
    """The bodies that lead the most activities (the first responsible body named), printed for the activity or,
    hatched, for a goal or objective above it."""
    acts = records.activities[plan.id]
    own = Counter(r.lead for r in acts if r.lead)
    above = Counter(r.lead_above for r in acts if r.lead_above)
    top = sorted((own + above).items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_BODIES]
    bodies = atlas.institutions[plan.country.lower()]
    labels = [(bodies[b].acronyms[0] + " – " if bodies[b].acronyms else "") + bodies[b].name for b, _ in top]
    traces = [_bar(name="printed for the activity", x=[own[b] for b, _ in top], y=_ts(labels), orientation="h",
                   hovertemplate="%{y}: %{x}<extra>printed for the activity</extra>")]
    if above:
        traces.append(_bar(name="printed at a higher level (goal, objective)", x=[above[b] for b, _ in top],
                           y=_ts(labels), orientation="h", marker={"pattern": {"shape": "/"}},
                           hovertemplate="%{y}: %{x}<extra>printed at a higher level</extra>"))
    title = f"Bodies leading the most activities (top {len(top)})"
    return Chart(urls.plan_chart(plan.id, "lead-bodies"), title,
                 _source(plan, "action plan; the lead is the first responsible body printed for an activity, or "
                         "(hatched) for the goal or objective above it where the plan prints it there"),
                 _figure(traces, title, barmode="stack",
                         **_bar_layout(True, len(labels), {"title": {"text": "activities led"}}),
                         **(LEGEND_ON_TOP if above else {})),
                 ("body", "activities led (printed for the activity)", "activities led (printed at a higher level)"),
                 tuple((label, own[b], above[b]) for label, (b, _) in zip(labels, top, strict=True)),
                 takeaway=_most(labels, [n for _, n in top], "the most activities as lead body",
                                len(records.activities[plan.id])))


def plan_charts(plan: Plan, records: Records, atlas: Atlas) -> list[Chart]:
    """Every chart of one plan's overview page; charts without data are left out."""
    charts = [activities_per_pillar(plan, records), activities_per_objective(plan, records)]
    charts += budget_per_pillar(plan, records) + budget_per_objective(plan, records)
    charts += budget_per_year(plan, records) + budget_table_charts(plan)
    if any(r.end_year for r in records.activities[plan.id]):
        charts.append(activities_by_deadline(plan, records))
    if any(r.lead or r.lead_above for r in records.activities[plan.id]):
        charts.append(lead_bodies(plan, records, atlas))
    return [c for c in charts if c.rows]


@dataclass(frozen=True)
class Figure:
    """A quantified target or reported figure of a plan, with where it is printed."""

    label: str
    target: Target
    where: str


def plan_figures(plan: Plan) -> list[Figure]:
    """Every quantified figure of a plan: plan-level indicator values, then objective and activity targets."""
    out = [Figure(ind.text, value, f"indicator {ind.ref or ind.id}") for ind in plan.indicators
           for value in ind.values]
    for pillar in plan.pillars:
        for node in walk(pillar):
            ref = node.item.ref or node.key
            out.extend(Figure(t.indicator, t, f"{pillar.title}, {ref}") for t in node.item.targets)
            for task in getattr(node.item, "tasks", []):
                out.extend(Figure(t.indicator, t, f"{pillar.title}, {ref}") for t in task.targets)
    return out


def indicator_charts(plan: Plan, figures: list[Figure] | None = None) -> list[Chart]:
    """The plan's quantified targets and reported figures, one bar chart per unit (figures in different units are
    never drawn on one axis), units in the order they first appear."""
    figures = plan_figures(plan) if figures is None else figures
    units = list(dict.fromkeys(f.target.unit for f in figures))
    return [_indicator_chart(plan, unit, [f for f in figures if f.target.unit == unit], len(units))
            for unit in units]


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in fold_ascii(text).lower()).split()) or "figures"


def fold_ascii(text: str) -> str:
    """ASCII letters only, for file names ("%" → "percent")."""
    text = text.replace("%", " percent ")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _indicator_chart(plan: Plan, unit: str, figures: list[Figure], units: int) -> Chart:
    """The figures of one unit as a horizontal bar chart, one trace per kind (target, observed, baseline)."""
    traces = []
    labels = _unique([_short(f.label) for f in figures])
    for kind in ("target", "observed", "baseline"):
        mine = [(lab, f) for lab, f in zip(labels, figures, strict=True) if f.target.kind == kind]
        if mine:
            traces.append(_bar(
                name=kind, orientation="h", x=[_num(f.target.value) for _, f in mine], y=[_t(lab) for lab, _ in mine],
                customdata=[_t(f.label) for _, f in mine],
                hovertemplate="%{customdata}: %{x:,} " + _t(unit) + "<extra>" + kind + "</extra>"))
    title = f"Targets and reported figures: {unit}" if units > 1 else "Quantified targets and reported figures"
    rows = tuple((f.label, f.target.kind, f.target.value, f.target.unit, f.target.year or f.target.date, f.where)
                 for f in figures)
    top = max(figures, key=lambda f: f.target.value)
    what = f"{_fmt(top.target.value)} ({top.target.kind}: {_short(top.label, 90)})"
    takeaway = (f"{len(figures)} figures are printed in {unit}; the largest is {what}." if len(figures) > 1
                else f"One figure is printed in {unit}: {what}.")
    layout = _bar_layout(True, len(figures), {"title": {"text": _t(unit)}})
    layout["height"] = max(200, 110 + 34 * len(figures))
    return Chart(urls.plan_chart(plan.id, f"indicators-{_slug(unit)}" if units > 1 else "indicators"), title,
                 _source(plan, f"the targets and figures printed in {unit} (see the table for where each is printed); "
                         "the bar labels are ours (by Plan Atlas)"),
                 _figure(traces, title, barmode="group", **layout, **LEGEND_ON_TOP),
                 ("indicator", "kind", "value", "unit", "year or date", "where printed"), rows, takeaway=takeaway)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan_labels(plans: list[Plan]) -> dict[str, str]:
    """Plan id → a short name for chart axes: the short title without its bracketed part ("Albania 2008–2010"),
    where that stays unique among the plans shown; the full short title otherwise."""
    short = {p.id: p.short_title.split(" (")[0].strip() or p.short_title for p in plans}
    counts = Counter(short.values())
    return {p.id: short[p.id] if counts[short[p.id]] == 1 else p.short_title for p in plans}


def periods_timeline(atlas: Atlas, plans: list | None = None) -> Chart:
    """Every plan's period (and action plan period) on one timeline; or the periods of the plans given."""
    plans = list(atlas.plans.values()) if plans is None else plans
    names = plan_labels(plans)
    dated = [p for p in plans if p.period.start and p.period.end]
    traces = []
    for name, group in (("plan period", [p for p in dated if p.period_printed]),
                        ("period not printed: years of the reported activities", [p for p in dated
                                                                                  if not p.period_printed])):
        if group:
            traces.append(_bar(name=name, orientation="h", y=_ts([names[p.id] for p in group]),
                               base=[p.period.start for p in group],
                               x=[p.period.end - p.period.start + 1 for p in group],
                               customdata=_ts([p.period_display for p in group]),
                               hovertemplate="%{y}: %{customdata}<extra></extra>"))
    with_ap = [p for p in dated if p.action_plan_period and p.action_plan_period.start and p.action_plan_period.end]
    if with_ap:
        traces.append(_bar(name="action plan period", orientation="h", y=_ts([names[p.id] for p in with_ap]),
                             base=[p.action_plan_period.start for p in with_ap],
                             x=[p.action_plan_period.end - p.action_plan_period.start + 1 for p in with_ap],
                             customdata=_ts([p.action_plan_period.printed for p in with_ap]),
                             hovertemplate="%{y}: action plan %{customdata}<extra></extra>"))
    title = "Plan periods"
    rows = tuple((p.short_title, p.period.start, p.period.end, p.period_display,
                  p.action_plan_period.printed if p.action_plan_period else None) for p in dated)
    takeaway = ""
    if dated:
        longest = max(p.period.end - p.period.start + 1 for p in dated)
        longest_plans = [p.short_title for p in dated if p.period.end - p.period.start + 1 == longest]
        verb = "runs" if len(longest_plans) == 1 else "run"
        takeaway = (f"The plans cover {min(p.period.start for p in dated)} to {max(p.period.end for p in dated)}; "
                    f"the longest, {_names(longest_plans)}, {verb} {longest} years.")
    layout = _bar_layout(True, len(dated), {"title": {"text": "year"}, "tickformat": "d", "rangemode": "normal"})
    return Chart("plans-periods", title, "Source: the period printed on each plan's title page or in its text; "
                 "where a plan prints none, the years of the activities its document reports (marked as such).",
                 _figure(traces, title, barmode="overlay", **layout, **LEGEND_ON_TOP),
                 ("plan", "first year", "last year", "period as printed", "action plan period as printed"), rows,
                 takeaway=takeaway)


SHARES = (("with a deadline", "with_deadline"), ("with a budget figure", "with_budget"),
          ("with a measurable indicator", "with_indicator"), ("with a named lead body", "with_lead"))
# Shares printed for a goal or objective above the activity, drawn on top of the bar of the same measure.
SHARES_ABOVE = (("deadline printed at a higher level (goal, objective)", "with_deadline_above", "with_deadline"),
                ("lead body printed at a higher level (goal, objective)", "with_lead_above", "with_lead"))


def shares_chart(glances: list) -> Chart:
    """The shares of each plan's activities with a deadline, a budget figure, an indicator and a lead body."""
    shown = [g for g in glances if g.activities]
    names = plan_labels([g.plan for g in shown])

    def pct(g: object, attr: str) -> float:
        return round(100 * getattr(g, attr) / g.activities, 1)

    traces = [_bar(name=label, orientation="h", y=_ts([names[g.plan.id] for g in shown]), offsetgroup=attr,
                   x=[pct(g, attr) for g in shown],
                   hovertemplate="%{y}: %{x}%<extra>" + label + "</extra>") for label, attr in SHARES]
    traces += [_bar(name=label, orientation="h", y=_ts([names[g.plan.id] for g in shown]), offsetgroup=under,
                    base=[pct(g, under) for g in shown], x=[pct(g, attr) for g in shown],
                    marker={"pattern": {"shape": "/"}},
                    hovertemplate="%{y}: %{x}%<extra>" + label + "</extra>")
               for label, attr, under in SHARES_ABOVE if any(getattr(g, attr) for g in shown)]
    measures = SHARES + tuple((label, attr) for label, attr, _ in SHARES_ABOVE if any(getattr(g, attr) for g in shown))
    rows = tuple((g.plan.short_title, label, getattr(g, attr), g.activities, pct(g, attr))
                 for g in shown for label, attr in measures)
    title = "Share of activities with a deadline, a budget figure, an indicator and a lead body"
    budget = [(round(100 * g.with_budget / g.activities), names[g.plan.id]) for g in shown]
    takeaway = ""
    if budget:
        high, low = max(budget), min(budget)
        takeaway = (f"The share of activities with a budget figure ranges from {low[0]}% ({low[1]}) "
                    f"to {high[0]}% ({high[1]}).")
    return Chart("plans-shares", title, "Source: every activity of every plan, as transcribed (see the table above). "
                 "Hatched: printed only for a goal or objective above the activity, not for the activity; the rest "
                 "of each bar up to 100% is not printed.",
                 _figure(traces, title, barmode="group",
                         **{**_bar_layout(True, len(shown), {"title": {"text": "% of activities"}, "range": [0, 100]}),
                            "height": 120 + 4 * 18 * len(shown)}, **LEGEND_ON_TOP),
                 ("plan", "share of activities", "activities", "of", "percent"), rows, takeaway=takeaway)


def themes_heatmap(atlas: Atlas, matrix: dict[str, dict[str, int]], plans: list | None = None) -> Chart:
    """Themes × plans as a heatmap of activity counts (every plan, or the plans given)."""
    plans = list(atlas.plans.values()) if plans is None else plans
    names = plan_labels(plans)
    themes = list(atlas.themes.values())
    z = [[matrix[t.id][p.id] for p in plans] for t in themes]
    title = "Activities per theme and plan"
    return Chart("themes-heatmap", title,
                 "Source: the project's theme tags of every activity (tagging rules on the method page); "
                 "the four Ps count primary themes, the cross-cutting themes every tag.",
                 _figure([_heatmap(z=z, x=_column_labels([names[p.id] for p in plans]), y=_ts([t.name for t in themes]),
                                     customdata=[_ts([p.short_title for p in plans])] * len(themes), colorscale="Blues",
                                     hovertemplate="%{y} · %{customdata}: %{z}<extra></extra>")],
                         title, height=max(360, 100 + 26 * len(themes)), margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         xaxis={"automargin": True, "tickangle": 0},
                         yaxis={"autorange": "reversed", "automargin": True}),
                 ("theme", "plan", "activities"),
                 tuple((t.name, p.short_title, matrix[t.id][p.id]) for t in themes for p in plans), table_at="pillar",
                 takeaway=_heatmap_takeaway(themes, plans, matrix))


def _heatmap_takeaway(themes: list, plans: list, matrix: dict[str, dict[str, int]]) -> str:
    """The cross-cutting theme with the most activities over all plans."""
    cross = [t for t in themes if t.kind == "cross-cutting"]
    totals = [sum(matrix[t.id][p.id] for p in plans) for t in cross]
    if not cross or not max(totals):
        return ""
    top = max(totals)
    names = [t.name for t, n in zip(cross, totals, strict=True) if n == top]
    return (f"Of the cross-cutting themes, {_names(names)} {'has' if len(names) == 1 else 'have'} the most "
            f"activities over all plans: {_fmt(top)}{' each' if len(names) > 1 else ''}.")
