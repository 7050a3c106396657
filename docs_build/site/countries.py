"""Index pages of countries and plans, and one page per country."""

from __future__ import annotations

from ..data import urls
from .compare import law_citations
from .context import SiteBuilder
from .page import Page, front_matter, src_of
from .render import prose


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The countries and plans indexes and every country's page."""
    atlas = builder.atlas
    out = [
        Page("countries/index.md", front_matter("Countries", "Countries with plans on Plan Atlas")
             + builder.render("countries.md.html")),
        Page("plans/index.md", front_matter("Plans", "All national plans on Plan Atlas")
             + builder.render("plans.md.html", counts={p: len(a) for p, a in builder.records.activities.items()})),
    ]
    for code, country in atlas.countries.items():
        summary = prose(country.summary, builder.acronyms(code)) if country.summary else None
        body = builder.render("country.md.html", country=country, code=code, plans=atlas.plans_of(code),
                              citations=law_citations(atlas, code),
                              summary=summary)
        out.append(Page(src_of(urls.country(code)), front_matter(country.name, f"Plans of {country.name}")
                        + builder.with_abbreviations(code, body)))
    return out
