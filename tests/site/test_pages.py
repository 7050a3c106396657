"""Pages that read, share and print well (issue 19): titles, sharing tags, JSON-LD, SITE_URL, no leaks, size."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image

from docs_build.data.atlas import build_atlas
from docs_build.data.records import Records
from docs_build.site import meta, preview
from docs_build.site.build import prepare
from tests.conftest import MINIMAL, ROOT

SITE_URL = "https://example.org/atlas/"
MAX_PAGE_BYTES = 150_000
# Raw Markdown that should have become markup: backticks, bold stars, inline links, attribute lists.
LEAKS = re.compile(r"`|\*\*|\[[^\]\n]*\]\([^)\n]*\)|\{:")
# A note may quote the source's own characters ("**L**", conversion debris): quotations are not leaks.
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


class PageScan(HTMLParser):
    """The visible text outside code, the title, the head's meta and link tags and the JSON-LD of a page."""

    SKIP = {"code", "pre", "script", "style", "title", "kbd", "samp"}

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.refresh = False
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a.get("content", "")
            self.refresh = self.refresh or a.get("http-equiv") == "refresh"
        elif tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href", "")
        elif tag in self.SKIP:
            self._stack.append(tag if a.get("type") != "application/ld+json" else "jsonld")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._stack:
            self.text.append(data)
        elif self._stack[-1] == "title":
            self.title += data
        elif self._stack[-1] == "jsonld":
            self.jsonld.append(data)


def scan(path: Path) -> PageScan:
    """Parse one built page."""
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(site.rglob("*.html"))


def test_no_raw_markdown_leaks_into_any_page(built_site: Path) -> None:
    leaks = []
    for path in pages_of(built_site):
        if path.relative_to(built_site).parts[0] == "sources":
            continue  # source texts are shown exactly as converted, their own ** and ` included (issue 18)
        text = QUOTED.sub('""', " ".join(scan(path).text))
        leaks += [f"{path.relative_to(built_site)}: …{text[max(0, m.start() - 40):m.end() + 40]}…"
                  for m in LEAKS.finditer(text)]
    assert not leaks, "\n".join(leaks[:20])


def test_no_page_exceeds_150_kb(built_site: Path) -> None:
    big = [(p.relative_to(built_site), p.stat().st_size) for p in pages_of(built_site)
           if p.stat().st_size > MAX_PAGE_BYTES]
    assert not big, big


def test_titles_are_unique_and_the_home_title_is_not_doubled(built_site: Path) -> None:
    titles: dict[str, list[str]] = {}
    for path in pages_of(built_site):
        page = scan(path)
        if not page.refresh and path.name != "404.html":
            titles.setdefault(page.title.strip(), []).append(str(path.relative_to(built_site)))
    doubled = {t: p for t, p in titles.items() if len(p) > 1}
    assert not doubled, doubled
    home = scan(built_site / "index.html").title
    assert home.count("Plan Atlas") == 1 and "trafficking" in home, home
    assert all(t.endswith(" | Plan Atlas") for t in titles if t != home)


def test_activity_title_names_subject_ref_and_plan(built_site: Path) -> None:
    page = scan(built_site / "plans/xk-2011-2014/prevention/1-1-2/index.html")
    assert page.title == ("Conduct surveys in rural and urban areas on the level of knowledge… "
                          "— Activity 1.1.2, Kosovo 2011–2014 | Plan Atlas")


def test_status_is_said_once_on_the_plan_page_when_no_activity_has_one(built_site: Path) -> None:
    activity = " ".join(scan(built_site / "plans/xk-2011-2014/prevention/1-1-2/index.html").text)
    pillar = " ".join(scan(built_site / "plans/xk-2011-2014/prevention/index.html").text)
    plan = " ".join(scan(built_site / "plans/xk-2011-2014/index.html").text)
    assert "Implementation status" not in activity and "Implementation status" not in pillar
    assert plan.count("Implementation status: the source reports none for any activity") == 1


def test_every_page_has_sharing_tags_and_an_existing_preview_image(built_site: Path) -> None:
    required = ["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:image", "og:image:width",
                "og:image:height", "twitter:card"]
    sizes: dict[str, tuple[int, int]] = {}
    for path in pages_of(built_site):
        page = scan(path)
        if page.refresh:
            continue  # a retired address: it leads on to the current page
        where = path.relative_to(built_site)
        # The 404 page is served at any missing address: it has no address of its own, and says none (an empty
        # og:url would make a shared link preview point nowhere).
        expected = [k for k in required if k != "og:url"] if path.name == "404.html" else required
        assert path.name != "404.html" or "og:url" not in page.meta, where
        assert path.name == "404.html" or "canonical" in page.links, where
        assert [k for k in expected if not page.meta.get(k)] == [], where
        src = page.meta["og:image"]  # relative without SITE_URL; the 404 page's addresses start at the root
        image = (built_site / src[1:] if src.startswith("/") else path.parent / src).resolve()
        if image not in sizes:
            assert image.is_file(), (where, page.meta["og:image"])
            sizes[image] = Image.open(image).size
        assert sizes[image] == (int(page.meta["og:image:width"]), int(page.meta["og:image:height"])), where
    assert len(sizes) == 1 + 4 + 5  # the site's, one per country, one per plan


def test_json_ld_describes_the_dataset_and_each_plan(built_site: Path) -> None:
    downloads = scan(built_site / "downloads/index.html")
    dataset = json.loads(downloads.jsonld[0])
    assert dataset["@type"] == "Dataset" and dataset["license"].startswith("https://creativecommons.org/")
    assert "citation" in dataset and dataset["distribution"]
    files = {d["contentUrl"].removeprefix("/") for d in dataset["distribution"]}
    on_disk = {str(p.relative_to(built_site)) for p in (built_site / "downloads").rglob("*") if p.is_file()
               and p.name != "index.html"}
    assert files == on_disk
    plan = json.loads(scan(built_site / "plans/xk-2011-2014/index.html").jsonld[0])
    assert plan["@type"] == "CreativeWork" and plan["temporalCoverage"] == "2011/2014"
    assert plan["spatialCoverage"]["name"] == "Kosovo" and plan["creator"]["name"]


def test_without_site_url_robots_has_no_sitemap_line(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text()
    assert "User-agent: *" in robots and "Sitemap:" not in robots


def test_preview_images_are_the_same_bytes_every_build() -> None:
    atlas = build_atlas(MINIMAL)
    first, second = preview.previews(atlas, Records(atlas)), preview.previews(build_atlas(MINIMAL), Records(atlas))
    assert first == second
    assert set(first) == {meta.site_image(), meta.country_image("xk"), meta.plan_image("xk-2011-2014")}


def test_shorten_cuts_at_a_word() -> None:
    assert meta.shorten("Organize media campaigns to raise", 20) == "Organize media…"
    assert meta.shorten("short", 20) == "short"


def _build(site: Path, site_url: str | None) -> subprocess.CompletedProcess[str]:
    """The minimal fixture built with or without SITE_URL."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAN_ATLAS_DATA": str(MINIMAL)}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture built with SITE_URL set, as for publishing under a sub-path."""
    site = tmp_path_factory.mktemp("hosted")
    result = _build(site, SITE_URL)
    assert result.returncode == 0, result.stderr
    assert meta.SITE_URL_WARNING not in result.stderr
    return site


def test_with_site_url_the_sitemap_lists_every_page(hosted_site: Path) -> None:
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (hosted_site / "sitemap.xml").read_text()))
    expected = {SITE_URL + str(p.parent.relative_to(hosted_site)).removeprefix(".") + "/"
                for p in hosted_site.rglob("index.html") if not scan(p).refresh}
    expected = {url.replace("atlas//", "atlas/") for url in expected}
    assert listed == expected
    assert (hosted_site / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {SITE_URL}sitemap.xml"


def test_with_site_url_canonical_links_previews_and_citations_use_it(hosted_site: Path) -> None:
    path = hosted_site / "plans/xk-2011-2014/prevention/1-1-1/index.html"
    page = scan(path)
    url = SITE_URL + "plans/xk-2011-2014/prevention/1-1-1/"
    assert page.links["canonical"] == url and page.meta["og:url"] == url
    assert page.meta["og:image"] == SITE_URL + "assets/previews/plans/xk-2011-2014.png"
    html = path.read_text(encoding="utf-8")
    cite = re.search(r'<code id="cite-text">(.*?)</code>', html, re.S)
    bibtex = re.search(r'<code id="cite-bibtex">(.*?)</code>', html, re.S)
    assert cite and bibtex
    assert f"Plan Atlas, {url} (accessed" in unescape(cite.group(1))
    assert "url = {" + url + "}," in unescape(bibtex.group(1))


def test_with_site_url_the_not_found_page_has_no_address_outside_its_path(hosted_site: Path) -> None:
    """404.html is served at any depth of a missing address: every link and asset starts with SITE_URL's path."""
    html = (hosted_site / "404.html").read_text(encoding="utf-8")
    addresses = re.findall(r'\s(?:href|src|action|content)="(/[^"]*|https?:[^"]*)"', html)
    path = urlsplit(SITE_URL).path
    assert addresses and all(a.startswith((path, SITE_URL)) for a in addresses), addresses
    assert scan(hosted_site / "404.html").meta["og:image"] == SITE_URL + "assets/previews/site.png"


def test_without_site_url_the_build_warns_once(tmp_path: Path) -> None:
    result = _build(tmp_path / "site", None)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(meta.SITE_URL_WARNING) == 1
    canonical = scan(tmp_path / "site/plans/xk-2011-2014/index.html").links["canonical"]
    assert not canonical.startswith(("http:", "https:", "/")), canonical


def test_pages_stay_small_when_a_pillar_has_thousands_of_activities(minimal_copy: Path) -> None:
    """A pillar of 3,000 activities: plan, pillar and print pages list them compactly or leave them to the explorer."""
    path = minimal_copy / "plans/xk-2011-2014/1-prevention.yaml"
    pillar = yaml.safe_load(path.read_text(encoding="utf-8"))
    objective = pillar["objectives"][0]["objectives"][0]
    objective["activities"] += [{"ref": f"1.1.{n}", "text": f"Activity number {n} of a very long pillar " * 3,
                                 "timeframe": {"printed": "2011-2014", "start": 2011, "end": 2014},
                                 "responsible": {"printed": "NATC", "ids": ["natc"]}} for n in range(4, 3004)]
    path.write_text(yaml.safe_dump(pillar, allow_unicode=True), encoding="utf-8")
    pages = {page.src: page.content for page in prepare(ROOT, minimal_copy).pages}
    assert len(pages) > 3000
    # The Markdown of a page; its HTML adds the navigation and markup, well within the 150 kB of a page.
    big = {src: len(content.encode()) for src, content in pages.items()
           if src.startswith("plans/") and len(content.encode()) > 90_000}
    assert not big, big
    assert "list them in the explorer" in pages["plans/xk-2011-2014/prevention/index.md"]


def test_not_found_page_works_under_the_sub_path(hosted_site: Path) -> None:
    """Served at any depth, the 404 page's links and assets carry SITE_URL's path, never just the server's root."""
    html = (hosted_site / "404.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert urls
    wrong = [u for u in urls if u.startswith("/") and not u.startswith("/atlas/")]
    assert not wrong, wrong
    text = " ".join(scan(hosted_site / "404.html").text)
    assert "never change" in text and "Explore every activity" in text
