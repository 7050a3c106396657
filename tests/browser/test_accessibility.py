"""Accessibility of the built site: axe-core finds no critical or serious violation in light and dark mode, and the
interactive parts (explorer, sortable columns, copy link, plan picker) work with the keyboard alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import _unavailable
from tests.browser.test_site import _expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

ACTIVITY = "/plans/xk-2011-2014/prevention/1-1-3/"
PAGES = [
    "/", "/countries/", "/countries/xk/", "/plans/xk-2011-2014/", "/plans/rs-2017-2022/",
    "/plans/xk-2011-2014/prevention/",
    ACTIVITY, "/compare/", "/compare/themes/", "/compare/themes/children/", "/compare/legal/",
    "/compare/institutions/", "/compare/activities/?ids=xk-2011-2014/protection/2-2-2,rs-2017-2022/protection/4-2",
    "/explore/", "/indicators/mk-2009-2012/", "/downloads/",
    "/sources/mk-2009-2012/", "/countries/mk/institutions/mlsp/",
    "/plans/mk-2009-2012/coordination-and-international-cooperation/7-2-1/",
]
BLOCKING = ("critical", "serious")


def _ready(page: Page) -> None:
    """Wait until the page's scripts are done: charts drawn, explorer filled, picker and copy buttons shown."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "[...document.querySelectorAll('.atlas-plot')].every(p => p.dataset.atlasDrawn === '1'"
        " && p.querySelector('.main-svg'))"
    )
    if page.locator("#atlas-explorer").count():
        _expect(page.locator("#atlas-explorer")).to_have_attribute("data-ready", "1")
    if page.locator("#atlas-side-by-side").count():
        _expect(page.locator("#atlas-side-by-side")).to_have_attribute("data-ready", "1")
    if page.locator("[data-atlas-picker]").count():
        _expect(page.locator("[data-atlas-picker]")).to_be_visible()
    if page.locator(".atlas-copy").count():
        _expect(page.locator(".atlas-copy").first).to_be_visible()


def _report(violations: list[dict[str, Any]]) -> str:
    """One line per violation: id, impact, help, how many nodes and the first nodes' selectors."""
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} nodes] e.g. {targets}")
    return "\n".join(lines)


def _axe(page: Page) -> list[dict[str, Any]]:
    """Run the axe-core shipped with axe-playwright-python (no download) on the page; return its violations."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("the Python package 'axe-playwright-python' is not installed (pip install -e '.[test]')")
    return Axe().run(page).response["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(page: Page, path: str, scheme: str) -> None:
    """axe-core reports no critical or serious problem on each kind of page, in the light and the dark palette."""
    # The palette follows the reader's system preference until one is picked: emulate it before the page loads.
    page.emulate_media(color_scheme=scheme)
    page.goto(path)
    _expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    _ready(page)
    violations = _axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    assert not blocking, f"axe on {path} ({scheme}):\n{_report(blocking)}\nless severe:\n{_report(others)}"


def _press_until(page: Page, key: str, target: Locator, limit: int = 200) -> None:
    """Press a key (Tab or Shift+Tab) until the target has the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            return
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"{limit} presses of {key} did not reach {target}; focus is on {focused}")


def _assert_focus_visible(page: Page) -> None:
    """The focused element shows a focus indicator: an outline or a box shadow."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,"
        " html: document.activeElement.outerHTML.slice(0, 120)}; }"
    )
    assert (style["outline"] != "none" and style["width"] > 0) or style["shadow"] != "none", style


def test_explorer_with_the_keyboard_alone(page: Page) -> None:
    """Pick a plan with the arrow keys, Shift+Tab back to the text filter and type, sort with Enter and Space."""
    page.goto("/explore/")
    _expect(page.locator("#atlas-explorer")).to_have_attribute("data-ready", "1")
    count = page.locator(".atlas-count")
    everything = count.inner_text()
    plan = page.locator("select[name=plan]")
    _press_until(page, "Tab", plan)
    _assert_focus_visible(page)
    for _ in range(20):
        if plan.input_value() == "xk-2011-2014":
            break
        page.keyboard.press("ArrowDown")
    assert plan.input_value() == "xk-2011-2014"
    _expect(count).not_to_have_text(everything)
    one_plan = count.inner_text()
    _press_until(page, "Shift+Tab", page.locator("#atlas-explorer input[name=text]"))
    _assert_focus_visible(page)
    page.keyboard.type("surveys")
    _expect(count).to_have_text(re.compile(r"^2 of \d+ activities match"))
    assert one_plan != count.inner_text()
    assert page.locator(".atlas-explore tbody tr").count() == 2
    sort = page.locator(".atlas-explore th:nth-child(3) .atlas-sort")
    _press_until(page, "Tab", sort)
    _expect(sort).to_have_text("Ref")
    _assert_focus_visible(page)
    header = page.locator(".atlas-explore thead th:nth-child(3)")
    page.keyboard.press("Enter")
    _expect(header).to_have_attribute("aria-sort", "ascending")
    page.keyboard.press("Space")
    _expect(header).to_have_attribute("aria-sort", "descending")
    assert re.search(r"[?&]sort=-ref(&|$)", page.url), page.url
    _expect(sort).to_be_focused()


def test_copy_link_with_the_keyboard(page: Page, site_url: str) -> None:
    """Tab from the top of an activity page reaches "Copy link" in the share row; Enter copies and says so beside it."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(ACTIVITY)
    _expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    _press_until(page, "Tab", page.get_by_role("button", name="Copy link"))
    _assert_focus_visible(page)
    page.keyboard.press("Enter")
    _expect(page.locator(".atlas-share .atlas-copied")).to_have_text(re.compile("Link copied"))
    assert page.evaluate("navigator.clipboard.readText()") == site_url + ACTIVITY


def test_plan_picker_with_the_keyboard(page: Page) -> None:
    """Tab to a plan's checkbox in the comparison picker: Space hides its column and puts the choice in the URL."""
    page.goto("/compare/")
    _expect(page.locator("[data-atlas-picker]")).to_be_visible()
    box = page.locator("[data-atlas-picker] input[name=plans]").first
    _press_until(page, "Tab", box)
    _assert_focus_visible(page)
    plan = box.get_attribute("value")
    column = page.locator(f".atlas-compare thead th:has([data-plan='{plan}'])")
    _expect(column).to_be_visible()
    page.keyboard.press("Space")
    _expect(box).not_to_be_checked()
    _expect(column).to_be_hidden()
    chosen = parse_qs(urlsplit(page.url).query)["plans"][0].split(",")
    assert plan not in chosen and len(chosen) == page.locator("[data-atlas-picker] input").count() - 1, chosen
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    _expect(box).to_be_focused()
    page.keyboard.press("Space")
    _expect(box).to_be_checked()
    _expect(column).to_be_visible()
    assert "plans=" not in page.url, page.url
