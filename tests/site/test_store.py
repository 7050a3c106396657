"""The build folder: pages written as they are generated, unchanged files left alone, stale files removed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from docs_build.site.build import prepare, prepare_into
from docs_build.site.page import Page
from docs_build.site.store import Held, build_folder, remove_others, store_pages
from tests.conftest import MINIMAL, ROOT


def _age(path: Path) -> None:
    """Set a file's modification time an hour back, so a rewrite would show."""
    old = path.stat().st_mtime - 3600
    os.utime(path, (old, old))


def test_an_unchanged_page_keeps_its_file_and_a_changed_one_is_rewritten(tmp_path: Path) -> None:
    store_pages([Page("a/index.md", "one"), Page("b/index.md", "two", in_nav=False)], tmp_path)
    for name in ("a", "b"):
        _age(tmp_path / name / "index.md")
    before = {name: (tmp_path / name / "index.md").stat().st_mtime for name in ("a", "b")}
    stored = store_pages([Page("a/index.md", "one"), Page("b/index.md", "two, edited", in_nav=False)], tmp_path)
    assert [(p.src, p.in_nav) for p in stored] == [("a/index.md", True), ("b/index.md", False)]
    assert (tmp_path / "a" / "index.md").stat().st_mtime == before["a"]  # what `mkdocs build --dirty` skips
    assert (tmp_path / "b" / "index.md").stat().st_mtime > before["b"]
    assert (tmp_path / "b" / "index.md").read_text() == "two, edited"


def test_what_an_earlier_build_wrote_and_this_one_did_not_is_removed(tmp_path: Path) -> None:
    store_pages([Page("kept/index.md", "x"), Page("gone/index.md", "y")], tmp_path)
    remove_others(tmp_path, ["kept/index.md"])
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == ["kept/index.md"]


def test_the_build_folder_holds_exactly_what_prepare_renders_in_memory(tmp_path: Path) -> None:
    in_memory = prepare(ROOT, MINIMAL)
    stored = prepare_into(tmp_path, ROOT, MINIMAL)
    assert [(p.src, p.in_nav) for p in stored.pages] == [(p.src, p.in_nav) for p in in_memory.pages]
    assert all((tmp_path / p.src).read_text(encoding="utf-8") == p.content for p in in_memory.pages)
    assert stored.files == list(in_memory.files)
    assert all((tmp_path / name).read_bytes() == content for name, content in in_memory.files.items())
    assert stored.nav == in_memory.nav


def test_each_project_data_folder_and_configuration_gets_its_own_build_folder() -> None:
    assert build_folder("root", "data", "") == build_folder("root", "data", "")
    assert len({build_folder("root", "data", ""), build_folder("root", "other", ""),
                build_folder("root", "data", "https://example.org/")}) == 3


def test_a_dirty_build_after_an_edit_rebuilds_only_the_pages_it_changed(tmp_path: Path, minimal_copy: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAN_ATLAS_DATA": str(minimal_copy)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    # the hook drops each page's Markdown once rendered: titles (footer links, <title>) must not go with it
    assert not [p.name for p in pages if re.search(r'(Next|Previous): None"|<title>None', p.read_text())]
    pillar = minimal_copy / "plans" / "xk-2011-2014" / "1-prevention.yaml"
    pillar.write_text(pillar.read_text().replace("Develop thorough surveys", "Develop careful surveys"))
    # --strict would fail on MkDocs' own warning that a dirty build may leave navigation stale
    subprocess.run(command[:4] + ["--dirty", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    rebuilt = {str(p.relative_to(site)) for p in pages if p.stat().st_mtime_ns != pages[p]}
    activity = "plans/xk-2011-2014/prevention/1-1-1/index.html"
    assert activity in rebuilt and "Develop careful surveys" in (site / activity).read_text()
    assert "about/index.html" not in rebuilt and "countries/index.html" not in rebuilt
    assert len(rebuilt) < len(pages) / 2, sorted(rebuilt)


def test_held_pages_come_back_whole_once() -> None:
    held = Held()
    html = "<p>“Quoted” – dashed · ёжик</p>" * 1000
    held.put("a/index.md", html)
    assert held.take("a/index.md") == html
    assert held.take("a/index.md") is None and held.take("never/index.md") is None
