"""Indicator pages: every indicator of every plan, with a chart where the plan prints numbers."""

from __future__ import annotations

from ..data import urls
from . import charts
from .context import SiteBuilder
from .page import EXCLUDED, Page, front_matter, src_of


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The indicators overview and one indicators page per plan."""
    atlas, records = builder.atlas, builder.records
    rows = []
    out = []
    for plan in atlas.plans.values():
        figures = charts.plan_figures(plan)
        plan_charts = charts.indicator_charts(plan, figures)
        rows.append({"plan": plan, "figures": len(figures),
                     "activity_indicators": sum(r.indicators for r in records.activities[plan.id])})
        body = builder.render("indicators-plan.md.html", plan=plan, figures=figures, here=urls.indicators(plan.id),
                              charts=builder.with_csv(plan_charts),
                              activities=records.activities[plan.id])
        out.append(Page(src_of(urls.indicators(plan.id)),
                        front_matter(f"Indicators – {plan.short_title}", f"Every indicator of {plan.title}", EXCLUDED)
                        + builder.with_abbreviations(plan.country.lower(), body), in_nav=False))
    index = builder.render("indicators.md.html", rows=rows)
    return [Page(src_of(urls.indicators()), front_matter("Indicators", "Every indicator of every plan") + index),
            *out]
