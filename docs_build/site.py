"""One call that turns a project folder into everything MkDocs needs: pages, static files and navigation."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atlas import Atlas, build_atlas
from .pages import Page, SiteBuilder

DATA_ENV = "PLAN_ATLAS_DATA"


@dataclass(frozen=True)
class Site:
    """The generated part of the site: the Atlas, its pages, static files (path → bytes) and the navigation."""

    atlas: Atlas
    pages: list[Page]
    files: dict[str, bytes]
    nav: list[Any]


def data_dir(root: Path) -> Path:
    """The data folder: $PLAN_ATLAS_DATA if set, else <root>/data."""
    return Path(os.environ.get(DATA_ENV) or root / "data")


def prepare(root: Path, data: Path | None = None, site_url: str = "") -> Site:
    """Load and validate data, then render every page and file in memory; raises DataError before any output."""
    atlas = build_atlas(data or data_dir(root))
    builder = SiteBuilder(atlas, root / "overrides" / "atlas", site_url)
    pages = builder.pages()
    return Site(atlas, pages, builder.files, builder.nav())
