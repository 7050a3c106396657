"""Generated pages and files on disk, in a build folder that MkDocs reads like any docs folder.

Writing each page as it is generated keeps the generated Markdown out of memory (at 30× the data it was 163 MB of
text held until the build ended). A file whose content did not change is not rewritten, so it keeps its modification
time: `mkdocs build --dirty` and `mkdocs serve --dirty` then rebuild only the pages an edit changed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .page import Page


@dataclass(frozen=True)
class StoredPage:
    """A generated page written to the build folder: its path there (as under docs_dir) and whether nav lists it."""

    src: str
    in_nav: bool = True


def build_folder(*key: str) -> Path:
    """The build folder of one project, data folder and configuration (kept between builds, in the temp dir)."""
    digest = hashlib.sha256("\0".join(key).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "plan-atlas-build" / digest


def write_if_changed(folder: Path, path: str, content: bytes) -> None:
    """Write content to folder/path unless the file holds it already (atomically: a reader sees old or new)."""
    target = folder / path
    try:
        if target.stat().st_size == len(content) and target.read_bytes() == content:
            return
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    os.replace(tmp, target)


def store_pages(pages: Iterable[Page], folder: Path) -> list[StoredPage]:
    """Write each page as it comes, keeping only its path; nothing of the page stays in memory."""
    stored = []
    for page in pages:
        write_if_changed(folder, page.src, page.content.encode("utf-8"))
        stored.append(StoredPage(page.src, page.in_nav))
    return stored


def remove_others(folder: Path, keep: Iterable[str]) -> None:
    """Delete what an earlier build wrote to the folder and this one did not (a plan removed, a page renamed)."""
    wanted = {str(folder / path) for path in keep}
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            if path not in wanted:
                os.unlink(path)


class Held:
    """Rendered pages held compressed between MkDocs rendering them and writing them: MkDocs renders every page before
    it writes any, and their HTML (two bytes a character in Python once a page has a curly quote) was most of a
    build's memory at 30× the data."""

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}

    def put(self, key: str, html: str) -> None:
        """Hold one page's HTML (zlib level 1: about a fifth of its size, at 300 MB/s)."""
        self._pages[key] = zlib.compress(html.encode("utf-8"), 1)

    def take(self, key: str) -> str | None:
        """The page's HTML, no longer held; None if it was never put."""
        packed = self._pages.pop(key, None)
        return None if packed is None else zlib.decompress(packed).decode("utf-8")

    def clear(self) -> None:
        """Forget every page (a new build)."""
        self._pages.clear()
