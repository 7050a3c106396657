"""Search: index the built site with Pagefind, whose chunked index a reader's query loads piece by piece.

Pagefind reads the HTML that MkDocs wrote: only the content area of pages that opt in (data-pagefind-body, written by
overrides/main.html), without what the templates mark data-pagefind-ignore. It writes its bundle (pagefind.js, the
WebAssembly search, index chunks, one fragment per page) to <site>/pagefind/; content/assets/search.js loads it when
a reader opens search.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

BUNDLE = "pagefind"
# Field labels ("Timeframe", "Responsible") stand on every activity page: they would match every page and weigh
# down the index chunks of common words; templates cannot mark a definition list's <dt> from Markdown. The "¶"
# permalinks of headings would end every result title.
EXCLUDE_SELECTORS = ("dt", ".headerlink")
# Files of Pagefind's own search interfaces and of the language-less index: the site has its own interface
# (content/assets/search.js) and every page is English, so nothing ever loads them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")
INDEXED = re.compile(r"Indexed (\d+) pages?")
# Index chunks of a quarter of Pagefind's default size (20,000 word locations): a query loads one chunk per word, so
# smaller chunks keep a reader's first query light (a 7-word query: 121 kB of chunks at the default, 43 kB with this).
# The setting is an environment variable that Pagefind calls unstable; pagefind is pinned in pyproject.toml.
CHUNK_SIZE = "4000"


class SearchIndexError(Exception):
    """Pagefind failed or indexed nothing: the build must fail rather than ship a site without search."""


@dataclass(frozen=True)
class SearchIndex:
    """What one indexing run made: the bundle folder and the number of pages in the index."""

    bundle: Path
    pages: int


def command(site_dir: Path) -> list[str]:
    """The Pagefind command line that indexes site_dir into site_dir/pagefind/."""
    args = [str(get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    return args


def index_site(site_dir: Path) -> SearchIndex:
    """Index the built site at site_dir with Pagefind; raise SearchIndexError when that fails or finds no page."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE}
        proc = subprocess.run(command(site_dir), capture_output=True, text=True, check=False, env=env)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not run: {exc}") from exc
    found = INDEXED.search(proc.stdout)
    pages = int(found.group(1)) if found else 0
    if proc.returncode != 0 or not (bundle / "pagefind.js").is_file() or pages == 0:
        raise SearchIndexError(f"Pagefind indexed {pages} pages (exit status {proc.returncode}):\n"
                               f"{proc.stdout}{proc.stderr}".rstrip())
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return SearchIndex(bundle, pages)
