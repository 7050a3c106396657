"""Serbia 2017-2022 is transcribed completely: the counts below were made in the source document."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from docs_build.data.atlas import build_atlas
from docs_build.data.models import Activity
from docs_build.data.walk import walk
from tests.conftest import ROOT

PLAN = "rs-2017-2022"
SEED = ROOT / "data" / "sources" / f"{PLAN}.txt"  # shared/seeds/002_fa0bfce1c5779725.txt, the same bytes

# Counted by reading shared/seeds/002_fa0bfce1c5779725.txt, action plan (lines 411-502): one objective per table
# ("Objective 1:" ... "Objective 5:"), three activities each, and the tasks of each activity in the TASKS cell
# (1-2: eight entries, one printed twice; 2-1: seven tasks for eight responsible entries; 5-1: seven tasks, also
# listed in the RESOURCES column).
TASKS = {
    "partnership": {"1-1": 3, "1-2": 7, "1-3": 4},
    "prevention": {"2-1": 7, "2-2": 3, "2-3": 2},
    "prosecution": {"3-1": 4, "3-2": 3, "3-3": 4},
    "protection": {"4-1": 3, "4-2": 2, "4-3": 5},
    "children": {"5-1": 7, "5-2": 3, "5-3": 7},
}
# Section 11 (lines 277-317 and 347-380), per-year sums of the printed RSD figures, added by hand.
STRATEGY_SUMS = {2017: Decimal(3218120), 2018: Decimal(4804240), 2019: Decimal(2736360)}
ACTION_PLAN_SUMS = {2017: Decimal(3218120), 2018: Decimal(4804240)}


def _plan():
    return build_atlas(ROOT / "data").plans[PLAN]


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def _dehyphenate(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"([a-z])- ([a-z])", r"\1\2", text)).strip()


def test_seed_has_five_objectives_and_fifteen_activity_rows() -> None:
    lines = _seed_lines()
    objectives = [n for n, line in enumerate(lines, 1) if re.match(r"\s*Objective \d+:", line)]
    assert objectives == [413, 425, 436, 450, 465]
    rows, in_table = [], False
    for n, line in enumerate(lines, 1):
        cells = line.split("\t")
        if cells[0] == "ACTIVITIES":
            in_table = True
        elif not line.strip():
            in_table = False
        elif in_table:
            rows.append(n)
    assert rows == [415, 416, 417, 427, 428, 429, 439, 440, 441, 453, 454, 455, 467, 493, 494]


def test_objectives_activities_and_tasks_per_pillar() -> None:
    plan = _plan()
    assert [p.id for p in plan.pillars] == list(TASKS)
    assert [lvl.key for lvl in plan.levels] == ["objective"]
    for pillar in plan.pillars:
        kinds = Counter(getattr(n.item, "level", "activity") for n in walk(pillar))
        assert (kinds["objective"], kinds["activity"]) == (1, 3), pillar.id
        tasks = {n.item.slug: len(n.item.tasks) for n in walk(pillar) if isinstance(n.item, Activity)}
        assert tasks == TASKS[pillar.id], pillar.id
    assert sum(sum(t.values()) for t in TASKS.values()) == 64


def test_every_activity_locates_itself_in_the_source() -> None:
    lines = _seed_lines()
    for pillar in _plan().pillars:
        for node in walk(pillar):
            item = node.item
            assert item.source and item.source.section and item.source.line, item.slug or item.ref
            if isinstance(item, Activity):
                first_cell = _dehyphenate(lines[item.source.line - 1].split("\t")[0])
                assert first_cell == item.text, item.slug
                assert item.timeframe and item.risks and item.indicators and item.responsible, item.slug


def test_status_scale_vision_and_objective_descriptions() -> None:
    plan = _plan()
    assert [s.value for s in plan.status_scale] == ["completed", "partially-completed", "not-completed"]
    assert plan.vision == "Respect and protection of human rights are ensured, as a response to human trafficking."
    assert "general-objective" in {s.id for s in plan.overview}
    lines = _seed_lines()
    for pillar, line in zip(plan.pillars, (193, 197, 201, 205, 209), strict=True):
        assert pillar.objectives[0].description == lines[line - 1].strip()


def test_section_11_tables_sum_per_year_to_the_printed_figures() -> None:
    tables = {t.id: t for t in _plan().budget_tables}
    for table_id, expected in (("strategy-costs-2017-2019", STRATEGY_SUMS),
                               ("action-plan-costs-2017-2018", ACTION_PLAN_SUMS)):
        table = tables[table_id]
        sums: Counter = Counter()
        for row in table.rows:
            for amount in row.amounts:
                assert amount.currency == "RSD"
                sums[amount.year] += amount.value
        assert dict(sums) == expected, table_id
        assert table.totals == []  # no totals are printed
        assert len([r for r in table.rows if r.amounts]) == 7
        assert len([r for r in table.rows if not r.amounts]) == 6


def test_registries_legal_references_and_funding() -> None:
    atlas = build_atlas(ROOT / "data")
    plan = atlas.plans[PLAN]
    international = [r for r in plan.legal_references if r.instrument]
    domestic = [r for r in plan.legal_references if r.law]
    assert (len(international), len(domestic)) == (15, 52)
    assert {"palermo-protocol", "untoc", "crc", "crc-opsc", "coe-trafficking-convention", "ilo-c182",
            "lanzarote-convention", "ec-serbia-readmission-agreement"} <= {r.instrument for r in international}
    assert len([r for r in domestic if r.source.line in (87, 89)]) == 27
    assert len(plan.funding_sources) == 7
    acronyms = atlas.acronyms("rs")
    for acronym in ("OSCE", "IOM", "UNODC", "ICMPD", "TAIEX"):
        assert acronym in acronyms


def test_figures_printed_twice_are_flagged_and_summed_both_ways() -> None:
    """"100.000 RSD for 2017", "62.200 RSD for 2017" and "2.900 Euros for 2018" are printed twice in their cells."""
    from docs_build.data.budgets import comparable_tables, compare_table
    from docs_build.data.records import Records
    from docs_build.site.build import prepare

    atlas = build_atlas(ROOT / "data")
    plan, records = atlas.plans[PLAN], Records(atlas)
    flagged = [(a.value, a.currency, a.year) for r in records.activities[PLAN] for a in r.amounts
               if a.probable_duplicate]
    assert sorted(flagged) == [(Decimal(2900), "EUR", 2018), (Decimal(62200), "RSD", 2017),
                               (Decimal(100000), "RSD", 2017)]
    for r in records.activities[PLAN]:
        for a in r.amounts:
            if a.probable_duplicate:  # kept as printed: the same figure stands beside it in the same cell
                assert sum(b.value == a.value and b.year == a.year for b in r.amounts) >= 2
    [table] = comparable_tables(plan, records)
    assert table.id == "action-plan-costs-2017-2018"
    moi = next(c for c in compare_table(plan, records, table) if c.institution == "moi" and c.year == 2017)
    assert (moi.printed, moi.with_duplicates, moi.without_duplicates) == (554000, 716300, 554100)
    assert moi.difference == "+100"
    page = {p.src: p.content for p in prepare(ROOT).pages}[f"plans/{PLAN}/index.md"]
    page = page.replace("\x0e", "").replace("\x0f", "")  # the data-run marks of render.md_text
    assert "RSD 554,000 | RSD 716,300 | RSD 554,100 | +100 |" in page
    assert "without the figures flagged as probable duplicates" in page
