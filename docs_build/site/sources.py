"""Source text pages: each plan's text conversion with numbered lines, in parts, outside navigation and search."""

from __future__ import annotations

from markupsafe import Markup

from ..data import urls
from .context import SiteBuilder
from .page import EXCLUDED, Page, front_matter, src_of


def _by_start(ranges: set[tuple[int, int]]) -> dict[int, list[int]]:
    """First line → the last lines of the ranges that start there, in order."""
    out: dict[int, list[int]] = {}
    for first, last in sorted(ranges):
        out.setdefault(first, []).append(last)
    return out


def site_pages(builder: SiteBuilder) -> list[Page]:
    """Each plan's source text in parts, and the text itself as a file (the same bytes). Built after every page that
    links to it, so that each linked range (#L750-L752) gets an anchor of its own (SiteBuilder.source_href)."""
    out = []
    for plan_id, text in builder.atlas.sources.items():
        plan = builder.atlas.plans[plan_id]
        txt = f"sources/{plan_id}/{plan_id}.txt"
        builder.files[txt] = text.raw
        for number, (first, last) in enumerate(text.parts, 1):
            url = urls.source(plan_id, number)
            body = builder.render("source.md.html", plan=plan, country=builder.atlas.countries[plan.country.lower()],
                                  parts=text.parts, number=number, first=first, last=last, lines=text.lines,
                                  ranges=_by_start(builder.linked_ranges.get(plan_id, set())),
                                  txt=txt, link_file=lambda path: Markup("/" + path))
            title = f"Source text: {plan.short_title}" + (f", lines {first}–{last}" if len(text.parts) > 1 else "")
            out.append(Page(src_of(url), front_matter(title, plan.source.title, EXCLUDED) + body,
                            in_nav=False))
    return out
