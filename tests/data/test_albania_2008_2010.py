"""Albania 2008-2010 (child trafficking) is transcribed completely: counts made in the source document."""

from __future__ import annotations

import re
from collections import Counter

from docs_build.data.atlas import build_atlas
from docs_build.data.models import Activity
from docs_build.data.walk import walk
from tests.conftest import ROOT

PLAN = "al-2008-2010"

# Counted in shared/seeds/004_cb408ffdaccd5e93.txt, operational frame (grep "STRATEGIC AIM", "SPECIFIC OBJECTIVE",
# and the row numbers "N.(x).n" / "N.(x).n.m" at the start of a line), per part:
#   Prevention (lines 284-356): 5 printed aims (1, 2, 3, 4, 6) + aim 5, whose heading is lost but whose number is read
#   from sub-activity 5.(b).1.2; 8 printed specific objectives + 5.(b), read the same way; 20 activities; 3
#   sub-activities (4.(b).1.1, 4.(c).1.1, 5.(b).1.2).
#   Protection (lines 358-375): 1 aim, 1 specific objective, 6 activities.
#   Prosecution (lines 377-390, where the text ends): 1 aim, 1 specific objective, 4 activities.
PRINTED = {
    # pillar: (strategic aims, specific objectives, activities, sub-activities)
    "prevention": (6, 9, 20, 3),
    "protection": (1, 1, 6, 0),
    "prosecution": (1, 1, 4, 0),
}
# Sub-activities whose activity is not printed (4.(b).1 does not exist; 5.(b).1 is lost) are activities in the data;
# the one whose activity is printed (4.(c).1.1) is a task (sub-activity) of 4.(c).1.
ORPHAN_SUB_ACTIVITIES = {"4.(b).1.1", "5.(b).1.2"}

CRIMINAL_CODE_ARTICLES = {"110/a", "114/b", "128/b", "114/a", "297", "298", "113", "114", "115", "117", "124/b"}

ACTIVITY_REF = re.compile(r"^\d\.\([a-z]\)\.\d+\.?$")
SUB_ACTIVITY_REF = re.compile(r"^\d\.\([a-z]\)\.\d+\.\d+$")


def _plan():
    return build_atlas(ROOT / "data").plans[PLAN]


def test_aims_objectives_activities_and_sub_activities_per_pillar() -> None:
    plan = _plan()
    assert [p.id for p in plan.pillars] == list(PRINTED)
    for pillar in plan.pillars:
        kinds = Counter(getattr(n.item, "level", "activity") for n in walk(pillar))
        refs = [n.item.ref for n in walk(pillar) if isinstance(n.item, Activity)]
        refs += [t.ref for n in walk(pillar) if isinstance(n.item, Activity) for t in n.item.tasks]
        activities = sum(1 for r in refs if ACTIVITY_REF.match(r or ""))
        sub_activities = sum(1 for r in refs if SUB_ACTIVITY_REF.match(r or ""))
        assert (kinds["aim"], kinds["objective"], activities, sub_activities) == PRINTED[pillar.id], pillar.id
        orphans = {r for r in refs if r in ORPHAN_SUB_ACTIVITIES}
        assert kinds["activity"] == activities + len(orphans), pillar.id
    totals = [sum(v[i] for v in PRINTED.values()) for i in range(4)]
    assert totals == [8, 11, 30, 3]


def test_sub_activity_with_printed_activity_is_a_task() -> None:
    prevention = next(p for p in _plan().pillars if p.id == "prevention")
    parent = next(n.item for n in walk(prevention) if n.item.ref == "4.(c).1")
    assert [t.ref for t in parent.tasks] == ["4.(c).1.1"]


def test_gaps_are_recorded() -> None:
    pillars = {p.id: p for p in _plan().pillars}
    assert pillars["prevention"].gaps and pillars["prosecution"].gaps
    nodes = {n.item.ref: n.item for n in walk(pillars["prevention"]) if not isinstance(n.item, Activity)}
    aim5, objective5b = nodes["5"], nodes["5.(b)"]
    assert aim5.level == "aim" and aim5.title is None and aim5.gaps
    assert objective5b.level == "objective" and objective5b.title is None and objective5b.gaps
    assert [o.ref for o in aim5.objectives] == ["5.(b)"]
    untitled = [n.item.ref for p in pillars.values() for n in walk(p) if getattr(n.item, "level", None) and
                n.item.title is None]
    assert untitled == ["5", "5.(b)"]


def test_criminal_code_articles_and_amending_laws() -> None:
    atlas = build_atlas(ROOT / "data")
    plan = atlas.plans[PLAN]
    assert atlas.laws["al"]["criminal-code"].kind == "code"
    cited = {a for r in plan.legal_references if r.law == "criminal-code" for a in r.articles}
    assert cited == CRIMINAL_CODE_ARTICLES
    listed = [r for r in plan.legal_references if r.law == "criminal-code" and len(r.articles) == 1]
    assert {r.articles[0] for r in listed} == CRIMINAL_CODE_ARTICLES
    laws = {r.law for r in plan.legal_references if r.law}
    assert {"law-9188-2004", "law-9686-2007", "law-9859-2008"} <= laws
    greece = atlas.instruments["al-gr-child-trafficking-agreement-2006"]
    assert (greece.kind, greece.year) == ("agreement", 2006)
    instruments = {r.instrument for r in plan.legal_references if r.instrument}
    assert {"crc", "palermo-protocol", "al-gr-child-trafficking-agreement-2006"} <= instruments


def test_glossary_acronyms() -> None:
    acronyms = build_atlas(ROOT / "data").acronyms("al")
    for acronym in ("MoI", "MoLSAEO", "MoES", "ONAC", "MoJ", "MFA", "MoH", "GPO", "ASP", "RA", "NRM", "TRM",
                    "ICITAP", "NGO", "IO", "RCAT", "CPU"):
        assert acronym in acronyms, acronym


def test_every_activity_and_sub_activity_locates_itself_in_the_source() -> None:
    plan = _plan()
    for pillar in plan.pillars:
        for node in walk(pillar):
            item = node.item
            assert item.source and item.source.section and item.source.line, item.ref
            assert item.themes, item.ref
            if isinstance(item, Activity):
                for task in item.tasks:
                    assert task.source and task.source.line, task.ref
