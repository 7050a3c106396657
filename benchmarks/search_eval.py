"""Search quality, weight and speed in real Chromium: top-1, top-3 and MRR of tests/search/queries.yaml, per kind of
query and per plan; bytes a reader's first query downloads; time from the last keystroke to the results.

Usage: .venv/bin/python benchmarks/search_eval.py [--site DIR] [--queries FILE] [--misses]

Without --site it builds the site (mkdocs build --strict) into a temporary folder. The site is served on 127.0.0.1
and searched through the site's own search code (content/assets/search.js: window.atlasSearch.results), the code the
dialog uses. tests/browser/test_search_quality.py runs the same evaluation in CI with thresholds.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search" / "queries.yaml"
CHROMIUM = "/usr/bin/chromium"
DEPTH = 10  # results looked at per query; a right page further down counts as not found (reciprocal rank 0)
FIRST_QUERIES = ("shelter", "protection 1.(a).2", "awareness raising campaigns for children")
# Kinds of query whose targets the issue sets (phrase and keyword queries together).
WORDS = ("phrase", "keywords")


@dataclass(frozen=True)
class Query:
    """One query and the page that is right for it."""

    query: str
    kind: str
    plan: str
    expect: str


@dataclass
class Tally:
    """Counts of one group of queries."""

    n: int = 0
    top1: int = 0
    top3: int = 0
    rr: float = 0.0

    def add(self, rank: int | None) -> None:
        """Count one query whose right page came at rank (1-based), or not in the first DEPTH results."""
        self.n += 1
        if rank:
            self.top1 += rank == 1
            self.top3 += rank <= 3
            self.rr += 1 / rank

    def row(self, label: str) -> str:
        """A Markdown table row."""
        return f"| {label} | {self.n} | {self.top1 / self.n:.1%} | {self.top3 / self.n:.1%} | {self.rr / self.n:.3f} |"

    @property
    def rates(self) -> tuple[float, float, float]:
        """top-1, top-3, MRR."""
        return self.top1 / self.n, self.top3 / self.n, self.rr / self.n


@dataclass
class Evaluation:
    """Ranks of every query and the tallies by kind and by plan."""

    ranks: list[tuple[Query, int | None, list[str]]] = field(default_factory=list)

    def tally(self, keep: Any = lambda q: True) -> Tally:
        """The tally of the queries keep() selects."""
        t = Tally()
        for q, rank, _ in self.ranks:
            if keep(q):
                t.add(rank)
        return t

    def table(self) -> str:
        """Markdown tables by kind and by plan."""
        kinds = sorted({q.kind for q, _, _ in self.ranks})
        plans = sorted({q.plan for q, _, _ in self.ranks})
        head = ["| {} | queries | top-1 | top-3 | MRR |", "|---|---:|---:|---:|---:|"]
        lines = [head[0].format("kind of query"), head[1]]
        lines += [self.tally(lambda q, k=k: q.kind == k).row(k) for k in kinds]
        lines.append(self.tally(lambda q: q.kind in WORDS).row("**phrase + keywords**"))
        lines.append(self.tally().row("**all**"))
        lines += ["", head[0].format("plan"), head[1]]
        lines += [self.tally(lambda q, p=p: q.plan == p).row(p) for p in plans]
        return "\n".join(lines)


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set."""
    return [Query(**{k: str(v) for k, v in entry.items()}) for entry in yaml.safe_load(path.read_text("utf-8"))]


def ready(page: Page) -> None:
    """Load the site's search code into a page of the site (as opening the dialog does)."""
    page.goto("/")
    page.wait_for_function("window.atlasLoad !== undefined")
    page.evaluate("window.atlasLoad('search.js')")
    page.wait_for_function("window.atlasSearch !== undefined")


def ranked(page: Page, text: str, depth: int = DEPTH) -> list[str]:
    """The paths of the first results for a query, best first."""
    urls = page.evaluate("([t, d]) => window.atlasSearch.results(t, {}, d).then(rs => rs.map(r => r.url))",
                         [text, depth])
    return [urlsplit(u).path for u in urls]


def evaluate(page: Page, queries: list[Query]) -> Evaluation:
    """Run every query in the page and record the rank of its right page."""
    ready(page)
    out = Evaluation()
    for q in queries:
        paths = ranked(page, q.query)
        rank = paths.index(q.expect) + 1 if q.expect in paths else None
        out.ranks.append((q, rank, paths))
    return out


def first_query_weight(page: Page, text: str, site: Path) -> tuple[dict[str, int], int]:
    """Bytes of every search file a fresh reader's first query downloads (their size as served, uncompressed by the
    server: Pagefind's index files are gzip at rest), by kind of file, and the number of files. Nothing may load
    before search is opened."""
    paths: list[str] = []

    def record(request: Any) -> None:
        path = urlsplit(request.url).path
        if "/pagefind/" in path or path.endswith("/search.js"):
            paths.append(path)

    page.on("request", record)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert not paths, f"search files loaded before search was opened: {paths}"
    page.keyboard.press("/")
    page.locator("#atlas-search-query").fill(text)
    page.locator(".atlas-search-result").first.wait_for()
    page.wait_for_timeout(1500)
    page.remove_listener("request", record)
    sizes: dict[str, int] = defaultdict(int)
    for path in dict.fromkeys(paths):
        name = path.rsplit("/", 1)[-1]
        kind = ("fragments" if "/fragment/" in path else "index chunks" if "/index/" in path
                else "filters" if "/filter/" in path else "metadata" if name.endswith(".pf_meta")
                else "wasm" if name.startswith("wasm.") else name)
        sizes[kind] += (site / path.lstrip("/")).stat().st_size
    return dict(sizes), len(dict.fromkeys(paths))


def latency(page: Page, texts: list[str]) -> list[float]:
    """Milliseconds from the last keystroke to the results shown (measured in the page, from the input event to the
    results in the list), warm: each query's last letter typed after its other letters were searched."""
    page.goto("/")
    page.keyboard.press("/")
    box = page.locator("#atlas-search-query")
    box.fill("trafficking")
    page.locator(".atlas-search-result").first.wait_for()
    times = []
    for text in texts:
        box.fill("")
        page.wait_for_function("document.querySelector('.atlas-search-results').children.length === 0")
        box.fill(text[:-1])
        page.wait_for_function("document.querySelector('.atlas-search-dialog__status').textContent.match(/result/)")
        page.evaluate("window.atlasSearch.latency = null")
        page.keyboard.type(text[-1])
        page.wait_for_function("window.atlasSearch.latency !== null && document.querySelector("
                               "'#atlas-search-query').value === window.atlasSearch.lastQuery")
        times.append(page.evaluate("window.atlasSearch.latency"))
    return times


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(dest: Path) -> None:
    """Build the site with the project's real build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)], cwd=ROOT, env=env,
                   check=True)


def report(browser: Browser, url: str, site: Path, queries: list[Query], misses: bool) -> str:
    """The whole evaluation as Markdown."""
    result = None
    if queries:
        context = browser.new_context(base_url=url)
        result = evaluate(context.new_page(), queries)
        context.close()
    lines = [result.table(), ""] if result else []
    for text in FIRST_QUERIES:
        context = browser.new_context(base_url=url)
        weight, files = first_query_weight(context.new_page(), text, site)
        context.close()
        lines.append(f"First query {text!r}, {files} files, bytes downloaded: {sum(weight.values()):,} ("
                     + ", ".join(f"{k} {v:,}" for k, v in sorted(weight.items())) + ")")
    context = browser.new_context(base_url=url)
    times = latency(context.new_page(), ["security shelter", "1.1.3", "NATC", "Durres", "awareness campaigns"])
    context.close()
    lines.append(f"Last keystroke to results, warm: median {statistics.median(times):.0f} ms, "
                 f"worst {max(times):.0f} ms ({', '.join(f'{t:.0f}' for t in times)})")
    if misses and result:
        lines += ["", "Misses (right page not first):"]
        lines += [f"- [{q.kind}] {q.query!r} → {q.expect} at {rank}; got {paths[:3]}"
                  for q, rank, paths in result.ranks if rank != 1]
    return "\n".join(lines)


def main() -> None:
    """Evaluate and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--misses", action="store_true", help="list the queries whose right page is not first")
    parser.add_argument("--weight-only", action="store_true",
                        help="only the first query's weight and the speed (a benchmark corpus at N×, whose copies "
                             "make the query set's expected pages ambiguous)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        with served(site) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            print(report(browser, url, site, [] if args.weight_only else load_queries(args.queries), args.misses))
            browser.close()


if __name__ == "__main__":
    main()
