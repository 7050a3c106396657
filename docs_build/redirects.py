"""Redirects: retired addresses keep leading to their item when an id had to change (data/redirects.yaml)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import urls
from .models import Activity, Plan
from .walk import walk

if TYPE_CHECKING:
    from .pages import SiteBuilder


def addresses(plans: Iterable[Plan]) -> dict[str, str]:
    """Every id a redirect may lead to, with its URL: countries, plans, pillars, objectives, activities."""
    out: dict[str, str] = {}
    for plan in plans:
        out.setdefault(plan.country.lower(), urls.country(plan.country))
        out[plan.id] = urls.plan(plan.id)
        for pillar in plan.pillars:
            out[f"{plan.id}/{pillar.id}"] = urls.pillar(plan.id, pillar.id)
            for node in walk(pillar):
                if isinstance(node.item, Activity):
                    out[urls.activity_id(plan.id, pillar.id, node.key)] = urls.activity(plan.id, pillar.id, node.key)
                else:
                    anchor = urls.anchor(node.item, node.key)
                    out[f"{plan.id}/{pillar.id}/{anchor}"] = urls.pillar(plan.id, pillar.id) + "#" + anchor
    return out


def add_redirect_pages(builder: SiteBuilder) -> None:
    """Write a small HTML page at every retired address that sends the reader on to the current one."""
    known = addresses(builder.atlas.plans.values())
    for redirect in builder.atlas.redirects:
        target = known[redirect.to]
        html = builder.env.get_template("redirect.html").render(
            target=builder.env.globals["rel"](redirect.from_, target), redirect=redirect, target_path="/" + target)
        builder.files[redirect.from_ + "index.html"] = html.encode("utf-8")
