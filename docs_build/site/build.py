"""Composition: turn a project folder into every generated page, static file and the navigation, in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data import urls
from ..data.atlas import Atlas, build_atlas, data_dir
from . import (
    compare,
    countries,
    downloads,
    explorer,
    indicators,
    meta,
    plans,
    preview,
    redirects,
    side_by_side,
    sources,
)
from .context import SiteBuilder
from .page import Page, src_of
from .render import title_text
from .store import StoredPage, remove_others, store_pages, write_if_changed


@dataclass(frozen=True)
class Site:
    """The generated part of the site: the Atlas, its pages, static files (path → bytes) and the navigation."""

    atlas: Atlas
    pages: list[Page]
    files: dict[str, bytes]
    nav: list[Any]


@dataclass(frozen=True)
class StoredSite:
    """The generated part of the site written to a build folder: page and file paths there, and the navigation."""

    folder: Path
    pages: list[StoredPage]
    files: list[str]
    nav: list[Any]


def _builder(root: Path, data: Path | None, site_url: str, offline_zip: bytes | None) -> SiteBuilder:
    """Load and validate the data (DataError before any output), ready to render pages."""
    builder = SiteBuilder(build_atlas(data or data_dir(root)), root / "overrides" / "atlas", site_url)
    builder.offline_zip = offline_zip
    return builder


def prepare(root: Path, data: Path | None = None, site_url: str = "", offline_zip: bytes | None = None) -> Site:
    """Load and validate data, then render every page and file in memory; raises DataError before any output.

    `offline_zip` is the offline copy of the site (`make offline`), published on the downloads page when given."""
    builder = _builder(root, data, site_url, offline_zip)
    return Site(builder.atlas, pages(builder), builder.files, nav(builder.atlas))


def prepare_into(folder: Path, root: Path, data: Path | None = None, site_url: str = "",
                 offline_zip: bytes | None = None) -> StoredSite:
    """As prepare, but each page is written to `folder` as it is generated and only its path is kept; files whose
    content did not change keep their modification time, and what earlier builds left there is removed."""
    builder = _builder(root, data, site_url, offline_zip)
    stored = store_pages(generate(builder), folder)
    for path, content in builder.files.items():
        write_if_changed(folder, path, content)
    remove_others(folder, [page.src for page in stored] + list(builder.files))
    return StoredSite(folder, stored, list(builder.files), nav(builder.atlas))


def pages(builder: SiteBuilder) -> list[Page]:
    """All generated pages, in memory."""
    return list(generate(builder))


def generate(builder: SiteBuilder) -> Iterator[Page]:
    """All generated pages, one at a time: indexes, countries, plans, pillars, activities, comparisons, indicators,
    explorer, sources, downloads; static files go to builder.files on the way."""
    yield from countries.site_pages(builder)
    for plan in builder.atlas.plans.values():
        yield from plans.plan_pages(builder, plan)
    yield from compare.site_pages(builder)
    yield from side_by_side.site_pages(builder)
    yield from indicators.site_pages(builder)
    yield from explorer.site_pages(builder)
    yield from sources.site_pages(builder)  # after every page that links to a source line
    redirects.add_redirect_pages(builder)
    yield from downloads.site_pages(builder)
    builder.files.update(preview.previews(builder.atlas, builder.records))
    builder.files["robots.txt"] = meta.robots_txt(builder.site_url)


def nav(atlas: Atlas) -> list[Any]:
    """Small navigation: home, countries → plans → pillars, about pages; activities stay out.

    Every country is in the tree (MkDocs needs it for breadcrumbs and prev/next), but overrides/partials/nav-item.html
    renders only the reader's own country, so no page carries a list of every country.
    """
    countries_nav: list[Any] = [{"Overview": "countries/index.md"}]
    for code, country in atlas.countries.items():
        entries: list[Any] = [src_of(urls.country(code))]
        for plan in atlas.plans_of(code):
            entries.append({title_text(plan.short_title): [src_of(urls.plan(plan.id))] + [
                {title_text(p.title): src_of(urls.pillar(plan.id, p.id))} for p in plan.pillars]})
        countries_nav.append({title_text(country.name): entries})
    return [
        {"Home": "index.md"},
        {"Countries": countries_nav},
        {"Plans": "plans/index.md"},
        {"Compare": [{"Plans at a glance": src_of(urls.compare())}, {"Themes": src_of(urls.compare_themes())},
                     {"Legal references": src_of(urls.compare_legal())},
                     {"Institutions": src_of(urls.compare_institutions())}]},
        {"Explore activities": src_of(urls.explore())},
        {"Indicators": src_of(urls.indicators())},
        {"Downloads": "downloads/index.md"},
        {"About": [{"Method and sources": "about.md"}, {"Add a plan": "add-a-plan.md"}]},
    ]
