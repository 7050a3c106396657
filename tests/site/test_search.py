"""Search indexing: Pagefind runs over the built site, only content areas are indexed, and failures fail the build."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from docs_build.site.page import EXCLUDED, Search, front_matter
from docs_build.site.search import SHARD_KEEP, SHARDS, UNUSED, BackgroundIndex, SearchIndexError, index_site

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation words</nav><main {body}><h1>{title}</h1><p>{text}</p><p data-pagefind-ignore>ignored words</p></main>
</body></html>"""


def _fragments(bundle: Path) -> list[dict]:
    """Every page record of a Pagefind bundle (gzip, with Pagefind's 12-byte signature)."""
    return [json.loads(gzip.decompress(f.read_bytes())[12:]) for f in sorted((bundle / "fragment").iterdir())]


def test_index_site_indexes_only_marked_content(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(PAGE.format(title="Shelter", text="A security shelter",
                                                       body="data-pagefind-body"), encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(title="Home", text="Not indexed", body=""), encoding="utf-8")
    index = index_site(tmp_path)
    assert index.pages == 1
    assert (index.bundle / "pagefind.js").is_file()
    assert not [name for name in UNUSED if (index.bundle / name).exists()]
    [page] = _fragments(index.bundle)
    assert page["url"] == "/a/"
    assert page["content"] == "Shelter. A security shelter."
    assert json.loads((index.bundle / SHARDS).read_text(encoding="utf-8")) == []  # one bundle, nothing to merge


def _pages(site: Path, count: int, body: str = "data-pagefind-body") -> None:
    """count pages, each with a word of its own (page0 … pageN)."""
    for n in range(count):
        (site / f"p{n}").mkdir(parents=True)
        (site / f"p{n}/index.html").write_text(PAGE.format(title=f"Page {n}", text=f"word page{n}", body=body),
                                                 encoding="utf-8")


def test_a_large_site_is_indexed_in_shards_merged_by_the_first(tmp_path: Path) -> None:
    """More pages than a shard holds: several Pagefind runs, every page in exactly one bundle, the further bundles
    listed in the first and holding no script or WebAssembly of their own; the site itself is left as it was."""
    _pages(tmp_path, 7)
    (tmp_path / "index.html").write_text(PAGE.format(title="Home", text="Not indexed", body=""), encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    index = index_site(tmp_path, per_shard=3)
    assert index.pages == 7
    further = json.loads((index.bundle / SHARDS).read_text(encoding="utf-8"))
    assert further == ["shard-2/", "shard-3/"]
    bundles = [index.bundle] + [index.bundle / name for name in further]
    urls = [[page["url"] for page in _fragments(bundle)] for bundle in bundles]
    assert sorted(u for shard in urls for u in shard) == sorted(f"/p{n}/" for n in range(7))
    assert [len(shard) for shard in urls] == [2, 3, 2]  # dealt in turn (index.html, p2, p5 | p0, p3, p6 | p1, p4)
    assert (index.bundle / "pagefind.js").is_file() and (index.bundle / "wasm.en.pagefind").is_file()
    for bundle in bundles[1:]:
        left = {p.name for p in bundle.iterdir() if not p.name.endswith(".pf_meta")}
        assert {"pagefind-entry.json", "index", "fragment"} <= left <= set(SHARD_KEEP), left
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert [p for p in after if p.parts[0] != "pagefind"] == before


def test_shards_take_file_names_that_read_as_glob_syntax(tmp_path: Path) -> None:
    """Each shard is given its pages by a glob: commas, braces, brackets, colons and spaces in a path are matched
    as themselves."""
    names = ["a,b", "c{d}", "e f", "g[1]", "h:i", "j*k", "plain"]
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(PAGE.format(title=name, text="words", body="data-pagefind-body"),
                                                    encoding="utf-8")
    index = index_site(tmp_path, per_shard=3)
    further = json.loads((index.bundle / SHARDS).read_text(encoding="utf-8"))
    found = [page["url"] for bundle in ["", *further] for page in _fragments(index.bundle / bundle)]
    assert index.pages == len(names) and len(found) == len(set(found)) == len(names), found


def test_a_shard_without_marked_pages_fails_the_index(tmp_path: Path) -> None:
    """Pagefind indexes a shard whole when none of its pages is marked data-pagefind-body: navigation and all."""
    for n, body in enumerate(["data-pagefind-body", "", "data-pagefind-body", ""]):  # dealt: p0 p2 | p1 p3
        (tmp_path / f"p{n}").mkdir()
        (tmp_path / f"p{n}/index.html").write_text(PAGE.format(title=f"Page {n}", text="words", body=body), "utf-8")
    with pytest.raises(SearchIndexError, match=r"shards \[2\] of 2 hold no page marked"):
        index_site(tmp_path, per_shard=2)


def test_a_failing_shard_fails_the_index(tmp_path: Path) -> None:
    """A shard in which Pagefind indexes no page is an error, as for the whole site."""
    for n, text in enumerate(["words", "", "words", ""]):  # dealt: p0 p2 | p1 p3, which have no words
        (tmp_path / f"p{n}").mkdir()
        (tmp_path / f"p{n}/index.html").write_text(f"<html><body><main data-pagefind-body>{text}</main></body></html>",
                                                   "utf-8")
    with pytest.raises(SearchIndexError, match="indexed 0 pages"):
        index_site(tmp_path, per_shard=2)


def test_a_background_index_keeps_the_previous_bundle_until_the_new_one_is_written(tmp_path: Path) -> None:
    """`mkdocs serve` indexes in the background: a failure is reported and the last good bundle stays in place."""
    (tmp_path / "a").mkdir()
    page = tmp_path / "a/index.html"
    page.write_text(PAGE.format(title="Shelter", text="A security shelter", body="data-pagefind-body"), "utf-8")
    reports: list[str] = []
    background = BackgroundIndex()
    background.start(tmp_path, reports.append)
    background.wait()
    assert reports == [] and [p["url"] for p in _fragments(tmp_path / "pagefind")] == ["/a/"]
    page.write_text("<html><body><main data-pagefind-body></main></body></html>", "utf-8")  # nothing to index
    background.start(tmp_path, reports.append)
    background.wait()
    assert len(reports) == 1 and "Search indexing failed" in reports[0] and "indexed 0 pages" in reports[0]
    assert [p["url"] for p in _fragments(tmp_path / "pagefind")] == ["/a/"]


def test_front_matter_search_entry() -> None:
    entry = Search("activity", meta={"title": "Build a\nshelter", "ref": ""}, filters={"theme": ["Children", ""]})
    text = front_matter("Activity 1", "Build a shelter", entry)
    assert "search:\n  kind: activity\n  meta:\n    title: Build a shelter\n  filters:\n    theme:\n    - Children\n" \
        in text
    assert "search:\n  exclude: true\n" in front_matter("Theme", None, EXCLUDED)
    assert "search" not in front_matter("Home")


def test_built_site_ships_pagefind_and_no_lunr_index(built_site: Path) -> None:
    assert (built_site / "pagefind/pagefind.js").is_file()
    assert not (built_site / "search").exists()
    pages = {p["url"]: p for p in _fragments(built_site / "pagefind")}
    shelter = pages["/plans/xk-2011-2014/protection/2-2-2/"]
    assert shelter["meta"]["title"] == "Building of a high level security shelter"
    assert shelter["meta"]["ref"] == "Activity 2.2.2 · Protection"
    assert shelter["meta"]["plan"] == "Kosovo 2011–2014"
    assert shelter["filters"]["kind"] == ["activity"]
    assert shelter["filters"]["country"] == ["Kosovo"]
    assert "Related activities" not in shelter["content"] and "Cite" not in shelter["content"]
    assert "Timeframe" not in shelter["content"] and "line " not in shelter["content"]
    pillar = pages["/plans/xk-2011-2014/protection/"]
    assert pillar["filters"]["kind"] == ["objective"]
    assert "security shelter" not in pillar["content"]  # activities are found on their own pages only
    repeats = [url for url in pages if url.startswith(("/compare/themes/", "/explore/", "/indicators/xk"))]
    assert repeats == ["/compare/themes/"], repeats  # the overview of themes, not a theme's list of activities
    assert pages["/countries/xk/institutions/natc/"]["meta"]["acronym"] == "NATC, KNKT"
    kinds = {p["filters"]["kind"][0] for p in pages.values()}
    assert kinds == {"activity", "objective", "plan", "institution", "legal instrument", "page"}
