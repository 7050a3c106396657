"""Our own words (summaries, labels, titles the source does not print) are marked as ours wherever they show."""

from __future__ import annotations

from html import escape

from docs_build.site.build import prepare
from tests.conftest import ROOT

SITE = None


def _pages() -> dict[str, str]:
    global SITE
    SITE = SITE or prepare(ROOT)
    return {p.src: p.content.replace("\x0e", "").replace("\x0f", "") for p in SITE.pages}  # data-run marks


def test_summaries_and_unprinted_pillar_titles_carry_the_label() -> None:
    pages = _pages()
    for plan in SITE.atlas.plans.values():
        assert "Summary by Plan Atlas" in pages[f"plans/{plan.id}/index.md"], plan.id
        for pillar in plan.pillars:
            page = pages[f"plans/{plan.id}/{pillar.id}/index.md"]
            assert ("Title by Plan Atlas" in page) == (not pillar.title_printed), (plan.id, pillar.id)
            if pillar.summary:
                assert "Summary by Plan Atlas" in page
    unprinted = {(p.id, x.id) for p in SITE.atlas.plans.values() for x in p.pillars if not x.title_printed}
    assert {plan for plan, _ in unprinted} == {"rs-2017-2022", "al-2018-2019-economic-exploitation"}
    assert len(unprinted) == 9


def test_target_labels_are_marked_and_sit_beside_the_printed_sentence() -> None:
    pages = _pages()
    plan = SITE.atlas.plans["mk-2009-2012"]
    page = pages[f"plans/{plan.id}/prevention/index.md"]
    target = next(t for o in plan.pillars[2].objectives for r in o.objectives for t in r.targets)
    line = next(x for x in page.splitlines() if f"{escape(target.indicator)}: " in x)
    assert "Label by Plan Atlas" in line and f"As printed: “{escape(target.printed)}”" in line


def test_about_page_says_what_is_ours() -> None:
    about = (ROOT / "content" / "about.md").read_text(encoding="utf-8")
    assert "the one part of the data that is not" not in about
    for what in ("Summaries", "Titles the source does not print", "Labels of figures", "Themes"):
        assert f"**{what}**" in about
