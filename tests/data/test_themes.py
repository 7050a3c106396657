"""Every objective and activity of every plan is tagged: one 4P theme first, then cross-cutting themes."""

from __future__ import annotations

from docs_build.data.atlas import build_atlas
from docs_build.data.walk import walk
from tests.conftest import ROOT


def test_every_objective_and_activity_has_a_4p_primary_theme() -> None:
    atlas = build_atlas(ROOT / "data")
    pillars = {t.id for t in atlas.themes.values() if t.kind == "pillar"}
    assert pillars == {"prevention", "protection", "prosecution", "partnership"}
    untagged, wrong = [], []
    for plan in atlas.plans.values():
        for pillar in plan.pillars:
            for node in walk(pillar):
                where = f"{plan.id}/{pillar.id}/{node.key}"
                themes = node.item.themes
                if themes is None:
                    untagged.append(where)
                elif themes.primary not in pillars or themes.primary in themes.secondary:
                    wrong.append(where)
    assert not untagged, f"{len(untagged)} items without themes, e.g. {untagged[:5]}"
    assert not wrong, f"primary theme must be one of the 4P and not repeated: {wrong[:5]}"


def test_the_taxonomy_has_the_cross_cutting_themes_the_plans_share() -> None:
    themes = build_atlas(ROOT / "data").themes
    cross = {t.id for t in themes.values() if t.kind == "cross-cutting"}
    assert {"children", "legal-framework", "data-and-research", "training-and-capacity", "awareness",
            "identification-and-referral", "reintegration-and-return", "labour-exploitation",
            "migration-and-borders", "coordination-and-monitoring", "international-cooperation",
            "funding"} <= cross
    assert all(t.description for t in themes.values())
