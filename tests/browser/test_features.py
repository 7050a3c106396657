"""Real-browser tests of the features built on the foundation: charts, explorer, copy link, search in every
script, comparisons, and a walk over every kind of page with no console error and no request elsewhere."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_site import _expect, _path, _search

if TYPE_CHECKING:
    from playwright.sync_api import Page

PLAN = "/plans/xk-2011-2014/"
ACTIVITY = "/plans/xk-2011-2014/prevention/1-1-3/"
EVERY_KIND_OF_PAGE = [
    "/", "/countries/", "/countries/xk/", "/countries/xk/institutions/natc/", "/plans/",
    PLAN, "/plans/rs-2017-2022/", "/plans/mk-2009-2012/", "/plans/al-2008-2010/",
    "/plans/al-2018-2019-economic-exploitation/", "/plans/xk-2011-2014/prevention/", ACTIVITY,
    "/plans/rs-2017-2022/partnership/1-1/", "/compare/", "/compare/themes/", "/compare/themes/children/",
    "/compare/legal/", "/compare/legal/palermo-protocol/", "/compare/institutions/", "/explore/",
    "/explore/page-2/", "/indicators/", "/indicators/mk-2009-2012/", "/downloads/", "/about/", "/add-a-plan/",
    "/sources/xk-2011-2014/", "/sources/xk-2011-2014/part-2/", "/countries/mk/institutions/mlsp/",
]


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_every_kind_of_page_loads_cleanly(page: Page, path: str) -> None:
    """Each page answers, has its heading, logs no error and asks no other host (checked by the fixture)."""
    response = page.goto(path)
    assert response is not None and response.status == 200
    _expect(page.locator(".md-content h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")


def _plotly_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if "plotly" in request.url else None)
    return requests


def test_charts_draw_after_instant_navigation_and_follow_the_palette(page: Page) -> None:
    """From home to a plan page by instant navigation: its charts draw, and redraw in dark mode's colours."""
    requests = _plotly_requests(page)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert requests == [], "the home page has no chart and must not load plotly.js"
    page.evaluate("window.__marker = 1")
    page.locator(".md-nav--primary").get_by_role("link", name="Compare", exact=True).first.click()
    _expect(page).to_have_url(re.compile(r"/compare/$"))
    plot = page.locator(".atlas-plot .main-svg").first
    _expect(plot).to_be_visible()
    assert page.evaluate("window.__marker") == 1, "a full page load happened: instant navigation did not take over"
    assert len(requests) == 1 and urlsplit(requests[0]).path == "/assets/vendor/plotly/plotly-atlas.min.js"
    label = page.locator(".atlas-plot .ytick text").first  # the title is the caption's; labels carry the colour
    light = label.evaluate("el => getComputedStyle(el).fill")
    page.locator("[data-md-component=palette] label[title='Switch to dark mode']").click()
    _expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_timeout(300)
    dark = page.locator(".atlas-plot .ytick text").first.evaluate("el => getComputedStyle(el).fill")
    assert light != dark, "chart text did not follow the palette switch"
    # Comparison pages hide Material's sidebar (front matter hide: navigation): a reader goes on by the page's own row
    # of comparison links, which instant navigation follows too.
    page.locator(".atlas-compare-nav").get_by_role("link", name="themes", exact=True).click()
    _expect(page).to_have_url(re.compile(r"/compare/themes/$"))
    _expect(page.locator("#chart-themes-heatmap .main-svg").first).to_be_visible()
    assert len(requests) == 1, "plotly.js is loaded once and reused after instant navigation"


def test_a_chart_downloads_as_png(page: Page) -> None:
    """The PNG button beside the CSV link saves the drawn chart, named after it, at twice its size."""
    page.goto(PLAN)
    button = page.get_by_role("button", name="Download the chart (PNG)").first
    _expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "xk-2011-2014-activities-per-pillar.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    drawn = json.loads(page.locator("#chart-xk-2011-2014-activities-per-pillar .atlas-plot").get_attribute(
        "data-figure") or "{}")["layout"]["height"]
    assert width >= 1600 and height == 2 * (drawn + 24), (width, height)  # the chart and its address under the title


def test_pages_without_charts_do_not_load_plotly(page: Page) -> None:
    requests = _plotly_requests(page)
    for path in ("/", ACTIVITY, "/explore/", "/compare/legal/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert requests == []
    page.goto(PLAN)
    _expect(page.locator(".atlas-plot .main-svg").first).to_be_visible()
    assert [urlsplit(r).path for r in requests] == ["/assets/vendor/plotly/plotly-atlas.min.js"]


def test_explorer_filter_narrows_rows_and_lives_in_the_url(page: Page) -> None:
    page.goto("/explore/")
    form = page.locator("#atlas-explorer")
    _expect(form).to_have_attribute("data-ready", "1")
    rows = page.locator(".atlas-explore tbody tr")
    everything = page.locator(".atlas-count").inner_text()
    page.locator("select[name=plan]").select_option("xk-2011-2014")
    page.locator("#atlas-explorer input[name=text]").fill("surveys")
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^2 of \d+ activities match"))
    assert rows.count() == 2 and everything != page.locator(".atlas-count").inner_text()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"plan": ["xk-2011-2014"], "text": ["surveys"]}
    page.locator(".atlas-explore thead button", has_text="Ref").click()
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["ref"]
    first = rows.first.locator("a").inner_text()
    shared = page.url
    page.goto("/")
    page.goto(shared)
    _expect(page.locator("#atlas-explorer")).to_have_attribute("data-ready", "1")
    assert page.locator("#atlas-explorer input[name=text]").input_value() == "surveys"
    assert page.locator("select[name=plan]").input_value() == "xk-2011-2014"
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^2 of "))
    assert rows.first.locator("a").inner_text() == first == "1.1.1"
    rows.first.locator("a").click()
    _expect(page).to_have_url(re.compile(r"/plans/xk-2011-2014/prevention/1-1-1/$"))


def test_explorer_text_filter_searches_tasks_and_indicators(page: Page) -> None:
    """"staffed" is printed only in indicators of two Albanian activities, never in an activity's own text."""
    page.goto("/explore/?text=staffed")
    _expect(page.locator("#atlas-explorer")).to_have_attribute("data-ready", "1")
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^2 of \d+ activities match"))
    links = page.locator(".atlas-explore tbody tr a")
    hrefs = set(links.evaluate_all("links => links.map(a => new URL(a.href).pathname)"))
    assert hrefs == {"/plans/al-2008-2010/prevention/4-a-1/", "/plans/al-2008-2010/prevention/4-b-1-1/"}, hrefs


def test_copy_link_and_citation(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(ACTIVITY)
    page.get_by_role("button", name="Copy link").click()
    _expect(page.locator(".atlas-share .atlas-copied")).to_have_text(re.compile("Link copied"))
    assert page.evaluate("navigator.clipboard.readText()") == site_url + ACTIVITY
    citation = page.locator("#cite-text").inner_text()
    assert site_url + ACTIVITY in citation and "[date accessed]" not in citation
    assert "Ministry of Internal Affairs (2011). National Strategy and Action Plan" in citation
    bibtex = page.locator("#cite-bibtex").inner_text()
    assert re.search(r"urldate = \{\d{4}-\d{2}-\d{2}\}", bibtex) and "year = {2011}" in bibtex


def test_comparison_keeps_the_chosen_plans_in_the_url(page: Page) -> None:
    page.goto("/compare/?plans=xk-2011-2014,rs-2017-2022")
    picker = page.locator("[data-atlas-picker]")
    _expect(picker).to_be_visible()
    head = page.locator(".atlas-compare table").first.locator("thead th")
    visible = [h.inner_text() for h in head.all() if h.is_visible()]
    assert visible == ["Plan", "Serbia 2017–2022", "Kosovo 2011–2014"], visible
    picker.get_by_label("North Macedonia 2009–2012").check()
    assert "mk-2009-2012" in parse_qs(urlsplit(page.url).query)["plans"][0]
    page.goto("/compare/themes/")
    header = page.locator(".atlas-sortable table").first.locator("thead th").nth(1)
    header.click()
    _expect(header).to_have_attribute("aria-sort", re.compile("ascending|descending"))


@pytest.mark.parametrize(("query", "expected"), [
    ("Извршено пилот тестирање", "/plans/mk-2009-2012/assessment-of-the-situation/"),
    ("Punëve", "/plans/xk-2011-2014/"),  # Albanian, as printed (transcription notes are not indexed: issue 17)
    ("Durrës", "/plans/al-2018-2019-economic-exploitation/"),
    # typed without the accents, as on a keyboard without them
    ("Durres", "/plans/al-2018-2019-economic-exploitation/"),
    ("Pergjithshme", "/plans/al-2018-2019-economic-exploitation/"),
    ("Brnabic", "/plans/rs-2017-2022/"),
])
def test_search_finds_cyrillic_and_diacritics(page: Page, query: str, expected: str) -> None:
    links = _search(page, query)
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    assert any(h.startswith(expected) for h in hrefs), hrefs


def test_one_activity_is_found_once(page: Page) -> None:
    """Pages that only repeat activities (themes, institutions, explorer, indicators) stay out of the results."""
    links = _search(page, "Conduct surveys in rural and urban areas")
    hrefs = [urlsplit(link.get_attribute("href") or "").path for link in links.all()]
    assert "/plans/xk-2011-2014/prevention/1-1-2/" in hrefs, hrefs
    assert not [h for h in hrefs if h.startswith(("/compare/themes/", "/explore/", "/indicators/"))
                or "/institutions/" in h], hrefs
    assert _path(page) == "/"


def test_comparison_tables_scroll_on_a_phone_with_the_first_column_in_view_and_print_whole(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/compare/")
    table = page.locator(".atlas-compare table").first
    first = table.locator("tbody tr td").first
    before = first.bounding_box()
    scroller = table.locator("xpath=ancestor::*[contains(@class, 'md-typeset__scrollwrap') or "
                             "contains(@class, 'atlas-compare')][1]")
    scroller.evaluate("el => { el.scrollLeft = 400; }")
    page.wait_for_timeout(200)
    assert scroller.evaluate("el => el.scrollLeft") > 0, "the table does not scroll sideways on a phone"
    after = first.bounding_box()
    assert before and after and 0 <= after["x"] <= before["x"], "the first column left the view"
    page.emulate_media(media="print")
    _expect(page.locator("[data-atlas-picker]")).to_be_hidden()
    assert scroller.evaluate("el => getComputedStyle(el).overflowX") == "visible"


def test_a_query_without_accents_highlights_the_word_as_printed(page: Page) -> None:
    """Accents are folded for matching only: the result shows and marks the name as the plan prints it."""
    links = _search(page, "Brnabic")
    result = links.filter(has=page.locator("mark", has_text="Brnabić")).first
    _expect(result).to_be_visible()


def test_an_items_source_link_opens_its_lines_highlighted(page: Page) -> None:
    """From an activity, "as printed, line N" opens the source text at that line; a range is highlighted whole."""
    page.goto("/plans/mk-2009-2012/coordination-and-international-cooperation/7-2-1/")
    page.get_by_role("link", name="as printed, line 350").click()
    page.wait_for_url(re.compile(r"/sources/mk-2009-2012/#L350$"))
    _expect(page.locator("#L350")).to_contain_text("7.2.1. Adopting bilateral")
    _expect(page.locator("#L350")).to_be_in_viewport()
    page.goto("/sources/al-2018-2019-economic-exploitation/#L177-L179")
    for n in (177, 178, 179):
        _expect(page.locator(f"#L{n}")).to_have_class(re.compile("atlas-hl"))
    _expect(page.locator("#L180")).not_to_have_class(re.compile("atlas-hl"))
    _expect(page.locator("#L179")).to_be_in_viewport()
