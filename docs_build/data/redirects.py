"""Redirect address rules: every id a retired address (data/redirects.yaml) may lead to, with its URL."""

from __future__ import annotations

from collections.abc import Iterable

from . import urls
from .models import Activity, Plan
from .walk import walk


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

