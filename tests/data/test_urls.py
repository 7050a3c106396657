"""URLs are a promise: these addresses are published and must never change silently."""

from __future__ import annotations

from docs_build.data import urls
from docs_build.data.atlas import build_atlas
from docs_build.data.walk import activities
from docs_build.site.page import src_of
from tests.conftest import ROOT

# (pillar, printed ref) -> (activity id, URL). Change only with a redirect for the old URL.
FIXED = {
    ("prevention", "1.1.1"): ("xk-2011-2014/prevention/1-1-1", "plans/xk-2011-2014/prevention/1-1-1/"),
    ("prevention", "3.4.3"): ("xk-2011-2014/prevention/3-4-3", "plans/xk-2011-2014/prevention/3-4-3/"),
    ("protection", "1.1.1"): ("xk-2011-2014/protection/1-1-1", "plans/xk-2011-2014/protection/1-1-1/"),
    ("protection", "2.2.2"): ("xk-2011-2014/protection/2-2-2", "plans/xk-2011-2014/protection/2-2-2/"),
    ("investigation-and-prosecution", "6.1.11"): (
        "xk-2011-2014/investigation-and-prosecution/6-1-11",
        "plans/xk-2011-2014/investigation-and-prosecution/6-1-11/"),
    ("protection-of-children", "4.1.5"): (
        "xk-2011-2014/protection-of-children/4-1-5", "plans/xk-2011-2014/protection-of-children/4-1-5/"),
}
FIXED_PAGES = {
    "countries/xk/": "countries/xk/index.md",
    "plans/xk-2011-2014/": "plans/xk-2011-2014/index.md",
    "plans/xk-2011-2014/prevention/": "plans/xk-2011-2014/prevention/index.md",
    "plans/xk-2011-2014/prevention/1-1-3/": "plans/xk-2011-2014/prevention/1-1-3/index.md",
}


def test_sample_of_activity_urls_is_fixed() -> None:
    plan = build_atlas(ROOT / "data").plans["xk-2011-2014"]
    found = {}
    for pillar in plan.pillars:
        for node in activities(pillar):
            found[(pillar.id, node.item.ref)] = (urls.activity_id(plan.id, pillar.id, node.key),
                                                 urls.activity(plan.id, pillar.id, node.key))
    for key, expected in FIXED.items():
        assert found[key] == expected


def test_activity_ids_are_unique_lowercase_ascii() -> None:
    atlas = build_atlas(ROOT / "data")
    ids = [urls.activity_id(plan.id, pillar.id, node.key)
           for plan in atlas.plans.values() for pillar in plan.pillars for node in activities(pillar)]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() and i == i.lower() and " " not in i for i in ids)


def test_page_urls_and_sources() -> None:
    assert urls.country("XK") == "countries/xk/"
    assert urls.plan("xk-2011-2014") == "plans/xk-2011-2014/"
    for url, src in FIXED_PAGES.items():
        assert src_of(url) == src


def test_objective_anchors_are_fixed(built_site) -> None:
    html = (built_site / "plans/xk-2011-2014/protection/index.html").read_text(encoding="utf-8")
    for anchor in ("goal-1", "objective-1-1", "objective-1-2", "objective-3-3", "activity-1-2-7"):
        assert f'id="{anchor}"' in html


URLS_GOLDEN = ROOT / "tests" / "golden" / "urls.tsv"


def _published() -> tuple[dict[str, str], set[str]]:
    """Every id of the shipped data with its URL (countries, plans, pillars, objectives, activities); redirects."""
    from docs_build.data.redirects import addresses

    atlas = build_atlas(ROOT / "data")
    return addresses(atlas.plans.values()), {r.from_ for r in atlas.redirects}


def test_every_published_id_keeps_its_url_or_has_a_redirect(update_golden: bool) -> None:
    """The list of every id and URL is kept in tests/golden/urls.tsv: an id that disappears or moves must leave
    a redirect in data/redirects.yaml; new ids are added to the list with --update-golden."""
    current, retired = _published()
    if update_golden:
        URLS_GOLDEN.write_text("".join(f"{i}\t{u}\n" for i, u in sorted(current.items())), encoding="utf-8")
    golden = dict(line.split("\t") for line in URLS_GOLDEN.read_text(encoding="utf-8").splitlines())
    pages = {u.split("#")[0] for u in current.values()}
    broken = {i: u for i, u in golden.items() if current.get(i) != u and u.split("#")[0] not in retired | pages}
    assert not broken, f"published ids lost their URL without a redirect (data/redirects.yaml): {broken}"
    moved = {i: (u, current.get(i)) for i, u in golden.items() if i not in current or current[i] != u}
    assert set(moved) <= {i for i, u in golden.items() if u.split("#")[0] in retired}, (
        f"published ids changed URL: {moved}; keep the old address working with a redirect, then --update-golden")
    new = sorted(set(current) - set(golden))
    assert not new, f"{len(new)} new ids, e.g. {new[:3]}: review, then record them with --update-golden"
