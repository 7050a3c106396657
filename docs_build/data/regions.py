"""UN M49 geographic regions (Standard country or area codes for statistical use): sub-regions and their regions."""

from __future__ import annotations

from typing import Literal

# id → (M49 code, name as M49 prints it, M49 region). Ids are the names in lower case with hyphens.
SUBREGIONS: dict[str, tuple[str, str, str]] = {
    "northern-africa": ("015", "Northern Africa", "Africa"),
    "sub-saharan-africa": ("202", "Sub-Saharan Africa", "Africa"),
    "latin-america-and-the-caribbean": ("419", "Latin America and the Caribbean", "Americas"),
    "northern-america": ("021", "Northern America", "Americas"),
    "central-asia": ("143", "Central Asia", "Asia"),
    "eastern-asia": ("030", "Eastern Asia", "Asia"),
    "south-eastern-asia": ("035", "South-eastern Asia", "Asia"),
    "southern-asia": ("034", "Southern Asia", "Asia"),
    "western-asia": ("145", "Western Asia", "Asia"),
    "eastern-europe": ("151", "Eastern Europe", "Europe"),
    "northern-europe": ("154", "Northern Europe", "Europe"),
    "southern-europe": ("039", "Southern Europe", "Europe"),
    "western-europe": ("155", "Western Europe", "Europe"),
    "australia-and-new-zealand": ("053", "Australia and New Zealand", "Oceania"),
    "melanesia": ("054", "Melanesia", "Oceania"),
    "micronesia": ("057", "Micronesia", "Oceania"),
    "polynesia": ("061", "Polynesia", "Oceania"),
}

RegionId = Literal[
    "northern-africa", "sub-saharan-africa", "latin-america-and-the-caribbean", "northern-america",
    "central-asia", "eastern-asia", "south-eastern-asia", "southern-asia", "western-asia",
    "eastern-europe", "northern-europe", "southern-europe", "western-europe",
    "australia-and-new-zealand", "melanesia", "micronesia", "polynesia",
]


def region_name(region: str) -> str:
    """The M49 name of a sub-region id."""
    return SUBREGIONS[region][1]


def ordered(regions: set[str]) -> list[str]:
    """Sub-region ids in M49's order (by region, then as listed above)."""
    return [r for r in SUBREGIONS if r in regions]
