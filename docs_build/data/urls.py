"""The URL scheme: every country, plan, pillar, objective and activity has one stable address.

Documented in ARCHITECTURE.md and fixed by tests/test_urls.py. Paths are relative to the site root.
"""

from __future__ import annotations

import re

from .models import Activity, Objective

# Top-level folders the site writes besides plans/ and countries/ (page families, content pages, static files).
# A retired address (data/redirects.yaml) never lies in one: its page would hide or be hidden by a live one.
SECTIONS = ("compare/", "explore/", "indicators/", "downloads/", "charts/", "assets/", "search/", "about/",
            "add-a-plan/", "stylesheets/", "javascripts/", "pagefind/", "sources/")
INDEXES = ("plans/", "countries/")

# HTML ids a plan page writes itself (overrides/atlas/plan.md.html), and the prefixes of the ids it writes for
# budget tables (`budget-<table id>`) and charts (`chart-<chart id>`): an overview section may take none of them.
PLAN_ANCHORS = frozenset({"pillars", "charts", "vision", "mission", "indicators", "international-law",
                          "domestic-law", "budget-tables", "funding", "notes"})
PLAN_ANCHOR_PREFIXES = ("budget-", "chart-")
# Ids that would take the address of a further page of plans (compare/themes/page-2/, compare/legal/page-2/).
PAGE_ID = re.compile(r"page-\d+")
# Names of a plan's own charts (`<plan id>-<name>[-<currency>]`, also the CSV file name under charts/); a budget
# table's chart is `<plan id>-<table id>-<currency>`, so no table id may be one of them.
PLAN_CHARTS = frozenset({"activities-per-pillar", "activities-per-objective", "activities-by-deadline",
                         "lead-bodies", "indicators", "budget-per-pillar", "budget-per-objective", "budget-per-year"})


def plan_chart(plan_id: str, name: str, currency: str | None = None) -> str:
    """Id of a plan's chart (HTML id `chart-<id>`, CSV `charts/<id>.csv`): `xk-2011-2014-budget-per-year-eur`."""
    return f"{plan_id}-{name}" + (f"-{currency.lower()}" if currency else "")


def country(code: str) -> str:
    """`countries/xk/`"""
    return f"countries/{code.lower()}/"


def plans(page: int = 1) -> str:
    """`plans/`: every plan, by region; `plans/page-2/` and on list further plans."""
    return "plans/" if page == 1 else f"plans/page-{page}/"


def plan(plan_id: str) -> str:
    """`plans/xk-2011-2014/`"""
    return f"plans/{plan_id}/"


def pillar(plan_id: str, pillar_id: str) -> str:
    """`plans/xk-2011-2014/prevention/`"""
    return f"plans/{plan_id}/{pillar_id}/"


def anchor(item: Objective | Activity, key: str) -> str:
    """Anchor on the pillar page: `goal-1`, `objective-1-1`, `activity-1-1-3`."""
    return f"activity-{key}" if isinstance(item, Activity) else f"{item.level}-{key}"


def activity(plan_id: str, pillar_id: str, key: str) -> str:
    """`plans/xk-2011-2014/prevention/1-1-3/`"""
    return f"plans/{plan_id}/{pillar_id}/{key}/"


def activity_id(plan_id: str, pillar_id: str, key: str) -> str:
    """Stable activity id: `xk-2011-2014/prevention/1-1-3` (its URL path without `plans/`)."""
    return f"{plan_id}/{pillar_id}/{key}"


def objective_id(plan_id: str, pillar_id: str, item: Objective, key: str) -> str:
    """Stable objective id: `xk-2011-2014/prevention/objective-1-1` (pillar page + anchor)."""
    return f"{plan_id}/{pillar_id}/{anchor(item, key)}"



def source(plan_id: str, part: int = 1) -> str:
    """`sources/xk-2011-2014/`: the plan's source text with numbered lines; `.../part-2/` holds later lines."""
    return f"sources/{plan_id}/" + ("" if part == 1 else f"part-{part}/")


def institution(code: str, body_id: str) -> str:
    """`countries/xk/institutions/natc/`"""
    return f"countries/{code.lower()}/institutions/{body_id}/"


def compare(page: int = 1) -> str:
    """`compare/`: plans at a glance; `compare/page-2/` and on hold further plans."""
    return "compare/" + ("" if page == 1 else f"page-{page}/")


def compare_themes(page: int = 1) -> str:
    """`compare/themes/`: the themes × plans matrix; `compare/themes/page-2/` and on hold further plans."""
    return "compare/themes/" + ("" if page == 1 else f"page-{page}/")


def compare_theme(theme_id: str, page: int = 1) -> str:
    """`compare/themes/children/`: one theme, plans side by side; `.../page-2/` holds the next plans."""
    return f"compare/themes/{theme_id}/" + ("" if page == 1 else f"page-{page}/")


def compare_legal(page: int = 1) -> str:
    """`compare/legal/`: instruments × plans, domestic laws per country; `.../page-2/` and on hold further plans."""
    return "compare/legal/" + ("" if page == 1 else f"page-{page}/")


def compare_instrument(instrument_id: str, page: int = 1) -> str:
    """`compare/legal/palermo-protocol/`: the plans that cite one instrument; `.../page-2/` holds further plans."""
    return f"compare/legal/{instrument_id}/" + ("" if page == 1 else f"page-{page}/")


def compare_institutions(page: int = 1) -> str:
    """`compare/institutions/`: kinds of lead bodies × plans; `.../page-2/` and on hold further plans."""
    return "compare/institutions/" + ("" if page == 1 else f"page-{page}/")


def compare_activities() -> str:
    """`compare/activities/?ids=a,b`: chosen activities side by side (drawn in the browser from a JSON file)."""
    return "compare/activities/"


def indicators(plan_id: str | None = None) -> str:
    """`indicators/`, or one plan's indicators: `indicators/xk-2011-2014/`."""
    return f"indicators/{plan_id}/" if plan_id else "indicators/"


def downloads(page: int = 1) -> str:
    """`downloads/`: the open data files; `downloads/page-2/` and on list further plans' own files."""
    return "downloads/" if page == 1 else f"downloads/page-{page}/"


def explore(page: int = 1) -> str:
    """`explore/`: the activity explorer; `explore/page-2/` and on list further activities without JavaScript."""
    return "explore/" if page == 1 else f"explore/page-{page}/"
