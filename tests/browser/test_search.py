"""Search (Pagefind) in the browser: loaded only when opened, a dialog usable by keyboard and on a phone, filters,
no JavaScript, and the quality of its ranking on tests/search/queries.yaml (thresholds the ranking has reached)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from docs_build.site.search import SHARDS, index_site
from tests.browser.conftest import ROOT
from tests.browser.test_accessibility import BLOCKING, _assert_focus_visible, _axe, _report
from tests.browser.test_site import _expect, _search

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

sys.path.insert(0, str(ROOT / "benchmarks"))
import search_eval  # noqa: E402

# Levels reached by the ranking of content/assets/search.js on tests/search/queries.yaml (BENCHMARKS.md: 99.2 % top-3
# and 92.2 % top-1 on phrase and keyword queries); the test fails when a change takes search below them.
MIN_TOP3_WORDS = 0.99
MIN_TOP1_WORDS = 0.90
MIN_MRR_WORDS = 0.95
MIN_TOP3_ALL = 0.99


def _search_requests(page: Page) -> list[str]:
    """Record the paths of search files the page requests from now on."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(urlsplit(r.url).path)
            if "/pagefind/" in r.url or r.url.endswith("/search.js") else None)
    return seen


def test_nothing_of_search_loads_before_it_is_opened(page: Page) -> None:
    """Pages load no search file; opening the dialog loads its script, the first query loads Pagefind."""
    seen = _search_requests(page)
    page.goto("/plans/xk-2011-2014/prevention/1-1-3/")
    page.wait_for_load_state("networkidle")
    assert seen == [], seen
    assert page.request.get("/search/search_index.json").status == 404  # Material's lunr index is not shipped
    page.keyboard.press("s")
    _expect(page.locator("#atlas-search-query")).to_be_focused()
    assert [p for p in seen if "/pagefind/" in p] == [], seen
    page.locator("#atlas-search-query").fill("awareness")
    _expect(page.locator(".atlas-search-result").first).to_be_visible()
    assert any(p.endswith("/pagefind/pagefind.js") for p in seen), seen


def test_search_dialog_with_the_keyboard_alone(page: Page) -> None:
    """"/" opens a named modal dialog; arrows move from the query to the results, Enter opens one; Escape closes the
    dialog and gives the focus back."""
    page.goto("/")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Search Plan Atlas")
    _expect(dialog).to_be_visible()
    page.keyboard.type("NATC")
    first = page.locator(".atlas-search-result a").first
    _expect(first).to_have_attribute("href", re.compile(r"pagefind-highlight=natc"))  # not those for "N", typed first
    page.keyboard.press("ArrowDown")
    _expect(first).to_be_focused()
    _assert_focus_visible(page)
    page.keyboard.press("ArrowUp")
    _expect(page.locator("#atlas-search-query")).to_be_focused()
    page.keyboard.press("Escape")
    _expect(dialog).to_be_hidden()
    page.locator("[data-atlas-search-open]").focus()
    page.keyboard.press("Enter")
    _expect(dialog).to_be_visible()
    _expect(page.locator("#atlas-search-query")).to_have_value("NATC")
    page.keyboard.press("ArrowDown")  # at once: reopening must not replace the list under the reader's focus
    href = urlsplit(first.get_attribute("href") or "").path
    page.keyboard.press("Enter")
    _expect(page).to_have_url(re.compile(re.escape(href)))
    assert parse_qs(urlsplit(page.url).query)["pagefind-highlight"] == ["natc"]
    _expect(page.locator(".md-content mark.atlas-hit", has_text="NATC").first).to_be_visible()


def test_enter_opens_a_result_for_every_word_typed(page: Page) -> None:
    """Enter pressed at once after the last key opens the first result for all the words, not for those typed before."""
    page.goto("/")
    page.keyboard.press("/")
    _expect(page.locator("#atlas-search-query")).to_be_focused()
    page.keyboard.type("shelter")
    _expect(page.locator(".atlas-search-result").first).to_be_visible()  # the results for "shelter" are shown
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("NATC")
    page.keyboard.press("Enter")
    _expect(page).to_have_url(re.compile(r"pagefind-highlight=natc"))
    _expect(page.locator(".md-content mark.atlas-hit", has_text="NATC").first).to_be_visible()


def test_keys_typed_before_the_dialog_appears_reach_the_box(page: Page) -> None:
    """A reader who presses "/" and types at once, while search.js still loads (here: held back 1.5 s), finds every
    key in the box, caret after them, and the next key adds to the words instead of replacing them."""
    page.add_init_script("""(() => {
      const append = Node.prototype.appendChild;
      Node.prototype.appendChild = function (node) {
        if (node.tagName === "SCRIPT" && /\\/search\\.js$/.test(node.src)) {
          setTimeout(() => append.call(this, node), 1500);
          return node;
        }
        return append.call(this, node);
      };
    })()""")
    page.goto("/")
    page.keyboard.press("/")
    page.keyboard.type("shelterx", delay=20)
    page.keyboard.press("Backspace")
    assert page.locator("dialog[open]").count() == 0  # typed before the dialog appeared
    box = page.locator("#atlas-search-query")
    _expect(box).to_be_focused()
    _expect(box).to_have_value("shelter")
    page.keyboard.type("s")
    _expect(box).to_have_value("shelters")
    _expect(page.locator(".atlas-search-result a").first).to_have_attribute(
        "href", re.compile(r"pagefind-highlight=shelters"))


def test_reopened_dialog_drops_results_for_other_words(page: Page) -> None:
    """A dialog closed before its last words were searched opens on their results, never on older words' ones."""
    page.goto("/")
    page.keyboard.press("/")
    _expect(page.locator("#atlas-search-query")).to_be_focused()
    page.keyboard.type("shelter")
    _expect(page.locator(".atlas-search-result").first).to_be_visible()
    page.evaluate("document.getElementById('atlas-search-query').value = 'NATC'")  # as if closed within the pause
    page.keyboard.press("Escape")
    _expect(page.locator("#atlas-search-query")).not_to_be_focused()
    page.keyboard.press("/")
    _expect(page.locator("#atlas-search-query")).to_be_focused()
    assert page.locator(".atlas-search-result a[href*='pagefind-highlight=shelter']").count() == 0  # gone at once
    first = page.locator(".atlas-search-result a").first
    _expect(first).to_have_attribute("href", re.compile(r"pagefind-highlight=natc"))
    hrefs = page.locator(".atlas-search-result a").evaluate_all("links => links.map(a => a.href)")
    assert all("pagefind-highlight=natc" in h for h in hrefs), hrefs


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_has_no_serious_axe_violations(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    _search(page, "shelter")
    page.locator(".atlas-search-filters summary").click()
    _expect(page.locator(".atlas-search-filters select[name=kind] option")).not_to_have_count(1)
    violations = _axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, _report(blocking)


def test_search_filters(page: Page) -> None:
    """Kind, country, plan and theme filters narrow the results; their values come from the index."""
    _search(page, "ministry")
    page.locator(".atlas-search-filters summary").click()
    kind = page.locator(".atlas-search-filters select[name=kind]")
    _expect(kind.locator("option")).to_have_count(7)  # any + activity, objective, plan, institution, instrument, page
    kind.select_option("institution")
    _expect(page.locator(".atlas-search-result__kind").first).to_have_text("Institution")
    kinds = {t.strip() for t in page.locator(".atlas-search-result__kind").all_inner_texts()}
    assert kinds == {"Institution"}, kinds
    page.locator(".atlas-search-filters select[name=country]").select_option("Serbia")
    _expect(page.locator(".atlas-search-result").first).to_contain_text("Serbia")
    kind.select_option("")
    page.locator(".atlas-search-filters select[name=theme]").select_option("Children")
    _expect(page.locator(".atlas-search-result__kind").first).to_have_text(re.compile(r"^Activity \S+ · "))


def test_search_on_a_phone(browser: Browser, site_url: str) -> None:
    """At 390 px the header shows a search button; the dialog fills the screen without sideways scrolling."""
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto("/")
    button = page.get_by_role("button", name="Search", exact=True)
    _expect(button).to_be_visible()
    button.tap()
    page.locator("#atlas-search-query").fill("child labour")
    _expect(page.locator(".atlas-search-result").first).to_be_visible()
    box = page.locator(".atlas-search-dialog").bounding_box()
    assert box and box["width"] <= 390 and box["x"] >= 0, box
    assert page.evaluate("document.querySelector('.atlas-search-results').scrollWidth") <= 390
    context.close()


def test_without_javascript_the_search_box_leads_to_the_explorer(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/plans/xk-2011-2014/")
    _expect(page.locator("[data-atlas-search-open]")).to_be_hidden()
    box = page.get_by_role("searchbox", name="Words, reference or acronym")
    box.fill("shelter")
    box.press("Enter")
    _expect(page).to_have_url(re.compile(r"/explore/\?text=shelter$"))
    context.close()


def test_search_quality_stays_at_the_level_reached(page: Page) -> None:
    """top-1, top-3 and MRR on the query set (tests/search/queries.yaml), measured as benchmarks/search_eval.py does;
    reference numbers always first."""
    result = search_eval.evaluate(page, search_eval.load_queries())
    top1, top3, mrr = result.tally(lambda q: q.kind in search_eval.WORDS).rates
    report = result.table()
    assert top3 >= MIN_TOP3_WORDS and top1 >= MIN_TOP1_WORDS and mrr >= MIN_MRR_WORDS, report
    assert result.tally().rates[1] >= MIN_TOP3_ALL, report
    assert result.tally(lambda q: q.kind == "reference").rates[0] == 1.0, report


@pytest.fixture(scope="module")
def sharded(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The shipped site with its search index cut into four shards, as a site of more than SHARD_PAGES pages is
    (docs_build/site/search.py), served; its address and folder."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(built_site, site, copy_function=os.link)
    index_site(site, per_shard=170)
    with search_eval.served(site) as url:
        yield url, site


def test_a_sharded_index_is_searched_whole(browser: Browser, sharded: tuple[str, Path]) -> None:
    """Every shard is merged and ranked with the others: the query set keeps issue 17's targets on an index cut far
    finer than any real site's (161 files a shard; a real one holds thousands), its first results come from every
    shard, and the filters list the values of them all."""
    url, site = sharded
    further = json.loads((site / "pagefind" / SHARDS).read_text(encoding="utf-8"))
    assert further == ["shard-2/", "shard-3/", "shard-4/"]
    shard_of = {json.loads(gzip.decompress(f.read_bytes())[12:])["url"]: n
                for n, bundle in enumerate(["", *further]) for f in (site / "pagefind" / bundle / "fragment").iterdir()}
    context = browser.new_context(base_url=url)
    page = context.new_page()
    result = search_eval.evaluate(page, search_eval.load_queries())
    top1, top3, mrr = result.tally(lambda q: q.kind in search_eval.WORDS).rates
    assert top3 >= 0.97 and top1 >= 0.85 and mrr >= 0.9, result.table()
    assert result.tally(lambda q: q.kind == "reference").rates[0] == 1.0, result.table()
    assert {shard_of[paths[0]] for _, _, paths in result.ranks if paths} == {0, 1, 2, 3}
    page.keyboard.press("/")
    page.locator(".atlas-search-filters summary").click()
    countries = page.locator(".atlas-search-filters select[name=country] option")
    _expect(countries).to_have_count(5)  # "any country" and the four countries, whichever shards hold their pages
    context.close()
