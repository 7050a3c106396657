"""Generated Markdown of the minimal fixture equals the golden files (refresh: pytest --update-golden)."""

from __future__ import annotations

import shutil

from docs_build.site.build import prepare
from tests.conftest import MINIMAL, ROOT

GOLDEN = ROOT / "tests" / "golden" / "minimal"


def test_generated_pages_match_golden_files(update_golden: bool) -> None:
    pages = {page.src: page.content for page in prepare(ROOT, MINIMAL).pages}
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for src, content in pages.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_text(content, encoding="utf-8")
    stored = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(stored) == sorted(pages)
    for src, content in pages.items():
        assert content == stored[src], f"{src} differs from its golden file; review, then --update-golden"


def test_navigation_lists_pillars_but_not_activities() -> None:
    nav = prepare(ROOT, MINIMAL).nav
    flat = str(nav)
    assert "plans/xk-2011-2014/prevention/index.md" in flat
    assert "1-1-1/index.md" not in flat
