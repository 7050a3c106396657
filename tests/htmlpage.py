"""Read built HTML pages in tests: the article's tables, links and ids, with the standard library only."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Cell:
    """A table cell: its text and the links in it."""

    text: str = ""
    links: list[str] = field(default_factory=list)


class _Article(HTMLParser):
    """Collects tables, links and ids of the page's article (Material's md-content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tables: list[list[list[Cell]]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = Cell()
            self.tables[-1][-1].append(self.cell)
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
            if self.cell is not None:
                self.cell.links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text = " ".join((self.cell.text + " " + data).split())


@dataclass
class HtmlPage:
    """A parsed page of the built site."""

    path: Path
    tables: list[list[list[Cell]]]
    links: list[str]
    ids: set[str]


def read_page(path: Path) -> HtmlPage:
    """Parse one built HTML page."""
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return HtmlPage(path, parser.tables, parser.links, parser.ids)


def page_of(site: Path, url: str) -> HtmlPage:
    """The page at a site path such as 'compare/themes/'."""
    return read_page(site / url / "index.html")


def broken_links(site: Path, page: HtmlPage) -> list[str]:
    """Links of the page's article that lead to no page or to a missing anchor of the site."""
    broken = []
    for href in page.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            continue
        target = (page.path.parent / unquote(parts.path)).resolve() if parts.path else page.path
        if target.is_dir():
            target = target / "index.html"
        inside = target.is_file() and site.resolve() in target.parents
        if not inside or (parts.fragment and target.suffix == ".html" and parts.fragment not in _ids(target)):
            broken.append(href)
    return broken


def _ids(path: Path, cache: dict[Path, set[str]] = {}) -> set[str]:  # noqa: B006 - a deliberate memo
    """Ids of a page, parsed once per test run."""
    if path not in cache:
        cache[path] = read_page(path).ids
    return cache[path]
