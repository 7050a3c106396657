"""The downloads page: every open-data file with its size and checksum; the files go beside the site."""

from __future__ import annotations

from markupsafe import Markup

from ..opendata import citation, tables
from ..opendata.exports import DOWNLOADS, Download, downloads
from . import meta
from .context import SiteBuilder
from .offline import OFFLINE_ZIP
from .page import Page, front_matter


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The downloads page; adds the export files to builder.files."""
    release = citation.version()
    files = downloads(builder.records, release)
    if builder.offline_zip:
        files.insert(0, Download(OFFLINE_ZIP, "The whole site to read offline: unzip it and open index.html "
                                              "(what works from disk is said below).", builder.offline_zip))
    for d in files:
        builder.files[DOWNLOADS + d.name] = d.content
    body = builder.render(
        "downloads.md.html", files=[d for d in files if not d.name.startswith("plans/")],
        plan_files=[d for d in files if d.name.startswith("plans/")], specs=tables.SPECS, release=release,
        citation=citation.citation(release), bibtex=citation.bibtex(release), license_url=Markup(citation.LICENSE_URL),
        list_sep=tables.LIST_SEP, offline=bool(builder.offline_zip), offline_zip=OFFLINE_ZIP,
    )
    dataset = meta.dataset_jsonld([(DOWNLOADS + d.name, d.name, meta.encoding_of(d.name), len(d.content))
                                   for d in files], release, builder.site_url)
    return [Page("downloads/index.md", front_matter("Downloads", "Open data of Plan Atlas: JSON, CSV, JSON Schema "
                                                    "and a data package, with sizes and checksums",
                                                    extra=meta.page_meta(meta.site_image(), jsonld=dataset)) + body)]
