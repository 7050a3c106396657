"""The real MkDocs build: Kosovo pages and anchors exist, navigation stays small, failures write nothing."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.data.walk import activities
from docs_build.site.page import mark_acronyms, whole_words_in
from docs_build.site.render import abbr_tags, data_runs, environment, md_text
from tests.conftest import FIXTURES, ROOT, mkdocs_build

KOSOVO = "plans/xk-2011-2014"
PILLARS = ["prevention", "protection", "investigation-and-prosecution", "protection-of-children"]


def test_kosovo_pages_and_anchors_exist(built_site: Path) -> None:
    assert (built_site / "countries/xk/index.html").is_file()
    overview = (built_site / KOSOVO / "index.html").read_text(encoding="utf-8")
    for pillar in PILLARS:
        assert f'href="{pillar}/"' in overview
    atlas = build_atlas(ROOT / "data")
    plan = atlas.plans["xk-2011-2014"]
    for pillar in plan.pillars:
        html = (built_site / KOSOVO / pillar.id / "index.html").read_text(encoding="utf-8")
        for node in activities(pillar):
            assert f'id="activity-{node.key}"' in html
            assert (built_site / KOSOVO / pillar.id / node.key / "index.html").is_file()
        for node in pillar.objectives:
            assert f'id="goal-{node.ref}"' in html


def test_activity_pages_stay_out_of_navigation(built_site: Path) -> None:
    html = (built_site / KOSOVO / "prevention/index.html").read_text(encoding="utf-8")
    nav = html.split('md-sidebar--primary', 1)[1].split("md-sidebar--secondary", 1)[0]
    assert 'href="../protection/"' in nav
    assert not re.search(r'href="[^"#]*1-1-\d+/"', nav)
    sizes = [p.stat().st_size for p in built_site.joinpath(KOSOVO).rglob("index.html")]
    assert max(sizes) < 150_000


def test_acronym_tooltips_on_activity_page(built_site: Path) -> None:
    html = (built_site / KOSOVO / "prevention/1-1-1/index.html").read_text(encoding="utf-8")
    assert '<abbr title="National Anti-Trafficking Coordinator">NATC</abbr>' in html


@pytest.mark.parametrize(("text", "found"), [
    ("the MIA and MIAx", {"MIA"}),            # whole words only
    ("xMIA, MIA2, _MIA", set()),              # a letter, digit or underscore on either side
    ("ILO-IPEC and ILO", {"ILO-IPEC", "ILO"}),  # the longest acronym wins where several start
    ("xILO-IPEC", {"IPEC"}),                  # a rejected start does not hide a later one
    ("(MIA)\nMIA.", {"MIA"}),
    ("МВР and MIA", {"МВР", "MIA"}),           # Cyrillic letters are letters
])
def test_acronyms_are_found_as_whole_words(text: str, found: set[str]) -> None:
    assert whole_words_in(("MIA", "ILO", "ILO-IPEC", "IPEC", "МВР"), text) == found


def test_acronyms_are_marked_in_escaped_data_text_only() -> None:
    """Data text reaches the page's Markdown escaped: an acronym with a joiner is found; labels and attributes never."""
    names = {"M&E": "Monitoring", "ILO-IPEC": "IPEC of the ILO", "MIA": "Ministry", "UN": "United Nations",
             "Activity": "Not an acronym", "amp": "Not in entities", 'Q"<': 'Quote "and" <b>'}
    body = (f"Activity {md_text('the M&E plan, ILO-IPEC and MIA (UNICEF), an Activity')} "
            f'<span title="{md_text("MIA")}">x</span>')
    tags = abbr_tags(environment(ROOT / "overrides/atlas"), names)
    assert tags[html.escape('Q"<')] == '<abbr title="Quote &quot;and&quot; &lt;b&gt;">Q&quot;&lt;</abbr>'  # escaped
    marked = mark_acronyms(body, tags)
    assert [part for part, is_data in data_runs(marked) if is_data] == [
        'the <abbr title="Monitoring">M&amp;E</abbr> plan, <abbr title="IPEC of the ILO">ILO-IPEC</abbr> and '
        '<abbr title="Ministry">MIA</abbr> (UNICEF), an <abbr title="Not an acronym">Activity</abbr>', "MIA"]
    assert marked.startswith("Activity ")  # the label stays plain


def test_no_tooltip_repeats_the_acronym() -> None:
    """Bodies the source never spells out (their name is the acronym) get no tooltip that would only repeat it."""
    atlas = build_atlas(ROOT / "data")
    assert atlas.institutions["al"]["bktf"].name == "BKTF"
    assert "BKTF" not in atlas.acronyms("al")
    assert all(acronym != name for code in atlas.institutions for acronym, name in atlas.acronyms(code).items())


def test_no_third_party_requests_in_pages(built_site: Path) -> None:
    for page in [built_site / "index.html", built_site / KOSOVO / "prevention/1-1-1/index.html"]:
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for attr in ('src="http', "src=\"//", 'href="//'):
            assert attr not in html
        assert '<link rel="stylesheet" href="http' not in html


def snapshot(site: Path) -> dict[str, str]:
    """Hash of every file of a built site."""
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_failed_build_leaves_earlier_site_untouched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(site, FIXTURES / "minimal" / "data").returncode == 0
    before = snapshot(site)
    bad = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal" / "data", bad)
    shutil.copy(FIXTURES / "bad" / "unknown-currency.yaml", bad / "plans/xk-2011-2014/1-prevention.yaml")
    result = mkdocs_build(site, bad)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "[schema.unknown-currency]" in output and "data/plans/xk-2011-2014/1-prevention.yaml:11:76" in output
    assert snapshot(site) == before
