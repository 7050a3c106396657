"""Pages do not grow with the atlas: no page's navigation lists every country, and countries group by region."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.site.build import prepare
from tests.conftest import MINIMAL, ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench  # noqa: E402  (the benchmark's corpus generator: copies under user-assigned codes)

COPIES = 4


@pytest.fixture(scope="module")
def many_countries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal data set copied into four countries, each in its own M49 region."""
    data = tmp_path_factory.mktemp("scale") / "data"
    bench.synthesize(MINIMAL, data, COPIES)
    return data


@pytest.fixture(scope="module")
def many_site(many_countries: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real MkDocs build of that data."""
    site = tmp_path_factory.mktemp("scale-site")
    result = mkdocs_build(site, many_countries)
    assert result.returncode == 0, result.stderr
    return site


def primary_nav(html: str) -> str:
    """The primary navigation of a built page (sidebar and drawer), up to the table of contents."""
    start = html.find('<nav class="md-nav md-nav--primary"')
    end = html.find('<nav class="md-nav md-nav--secondary"', start)
    return html[start:end if end > 0 else None] if start >= 0 else ""


def test_the_corpus_has_one_region_per_copy(many_countries: Path) -> None:
    atlas = build_atlas(many_countries)
    assert len(atlas.countries) == COPIES
    assert len({c.region for c in atlas.countries.values()}) == COPIES


def test_no_page_navigation_lists_every_country(many_site: Path, many_countries: Path) -> None:
    codes = list(build_atlas(many_countries).countries)
    pages = list(many_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        nav = primary_nav(page.read_text(encoding="utf-8"))
        listed = {c for c in codes if re.search(rf'href="[^"]*countries/{c}/"', nav)}
        assert len(listed) <= 1, f"{page.relative_to(many_site)} lists countries {sorted(listed)} in its navigation"


def test_a_country_page_shows_its_own_branch(many_site: Path, many_countries: Path) -> None:
    code = sorted(build_atlas(many_countries).countries)[-1]
    nav = primary_nav((many_site / "countries" / code / "index.html").read_text(encoding="utf-8"))
    assert f"countries/{code}/" in nav or 'md-nav__link--active' in nav
    assert "plans/" in nav  # its plans and pillars
    assert "Countries" in nav and "Compare" in nav and "Explore" in nav


def test_countries_page_groups_by_region_with_a_filter(many_countries: Path) -> None:
    page = next(p for p in prepare(ROOT, many_countries).pages if p.src == "countries/index.md")
    headings = re.findall(r"^## (.+?) \{ #([a-z-]+) \}$", page.content, re.M)
    assert len(headings) == COPIES
    assert [anchor for _, anchor in headings] == [r for r in bench.REGIONS if r in {a for _, a in headings}]
    assert 'data-filter-target="atlas-countries"' in page.content


@pytest.fixture(scope="module")
def many_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The generated pages of the minimal data set copied into twelve countries (twelve plans, several regions);
    only the first page of each comparison is in the navigation."""
    data = tmp_path_factory.mktemp("plans") / "data"
    bench.synthesize(MINIMAL, data, 12)
    pages = prepare(ROOT, data).pages
    in_nav = {p.src for p in pages if p.in_nav and p.src.startswith("compare/")}
    assert not any("/page-" in src for src in in_nav) and "compare/legal/index.md" in in_nav
    return {p.src: p.content.replace("\x0e", "").replace("\x0f", "") for p in pages}  # data-run marks


@pytest.mark.parametrize("index", ["compare", "compare/themes", "compare/legal", "compare/institutions"])
def test_comparison_index_pages_page_on_by_region(many_plans: dict[str, str], index: str) -> None:
    from docs_build.site.compare import PLANS_PER_PAGE
    pages = [many_plans[f"{index}/index.md"]] + [many_plans[f"{index}/page-{n}/index.md"] for n in (2, 3)]
    assert f"{index}/page-4/index.md" not in many_plans
    shown = [re.findall(r'data-plan="([a-z0-9-]+)"', page) for page in pages]
    columns = [list(dict.fromkeys(ids)) for ids in shown]
    assert [len(c) for c in columns] == [PLANS_PER_PAGE, PLANS_PER_PAGE, 12 - 2 * PLANS_PER_PAGE]
    assert len({p for c in columns for p in c}) == 12  # every plan on exactly one page
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of 3, " in page
        assert re.search(r"Page 1: [A-Z][\w -]+: Kosovo [A-Z]{2}", page)  # each page named by region and country


def test_ids_that_would_take_a_further_page_address_are_refused(tmp_path: Path) -> None:
    from docs_build.data.problems import DataError
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    themes = data / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("id: prevention", "id: page-2", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_atlas(data)
    assert any(p.type == "xref.reserved-id" and "page-2" in (p.value or "") for p in caught.value.problems)


@pytest.fixture(scope="module")
def more_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The generated pages of the minimal data set copied into 27 countries: two more plans than fit one page of an
    instrument's citations or of the downloads."""
    from docs_build.site.compare import CITING_PER_PAGE
    from docs_build.site.downloads import PLANS_PER_PAGE
    assert CITING_PER_PAGE == PLANS_PER_PAGE == 25
    data = tmp_path_factory.mktemp("citing") / "data"
    bench.synthesize(MINIMAL, data, 27)
    return {p.src: p.content.replace("\x0e", "").replace("\x0f", "") for p in prepare(ROOT, data).pages}


def test_an_instrument_page_pages_on_its_citing_plans(more_plans: dict[str, str]) -> None:
    from docs_build.site.compare import CITING_PER_PAGE
    pages = more_plans
    first = pages["compare/legal/palermo-protocol/index.md"]
    second = pages["compare/legal/palermo-protocol/page-2/index.md"]
    assert first.count("\n## ") == CITING_PER_PAGE and second.count("\n## ") == 2
    assert "Page 2 of 2, " in second
    legal = pages["compare/legal/page-6/index.md"]  # the matrix links each citation to the page that quotes it
    assert re.search(r'href="\.\./palermo-protocol/page-2/#[a-z]{2}-2011-2014"', legal), legal[:3000]


def test_downloads_list_the_plans_own_files_page_by_page(more_plans: dict[str, str]) -> None:
    """The downloads page lists 25 plans' files and the way on; the next page the other two; each file once."""
    first, second = more_plans["downloads/index.md"], more_plans["downloads/page-2/index.md"]
    assert "downloads/page-3/index.md" not in more_plans
    files = [re.findall(r"\]\(/downloads/(plans/[a-z0-9-]+\.json)\)", page) for page in (first, second)]
    assert [len(f) for f in files] == [25, 2]
    assert len(set(files[0] + files[1])) == 27
    assert "Page 1 of 2, " in first and "Page 2 of 2, " in second
    assert "(/downloads/plan-atlas.json)" in first and "plan-atlas.json)" not in second.split("## ")[0]
    assert re.search(r"plans/[a-z]{2}-2011-2014\.json", first.split('"distribution"')[1])  # JSON-LD: this page's files


@pytest.mark.parametrize("page", ["index.html", "about/index.html", "countries/index.html"])
def test_navigation_does_not_grow_with_the_countries(minimal_site: Path, many_site: Path, page: str) -> None:
    """Not even by blank lines: the navigation of a page outside every country is the same with one or four."""
    one = primary_nav((minimal_site / page).read_text(encoding="utf-8"))
    many = primary_nav((many_site / page).read_text(encoding="utf-8"))
    assert one and len(many) == len(one), f"{page}: navigation {len(one)} → {len(many)} characters"


def test_plans_index_pages_on_by_region(many_countries: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plans index lists PLANS_PER_PAGE plans to a page under their regions' headings, and links every page."""
    from docs_build.site import countries
    monkeypatch.setattr(countries, "PLANS_PER_PAGE", 3)
    pages = {p.src: p for p in prepare(ROOT, many_countries).pages}
    assert pages["plans/index.md"].in_nav and not pages["plans/page-2/index.md"].in_nav
    first, second = (pages[src].content.replace("\x0e", "").replace("\x0f", "")  # the escaping marks
                     for src in ("plans/index.md", "plans/page-2/index.md"))
    assert "exclude" not in first.split("---")[1] and "exclude" in second.split("---")[1]
    plans = [re.findall(r"\]\(/plans/([a-z]{2}-[0-9][a-z0-9-]*)/index\.md\)", p) for p in (first, second)]
    assert [len(set(p)) for p in plans] == [3, 1]
    assert len(set(plans[0]) | set(plans[1])) == COPIES  # every plan on one page or the other
    assert len(re.findall(r"^## ", first, re.M)) == 3  # one region per copy, each under its heading
    assert "Page 1 of 2, 3 plans to a page by region" in first
    assert "[Page 2 →](/plans/page-2/index.md)" in first
    assert "[← Page 1](/plans/index.md)" in second
