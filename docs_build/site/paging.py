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


def page_labels(atlas: Atlas, groups: list[list[Plan]]) -> list[str]:
    """Each page of plans named by the regions and countries its plans come from."""
    out = []
    for group in groups:
        regions: dict[str, list[str]] = {}
        for plan in group:
            country = atlas.countries[plan.country.lower()]
            names = regions.setdefault(region_name(country.region), [])
            if country.name not in names:
                names.append(country.name)
        out.append("; ".join(f"{region}: {', '.join(names)}" for region, names in regions.items()))
    return out


def pager(labels: list[str], url_of: Callable[[int], str]) -> list[PlanPage]:
    """Every page of a comparison: its number, address (from url_of) and label."""
    return [PlanPage(number, url_of(number), label) for number, label in enumerate(labels, 1)]
