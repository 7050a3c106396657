"""The explorer as an NGO officer and a researcher use it (issue 21), in Chromium on the built site: a body as partner,
amounts sorted and summed per currency, unknown address values reported, cards on a phone, the CSV of a view."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from docs_build.site.explorer import PAGE_SIZE
from tests.browser.test_accessibility import BLOCKING, _axe, _report
from tests.browser.test_site import _expect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

READY = "#atlas-explorer[data-ready='1']"
FIGURE = re.compile(r"([A-Z]{3}) ([\d,]+(?:\.\d+)?)")


def _open(page: Page, query: str) -> None:
    page.goto("/explore/" + query)
    page.wait_for_selector(READY)


def _paths(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("links => links.map(a => new URL(a.href).pathname)")


def _figures(text: str, currency: str | None = None) -> list[Decimal]:
    """The figures of a budget cell (not its 'as printed' text), in one currency or all."""
    return [Decimal(value.replace(",", "")) for cur, value in FIGURE.findall(text) if currency in (None, cur)]


def test_a_body_as_partner_finds_what_its_institution_page_lists(page: Page) -> None:
    page.goto("/countries/xk/institutions/ngo/")
    heading = page.locator("h2#partner")
    _expect(heading).to_contain_text("Partner in (48)")
    listed = page.locator("h2#partner + ul > li > a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")
    assert len(listed) == 48
    _open(page, "?body=xk/ngo&role=partner")
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^48 of \d+ activities match"))
    assert _paths(page, ".atlas-explore tbody td:nth-child(3) a") == listed
    assert page.locator("select[name=body]").input_value() == "xk/ngo"
    page.locator("select[name=role]").select_option("")
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^52 of "))  # 48 + shares responsibility for 4
    assert parse_qs(urlsplit(page.url).query) == {"body": ["xk/ngo"]}


def test_sorting_by_amount_orders_rows_numerically(page: Page) -> None:
    _open(page, "?budget=RSD&sort=-amount")
    cells = page.locator(".atlas-explore tbody td:nth-child(7) .atlas-amounts").all_inner_texts()
    sums = [sum(_figures(text, "RSD")) for text in cells]
    assert len(sums) > 5 and sums == sorted(sums, reverse=True), sums
    assert len({len(str(int(s))) for s in sums}) > 1, "figures of different lengths, so text order would differ"
    header = page.locator(".atlas-explore thead th:nth-child(7)")
    _expect(header).to_have_attribute("aria-sort", "descending")
    header.locator("button").click()
    _expect(header).to_have_attribute("aria-sort", "ascending")
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["amount"]
    cells = page.locator(".atlas-explore tbody td:nth-child(7) .atlas-amounts").all_inner_texts()
    assert [sum(_figures(text, "RSD")) for text in cells] == sorted(sums)


def test_mixed_currencies_sort_within_each_currency(page: Page) -> None:
    """Currencies in order of their codes, amounts in order within each, rows without a figure last."""
    _open(page, "?plan=rs-2017-2022&sort=-amount")
    cells = page.locator(".atlas-explore tbody td:nth-child(7)")
    keys = cells.evaluate_all("cells => cells.map(c => [c.dataset.currency || '', Number(c.dataset.amount || 0)])")
    with_figure = [k for k in keys if k[0]]
    assert keys[:len(with_figure)] == with_figure, "rows without a figure come last"
    assert [c for c, _ in with_figure] == sorted(c for c, _ in with_figure)
    for currency in {c for c, _ in with_figure}:
        values = [v for c, v in with_figure if c == currency]
        assert values == sorted(values, reverse=True)
    _expect(page.locator(".atlas-totals")).to_contain_text("never converted")


def test_the_total_per_currency_is_the_sum_of_the_rows(page: Page) -> None:
    _open(page, "?plan=rs-2017-2022")
    count = int(page.locator(".atlas-count").inner_text().split()[0])
    cells = page.locator(".atlas-explore tbody td:nth-child(7) .atlas-amounts").all_inner_texts()
    assert page.locator(".atlas-explore tbody tr").count() == count
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for text in cells:
        for currency, value in FIGURE.findall(text):
            sums[currency] += Decimal(value.replace(",", ""))
    totals = page.locator(".atlas-total")
    shown = {totals.nth(i).get_attribute("data-currency"): totals.nth(i).inner_text() for i in range(totals.count())}
    assert set(shown) == set(sums) == {"EUR", "RSD"}
    for currency, total in sums.items():
        assert _figures(shown[currency], currency)[0] == total, (currency, shown[currency], total)


def test_an_unknown_value_is_reported_and_kept_in_the_address(page: Page) -> None:
    _open(page, "?country=zz&plan=xk-2011-2014")
    problems = page.locator(".atlas-problems")
    _expect(problems).to_be_visible()
    _expect(problems).to_contain_text("No country has the id “zz”")
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^0 of \d+ activities match"))
    assert parse_qs(urlsplit(page.url).query) == {"country": ["zz"], "plan": ["xk-2011-2014"]}
    _open(page, "?body=91&colour=red")
    _expect(problems).to_contain_text("No body has the id “91”")
    _expect(problems).to_contain_text("“colour=red”, which is not a filter")
    assert parse_qs(urlsplit(page.url).query) == {"body": ["91"], "colour": ["red"]}


def test_on_a_phone_cards_show_the_text_and_the_filters_fold(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        _open(page, "?plan=xk-2011-2014&theme=protection&budget=yes")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        toggle = page.locator(".atlas-filters-toggle")
        _expect(toggle).to_have_text("Filters (3 active)")
        _expect(page.locator("select[name=plan]")).to_be_hidden()
        card = page.locator(".atlas-explore tbody tr").first
        text = card.locator("td:nth-child(4)")
        _expect(text).to_be_visible()
        box = text.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] > 20
        assert len(text.inner_text()) > 40, "the whole text of the activity, not five characters"
        for cell in (3, 1, 5, 7):
            _expect(card.locator(f"td:nth-child({cell})")).to_be_visible()
        toggle.click()
        _expect(toggle).to_have_attribute("aria-expanded", "true")
        _expect(page.locator("select[name=plan]")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not [v for v in _axe(page) if v["impact"] in BLOCKING], _report(_axe(page))
    finally:
        context.close()


def test_the_csv_of_a_view_has_exactly_the_rows_shown(page: Page) -> None:
    published = page.request.get("/downloads/activities.csv").body().decode("utf-8-sig")
    all_rows = list(csv.reader(io.StringIO(published, newline="")))
    header, by_url = all_rows[0], {row[all_rows[0].index("url")]: row for row in all_rows[1:]}
    _open(page, "?body=xk/ngo&role=partner&sort=-amount")
    shown = [p.lstrip("/") for p in _paths(page, ".atlas-explore tbody td:nth-child(3) a")]
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these rows as CSV").click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == header
    assert [row[header.index("url")] for row in rows[1:]] == shown and len(shown) == 48
    assert rows[1:] == [by_url[url] for url in shown]
    _expect(page.locator(".atlas-action-status")).to_contain_text("48 rows")


def test_copy_link_to_this_view(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    _open(page, "?body=xk/ngo&role=partner")
    page.get_by_role("button", name="Copy link to this view").click()
    _expect(page.locator(".atlas-action-status")).to_contain_text("Link to this view copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert "body=xk%2Fngo&role=partner" in page.url


def test_a_filter_with_one_value_for_every_activity_is_hidden(page: Page) -> None:
    _open(page, "")
    _expect(page.locator("select[name=status]")).to_be_hidden()
    _expect(page.locator("select[name=plan]")).to_be_visible()
    _open(page, "?status=completed")
    _expect(page.locator("select[name=status]")).to_be_visible()


def test_without_javascript_the_pages_list_amounts(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/explore/page-2/")
        _expect(page.locator(".atlas-explore tbody tr").first).to_be_visible()
        budgets: list[str] = []
        for href in page.locator(".atlas-pages a").evaluate_all("links => links.map(a => a.href)"):
            page.goto(href)  # every plain page: which of them holds the plans with amounts depends on the page size
            budgets += page.locator(".atlas-explore tbody td:nth-child(7)").all_inner_texts()
        assert any(FIGURE.search(text) for text in budgets)
        page.goto("/explore/page-2/")
        page.locator(".atlas-pages a", has_text="1").click()
        _expect(page).to_have_url(re.compile(r"/explore/$"))
        assert page.locator(".atlas-explore tbody tr").count() == PAGE_SIZE
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filtered_view_with_totals_and_a_reported_value_is_axe_clean(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    _open(page, "?plan=rs-2017-2022&sort=-amount&colour=red")
    _expect(page.locator(".atlas-problems")).to_be_visible()
    _expect(page.locator(".atlas-total").first).to_be_visible()
    violations = [v for v in _axe(page) if v["impact"] in BLOCKING]
    assert not violations, _report(violations)


def test_the_long_menus_list_every_pillar_and_body_once_opened_keeping_the_choice(page: Page) -> None:
    _open(page, "?body=xk/ngo&pillar=xk-2011-2014/protection")
    body, pillar = page.locator("select[name=body]"), page.locator("select[name=pillar]")
    assert body.locator("option").count() == 2  # "All" and the body the address names, until the menu is opened
    data = page.evaluate("document.getElementById('atlas-explorer').atlasExplorer.data")
    body.focus()  # what a keyboard, a click or a tap does first
    _expect(body.locator("option")).to_have_count(1 + len(data["bodies"]))
    assert body.input_value() == "xk/ngo"
    names = body.locator("option").all_inner_texts()[1:]
    assert len(set(names)) == len(names) and names[0].startswith("A")  # sorted by name, each once
    pillar.dispatch_event("mousedown")
    _expect(pillar.locator("option")).to_have_count(1 + len(data["pillars"]))
    assert pillar.input_value() == "xk-2011-2014/protection"
    body.select_option("al/asp")
    _expect(page.locator(".atlas-count")).to_have_text(re.compile(r"^0 of "))  # Albanian police in a Kosovo pillar
    assert parse_qs(urlsplit(page.url).query)["body"] == ["al/asp"]
