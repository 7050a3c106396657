"""Activity and plan pages in Chromium (issue 19): what shows above the fold, what prints, and the 404 page."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.data.records import Records
from tests.browser.conftest import _QuietHandler, _unavailable, built_and_served
from tests.browser.test_site import _expect
from tests.conftest import MINIMAL, ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ACTIVITY = "/plans/xk-2011-2014/prevention/1-1-3/"
KOSOVO_PRINT = "/plans/xk-2011-2014/print/"
MAX_PLAN_PAGES = 40


def _records() -> Records:
    """Records of the shipped data."""
    return Records(build_atlas(ROOT / "data"))


@pytest.mark.parametrize(("width", "height", "mobile"), [(1280, 900, False), (390, 844, True)])
def test_summary_box_and_share_row_are_above_the_fold(browser: Browser, site_url: str, width: int, height: int,
                                                      mobile: bool) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": height}, is_mobile=mobile,
                                  has_touch=mobile, device_scale_factor=2 if mobile else 1)
    page = context.new_page()
    page.goto(ACTIVITY)
    share = page.locator(".atlas-share")
    _expect(share.get_by_role("button", name="Copy link")).to_be_visible()
    row = share.bounding_box()
    box = page.locator(".atlas-summary-box").bounding_box()
    assert row and box
    assert row["y"] >= 0 and row["y"] + row["height"] <= height, row
    # The box starts on the first screen with at least its first rows (where, ref, timeframe) in view.
    assert box["y"] + 150 <= height, box
    if not mobile:
        assert box["y"] + box["height"] <= height, box
    page.get_by_role("button", name="Copy link").click()
    status = share.locator(".atlas-copied")
    _expect(status).to_have_text(re.compile("Link copied"))
    seen = status.bounding_box()
    assert seen and seen["y"] + seen["height"] <= height, "the confirmation shows next to the button, on screen"
    context.close()


@pytest.mark.parametrize("plan_id", ["rs-2017-2022", "xk-2011-2014"])
def test_the_activity_table_shows_every_column_at_1280(browser: Browser, site_url: str, plan_id: str) -> None:
    """On a desktop the plan's activity table fits its column: Budget and Responsible are in view, not scrolled off."""
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"/plans/{plan_id}/")
    wrapper = page.locator(".atlas-activities").first
    box = wrapper.bounding_box()
    assert box and wrapper.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table scrolls sideways"
    responsible = page.locator(".atlas-activity-table th", has_text="Responsible").first.bounding_box()
    assert responsible and responsible["x"] + responsible["width"] <= box["x"] + box["width"] + 1, responsible
    context.close()


def _pdf_text(page: Page, tmp_path: Path, name: str, *, layout: bool = True) -> tuple[int, str]:
    """Print the page to an A4 PDF with Chromium; its number of pages and its text (pdftotext, columns side by side
    with layout, else in reading order)."""
    if not shutil.which("pdftotext"):
        _unavailable("pdftotext is missing (apt-get install poppler-utils)")
    pdf = tmp_path / f"{name}.pdf"
    page.emulate_media(media="print")
    pdf.write_bytes(page.pdf(format="A4", print_background=False, prefer_css_page_size=True))
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return text.count("\f") or 1, text


def test_kosovo_print_version_has_every_activity_within_40_pages(page: Page, tmp_path: Path) -> None:
    page.goto(KOSOVO_PRINT)
    _expect(page.locator("[data-atlas-today]")).to_have_text(re.compile(r"^printed \d+ \w+ \d{4}$"))
    pages, text = _pdf_text(page, tmp_path, "kosovo")
    assert pages <= MAX_PLAN_PAGES, pages
    refs = Counter(r.ref for r in _records().activities["xk-2011-2014"])
    assert sum(refs.values()) == 136
    words = Counter(re.findall(r"(?<![\d.])\d+(?:\.\d+)+(?![\d])", text))
    missing = {ref: n for ref, n in refs.items() if words[ref] < n}
    assert not missing, f"refs missing from the printed plan: {missing}"
    assert "Copy" not in text and "BibTeX" not in text


@pytest.mark.parametrize("plan_id", ["xk-2011-2014", "rs-2017-2022", "mk-2009-2012", "al-2008-2010",
                                     "al-2018-2019-economic-exploitation"])
def test_every_print_version_has_every_activity(page: Page, tmp_path: Path, plan_id: str) -> None:
    page.goto(f"/plans/{plan_id}/print/")
    _, text = _pdf_text(page, tmp_path, plan_id)
    flat = " ".join(text.split())
    missing = [r.ref for r in _records().activities[plan_id] if r.ref and r.ref not in flat]
    assert not missing, missing


def _longest_activity(plan_id: str) -> str:
    """The address of the plan's activity with the most data: the hardest to fit on one sheet."""
    return "/" + max(_records().activities[plan_id], key=lambda r: len(r.item.model_dump_json())).url


def _words(text: str) -> str:
    """Text with its whitespace runs made single spaces and typographic quotes made plain, to compare with a PDF's."""
    return " ".join(text.split()).translate(str.maketrans("‘’“”", "''\"\""))


# Serbia's longest activity holds seven tasks, each with its own budget cell and notes: print.css compacts the layout
# (two columns, run-in fields), never the content, so every text, budget and note must still be on the sheet.
@pytest.mark.parametrize("plan_id", [None, "xk-2011-2014", "rs-2017-2022", "mk-2009-2012", "al-2008-2010",
                                     "al-2018-2019-economic-exploitation"])
def test_one_activity_prints_on_one_a4_page(page: Page, tmp_path: Path, plan_id: str | None) -> None:
    path = _longest_activity(plan_id) if plan_id else ACTIVITY
    page.goto(path)
    pages, text = _pdf_text(page, tmp_path, "activity", layout=False)
    assert pages == 1, f"{path} prints on {pages} pages"
    assert "Copy link" not in text and "BibTeX" not in text
    assert "Related activities" not in text and "Cite this activity" not in text
    printed = _words(text)
    record = next(r for r in _records().activities[plan_id or "xk-2011-2014"] if "/" + r.url == path)
    item = record.item
    texts = [item.text, *(t.text for t in item.tasks), *item.notes, *(n for t in item.tasks for n in t.notes)]
    texts += [b.printed for b in (item.budget, *(t.budget for t in item.tasks)) if b]
    missing = [t for t in texts if _words(t) not in printed]
    assert not missing, f"{path} prints without: {missing}"


def test_not_found_page_offers_search_and_the_explorer(page: Page) -> None:
    page.goto("/404.html")
    content = page.locator(".md-content")
    _expect(content).to_contain_text("never change")
    _expect(content.get_by_role("link", name="Explore every activity")).to_be_visible()
    page.get_by_label("Words or an activity number").fill("surveys")
    page.get_by_role("button", name="Find activities").click()
    _expect(page).to_have_url(re.compile(r"/explore/\?text=surveys"))


SUB_PATH = "/atlas/"


class _GitHubPagesHandler(_QuietHandler):
    """Serves a folder as GitHub Pages serves a project site: a missing address gets the site's 404.html, status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer 404 with the site's own page, any other error as usual."""
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / SUB_PATH.strip("/") / "404.html").read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal fixture built with SITE_URL under /atlas/ and served there; missing addresses get 404.html."""
    with built_and_served(tmp_path_factory.mktemp("hosted"), _GitHubPagesHandler, SUB_PATH, MINIMAL) as url:
        yield url


@pytest.mark.parametrize(("width", "height", "mobile"), [(1280, 900, False), (390, 844, True)])
def test_not_found_page_works_under_a_sub_path(browser: Browser, sub_path_url: str, width: int, height: int,
                                               mobile: bool) -> None:
    """Hosted under /atlas/ with SITE_URL set, the 404 page of a deep missing address has its styles and scripts, and
    its form, links and search lead into the site."""
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile)
    origin = urlsplit(sub_path_url)
    failed: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    context.route(lambda u: urlsplit(u).netloc != origin.netloc, lambda route: route.abort())
    page = context.new_page()
    missing = f"{sub_path_url}plans/xk-2011-2014/no-such-pillar/9-9-9/"
    response = page.goto(missing)
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    assert failed == [f"404 {missing}"], "every style, script and image of the 404 page loads under the sub-path"
    _expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"  # Material's CSS
    assert page.locator(".atlas-404 form").evaluate("el => getComputedStyle(el).display") == "flex"  # the site's
    links = page.locator(".md-content a, .md-header a").evaluate_all("els => els.map(a => a.href)")
    outside = [href for href in links if not href.startswith(sub_path_url)]
    assert not outside, outside
    if not mobile:
        page.keyboard.press("/")  # search: its script and Pagefind come from under the sub-path too
        page.locator("#atlas-search-query").fill("awareness")
        result = page.locator(".atlas-search-result a").first
        _expect(result).to_be_visible()
        assert (result.get_attribute("href") or "").startswith(origin.path), result.get_attribute("href")
        page.keyboard.press("Escape")
    page.get_by_label("Words or an activity number").fill("awareness")
    page.get_by_role("button", name="Find activities").click()
    _expect(page).to_have_url(re.compile(re.escape(f"{sub_path_url}explore/?text=awareness")))
    _expect(page.locator(".md-content h1").first).to_be_visible()
    assert failed == [f"404 {missing}"], failed
    context.close()
