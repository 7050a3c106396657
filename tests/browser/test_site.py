"""Real-browser tests of the built Plan Atlas site: navigation, search and acronym tooltips."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, overload
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from playwright.sync_api._generated import LocatorAssertions, PageAssertions

ACTIVITY = re.compile(r"/plans/[^/]+/[^/]+/\d+-\d+-\d+/")


@overload
def _expect(target: Locator) -> LocatorAssertions: ...
@overload
def _expect(target: Page) -> PageAssertions: ...
def _expect(target: Locator | Page) -> LocatorAssertions | PageAssertions:
    """Playwright's expect, imported late so that a missing package skips instead of breaking collection."""
    from playwright.sync_api import expect

    return expect(target)


def _path(page: Page) -> str:
    """The path of the page's current URL."""
    return urlsplit(page.url).path


def _search(page: Page, query: str, *, shortcut: bool = False) -> Locator:
    """Open the search dialog from the home page (button or "/" key), type a query, return the result links."""
    page.goto("/")
    opener = page.locator("[data-atlas-search-open]")
    _expect(opener).to_be_visible()
    if shortcut:
        page.keyboard.press("/")
    else:
        opener.click()
    box = page.locator("#atlas-search-query")
    _expect(box).to_be_focused()
    box.fill(query)
    _expect(page.locator(".atlas-search-dialog__status")).to_have_text(re.compile(r"\bresults?\b"))
    _expect(page.locator(".atlas-search-result").first).to_be_visible()
    return page.locator(".atlas-search-result a")


def test_navigation_to_an_activity_uses_instant_navigation(page: Page) -> None:
    """Home › Countries › Kosovo › plan › Prevention › activity 1.1.3 in the table: its page, no full page load."""
    page.goto("/")
    page.evaluate("window.__marker = 1")
    # The navigation lists no country until the reader is in one (it would grow with the atlas): go by Countries.
    page.locator(".md-nav--primary").get_by_role("link", name="Countries", exact=True).first.click()
    _expect(page).to_have_url(re.compile(r"/countries/$"))
    page.locator(".md-content").get_by_role("link", name="Kosovo", exact=True).click()
    _expect(page).to_have_url(re.compile(r"/countries/xk/$"))
    _expect(page.locator(".md-nav--primary").get_by_role("link", name="Kosovo", exact=True)).to_have_count(1)
    plan = "National Strategy and Action Plan against Trafficking in Human Beings 2011-2014"
    page.locator(".md-content").get_by_role("link", name=plan, exact=True).click()
    _expect(page).to_have_url(re.compile(r"/plans/xk-2011-2014/$"))
    page.locator(".md-content").get_by_role("link", name=re.compile(r"\bPrevention$")).click()
    _expect(page).to_have_url(re.compile(r"/plans/xk-2011-2014/prevention/$"))
    page.locator("#activity-1-1-3").get_by_role("link").click()
    _expect(page).to_have_url(re.compile(r"/plans/xk-2011-2014/prevention/1-1-3/$"))
    assert _path(page) == "/plans/xk-2011-2014/prevention/1-1-3/"
    _expect(page.locator(".md-content .atlas-kicker")).to_have_text(re.compile(r"^Activity 1\.1\.3(?!\d)"))
    _expect(page.locator(".md-content h1")).to_have_text(re.compile(r"^Organize media campaigns"))
    if page.evaluate("window.__marker") != 1 and "<loc>" not in page.request.get("/sitemap.xml").text():
        pytest.xfail(
            "full page loads, not instant navigation: Material only intercepts links listed in sitemap.xml, "
            "which is empty because mkdocs.yml sets no site_url (the build gets SITE_URL=<served origin> in its env)"
        )
    assert page.evaluate("window.__marker") == 1, "a full page load happened: instant navigation did not take over"


@pytest.mark.parametrize("query", ["surveys rural", "Conduct surveys in rural and urban areas"])
def test_search_by_words_finds_the_activity(page: Page, query: str) -> None:
    """Words from Kosovo prevention activity 1.1.2 lead, through the first result, to its page, the words marked."""
    links = _search(page, query)
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    assert hrefs[:1] == ["/plans/xk-2011-2014/prevention/1-1-2/"], f"results, best first: {hrefs}"
    _expect(links.first).to_contain_text("Conduct surveys in rural and urban areas")  # the activity's own words
    _expect(links.first).to_contain_text("Activity 1.1.2 · Prevention · Kosovo 2011–2014")
    links.first.click()
    _expect(page).to_have_url(re.compile(r"/1-1-2/"))
    assert _path(page) == "/plans/xk-2011-2014/prevention/1-1-2/"
    _expect(page.locator("dialog[open]")).to_have_count(0)
    _expect(page.locator(".md-content mark.atlas-hit", has_text="surveys").first).to_be_visible()


def test_the_example_of_the_issue_comes_first(page: Page) -> None:
    """Issue 17: "shelter" showed Kosovo's 2.2.2 at place 33 of 36; "security shelter" now finds it first."""
    hrefs = [urlsplit(a.get_attribute("href") or "").path for a in _search(page, "security shelter").all()]
    assert hrefs[:1] == ["/plans/xk-2011-2014/protection/2-2-2/"], hrefs
    hrefs = [urlsplit(a.get_attribute("href") or "").path for a in _search(page, "shelter").all()]
    assert "/plans/xk-2011-2014/protection/2-2-2/" in hrefs[:10], hrefs


def test_search_by_reference_number(page: Page) -> None:
    """A reference number typed after the "/" shortcut finds the activities with that number first."""
    links = _search(page, "1.1.3", shortcut=True)
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    assert "/plans/xk-2011-2014/prevention/1-1-3/" in hrefs, hrefs
    activities = [bool(re.fullmatch(r"/plans/[^/]+/[^/]+/1-1-3/", h)) for h in hrefs]
    # Then pages that print the number otherwise (a plan's legal references are numbered too), never 1.1.30 or 11.3
    assert activities == sorted(activities, reverse=True), f"1.1.3 activities are not first: {hrefs}"
    hrefs = [urlsplit(a.get_attribute("href") or "").path for a in _search(page, "6.1.10").all()]
    assert hrefs == ["/plans/xk-2011-2014/investigation-and-prosecution/6-1-10/"], hrefs


def test_search_by_reference_number_with_a_letter(page: Page) -> None:
    """Albania 2008-2010 numbers its activities 1.(a).2: typed as printed, they lead to those activities only, and a
    word narrows them to a pillar."""
    links = _search(page, "1.(a).2")
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    expected = {f"/plans/al-2008-2010/{pillar}/1-a-2/" for pillar in ("prevention", "protection", "prosecution")}
    assert set(hrefs[:3]) == expected, hrefs
    hrefs = [urlsplit(a.get_attribute("href") or "").path for a in _search(page, "protection 1.(a).2").all()]
    assert hrefs[:1] == ["/plans/al-2008-2010/protection/1-a-2/"], hrefs


def test_search_by_acronym(page: Page) -> None:
    """An acronym leads to the body's page first, then to the activities that name it, and never to words that only
    begin with its letters (Pagefind matches prefixes: "TIMS" would find "time")."""
    links = _search(page, "AMSCA")
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    assert hrefs[0] == "/countries/xk/institutions/amsca/", hrefs
    assert any(ACTIVITY.fullmatch(h) for h in hrefs), hrefs
    for link in _search(page, "TIMS").all():
        _expect(link).to_contain_text(re.compile(r"\bTIMS\b"))


def test_acronym_has_a_tooltip(page: Page) -> None:
    """NATC on activity 1.1.1 is an abbr with its full name, shown as a tooltip on hover."""
    page.goto("/plans/xk-2011-2014/prevention/1-1-1/")
    abbr = page.locator('.md-content abbr[title="National Anti-Trafficking Coordinator"]', has_text="NATC")
    _expect(abbr.first).to_have_text("NATC")
    abbr.first.hover()
    _expect(page.locator(".md-tooltip2--active")).to_have_text("National Anti-Trafficking Coordinator")


def test_countries_page_filters_by_name_and_hides_empty_regions(page: Page) -> None:
    """The countries page groups countries by region; its filter box keeps the matching rows (accents optional)."""
    page.goto("/countries/")
    rows = page.locator("#atlas-countries tbody tr")
    _expect(rows).to_have_count(4)
    page.get_by_label("Filter countries").fill("serb")
    _expect(rows.filter(visible=True)).to_have_count(1)
    _expect(rows.filter(visible=True)).to_contain_text("Serbia")
    _expect(page.locator(".atlas-list-filter [role=status]")).to_have_text("1 country matches.")
    page.get_by_label("Filter countries").fill("zzz")
    _expect(page.locator("[data-filter-group]").filter(visible=True)).to_have_count(0)
    page.get_by_label("Filter countries").fill("")
    _expect(rows.filter(visible=True)).to_have_count(4)
