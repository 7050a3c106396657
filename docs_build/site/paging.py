"""Pages of plans: a list that would grow with the atlas (comparisons, downloads) is cut into pages, by region."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..data.atlas import Atlas
from ..data.models import Plan
from ..data.regions import ordered, region_name


def plan_groups(atlas: Atlas, per_page: int) -> list[list[Plan]]:
    """The plans in pages of per_page: by UN M49 region, in the atlas's order within a region."""
    order = {r: i for i, r in enumerate(ordered({c.region for c in atlas.countries.values()}))}
    plans = sorted(atlas.plans.values(), key=lambda p: order[atlas.countries[p.country.lower()].region])
    return [plans[i:i + per_page] for i in range(0, len(plans), per_page)] or [[]]


@dataclass(frozen=True)
class PlanPage:
    """One page of a paged comparison: its number, address, and the regions and countries of its plans."""

    number: int
    url: str
    label: str


def regions_of(atlas: Atlas, group: list[Plan]) -> list[tuple[str, list[Plan]]]:
    """One page's plans under their regions' codes, in the page's order (plan_groups has put each region together)."""
    regions: dict[str, list[Plan]] = {}
    for plan in group:
        regions.setdefault(atlas.countries[plan.country.lower()].region, []).append(plan)
    return list(regions.items())


def page_labels(atlas: Atlas, groups: list[list[Plan]]) -> list[str]:
    """Each page of plans named by the regions and countries its plans come from."""
    out = []
    for group in groups:
        parts = []
        for region, plans in regions_of(atlas, group):
            names = dict.fromkeys(atlas.countries[p.country.lower()].name for p in plans)
            parts.append(f"{region_name(region)}: {', '.join(names)}")
        out.append("; ".join(parts))
    return out


def pager(labels: list[str], url_of: Callable[[int], str]) -> list[PlanPage]:
    """Every page of a comparison: its number, address (from url_of) and label."""
    return [PlanPage(number, url_of(number), label) for number, label in enumerate(labels, 1)]
