"""Kosovo 2011-2014 is transcribed completely: the counts below were made in the source document."""

from __future__ import annotations

from collections import Counter

from docs_build.data.atlas import build_atlas
from docs_build.data.walk import walk
from tests.conftest import ROOT

# Counted in shared/seeds/001_8035e38f95b6f156.txt, section V: strategic goals, specific objectives, activities.
COUNTS = {
    "prevention": (3, 9, 24),
    "protection": (3, 8, 28),
    "investigation-and-prosecution": (6, 9, 46),
    "protection-of-children": (4, 12, 38),
}


def test_goals_objectives_and_activities_per_pillar() -> None:
    plan = build_atlas(ROOT / "data").plans["xk-2011-2014"]
    assert [p.id for p in plan.pillars] == list(COUNTS)
    for pillar in plan.pillars:
        kinds = Counter(getattr(n.item, "level", "activity") for n in walk(pillar))
        assert (kinds["goal"], kinds["objective"], kinds["activity"]) == COUNTS[pillar.id], pillar.id


def test_registries_and_legal_references() -> None:
    atlas = build_atlas(ROOT / "data")
    plan = atlas.plans["xk-2011-2014"]
    international = [r for r in plan.legal_references if r.instrument]
    domestic = [r for r in plan.legal_references if r.law]
    assert (len(international), len(domestic)) == (20, 34)
    assert len(plan.indicators) == 15
    assert {"palermo-protocol", "untoc", "crc", "crc-opsc", "coe-trafficking-convention", "ilo-c182"} <= {
        r.instrument for r in international}
    acronyms = atlas.acronyms("xk")
    for acronym in ("MIA", "NATC", "MLSW", "KPC", "KNKT", "AMSCA"):
        assert acronym in acronyms


def test_every_activity_locates_itself_in_the_source() -> None:
    plan = build_atlas(ROOT / "data").plans["xk-2011-2014"]
    for pillar in plan.pillars:
        for node in walk(pillar):
            assert node.item.source and node.item.source.section and node.item.source.line, node.item.ref


def test_budgets_are_euro_and_match_printed_figures() -> None:
    plan = build_atlas(ROOT / "data").plans["xk-2011-2014"]
    shelter = next(n.item for p in plan.pillars if p.id == "protection" for n in walk(p) if n.item.ref == "2.2.2")
    assert shelter.budget.printed == "2.1 Million euro"
    assert [(a.value, a.currency) for a in shelter.budget.amounts] == [(2100000, "EUR")]
