"""Charts built at build time with Plotly's Python package: figures as JSON, with their data as a table and CSV."""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from ..data import urls
from ..data.atlas import Atlas
from ..data.models import Activity, BudgetTable, Plan, Target
from ..data.records import Records
from ..data.walk import item_key, walk
from ..opendata.tables import write_csv
from .render import table_cell

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

    @property
    def csv_path(self) -> str:
        """Site path of the chart's data as CSV."""
        return f"charts/{self.id}.csv"

    def figure_json(self) -> str:
        """The figure as compact JSON, its keys sorted (the same data gives the same bytes)."""
        return json.dumps(self.figure, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def figure_attribute(self) -> Markup:
        """The figure JSON as an HTML attribute value. Not a <script> element: Material's instant navigation
        re-creates inline scripts without their type and would run the JSON as JavaScript."""
        return Markup(html.escape(self.figure_json(), quote=True))

    def csv_bytes(self) -> bytes:
        """The table as CSV, written like the downloads (UTF-8 with BOM, CRLF, text cells safe in a spreadsheet)."""
        return write_csv(self.columns, self.rows)


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


def _bar_layout(horizontal: bool, rows: int) -> dict:
    """Layout of a bar chart that leaves room for long labels."""
    if horizontal:
        return {"height": max(260, 40 + 28 * rows), "margin": {"l": 220, "r": 20, "t": 50, "b": 40},
                "yaxis": {"autorange": "reversed", "automargin": True}}
    return {"height": 360, "margin": {"l": 50, "r": 20, "t": 50, "b": 90}, "xaxis": {"automargin": True}}


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
                 _figure([_bar(x=_ts(labels), y=values, text=values, hovertemplate="%{x}: %{y}<extra></extra>")],
                         title, **_bar_layout(False, len(labels))),
                 ("pillar", "activities"), tuple(zip(labels, values, strict=True)))


def activities_per_objective(plan: Plan, records: Records) -> Chart:
    """Number of activities under each top-level objective."""
    labels, values = [], []
    levels = {level.key: level.label for level in plan.levels}
    for pillar in plan.pillars:
        for objective in pillar.objectives:
            count = sum(1 for n in walk(pillar) if n.parents and n.parents[0] is objective
                        and isinstance(n.item, Activity))
            ref = objective.ref or objective.slug or ""
            labels.append(f"{pillar.title} · {levels.get(objective.level, objective.level)} {ref}")
            values.append(count)
    title = "Activities per top-level objective"
    return Chart(urls.plan_chart(plan.id, "activities-per-objective"), title,
                 _source(plan, "action plan; each activity counted under its top-level objective"),
                 _figure([_bar(x=values, y=_ts(labels), orientation="h", text=values,
                                 hovertemplate="%{y}: %{x}<extra></extra>")], title,
                         **_bar_layout(True, len(labels))),
                 ("objective", "activities"), tuple(zip(labels, values, strict=True)))


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
        values = [sums[p.id] for p in plan.pillars]
        title = f"Budget figures per pillar ({currency})"
        caption = _source(plan, f"action plan. Sum of the {currency} figures printed for {sum(counted.values())} "
                          f"of {len(acts)} activities (activities without a printed figure are not counted); "
                          "in the currency printed, never converted")
        charts.append(Chart(
            urls.plan_chart(plan.id, "budget-per-pillar", currency), title, caption,
            _figure([_bar(x=_ts(labels), y=[_num(v) for v in values], hovertemplate="%{x}: %{y:,}<extra></extra>")],
                    title, yaxis={"title": {"text": currency}}, **_bar_layout(False, len(labels))),
            ("pillar", "currency", "sum of printed figures", "activities with a figure"),
            tuple((p.title, currency, sums[p.id], counted[p.id]) for p in plan.pillars)))
    return charts


def _top_objectives(plan: Plan) -> dict[str, str]:
    """Top-level objective id → label 'Pillar · Level ref', in reading order."""
    levels = {level.key: level.label for level in plan.levels}
    return {urls.objective_id(plan.id, pillar.id, o, item_key(o)):
            f"{pillar.title} · {levels.get(o.level, o.level)} {o.ref or o.slug or ''}"
            for pillar in plan.pillars for o in pillar.objectives}


def budget_per_objective(plan: Plan, records: Records) -> list[Chart]:
    """Printed budget figures summed per top-level objective, one chart per currency; nothing converted."""
    charts = []
    acts = records.activities[plan.id]
    labels = _top_objectives(plan)
    for currency in sorted({a.currency for r in acts for a in r.amounts}):
        sums = dict.fromkeys(labels, Decimal(0))
        for record in acts:
            if record.objective_ids:
                sums[record.objective_ids[0]] += sum((a.value for a in record.amounts if a.currency == currency),
                                                     Decimal(0))
        title = f"Budget figures per top-level objective ({currency})"
        caption = _source(plan, f"action plan. Sum of the {currency} figures printed for the activities under each "
                          "objective; in the currency printed, never converted")
        names = list(labels.values())
        charts.append(Chart(
            urls.plan_chart(plan.id, "budget-per-objective", currency), title, caption,
            _figure([_bar(x=[_num(v) for v in sums.values()], y=_ts(names), orientation="h",
                            hovertemplate="%{y}: %{x:,}<extra></extra>")], title,
                    xaxis={"title": {"text": currency}}, **_bar_layout(True, len(names))),
            ("objective", "currency", "sum of printed figures"),
            tuple((name, currency, value) for name, value in zip(names, sums.values(), strict=True))))
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
                    xaxis={"type": "category"}, yaxis={"title": {"text": currency}}, height=320),
            ("year", "currency", "sum of printed figures"), tuple((y, currency, sums[y]) for y in years)))
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
    return Chart(urls.plan_chart(plan.id, table.id, currency), title,
                 _source(plan, f"{where}; figures as printed, per year, in {currency}"),
                 _figure(traces, title, barmode="group", yaxis={"title": {"text": currency}}, height=380,
                         legend={"orientation": "h", "y": -0.2}),
                 ("row", "year", "currency", "amount"), tuple(rows))


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
                         xaxis={"type": "category"}, **{k: v for k, v in _bar_layout(False, len(years)).items()
                                                       if k != "xaxis"}),
                 ("deadline year", "activities"), tuple((y, counts[y]) for y in years) + (("none printed", undated),))


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
                 _figure(traces, title, barmode="stack", **_bar_layout(True, len(labels))),
                 ("body", "activities led (printed for the activity)", "activities led (printed at a higher level)"),
                 tuple((label, own[b], above[b]) for label, (b, _) in zip(labels, top, strict=True)))


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


def indicator_chart(plan: Plan, figures: list[Figure] | None = None) -> Chart | None:
    """The plan's quantified targets and reported figures as one bar chart, labelled with their units."""
    figures = plan_figures(plan) if figures is None else figures
    if not figures:
        return None
    traces = []
    for kind in ("target", "observed", "baseline"):
        mine = [f for f in figures if f.target.kind == kind]
        if mine:
            traces.append(_bar(
                name=kind, orientation="h", x=[_num(f.target.value) for f in mine],
                y=[_t(_short(f.label)) for f in mine],
                text=[_t(f"{table_cell(f.target.value)} {f.target.unit}") for f in mine],
                hovertemplate="%{y}: %{text}<extra>" + kind + "</extra>"))
    title = "Quantified targets and reported figures"
    rows = tuple((f.label, f.target.kind, f.target.value, f.target.unit, f.target.year or f.target.date, f.where)
                 for f in figures)
    return Chart(urls.plan_chart(plan.id, "indicators"), title,
                 _source(plan, "the targets and figures as printed (see the table for where each is printed); "
                         "each bar has its own unit; the bar labels are ours (by Plan Atlas)"),
                 _figure(traces, title, barmode="group", **_bar_layout(True, len(figures))),
                 ("indicator", "kind", "value", "unit", "year or date", "where printed"), rows)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def periods_timeline(atlas: Atlas) -> Chart:
    """Every plan's period (and action plan period) on one timeline."""
    plans = list(atlas.plans.values())
    dated = [p for p in plans if p.period.start and p.period.end]
    traces = []
    for name, group in (("plan period", [p for p in dated if p.period_printed]),
                        ("period not printed: years of the reported activities", [p for p in dated
                                                                                  if not p.period_printed])):
        if group:
            traces.append(_bar(name=name, orientation="h", y=_ts([p.short_title for p in group]),
                               base=[p.period.start for p in group],
                               x=[p.period.end - p.period.start + 1 for p in group],
                               customdata=_ts([p.period_display for p in group]),
                               hovertemplate="%{y}: %{customdata}<extra></extra>"))
    with_ap = [p for p in dated if p.action_plan_period and p.action_plan_period.start and p.action_plan_period.end]
    if with_ap:
        traces.append(_bar(name="action plan period", orientation="h", y=_ts([p.short_title for p in with_ap]),
                             base=[p.action_plan_period.start for p in with_ap],
                             x=[p.action_plan_period.end - p.action_plan_period.start + 1 for p in with_ap],
                             customdata=_ts([p.action_plan_period.printed for p in with_ap]),
                             hovertemplate="%{y}: action plan %{customdata}<extra></extra>"))
    title = "Plan periods"
    rows = tuple((p.short_title, p.period.start, p.period.end, p.period_display,
                  p.action_plan_period.printed if p.action_plan_period else None) for p in dated)
    return Chart("plans-periods", title, "Source: the period printed on each plan's title page or in its text; "
                 "where a plan prints none, the years of the activities its document reports (marked as such).",
                 _figure(traces, title, barmode="overlay", xaxis={"title": {"text": "year"}, "dtick": 1},
                         **{k: v for k, v in _bar_layout(True, len(dated)).items() if k != "margin"},
                         margin={"l": 180, "r": 20, "t": 50, "b": 40}),
                 ("plan", "first year", "last year", "period as printed", "action plan period as printed"), rows)


SHARES = (("with a deadline", "with_deadline"), ("with a budget figure", "with_budget"),
          ("with a measurable indicator", "with_indicator"), ("with a named lead body", "with_lead"))
# Shares printed for a goal or objective above the activity, drawn on top of the bar of the same measure.
SHARES_ABOVE = (("deadline printed at a higher level (goal, objective)", "with_deadline_above", "with_deadline"),
                ("lead body printed at a higher level (goal, objective)", "with_lead_above", "with_lead"))


def shares_chart(glances: list) -> Chart:
    """The shares of each plan's activities with a deadline, a budget figure, an indicator and a lead body."""
    shown = [g for g in glances if g.activities]
    def pct(g: object, attr: str) -> float:
        return round(100 * getattr(g, attr) / g.activities, 1)

    traces = [_bar(name=label, x=_ts([g.plan.short_title for g in shown]), offsetgroup=attr,
                   y=[pct(g, attr) for g in shown],
                   hovertemplate="%{x}: %{y}%<extra>" + label + "</extra>") for label, attr in SHARES]
    traces += [_bar(name=label, x=_ts([g.plan.short_title for g in shown]), offsetgroup=under,
                    base=[pct(g, under) for g in shown], y=[pct(g, attr) for g in shown],
                    marker={"pattern": {"shape": "/"}},
                    hovertemplate="%{x}: %{y}%<extra>" + label + "</extra>")
               for label, attr, under in SHARES_ABOVE if any(getattr(g, attr) for g in shown)]
    measures = SHARES + tuple((label, attr) for label, attr, _ in SHARES_ABOVE if any(getattr(g, attr) for g in shown))
    rows = tuple((g.plan.short_title, label, getattr(g, attr), g.activities, pct(g, attr))
                 for g in shown for label, attr in measures)
    title = "Share of activities with a deadline, a budget figure, an indicator and a lead body"
    return Chart("plans-shares", title, "Source: every activity of every plan, as transcribed (see the table above). "
                 "Hatched: printed only for a goal or objective above the activity, not for the activity; the rest "
                 "of each bar up to 100% is not printed.",
                 _figure(traces, title, barmode="group", yaxis={"title": {"text": "% of activities"},
                                                                "range": [0, 100]},
                         height=380, legend={"orientation": "h", "y": -0.25}),
                 ("plan", "share of activities", "activities", "of", "percent"), rows)


def themes_heatmap(atlas: Atlas, matrix: dict[str, dict[str, int]]) -> Chart:
    """Themes × plans as a heatmap of activity counts."""
    plans = list(atlas.plans.values())
    themes = list(atlas.themes.values())
    z = [[matrix[t.id][p.id] for p in plans] for t in themes]
    title = "Activities per theme and plan"
    return Chart("themes-heatmap", title,
                 "Source: the project's theme tags of every activity (tagging rules on the method page); "
                 "the four Ps count primary themes, the cross-cutting themes every tag.",
                 _figure([_heatmap(z=z, x=_ts([p.short_title for p in plans]), y=_ts([t.name for t in themes]),
                                     colorscale="Blues", hovertemplate="%{y} · %{x}: %{z}<extra></extra>")],
                         title, height=max(360, 60 + 26 * len(themes)), margin={"l": 180, "r": 20, "t": 50, "b": 80},
                         yaxis={"autorange": "reversed"}),
                 ("theme", "plan", "activities"),
                 tuple((t.name, p.short_title, matrix[t.id][p.id]) for t in themes for p in plans), table_at="pillar")
