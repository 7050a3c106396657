"""Comparison pages: every matrix equals one recomputed from the data here, and every link resolves."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from docs_build.data.atlas import Atlas, build_atlas
from docs_build.data.models import Activity
from docs_build.data.walk import walk
from tests.conftest import ROOT
from tests.htmlpage import broken_links, page_of, read_page


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return build_atlas(ROOT / "data")


def _activities(atlas: Atlas) -> list[tuple[str, Activity]]:
    return [(p.id, n.item) for p in atlas.plans.values() for pl in p.pillars for n in walk(pl)
            if isinstance(n.item, Activity)]


def _by_plan(table: list, atlas: Atlas) -> dict[str, dict[str, str]]:
    """Row label → plan short title → cell text, for a table with one column per plan."""
    head = [c.text for c in table[0]]
    return {row[0].text: dict(zip(head[1:], [c.text for c in row[1:]], strict=True)) for row in table[1:]}


def test_plans_at_a_glance(built_site: Path, atlas: Atlas) -> None:
    table = _by_plan(page_of(built_site, "compare/").tables[0], atlas)
    acts = _activities(atlas)
    for plan in atlas.plans.values():
        mine = [a for p, a in acts if p == plan.id]
        col = {label: row[plan.short_title] for label, row in table.items()}
        assert col["Activities"] == str(len(mine))
        assert col["Pillars or chapters"] == str(len(plan.pillars))
        objectives = sum(1 for pl in plan.pillars for n in walk(pl) if not isinstance(n.item, Activity))
        assert col["Objectives, all levels"] == str(objectives)
        lead = sum(1 for a in mine if (a.responsible and a.responsible.ids) or any(
            t.responsible and t.responsible.ids for t in a.tasks))
        assert col["With a named lead body"].split()[0] == str(lead)
        budget = sum(1 for a in mine if (a.budget and a.budget.amounts) or any(
            t.budget and t.budget.amounts for t in a.tasks))
        assert col["With a budget figure"].split()[0] == str(budget)
        assert col["Period"].startswith(plan.period_display)
        sums: Counter[str] = Counter()
        for a in mine:
            for budget in [a.budget] + [t.budget for t in a.tasks]:
                for amount in budget.amounts if budget else []:
                    sums[amount.currency] += amount.value
        printed = " · ".join(f"{c} {v:,.0f}" for c, v in sorted(sums.items())) or "none printed"
        assert col["Sum of printed activity budget figures"].split(" without probable duplicates")[0] == printed
        assert col["Budget tables of the plan"] == (str(len(plan.budget_tables)) if plan.budget_tables else "none")
    serbia = {label: row["Serbia 2017–2022"] for label, row in table.items()}
    assert serbia["Sum of printed activity budget figures"] == (
        "EUR 68,500 · RSD 3,196,720 without probable duplicates: EUR 65,600 · RSD 3,034,520")
    north_macedonia = {label: row["North Macedonia 2009–2012"] for label, row in table.items()}
    for label in ("With a deadline", "With a named lead body"):  # printed per goal, not per activity
        assert north_macedonia[label] == "0 (0%) printed at a higher level (goal, objective): 52 (100%)", label


def test_themes_matrix(built_site: Path, atlas: Atlas) -> None:
    page = page_of(built_site, "compare/themes/")
    rows = {**_by_plan(page.tables[0], atlas), **_by_plan(page.tables[1], atlas)}
    expected: Counter[tuple[str, str]] = Counter()
    for plan_id, act in _activities(atlas):
        assert act.themes, f"untagged activity in {plan_id}"
        expected[(act.themes.primary, plan_id)] += 1
        for theme in act.themes.secondary:
            if atlas.themes[theme].kind == "cross-cutting":
                expected[(theme, plan_id)] += 1
    for theme in atlas.themes.values():
        for plan in atlas.plans.values():
            assert rows[theme.name][plan.short_title] == str(expected[(theme.id, plan.id)]), (theme.id, plan.id)


def test_theme_pages_list_the_counted_activities(built_site: Path, atlas: Atlas) -> None:
    for theme in atlas.themes.values():
        page = page_of(built_site, f"compare/themes/{theme.id}/")
        for plan in atlas.plans.values():
            assert plan.id in page.ids
        count = sum(1 for _, a in _activities(atlas) if a.themes and (
            a.themes.primary == theme.id if theme.kind == "pillar" else theme.id in a.themes.secondary))
        listed = sum(1 for href in page.links if href.startswith("../../../plans/"))
        assert listed >= count


def test_legal_matrix(built_site: Path, atlas: Atlas) -> None:
    """Instruments grouped by adopting body, most cited first, "cited by N of M plans", each cell quoting the
    citation and linking to the citing passage on the instrument's page."""
    page = page_of(built_site, "compare/legal/")
    plans = list(atlas.plans.values())
    table = page.tables[0]
    groups: list[tuple[str, list[list]]] = []
    for row in table[1:]:
        if len(row) == 1:
            groups.append((row[0].text, []))
        else:
            groups[-1][1].append(row)
    assert [g for g, _ in groups][:2] == ["United Nations and its agencies", "Council of Europe"]
    cited = {r.instrument for p in plans for r in p.legal_references if r.instrument}
    assert sum(len(rows) for _, rows in groups) == len(cited)
    by_name = {(i.short_title or i.title): i for i in atlas.instruments.values()}
    for _, rows in groups:
        counts = []
        for row in rows:
            name, meta = row[0].text.split(" cited by ")
            instrument = by_name[name]
            citing = [p for p in plans if any(r.instrument == instrument.id for r in p.legal_references)]
            assert meta.startswith(f"{len(citing)} of {len(plans)} plans"), row[0].text
            assert f"adopted {instrument.year}" in meta
            counts.append(len(citing))
            for plan, cell in zip(plans, row[1:], strict=True):
                refs = [r for r in plan.legal_references if r.instrument == instrument.id]
                if refs:
                    assert all(link == f"{instrument.id}/#{plan.id}" for link in cell.links), cell.links
                    assert all(" ".join(r.printed.split())[:20] in cell.text for r in refs), cell.text
                else:
                    assert cell.text == "not cited"
        assert counts == sorted(counts, reverse=True)
    un = groups[0][1]
    assert un[0][0].text.startswith("Palermo Protocol cited by 5 of 5 plans")
    for instrument in cited:
        assert read_page(built_site / f"compare/legal/{instrument}/index.html").ids >= {
            p.id for p in plans if any(r.instrument == instrument for r in p.legal_references)}


def test_instrument_groups(atlas: Atlas) -> None:
    from docs_build.site.compare import instrument_group
    groups = {i: instrument_group(inst) for i, inst in atlas.instruments.items()}
    assert groups["palermo-protocol"] == groups["crc"] == groups["untoc"] == "un"
    assert groups["coe-trafficking-convention"] == groups["echr"] == "coe"
    assert groups["ilo-c182"] == groups["ilo-c29"] == "ilo"
    assert groups["eu-directive-2011-36"] == "eu"
    assert groups["osce-action-plan-thb"] == "other"


def test_institutions_matrix(built_site: Path, atlas: Atlas) -> None:
    table = _by_plan(page_of(built_site, "compare/institutions/").tables[0], atlas)
    expected: Counter[tuple[str, str]] = Counter()
    for plan in atlas.plans.values():
        for pl in plan.pillars:
            for node in walk(pl):
                act = node.item
                if isinstance(act, Activity):
                    groups = [act.responsible] + [t.responsible for t in act.tasks]
                    ids = [i for g in groups if g for i in g.ids]
                    if ids:
                        kind = atlas.institutions[plan.country.lower()][ids[0]].kind
                        expected[(kind.replace("-", " ").capitalize(), plan.id)] += 1
    assert set(table) == {kind for kind, _ in expected}
    for plan in atlas.plans.values():
        for kind, row in table.items():
            assert row[plan.short_title] == str(expected[(kind, plan.id)])


def test_every_link_of_the_comparison_and_institution_pages_resolves(built_site: Path) -> None:
    pages = sorted((built_site / "compare").rglob("index.html"))
    pages += sorted((built_site / "countries").glob("*/institutions/*/index.html"))
    assert len(pages) > 20
    for path in pages:
        assert broken_links(built_site, read_page(path)) == [], path


def test_every_institution_has_a_page_listing_its_activities(built_site: Path, atlas: Atlas) -> None:
    for code, bodies in atlas.institutions.items():
        for body in bodies:
            page = page_of(built_site, f"countries/{code}/institutions/{body}/")
            assert {"lead", "responsible", "partner"} <= page.ids
