"""The page model: a generated page, its source path, links, front matter and the acronyms it uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markupsafe import Markup

from .render import DATA_END, DATA_START, data_runs, one_line, title_text

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
def _acronym_pattern(escaped: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern for the acronyms as escaped data text holds them (M&E as M&amp;E), never inside an entity."""
    alternatives = "|".join(re.escape(a) for a in sorted(escaped, key=len, reverse=True))
    return re.compile(rf"(?<![\w&#])(?:{alternatives})(?!\w)")


def mark_acronyms(body: str, tags: dict[str, str]) -> str:
    """Give each acronym its tooltip where the page's data text first uses it, as HTML advises (WCAG H28); template
    text and attributes get none. tags: each acronym as escaped text holds it, and its <abbr> element (rendered from
    overrides/atlas/_abbr.html). Marking every use made a long plan page 22 kB heavier."""
    if not tags:
        return body
    pattern = _acronym_pattern(tuple(sorted(tags)))
    seen: set[str] = set()

    def first(match: re.Match[str]) -> str:
        """The tooltip at an acronym's first use on the page; later uses stay plain."""
        found = match.group()
        if found in seen:
            return found
        seen.add(found)
        return tags[found]

    out, in_tag = [], False
    for part, is_data in data_runs(body):
        if is_data:
            part = part if in_tag else pattern.sub(first, part)
            out.append(DATA_START + part + DATA_END)
            continue
        last_open, last_close = part.rfind("<"), part.rfind(">")
        if last_open != last_close:  # -1 for both: no tag starts or ends in this template text
            in_tag = last_open > last_close
        out.append(part)
    return "".join(out)


def src_of(url: str) -> str:
    """Markdown source path under docs_dir for a site path: every page is a folder's index.md."""
    return url + "index.md"


def link(url: str) -> Markup:
    """A docs-relative Markdown link target for a site path, checked by MkDocs at build time."""
    return Markup("/" + src_of(url))


@dataclass(frozen=True)
class Search:
    """How search (Pagefind) indexes a page: its kind, the result's metadata and its filter values.

    overrides/main.html writes them as data-pagefind-* attributes around the page's content; `exclude` keeps the
    page out of the index (pages that only repeat activities found on their own pages)."""

    kind: str = "page"
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    exclude: bool = False

    def front_matter(self) -> dict[str, Any]:
        """The `search` entry of the page's front matter (raw text: the theme escapes it)."""
        if self.exclude:
            return {"exclude": True}
        entry: dict[str, Any] = {"kind": self.kind}
        if meta := {k: one_line(v) for k, v in self.meta.items() if v}:
            entry["meta"] = meta
        if filters := {k: [one_line(v) for v in vs if v] for k, vs in self.filters.items() if any(vs)}:
            entry["filters"] = filters
        return entry


EXCLUDED = Search(exclude=True)


def front_matter(title: str, description: str | None = None, search: Search | None = None,
                 hide: tuple[str, ...] = (), extra: dict[str, Any] | None = None) -> str:
    """YAML front matter with escaped title and description (Material prints them unescaped) and search entry."""
    meta: dict[str, Any] = {"title": title_text(title, 120)}
    if description:
        meta["description"] = title_text(description, 200)
    if search:
        meta["search"] = search.front_matter()
    if hide:
        meta["hide"] = list(hide)  # Material: "navigation", "toc" give the page the full width
    meta.update(extra or {})
    return "---\n" + yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"
