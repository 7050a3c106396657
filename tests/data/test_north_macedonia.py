"""North Macedonia 2009-2012 is transcribed completely: the counts below were made in the source document."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from docs_build.data.atlas import build_atlas
from docs_build.data.models import Activity
from docs_build.data.walk import walk
from tests.conftest import ROOT

PLAN = "mk-2009-2012"
CYRILLIC = "Извршено пилот тестирање за валидација на изготвените инструменти"

# Counted in shared/seeds/000_f02f432639eabaa9.txt: goals, expected results and activities per chapter.
# Annex 1 table (lines 283-350; line 350 has no final newline, so `wc -l` counts 349): numbered results
# 2/3/5/4/3/3/2 (22) and activities 5/8/10/7/8/7/7 (52), counted with grep on the "N.N." and "N.N.N" numbers.
# Narrative (lines 55-269): bullets under EXPECTED RESULTS and ACTIVITIES, 2/3/5/4/3/3/2 (22) and 5/8/10/7/8/7/7 (52)
# (chapter 1 also has 8 bullets of proposed amendments after its activities). They agree one for one.
COUNTS = {
    "legal-reforms": (1, 2, 5),
    "assessment-of-the-situation": (1, 3, 8),
    "prevention": (1, 5, 10),
    "identification": (1, 4, 7),
    "assistance-and-protection": (1, 3, 8),
    "rehabilitation-reintegration-and-repatriation": (1, 3, 7),
    "coordination-and-international-cooperation": (1, 2, 7),
}
TITLES = ["Legal reforms", "Assesment of the situation", "Prevention", "Identification",
          "Assistance and protection", "Rehabilitation, reintegration and repatriation",
          "Coordination and international cooperation"]


def plan_and_atlas():
    atlas = build_atlas(ROOT / "data")
    return atlas.plans[PLAN], atlas


def nodes(plan):
    return [node for pillar in plan.pillars for node in walk(pillar)]


def find(plan, ref):
    return next(n.item for n in nodes(plan) if n.item.ref == ref)


def test_plan_metadata_and_country() -> None:
    plan, atlas = plan_and_atlas()
    assert (plan.country, plan.kind, plan.period.start, plan.period.end) == ("MK", "action-plan", 2009, 2012)
    assert [level.label for level in plan.levels] == ["Goal", "Expected result"]
    country = atlas.countries["mk"]
    assert country.name == "North Macedonia"
    assert [(f.name, f.until) for f in country.former_names] == [("Republic of Macedonia", 2019)]


def test_goals_results_and_activities_per_chapter() -> None:
    plan, _ = plan_and_atlas()
    assert [p.id for p in plan.pillars] == list(COUNTS)
    assert [p.ref for p in plan.pillars] == [str(i) for i in range(1, 8)]
    assert [p.title for p in plan.pillars] == TITLES
    for pillar in plan.pillars:
        kinds = Counter(getattr(n.item, "level", "activity") for n in walk(pillar))
        assert (kinds["goal"], kinds["result"], kinds["activity"]) == COUNTS[pillar.id], pillar.id
    activities = [n.item for n in nodes(plan) if isinstance(n.item, Activity)]
    assert len(activities) == 52
    assert all(a.ref for a in activities)  # every activity is numbered in Annex 1


def test_expected_result_7_2_and_its_activities_come_from_the_annex_row() -> None:
    """The last line of the source (350) prints 7.2 and 7.2.1-7.2.4 with their indicators: none is a gap."""
    plan, _ = plan_and_atlas()
    result = find(plan, "7.2")
    assert result.source.line == 350 and not result.gaps
    assert [i.text for i in result.indicators] == [
        "Number of agreements", "Number of meetings for exchange of information",
        "Number of cases with countries outside the SEE region", "Number of study visits"]
    assert [a.ref for a in result.activities] == ["7.2.1", "7.2.2", "7.2.3", "7.2.4"]
    assert [a.slug for a in result.activities] == [None] * 4
    line = (ROOT / "data" / "sources" / f"{PLAN}.txt").read_text(encoding="utf-8").split("\n")[349]
    for activity in result.activities:
        assert activity.source.line == 350
        assert activity.ref in line and activity.text.rstrip(".") in line
        assert not any("cut off" in n for n in activity.notes)
    chapter = plan.pillars[-1]
    assert not chapter.gaps and not any("cut off" in n for n in chapter.notes + plan.notes)


def test_every_item_is_located_and_tagged() -> None:
    plan, _ = plan_and_atlas()
    for node in nodes(plan):
        item = node.item
        assert item.source and item.source.section and item.source.line, item.ref or item.slug
        assert item.themes and item.themes.primary in {"prevention", "protection", "prosecution", "partnership"}


def test_chapter_goals_carry_partners_budget_and_timeframe() -> None:
    plan, _ = plan_and_atlas()
    for pillar in plan.pillars:
        goal = pillar.objectives[0]
        assert goal.level == "goal" and goal.responsible and goal.partners and goal.budget and goal.timeframe
        assert goal.timeframe.end == 2012
        assert goal.budget.amounts == []  # no figure is printed anywhere
    assert find(plan, "1").partners.ids[:2] == ["moj", "mlsp"]


def test_structured_targets() -> None:
    plan, _ = plan_and_atlas()
    expected = {
        "2.3": (Decimal(3), "reports", 2010),
        "3.2": (Decimal(6), "day care centres for street children", 2012),
        "3.5.3": (Decimal(3), "media campaigns", 2012),
        "5.3": (Decimal(10), "specialized foster families", 2012),
    }
    found = {n.item.ref: n.item.targets for n in nodes(plan) if n.item.targets}
    assert set(found) == set(expected)
    for ref, (value, unit, year) in expected.items():
        [target] = found[ref]
        assert (target.value, target.unit, target.year, target.kind) == (value, unit, year, "target"), ref
        assert target.printed and target.source and target.source.line
    assert "at least 6 day care centres" in found["3.2"][0].printed


def test_cyrillic_indicator_is_kept_as_printed() -> None:
    plan, _ = plan_and_atlas()
    result = find(plan, "2.1")
    [item] = [i for i in result.indicators if i.lang != "en"]
    assert item.lang == "mk"
    assert CYRILLIC in item.text
    assert item.notes


def test_legal_references() -> None:
    plan, atlas = plan_and_atlas()
    instruments = {r.instrument for r in plan.legal_references if r.instrument}
    assert instruments == {"crc", "crc-opsc", "untoc", "palermo-protocol", "coe-trafficking-convention"}
    amendments = Counter(r.law for r in plan.legal_references if r.law and r.amendment)
    assert amendments == {"criminal-code": 2, "law-on-criminal-procedure": 1, "law-on-social-protection": 1,
                          "law-on-primary-and-secondary-education": 2, "law-on-aliens": 1,
                          "law-on-free-legal-aid": 1, "sops-victims-of-trafficking": 1}
    acronyms = atlas.acronyms("mk")
    for acronym in ("MLSP", "MoI", "MoJ", "MoE", "CSW", "ULS", "NGO", "CoE"):
        assert acronym in acronyms


def test_chapter_2_page_renders_cyrillic(built_site: Path) -> None:
    page = built_site / "plans" / PLAN / "assessment-of-the-situation" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'<span lang="mk">Testing {CYRILLIC}</span>' in html
    assert (built_site / "countries/mk/index.html").is_file()


def test_institution_pages_list_the_activities_of_their_goals_labelled_as_set_at_goal_level() -> None:
    """Responsible bodies are printed per chapter goal: each body's page lists the goal's activities, with the label."""
    from html import escape

    from docs_build.site.build import prepare

    site = prepare(ROOT)
    plan = site.atlas.plans[PLAN]
    pages = {p.src: p.content.replace("\x0e", "").replace("\x0f", "") for p in site.pages}  # data-run marks
    checked = 0
    for pillar in plan.pillars:
        goal = pillar.objectives[0]
        activities = [n for n in walk(pillar) if isinstance(n.item, Activity)]
        for body in goal.responsible.ids:
            page = pages[f"countries/mk/institutions/{body}/index.md"]
            for node in activities:
                assert node.item.responsible is None  # never copied into the activity's own printed field
                assert f"/plans/{PLAN}/{pillar.id}/{node.key}/index.md" in page, (body, node.key)
            assert escape(f"set for Goal {goal.ref} (printed at goal level)") in page, body
            checked += 1
    assert checked >= 7
    mlsp = pages["countries/mk/institutions/mlsp/index.md"]
    assert "## Leads, as set at a higher level (" in mlsp
    activity = pages[f"plans/{PLAN}/assistance-and-protection/5-1-1/index.md"]
    assert "Responsible <span class=\"atlas-above\">(set above)</span>" in activity
    assert escape("set for Goal 5 (printed at goal level)") in activity
