"""Open-data exports: the dataset as JSON and CSV, its JSON Schema and a Frictionless data package."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pages import Page, SiteBuilder


def site_pages(builder: SiteBuilder) -> list[Page]:
    """The downloads page; adds the export files to builder.files."""
    return []
