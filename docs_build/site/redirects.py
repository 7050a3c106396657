"""Redirect pages: a small HTML page at every retired address that leads to the current one."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ..data.redirects import addresses
from .context import SiteBuilder


def add_redirect_pages(builder: SiteBuilder) -> None:
    """Write a small HTML page at every retired address that sends the reader on to the current one."""
    known = addresses(builder.atlas.plans.values())
    for redirect in builder.atlas.redirects:
        target = known[redirect.to]
        html = builder.env.get_template("redirect.html").render(
            target=builder.env.globals["rel"](redirect.from_, target), redirect=redirect,
            target_path=Markup(escape("/" + target)))  # an HTML file, not Markdown: escaped for HTML
        builder.files[redirect.from_ + "index.html"] = html.encode("utf-8")
