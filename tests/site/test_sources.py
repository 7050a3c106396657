"""Provenance: the source texts ship with the data, unchanged, and every item links to the line it is printed on."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from docs_build.data import urls
from docs_build.data.atlas import build_atlas
from docs_build.data.models import Activity, Plan, Source
from docs_build.data.sources import plain, split_lines, split_parts, text_start
from docs_build.data.walk import walk
from docs_build.site.build import nav
from docs_build.site.build import pages as build_pages
from docs_build.site.context import SiteBuilder
from docs_build.site.page import src_of
from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
ATLAS = build_atlas(ROOT / "data")
PAGE_LIMIT = 150_000

# Items whose linked line does not hold the start of their text, each with the reason (checked: none may go stale).
EXCEPTIONS = {
    ("al-2018-2019-economic-exploitation", 358): "the conversion garbles the headings of Objective 3 (lines 358-364): "
                                                 "'Sub-objective 1:' stands before 'Objective 3:' and the title of "
                                                 "the sub-objective follows on line 364",
    ("al-2018-2019-economic-exploitation", 360): "the title of Objective 3 is broken over lines 352-362 by the "
                                                 "garbled table; line 360 prints its heading 'Objective 3:'",
}

# The official collections an instrument or plan address may point to (a test of form, not of liveness).
OFFICIAL_HOSTS = {"treaties.un.org", "www.ohchr.org", "www.coe.int", "rm.coe.int", "eur-lex.europa.eu",
                  "www.ilo.org", "normlex.ilo.org", "www.un.org"}


def items(plan: Plan) -> Iterator[tuple[str, Source | None, tuple[str, ...]]]:
    """(kind, source, printed texts) of each activity, task, objective, indicator, figure, budget, legal reference."""
    for ref in plan.legal_references:
        yield "legal reference", ref.source, (ref.printed, ref.amendment or "")
    for ind in plan.indicators:
        yield "indicator", ind.source, tuple(v.printed for v in ind.values if v.printed) or (ind.text,)
        for value in ind.values:
            yield "figure", value.source or ind.source, (value.printed or ind.text,)
    for table in plan.budget_tables:
        yield "budget table", table.source, ()
    for pillar in plan.pillars:
        for node in walk(pillar):
            item = node.item
            if isinstance(item, Activity):
                yield "activity", item.source, (item.text,)
                if item.budget:
                    yield "budget", item.source, (item.text,)
                for task in item.tasks:
                    yield "task", task.source or item.source, (task.text,)
            elif item.title:  # an objective without a printed title has a gap instead (notes say why)
                yield "objective", item.source, (item.title,)
            for target in item.targets:
                yield "figure", target.source or item.source, (target.printed or target.indicator,)


@pytest.fixture(scope="module")
def site() -> tuple[SiteBuilder, dict[str, str]]:
    builder = SiteBuilder(ATLAS, ROOT / "overrides" / "atlas")
    return builder, {p.src: p.content.replace("\x0e", "").replace("\x0f", "") for p in build_pages(builder)}


def test_source_texts_are_the_seed_conversions_byte_for_byte() -> None:
    for plan in ATLAS.plans.values():
        shipped = (ROOT / "data" / "sources" / f"{plan.id}.txt").read_bytes()
        assert ATLAS.sources[plan.id].raw == shipped
        assert plan.source.origin and plan.source.file in plan.source.origin and plan.source.licence
        seed = SEEDS / plan.source.file
        if seed.exists():  # the seed set sits beside the repository on the machines it was made on
            assert hashlib.sha256(seed.read_bytes()).digest() == hashlib.sha256(shipped).digest(), plan.id


def test_lines_are_numbered_as_an_editor_numbers_them() -> None:
    assert split_lines("a\nb") == ("a", "b") and split_lines("a\nb\n") == ("a", "b") and split_lines("") == ("",)
    assert len(ATLAS.sources["mk-2009-2012"].lines) == 350  # no final newline: `wc -l` says 349
    assert split_parts(("x" * 50,) * 10, budget=300) == ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10))


@pytest.mark.parametrize("plan_id", sorted(ATLAS.plans))
def test_every_item_links_to_an_existing_line_that_holds_the_start_of_its_text(site, plan_id: str) -> None:
    builder, pages = site
    plan, text = ATLAS.plans[plan_id], ATLAS.sources[plan_id]
    used = set()
    count = 0
    for kind, source, texts in items(plan):
        href = builder.source_href(plan, source, *texts)
        assert href, (kind, texts[:1], source)
        page, _, anchor = href.partition("#")
        first, _, last = anchor.partition("-")
        first_line, last_line = int(first[1:]), int(last[1:]) if last else int(first[1:])
        assert page == "/" + src_of(urls.source(plan_id, text.part_of(first_line)))
        content = pages[page[1:]]
        assert f'id="{anchor}"' in content and f'id="{first}"' in content, href
        assert first_line == source.line and last_line >= first_line
        span = "".join(plain(line) for line in text.lines[first_line - 1:last_line])
        starts = [text_start(t) for t in texts if t]
        if starts and not any(s in span for s in starts):
            assert (plan_id, source.line) in EXCEPTIONS, (kind, source.line, texts[0][:60])
            used.add((plan_id, source.line))
        count += 1
    assert count > 50
    assert used == {key for key in EXCEPTIONS if key[0] == plan_id}, "an exception no longer applies"


def test_every_as_printed_link_on_every_page_resolves(site) -> None:
    _, pages = site
    links = 0
    pattern = re.compile(r"\]\((/sources/[a-z0-9-]+/(?:part-\d+/)?index\.md)#(L\d+(?:-L\d+)?)\)")
    for src, content in pages.items():
        for page, anchor in pattern.findall(content):
            assert f'id="{anchor}"' in pages[page[1:]], (src, page, anchor)
            links += 1
    assert links > 1000
    activity = pages["plans/mk-2009-2012/coordination-and-international-cooperation/7-2-1/index.md"]
    assert "[as printed, line 350](/sources/mk-2009-2012/index.md#L350)" in activity


def test_source_pages_are_small_outside_the_navigation_and_the_search(site) -> None:
    builder, pages = site
    sources = [p for p in build_pages(builder) if p.src.startswith("sources/")]
    assert {p.src for p in sources} >= {src_of(urls.source(plan)) for plan in ATLAS.plans}
    assert all(not p.in_nav and "search:\n  exclude: true" in p.content for p in sources)
    assert "sources/" not in str(nav(ATLAS))
    for plan_id, text in ATLAS.sources.items():
        assert builder.files[f"sources/{plan_id}/{plan_id}.txt"] == text.raw
        shown = sorted(int(n) for p in sources if p.src.startswith(f"sources/{plan_id}/")
                       for n in re.findall(r'<div id="L(\d+)">', p.content))
        assert shown == list(range(1, len(text.lines) + 1)), plan_id


def test_official_addresses_have_the_form_of_an_official_collection() -> None:
    addresses = [(i.id, i.url) for i in ATLAS.instruments.values() if i.url]
    addresses += [(p.id, p.source.url) for p in ATLAS.plans.values() if p.source.url]
    assert len(addresses) >= 15
    for owner, url in addresses:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.hostname in OFFICIAL_HOSTS and parts.path not in ("", "/"), owner
        assert not re.search(r"\s", url), owner
    for key in ("palermo-protocol", "untoc", "crc", "coe-trafficking-convention", "ilo-c29", "eu-directive-2011-36"):
        assert ATLAS.instruments[key].url, key


def test_built_source_pages_stay_below_150_kb(built_site) -> None:
    pages = sorted((built_site / "sources").glob("**/index.html"))
    assert len(pages) >= len(ATLAS.plans)
    for page in pages:
        assert page.stat().st_size < PAGE_LIMIT, page
    html = (built_site / "sources" / "mk-2009-2012" / "index.html").read_text(encoding="utf-8")
    assert 'id="L350"' in html and "7.2.1. Adopting bilateral" in html
