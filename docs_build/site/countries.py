"""Index pages of countries and plans, and one page per country."""

from __future__ import annotations

from ..data import urls
from ..data.atlas import Atlas
from ..data.models import Country
from ..data.regions import ordered, region_name
from . import meta
from .compare import law_citations
from .context import SiteBuilder
from .page import EXCLUDED, Page, Search, front_matter, src_of
from .paging import page_labels, pager, plan_groups, regions_of
from .render import prose

PLANS_PER_PAGE = 100  # plans listed on one page of the plans index


def by_region(atlas: Atlas) -> list[tuple[str, list[tuple[str, Country]]]]:
    """Countries grouped by M49 sub-region, regions in M49's order and countries by name within each."""
    groups: dict[str, list[tuple[str, Country]]] = {}
    for code, country in atlas.countries.items():
        groups.setdefault(country.region, []).append((code, country))
    return [(r, sorted(groups[r], key=lambda item: item[1].name)) for r in ordered(set(groups))]


def plans_index(builder: SiteBuilder) -> list[Page]:
    """The plans index: PLANS_PER_PAGE plans to a page, by region, each region under its heading."""
    atlas = builder.atlas
    groups = plan_groups(atlas, PLANS_PER_PAGE)
    pages = pager(page_labels(atlas, groups), urls.plans)
    counts = {p: len(a) for p, a in builder.records.activities.items()}
    out = []
    for number, group in enumerate(groups, 1):
        body = builder.render("plans.md.html", regions=regions_of(atlas, group), region_name=region_name, counts=counts,
                              here=urls.plans(number), pager=pages, pages=len(pages), number=number,
                              per_page=PLANS_PER_PAGE, total=len(atlas.plans))
        if number == 1:
            out.append(Page("plans/index.md", front_matter("Plans", "All national plans on Plan Atlas, by region")
                            + body))
        else:
            meta_ = front_matter(f"Plans, page {number} of {len(pages)}", "National plans on Plan Atlas, by region",
                                 EXCLUDED)
            out.append(Page(src_of(urls.plans(number)), meta_ + body, in_nav=False))
    return out


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The countries and plans indexes and every country's page."""
    atlas = builder.atlas
    out = [
        Page("countries/index.md", front_matter("Countries", "Countries with plans on Plan Atlas, by region")
             + builder.render("countries.md.html", regions=by_region(atlas), region_name=region_name)),
        *plans_index(builder),
    ]
    for code, country in atlas.countries.items():
        summary = prose(country.summary, builder.acronyms(code)) if country.summary else None
        body = builder.render("country.md.html", country=country, code=code, plans=atlas.plans_of(code),
                              citations=law_citations(atlas, code),
                              summary=summary)
        out.append(Page(src_of(urls.country(code)), front_matter(country.name, f"Plans of {country.name}",
                                     Search(filters={"country": [country.name]}),
                                     extra=meta.page_meta(meta.country_image(code)))
                        + builder.with_abbreviations(code, body)))
    return out
