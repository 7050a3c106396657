"""The page model: a generated page, its source path, links, front matter and the acronyms it uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from markupsafe import Markup

from .render import md_text, title_text

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Page:
    """A generated page: its Markdown source path under docs_dir, its content, and whether nav lists it."""

    src: str
    content: str
    in_nav: bool = True


WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=64)
def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the words not followed by a letter or digit, the longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?!\w)")


def whole_words_in(words: tuple[str, ...], text: str) -> set[str]:
    """The words that occur in text standing alone (no letter or digit on either side)."""
    # Same matches as a (?<!\w) lookbehind, checked here instead: a pattern that starts with the words lets the
    # regex engine skip to their first letters, about six times faster on long pages.
    pattern, found, pos = any_of(words), set(), 0
    while match := pattern.search(text, pos):
        start = match.start()
        if start and WORD_CHAR.match(text, start - 1):
            pos = start + 1
            continue
        found.add(match.group())
        pos = match.end()
    return found


@lru_cache(maxsize=64)
def _spellings(acronyms: tuple[str, ...]) -> dict[str, str]:
    """Each acronym as a page can hold it, data text being escaped ("ILO&#45;IPEC") or not, → the acronym."""
    return {**{md_text(a): a for a in acronyms}, **{a: a for a in acronyms}}


def acronyms_in(acronyms: tuple[str, ...], body: str) -> list[str]:
    """The acronyms that stand as whole words in a page's Markdown, written plainly or escaped, sorted."""
    spellings = _spellings(acronyms)
    return sorted({spellings[found] for found in whole_words_in(tuple(spellings), body)})


def src_of(url: str) -> str:
    """Markdown source path under docs_dir for a site path: every page is a folder's index.md."""
    return url + "index.md"


def link(url: str) -> Markup:
    """A docs-relative Markdown link target for a site path, checked by MkDocs at build time."""
    return Markup("/" + src_of(url))


def front_matter(title: str, description: str | None = None, search_exclude: bool = False,
                 hide: tuple[str, ...] = ()) -> str:
    """YAML front matter with escaped title and description (Material prints them unescaped)."""
    meta: dict[str, Any] = {"title": title_text(title, 120)}
    if description:
        meta["description"] = title_text(description, 200)
    if search_exclude:
        meta["search"] = {"exclude": True}
    if hide:
        meta["hide"] = list(hide)  # Material: "navigation", "toc" give the page the full width
    return "---\n" + yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"


