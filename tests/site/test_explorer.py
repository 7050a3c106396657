"""The explorer's data files and static pages: stable ids, bodies with their roles, budgets with their figures, the
rows of activities.csv for the download, and amounts on the pages that work without JavaScript."""

from __future__ import annotations

import csv
import html
import io
import json
from functools import cache

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.data.records import Records
from docs_build.opendata import tables
from docs_build.site import explorer
from docs_build.site.compare import institution_roles
from docs_build.site.context import SiteBuilder
from docs_build.site.render import DATA_RUN
from tests.conftest import ROOT

TEMPLATES = ROOT / "overrides" / "atlas"


@cache
def records() -> Records:
    """The records of the shipped data, built once for this module."""
    return Records(build_atlas(ROOT / "data"))


@cache
def data() -> dict:
    """The explorer's main data file for the shipped data."""
    return explorer.explorer_data(records())


def shown(markdown: str) -> str:
    """A generated page's text without the markers around data text (render.DATA_RUN), as a reader sees it."""
    return DATA_RUN.sub(lambda m: html.unescape(m.group(1)), markdown)


def test_filters_use_the_ids_of_the_site_addresses() -> None:
    d = data()
    atlas = records().atlas
    assert [p["id"] for p in d["plans"]] == list(atlas.plans)
    assert "xk-2011-2014/protection" in [p["id"] for p in d["pillars"]]
    assert "xk/ngo" in [b["id"] for b in d["bodies"]]
    # A registry body that no activity names yet (North Macedonia prints bodies per goal) is known: 0 matches, no error.
    assert {f"{code}/{b}" for code, group in atlas.institutions.items() for b in group} == {
        b["id"] for b in d["bodies"]}
    for body in d["bodies"]:
        code, _, key = body["id"].partition("/")
        assert key in atlas.institutions[code], body


@pytest.mark.parametrize("body", ["xk/ngo", "xk/natc", "rs/moi", "al/moi"])
def test_each_role_counts_the_activities_of_the_institution_page(body: str) -> None:
    """Leads, shares responsibility, partner in: the same activities as the three lists of the institution page."""
    d = data()
    index = [b["id"] for b in d["bodies"]].index(body)
    code, _, key = body.partition("/")
    expected = {role: [r.url for r in rows] for role, rows in institution_roles(records(), code, key).items()}
    found: dict[str, list[str]] = {role: [] for role in expected}
    names = {0: "lead", 1: "responsible", 2: "partner"}
    for row in d["rows"]:
        for entry in row["b"]:
            if entry[0] == index:  # an entry with a goal was printed above the activity (issue 18)
                found[names[entry[1]] + ("-above" if len(entry) > 2 else "")].append(row["u"])
    assert found == expected
    assert sum(map(len, found.values())), "the body is named somewhere, so the test tests something"


def test_kosovo_ngos_are_partner_in_48_activities() -> None:
    """The issue's example: the explorer found 4 activities, its institution page lists 'Partner in (48)'."""
    d = data()
    index = [b["id"] for b in d["bodies"]].index("xk/ngo")
    assert sum(1 for row in d["rows"] for e in row["b"] if e[0] == index and e[1] == 2) == 48


def test_goal_level_bodies_count_and_are_labelled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook for bodies printed for a goal (issue 18): they count in the body filter and carry their goal."""
    record = next(r for r in records().all_activities() if r.plan_id == "mk-2009-2012")
    monkeypatch.setattr(explorer, "goal_level", lambda r: (explorer.Involvement("mlsp", "lead", "Goal 5"),)
                        if r.id == record.id else ())
    d = explorer.explorer_data(records())
    row = next(row for row in d["rows"] if row["u"] == record.url)
    index = [b["id"] for b in d["bodies"]].index("mk/mlsp")
    assert [index, 0, "Goal 5"] in row["b"]
    builder = SiteBuilder(records().atlas, TEMPLATES)
    page = next(p for p in explorer.site_pages(builder) if record.url in p.content and "mk-2009-2012" in p.content)
    assert "MLSP (set at goal level: Goal 5)" in shown(page.content)


def test_amounts_are_published_per_currency_as_printed() -> None:
    d = data()
    by_url = {r.url: r for r in records().all_activities()}
    with_figures = [row for row in d["rows"] if "a" in row]
    assert with_figures
    for row in with_figures:
        record = by_url[row["u"]]
        assert row["bp"] == record.budget_printed
        assert [(d["currencies"][a[0]], a[1], a[2]) for a in row["a"]] == [
            (a.currency, a.value, a.year) for a in record.amounts]


def test_csv_rows_are_the_rows_of_the_activities_download() -> None:
    """The download of a filtered view is made of the lines of downloads/activities.csv, byte for byte."""
    published = tables.to_csv(tables.ACTIVITIES, tables.activity_rows(records()))
    table = explorer.csv_data(records())
    assert ("\ufeff" + "\r\n".join([table["header"], *table["rows"]]) + "\r\n").encode() == published
    assert table["columns"] == tables.ACTIVITIES.names
    assert len(table["rows"]) == len(data()["rows"]) == len(explorer.details_data(records()))
    parsed = list(csv.reader(io.StringIO(published.decode("utf-8-sig"), newline="")))[1:]
    assert [row[table["columns"].index("url")] for row in parsed] == [row["u"] for row in data()["rows"]]


def test_static_pages_show_amounts_and_the_full_width() -> None:
    builder = SiteBuilder(records().atlas, TEMPLATES)
    pages = explorer.site_pages(builder)
    first = shown(pages[0].content)
    assert "hide:\n- navigation\n- toc\n" in first
    text = "\n".join(shown(p.content) for p in pages)
    assert "EUR 150,000" in text and "as printed: 150.000" in text
    assert "partners: NGO" in text
    for name in (explorer.DATA, explorer.DETAILS, explorer.CSV_ROWS):
        json.loads(builder.files[name])


def test_a_deadline_printed_for_a_goal_counts_for_its_activities_labelled_as_such() -> None:
    """North Macedonia prints deadlines per expected result: its activities sort and filter by that year, and the
    cell says where it is printed; an activity's own deadline is never replaced."""
    d = data()
    by_url = {r["u"]: r for r in d["rows"]}
    row = by_url["plans/mk-2009-2012/legal-reforms/1-1-1/"]
    assert row["y"] == 2010
    assert row["d"] == "By the end of 2010 (set for Expected result 1.1 (printed at expected result level))"
    own = next(r for r in records().all_activities() if r.deadline_printed and not r.has_deadline_above)
    assert by_url[own.url]["d"] == own.deadline_printed and by_url[own.url]["y"] == own.end_year
    builder = SiteBuilder(records().atlas, TEMPLATES)
    pages = explorer.site_pages(builder)
    assert any("set for Expected result 1.1 (printed at expected result level)" in shown(p.content) for p in pages)
