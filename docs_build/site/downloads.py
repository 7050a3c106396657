"""The downloads page: every open-data file with its size and checksum; the files go beside the site. The files of
single plans are listed PLANS_PER_PAGE to a page, by region, so that the page does not grow with the atlas."""

from __future__ import annotations

from markupsafe import Markup

from ..data import urls
from ..opendata import citation, tables
from ..opendata.exports import DOWNLOADS, Download, downloads
from . import meta
from .context import SiteBuilder
from .offline import OFFLINE_ZIP
from .page import EXCLUDED, Page, front_matter, src_of
from .paging import page_labels, pager, plan_groups

PLANS_PER_PAGE = 25  # plans whose own file is listed on one page of downloads


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The downloads page; adds the export files to builder.files."""
    release = citation.version()
    files = downloads(builder.records, release)
    if builder.offline_zip:
        files.insert(0, Download(OFFLINE_ZIP, "The whole site to read offline: unzip it and open index.html "
                                              "(what works from disk is said below).", builder.offline_zip))
    for d in files:
        builder.files[DOWNLOADS + d.name] = d.content
    by_plan = {d.name: d for d in files if d.name.startswith("plans/")}
    groups = plan_groups(builder.atlas, PLANS_PER_PAGE)
    pages = pager(page_labels(builder.atlas, groups), urls.downloads)
    plan_files = [[by_plan[f"plans/{p.id}.json"] for p in group if f"plans/{p.id}.json" in by_plan] for group in groups]
    paging = {"pager": pages, "pages": len(pages), "per_page": PLANS_PER_PAGE}
    main = [d for d in files if d.name not in by_plan]
    body = builder.render(
        "downloads.md.html", files=main, plan_files=plan_files[0], specs=tables.SPECS, release=release,
        citation=citation.citation(release), bibtex=citation.bibtex(release), license_url=Markup(citation.LICENSE_URL),
        list_sep=tables.LIST_SEP, offline=bool(builder.offline_zip), offline_zip=OFFLINE_ZIP, number=1, **paging,
    )
    dataset = meta.dataset_jsonld([(DOWNLOADS + d.name, d.name, meta.encoding_of(d.name), len(d.content))
                                   for d in main + plan_files[0]], release, builder.site_url)
    out = [Page("downloads/index.md", front_matter("Downloads", "Open data of Plan Atlas: JSON, CSV, JSON Schema "
                                                   "and a data package, with sizes and checksums",
                                                   extra=meta.page_meta(meta.site_image(), jsonld=dataset)) + body)]
    for number, chunk in enumerate(plan_files[1:], 2):
        title = f"Downloads: one file per plan, page {number} of {len(pages)}"
        body = builder.render("downloads-plans.md.html", plan_files=chunk, number=number, here=urls.downloads(number),
                              **paging)
        out.append(Page(src_of(urls.downloads(number)), front_matter(title, "The open data file of each plan, with "
                                                                            "its size and checksum", EXCLUDED) + body,
                        in_nav=False))
    return out
