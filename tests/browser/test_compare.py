"""Comparison pages in a real browser (issue 20): five plans side by side at 1280 px, no sideways scrolling on a
phone on any kind of page, the legal matrix's order, related activities by subject, charts without overlapping
labels, the activities side-by-side view and the "more" toggle."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.test_site import _expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
KOSOVO_SHELTER = "/plans/xk-2011-2014/protection/2-2-2/"
SIDE_BY_SIDE = ("/compare/activities/?ids=xk-2011-2014/protection/2-2-2,"
                "al-2018-2019-economic-exploitation/protection/2-3-7,mk-2009-2012/rehabilitation-reintegration-and-"
                "repatriation/6-1-3")
EVERY_KIND_OF_PAGE = [
    "/", "/countries/", "/countries/xk/", "/countries/xk/institutions/natc/", "/plans/", "/plans/xk-2011-2014/",
    "/plans/rs-2017-2022/", "/plans/al-2018-2019-economic-exploitation/", "/plans/xk-2011-2014/prevention/",
    KOSOVO_SHELTER, "/compare/", "/compare/themes/", "/compare/themes/children/", "/compare/themes/protection/",
    "/compare/legal/", "/compare/legal/palermo-protocol/", "/compare/institutions/", SIDE_BY_SIDE, "/explore/",
    "/explore/page-2/", "/indicators/", "/indicators/al-2018-2019-economic-exploitation/", "/downloads/", "/about/",
    "/add-a-plan/",
]
CHART_PAGES = ["/compare/", "/compare/themes/", "/plans/xk-2011-2014/", "/plans/rs-2017-2022/",
               "/plans/al-2018-2019-economic-exploitation/", "/indicators/al-2018-2019-economic-exploitation/"]
OVERLAPS = (Path(__file__).parent / "overlap.js").read_text(encoding="utf-8")


def _settled(page: Page) -> None:
    """Wait for the page's scripts: charts drawn, side-by-side view filled."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.querySelectorAll('.atlas-plot')].every(p => p.dataset.atlasDrawn === '1')")
    if page.locator("#atlas-side-by-side").count():
        _expect(page.locator("#atlas-side-by-side")).to_have_attribute("data-ready", "1")


def _sideways(page: Page) -> int:
    """How far the document scrolls sideways, in CSS pixels."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_five_plans_fit_side_by_side_at_1280(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("/compare/themes/children/")
    _settled(page)
    heads = page.locator(".atlas-matrix-table thead th")
    assert heads.count() == 6  # the question column and five plans
    for i in range(6):
        box = heads.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"], (i, box)
    assert _sideways(page) == 0
    # the plan names stay in view while the reader scrolls down the rows
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    top = heads.nth(1).bounding_box()
    assert top and 0 <= top["y"] <= 100, top
    # cells hold the activities' own words, each linked to its page with its number
    cell = page.locator(".atlas-matrix-table tbody td").filter(has=page.locator("a[href*='/plans/']")).first
    assert re.search(r"\d", cell.locator("a").first.inner_text())
    assert len(cell.locator(".atlas-clamp").first.inner_text()) > 20


def test_long_texts_open_with_more(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("/compare/themes/children/")
    _settled(page)
    button = page.locator(".atlas-more-toggle:visible").first
    text = button.locator("xpath=preceding-sibling::span[1]")
    before = text.bounding_box()
    button.click()
    _expect(button).to_have_attribute("aria-expanded", "true")
    after = text.bounding_box()
    assert before and after and after["height"] > before["height"]


def test_the_choice_of_plans_hides_columns_of_the_side_by_side_table(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("/compare/themes/children/?plans=xk-2011-2014,rs-2017-2022")
    _settled(page)
    visible = [h.inner_text() for h in page.locator(".atlas-matrix-table thead th").all() if h.is_visible()]
    assert len(visible) == 3 and any("Kosovo" in v for v in visible) and any("Serbia" in v for v in visible)


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_no_page_scrolls_sideways_on_a_phone(page: Page, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(path)
    _settled(page)
    assert _sideways(page) == 0, f"{path} is {_sideways(page)} px wider than a 390 px screen"


def test_theme_page_on_a_phone_is_one_card_per_question(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/compare/themes/children/")
    _settled(page)
    row = page.locator(".atlas-matrix-table tbody tr").first
    cells = row.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert first and second and second["y"] > first["y"] and abs(second["x"] - first["x"]) < 2  # stacked
    label = cells.nth(0).evaluate("td => getComputedStyle(td, '::before').content")
    assert "Albania" in label


def test_legal_matrix_lists_the_palermo_protocol_first_among_un_instruments(page: Page) -> None:
    page.goto("/compare/legal/")
    un = page.locator(".atlas-legal tbody").first
    _expect(un.locator("tr.atlas-group")).to_contain_text("United Nations")
    first = un.locator("tr").nth(1).locator("th")
    _expect(first).to_contain_text("Palermo Protocol")
    _expect(first).to_contain_text(re.compile(r"cited by 5 of 5 plans · adopted 2000"))
    link = un.locator("tr").nth(1).locator("td a").first
    link.click()
    assert re.search(r"/compare/legal/palermo-protocol/#al-2008-2010$", page.url), page.url


def test_kosovo_security_shelter_lists_shelter_activities_first(page: Page) -> None:
    page.goto(KOSOVO_SHELTER)
    related = page.locator("#related ~ ul").first.locator("li")
    assert related.count() >= 3
    related.first.locator("a").click()
    page.wait_for_load_state("networkidle")
    assert "xk-2011-2014" not in page.url
    words = page.locator(".md-content").inner_text().lower()
    assert re.search(r"shelter|accommodat|residential", words), page.url


def test_side_by_side_loads_only_the_chosen_activities_plans(page: Page) -> None:
    """The view fetches one small file per plan of the chosen activities, never the whole atlas's activities; an id
    of no known activity is left out."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if r.url.endswith(".json") else None)
    page.set_viewport_size(DESKTOP)
    page.goto(SIDE_BY_SIDE + ",xk-2011-2014/protection/9-9-9")
    _settled(page)
    assert sorted(fetched) == ["al-2018-2019-economic-exploitation.json", "mk-2009-2012.json", "xk-2011-2014.json"]
    _expect(page.locator("#atlas-side-by-side thead th")).to_have_count(4)  # the field column and three activities
    _expect(page.locator("#atlas-side-by-side tbody")).to_contain_text("Building of a high level security shelter")


def test_side_by_side_view_of_an_activity_and_its_closest(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(KOSOVO_SHELTER)
    page.get_by_role("link", name=re.compile("side by side")).click()
    _settled(page)
    assert "ids=xk-2011-2014/protection/2-2-2," in page.url
    heads = page.locator("#atlas-side-by-side thead th")
    assert heads.count() >= 3
    _expect(page.locator("#atlas-side-by-side tbody")).to_contain_text("Building of a high level security shelter")
    _expect(page.locator("#atlas-side-by-side tbody")).to_contain_text("Indicators")
    assert _sideways(page) == 0


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_charts_have_no_overlapping_labels(page: Page, viewport: dict[str, int]) -> None:
    """Tick labels, axis titles, legend entries and "not printed" labels: no two bounding boxes intersect."""
    page.set_viewport_size(viewport)
    found = []
    for path in CHART_PAGES:
        page.goto(path)
        _settled(page)
        assert page.locator(".atlas-plot .main-svg").count()
        found += [f"{path} {issue}" for issue in page.evaluate(OVERLAPS)]
    assert not found, "\n".join(found)


def test_a_gap_is_labelled_not_printed(page: Page) -> None:
    page.goto("/plans/xk-2011-2014/")
    _settled(page)
    chart = page.locator("#chart-xk-2011-2014-budget-per-pillar-eur")
    _expect(chart.locator(".annotation-text")).to_have_text("not printed")
    _expect(chart.locator(".atlas-takeaway")).to_contain_text("1 of 4 pillars print no EUR figure")
