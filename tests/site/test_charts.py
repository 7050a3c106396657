"""Charts: figures equal the data they come from, use only trace types of the self-hosted bundle, and each
comes with a caption, a data table and a CSV download; pages without charts do not load plotly.js."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from decimal import Decimal
from html import unescape
from pathlib import Path

import plotly.graph_objects as go
import pytest

from docs_build.data.atlas import Atlas, build_atlas
from docs_build.data.models import Activity
from docs_build.data.records import Records
from docs_build.data.walk import walk
from docs_build.site import charts
from docs_build.site.compare import glance, theme_matrix
from tests.conftest import FIXTURES, ROOT

BUNDLE = ROOT / "overrides" / "assets" / "vendor" / "plotly" / "plotly-atlas.min.js"
SHAPES = FIXTURES / "shapes" / "data"


@pytest.fixture(scope="module", params=[ROOT / "data", SHAPES], ids=["shipped", "shapes"])
def atlas(request: pytest.FixtureRequest) -> Atlas:
    return build_atlas(request.param)


def _all_charts(atlas: Atlas) -> list[charts.Chart]:
    records = Records(atlas)
    out = [c for p in atlas.plans.values() for c in charts.plan_charts(p, records, atlas)]
    out += [c for p in atlas.plans.values() for c in charts.indicator_charts(p)]
    return out + [charts.periods_timeline(atlas), charts.themes_heatmap(atlas, theme_matrix(records)),
                  charts.shares_chart([glance(p, records) for p in atlas.plans.values()])]


def test_every_figure_is_valid_plotly(atlas: Atlas) -> None:
    """The figures are written as JSON directly; Plotly's own classes check every property name and value."""
    for chart in _all_charts(atlas):
        checked = go.Figure(chart.figure).to_plotly_json()  # raises on an unknown property or a bad value
        assert [t["type"] for t in checked["data"]] == [t["type"] for t in chart.figure["data"]]
        assert checked["layout"]["title"] == chart.figure["layout"]["title"]
        json.dumps(chart.figure, allow_nan=False)  # plain JSON: no NaN, no Decimal


def test_an_invalid_figure_property_is_caught() -> None:
    """The check above is real: Plotly refuses what plotly.js would silently ignore."""
    with pytest.raises(ValueError, match="height"):
        go.Figure({"data": [], "layout": {"height": 3}})
    with pytest.raises(ValueError, match="colour"):
        go.Figure({"data": [{"type": "bar", "colour": "red"}]})


def _activities(plan) -> list[tuple[str, Activity]]:
    return [(pl.id, n.item) for pl in plan.pillars for n in walk(pl) if isinstance(n.item, Activity)]


def test_bundle_is_small_and_registers_every_trace_type_the_figures_use(atlas: Atlas) -> None:
    assert BUNDLE.stat().st_size <= 1_500_000
    registered = set(re.findall(r'moduleType:"trace",name:"(\w+)"', BUNDLE.read_text(encoding="utf-8")))
    used = {trace["type"] for chart in _all_charts(atlas) for trace in chart.figure["data"]}
    assert used and used <= registered, used - registered


def test_activities_per_pillar_and_deadline_equal_the_data(atlas: Atlas) -> None:
    records = Records(atlas)
    for plan in atlas.plans.values():
        acts = _activities(plan)
        chart = charts.activities_per_pillar(plan, records)
        counts = Counter(pillar for pillar, _ in acts)
        assert chart.figure["data"][0]["x"] == [counts[p.id] for p in plan.pillars]
        assert sum(chart.figure["data"][0]["x"]) == len(acts)
        ends = Counter()
        for _, act in acts:
            frames = [f for f in [act.timeframe] + [t.timeframe for t in act.tasks] if f and f.end]
            if frames:
                ends[str(max(f.end for f in frames))] += 1
        deadline = charts.activities_by_deadline(plan, records)
        assert dict(zip(deadline.figure["data"][0]["x"], deadline.figure["data"][0]["y"], strict=True)) == ends


def test_budget_charts_sum_printed_figures_per_currency_without_mixing(atlas: Atlas) -> None:
    records = Records(atlas)
    for plan in atlas.plans.values():
        for chart in charts.budget_per_pillar(plan, records):
            currency = chart.id.rsplit("-", 1)[1].upper()
            expected: dict[str, Decimal | None] = {p.id: None for p in plan.pillars}  # None: no figure printed
            for pillar, act in _activities(plan):
                for budget in [act.budget] + [t.budget for t in act.tasks]:
                    for a in budget.amounts if budget else []:
                        if a.currency == currency:
                            expected[pillar] = (expected[pillar] or Decimal(0)) + a.value
            drawn = [None if v is None else Decimal(str(v)) for v in chart.figure["data"][0]["x"]]
            assert drawn == [expected[p.id] for p in plan.pillars]
        for chart in charts.budget_per_year(plan, records):
            currency = chart.id.rsplit("-", 1)[1].upper()
            by_year = Counter()
            for _, act in _activities(plan):
                for budget in [act.budget] + [t.budget for t in act.tasks]:
                    for a in budget.amounts if budget else []:
                        if a.currency == currency and a.year:
                            by_year[str(a.year)] += a.value
            drawn = dict(zip(chart.figure["data"][0]["x"], chart.figure["data"][0]["y"], strict=True))
            assert {k: Decimal(str(v)) for k, v in drawn.items()} == dict(by_year)
        for chart in charts.budget_per_objective(plan, records):
            currency = chart.id.rsplit("-", 1)[1].upper()
            total = sum((a.value for _, act in _activities(plan) for b in [act.budget] + [t.budget for t in act.tasks]
                         if b for a in b.amounts if a.currency == currency), Decimal(0))
            assert sum(Decimal(str(x)) for x in chart.figure["data"][0]["x"] if x is not None) == total
        for table in plan.budget_tables:
            for chart in charts.budget_table_charts(plan):
                if chart.id.startswith(f"{plan.id}-{table.id}-"):
                    currency = chart.id.rsplit("-", 1)[1].upper()
                    printed = {(r.label, a.year): a.value for r in table.rows for a in r.amounts
                               if a.currency == currency}
                    drawn = {(unescape(t["name"]), int(x)): Decimal(str(y)) for t in chart.figure["data"]
                             for x, y in zip(t["x"], t["y"], strict=True) if y is not None}
                    assert drawn == printed


def test_lead_bodies_and_indicator_figures_equal_the_data(atlas: Atlas) -> None:
    records = Records(atlas)
    for plan in atlas.plans.values():
        leads = Counter()
        for _, act in _activities(plan):
            ids = [i for g in [act.responsible] + [t.responsible for t in act.tasks] if g for i in g.ids]
            if ids:
                leads[ids[0]] += 1
        if leads:
            chart = charts.lead_bodies(plan, records, atlas)
            assert chart.figure["data"][0]["x"] == sorted(leads.values(), reverse=True)[: charts.TOP_BODIES]
        plan_charts = charts.indicator_charts(plan)
        values = [v.value for ind in plan.indicators for v in ind.values]
        values += [t.value for pl in plan.pillars for n in walk(pl) for t in n.item.targets]
        values += [t.value for _, a in _activities(plan) for task in a.tasks for t in task.targets]
        drawn = [Decimal(str(x)) for chart in plan_charts for trace in chart.figure["data"] for x in trace["x"]]
        assert sorted(drawn) == sorted(values)


def test_periods_and_heatmap_equal_the_data(atlas: Atlas) -> None:
    timeline = charts.periods_timeline(atlas)
    plans = list(atlas.plans.values())
    bars = [t for t in timeline.figure["data"] if t["name"] != "action plan period"]
    assert sorted((b, b + x - 1) for t in bars for b, x in zip(t["base"], t["x"], strict=True)) == sorted(
        (p.period.start, p.period.end) for p in plans)
    inferred = [t for t in bars if t["name"].startswith("period not printed")]
    assert sum(len(t["base"]) for t in inferred) == sum(not p.period_printed for p in plans)
    heat = charts.themes_heatmap(atlas, theme_matrix(Records(atlas)))
    expected = Counter()
    for plan in plans:
        for _, act in _activities(plan):
            if act.themes:
                expected[(act.themes.primary, plan.id)] += 1
                expected.update((t, plan.id) for t in act.themes.secondary
                                if atlas.themes[t].kind == "cross-cutting")
    assert heat.figure["data"][0]["z"] == [[expected[(t, p.id)] for p in plans] for t in atlas.themes]


def test_chart_json_is_a_safe_attribute_and_labels_are_plotly_text() -> None:
    name = "\"'></div><b>&"
    chart = charts.Chart("x", "t", "c", {"data": [{"type": "bar", "name": name}]}, ("a",), ())
    attribute = str(chart.figure_attribute())
    assert not set("<>'") & set(attribute)  # the template quotes it with '
    assert json.loads(unescape(attribute))["data"][0]["name"] == name
    label = charts.periods_timeline(build_atlas(SHAPES)).figure["data"][0]["y"][0]
    assert "<" not in charts._t("<b onmouseover=x>") and label


def test_built_charts_have_caption_table_and_csv_and_only_chart_pages_load_plotly(built_site: Path) -> None:
    figure = re.compile(r'<figure class="atlas-chart" id="chart-([\w-]+)"[^>]*>(.*?)</figure>', re.S)
    chart_pages = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "plotly-atlas" not in html, "plotly.js is loaded by atlas.js on chart pages only, never linked"
        for chart_id, body in figure.findall(html):
            chart_pages += 1
            assert "<figcaption><strong>" in body and "Source:" in unescape(body)
            data = json.loads(unescape(re.search(r"data-figure='([^']*)'", body).group(1)))
            assert data["layout"]["title"]["text"]
            href = re.search(r'<a href="([^"]+\.csv)" download>', body).group(1)
            csv_file = (page.parent / href).resolve()
            rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
            after = html.split(f'id="chart-{chart_id}"', 1)[1]
            note = m.start() if (m := re.search(r'<p class="atlas-chart-data"[^>]*>', after)) else -1
            div = m.start() if (m := re.search(r'<div class="atlas-chart-data"[^>]*>', after)) else -1
            if note != -1 and (div == -1 or note < div):
                anchor = re.search(r'<p class="atlas-chart-data"[^>]*>The same numbers are in the <a href="#([\w-]+)"',
                                   after)
                assert f'id="{anchor.group(1)}"' in html, chart_id  # the matrix above holds the numbers
                continue
            table = after[div:]
            table = table[: table.index("</table>")]
            assert table.count("<tr>") == len(rows), chart_id
    assert chart_pages >= 5
    assert (built_site / "assets/vendor/plotly/plotly-atlas.min.js").stat().st_size == BUNDLE.stat().st_size


def test_each_indicator_chart_has_one_unit() -> None:
    """Field teams, countries, millions of people and percentages are never measured on one axis."""
    plan = build_atlas(ROOT / "data").plans["al-2018-2019-economic-exploitation"]
    figures = charts.plan_figures(plan)
    plan_charts = charts.indicator_charts(plan)
    units = {f.target.unit for f in figures}
    assert len(units) > 1 and len(plan_charts) == len(units)
    for chart in plan_charts:
        (unit,) = {row[3] for row in chart.rows}
        assert unit in chart.title and chart.figure["layout"]["xaxis"]["title"]["text"] == charts._t(unit)
    assert len({c.id for c in plan_charts}) == len(plan_charts)


def test_a_pillar_without_a_printed_figure_is_a_gap_labelled_not_printed() -> None:
    """Kosovo's children pillar prints no budget figure: no bar, a "not printed" label, never 0."""
    atlas = build_atlas(ROOT / "data")
    plan = atlas.plans["xk-2011-2014"]
    (chart,) = charts.budget_per_pillar(plan, Records(atlas))
    titles = [p.title for p in plan.pillars]
    children = titles.index("Protection of Children")
    assert chart.figure["data"][0]["x"][children] is None
    notes = chart.figure["layout"]["annotations"]
    assert [(a["y"], a["text"]) for a in notes] == [("Protection of Children", "not printed")]
    assert chart.display_rows()[children][2] == "not printed"
    assert "1 of 4 pillars print no EUR figure" in chart.takeaway


def test_objectives_are_named_not_numbered_in_charts() -> None:
    """Axis labels carry the objective's title ("1.1 Raise public awareness…"), not only "Strategic goal 1"."""
    atlas = build_atlas(ROOT / "data")
    records = Records(atlas)
    for plan in atlas.plans.values():
        chart = charts.activities_per_objective(plan, records)
        titled = [o for p in plan.pillars for o in p.objectives]
        for label, objective in zip(chart.figure["data"][0]["y"], titled, strict=True):
            if objective.title:
                assert unescape(label).split(" ", 1)[1][:10] == objective.title[:10], label


def test_tables_print_thousands_separators_but_years_plain() -> None:
    atlas = build_atlas(ROOT / "data")
    chart = charts._budget_table_chart(atlas.plans["rs-2017-2022"], atlas.plans["rs-2017-2022"].budget_tables[0],
                                       "RSD")
    shown = chart.display_rows()
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", row[3]) for row in shown), shown[:3]
    assert all(re.fullmatch(r"\d{4}", row[1]) for row in shown)
    assert "%{y:,}" in json.dumps(charts.budget_per_year(atlas.plans["rs-2017-2022"], Records(atlas))[0].figure)


def test_takeaways_are_computed_from_the_numbers(atlas: Atlas) -> None:
    records = Records(atlas)
    for plan in atlas.plans.values():
        chart = charts.activities_per_pillar(plan, records)
        top = max(chart.figure["data"][0]["x"])
        if top:
            leaders = [p.title for p, n in zip(plan.pillars, chart.figure["data"][0]["x"], strict=True) if n == top]
            assert chart.takeaway.startswith(leaders[0]) and f": {top} of {sum(chart.figure['data'][0]['x'])}" \
                in chart.takeaway, chart.takeaway
    for plan in atlas.plans.values():
        for chart in charts.budget_table_charts(plan):
            if chart.takeaway:  # "<row> has the largest amount over N years: RSD x." is that row's sum
                label, amount = re.fullmatch(r"(.+) has the largest amount over \d+ years: \w+ ([\d,.]+)\.",
                                             chart.takeaway).groups()
                totals = Counter()
                for row, _, _, value in chart.rows:
                    totals[row] += value
                assert totals[label] == max(totals.values()) == Decimal(amount.replace(",", "")), chart.takeaway
    assert all(c.takeaway for c in _all_charts(atlas) if c.rows and any(
        isinstance(v, (int, Decimal)) and v for row in c.rows for v in row[1:]))
