"""Search: index the built site with Pagefind, whose chunked index a reader's query loads piece by piece.

Pagefind reads the HTML that MkDocs wrote: only the content area of pages that opt in (data-pagefind-body, written by
overrides/main.html), without what the templates mark data-pagefind-ignore. It writes its bundle (pagefind.js, the
WebAssembly search, index chunks, one fragment per page) to <site>/pagefind/; content/assets/search.js loads it when
a reader opens search.

Pagefind holds everything it indexes until it writes the bundle (about 70 kB per page of this site), so a site of
more than SHARD_PAGES pages is indexed in shards, one Pagefind run after another, each given its share of the pages
by a glob: the first shard's bundle is <site>/pagefind/, the others <site>/pagefind/shard-N/ (index, meta
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
import tempfile
import threading
from collections.abc import Callable
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
# Characters of a file path that Pagefind's glob syntax would read as syntax ("!" it reads literally in a path).
GLOB_SPECIAL = re.compile(r"[\\{}\[\]*?,<>:]")
MARKED = "Found a data-pagefind-body element"  # what Pagefind prints when it indexes only the marked pages


class SearchIndexError(Exception):
    """Pagefind failed or indexed nothing: the build must fail rather than ship a site without search."""


@dataclass(frozen=True)
class SearchIndex:
    """What one indexing run made: the bundle folder and the number of pages in the index."""

    bundle: Path
    pages: int


def command(site_dir: Path, output: Path) -> list[str]:
    """The Pagefind command line that indexes site_dir into the bundle folder output."""
    args = [str(get_executable()), "--site", str(site_dir), "--output-path", str(output)]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    return args


def shards(site_dir: Path, per_shard: int = SHARD_PAGES) -> list[list[Path]]:
    """The site's HTML files (relative paths, sorted) dealt in turn into as few shards of at most per_shard as will
    hold them, so that each shard is a sample of every kind of page and ranks its results on like word statistics."""
    files = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*.html")
                   if p.relative_to(site_dir).parts[0] != BUNDLE)
    count = max(1, math.ceil(len(files) / per_shard))
    return [files[i::count] for i in range(count)]


def shard_glob(pages: list[Path]) -> str:
    """A Pagefind glob that matches exactly these files: their paths as alternatives, glob syntax escaped."""
    return "{" + ",".join(GLOB_SPECIAL.sub(r"\\\g<0>", p.as_posix()) for p in pages) + "}"


def _run(site_dir: Path, output: Path, pages: list[Path] | None = None) -> tuple[int, bool]:
    """One Pagefind run, over the given pages of site_dir only if given (a glob in a config file: a command line could
    not hold thousands of paths); the number of pages it indexed and whether it found pages marked data-pagefind-body.
    SearchIndexError when it fails or indexes none."""
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE}
    with tempfile.TemporaryDirectory(prefix="plan-atlas-pagefind-") as config:
        if pages is not None:
            (Path(config) / "pagefind.json").write_text(json.dumps({"glob": shard_glob(pages)}), encoding="utf-8")
        try:
            proc = subprocess.run(command(site_dir, output), cwd=config, capture_output=True, text=True, check=False,
                                  env=env)
        except OSError as exc:
            raise SearchIndexError(f"Pagefind could not run: {exc}") from exc
    found = INDEXED.search(proc.stdout)
    count = int(found.group(1)) if found else 0
    if proc.returncode != 0 or not (output / "pagefind.js").is_file() or count == 0:
        raise SearchIndexError(f"Pagefind indexed {count} pages (exit status {proc.returncode}):\n"
                               f"{proc.stdout}{proc.stderr}".rstrip())
    return count, MARKED in proc.stdout


def _trim_shard(bundle: Path) -> None:
    """Leave in a merged shard's bundle only what mergeIndex loads."""
    for entry in bundle.iterdir():
        if entry.name not in SHARD_KEEP and not entry.name.endswith(".pf_meta"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _work_folder(site_dir: Path) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder beside site_dir (the same file system: a bundle moves by renaming), or the system's."""
    try:
        return tempfile.TemporaryDirectory(dir=site_dir.resolve().parent, prefix=".pagefind-shards-")
    except OSError:
        return tempfile.TemporaryDirectory(prefix="plan-atlas-pagefind-shards-")


def release_memory() -> None:
    """Hand the memory this process has freed back to the system before Pagefind runs beside it (glibc keeps freed
    memory for reuse: a tenth of the MkDocs process after a build at 10x); a no-op where there is no glibc."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def index_site(site_dir: Path, per_shard: int = SHARD_PAGES) -> SearchIndex:
    """Index the built site at site_dir with Pagefind, in shards of at most per_shard HTML files; raise
    SearchIndexError when a run fails or finds no page, or when some shards hold pages marked data-pagefind-body and
    others none (Pagefind would index those others whole, navigation and all)."""
    release_memory()
    bundle = site_dir / BUNDLE
    groups = shards(site_dir, per_shard)
    further = [f"shard-{n}/" for n in range(2, len(groups) + 1)]
    # Each run writes outside the folder it indexes (Pagefind is slower writing inside it: 3.5 s more for a shard of
    # 4,251 pages), beside it so that the bundles move into place by renaming. One shard indexes the whole site.
    with _work_folder(site_dir) as work:
        outs = [Path(work) / str(n) for n in range(1, len(groups) + 1)]
        chosen = groups if len(groups) > 1 else [None]
        runs = [_run(site_dir, out, group) for out, group in zip(outs, chosen, strict=True)]
        unmarked = [n for n, (_, marked) in enumerate(runs, 1) if not marked]
        if unmarked and len(unmarked) < len(runs):
            raise SearchIndexError(f"search index shards {unmarked} of {len(runs)} hold no page marked "
                                   "data-pagefind-body: Pagefind indexed their pages whole")
        shutil.rmtree(bundle, ignore_errors=True)  # the previous bundle serves searches until the new one is ready
        shutil.move(outs[0], bundle)
        for name, out in zip(further, outs[1:], strict=True):
            _trim_shard(out)
            shutil.move(out, bundle / name.rstrip("/"))
    pages = sum(count for count, _ in runs)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    (bundle / SHARDS).write_text(json.dumps(further), encoding="utf-8")
    return SearchIndex(bundle, pages)


class BackgroundIndex:
    """Index one build after another in a background thread (live preview): the edited page is served as soon as it
    is written, and search catches up a moment later. The next build waits for it (`wait`) before it writes."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, site_dir: Path, report: Callable[[str], None]) -> None:
        """Index site_dir in the background once the previous indexing has finished; report a failure's message."""
        self.wait()

        def work() -> None:
            try:
                index_site(site_dir)
            except SearchIndexError as exc:
                report(f"Search indexing failed; search shows the previous build's pages.\n{exc}")

        self._thread = threading.Thread(target=work, name="search-index", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the indexing under way, if any, has written its bundle."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
