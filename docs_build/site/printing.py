"""The print version of a plan: one page with every pillar, objective and activity as compact tables."""

from __future__ import annotations

from typing import Any

from ..data import urls
from ..data.models import Country, Plan
from . import meta
from .context import SiteBuilder
from .page import EXCLUDED, Page, front_matter, src_of
from .render import prose

# Above this many activities the print version lists objectives with their number of activities only (150 kB cap).
MAX_PRINT_ROWS = 400


def print_url(plan_id: str) -> str:
    """`plans/xk-2011-2014/print/`: the plan to print or save as PDF."""
    return urls.plan(plan_id) + "print/"


def print_page(builder: SiteBuilder, plan: Plan, country: Country, pillars: list[dict[str, Any]],
               figures: dict[str, object], status_known: bool) -> Page:
    """The print page of a plan, outside the navigation and the search index."""
    here = print_url(plan.id)
    body = builder.render("print.md.html", plan=plan, country=country, pillars=pillars, figures=figures,
                          status_known=status_known, here=here, summary=prose(plan.summary),
                          with_rows=figures["activities"] <= MAX_PRINT_ROWS,  # type: ignore[operator]
                          address=meta.absolute(builder.site_url, urls.plan(plan.id)))
    extra = meta.page_meta(meta.plan_image(plan.id), "article")
    extra["hide"] = ["navigation", "toc"]
    return Page(src_of(here), front_matter(f"{plan.short_title}, every activity (print version)",
                                           f"{plan.title}: every pillar, objective and activity, to print",
                                           search=EXCLUDED, extra=extra) + body, in_nav=False)
