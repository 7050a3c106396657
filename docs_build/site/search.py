"""Search: index the built site with Pagefind, whose chunked index a reader's query loads piece by piece.

Pagefind reads the HTML that MkDocs wrote: only the content area of pages that opt in (data-pagefind-body, written by
overrides/main.html), without what the templates mark data-pagefind-ignore. It writes its bundle (pagefind.js, the
WebAssembly search, index chunks, one fragment per page) to <site>/pagefind/; content/assets/search.js loads it when
a reader opens search.

Pagefind holds everything it indexes until it writes the bundle (about 70 kB per page of this site), so a site of
more than SHARD_PAGES pages is indexed in shards, one Pagefind run after another, each on a tree of hard links to its
share of the pages: the first shard's bundle is <site>/pagefind/, the others <site>/pagefind/shard-N/ (index, meta
and fragments only), listed in <site>/pagefind/shards.json, and search.js merges them in the browser (Pagefind's
mergeIndex, which reuses the first bundle's WebAssembly and ranks the results of all shards together).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import math
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
# HTML files per Pagefind run: bounds the indexer's memory (about 350 MB at 5,000 pages of this site) beside the
# MkDocs process that runs it. The shipped site (644 pages) and 5x it are one run, one bundle.
SHARD_PAGES = 5000
SHARDS = "shards.json"  # in the first bundle: the folders of the further shards, relative to it
SHARD_KEEP = ("pagefind-entry.json", "index", "fragment", "filter")  # a merged shard loads no script nor WebAssembly
MARK = b"data-pagefind-body"  # the attribute of the content area of a page that is indexed
WORK = ".pagefind-shards"  # the hard-link trees, inside the site folder while indexing runs (same file system)


class SearchIndexError(Exception):
    """Pagefind failed or indexed nothing: the build must fail rather than ship a site without search."""


@dataclass(frozen=True)
class SearchIndex:
    """What one indexing run made: the bundle folder and the number of pages in the index."""

    bundle: Path
    pages: int


def command(site_dir: Path, output: Path | None = None) -> list[str]:
    """The Pagefind command line that indexes site_dir into output (default site_dir/pagefind/)."""
    args = [str(get_executable()), "--site", str(site_dir)]
    args += ["--output-path", str(output)] if output else ["--output-subdir", BUNDLE]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    return args


def shards(site_dir: Path, per_shard: int = SHARD_PAGES) -> list[list[Path]]:
    """The site's pages to index (relative paths): those that carry data-pagefind-body, or every HTML file when none
    does (Pagefind's own rule), dealt in turn into as few shards of at most per_shard as will hold them, so that each
    shard is a sample of every kind of page and ranks its results on like word statistics."""
    files = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*.html")
                   if p.relative_to(site_dir).parts[0] not in (BUNDLE, WORK))
    marked = [rel for rel in files if MARK in (site_dir / rel).read_bytes()]
    pages = marked or files
    count = max(1, math.ceil(len(pages) / per_shard))
    return [pages[i::count] for i in range(count)]


def _run(site_dir: Path, output: Path | None = None) -> int:
    """One Pagefind run; the number of pages it indexed, or SearchIndexError when it fails or indexes none."""
    try:
        env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE}
        proc = subprocess.run(command(site_dir, output), capture_output=True, text=True, check=False, env=env)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not run: {exc}") from exc
    found = INDEXED.search(proc.stdout)
    pages = int(found.group(1)) if found else 0
    bundle = output or site_dir / BUNDLE
    if proc.returncode != 0 or not (bundle / "pagefind.js").is_file() or pages == 0:
        raise SearchIndexError(f"Pagefind indexed {pages} pages (exit status {proc.returncode}):\n"
                               f"{proc.stdout}{proc.stderr}".rstrip())
    return pages


def _link_tree(site_dir: Path, pages: list[Path], tree: Path) -> None:
    """A folder that holds the given pages of site_dir at their own paths, as hard links (copies where none can be)."""
    for rel in pages:
        target = tree / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / rel, target)
        except OSError:
            shutil.copy2(site_dir / rel, target)


def _trim_shard(bundle: Path) -> None:
    """Leave in a merged shard's bundle only what mergeIndex loads."""
    for entry in bundle.iterdir():
        if entry.name not in SHARD_KEEP and not entry.name.endswith(".pf_meta"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def release_memory() -> None:
    """Hand the memory this process has freed back to the system before Pagefind runs beside it (glibc keeps freed
    memory for reuse: a tenth of the MkDocs process after a build at 10x); a no-op where there is no glibc."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def index_site(site_dir: Path, per_shard: int = SHARD_PAGES) -> SearchIndex:
    """Index the built site at site_dir with Pagefind, in shards of at most per_shard HTML files; raise
    SearchIndexError when a run fails or finds no page."""
    release_memory()
    bundle = site_dir / BUNDLE
    work = site_dir / WORK
    shutil.rmtree(bundle, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    groups = shards(site_dir, per_shard)
    further = [f"shard-{n}/" for n in range(2, len(groups) + 1)]
    pages = 0
    try:
        if len(groups) == 1:
            pages = _run(site_dir)
        for n, group in enumerate(groups if len(groups) > 1 else [], 1):
            tree = work / str(n)
            _link_tree(site_dir, group, tree)
            out = bundle if n == 1 else bundle / further[n - 2]
            pages += _run(tree, out.resolve())
            shutil.rmtree(tree)
            if n > 1:
                _trim_shard(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    (bundle / SHARDS).write_text(json.dumps(further), encoding="utf-8")
    return SearchIndex(bundle, pages)
